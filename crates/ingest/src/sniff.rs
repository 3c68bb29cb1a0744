//! Detects a file's format from its content, not its extension (`1576.pdf` is an OLE
//! Word document).

/// Formats hrlex can read.
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
            Format::Text => "text",
            Format::Empty => "empty",
            Format::Binary => "binary",
        }
    }
}

/// Detects the format from the first bytes of a file and its extension (the extension
/// only breaks ties between text formats, never overrides the magic bytes).
pub fn detect(head: &[u8], extension: Option<&str>) -> Format {
    if head.is_empty() {
        return Format::Empty;
    }
    let skipped = skip_bom_and_space(head);
    if head.starts_with(b"%PDF-") || find(&head[..head.len().min(1024)], b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if head.starts_with(b"PK\x03\x04") {
        return Format::Zip;
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::Ole;
    }
    if head.starts_with(b"SQLite format 3\0") {
        return Format::Sqlite;
    }
    let looks_textual = is_mostly_text(head);
    if !looks_textual {
        return Format::Binary;
    }
    let lowered: Vec<u8> = skipped
        .iter()
        .take(512)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    if lowered.starts_with(b"<!doctype html")
        || lowered.starts_with(b"<html")
        || find(&lowered, b"<html").is_some()
    {
        return Format::Html;
    }
    if lowered.starts_with(b"<?xml") || lowered.starts_with(b"<") {
        return Format::Xml;
    }
    let extension = extension.map(|e| e.to_ascii_lowercase());
    if skipped.starts_with(b"{") || skipped.starts_with(b"[") {
        return match extension.as_deref() {
            Some("jsonl") | Some("ndjson") => Format::JsonLines,
            _ => Format::Json,
        };
    }
    match extension.as_deref() {
        Some("csv") | Some("tsv") => Format::Csv,
        Some("html") | Some("htm") => Format::Html,
        _ => Format::Text,
    }
}

fn skip_bom_and_space(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// True when the bytes look like text in some encoding: no NULs (UTF-16 aside) and few
/// control characters.
fn is_mostly_text(head: &[u8]) -> bool {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return true;
    }
    let sample = &head[..head.len().min(4096)];
    let control = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)))
        .count();
    control * 100 <= sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
