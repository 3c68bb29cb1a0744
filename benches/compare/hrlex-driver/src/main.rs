//! hrlex side of the side-by-side benchmark (`benches/compare/run.sh`).
//!
//! ```text
//! hrlex-bench-driver index  --docs corpus.jsonl --index DIR --files DIR [--threads 2]
//! hrlex-bench-driver search --index DIR --queries queries.json --rounds N --out results.json [--details off] [--as GROUP,GROUP|admin]
//! hrlex-bench-driver incremental --docs corpus.jsonl --index DIR --files DIR [--changed-percent 1]
//! ```
//!
//! `index` feeds the documents of the JSON lines (hrlex `Document`s written by
//! `gen_corpus.py`) to `hrlex_index::update_index` — the writer `hrlex index` uses — in
//! virtual corpus files of 100 documents (small placeholder files under `--files`, so the
//! incremental manifest works as for real files); the documents are parsed from the JSON
//! lines inside the extraction callback, as the peers' drivers parse them.
//!
//! `search` opens the index with `SearchIndex::open` and runs every query of the
//! translated query file (field `query`, hrlex syntax) through `SearchIndex::search`
//! with 10 hits (paragraphs and snippets included, as hrlex always returns them; facets
//! off, as no peer computes them): one warm-up round, then `--rounds` rounds on one
//! thread (per-query latencies), then the same rounds on `--threads` threads (queries
//! per second); prints JSON with the latencies and the top-10 ids of each query. With
//! `--details off` the hits carry no paragraphs, snippets or translations
//! (`SearchRequest::details`): what the peers return, for the like-for-like row.
//! `--as` searches as a caller of those groups (default: anonymous), to measure what
//! access control costs.
//!
//! `incremental` measures `update_index` over the unchanged corpus, then with
//! `--changed-percent` of the files changed (one paragraph added to each of their
//! documents), then restores them.

use hrlex_index::{update_index, CorpusEntry, Extraction, IndexRunOptions, SearchIndex, SearchRequest};
use hrlex_model::{Document, Paragraph, Viewer};
use serde::Deserialize;
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

const DOCUMENTS_PER_FILE: usize = 100;

struct Arguments {
    command: String,
    values: std::collections::HashMap<String, String>,
}

impl Arguments {
    fn parse() -> Arguments {
        let mut arguments = std::env::args().skip(1);
        let command = arguments.next().unwrap_or_else(|| usage());
        let mut values = std::collections::HashMap::new();
        while let Some(name) = arguments.next() {
            let Some(name) = name.strip_prefix("--") else { usage() };
            let value = arguments.next().unwrap_or_else(|| usage());
            values.insert(name.to_string(), value);
        }
        Arguments { command, values }
    }

    fn path(&self, name: &str) -> PathBuf {
        PathBuf::from(self.values.get(name).unwrap_or_else(|| usage()))
    }

    fn number(&self, name: &str, default: usize) -> usize {
        self.values
            .get(name)
            .map(|value| value.parse().expect("a number"))
            .unwrap_or(default)
    }
}

fn usage() -> ! {
    eprintln!(
        "usage: hrlex-bench-driver index --docs FILE.jsonl --index DIR --files DIR [--threads N]\n\
         \x20      hrlex-bench-driver search --index DIR --queries FILE.json --rounds N [--threads N] --out FILE [--details off]\n\
         \x20      hrlex-bench-driver incremental --docs FILE.jsonl --index DIR --files DIR [--changed-percent P]"
    );
    std::process::exit(2)
}

fn main() {
    let arguments = Arguments::parse();
    match arguments.command.as_str() {
        "index" => index(&arguments),
        "search" => search(&arguments),
        "incremental" => incremental(&arguments),
        _ => usage(),
    }
}

/// Byte ranges of the JSON lines of each virtual file (100 documents each).
fn file_ranges(docs: &Path) -> Vec<(u64, u64)> {
    let mut reader = BufReader::with_capacity(1 << 20, std::fs::File::open(docs).expect("docs"));
    let mut ranges = Vec::new();
    let (mut start, mut position, mut lines) = (0u64, 0u64, 0usize);
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line).expect("read docs");
        if read == 0 {
            break;
        }
        position += read as u64;
        lines += 1;
        if lines % DOCUMENTS_PER_FILE == 0 {
            ranges.push((start, position));
            start = position;
        }
    }
    if position > start {
        ranges.push((start, position));
    }
    ranges
}

fn read_documents(docs: &Path, (start, end): (u64, u64)) -> Vec<Document> {
    let mut file = std::fs::File::open(docs).expect("docs");
    file.seek(SeekFrom::Start(start)).expect("seek");
    let mut bytes = vec![0; (end - start) as usize];
    file.read_exact(&mut bytes).expect("read");
    bytes
        .split(|byte| *byte == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| serde_json::from_slice(line).expect("an hrlex Document per line"))
        .collect()
}

fn placeholder(files: &Path, number: usize) -> PathBuf {
    files.join(format!("batch-{number:06}.jsonl"))
}

fn entries(files: &Path, count: usize) -> Vec<CorpusEntry> {
    (0..count)
        .map(|number| {
            let path = placeholder(files, number);
            let relative = path.file_name().unwrap().to_string_lossy().into_owned();
            CorpusEntry::new(path, relative)
        })
        .collect()
}

fn options(arguments: &Arguments, full: bool) -> IndexRunOptions {
    let mut options = IndexRunOptions::new(
        arguments.path("index"),
        vec![arguments.path("files")],
        "bench",
    );
    options.full = full;
    options.writer_threads = arguments.number("threads", 2);
    options
}

fn index(arguments: &Arguments) {
    let docs = arguments.path("docs");
    let files = arguments.path("files");
    let started = Instant::now();
    let ranges = file_ranges(&docs);
    let _ = std::fs::remove_dir_all(&files);
    std::fs::create_dir_all(&files).expect("files folder");
    for (number, range) in ranges.iter().enumerate() {
        std::fs::write(placeholder(&files, number), format!("{range:?} v1\n")).expect("placeholder");
    }
    let file_entries = entries(&files, ranges.len());
    let report = update_index(&options(arguments, true), file_entries, Vec::new(), |batch| {
        batch
            .iter()
            .map(|entry| Extraction::Documents(read_documents(&docs, ranges[batch_number(entry)])))
            .collect()
    })
    .expect("indexing");
    println!(
        "{}",
        serde_json::json!({
            "documents": report.documents_total,
            "files": ranges.len(),
            "seconds": started.elapsed().as_secs_f64(),
        })
    );
}

fn batch_number(entry: &CorpusEntry) -> usize {
    entry.relative["batch-".len().."batch-".len() + 6].parse().expect("batch number")
}

fn incremental(arguments: &Arguments) {
    let docs = arguments.path("docs");
    let files = arguments.path("files");
    let ranges = file_ranges(&docs);
    let file_entries = entries(&files, ranges.len());
    let never = |_: &[CorpusEntry]| -> Vec<Extraction> { panic!("an unchanged corpus must not be re-extracted") };
    let started = Instant::now();
    let unchanged = update_index(&options(arguments, false), file_entries.clone(), Vec::new(), never)
        .expect("unchanged run");
    let unchanged_seconds = started.elapsed().as_secs_f64();

    let percent = arguments.number("changed-percent", 1);
    let changed_count = (ranges.len() * percent).div_ceil(100);
    let step = (ranges.len() / changed_count.max(1)).max(1);
    let changed: HashSet<usize> = (0..ranges.len()).step_by(step).take(changed_count).collect();
    for number in &changed {
        std::fs::write(placeholder(&files, *number), format!("{:?} v2\n", ranges[*number])).expect("placeholder");
    }
    let extract = |batch: &[CorpusEntry]| -> Vec<Extraction> {
        batch
            .iter()
            .map(|entry| {
                let mut documents = read_documents(&docs, ranges[batch_number(entry)]);
                for document in &mut documents {
                    document
                        .paragraphs
                        .push(Paragraph::unnumbered("Revised: the benchmark changed this document."));
                }
                Extraction::Documents(documents)
            })
            .collect()
    };
    let started = Instant::now();
    let changed_run = update_index(&options(arguments, false), file_entries.clone(), Vec::new(), extract)
        .expect("changed run");
    let changed_seconds = started.elapsed().as_secs_f64();
    for number in &changed {
        std::fs::write(placeholder(&files, *number), format!("{:?} v1\n", ranges[*number])).expect("placeholder");
    }
    let restore = update_index(&options(arguments, false), file_entries, Vec::new(), |batch| {
        batch
            .iter()
            .map(|entry| Extraction::Documents(read_documents(&docs, ranges[batch_number(entry)])))
            .collect()
    })
    .expect("restoring run");
    println!(
        "{}",
        serde_json::json!({
            "files": ranges.len(),
            "unchanged_seconds": unchanged_seconds,
            "unchanged_files": unchanged.unchanged,
            "changed_percent": percent,
            "changed_files": changed_run.updated,
            "changed_documents": changed_run.documents_written,
            "changed_seconds": changed_seconds,
            "restored_files": restore.updated,
        })
    );
}

#[derive(Deserialize)]
struct BenchQuery {
    n: usize,
    kind: String,
    query: String,
}

fn run_query(index: &SearchIndex, query: &str, details: bool, viewer: &Viewer) -> (f64, u64, Vec<(String, f32)>) {
    let mut request = SearchRequest::new(query);
    request.viewer = viewer.clone();
    request.facets = false;
    request.limit = 10;
    request.details = details;
    let started = Instant::now();
    let response = index.search(&request).unwrap_or_else(|error| panic!("query {query:?}: {error}"));
    let seconds = started.elapsed().as_secs_f64();
    (seconds, response.total, response.hits.into_iter().map(|hit| (hit.id, hit.score)).collect())
}

fn search(arguments: &Arguments) {
    let index = Arc::new(SearchIndex::open(&arguments.path("index")).expect("open index"));
    let queries: Vec<BenchQuery> = std::fs::read_to_string(arguments.path("queries"))
        .expect("queries")
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("query line"))
        .collect();
    let queries = Arc::new(queries);
    let rounds = arguments.number("rounds", 10);
    let threads = arguments.number("threads", 2);
    let details = match arguments.values.get("details").map(String::as_str) {
        None | Some("on") => true,
        Some("off") => false,
        Some(_) => usage(),
    };
    let groups: Vec<String> = arguments
        .values
        .get("as")
        .map(|groups| groups.split(',').map(String::from).collect())
        .unwrap_or_default();
    let viewer = Arc::new(Viewer::of_groups(&groups));

    let mut results = Vec::new();
    for query in queries.iter() {
        let (_, total, hits) = run_query(&index, &query.query, details, &viewer);
        let (ids, scores): (Vec<String>, Vec<f32>) = hits.into_iter().unzip();
        results.push(serde_json::json!({"n": query.n, "kind": query.kind, "total": total, "ids": ids, "scores": scores, "latencies": []}));
    }
    for _ in 0..rounds {
        for (position, query) in queries.iter().enumerate() {
            let (seconds, _, _) = run_query(&index, &query.query, details, &viewer);
            results[position]["latencies"].as_array_mut().unwrap().push(seconds.into());
        }
    }
    let started = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let index = Arc::clone(&index);
            let queries = Arc::clone(&queries);
            let viewer = Arc::clone(&viewer);
            std::thread::spawn(move || {
                for _ in 0..rounds {
                    for query in queries.iter() {
                        run_query(&index, &query.query, details, &viewer);
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("worker");
    }
    let parallel_seconds = started.elapsed().as_secs_f64();
    let output = serde_json::json!({
        "engine": if details { "hrlex" } else { "hrlex-plain" },
        "queries": results,
        "throughput": {"threads": threads, "queries": threads * rounds * queries.len(), "seconds": parallel_seconds},
    });
    std::fs::write(arguments.path("out"), serde_json::to_string(&output).unwrap()).expect("write results");
}
