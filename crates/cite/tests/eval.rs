//! Precision and recall on the labelled evaluation set `tests/eval/passages.jsonl`:
//! 283 passages sampled from `../shared/corpus` by cue words and numeric cues (plus
//! random paragraphs), labelled by reading (procedure: `tests/eval/README.md`).
//! Properties checked: overall precision and recall ≥ 0.95 (key-level, per passage).
//! Run with `--nocapture` to print the per-kind table.

use hrlex_cite::{extract, CitingContext};
use hrlex_model::Mechanism;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
struct Counts {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }
    fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        1.0
    } else {
        numerator as f64 / denominator as f64
    }
}

fn kind_of(key: &str) -> String {
    let mut parts = key.split(':');
    let family = parts.next().unwrap_or("");
    match family {
        "ecthr" => format!("ecthr:{}", parts.next().unwrap_or("")),
        "iachr" => format!("iachr:{}", parts.next().unwrap_or("")),
        _ => family.to_string(),
    }
}

#[test]
fn precision_and_recall_on_the_labelled_corpus_passages() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/eval/passages.jsonl");
    let raw = std::fs::read_to_string(path).expect("evaluation set");
    let mut per_kind: BTreeMap<String, Counts> = BTreeMap::new();
    let mut overall = Counts::default();
    let mut errors = Vec::new();
    let mut passages = 0;
    for line in raw.lines().filter(|line| !line.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line).expect("jsonl");
        passages += 1;
        let text = record["text"].as_str().expect("text");
        let context = CitingContext {
            symbol: None,
            mechanism: record["mechanism"].as_str().and_then(Mechanism::parse),
        };
        let expected: BTreeSet<String> = record["keys"]
            .as_array()
            .expect("keys")
            .iter()
            .map(|key| key.as_str().expect("key").to_string())
            .collect();
        let found: BTreeSet<String> = extract(text, &context)
            .into_iter()
            .filter(|citation| citation.kind != hrlex_model::CitationKind::ShortForm)
            .map(|citation| citation.key.as_str().to_string())
            .collect();
        for key in expected.union(&found) {
            let counts = per_kind.entry(kind_of(key)).or_default();
            match (expected.contains(key), found.contains(key)) {
                (true, true) => {
                    counts.true_positives += 1;
                    overall.true_positives += 1;
                }
                (false, true) => {
                    counts.false_positives += 1;
                    overall.false_positives += 1;
                    errors.push(format!("FP {} {key}", record["id"]));
                }
                (true, false) => {
                    counts.false_negatives += 1;
                    overall.false_negatives += 1;
                    errors.push(format!("FN {} {key}", record["id"]));
                }
                (false, false) => unreachable!(),
            }
        }
    }
    println!("| kind | TP | FP | FN | precision | recall |\n|---|---|---|---|---|---|");
    for (kind, counts) in &per_kind {
        println!(
            "| {kind} | {} | {} | {} | {:.3} | {:.3} |",
            counts.true_positives,
            counts.false_positives,
            counts.false_negatives,
            counts.precision(),
            counts.recall()
        );
    }
    println!(
        "| **overall** ({passages} passages) | {} | {} | {} | {:.3} | {:.3} |",
        overall.true_positives,
        overall.false_positives,
        overall.false_negatives,
        overall.precision(),
        overall.recall()
    );
    for error in &errors {
        println!("{error}");
    }
    assert!(
        passages >= 150,
        "the evaluation set must hold at least 150 passages"
    );
    assert!(
        overall.precision() >= 0.95,
        "precision {:.3} < 0.95",
        overall.precision()
    );
    assert!(
        overall.recall() >= 0.95,
        "recall {:.3} < 0.95",
        overall.recall()
    );
}
