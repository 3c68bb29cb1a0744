//! Regression tests for issue 18, defect 2: two documents with one id were silently
//! merged, across access levels (a confidential file's paragraphs served under a public
//! document), and paths such as `a/b.txt` and `a-b.txt` gave one id.

use crate::helpers::{http_get, path_str, run, start_server};
use serde_json::Value;
use std::path::Path;

fn write_with_sidecar(folder: &Path, name: &str, text: &str, sidecar: Value) {
    std::fs::write(folder.join(name), text).unwrap();
    std::fs::write(
        folder.join(format!("{name}.meta.json")),
        sidecar.to_string(),
    )
    .unwrap();
}

/// A confidential Russian file whose sidecar reuses the id of a public one is refused,
/// with both paths named; the anonymous API never shows its words.
#[test]
fn regression_18_2_a_confidential_file_reusing_a_public_id_is_refused_not_merged() {
    let corpus = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    write_with_sidecar(
        corpus.path(),
        "a-public.txt",
        "Комитет считает, что государство-участник нарушило статью 7 Пакта. Публичное решение.",
        serde_json::json!({"id": "pub-1", "lang": "ru"}),
    );
    write_with_sidecar(
        corpus.path(),
        "b-secret.txt",
        "Секретный доклад о посещении: имя жертвы Иванов, тайнаяфраза.",
        serde_json::json!({"id": "pub-1", "lang": "ru", "access": "confidential"}),
    );
    let (code, stdout, stderr) = run(&[
        "index",
        "--corpus",
        path_str(corpus.path()),
        "--index",
        path_str(index.path()),
        "--json",
    ]);
    assert_eq!(
        code, 1,
        "a refused file is a per-file failure: {stdout}{stderr}"
    );
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let failures = report["failed"].as_array().unwrap();
    assert_eq!(failures.len(), 1, "{failures:?}");
    let failure = &failures[0];
    assert_eq!(failure["code"], "duplicate-id");
    assert!(failure["path"].as_str().unwrap().ends_with("b-secret.txt"));
    let reason = failure["reason"].as_str().unwrap();
    assert!(
        reason.contains("pub-1") && reason.contains("a-public.txt"),
        "{reason}"
    );

    let (_server, address, _) = start_server(&["--index", path_str(index.path())]);
    let (status, body) = http_get(&address, "/api/documents/pub-1");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Публичное"), "{body}");
    assert!(
        !body.contains("тайнаяфраза"),
        "confidential text served: {body}"
    );
    let (status, body) = http_get(
        &address,
        "/api/search?q=%D1%82%D0%B0%D0%B9%D0%BD%D0%B0%D1%8F%D1%84%D1%80%D0%B0%D0%B7%D0%B0",
    );
    assert_eq!(status, 200, "{body}");
    let response: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(response["total"], 0, "{body}");
}

/// A second run reports the refused file again (it is not recorded as indexed), and once
/// the public file is gone the confidential one takes the id.
#[test]
fn regression_18_2_a_refused_file_is_reported_until_its_id_is_free() {
    let corpus = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    let args = [
        "index",
        "--corpus",
        path_str(corpus.path()),
        "--index",
        path_str(index.path()),
        "--json",
    ];
    write_with_sidecar(
        corpus.path(),
        "a.txt",
        "The Committee finds a violation of article 7 of the Covenant.",
        serde_json::json!({"id": "views-1"}),
    );
    assert_eq!(run(&args).0, 0);
    write_with_sidecar(
        corpus.path(),
        "b.txt",
        "The Committee finds no violation of article 14 of the Covenant.",
        serde_json::json!({"id": "views-1"}),
    );
    for _ in 0..2 {
        let (code, stdout, _) = run(&args);
        assert_eq!(code, 1, "{stdout}");
        assert!(stdout.contains("duplicate-id"), "{stdout}");
    }
    std::fs::remove_file(corpus.path().join("a.txt")).unwrap();
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["documents_total"], 1, "{stdout}");
    let (_, found, _) = run(&[
        "search",
        "--index",
        path_str(index.path()),
        "--json",
        "article 14",
    ]);
    assert!(found.contains("views-1"), "{found}");
}

/// Files whose names differ only by `/` against `-`, or by case, are two documents.
#[test]
fn regression_18_2_paths_that_slug_alike_are_two_documents() {
    let corpus = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    std::fs::create_dir(corpus.path().join("a")).unwrap();
    std::fs::write(
        corpus.path().join("a/b.txt"),
        "Первое решение Комитета о пытках.",
    )
    .unwrap();
    std::fs::write(
        corpus.path().join("a-b.txt"),
        "Второе решение Комитета о пытках.",
    )
    .unwrap();
    std::fs::write(
        corpus.path().join("A-B.txt"),
        "Третье решение Комитета о пытках.",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&[
        "index",
        "--corpus",
        path_str(corpus.path()),
        "--index",
        path_str(index.path()),
        "--json",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["documents_total"], 3, "{stdout}");
}

/// Byte-identical copies are indexed once and reported (issue 11: one work, one hit).
#[test]
fn byte_identical_files_are_indexed_once_and_reported() {
    let corpus = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    let text = "委员会认为，缔约国违反了《公约》第七条。";
    std::fs::write(corpus.path().join("100491.txt"), text).unwrap();
    std::fs::write(corpus.path().join("100492.txt"), text).unwrap();
    let (code, stdout, stderr) = run(&[
        "index",
        "--corpus",
        path_str(corpus.path()),
        "--index",
        path_str(index.path()),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("byte-identical"), "{stdout}");
    assert!(stdout.contains("100492.txt (same as"), "{stdout}");
    let (_, found, _) = run(&[
        "search",
        "--index",
        path_str(index.path()),
        "--json",
        "公约",
    ]);
    let response: Value = serde_json::from_str(&found).unwrap();
    assert_eq!(response["total"], 1, "{found}");
}
