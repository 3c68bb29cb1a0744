//! Bounds on extracted text. A small file can expand to an unbounded text (a 232 KB PDF of
//! repeated content streams gave one 75 MB paragraph that took 2.5 GB to index and 1.3 s
//! per matching search), so a document keeps at most
//! [`IngestOptions::max_document_text_bytes`] of text and a paragraph at most
//! [`IngestOptions::max_paragraph_text_bytes`]; each bound applied leaves a note on the
//! document (`text-truncated`, `paragraph-split`). The defaults are far above every real
//! document of the development corpus (see [`crate::DEFAULT_MAX_DOCUMENT_TEXT_BYTES`]).

use crate::extract::ExtractedText;
use crate::IngestOptions;
use hrlex_model::{Document, ExtractionNote, Paragraph};

/// Note code: the document's text was cut at the document bound.
pub const NOTE_TEXT_TRUNCATED: &str = "text-truncated";
/// Note code: paragraphs longer than the paragraph bound were split.
pub const NOTE_PARAGRAPH_SPLIT: &str = "paragraph-split";

/// Cuts the extracted pages once they add up to more than `max_bytes` (before cleaning and
/// segmentation, which would otherwise run on all of it).
pub fn cap_extracted_pages(extracted: &mut ExtractedText, max_bytes: usize) {
    let total: usize = extracted.pages.iter().map(String::len).sum();
    if total <= max_bytes {
        return;
    }
    let mut kept = 0;
    for page in &mut extracted.pages {
        let room = max_bytes - kept;
        if page.len() > room {
            page.truncate(floor_char_boundary(page, room));
        }
        kept += page.len();
    }
    let pages_before = extracted.pages.len();
    while extracted.pages.len() > 1 && extracted.pages.last().is_some_and(String::is_empty) {
        extracted.pages.pop();
    }
    extracted.notes.push(ExtractionNote::new(
        NOTE_TEXT_TRUNCATED,
        format!(
            "extracted text of {total} bytes cut at the limit of {max_bytes} bytes \
             ({} of {pages_before} page(s) kept)",
            extracted.pages.len()
        ),
    ));
}

/// Applies both bounds to a finished document: long paragraphs are split into pieces
/// (each keeps the paragraph's number, page and language; no text is lost), then the text
/// beyond the document bound is dropped.
pub fn bound_document(document: &mut Document, options: &IngestOptions) {
    split_long_paragraphs(document, options.max_paragraph_text_bytes);
    truncate_document(document, options.max_document_text_bytes);
}

fn split_long_paragraphs(document: &mut Document, max_bytes: usize) {
    let max_bytes = max_bytes.max(64);
    if document
        .paragraphs
        .iter()
        .all(|paragraph| paragraph.text.len() <= max_bytes)
    {
        return;
    }
    let mut split = 0;
    let mut longest = 0;
    let mut bounded = Vec::with_capacity(document.paragraphs.len());
    for paragraph in std::mem::take(&mut document.paragraphs) {
        if paragraph.text.len() <= max_bytes {
            bounded.push(paragraph);
            continue;
        }
        split += 1;
        longest = longest.max(paragraph.text.len());
        for piece in pieces(&paragraph.text, max_bytes) {
            // Citations are found afterwards, per piece.
            bounded.push(Paragraph {
                n: paragraph.n.clone(),
                text: piece.to_string(),
                page: paragraph.page,
                lang: paragraph.lang,
                citations: Vec::new(),
            });
        }
    }
    document.paragraphs = bounded;
    document.notes.push(ExtractionNote::new(
        NOTE_PARAGRAPH_SPLIT,
        format!(
            "{split} paragraph(s) longer than {max_bytes} bytes (the longest {longest}) split \
             into pieces of at most {max_bytes} bytes"
        ),
    ));
}

/// Pieces of `text` of at most `max_bytes` bytes, cut after the last whitespace of each
/// window when there is one in its second half (else at a character boundary).
fn pieces(text: &str, max_bytes: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.len() > max_bytes {
        let hard = floor_char_boundary(rest, max_bytes);
        let cut = rest[..hard]
            .rfind(char::is_whitespace)
            .filter(|position| *position >= hard / 2)
            .map(|position| position + rest[position..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(hard);
        let (piece, remaining) = rest.split_at(cut);
        pieces.push(piece.trim_end());
        rest = remaining.trim_start();
    }
    let rest = rest.trim_end();
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

fn truncate_document(document: &mut Document, max_bytes: usize) {
    let total: usize = document
        .paragraphs
        .iter()
        .map(|paragraph| paragraph.text.len())
        .sum();
    if total <= max_bytes {
        return;
    }
    let mut kept = 0;
    let mut keep_paragraphs = 0;
    for paragraph in &mut document.paragraphs {
        let room = max_bytes - kept;
        if paragraph.text.len() <= room {
            kept += paragraph.text.len();
            keep_paragraphs += 1;
            continue;
        }
        // The paragraph at the bound keeps what fits (if anything); the rest go.
        paragraph
            .text
            .truncate(floor_char_boundary(&paragraph.text, room));
        if !paragraph.text.is_empty() {
            keep_paragraphs += 1;
        }
        break;
    }
    let dropped = document.paragraphs.len() - keep_paragraphs;
    document.paragraphs.truncate(keep_paragraphs);
    document.notes.push(ExtractionNote::new(
        NOTE_TEXT_TRUNCATED,
        format!(
            "text of {total} bytes cut at the limit of {max_bytes} bytes ({dropped} \
             paragraph(s) dropped)"
        ),
    ));
}

/// The largest index ≤ `index` that is a character boundary of `text`.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    let mut index = index;
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use hrlex_model::Lang;

    fn options(document: usize, paragraph: usize) -> IngestOptions {
        IngestOptions {
            max_document_text_bytes: document,
            max_paragraph_text_bytes: paragraph,
            ..IngestOptions::default()
        }
    }

    #[test]
    fn a_long_russian_paragraph_is_split_at_spaces_without_losing_text() {
        let mut document = Document::new("ru", Lang::Ru);
        let long = "Комитет считает, что пытки запрещены. ".repeat(400);
        document
            .paragraphs
            .push(Paragraph::numbered("7", long.clone()));
        bound_document(&mut document, &options(usize::MAX, 1000));
        assert!(document.paragraphs.len() > 10);
        for paragraph in &document.paragraphs {
            assert!(paragraph.text.len() <= 1000, "{}", paragraph.text.len());
            assert_eq!(paragraph.n.as_deref(), Some("7"));
            assert!(!paragraph.text.starts_with(' ') && !paragraph.text.ends_with(' '));
        }
        let words = |text: &str| {
            text.split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let joined: Vec<String> = document
            .paragraphs
            .iter()
            .flat_map(|paragraph| words(&paragraph.text))
            .collect();
        assert_eq!(joined, words(&long), "no word cut or lost");
        assert_eq!(document.notes[0].code, NOTE_PARAGRAPH_SPLIT);
    }

    #[test]
    fn text_beyond_the_document_bound_is_dropped_with_a_note() {
        let mut document = Document::new("zh", Lang::Zh);
        for number in 0..100 {
            document.paragraphs.push(Paragraph::numbered(
                number.to_string(),
                "禁止酷刑。".repeat(20),
            ));
        }
        bound_document(&mut document, &options(1000, 512 * 1024));
        let total: usize = document.paragraphs.iter().map(|p| p.text.len()).sum();
        assert!(total <= 1000 && total > 900, "{total}");
        assert_eq!(document.paragraphs.len(), 4);
        assert_eq!(document.notes.len(), 1);
        assert_eq!(document.notes[0].code, NOTE_TEXT_TRUNCATED);
        assert!(document.notes[0]
            .message
            .contains("96 paragraph(s) dropped"));
    }

    #[test]
    fn a_document_within_the_bounds_is_left_alone() {
        let mut document = Document::new("en", Lang::En);
        document
            .paragraphs
            .push(Paragraph::numbered("1", "The Committee finds a violation."));
        bound_document(&mut document, &IngestOptions::default());
        assert_eq!(document.paragraphs.len(), 1);
        assert!(document.notes.is_empty());
    }

    #[test]
    fn extracted_pages_are_cut_at_a_character_boundary() {
        let mut extracted = ExtractedText {
            pages: vec!["مرحبا ".repeat(100), "ثانية".repeat(100)],
            ..ExtractedText::default()
        };
        cap_extracted_pages(&mut extracted, 601);
        assert_eq!(extracted.pages.len(), 1);
        assert!(extracted.pages[0].len() <= 601);
        assert_eq!(extracted.notes[0].code, NOTE_TEXT_TRUNCATED);
    }
}
