//! Precision and recall on two labelled evaluation sets, both scored by `evaluate`
//! (key-level, per passage; short forms excluded):
//!
//! * `tests/eval/passages.jsonl` — the development set: 283 passages sampled from
//!   the development corpus by cue words and numeric cues (plus random paragraphs), labelled
//!   by reading. Its misses guided extractor fixes, so it is no longer held out.
//!   Asserts overall precision and recall ≥ 0.95.
//! * `tests/eval/heldout.jsonl` — the held-out set: 235 passages (batch A: 165 cue and
//!   random passages; batch B: 70 numeric-cue passages) from documents not used in the
//!   development set, selected by `tests/eval/heldout.py` and labelled blind (before any
//!   extractor run on them). The blind run gave 0.985 and 0.903; its misses then guided
//!   fixes (1.000 and 0.986 after), so it asserts overall precision and recall ≥ 0.97.
//!
//! Procedure: `tests/eval/README.md`; blind results and every error: `tests/eval/HELDOUT.md`.
//! Run with `--nocapture` to print the per-kind tables and the list of errors.

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

/// Scores of one evaluation set.
struct Evaluation {
    passages: usize,
    overall: Counts,
    per_kind: BTreeMap<String, Counts>,
    /// `FP <id> <key>` / `FN <id> <key>`, in file order.
    errors: Vec<String>,
}

/// Runs the extractor on every passage of a JSON-lines set (`id`, `mechanism`, `text`,
/// `keys`) and compares the extracted key set with the labelled one, passage by passage.
fn evaluate(file: &str) -> Evaluation {
    let path = format!("{}/tests/eval/{file}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).expect("evaluation set");
    let mut evaluation = Evaluation {
        passages: 0,
        overall: Counts::default(),
        per_kind: BTreeMap::new(),
        errors: Vec::new(),
    };
    for line in raw.lines().filter(|line| !line.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line).expect("jsonl");
        evaluation.passages += 1;
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
            let counts = evaluation.per_kind.entry(kind_of(key)).or_default();
            let overall = &mut evaluation.overall;
            match (expected.contains(key), found.contains(key)) {
                (true, true) => {
                    counts.true_positives += 1;
                    overall.true_positives += 1;
                }
                (false, true) => {
                    counts.false_positives += 1;
                    overall.false_positives += 1;
                    evaluation.errors.push(format!("FP {} {key}", record["id"]));
                }
                (true, false) => {
                    counts.false_negatives += 1;
                    overall.false_negatives += 1;
                    evaluation.errors.push(format!("FN {} {key}", record["id"]));
                }
                (false, false) => unreachable!(),
            }
        }
    }
    evaluation
}

fn print_table(name: &str, evaluation: &Evaluation) {
    println!("\n{name}\n\n| kind | TP | FP | FN | precision | recall |\n|---|---|---|---|---|---|");
    for (kind, counts) in &evaluation.per_kind {
        println!(
            "| {kind} | {} | {} | {} | {:.3} | {:.3} |",
            counts.true_positives,
            counts.false_positives,
            counts.false_negatives,
            counts.precision(),
            counts.recall()
        );
    }
    let overall = &evaluation.overall;
    println!(
        "| **overall** ({} passages) | {} | {} | {} | {:.3} | {:.3} |",
        evaluation.passages,
        overall.true_positives,
        overall.false_positives,
        overall.false_negatives,
        overall.precision(),
        overall.recall()
    );
    for error in &evaluation.errors {
        println!("{error}");
    }
}

fn assert_floor(evaluation: &Evaluation, min_passages: usize, floor: f64) {
    assert!(
        evaluation.passages >= min_passages,
        "the evaluation set must hold at least {min_passages} passages"
    );
    let overall = &evaluation.overall;
    assert!(
        overall.precision() >= floor,
        "precision {:.3} < {floor}",
        overall.precision()
    );
    assert!(
        overall.recall() >= floor,
        "recall {:.3} < {floor}",
        overall.recall()
    );
}

#[test]
fn precision_and_recall_on_the_labelled_corpus_passages() {
    let evaluation = evaluate("passages.jsonl");
    print_table("development set (passages.jsonl)", &evaluation);
    assert_floor(&evaluation, 150, 0.95);
}

#[test]
fn precision_and_recall_on_the_held_out_passages() {
    let evaluation = evaluate("heldout.jsonl");
    print_table("held-out set (heldout.jsonl)", &evaluation);
    assert_floor(&evaluation, 160, 0.97);
}
