//! The PDF path of ingest on real files from the development corpus.
//!
//! Properties checked:
//! 1. Arabic comes out in reading order (`قانون`, never its reverse `نونا ق`), and
//!    presentation-form Arabic is repaired by normalization.
//! 2. Chinese lines are joined without spaces; Russian text and its numbers survive.
//! 3. Hyphenated English is rejoined on both extractors (pdftotext, pdf-extract).
//! 4. Scanned pages are OCRed (English and Arabic) and say so in a note.
//! 5. Every file of `pdf-edge-cases/` ends as a good document or a clear error.
//! 6. Running headers, footers and page numbers of a UPR report are removed, and its
//!    paragraph numbers come out as printed.
//! 7. A tool that runs past its timeout is killed and reported, not waited for.

use hrlex_ingest::extract::pdf;
use hrlex_ingest::extract::ExtractedText;
use hrlex_ingest::pipeline::document_from_extracted;
use hrlex_ingest::{IngestError, IngestOptions};
use hrlex_model::Document;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn corpus() -> PathBuf {
    hrlex_testkit::expect_dev_corpus()
}

fn edge(name: &str) -> PathBuf {
    corpus().join("pdf-edge-cases").join(name)
}

fn without_ocr() -> IngestOptions {
    IngestOptions {
        ocr: false,
        ..IngestOptions::default()
    }
}

fn document(path: &Path, extracted: ExtractedText) -> Document {
    document_from_extracted(path, &path.to_string_lossy(), extracted).expect("document")
}

fn full_text(document: &Document) -> String {
    document
        .paragraphs
        .iter()
        .map(|paragraph| paragraph.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn note_codes(extracted: &ExtractedText) -> Vec<&str> {
    extracted
        .notes
        .iter()
        .map(|note| note.code.as_str())
        .collect()
}

#[test]
fn arabic_law_comes_out_in_reading_order() {
    hrlex_testkit::require_dev_corpus!();
    // Algerian Official Journal, law 23-12 on public procurement (16 pages).
    let path = edge("arabic/قانون رقم 23-12 يحدد القواعد العامة المتعلقة بالصفقات العمومية.pdf");
    let extracted = pdf::extract(&path, &without_ocr()).expect("extracted");
    assert_eq!(extracted.extractor, "pdftotext");
    let text = extracted.pages.join("\n");
    assert!(
        text.matches("قانون").count() >= 5,
        "قانون appears in reading order"
    );
    assert_eq!(text.matches("نونا\u{642}").count(), 0, "no reversed قانون");
    assert!(text.contains("الصفقات العمومية"));
    let document = document(&path, extracted);
    assert_eq!(document.lang, hrlex_model::Lang::Ar);
}

#[test]
fn presentation_form_arabic_is_repaired_not_flagged() {
    hrlex_testkit::require_dev_corpus!();
    // Egyptian Official Gazette, law 5 of 2025: glyphs as presentation forms (ﻗﺎﻧﻮﻥ)
    // with bidi embedding marks, yeh drawn with the Persian glyph.
    let path = edge("arabic/law_no.5.of_.2025.pdf");
    let extracted = pdf::extract(&path, &without_ocr()).expect("not mojibake");
    let text = extracted.pages.join("\n");
    assert!(text.contains("قانون"));
    assert!(text.contains("الجريدة الرسمية"), "Persian-glyph yeh folded");
    assert!(!text.chars().any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c)));
    assert!(!text.chars().any(hrlex_ingest::clean::is_invisible_mark));
}

#[test]
fn pdf_extract_fallback_refuses_arabic() {
    hrlex_testkit::require_dev_corpus!();
    let path = edge("arabic/قانون رقم 23-12 يحدد القواعد العامة المتعلقة بالصفقات العمومية.pdf");
    let options = IngestOptions {
        use_pdftotext: false,
        ..without_ocr()
    };
    match pdf::extract(&path, &options) {
        Err(IngestError::Tool { tool, message, .. }) => {
            assert_eq!(tool, "pdf-extract");
            assert!(message.contains("poppler-utils"), "{message}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn chinese_lines_join_without_spaces() {
    hrlex_testkit::require_dev_corpus!();
    // A Chinese programming book page: `做这件` / `事情该` / `多好` are three lines.
    let path = edge("chinese.pdf");
    let extracted = pdf::extract(&path, &without_ocr()).expect("extracted");
    assert!(extracted.pages[0].contains("做这件\n事情该\n多好"));
    let document = document(&path, extracted);
    let text = full_text(&document);
    assert!(text.contains("做这件事情该多好"), "{text}");
    assert!(text.contains("不会深入讲这些内容"), "{text}");
    assert_eq!(document.lang, hrlex_model::Lang::Zh);
}

#[test]
fn russian_un_charter_keeps_words_and_numbers() {
    // No Russian PDF exists in the development corpus. `tests/data/un_charter_ru.pdf` was made
    // here from the real Russian UN Charter text (`multilingual/un-charter/
    // raw_un_charter_ru.txt`, preamble to Chapter III, items numbered as in the
    // official Charter) with `soffice --headless --convert-to pdf` (LibreOffice 7.4);
    // its HTML source is `tests/data/un_charter_ru.html`.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/un_charter_ru.pdf");
    let extracted = pdf::extract(&path, &without_ocr()).expect("extracted");
    assert_eq!(extracted.pages.len(), 3);
    let document = document(&path, extracted);
    assert_eq!(document.lang, hrlex_model::Lang::Ru);
    let text = full_text(&document);
    assert!(text.contains("МЫ, НАРОДЫ ОБЪЕДИНЕННЫХ НАЦИЙ"));
    let article_one_item_one = document
        .paragraphs
        .iter()
        .find(|paragraph| paragraph.text.starts_with("Поддерживать международный мир"))
        .expect("Article 1 (1)");
    assert_eq!(article_one_item_one.n.as_deref(), Some("1"));
    assert!(article_one_item_one
        .text
        .ends_with("которые могут привести к нарушению мира;"));
}

#[test]
fn hyphenated_english_is_rejoined_by_both_extractors() {
    hrlex_testkit::require_dev_corpus!();
    // IACtHR 1991 order (Chunimá v. Guatemala): pdf-extract keeps `Interameri-` /
    // `cana`-style line-end hyphens that pdftotext already rejoins.
    let path = edge("regular.pdf");
    let broken = regex::Regex::new(r"\p{Ll}-\n\p{Ll}").unwrap();
    for use_pdftotext in [true, false] {
        let options = IngestOptions {
            use_pdftotext,
            ..without_ocr()
        };
        let extracted = pdf::extract(&path, &options).expect("extracted");
        let text = extracted.pages.join("\n");
        assert!(
            !broken.is_match(&text),
            "{}: a line-end hyphen was left: {:?}",
            extracted.extractor,
            broken.find(&text)
        );
        assert!(text.contains("INTERAMERICANA"), "{}", extracted.extractor);
    }
}

#[test]
fn scanned_english_page_is_ocred() {
    hrlex_testkit::require_dev_corpus!();
    let path = edge("ocr-sample-english.pdf");
    let started = Instant::now();
    let extracted = pdf::extract(&path, &IngestOptions::default()).expect("OCRed");
    assert_eq!(extracted.extractor, "tesseract");
    assert!(note_codes(&extracted).contains(&"ocr"));
    let text = extracted.pages.join("\n");
    assert!(text.contains("Test text OCR"), "{text}");
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn scanned_arabic_law_is_ocred_in_arabic() {
    hrlex_testkit::require_dev_corpus!();
    // A one-page image-only Egyptian law: tesseract's script detection picks `ara`.
    let path = edge("arabic/law_no.1-2007.pdf");
    let extracted = pdf::extract(&path, &IngestOptions::default()).expect("OCRed");
    let note = extracted
        .notes
        .iter()
        .find(|note| note.code == "ocr")
        .expect("ocr note");
    assert!(note.message.contains("ara"), "{}", note.message);
    let text = extracted.pages.join("\n");
    let arabic_letters = text
        .chars()
        .filter(|&c| hrlex_ingest::clean::is_arabic_letter(c))
        .count();
    assert!(
        arabic_letters > 200,
        "{arabic_letters} Arabic letters: {text}"
    );
}

/// What a file of `pdf-edge-cases/` must become (with OCR disabled, to stay fast; the
/// OCR outcomes are tested above).
#[derive(Debug)]
enum Expected {
    /// A document whose text contains this.
    Text(&'static str),
    NeedsOcr,
    Empty,
    Mojibake,
    Malformed,
}

#[test]
fn every_edge_case_pdf_ends_as_a_document_or_a_clear_error() {
    hrlex_testkit::require_dev_corpus!();
    use Expected::*;
    let cases: &[(&str, Expected)] = &[
        ("blank.pdf", Empty),
        ("chinese.pdf", Text("物以类聚")),
        ("error.pdf", Malformed),
        ("formula.pdf", Text("Pose Space Prior")),
        ("image.pdf", NeedsOcr),
        ("korean.pdf", Text("등록특허")),
        ("not_a_pdf.pdf", Empty),
        (
            "ocr-sample-already-ocred.pdf",
            Text("This is some real text"),
        ),
        ("ocr-sample-english.pdf", NeedsOcr),
        ("ocr-sample-french.pdf", NeedsOcr),
        ("ocr_pdf.pdf", Text("THE TOBACCO INSTITUTE")),
        ("regular.pdf", Text("CASO CHUNIMA")),
        ("some_empty_pages.pdf", Text("Third page")),
        ("table.pdf", Text("Data 2B")),
        ("test.pdf", Text("Lorem Ipsum")),
        ("toc-test.pdf", Text("Subtitle and more")),
        ("arabic/LAW-208-2022.pdf", NeedsOcr),
        ("arabic/Law-arabic-no.67-2016.pdf", Mojibake),
        ("arabic/law-160-2023-wezary.pdf", NeedsOcr),
        ("arabic/law-196-2008.pdf", Mojibake),
        ("arabic/law-323-efatora8.pdf", NeedsOcr),
        ("arabic/law_no.1-2007.pdf", NeedsOcr),
        ("arabic/law_no.5.of_.2025.pdf", Text("قانون")),
        ("arabic/law_no.6.of_.2025.pdf", Text("قانون")),
        ("arabic/law_no._159_for_2023.pdf", Mojibake),
        ("arabic/law_no._160_for_2024.pdf", NeedsOcr),
        (
            "arabic/قانون العمل الجزائري رقم 90-11 لسنة 1990.pdf",
            NeedsOcr,
        ),
        (
            "arabic/قانون رقم 23-12 يحدد القواعد العامة المتعلقة بالصفقات العمومية.pdf",
            Text("الصفقات"),
        ),
    ];
    // The table covers every PDF in the folder.
    let mut on_disk: Vec<String> = walkdir::WalkDir::new(corpus().join("pdf-edge-cases"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "pdf"))
        .map(|entry| {
            entry
                .path()
                .strip_prefix(corpus().join("pdf-edge-cases"))
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = cases.iter().map(|(name, _)| name.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);

    let mut failures = Vec::new();
    for (name, expected) in cases {
        let path = edge(name);
        let outcome = pdf::extract(&path, &without_ocr());
        let ok = match (&outcome, expected) {
            (Ok(extracted), Text(needle)) => {
                extracted.pages.join("\n").contains(needle)
                    && document_from_extracted(&path, name, extracted.clone()).is_ok()
            }
            (Err(IngestError::NeedsOcr { detail, .. }), NeedsOcr) => detail.contains("disabled"),
            (Err(IngestError::Empty { .. }), Empty) => true,
            (Err(IngestError::Mojibake { ratio, .. }), Mojibake) => *ratio > 0.25,
            (Err(IngestError::Malformed { .. }), Malformed) => true,
            _ => false,
        };
        if !ok {
            failures.push(format!("{name}: expected {expected:?}, got {outcome:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn upr_report_loses_running_headers_and_keeps_paragraph_numbers() {
    hrlex_testkit::require_dev_corpus!();
    // UPR Working Group report on Albania, A/HRC/13/6 (2010): header `A/HRC/13/6` and a
    // page number on every page, job number `GE.10-10084` on the first.
    let path = corpus().join("upr/reports/albania2010.pdf");
    let extracted = pdf::extract(&path, &without_ocr()).expect("extracted");
    assert!(note_codes(&extracted).contains(&"headers-removed"));
    let document = document(&path, extracted);
    for paragraph in &document.paragraphs {
        assert_ne!(
            paragraph.text, "A/HRC/13/6",
            "header left on page {:?}",
            paragraph.page
        );
        assert!(!paragraph.text.contains("GE.10-10084"));
        let page = paragraph.page.unwrap_or(0);
        assert_ne!(
            paragraph.text.trim(),
            page.to_string(),
            "page number left: {paragraph:?}"
        );
    }
    // Paragraphs 1 to 67 as printed, in order, each once; under 67 the recommendations
    // are printed `1.`, `2.`, … (this 2010 report does not print `67.1`).
    let numbers: Vec<&str> = document
        .paragraphs
        .iter()
        .filter_map(|paragraph| paragraph.n.as_deref())
        .filter(|n| !n.contains('('))
        .collect();
    let top_level: Vec<u32> = numbers
        .iter()
        .filter_map(|n| n.parse::<u32>().ok())
        .collect();
    assert_eq!(
        top_level[..70],
        (1..=67).chain(1..=3).collect::<Vec<u32>>()[..],
        "{numbers:?}"
    );
    let first = &document.paragraphs[document
        .paragraphs
        .iter()
        .position(|paragraph| paragraph.n.as_deref() == Some("1"))
        .unwrap()];
    assert!(first
        .text
        .starts_with("The Working Group on the Universal Periodic Review"));
    assert_eq!(first.page, Some(3));
    // Sub-paragraphs keep their parent: 3 (a), 3 (b), 3 (c).
    assert!(document
        .paragraphs
        .iter()
        .any(|paragraph| paragraph.n.as_deref() == Some("3 (b)")
            && paragraph
                .text
                .starts_with("A compilation prepared by the Office")));
}

#[test]
fn a_tool_past_its_timeout_is_killed_and_reported() {
    hrlex_testkit::require_dev_corpus!();
    // The largest UPR report (Tunisia 2012, 764 KB): pdftotext needs far more than 1 ms.
    let path = corpus().join("upr/reports/tunisia2012.pdf");
    let options = IngestOptions {
        tool_timeout: Duration::from_millis(1),
        ..without_ocr()
    };
    let started = Instant::now();
    match pdf::extract(&path, &options) {
        Err(IngestError::Timeout { tool, .. }) => assert_eq!(tool, "pdftotext"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(5));
}
