//! Properties checked: while the server runs, `hrlex index` (another writer on the same
//! folder) commits a new document; without restart the server then finds it, the
//! generation in `/metrics` and `/api/info` advances, and no request in between fails.

use crate::common::*;
use axum::http::{Method, StatusCode};
use hrlex_index::{update_index, CorpusEntry, IndexRunOptions};
use hrlex_model::{Document, Lang, Mechanism, Paragraph};
use hrlex_server::{AppState, ServerLimits};
use std::time::{Duration, Instant};

fn note(id: &str, text: &str, relative: &str) -> Document {
    let mut document = Document::new(id, Lang::En);
    document.title = format!("Note {id}");
    document.mechanism = Mechanism::Cat;
    document.source.path = relative.to_string();
    document.paragraphs = vec![Paragraph::numbered("1", text)];
    document
}

fn index_files(corpus: &std::path::Path, index: &std::path::Path, files: &[(&str, Document)]) {
    let mut entries = Vec::new();
    for (relative, _) in files {
        let path = corpus.join(relative);
        std::fs::write(&path, relative.as_bytes()).unwrap();
        entries.push(CorpusEntry::new(path, *relative));
    }
    let options = IndexRunOptions::new(index, vec![corpus.to_path_buf()], "test");
    update_index(&options, entries, Vec::new(), |batch| {
        batch
            .iter()
            .map(|entry| {
                let (_, document) = files
                    .iter()
                    .find(|(relative, _)| *relative == entry.relative)
                    .unwrap();
                hrlex_index::Extraction::Documents(vec![document.clone()])
            })
            .collect()
    })
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_commit_by_another_writer_is_served_without_restart() {
    let corpus = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    let first = note(
        "note-1",
        "The State party deported the author despite a risk of torture.",
        "one.txt",
    );
    index_files(corpus.path(), index.path(), &[("one.txt", first.clone())]);
    let limits = ServerLimits {
        reload_interval: Duration::from_millis(200),
        ..ServerLimits::default()
    };
    let server = RunningServer::start(AppState::open(index.path(), limits).unwrap()).await;
    let before = http(
        server.address,
        Method::GET,
        "/api/search?q=zanzibarword",
        &[],
        None,
    )
    .await;
    assert_eq!(before.status, StatusCode::OK);
    assert_eq!(before.json()["total"], 0);
    let generation_before = http(server.address, Method::GET, "/api/info", &[], None)
        .await
        .json()["generation"]
        .as_u64()
        .unwrap();

    // Requests keep flowing while the other writer commits.
    let address = server.address;
    let traffic = tokio::spawn(async move {
        let mut statuses = Vec::new();
        for _ in 0..30 {
            statuses.push(
                http(address, Method::GET, "/api/search?q=torture", &[], None)
                    .await
                    .status,
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        statuses
    });
    let second = note(
        "note-2",
        "A new decision mentions zanzibarword for the first time.",
        "two.txt",
    );
    let corpus_path = corpus.path().to_path_buf();
    let index_path = index.path().to_path_buf();
    tokio::task::spawn_blocking(move || {
        index_files(
            &corpus_path,
            &index_path,
            &[("one.txt", first), ("two.txt", second)],
        );
    })
    .await
    .unwrap();

    let started = Instant::now();
    loop {
        let reply = http(
            server.address,
            Method::GET,
            "/api/search?q=zanzibarword",
            &[],
            None,
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK);
        if reply.json()["total"] == 1 {
            assert_eq!(reply.json()["hits"][0]["id"], "note-2");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the new document never became visible"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let statuses = traffic.await.unwrap();
    assert!(
        statuses.iter().all(|status| *status == StatusCode::OK),
        "{statuses:?}"
    );
    let info = http(server.address, Method::GET, "/api/info", &[], None)
        .await
        .json();
    assert!(info["generation"].as_u64().unwrap() > generation_before);
    assert_eq!(info["documents"], 2);
    let metrics = http(server.address, Method::GET, "/metrics", &[], None)
        .await
        .text();
    assert!(
        metrics.contains(&format!("hrlex_index_generation {}", info["generation"])),
        "{metrics}"
    );
}
