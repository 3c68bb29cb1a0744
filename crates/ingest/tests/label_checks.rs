//! Labels checked against the text (issue #12 item 7), scored on an evaluation set of
//! real records of the development corpus whose true type, outcome, States and title were
//! read by hand (`tests/data/label_checks.json`, labelled before the checker first
//! ran). Each record's file goes through the real pipeline (`extract_file`); every
//! labelled field is scored, and the misses are printed with the notes the checker left.

use hrlex_ingest::{extract_file, FileOutcome, IngestOptions};
use hrlex_model::Document;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    hrlex_testkit::expect_dev_corpus()
}

fn evaluation_set(name: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let set: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    set["records"].as_array().unwrap().clone()
}

/// The documents of every file the set names, by document id.
fn documents(records: &[Value]) -> BTreeMap<String, Document> {
    let mut files: Vec<&str> = records
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    files.sort_unstable();
    files.dedup();
    let options = IngestOptions::default();
    let mut documents = BTreeMap::new();
    for relative in files {
        let path = corpus().join(relative);
        match extract_file(&path, relative, &options) {
            Ok(FileOutcome::Documents(found)) => {
                for document in found {
                    documents.insert(document.id.clone(), document);
                }
            }
            other => panic!("{relative}: {other:?}"),
        }
    }
    documents
}

/// (field, right) for each labelled field of a record.
fn score(record: &Value, document: &Document) -> Vec<(&'static str, bool, String)> {
    let mut scores = Vec::new();
    if let Some(expected) = record.get("doc_type").and_then(Value::as_str) {
        let got = document.doc_type.code();
        scores.push(("type", got == expected, got.to_string()));
    }
    if let Some(rejected) = record.get("doc_type_not").and_then(Value::as_str) {
        let got = document.doc_type.code();
        scores.push(("type", got != rejected, got.to_string()));
    }
    if let Some(expected) = record.get("outcome") {
        let got = document.outcome.clone();
        let right = got.as_deref() == expected.as_str();
        scores.push(("outcome", right, format!("{got:?}")));
    }
    if let Some(expected) = record.get("states").and_then(Value::as_array) {
        let mut expected: Vec<&str> = expected.iter().filter_map(Value::as_str).collect();
        let mut got: Vec<&str> = document.states.iter().map(String::as_str).collect();
        expected.sort_unstable();
        got.sort_unstable();
        scores.push(("states", got == expected, format!("{got:?}")));
    }
    let contains = record.get("title_contains").and_then(Value::as_str);
    let rejects = record.get("title_rejects").and_then(Value::as_str);
    if contains.is_some() || rejects.is_some() {
        let title = document.title.to_lowercase();
        let right = contains.is_none_or(|c| title.contains(&c.to_lowercase()))
            && rejects.is_none_or(|r| !document.title.contains(r));
        scores.push(("title", right, document.title.clone()));
    }
    scores
}

/// Scores one set: (right, all) per field, the misses printed.
fn run(name: &str) -> BTreeMap<&'static str, (usize, usize)> {
    let records = evaluation_set(name);
    let documents = documents(&records);
    let mut totals: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for record in &records {
        let id = record["id"].as_str().unwrap();
        let document = documents
            .get(id)
            .unwrap_or_else(|| panic!("{id}: no such document"));
        for (field, right, got) in score(record, document) {
            let total = totals.entry(field).or_default();
            total.1 += 1;
            if right {
                total.0 += 1;
            } else {
                let notes: Vec<&str> = document
                    .notes
                    .iter()
                    .filter(|note| note.code == hrlex_ingest::labels::LABEL_CORRECTED)
                    .map(|note| note.message.as_str())
                    .collect();
                println!("MISS {id} {field}: got {got}; notes {notes:?}");
            }
        }
    }
    let (right, all) = totals
        .values()
        .fold((0, 0), |(r, a), (right, all)| (r + right, a + all));
    println!("{name}");
    for (field, (right, all)) in &totals {
        println!("  {field:8} {right}/{all}");
    }
    println!("  all      {right}/{all}");
    totals
}

fn fraction(totals: &BTreeMap<&str, (usize, usize)>) -> f64 {
    let (right, all) = totals
        .values()
        .fold((0, 0), |(r, a), (right, all)| (r + right, a + all));
    right as f64 / all as f64
}

/// Floors a little under the figures of BENCHMARKS.md, so that a regression fails.
#[test]
fn labels_are_checked_against_the_text_on_the_evaluation_sets() {
    hrlex_testkit::require_dev_corpus!();
    let development = run("label_checks.json");
    let held_out = run("label_checks_heldout.json");
    assert!(fraction(&development) >= 0.95, "{development:?}");
    assert!(fraction(&held_out) >= 0.95, "{held_out:?}");
}
