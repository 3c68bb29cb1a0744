//! Relevance of the first query a lawyer types, over the whole development corpus,
//! judged by reading (`tests/relevance/`, see its README).
//!
//! Properties checked, each against a floor set from the figures measured on the
//! ranking they guard (raise them as ranking improves; issue #11's targets beside):
//!
//! 1. Mean P@10 of the topic queries (issue's scheme: grade 2 counts 1, grade 1 half,
//!    a duplicate of a work nothing) — target 0.85.
//! 2. MRR of the known items (a symbol, number, general-comment reference or case
//!    name: is the document that bears it first?) — target 0.95.
//! 3. Mean nDCG@10 over all queries.
//! 4. Queries with no relevant hit in their top 10 — target none, in any language.
//! 5. Second hits of one work in a top 10 (language versions, metadata record + full
//!    text, byte-identical files, one recommendation in two exports) — target none.
//!
//! Every query's figures and the means per kind and language are printed (run with
//! `--nocapture`, or read `target/relevance/report.txt`).
//!
//! **How the index is built, and why.** Indexing the 931 files of the development corpus
//! takes about 95 s with the release binary and about 18 times as much CPU with the
//! debug one (measured on `treaty-bodies/decisions`: 40.5 s of user time against 2.2 s),
//! too slow for the default run. So this test builds the release binary from the same
//! sources (`cargo build --release --bin hrlex`, incremental: seconds when nothing
//! changed, a minute or two after a change to the library crates), indexes the corpus
//! with it (`--no-ocr`: the OCR-only files are not in any judgment) and searches through
//! that binary's `hrlex search --json`, the path a user takes. The index is kept in
//! `target/relevance/index` with a key made of the binary's bytes and the corpus
//! manifest (path, size, modification time of every file), so a second run with
//! neither changed reuses it and takes seconds.
mod judgments;
mod metrics;

use crate::helpers::{dev_corpus, path_str};
use judgments::{Judged, Kind};
use metrics::{Hit, Score};
use serde_json::Value;
use std::collections::hash_map::DefaultHasher;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Floors: issue #11's targets, which main meets since 8f7bcd8 (topic P@10 0.870,
/// known-item MRR 1.000, nDCG@10 0.834, no query without a relevant hit, no duplicate;
/// the blind figures, before that ranking work, were 0.398 / 0.556 / 0.430 / 8 / 43).
/// A change that drops below them is a regression of what a lawyer sees; every query
/// must have a relevant hit and no top 10 may hold a work twice.
const MIN_MEAN_TOPIC_PRECISION: f64 = 0.85;
const MIN_KNOWN_ITEM_MRR: f64 = 0.95;
const MIN_MEAN_NDCG: f64 = 0.80;

/// Issue #11's "done when", printed beside the measured figures.
const TARGETS: &str = "issue #11 targets: topic P@10 >= 0.85, known-item MRR >= 0.95, \
no query without a relevant hit, no duplicate hit";

/// Hits fetched per query: the top 10 is scored, the reciprocal rank looks further.
const FETCHED: usize = 30;

fn target_dir() -> PathBuf {
    // CARGO_BIN_EXE_hrlex is <target>/<profile>/hrlex.
    let binary = Path::new(env!("CARGO_BIN_EXE_hrlex"));
    binary
        .parent()
        .and_then(Path::parent)
        .expect("the binary is in <target>/<profile>/")
        .to_path_buf()
}

fn release_binary() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--locked",
            "--bin",
            "hrlex",
            "--manifest-path",
        ])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target_dir())
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo build --release failed: {status}");
    target_dir()
        .join("release")
        .join(format!("hrlex{}", std::env::consts::EXE_SUFFIX))
}

fn hash_corpus(folder: &Path, hasher: &mut DefaultHasher) {
    let mut entries: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let meta = std::fs::metadata(&path).unwrap();
        if meta.is_dir() {
            hash_corpus(&path, hasher);
        } else {
            (path.to_string_lossy(), meta.len(), meta.modified().ok()).hash(hasher);
        }
    }
}

/// The index of the whole development corpus, reused while the binary and the corpus are
/// unchanged.
fn corpus_index(binary: &Path) -> PathBuf {
    let folder = target_dir().join("relevance");
    let index = folder.join("index");
    let key_file = folder.join("index.key");
    let mut hasher = DefaultHasher::new();
    std::fs::read(binary)
        .expect("release binary readable")
        .hash(&mut hasher);
    hash_corpus(&dev_corpus(), &mut hasher);
    let key = format!("{:016x}", hasher.finish());
    if index.is_dir() && std::fs::read_to_string(&key_file).ok().as_deref() == Some(key.as_str()) {
        return index;
    }
    let _ = std::fs::remove_dir_all(&index);
    std::fs::create_dir_all(&folder).unwrap();
    let started = std::time::Instant::now();
    let corpus = dev_corpus();
    let output = Command::new(binary)
        .args([
            "index",
            "--no-ocr",
            "--json",
            "--corpus",
            path_str(&corpus),
            "--index",
            path_str(&index),
        ])
        .env_remove("HRLEX_LOG")
        .output()
        .expect("hrlex index runs");
    let code = output.status.code().unwrap_or(-1);
    // 1: some files failed (the edge cases of pdf-edge-cases/), the rest is indexed.
    assert!(
        code == 0 || code == 1,
        "index failed ({code}): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    println!(
        "relevance: indexed {} in {:.0?}",
        corpus.display(),
        started.elapsed()
    );
    std::fs::write(&key_file, key).unwrap();
    index
}

fn search(binary: &Path, index: &Path, query: &str) -> Vec<Hit> {
    let limit = FETCHED.to_string();
    let output = Command::new(binary)
        .args([
            "search",
            "--json",
            "--limit",
            &limit,
            "--index",
            path_str(index),
            "--",
            query,
        ])
        .env_remove("HRLEX_LOG")
        .output()
        .expect("hrlex search runs");
    assert!(
        output.status.success(),
        "search `{query}` failed ({:?}): {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: Value = serde_json::from_slice(&output.stdout).expect("search --json prints JSON");
    let hits = answer["hits"].as_array().cloned().unwrap_or_default();
    hits.iter()
        .map(|hit| Hit {
            id: hit["id"].as_str().unwrap_or_default().to_string(),
            work_id: hit["work_id"].as_str().unwrap_or_default().to_string(),
        })
        .collect()
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let values: Vec<f64> = values.collect();
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

fn report(scored: &[(&Judged, Score)]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<28} {:<2} {:<5} {:>5} {:>5} {:>5} {:>5} {:>3} {:>3}  query",
        "id", "ln", "kind", "P@10", "ideal", "nDCG", "RR", "rel", "dup"
    );
    for (q, s) in scored {
        let kind = if q.kind == Kind::KnownItem {
            "known"
        } else {
            "topic"
        };
        let _ = writeln!(
            out,
            "{:<28} {:<2} {:<5} {:>5.2} {:>5.2} {:>5.2} {:>5.2} {:>3} {:>3}  {}",
            q.id,
            q.lang,
            kind,
            s.precision,
            s.ideal_precision,
            s.ndcg,
            s.reciprocal_rank,
            s.relevant,
            s.duplicates,
            q.query
        );
    }
    let _ = writeln!(
        out,
        "\n{:<12} {:>3} {:>10} {:>6} {:>6} {:>6}",
        "group", "n", "P@10(top)", "MRR(ki)", "nDCG", "no-rel"
    );
    let mut groups: Vec<(String, Vec<&(&Judged, Score)>)> =
        vec![("all".into(), scored.iter().collect())];
    for lang in judgments::LANGUAGES {
        groups.push((
            lang.into(),
            scored.iter().filter(|(q, _)| q.lang == lang).collect(),
        ));
    }
    for (name, members) in groups {
        let topics = members.iter().filter(|(q, _)| q.kind == Kind::Topic);
        let known = members.iter().filter(|(q, _)| q.kind == Kind::KnownItem);
        let _ = writeln!(
            out,
            "{:<12} {:>3} {:>10.3} {:>6.3} {:>6.3} {:>6}",
            name,
            members.len(),
            mean(topics.map(|(_, s)| s.precision)),
            mean(known.map(|(_, s)| s.reciprocal_rank)),
            mean(members.iter().map(|(_, s)| s.ndcg)),
            members.iter().filter(|(_, s)| s.relevant == 0).count()
        );
    }
    let duplicates: usize = scored.iter().map(|(_, s)| s.duplicates).sum();
    let _ = writeln!(
        out,
        "duplicate hits in all top 10s: {duplicates}\n{TARGETS}"
    );
    out
}

#[test]
fn the_relevance_set_is_well_formed() {
    let set = judgments::load(&judgments::set_path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(set.len() >= 45, "{} queries", set.len());
    for lang in judgments::LANGUAGES {
        let n = set.iter().filter(|q| q.lang == lang).count();
        assert!(n >= 2, "{n} queries in {lang}");
    }
    for kind in [Kind::KnownItem, Kind::Topic] {
        assert!(
            set.iter().filter(|q| q.kind == kind).count() >= 15,
            "{kind:?}"
        );
    }
}

#[test]
fn first_queries_of_a_lawyer_find_the_authorities() {
    hrlex_testkit::require_dev_corpus!();
    let set = judgments::load(&judgments::set_path()).unwrap_or_else(|e| panic!("{e}"));
    let started = std::time::Instant::now();
    let binary = release_binary();
    let index = corpus_index(&binary);
    let scored: Vec<(&Judged, Score)> = set
        .iter()
        .map(|q| (q, metrics::score(q, &search(&binary, &index, &q.query))))
        .collect();
    let text = report(&scored);
    println!(
        "{text}\nrelevance: {} queries in {:.0?} (build, index and search)",
        set.len(),
        started.elapsed()
    );
    let _ = std::fs::write(target_dir().join("relevance/report.txt"), &text);

    let topic_precision = mean(
        scored
            .iter()
            .filter(|(q, _)| q.kind == Kind::Topic)
            .map(|(_, s)| s.precision),
    );
    let known_mrr = mean(
        scored
            .iter()
            .filter(|(q, _)| q.kind == Kind::KnownItem)
            .map(|(_, s)| s.reciprocal_rank),
    );
    let ndcg = mean(scored.iter().map(|(_, s)| s.ndcg));
    let empty: Vec<&str> = scored
        .iter()
        .filter(|(_, s)| s.relevant == 0)
        .map(|(q, _)| q.id.as_str())
        .collect();
    let duplicates: usize = scored.iter().map(|(_, s)| s.duplicates).sum();
    assert!(
        topic_precision >= MIN_MEAN_TOPIC_PRECISION,
        "topic P@10 {topic_precision:.3} < {MIN_MEAN_TOPIC_PRECISION}"
    );
    assert!(
        known_mrr >= MIN_KNOWN_ITEM_MRR,
        "known-item MRR {known_mrr:.3} < {MIN_KNOWN_ITEM_MRR}"
    );
    assert!(
        ndcg >= MIN_MEAN_NDCG,
        "mean nDCG@10 {ndcg:.3} < {MIN_MEAN_NDCG}"
    );
    assert!(
        empty.is_empty(),
        "{} queries without a relevant hit: {empty:?}",
        empty.len()
    );
    assert_eq!(duplicates, 0, "second hits of one work in a top 10");
}
