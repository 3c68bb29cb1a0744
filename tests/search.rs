//! `hrlex index` and `hrlex search` end to end through the binary: the JSON contract of
//! `hrlex search --json`, readable output, exit codes, incremental re-runs.

use std::path::PathBuf;
use std::process::{Command, Output};

fn hrlex(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hrlex"))
        .args(arguments)
        .output()
        .expect("run hrlex")
}

fn dev_corpus_hudoc() -> PathBuf {
    hrlex_testkit::expect_dev_corpus().join("echr/hudoc-texts")
}

/// A corpus of two real HUDOC texts, indexed once.
fn indexed_corpus() -> (tempfile::TempDir, tempfile::TempDir) {
    let corpus = tempfile::tempdir().unwrap();
    let mut names: Vec<String> = std::fs::read_dir(dev_corpus_hudoc())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    for name in &names[..2] {
        std::fs::copy(dev_corpus_hudoc().join(name), corpus.path().join(name)).unwrap();
    }
    let index = tempfile::tempdir().unwrap();
    let output = hrlex(&[
        "index",
        "--corpus",
        corpus.path().to_str().unwrap(),
        "--index",
        index.path().to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = String::from_utf8_lossy(&output.stdout);
    assert!(summary.contains("2 added"), "{summary}");
    (corpus, index)
}

#[test]
fn search_json_follows_the_contract_and_reruns_are_incremental() {
    hrlex_testkit::require_dev_corpus!();
    let (corpus, index) = indexed_corpus();
    let index_path = index.path().to_str().unwrap();
    let output = hrlex(&["search", "--index", index_path, "--json", "Court"]);
    assert_eq!(output.status.code(), Some(0));
    let response: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(response["total"].as_u64().unwrap() >= 1);
    let hit = &response["hits"][0];
    for key in [
        "id",
        "title",
        "lang",
        "mechanism",
        "doc_type",
        "symbol",
        "date",
        "source",
        "score",
        "paragraphs",
        "translations",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
    }
    assert!(hit["source"]["path"].as_str().unwrap().ends_with(".txt"));
    let paragraph = &hit["paragraphs"][0];
    assert!(paragraph.get("n").is_some());
    assert!(paragraph["snippet"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("<mark>court</mark>"));
    for facet in ["system", "mechanism", "doc_type", "state", "lang", "year"] {
        assert!(response["facets"].get(facet).is_some(), "no facet {facet}");
    }

    // Readable output names the paragraph.
    let output = hrlex(&["search", "--index", index_path, "Court"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains(" — "), "{text}");
    assert!(text.contains("[Court]"), "{text}");

    // A second run changes nothing.
    let output = hrlex(&[
        "index",
        "--corpus",
        corpus.path().to_str().unwrap(),
        "--index",
        index_path,
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["unchanged"], 2);
    assert_eq!(report["added"], 0);
}

#[test]
fn malformed_queries_and_bad_usage_exit_with_the_usage_code() {
    hrlex_testkit::require_dev_corpus!();
    let (_corpus, index) = indexed_corpus();
    let index_path = index.path().to_str().unwrap();
    let output = hrlex(&["search", "--index", index_path, "torture AND (detention"]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("column 13"), "{error}");
    let output = hrlex(&["search", "--index", index_path, "--sort", "size", "x"]);
    assert_eq!(output.status.code(), Some(2));
    let output = hrlex(&[
        "index",
        "--corpus",
        "/nonexistent/corpus",
        "--index",
        index_path,
    ]);
    assert_eq!(output.status.code(), Some(2));
    let missing = tempfile::tempdir().unwrap();
    let output = hrlex(&["search", "--index", missing.path().to_str().unwrap(), "x"]);
    assert_eq!(output.status.code(), Some(4));
}

#[test]
fn search_help_documents_the_query_syntax() {
    let output = hrlex(&["search", "--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    for needle in [
        "\"enforced disappearance\"",
        "tortur*",
        "year:2009..2012",
        "cites:",
    ] {
        assert!(help.contains(needle), "help lacks {needle}");
    }
}
