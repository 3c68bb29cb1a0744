//! Detects a file's format from its content, not its extension (`1576.pdf` is an OLE
//! Word document; a `.pdf` may be random bytes or empty).
//!
//! Magic bytes decide first (PDF, ZIP, OLE2, SQLite, RTF, common binary formats). Text
//! is then decoded (UTF-8, or UTF-16 with or without BOM) and its first element or
//! character decides between HTML, XML, JSON and JSON Lines; the extension only breaks
//! ties between text formats (CSV vs plain text) and never overrides the content.

use crate::extract::text;

/// Formats hrlex can recognize.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    /// A ZIP container; DOCX when it holds `word/document.xml`.
    Zip,
    /// OLE2 compound file: legacy Word `.doc`.
    Ole,
    Html,
    Xml,
    Json,
    JsonLines,
    Csv,
    Sqlite,
    /// Rich Text Format (recognized so it is reported by name, not read).
    Rtf,
    Text,
    /// Empty file.
    Empty,
    /// Bytes that are none of the above.
    Binary,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Zip => "zip",
            Format::Ole => "ole",
            Format::Html => "html",
            Format::Xml => "xml",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Csv => "csv",
            Format::Sqlite => "sqlite",
            Format::Rtf => "rtf",
            Format::Text => "text",
            Format::Empty => "empty",
            Format::Binary => "binary",
        }
    }
}

/// Binary formats recognized by their magic bytes, named in error messages.
const BINARY_MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "png image"),
    (b"\xFF\xD8\xFF", "jpeg image"),
    (b"GIF87a", "gif image"),
    (b"GIF89a", "gif image"),
    (b"II*\0", "tiff image"),
    (b"MM\0*", "tiff image"),
    (b"\x1F\x8B", "gzip archive"),
    (b"7z\xBC\xAF\x27\x1C", "7z archive"),
    (b"Rar!\x1A\x07", "rar archive"),
    (b"\x7FELF", "executable"),
];

/// Names the binary format of `head` when its magic bytes are known (`png image`…).
pub fn describe_binary(head: &[u8]) -> Option<&'static str> {
    BINARY_MAGIC
        .iter()
        .find(|(magic, _)| head.starts_with(magic))
        .map(|(_, name)| *name)
}

/// Detects the format from the first bytes of a file (a few kilobytes are enough) and
/// its extension (which only breaks ties between text formats).
pub fn detect(head: &[u8], extension: Option<&str>) -> Format {
    if head.is_empty() {
        return Format::Empty;
    }
    if head.starts_with(b"%PDF-") || find(&head[..head.len().min(1024)], b"%PDF-").is_some() {
        return Format::Pdf;
    }
    // Empty archives and spanned archives have other signatures than a local header.
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Format::Zip;
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::Ole;
    }
    if head.starts_with(b"SQLite format 3\0") {
        return Format::Sqlite;
    }
    if head.starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    if describe_binary(head).is_some() {
        return Format::Binary;
    }
    let Some(decoded) = decode_text_head(head) else {
        return Format::Binary;
    };
    let extension = extension.map(|e| e.to_ascii_lowercase());
    let content = decoded.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if content.is_empty() {
        return Format::Text;
    }
    if content.starts_with('<') {
        return markup_format(content, extension.as_deref());
    }
    if content.starts_with('{') || content.starts_with('[') {
        if matches!(extension.as_deref(), Some("jsonl" | "ndjson"))
            || looks_like_json_lines(content)
        {
            return Format::JsonLines;
        }
        return Format::Json;
    }
    match extension.as_deref() {
        Some("csv" | "tsv") => Format::Csv,
        // Text that does not start with markup but is named .html: a fragment of HTML.
        Some("html" | "htm" | "xhtml") if content.contains('<') => Format::Html,
        _ => Format::Text,
    }
}

/// Decodes the head as text when it is text: UTF-8 (lossy at a cut character), UTF-16
/// with or without BOM, or a single-byte encoding with few control characters.
fn decode_text_head(head: &[u8]) -> Option<String> {
    let is_utf16 = head.starts_with(b"\xFF\xFE")
        || head.starts_with(b"\xFE\xFF")
        || text::utf16_without_bom(head).is_some();
    if is_utf16 {
        // The head may cut a code unit in half; decode whole units only.
        let whole_units = &head[..head.len() & !1];
        return Some(text::decode(whole_units).text);
    }
    let sample = &head[..head.len().min(4096)];
    let control = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1A)))
        .count();
    if control * 100 > sample.len() {
        return None;
    }
    Some(String::from_utf8_lossy(head).into_owned())
}

/// HTML or XML, by the first element and the document type.
fn markup_format(content: &str, extension: Option<&str>) -> Format {
    let lowered = content
        .chars()
        .take(8192)
        .collect::<String>()
        .to_ascii_lowercase();
    if lowered.contains("<!doctype html") {
        return Format::Html;
    }
    match first_element_name(&lowered).as_deref() {
        Some("html" | "head" | "body") => Format::Html,
        Some(
            "div" | "p" | "span" | "table" | "section" | "article" | "h1" | "h2" | "h3" | "ul"
            | "ol" | "meta" | "title" | "main" | "header" | "a" | "b" | "i" | "br",
        ) if !lowered.starts_with("<?xml") => Format::Html,
        _ if matches!(extension, Some("html" | "htm" | "xhtml")) => Format::Html,
        _ => Format::Xml,
    }
}

/// The name of the first element, skipping the XML declaration, processing
/// instructions, comments and the document type.
fn first_element_name(markup: &str) -> Option<String> {
    let mut rest = markup;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            rest = &after[after.find("?>")? + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else if let Some(after) = rest.strip_prefix("<!") {
            rest = &after[after.find('>')? + 1..];
        } else if let Some(after) = rest.strip_prefix('<') {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_'))
                .collect();
            // `<foo:html>` is XML that happens to use the word.
            return (!name.is_empty() && !name.contains(':')).then_some(name);
        } else {
            return None;
        }
    }
}

/// JSON Lines: a first line that is a whole object, and another object on the next line.
fn looks_like_json_lines(content: &str) -> bool {
    let mut lines = content
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty());
    let (Some(first), Some(second)) = (lines.next(), lines.next()) else {
        return false;
    };
    first.starts_with('{') && first.ends_with('}') && second.starts_with('{')
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut bytes = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn magic_bytes_win_over_extension() {
        assert_eq!(detect(b"%PDF-1.4\n", Some("txt")), Format::Pdf);
        assert_eq!(
            detect(
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0],
                Some("pdf")
            ),
            Format::Ole
        );
        assert_eq!(detect(b"", Some("pdf")), Format::Empty);
        assert_eq!(
            detect(b"<!DOCTYPE html><html lang=\"ar\">", Some("html")),
            Format::Html
        );
        assert_eq!(detect(b"To,To-Rgrp\rAfghanistan", Some("csv")), Format::Csv);
        assert_eq!(
            detect(b"\x00\x01\x02\x03\x04\x05binary", Some("pdf")),
            Format::Binary
        );
        assert_eq!(detect("Статья 1".as_bytes(), Some("txt")), Format::Text);
        assert_eq!(detect(b"{\\rtf1\\ansi", Some("doc")), Format::Rtf);
        assert_eq!(
            detect(b"\x89PNG\r\n\x1a\n\0\0", Some("pdf")),
            Format::Binary
        );
    }

    #[test]
    fn utf16_text_and_html_are_text_not_binary() {
        assert_eq!(detect(&utf16le("Статья 1. Цели", true), None), Format::Text);
        assert_eq!(
            detect(&utf16le("Article 1. Purposes", false), None),
            Format::Text
        );
        assert_eq!(
            detect(
                &utf16le("<html lang=\"ar\"><p>المادة</p>", true),
                Some("txt")
            ),
            Format::Html
        );
    }

    #[test]
    fn xml_html_json_and_json_lines_by_content() {
        assert_eq!(
            detect(
                b"<?xml version=\"1.0\"?>\n<items><item/></items>",
                Some("xml")
            ),
            Format::Xml
        );
        assert_eq!(
            detect(
                b"<?xml version=\"1.0\"?><!DOCTYPE pdf2xml SYSTEM \"x\"><pdf2xml>",
                None
            ),
            Format::Xml
        );
        assert_eq!(
            detect(
                b"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
                None
            ),
            Format::Html
        );
        assert_eq!(
            detect(b"  <div class=\"coverpage\"><h1>Act</h1>", None),
            Format::Html
        );
        assert_eq!(
            detect(b"{\"a\": 1}\n{\"a\": 2}\n", Some("json")),
            Format::JsonLines
        );
        assert_eq!(
            detect(b"[\n  {\"a\": 1},\n  {\"a\": 2}\n]", None),
            Format::Json
        );
        assert_eq!(detect(b"\xEF\xBB\xBF{\"a\": 1}", None), Format::Json);
    }

    #[test]
    fn random_bytes_are_binary_whatever_their_name() {
        // A fixed pseudo-random sequence (xorshift), so that the test is reproducible.
        let mut state: u32 = 0x9E37_79B9;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                (state >> 24) as u8
            })
            .collect();
        assert_eq!(detect(&bytes, Some("pdf")), Format::Binary);
        assert_eq!(detect(&bytes, Some("txt")), Format::Binary);
    }
}
