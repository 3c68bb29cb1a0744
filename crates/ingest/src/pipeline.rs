//! From one file to documents: importer or generic extractor, then clean-up,
//! segmentation, language detection, inferred metadata and the sidecar.

use crate::extract::{self, ExtractedText};
use crate::importers::{self, ImportContext};
use crate::provenance::{Stage, Trace};
use crate::sniff::{self, Format};
use crate::{
    bounds, clean, file_kind, labels, lang, masthead_lines, metadata, segment, sidecar,
    FileOutcome, IngestError, IngestOptions,
};
use hrlex_model::{Document, ExtractionNote, Lang, ParagraphCitation, Source};
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Fewer letters than this in a whole file is reported as empty, not indexed.
pub const MIN_DOCUMENT_LETTERS: usize = 12;

/// How many leading bytes importers and the sniffer look at.
pub const HEAD_BYTES: usize = 8192;

/// Reads up to [`HEAD_BYTES`] from the start of a file.
pub fn read_head(path: &Path) -> Result<Vec<u8>, IngestError> {
    let file = file_kind::open_regular(path)?;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    file.take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|error| IngestError::io(path, error))?;
    Ok(head)
}

/// A stable document id made from a path relative to the corpus root, distinct for
/// distinct paths.
///
/// The readable part lowercases the path and turns every run of other characters than
/// letters, digits, `.`, `-` and `_` into one `-` (`echr/Judgment 1.pdf` →
/// `echr-judgment-1.pdf`). That loses information (`a/b.txt` and `a-b.txt`, `A.pdf` and
/// `a.pdf`, names differing by a newline), so it is the whole id only for a *plain* path,
/// one made of lowercase ASCII letters, digits, `.`, `_` and single `/` between names,
/// from which it can be read back. Any other path gets `~` and 10 hex digits of the
/// BLAKE3 hash of the path appended: `~` never occurs in a plain id, and two other paths
/// share an id only if their hashes do.
pub fn id_from_relative_path(relative: &str) -> String {
    let mut id = String::with_capacity(relative.len());
    for c in relative.chars() {
        if c.is_alphanumeric() || c == '.' || c == '-' || c == '_' {
            id.extend(c.to_lowercase());
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches('-');
    let plain = relative
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_' || c == '/')
        && relative.replace('/', "-") == id;
    if plain {
        return id.to_string();
    }
    let hash = blake3::hash(relative.as_bytes()).to_hex();
    format!("{id}~{}", &hash[..10])
}

/// True for the files that describe a corpus folder rather than belong to it
/// (`SOURCES.md`, `README`, `LICENSE-DATA`, `UPSTREAM-README.md`…): indexing them would
/// make, say, the sample's `SOURCES.md` look like a document citing every symbol it lists.
pub fn is_corpus_documentation(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    let lowered = name.to_ascii_lowercase();
    let stem = lowered.split('.').next().unwrap_or("");
    let markdown = lowered.ends_with(".md");
    let documentation_stems = [
        "readme",
        "sources",
        "license",
        "licence",
        "changelog",
        "notice",
        "disclaimer",
        "copying",
    ];
    documentation_stems.iter().any(|known| {
        stem == *known
            || stem.starts_with(&format!("{known}-"))
            || stem.ends_with(&format!("-{known}"))
    }) || (markdown && stem.contains("readme"))
}

/// Turns one file into documents. `relative` is the path relative to the corpus root
/// (used for ids and `source.path`). Panics inside parsers are caught and reported as
/// this file's failure.
pub fn extract_file(
    path: &Path,
    relative: &str,
    options: &IngestOptions,
) -> Result<FileOutcome, IngestError> {
    extract_file_traced(path, relative, options, &mut Trace::disabled())
}

/// [`extract_file`] with every metadata value's source recorded in `trace`
/// (`hrlex extract --explain`).
pub fn extract_file_traced(
    path: &Path,
    relative: &str,
    options: &IngestOptions,
    trace: &mut Trace,
) -> Result<FileOutcome, IngestError> {
    match catch_unwind(AssertUnwindSafe(|| {
        extract_file_unguarded(path, relative, options, trace)
    })) {
        Ok(result) => result,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(IngestError::Panic {
                path: path.to_path_buf(),
                message,
            })
        }
    }
}

fn extract_file_unguarded(
    path: &Path,
    relative: &str,
    options: &IngestOptions,
    trace: &mut Trace,
) -> Result<FileOutcome, IngestError> {
    if sidecar::is_sidecar(path) {
        return Ok(FileOutcome::Skipped {
            reason: "sidecar metadata of another file".into(),
        });
    }
    let metadata = std::fs::metadata(path).map_err(|error| IngestError::io(path, error))?;
    // The walk lists regular files only; `hrlex extract` may be given anything.
    let kind = file_kind::EntryKind::of(metadata.file_type());
    if kind != file_kind::EntryKind::Regular {
        return Err(file_kind::refused(path, kind));
    }
    let size = metadata.len();
    if size > options.max_file_bytes {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            bytes: size,
            limit: options.max_file_bytes,
        });
    }
    let head = read_head(path)?;
    let context = ImportContext { options };
    let mut outcome = match importers::find(path, &head) {
        Some(importer) => {
            let outcome = importer.import(path, &context)?;
            if let FileOutcome::Documents(documents) = &outcome {
                trace.after_each(documents, |document| Stage::Importer {
                    importer: document.source.importer.clone(),
                    record: document.source.record.clone(),
                });
            }
            outcome
        }
        // Importers name their sources' own README and licence files; any other corpus
        // documentation is skipped here rather than indexed.
        None if is_corpus_documentation(path) => FileOutcome::Skipped {
            reason: "documentation of the corpus (a README, a sources list or a licence), not a document"
                .into(),
        },
        None => {
            let extracted = extract_text(path, &head, options)?;
            let document = document_recognized_traced(path, relative, extracted, trace)?;
            FileOutcome::Documents(vec![document])
        }
    };
    if let FileOutcome::Documents(documents) = &mut outcome {
        // What the source says is checked against the text before a curator's sidecar,
        // which still wins.
        for document in documents.iter_mut() {
            labels::check(document);
        }
        trace.after(Stage::TextCheck, documents);
        if let Some(sidecar) = sidecar::read_for(path, options)? {
            for document in documents.iter_mut() {
                sidecar.apply(document);
            }
            let stage = Stage::Sidecar {
                path: sidecar::sidecar_path(Path::new(relative))
                    .to_string_lossy()
                    .into_owned(),
            };
            trace.after(stage, documents);
        }
        for document in documents.iter_mut() {
            bounds::bound_document(document, options);
            if document.source.path.is_empty() {
                document.source.path = relative.to_string();
            }
            metadata::add_case_name_identifier(document);
            attach_citations_with(document, options.gazetteer.as_deref());
        }
    }
    Ok(outcome)
}

/// Runs the extractor the file's content calls for (PDF, HTML, DOCX, DOC, text).
pub fn extract_text(
    path: &Path,
    head: &[u8],
    options: &IngestOptions,
) -> Result<ExtractedText, IngestError> {
    let extension = path.extension().and_then(|e| e.to_str());
    let format = sniff::detect(head, extension);
    let read_all = || std::fs::read(path).map_err(|error| IngestError::io(path, error));
    let mut extracted = match format {
        Format::Pdf => extract::pdf::extract(path, options),
        Format::Zip => extract::docx::extract(path, &read_all()?),
        Format::Ole => extract::word_doc::extract(path, &read_all()?),
        Format::Html | Format::Xml
            if format == Format::Html
                || extension.is_some_and(|e| {
                    e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm")
                }) =>
        {
            extract::html::extract(path, &read_all()?)
        }
        Format::Text => extract::text::extract(path, &read_all()?),
        Format::Empty => Err(IngestError::Empty {
            path: path.to_path_buf(),
        }),
        other => Err(IngestError::UnsupportedFormat {
            path: path.to_path_buf(),
            detected: format!("{} with no importer for this source", other.name()),
        }),
    }?;
    bounds::cap_extracted_pages(&mut extracted, options.max_document_text_bytes);
    Ok(extracted)
}

/// The generic path for one file: extract, then build a document. Its masthead lines
/// (court and organ names, the date line of an order) are still its first paragraphs:
/// the importer reads its metadata from them, then calls [`drop_masthead_lines`].
pub fn extract_generic(
    path: &Path,
    relative: &str,
    head: &[u8],
    options: &IngestOptions,
) -> Result<Document, IngestError> {
    let extracted = extract_text(path, head, options)?;
    document_with_masthead(path, relative, extracted)
}

/// [`document_from_extracted`] for a document no importer describes: its metadata are
/// read from its first pages by [`recognize`](crate::recognize) instead of the first
/// symbol of the first page.
pub fn document_recognized(
    path: &Path,
    relative: &str,
    extracted: ExtractedText,
) -> Result<Document, IngestError> {
    document_recognized_traced(path, relative, extracted, &mut Trace::disabled())
}

fn document_recognized_traced(
    path: &Path,
    relative: &str,
    extracted: ExtractedText,
    trace: &mut Trace,
) -> Result<Document, IngestError> {
    let as_printed = extracted.masthead.clone();
    let extractor = extracted.extractor;
    let (mut document, pages) = document_and_pages(path, relative, extracted)?;
    trace.after(
        Stage::Extraction {
            extractor: extractor.to_string(),
        },
        std::slice::from_ref(&document),
    );
    let first_pages: Vec<String> = match as_printed {
        Some(as_printed) => as_printed
            .iter()
            .map(|page| clean::normalize(page))
            .collect(),
        None => first_pages(&pages),
    };
    let file_name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("");
    trace.masthead_input(&document, &first_pages, file_name);
    let text: String = first_pages
        .iter()
        .flat_map(|page| [page.as_str(), "\n"])
        .collect();
    let recognized = crate::recognize::recognize(&text, file_name);
    crate::recognize::fill_empty(&mut document, recognized);
    drop_masthead_lines(&mut document);
    trace.after(Stage::Masthead, std::slice::from_ref(&document));
    Ok(document)
}

/// The first page, and the second when the first is a short cover page, each cut to
/// what the masthead recognizer may read.
fn first_pages(pages: &[String]) -> Vec<String> {
    let mut kept = Vec::new();
    let mut chars = 0;
    for page in pages.iter().take(2) {
        if chars >= 400 {
            break;
        }
        let room = crate::recognize::MASTHEAD_CHARS * 2;
        let cut: String = page.chars().take(room).collect();
        chars += cut.chars().count();
        kept.push(cut);
    }
    kept
}

/// Builds a document from extracted text: normalization, paragraphs, languages, and
/// the metadata the text itself shows.
pub fn document_from_extracted(
    path: &Path,
    relative: &str,
    extracted: ExtractedText,
) -> Result<Document, IngestError> {
    let mut document = document_with_masthead(path, relative, extracted)?;
    drop_masthead_lines(&mut document);
    Ok(document)
}

fn document_with_masthead(
    path: &Path,
    relative: &str,
    extracted: ExtractedText,
) -> Result<Document, IngestError> {
    let (mut document, pages) = document_and_pages(path, relative, extracted)?;
    metadata::infer_from_text(
        &mut document,
        pages.first().map(String::as_str).unwrap_or(""),
    );
    Ok(document)
}

/// Keeps the masthead lines of the first page out of the body paragraphs
/// ([`masthead_lines`]), with a note saying how many. Run once the metadata have been
/// read from them: an IACtHR order's date is such a line (`OF NOVEMBER 18, 2010`).
pub fn drop_masthead_lines(document: &mut Document) {
    let dropped = masthead_lines::remove_masthead_paragraphs(&mut document.paragraphs);
    if dropped > 0 {
        document.notes.push(ExtractionNote::new(
            "masthead-lines",
            format!("{dropped} masthead line(s) of the first page kept out of the body"),
        ));
    }
}

/// The document of extracted text, without inferred metadata, and its normalized pages.
fn document_and_pages(
    path: &Path,
    relative: &str,
    extracted: ExtractedText,
) -> Result<(Document, Vec<String>), IngestError> {
    // A handful of letters is not a document (`error.pdf` holds the five bytes "error"):
    // report it as empty instead of indexing a garbage one-word document.
    let letters: usize = extracted
        .pages
        .iter()
        .map(|page| page.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    if extracted.is_blank() || letters < MIN_DOCUMENT_LETTERS {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
        });
    }
    let pages: Vec<String> = extracted
        .pages
        .iter()
        .map(|page| clean::normalize(page))
        .collect();
    let paragraphs = segment::paragraphs_from_pages(&pages);
    let mut document = Document::new(id_from_relative_path(relative), Lang::Und);
    document.paragraphs = paragraphs;
    let full_text = document.full_text();
    document.lang = extracted
        .declared_lang
        .or_else(|| lang::detect(&full_text))
        .unwrap_or(Lang::Und);
    mark_paragraph_languages(&mut document);
    document.title = extracted
        .title
        .clone()
        .filter(|title| !title.trim().is_empty())
        .unwrap_or_else(|| title_from_paragraphs(&document));
    document.source = Source {
        path: relative.to_string(),
        record: None,
        format: extracted.format.to_string(),
        importer: extracted.extractor.to_string(),
    };
    document.notes = extracted.notes;
    Ok((document, pages))
}

/// Marks paragraphs whose language differs from the document's (an English annex in a
/// Chinese report). Short paragraphs are left alone: detection needs some text.
pub fn mark_paragraph_languages(document: &mut Document) {
    for paragraph in &mut document.paragraphs {
        if paragraph.text.chars().filter(|c| c.is_alphabetic()).count() < 60 {
            continue;
        }
        if let Some(detected) = lang::detect(&paragraph.text) {
            if detected != document.lang && detected != Lang::Other {
                paragraph.lang = Some(detected);
            }
        }
    }
}

fn title_from_paragraphs(document: &Document) -> String {
    // The title is on the first page, never a masthead line.
    let masthead = masthead_lines::masthead_flags(&document.paragraphs);
    let first = document
        .paragraphs
        .iter()
        .zip(masthead)
        .filter(|(_, is_masthead)| !is_masthead)
        .map(|(paragraph, _)| paragraph.text.trim())
        .find(|text| text.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .unwrap_or("");
    let title: String = first.chars().take(160).collect();
    title
}

/// Finds what each paragraph cites (`hrlex-cite`), with the document's own symbol and
/// mechanism as context so that `comm:?:…` and bare resolution numbers resolve to the
/// right body. Short forms (`Chahal, para. 80`) are left to a document-level pass.
pub fn attach_citations(document: &mut Document) {
    attach_citations_with(document, None);
}

/// [`attach_citations`], and with a gazetteer, the ECtHR cases each paragraph names
/// without their number (`ECHR, Sabri Günes v. Turkey, Grand Chamber, judgment of 29
/// June 2012` → `ecthr:app:27396/06`); such a citation's `surface` is the case name as
/// written. Every other case named by applicant and respondent State without a number
/// (`Mutombo v. Switzerland, Views adopted on 27 April 1994`) is cited by its `name:`
/// key, which resolves to the documents bearing that case name
/// ([`metadata::add_case_name_identifier`]).
pub fn attach_citations_with(document: &mut Document, gazetteer: Option<&hrlex_cite::Gazetteer>) {
    let mut context = match &document.symbol {
        Some(symbol) => hrlex_cite::CitingContext::with_symbol(symbol.clone()),
        None => hrlex_cite::CitingContext::default(),
    };
    if document.mechanism != hrlex_model::Mechanism::Other {
        context.mechanism = Some(document.mechanism);
    }
    for paragraph in &mut document.paragraphs {
        let citations = hrlex_cite::extract_with_case_names(&paragraph.text, &context, gazetteer);
        paragraph.citations = citations
            .into_iter()
            .filter(|citation| citation.kind != hrlex_model::CitationKind::ShortForm)
            .map(|citation| ParagraphCitation {
                key: citation.key,
                pin: citation.pin,
                surface: citation.surface,
            })
            .collect();
    }
}

/// Adds a note to a document.
pub fn note(document: &mut Document, code: &str, message: impl Into<String>) {
    document.notes.push(ExtractionNote::new(code, message));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 18, defect 2): `a/b.txt` and `a-b.txt` both became `a-b.txt`,
    /// and so did names differing by case or by a newline.
    #[test]
    fn regression_18_2_distinct_paths_give_distinct_ids() {
        let paths = [
            "a/b.txt",
            "a-b.txt",
            "a_b.txt",
            "A/b.txt",
            "a/B.txt",
            "a b.txt",
            "a\nb.txt",
            "a\u{0}b.txt",
            "a//b.txt",
            "/a/b.txt",
            "a/b.txt/",
            "дело/решение.txt",
            "дело-решение.txt",
            "决定/第1号.txt",
            "决定-第1号.txt",
        ];
        let ids: std::collections::HashSet<String> = paths
            .iter()
            .map(|path| id_from_relative_path(path))
            .collect();
        assert_eq!(ids.len(), paths.len(), "{ids:?}");
        assert_eq!(
            id_from_relative_path("echr/judgments/001.txt"),
            "echr-judgments-001.txt"
        );
        let cyrillic = id_from_relative_path("дело/решение.txt");
        assert!(cyrillic.starts_with("дело-решение.txt~"), "{cyrillic}");
        assert!(!id_from_relative_path("a-b.txt").contains('/'));
    }

    #[test]
    fn corpus_documentation_is_not_a_document() {
        for name in [
            "SOURCES.md",
            "README",
            "README.md",
            "LICENSE-DATA",
            "UPSTREAM-README.md",
            "LICENSE.repo.txt",
            "DISCLAIMER",
        ] {
            assert!(is_corpus_documentation(Path::new(name)), "{name}");
        }
        for name in [
            "98302.pdf",
            "raw_un_charter_ru.txt",
            "standard_001-57534_ENG.txt",
            "sources_of_law.pdf",
        ] {
            assert!(!is_corpus_documentation(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn a_case_named_in_russian_is_cited_by_its_name_key() {
        let mut document = Document::new("ru-text", Lang::Ru);
        document.paragraphs.push(hrlex_model::Paragraph::numbered(
            "12",
            "См. Эванс против Соединенного Королевства, § 54, и K.N.L.H. c. Pérou.",
        ));
        attach_citations(&mut document);
        let keys: Vec<&str> = document.paragraphs[0]
            .citations
            .iter()
            .map(|citation| citation.key.as_str())
            .collect();
        assert_eq!(keys, ["name:эванс v united kingdom", "name:knlh v peru"]);
        let evans = &document.paragraphs[0].citations[0];
        assert_eq!(evans.surface, "Эванс против Соединенного Королевства");
        assert_eq!(evans.pin, ["para:54"]);
    }
}
