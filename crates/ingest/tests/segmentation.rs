//! Paragraph boundaries of real PDFs against a reference segmentation read by hand.
//!
//! `tests/data/segmentation/reference.json` lists, for pages of UN, Inter-American and
//! African PDFs of the development corpus (one judgment in three languages among them), each
//! body paragraph and footnote by its first and last words, and the masthead lines that
//! are no paragraph; its `rules` say how it was read. The labels were written and
//! committed before this test first ran. A reference paragraph is *matched* when one
//! paragraph of the ingested document starts with its first words and ends with its
//! last (compared on letters and digits only, so line breaks, hyphenation and quotes do
//! not count). Printed: per document, matched reference paragraphs (recall), ingested
//! paragraphs of those pages that are a reference paragraph (precision), and masthead
//! lines left in the body.

use hrlex_ingest::{extract_file, FileOutcome, IngestOptions};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The share of reference paragraphs that must be matched, over all documents.
const MIN_RECALL: f64 = 0.90;

#[derive(Deserialize)]
struct Reference {
    documents: Vec<ReferenceDocument>,
}

#[derive(Deserialize)]
struct ReferenceDocument {
    file: String,
    pages: Vec<u32>,
    #[serde(default)]
    masthead: Vec<String>,
    paragraphs: Vec<Span>,
    #[serde(default)]
    footnotes: Vec<Span>,
    /// Tables and tables of contents, not segmented by the reference.
    #[serde(default)]
    skipped_regions: Vec<Region>,
}

#[derive(Deserialize)]
struct Region {
    pages: Vec<u32>,
}

#[derive(Deserialize)]
struct Span {
    start: String,
    end: String,
}

fn corpus() -> PathBuf {
    hrlex_testkit::expect_dev_corpus()
}

/// Letters and digits, lowercased.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first words without a leading paragraph number or list marker (`12.`, `(a)`),
/// which ingest keeps in `n`, not in the text.
fn without_number(start: &str) -> &str {
    let marker = regex::Regex::new(r"^\s*(?:§\s*)?(?:\d{1,3}(?:\.\d{1,3})*\.?|\(?[a-z]{1,4}\))\s+")
        .expect("valid regex");
    marker
        .find(start)
        .map_or(start, |found| &start[found.end()..])
}

fn matches(text: &str, span: &Span) -> bool {
    let text = letters(text);
    let starts = [letters(without_number(&span.start)), letters(&span.start)]
        .iter()
        .any(|start| !start.is_empty() && text.starts_with(start.as_str()));
    starts && text.ends_with(letters(&span.end).as_str())
}

#[test]
fn paragraph_boundaries_match_the_reference_segmentation() {
    hrlex_testkit::require_dev_corpus!();
    let reference: Reference = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/segmentation/reference.json"),
        )
        .expect("reference segmentation"),
    )
    .expect("reference JSON");
    let options = IngestOptions {
        ocr: false,
        ..IngestOptions::default()
    };
    let (mut matched, mut total, mut precise, mut produced, mut masthead_left) = (0, 0, 0, 0, 0);
    println!(
        "{:<32} {:>8} {:>10} {:>9}",
        "document", "recall", "precision", "masthead"
    );
    for document in &reference.documents {
        let path = corpus().join(&document.file);
        let Ok(FileOutcome::Documents(documents)) = extract_file(&path, &document.file, &options)
        else {
            panic!("{} is not a document", document.file);
        };
        let paragraphs: Vec<(u32, &str)> = documents[0]
            .paragraphs
            .iter()
            .filter_map(|paragraph| Some((paragraph.page?, paragraph.text.as_str())))
            .filter(|(page, _)| document.pages.contains(page))
            .collect();
        let skipped_pages: Vec<u32> = document
            .skipped_regions
            .iter()
            .flat_map(|region| region.pages.iter().copied())
            .collect();
        let spans: Vec<&Span> = document
            .paragraphs
            .iter()
            .chain(&document.footnotes)
            .collect();
        let found = spans
            .iter()
            .filter(|span| paragraphs.iter().any(|(_, text)| matches(text, span)))
            .count();
        // A paragraph of a page with a table of contents that is no reference paragraph
        // is left out of the precision: the reference does not segment tables.
        let judged: Vec<&str> = paragraphs
            .iter()
            .filter(|(page, text)| {
                !skipped_pages.contains(page) || spans.iter().any(|span| matches(text, span))
            })
            .map(|(_, text)| *text)
            .collect();
        let exact = judged
            .iter()
            .filter(|text| spans.iter().any(|span| matches(text, span)))
            .count();
        let left = document
            .masthead
            .iter()
            .filter(|line| {
                let line = letters(line);
                !line.is_empty() && paragraphs.iter().any(|(_, text)| letters(text) == line)
            })
            .count();
        println!(
            "{:<32} {:>3}/{:<4} {:>5}/{:<4} {:>4}/{:<4}",
            document.file,
            found,
            spans.len(),
            exact,
            judged.len(),
            left,
            document.masthead.len()
        );
        matched += found;
        total += spans.len();
        precise += exact;
        produced += judged.len();
        masthead_left += left;
    }
    let recall = matched as f64 / total as f64;
    let precision = precise as f64 / produced.max(1) as f64;
    println!(
        "all: recall {recall:.3} ({matched}/{total}), precision {precision:.3} \
         ({precise}/{produced}), masthead lines left as paragraphs {masthead_left}"
    );
    assert!(
        recall >= MIN_RECALL,
        "recall {recall:.3} below {MIN_RECALL}"
    );
}
