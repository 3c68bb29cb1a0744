//! Recognition rates of the masthead recognizer (issue #12): every PDF of the development
//! corpus (see `hrlex-testkit`) through the generic path, before (`document_from_extracted`, the
//! first symbol of the first page) and after (`document_recognized`), from one
//! extraction each: the share of documents with a recognized mechanism, type, date,
//! State and own identifier, per top folder, and the recognizer's own cost.
//!
//! `cargo run --release -p hrlex-ingest --example recognition_rates` (minutes).

use hrlex_ingest::pipeline::{
    document_from_extracted, document_recognized, extract_text, read_head,
};
use hrlex_ingest::{walk, IngestOptions};
use hrlex_model::{DocType, Document, Mechanism};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Default)]
struct Rates {
    documents: usize,
    mechanism: usize,
    doc_type: usize,
    date: usize,
    state: usize,
    identifier: usize,
}

impl Rates {
    fn add(&mut self, document: &Document) {
        self.documents += 1;
        self.mechanism += usize::from(document.mechanism != Mechanism::Other);
        self.doc_type += usize::from(document.doc_type != DocType::Other);
        self.date += usize::from(document.date.is_some());
        self.state += usize::from(!document.states.is_empty());
        // Own identifiers, not the `name:` key metadata derives from a case name later.
        self.identifier += usize::from(!document.identifiers.is_empty());
    }

    fn line(&self, label: &str) -> String {
        let share = |count: usize| 100.0 * count as f64 / self.documents.max(1) as f64;
        format!(
            "{label}: {} documents; mechanism {:.1}%, type {:.1}%, date {:.1}%, state {:.1}%, own identifier {:.1}%",
            self.documents,
            share(self.mechanism),
            share(self.doc_type),
            share(self.date),
            share(self.state),
            share(self.identifier)
        )
    }
}

/// Every PDF of the corpus through the generic path, before (`main`'s
/// `document_from_extracted`, the first symbol of the first page) and after (the
/// recognizer), from one extraction each; and the recognizer's own cost.
fn main() {
    let corpus = hrlex_testkit::require_dev_corpus!();
    let mut pdfs: Vec<PathBuf> = walkdir_pdfs(&corpus);
    pdfs.sort();
    let options = IngestOptions::default();
    let (mut before, mut after) = (Rates::default(), Rates::default());
    let mut recognizer_time = Duration::ZERO;
    let mut recognized_calls = 0u32;
    let mut per_folder: BTreeMap<String, Rates> = BTreeMap::new();
    for path in &pdfs {
        let Ok(head) = read_head(path) else { continue };
        let Ok(extracted) = extract_text(path, &head, &options) else {
            continue;
        };
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("doc.pdf");
        let Ok(old) = document_from_extracted(path, name, extracted.clone()) else {
            continue;
        };
        let first_pages: String = extracted.pages.iter().take(2).cloned().collect();
        let started = Instant::now();
        let _ = hrlex_ingest::recognize::recognize(&first_pages, name);
        recognizer_time += started.elapsed();
        recognized_calls += 1;
        let Ok(new) = document_recognized(path, name, extracted) else {
            continue;
        };
        before.add(&old);
        after.add(&new);
        let folder = path
            .strip_prefix(&corpus)
            .ok()
            .and_then(|relative| relative.iter().next())
            .and_then(|first| first.to_str())
            .unwrap_or("")
            .to_string();
        per_folder.entry(folder).or_default().add(&new);
    }
    println!("{}", before.line("before (main generic path)"));
    println!("{}", after.line("after (recognizer)"));
    for (folder, rates) in &per_folder {
        println!("{}", rates.line(&format!("  after, {folder}/")));
    }
    println!(
        "recognizer: {:.1} µs per document over {recognized_calls} documents ",
        recognizer_time.as_secs_f64() * 1e6 / f64::from(recognized_calls.max(1))
    );
    assert!(after.mechanism >= before.mechanism);
}

fn walkdir_pdfs(root: &Path) -> Vec<PathBuf> {
    let (files, _) = walk::list_files(&[root.to_path_buf()]);
    files
        .into_iter()
        .map(|file| file.path)
        .filter(|path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        })
        .collect()
}
