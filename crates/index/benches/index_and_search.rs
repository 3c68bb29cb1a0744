//! Indexing throughput, index size and query latency on the real corpus (and, opt-in, a
//! synthetic corpus generated from its text).
//!
//! ```text
//! cargo bench -p hrlex-index --bench index_and_search
//! HRLEX_BENCH_SYNTHETIC=100000 HRLEX_BENCH_SEED=7 HRLEX_BENCH_DIR=/tmp/hrlex-bench \
//!     cargo bench -p hrlex-index --bench index_and_search
//! ```
//!
//! Environment: `HRLEX_BENCH_CORPUS` (default the development corpus, see `hrlex-testkit`;
//! without either the bench reports itself skipped), `HRLEX_BENCH_DIR`
//! (where indexes are written; default a folder under the system temp dir, never the
//! repository), `HRLEX_BENCH_THREADS` (writer threads, default 2), `HRLEX_BENCH_SYNTHETIC`
//! (number of synthetic documents; off by default), `HRLEX_BENCH_SEED`.
//!
//! Extraction (ingest) is timed separately; indexing throughput counts only the index
//! writer, in MB of paragraph text per second per writer thread.

use hrlex_index::{
    update_index, CorpusEntry, Extraction, IndexRunOptions, SearchIndex, SearchRequest,
};
use hrlex_ingest::walk;
use hrlex_ingest::FileOutcome;
use hrlex_model::{Document, Lang, Paragraph};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const QUERY_ROUNDS: usize = 30;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: keep the
    // test run cheap by measuring a small slice of the corpus.
    let quick = !std::env::args().any(|argument| argument == "--bench");
    let corpus = match std::env::var_os("HRLEX_BENCH_CORPUS") {
        Some(folder) => PathBuf::from(folder),
        None => hrlex_testkit::require_dev_corpus!(),
    };
    let work_dir = std::env::var_os("HRLEX_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("hrlex-index-bench"));
    let threads: usize = env_number("HRLEX_BENCH_THREADS").unwrap_or(2);
    std::fs::create_dir_all(&work_dir).expect("bench folder");

    let started = Instant::now();
    let (mut files, _problems) = walk::list_files(std::slice::from_ref(&corpus));
    if quick {
        files.retain(|file| file.relative.ends_with(".txt"));
        files.truncate(20);
    }
    let file_count = files.len();
    let reports = walk::extract_all(files, &hrlex_ingest::IngestOptions::default(), |_| {});
    let extraction_time = started.elapsed();
    let mut by_file: HashMap<String, Vec<Document>> = HashMap::new();
    let mut entries = Vec::new();
    let mut failed = 0;
    for report in reports {
        match report.result {
            Ok(FileOutcome::Documents(documents)) => {
                entries.push(CorpusEntry::new(
                    report.file.path.clone(),
                    report.file.relative.clone(),
                ));
                by_file.insert(report.file.relative, documents);
            }
            Ok(FileOutcome::Skipped { .. }) => {}
            Err(_) => failed += 1,
        }
    }
    let documents: Vec<&Document> = by_file.values().flatten().collect();
    println!(
        "corpus {}: {file_count} files, {} documents, {failed} failed extraction; extraction {:.1} s",
        corpus.display(),
        documents.len(),
        extraction_time.as_secs_f64()
    );
    let index_dir = work_dir.join("corpus-index");
    let _ = std::fs::remove_dir_all(&index_dir);
    let measured = measure_indexing(&index_dir, &corpus, threads, entries, &by_file);
    report_queries(&index_dir, quick);

    if let Some(count) = env_number("HRLEX_BENCH_SYNTHETIC") {
        let seed = env_number("HRLEX_BENCH_SEED").unwrap_or(7) as u64;
        let all: Vec<Document> = by_file.into_values().flatten().collect();
        let synthetic_dir = work_dir.join("synthetic");
        let synthetic_corpus = synthetic_dir.join("corpus");
        let _ = std::fs::remove_dir_all(&synthetic_dir);
        std::fs::create_dir_all(&synthetic_corpus).expect("synthetic corpus folder");
        let (entries, by_file) = synthesize(&all, count, seed, &synthetic_corpus);
        println!(
            "\nsynthetic corpus: {count} documents from seed {seed} (language mix, paragraph counts and paragraphs with their citations drawn from the real corpus)"
        );
        let synthetic_index = synthetic_dir.join("index");
        measure_indexing(
            &synthetic_index,
            &synthetic_corpus,
            threads,
            entries,
            &by_file,
        );
        report_queries(&synthetic_index, false);
    }
    assert!(measured.documents > 0, "the bench indexed nothing");
}

fn env_number(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.parse().ok()
}

struct Measured {
    documents: u64,
}

fn text_bytes(documents: &[&Document]) -> u64 {
    documents
        .iter()
        .map(|document| {
            document
                .paragraphs
                .iter()
                .map(|paragraph| paragraph.text.len() as u64)
                .sum::<u64>()
                + document.title.len() as u64
        })
        .sum()
}

fn folder_bytes(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|entry| entry.metadata().ok())
                .filter(|metadata| metadata.is_file())
                .map(|metadata| metadata.len())
                .sum()
        })
        .unwrap_or(0)
}

fn measure_indexing(
    index_dir: &Path,
    corpus: &Path,
    threads: usize,
    entries: Vec<CorpusEntry>,
    by_file: &HashMap<String, Vec<Document>>,
) -> Measured {
    let documents: Vec<&Document> = by_file.values().flatten().collect();
    let text = text_bytes(&documents);
    let paragraphs: usize = documents
        .iter()
        .map(|document| document.paragraphs.len())
        .sum();
    let mut options = IndexRunOptions::new(index_dir, vec![corpus.to_path_buf()], "bench");
    options.writer_threads = threads;
    let started = Instant::now();
    let report = update_index(&options, entries.clone(), Vec::new(), |batch| {
        batch
            .iter()
            .map(|entry| Extraction::Documents(by_file[&entry.relative].clone()))
            .collect()
    })
    .expect("indexing");
    let indexing_time = started.elapsed().as_secs_f64();
    let index_size = folder_bytes(index_dir);
    let megabytes = text as f64 / 1_000_000.0;
    println!(
        "indexed {} documents ({paragraphs} paragraphs, {megabytes:.1} MB of text) in {indexing_time:.2} s with {threads} writer threads: {:.2} MB/s, {:.2} MB/s per thread",
        report.documents_total,
        megabytes / indexing_time,
        megabytes / indexing_time / threads as f64,
    );
    println!(
        "index size {:.1} MB = {:.2} × the text",
        index_size as f64 / 1_000_000.0,
        index_size as f64 / text.max(1) as f64
    );
    assert_eq!(report.documents_total as usize, documents.len());
    let started = Instant::now();
    let unchanged = update_index(&options, entries, Vec::new(), |_: &[CorpusEntry]| {
        panic!("an unchanged corpus must not be re-extracted")
    })
    .expect("incremental run");
    println!(
        "incremental run over the unchanged corpus ({} files): {:.2} s",
        unchanged.unchanged,
        started.elapsed().as_secs_f64()
    );
    Measured {
        documents: report.documents_total,
    }
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn report_queries(index_dir: &Path, quick: bool) {
    let index = SearchIndex::open(index_dir).expect("open index");
    let kinds: [(&str, &[&str]); 5] = [
        (
            "term",
            &[
                "torture",
                "détention",
                "пытки",
                "酷刑",
                "discrimination",
                "tortura",
            ],
        ),
        (
            "phrase",
            &[
                "\"enforced disappearance\"",
                "\"freedom of expression\"",
                "\"droits de l'homme\"",
                "\"State party\"",
            ],
        ),
        (
            "boolean",
            &[
                "torture AND (detention OR prison) NOT child",
                "(women OR girls) AND violence",
                "asylum OR refugee OR refoulement",
            ],
        ),
        (
            "filtered",
            &[
                "torture mechanism:ecthr",
                "violence year:2005..2020",
                "detention lang:fr",
                "rights type:judgment",
            ],
        ),
        ("faceted", &["human rights", "article", "committee"]),
    ];
    let rounds = if quick { 2 } else { QUERY_ROUNDS };
    let mut lines = BTreeMap::new();
    for (kind, queries) in kinds {
        let mut timings = Vec::new();
        let mut total_hits = 0;
        for _ in 0..rounds {
            for query in queries {
                let mut request = SearchRequest::new(*query);
                request.facets = kind == "faceted";
                let started = Instant::now();
                let response = index.search(&request).expect("query");
                timings.push(started.elapsed());
                total_hits += response.total;
            }
        }
        timings.sort();
        lines.insert(
            kind,
            format!(
                "{kind:>8}: p50 {:>7.2} ms  p99 {:>7.2} ms  ({} runs, {} hits per round)",
                percentile(&timings, 0.5).as_secs_f64() * 1000.0,
                percentile(&timings, 0.99).as_secs_f64() * 1000.0,
                timings.len(),
                total_hits / rounds as u64
            ),
        );
        assert!(total_hits > 0 || quick, "{kind} queries found nothing");
    }
    println!("query latency (10 hits with paragraphs and snippets; facets only for `faceted`):");
    for line in lines.values() {
        println!("  {line}");
    }
}

/// A deterministic generator (splitmix64): the synthetic corpus is the same for a seed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut value = self.0;
        value = (value ^ (value >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        value = (value ^ (value >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        value ^ (value >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

/// `count` documents: each copies the metadata and paragraph count of a random real
/// document and draws each paragraph (with its citations) from the real paragraphs of
/// that language; 100 documents per file.
fn synthesize(
    real: &[Document],
    count: usize,
    seed: u64,
    corpus: &Path,
) -> (Vec<CorpusEntry>, HashMap<String, Vec<Document>>) {
    let mut random = Random(seed);
    let mut pools: HashMap<Lang, Vec<&Paragraph>> = HashMap::new();
    for document in real {
        for paragraph in &document.paragraphs {
            pools.entry(document.lang).or_default().push(paragraph);
        }
    }
    let templates: Vec<&Document> = real
        .iter()
        .filter(|document| pools.contains_key(&document.lang) && !document.paragraphs.is_empty())
        .collect();
    let mut entries = Vec::new();
    let mut by_file: HashMap<String, Vec<Document>> = HashMap::new();
    for number in 0..count {
        let template = templates[random.below(templates.len())];
        let pool = &pools[&template.lang];
        let mut document = template.clone();
        document.id = format!("synthetic-{number}");
        document.work_id = format!("synthetic-work-{}", number / 3);
        document.paragraphs = (0..template.paragraphs.len())
            .map(|_| pool[random.below(pool.len())].clone())
            .collect();
        let file_name = format!("batch-{:05}.json", number / 100);
        if !by_file.contains_key(&file_name) {
            let path = corpus.join(&file_name);
            std::fs::write(&path, file_name.as_bytes()).expect("synthetic file");
            entries.push(CorpusEntry::new(path, file_name.clone()));
        }
        by_file.entry(file_name).or_default().push(document);
    }
    (entries, by_file)
}
