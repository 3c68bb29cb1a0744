//! PDF extraction benchmark: throughput of hrlex's two PDF paths against raw
//! `pdftotext` on the same real files, and the share of all real PDFs of the development
//! corpus that end as clean documents.
//!
//! Run: `cargo bench -p hrlex-ingest --bench pdf_extraction` (release build, one
//! thread: the numbers are per core). The corpus is the development corpus (see
//! `hrlex-testkit`; without it the bench reports itself skipped), or `HRLEX_CORPUS=DIR`;
//! `HRLEX_BENCH_FILES=N` changes the sample size (default 30).
//!
//! Measured:
//! 1. Throughput (MB/s of PDF and pages/s) on N PDFs, half from `iacthr/pdfs`, half from
//!    `upr/reports` (every k-th file in name order): raw `pdftotext -enc UTF-8 F -`,
//!    `extract::pdf::extract` with pdftotext (the shipped path: subprocess, clean-up,
//!    header removal, mojibake check), the same with pdf-extract, and the full
//!    pipeline (segmentation, language detection).
//! 2. Outcomes over every PDF in the corpus, OCR off: good / needs OCR / mojibake /
//!    empty / failed, and how many good documents have numbered paragraphs.

use hrlex_ingest::extract::pdf;
use hrlex_ingest::pipeline::document_from_extracted;
use hrlex_ingest::{IngestError, IngestOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn pdfs_under(directory: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(directory)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| {
            entry
                .path()
                .extension()
                .is_some_and(|extension| extension.eq_ignore_ascii_case("pdf"))
        })
        .map(|entry| entry.into_path())
        .collect();
    files.sort();
    files
}

fn every_kth(files: &[PathBuf], count: usize) -> Vec<PathBuf> {
    if files.is_empty() || count == 0 {
        return Vec::new();
    }
    let step = (files.len() / count).max(1);
    files.iter().step_by(step).take(count).cloned().collect()
}

fn page_count(path: &Path) -> u64 {
    let output = Command::new("pdfinfo").arg(path).output();
    output
        .ok()
        .and_then(|output| {
            String::from_utf8_lossy(&output.stdout)
                .lines()
                .find_map(|line| line.strip_prefix("Pages:"))
                .and_then(|pages| pages.trim().parse().ok())
        })
        .unwrap_or(0)
}

struct Throughput {
    name: &'static str,
    elapsed: Duration,
    failures: usize,
}

fn report(throughput: &Throughput, bytes: u64, pages: u64, files: usize) {
    let seconds = throughput.elapsed.as_secs_f64();
    println!(
        "{:<34} {:>7.2} s {:>8.2} MB/s {:>8.1} pages/s {:>6.1} files/s  ({} failed)",
        throughput.name,
        seconds,
        bytes as f64 / 1e6 / seconds,
        pages as f64 / seconds,
        files as f64 / seconds,
        throughput.failures
    );
}

fn main() {
    let corpus = match std::env::var_os("HRLEX_CORPUS") {
        Some(folder) => PathBuf::from(folder),
        None => hrlex_testkit::require_dev_corpus!(),
    };
    let sample_size: usize = std::env::var("HRLEX_BENCH_FILES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(30);
    let mut sample = every_kth(&pdfs_under(&corpus.join("iacthr/pdfs")), sample_size / 2);
    sample.extend(every_kth(
        &pdfs_under(&corpus.join("upr/reports")),
        sample_size - sample.len(),
    ));
    // `iacthr/pdfs/1576.pdf` is a Word file: keep only real PDFs in the sample.
    sample.retain(|path| {
        std::fs::read(path)
            .map(|bytes| bytes.starts_with(b"%PDF"))
            .unwrap_or(false)
    });
    assert!(!sample.is_empty(), "no PDFs under {}", corpus.display());
    let bytes: u64 = sample
        .iter()
        .map(|path| std::fs::metadata(path).map(|m| m.len()).unwrap_or(0))
        .sum();
    let pages: u64 = sample.iter().map(|path| page_count(path)).sum();
    println!(
        "sample: {} PDFs, {:.1} MB, {} pages (iacthr/pdfs + upr/reports)",
        sample.len(),
        bytes as f64 / 1e6,
        pages
    );

    let without_ocr = IngestOptions {
        ocr: false,
        ..IngestOptions::default()
    };
    let with_pdf_extract = IngestOptions {
        use_pdftotext: false,
        ..without_ocr.clone()
    };
    let mut results = Vec::new();

    let started = Instant::now();
    let mut failures = 0;
    for path in &sample {
        let status = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(path)
            .arg("-")
            .stdout(std::process::Stdio::null())
            .status();
        if !status.is_ok_and(|status| status.success()) {
            failures += 1;
        }
    }
    results.push(Throughput {
        name: "raw pdftotext (subprocess)",
        elapsed: started.elapsed(),
        failures,
    });

    for (name, options) in [
        ("hrlex pdf::extract (pdftotext)", &without_ocr),
        ("hrlex pdf::extract (pdf-extract)", &with_pdf_extract),
    ] {
        let started = Instant::now();
        let failures = sample
            .iter()
            .filter(|path| pdf::extract(path, options).is_err())
            .count();
        results.push(Throughput {
            name,
            elapsed: started.elapsed(),
            failures,
        });
    }

    let started = Instant::now();
    let failures = sample
        .iter()
        .filter(|path| {
            pdf::extract(path, &without_ocr)
                .and_then(|extracted| {
                    document_from_extracted(path, &path.to_string_lossy(), extracted)
                })
                .is_err()
        })
        .count();
    results.push(Throughput {
        name: "hrlex full pipeline (pdftotext)",
        elapsed: started.elapsed(),
        failures,
    });
    for throughput in &results {
        report(throughput, bytes, pages, sample.len());
    }
    let raw = results[0].elapsed.as_secs_f64();
    let shipped = results[1].elapsed.as_secs_f64();
    println!(
        "hrlex pdftotext path / raw pdftotext time: {:.2}x",
        shipped / raw
    );

    // Outcomes over every PDF of the corpus.
    let all = pdfs_under(&corpus);
    let mut outcomes: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut numbered = 0;
    let mut failed_files = Vec::new();
    let started = Instant::now();
    for path in &all {
        let outcome = pdf::extract(path, &without_ocr).and_then(|extracted| {
            document_from_extracted(path, &path.to_string_lossy(), extracted)
        });
        let label = match &outcome {
            Ok(document) => {
                if document.paragraphs.iter().any(|p| p.n.is_some()) {
                    numbered += 1;
                }
                "good"
            }
            Err(IngestError::NeedsOcr { .. }) => "needs OCR",
            Err(IngestError::Mojibake { .. }) => "mojibake",
            Err(IngestError::Empty { .. }) => "empty",
            Err(error) => {
                failed_files.push(error.to_string());
                "failed"
            }
        };
        *outcomes.entry(label).or_default() += 1;
    }
    println!(
        "\nall {} PDFs of the corpus (OCR off), {:.1} s:",
        all.len(),
        started.elapsed().as_secs_f64()
    );
    for (label, count) in &outcomes {
        println!(
            "  {label:<10} {count:>4}  {:>5.1} %",
            100.0 * *count as f64 / all.len() as f64
        );
    }
    println!(
        "  good documents with numbered paragraphs: {numbered} of {}",
        outcomes.get("good").copied().unwrap_or(0)
    );
    for failure in &failed_files {
        println!("  failed: {failure}");
    }
    // What this benchmark stands for: the shipped path keeps the real corpus readable.
    let good = outcomes.get("good").copied().unwrap_or(0);
    assert!(
        good as f64 >= 0.9 * all.len() as f64,
        "fewer than 90 % of the corpus PDFs extracted cleanly"
    );
}
