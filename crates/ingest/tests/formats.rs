//! Format extractors (HTML, DOCX, plain text, legacy Word `.doc`) and content sniffing,
//! checked on real files of the development corpus and on generated hostile inputs.
//!
//! Properties checked:
//! - declared language and direction survive (Arabic UDHR: `ar`, right to left), and
//!   the text comes out in reading order, paragraph by paragraph (Arabic, Chinese);
//! - plain text decodes whatever its encoding (UTF-8 with BOM, UTF-16) and line ending
//!   (CRLF, bare CR), and printed paragraph numbers are kept (HUDOC, UN Charter);
//! - a DOCX judgment yields its paragraphs, not a template's title;
//! - a Word `.doc` named `.pdf` is read as a Word document;
//! - a zip bomb, 100,000 nested `<div>`s and random bytes named `.pdf` end quickly with
//!   a clear result that names the file.

use hrlex_ingest::extract::{docx, html, text, ExtractedText};
use hrlex_ingest::pipeline::{document_from_extracted, extract_text, read_head};
use hrlex_ingest::sniff::{self, Format};
use hrlex_ingest::{IngestError, IngestOptions};
use hrlex_model::{Document, Lang};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn corpus() -> PathBuf {
    hrlex_testkit::expect_dev_corpus()
}

/// Sniffs and extracts one file as the pipeline does for files no importer claims.
fn extract(path: &Path) -> Result<ExtractedText, IngestError> {
    let head = read_head(path)?;
    extract_text(path, &head, &IngestOptions::default())
}

/// Extraction, then the pipeline's normalization, segmentation and language detection.
fn document(path: &Path) -> Document {
    let extracted = extract(path).unwrap_or_else(|error| panic!("{error}"));
    let relative = path.file_name().unwrap().to_string_lossy().to_string();
    document_from_extracted(path, &relative, extracted).unwrap()
}

fn paragraph_texts(document: &Document) -> Vec<&str> {
    document
        .paragraphs
        .iter()
        .map(|paragraph| paragraph.text.as_str())
        .collect()
}

fn has_note(extracted: &ExtractedText, code: &str, message: &str) -> bool {
    extracted
        .notes
        .iter()
        .any(|note| note.code == code && note.message == message)
}

// ---------------------------------------------------------------- HTML

/// `multilingual/udhr/arb.html`: `<html dir="rtl" lang="ar">`.
#[test]
fn arabic_udhr_declares_arabic_right_to_left_and_reads_in_order() {
    hrlex_testkit::require_dev_corpus!();
    let path = corpus().join("multilingual/udhr/arb.html");
    let extracted = extract(&path).unwrap();
    assert_eq!(extracted.format, "html");
    assert_eq!(extracted.declared_lang, Some(Lang::Ar));
    assert!(has_note(&extracted, "direction", "rtl"));
    assert_eq!(
        extracted.title.as_deref(),
        Some("الإعلان العالمي لحقوق الإنسان")
    );
    let document = document_from_extracted(&path, "arb.html", extracted).unwrap();
    assert_eq!(document.lang, Lang::Ar);
    assert!(document.lang.is_rtl());
    let texts = paragraph_texts(&document);
    // Article 1, word by word in reading order, as one paragraph after its heading.
    let heading = texts.iter().position(|t| *t == "المادة 1").unwrap();
    assert!(texts[heading + 1].starts_with("يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق"));
    // No markup or head content leaks into the text.
    assert!(texts
        .iter()
        .all(|t| !t.contains('<') && !t.contains("Arabic, Standard")));
}

/// `multilingual/udhr/cmn_hans.html`: Chinese paragraphs, lines joined without spaces.
#[test]
fn chinese_udhr_gives_chinese_paragraphs() {
    hrlex_testkit::require_dev_corpus!();
    let document = document(&corpus().join("multilingual/udhr/cmn_hans.html"));
    assert_eq!(document.lang, Lang::Zh);
    assert_eq!(document.title, "世界人权宣言");
    let texts = paragraph_texts(&document);
    assert!(texts.contains(&"第一条"));
    assert!(texts.contains(
        &"人人生而自由,在尊严和权利上一律平等。他们赋有理性和良心,并应以兄弟关系的精神相对待。"
    ));
    assert!(texts.len() > 60, "{} paragraphs", texts.len());
}

/// All 19 UDHR pages: our seven languages map to themselves, the others to `Other`,
/// and numbered sub-paragraphs (`<ol><li>`) keep their numbers.
#[test]
fn every_udhr_language_is_declared() {
    hrlex_testkit::require_dev_corpus!();
    let expected = [
        ("arb", Lang::Ar),
        ("cmn_hans", Lang::Zh),
        ("cmn_hant", Lang::Zh),
        ("eng", Lang::En),
        ("fra", Lang::Fr),
        ("rus", Lang::Ru),
        ("spa", Lang::Es),
        ("por_BR", Lang::Pt),
        ("por_PT", Lang::Pt),
        ("heb", Lang::Other),
        ("hin", Lang::Other),
        ("jpn", Lang::Other),
        ("ukr", Lang::Other),
    ];
    for (name, lang) in expected {
        let extracted = extract(&corpus().join(format!("multilingual/udhr/{name}.html"))).unwrap();
        assert_eq!(extracted.declared_lang, Some(lang), "{name}");
    }
    let english = document(&corpus().join("multilingual/udhr/eng.html"));
    let article_14_first = english
        .paragraphs
        .iter()
        .find(|p| {
            p.text
                .starts_with("Everyone has the right to seek and to enjoy")
        })
        .unwrap();
    assert_eq!(article_14_first.n.as_deref(), Some("1"));
}

/// `africa/sample_documents.json`: AfricanLII/ECOWAS records carry Akoma Ntoso HTML
/// (`content_html`); importers hand it to `extract_fragment`.
#[test]
fn african_union_charter_fragment_from_the_json_fixture() {
    hrlex_testkit::require_dev_corpus!();
    let json = std::fs::read_to_string(corpus().join("africa/sample_documents.json")).unwrap();
    let records: serde_json::Value = serde_json::from_str(&json).unwrap();
    let content = records
        .as_array()
        .unwrap()
        .iter()
        .find(|record| record["model"] == "peachjam.documentcontent" && record["pk"] == 5519)
        .and_then(|record| record["fields"]["content_html"].as_str())
        .unwrap();
    let extracted = html::extract_fragment(content);
    assert_eq!(
        extracted.title.as_deref(),
        Some("African Charter on Elections, Democracy and Governance")
    );
    let text = &extracted.pages[0];
    assert!(text.contains("\n\nWe, the Member States of the African Union (AU);\n\n"));
    assert!(text.contains("\n\nInspired by the objectives and principles"));
    assert!(!text.contains("<span") && !text.contains("&amp;"));
}

/// 100,000 nested `<div>`s: no stack overflow, linear time.
#[test]
fn deeply_nested_html_is_read_in_bounded_time() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("nested.html");
    let depth = 100_000;
    let mut page = String::from("<!doctype html><html lang=\"ru\"><body>");
    page.push_str(&"<div>".repeat(depth));
    page.push_str("<p>Статья 1</p><p>Цели Объединенных Наций</p>");
    page.push_str(&"</div>".repeat(depth));
    std::fs::write(&path, page).unwrap();
    let started = Instant::now();
    let document = document(&path);
    let elapsed = started.elapsed();
    assert_eq!(
        paragraph_texts(&document),
        ["Статья 1", "Цели Объединенных Наций"]
    );
    // About 2 s in an unoptimized test build on a busy 2-core machine; a release build
    // is several times faster. A quadratic reader would take minutes.
    assert!(elapsed < Duration::from_secs(6), "took {elapsed:?}");
}

// ---------------------------------------------------------------- plain text

/// `multilingual/un-charter/raw_un_charter_ru.txt` (UTF-8, no BOM).
#[test]
fn russian_un_charter_decodes_and_keeps_article_headings() {
    hrlex_testkit::require_dev_corpus!();
    let document = document(&corpus().join("multilingual/un-charter/raw_un_charter_ru.txt"));
    assert_eq!(document.lang, Lang::Ru);
    let texts = paragraph_texts(&document);
    assert!(texts[0].starts_with("МЫ, НАРОДЫ ОБЪЕДИНЕННЫХ НАЦИЙ"));
    let full = document.full_text();
    assert!(full.contains("Статья 1"), "article heading lost");
    assert!(full.contains("Статья 111"));
}

/// The same charter saved as UTF-16 (with and without BOM) reads the same.
#[test]
fn utf16_copies_of_the_arabic_charter_read_like_the_original() {
    hrlex_testkit::require_dev_corpus!();
    let original =
        std::fs::read_to_string(corpus().join("multilingual/un-charter/raw_un_charter_ar.txt"))
            .unwrap();
    let directory = tempfile::tempdir().unwrap();
    let mut with_bom = vec![0xFF, 0xFE];
    with_bom.extend(original.encode_utf16().flat_map(u16::to_le_bytes));
    let path = directory.path().join("charter_ar_utf16.txt");
    std::fs::write(&path, &with_bom).unwrap();
    let extracted = extract(&path).unwrap();
    assert_eq!(extracted.pages[0], original);
    assert!(has_note(&extracted, "encoding", "decoded from UTF-16LE"));
}

/// `echr/hudoc-texts/standard_001-57473_ENG.txt` (Dudgeon v. the United Kingdom) and
/// `commission_decision_001-24502_FRE.txt` (UTF-8 with BOM).
#[test]
fn hudoc_english_and_french_texts() {
    hrlex_testkit::require_dev_corpus!();
    let english = document(&corpus().join("echr/hudoc-texts/standard_001-57473_ENG.txt"));
    assert_eq!(english.lang, Lang::En);
    let first = english
        .paragraphs
        .iter()
        .find(|p| p.n.as_deref() == Some("1"))
        .unwrap();
    assert!(first
        .text
        .starts_with("The Dudgeon case was referred to the Court"));
    assert!(english
        .paragraphs
        .iter()
        .any(|p| p.n.as_deref() == Some("2")));

    let path = corpus().join("echr/hudoc-texts/commission_decision_001-24502_FRE.txt");
    assert!(std::fs::read(&path).unwrap().starts_with(b"\xEF\xBB\xBF"));
    let french = document(&path);
    assert_eq!(french.lang, Lang::Fr);
    let texts = paragraph_texts(&french);
    assert_eq!(texts[0], "SUR LA RECEVABILITE");
    assert!(texts.contains(&"présentée par Charles VAN ACKER"));
}

/// `upr/recommendations/1-5.csv` (UPR Info export) ends its lines with a bare CR.
#[test]
fn bare_cr_line_endings_become_lines() {
    hrlex_testkit::require_dev_corpus!();
    let bytes = std::fs::read(corpus().join("upr/recommendations/1-5.csv")).unwrap();
    assert!(bytes.contains(&b'\r') && !bytes.windows(2).any(|w| w == b"\r\n"));
    let decoded = text::decode(&bytes);
    assert!(!decoded.text.contains('\r'));
    let lines: Vec<&str> = decoded.text.lines().collect();
    assert!(lines.len() > 1000, "{} lines", lines.len());
    assert!(lines[0].starts_with("To,To-Rgrp"));

    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("bare_cr.txt");
    std::fs::write(
        &path,
        "1. Le Comité note\rque l'État partie\r\r2. Статья 1\r",
    )
    .unwrap();
    let document = document(&path);
    let numbered: Vec<(Option<&str>, &str)> = document
        .paragraphs
        .iter()
        .map(|p| (p.n.as_deref(), p.text.as_str()))
        .collect();
    assert_eq!(
        numbered,
        [
            (Some("1"), "Le Comité note que l'État partie"),
            (Some("2"), "Статья 1")
        ]
    );
}

// ---------------------------------------------------------------- DOCX

/// `africa/zagpjhc_judgment.docx`: S v Pietropaolo, Gauteng Local Division.
#[test]
fn docx_judgment_paragraphs() {
    hrlex_testkit::require_dev_corpus!();
    let path = corpus().join("africa/zagpjhc_judgment.docx");
    let extracted = extract(&path).unwrap();
    assert_eq!(extracted.format, "docx");
    // The core title is a template's ("IN THE MAGISTRATE'S COURT…"), not this court's.
    assert_eq!(extracted.title, None);
    assert_eq!(extracted.declared_lang, Some(Lang::En));
    let document = document_from_extracted(&path, "zagpjhc_judgment.docx", extracted).unwrap();
    let texts = paragraph_texts(&document);
    assert!(texts.contains(&"IN THE HIGH COURT OF SOUTH AFRICA"));
    assert!(texts.contains(&"GAUTENG LOCAL DIVISION HELD AT JOHANNESBURG"));
    assert!(texts.iter().any(|t| t.starts_with(
        "MOKGOATLHENG, J: This is the judgment in the matter of S v Vincenzo Pietropaolo"
    )));
    assert!(texts.len() > 150, "{} paragraphs", texts.len());
}

/// Writes a ZIP holding one deflated `word/document.xml` that inflates to `inflated`
/// bytes, with `declared` as its stated size (a liar when smaller). The deflate stream is
/// written by hand with fixed Huffman codes: one literal, then matches of 258 bytes at
/// distance 1, 13 bits each, so 300 MB cost 2 MB and no time to compress.
fn zip_bomb(inflated: u64, declared: u32) -> Vec<u8> {
    struct Bits {
        bytes: Vec<u8>,
        accumulator: u64,
        count: u32,
    }
    impl Bits {
        fn push(&mut self, value: u64, count: u32) {
            self.accumulator |= value << self.count;
            self.count += count;
            while self.count >= 8 {
                self.bytes.push(self.accumulator as u8);
                self.accumulator >>= 8;
                self.count -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn push_code(&mut self, code: u64, length: u32) {
            let reversed = (0..length).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
            self.push(reversed, length);
        }
    }
    let mut bits = Bits {
        bytes: Vec::new(),
        accumulator: 0,
        count: 0,
    };
    bits.push(1, 1); // last block
    bits.push(1, 2); // fixed Huffman codes
    bits.push_code(0x30, 8); // literal 0x00
    for _ in 0..(inflated - 1) / 258 {
        bits.push_code(0xC5, 8); // length 258
        bits.push_code(0, 5); // distance 1
    }
    bits.push_code(0, 7); // end of block
    bits.push(0, 7); // flush
    let data = bits.bytes;

    let name = b"word/document.xml";
    let mut zip = Vec::new();
    let header = |zip: &mut Vec<u8>, central: bool| {
        if central {
            zip.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            zip.extend_from_slice(&20u16.to_le_bytes()); // made by
        } else {
            zip.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        }
        zip.extend_from_slice(&20u16.to_le_bytes()); // version needed
        zip.extend_from_slice(&0u16.to_le_bytes()); // flags
        zip.extend_from_slice(&8u16.to_le_bytes()); // deflate
        zip.extend_from_slice(&0u16.to_le_bytes()); // time
        zip.extend_from_slice(&0x21u16.to_le_bytes()); // date
        zip.extend_from_slice(&0u32.to_le_bytes()); // crc (never reached)
        zip.extend_from_slice(&(data.len() as u32).to_le_bytes());
        zip.extend_from_slice(&declared.to_le_bytes());
        zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
        zip.extend_from_slice(&0u16.to_le_bytes()); // extra
        if central {
            zip.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
            zip.extend_from_slice(&0u32.to_le_bytes()); // external attributes
            zip.extend_from_slice(&0u32.to_le_bytes()); // local header offset
        }
        zip.extend_from_slice(name);
    };
    header(&mut zip, false);
    zip.extend_from_slice(&data);
    let central_start = zip.len();
    header(&mut zip, true);
    let central_size = zip.len() - central_start;
    zip.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    zip.extend_from_slice(&[0; 4]); // disks
    zip.extend_from_slice(&1u16.to_le_bytes());
    zip.extend_from_slice(&1u16.to_le_bytes());
    zip.extend_from_slice(&(central_size as u32).to_le_bytes());
    zip.extend_from_slice(&(central_start as u32).to_le_bytes());
    zip.extend_from_slice(&0u16.to_le_bytes());
    zip
}

#[test]
fn zip_bombs_named_docx_are_refused_quickly() {
    let directory = tempfile::tempdir().unwrap();
    let inflated = 300 * 1024 * 1024;
    for (name, declared) in [("honest.docx", inflated as u32), ("liar.docx", 4096)] {
        let path = directory.path().join(name);
        std::fs::write(&path, zip_bomb(inflated, declared)).unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() < 3 * 1024 * 1024);
        let started = Instant::now();
        let error = extract(&path).unwrap_err();
        let elapsed = started.elapsed();
        let message = error.to_string();
        assert_eq!(error.code(), "malformed", "{message}");
        assert!(message.contains("zip bomb"), "{message}");
        assert!(message.contains(name), "{message}");
        assert!(elapsed < Duration::from_secs(2), "{name} took {elapsed:?}");
    }
}

#[test]
fn zip_bomb_limits_are_adjustable() {
    let bomb = zip_bomb(8 * 1024 * 1024, 8 * 1024 * 1024);
    let strict = docx::ZipLimits {
        max_part_bytes: 1024 * 1024,
        ..docx::ZipLimits::default()
    };
    let error = docx::extract_with_limits(Path::new("strict.docx"), &bomb, &strict).unwrap_err();
    assert!(error.to_string().contains("zip bomb"), "{error}");
}

// ---------------------------------------------------------------- legacy Word

/// `iacthr/pdfs/1576.pdf` is an OLE2 Word document (order of the Inter-American Court,
/// 8 February 2008, Álvarez et al. v. Colombia, provisional measures).
#[test]
fn word_document_disguised_as_pdf() {
    hrlex_testkit::require_dev_corpus!();
    let path = corpus().join("iacthr/pdfs/1576.pdf");
    let head = read_head(&path).unwrap();
    assert_eq!(sniff::detect(&head, Some("pdf")), Format::Ole);
    let extracted = extract(&path).unwrap();
    assert_eq!(extracted.format, "doc");
    assert!(matches!(extracted.extractor, "antiword" | "catdoc"));
    let document = document_from_extracted(&path, "1576.pdf", extracted).unwrap();
    assert_eq!(document.lang, Lang::En);
    let full = document.full_text();
    assert!(full.contains("Inter-American Court of Human Rights"));
    assert!(full.contains("Case of Álvarez et al."));
    assert!(document
        .paragraphs
        .iter()
        .any(|p| p.n.as_deref() == Some("1") && p.text.starts_with("The Order of the President")));
}

// ---------------------------------------------------------------- sniffing

#[test]
fn random_bytes_named_pdf_are_unsupported_with_the_path() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("judgment.pdf");
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let bytes: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u8
        })
        .collect();
    std::fs::write(&path, bytes).unwrap();
    let error = extract(&path).unwrap_err();
    assert_eq!(error.code(), "unsupported-format", "{error}");
    assert!(error.to_string().contains("judgment.pdf"), "{error}");

    let empty = directory.path().join("empty.pdf");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(extract(&empty).unwrap_err().code(), "empty");
}

/// Every file of the development corpus is sniffed as what it is.
#[test]
fn every_corpus_file_is_sniffed_by_content() {
    hrlex_testkit::require_dev_corpus!();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(corpus()) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let head = read_head(path).unwrap();
        let extension = path.extension().and_then(|e| e.to_str());
        let format = sniff::detect(&head, extension);
        let relative = path.strip_prefix(corpus()).unwrap().to_string_lossy();
        let expected = match (relative.as_ref(), extension.unwrap_or("")) {
            ("iacthr/pdfs/1576.pdf", _) => Format::Ole,
            ("pdf-edge-cases/not_a_pdf.pdf", _) => Format::Empty,
            // Five bytes of nothing in particular.
            ("pdf-edge-cases/error.pdf", _) => format,
            (_, "pdf") => Format::Pdf,
            (_, "docx") => Format::Zip,
            (_, "html") => Format::Html,
            (_, "xml") => Format::Xml,
            (_, "jsonl") => Format::JsonLines,
            (_, "json") => Format::Json,
            (_, "csv") => Format::Csv,
            (_, "sqlite") => Format::Sqlite,
            _ => Format::Text,
        };
        assert_eq!(format, expected, "{relative}");
        checked += 1;
    }
    assert!(checked > 900, "only {checked} files");
}
