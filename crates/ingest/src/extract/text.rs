//! Plain-text extraction: encoding detection and line-ending normalization.
//!
//! Encodings are tried in this order: a byte-order mark (UTF-8, UTF-16 LE/BE), strict
//! UTF-8, UTF-16 without BOM (recognized by its NUL bytes), mostly-UTF-8 with a few
//! broken bytes (decoded lossily, with a note), and finally Windows-1252 (a superset of
//! Latin-1, which is what legacy Western European files almost always are).
//!
//! Line endings are normalized to `\n`, including bare CR (`\r` alone), which UPR Info's
//! CSV exports and old Mac files use.

use super::ExtractedText;
use crate::IngestError;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use hrlex_model::ExtractionNote;
use std::path::Path;

/// Text decoded from bytes, with what was learned along the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    /// The text, without BOM, with `\n` line endings.
    pub text: String,
    /// The encoding used (`UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1252`).
    pub encoding: &'static str,
    /// True when some bytes could not be decoded and were replaced by U+FFFD, or when
    /// the encoding had to be guessed (Windows-1252 fallback).
    pub lossy: bool,
}

/// Decodes bytes of unknown encoding (see the module documentation for the order) and
/// normalizes line endings. Never fails: the worst case is a lossy decode.
pub fn decode(bytes: &[u8]) -> DecodedText {
    let (text, encoding, lossy) = decode_raw(bytes);
    DecodedText {
        text: normalize_line_endings(&text),
        encoding,
        lossy,
    }
}

fn decode_raw(bytes: &[u8]) -> (String, &'static str, bool) {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return (text.into_owned(), encoding.name(), had_errors);
    }
    // Before UTF-8: UTF-16 of ASCII text is valid UTF-8 (full of NULs).
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        return (text.into_owned(), encoding.name(), had_errors);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), UTF_8.name(), false);
    }
    if is_mostly_utf8(bytes) {
        let (text, _) = UTF_8.decode_without_bom_handling(bytes);
        return (text.into_owned(), UTF_8.name(), true);
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    (text.into_owned(), WINDOWS_1252.name(), true)
}

/// UTF-16 without BOM: in text made mostly of Latin, Cyrillic or Arabic letters the
/// high byte of each code unit takes very few values (`00`, `04`, `06`) and is often
/// NUL (spaces, digits, punctuation), while the low byte is never NUL. Chinese text
/// without BOM is not recognized (its high bytes vary), nor is text under 4 bytes.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even: Vec<u8> = sample.iter().step_by(2).copied().collect();
    let odd: Vec<u8> = sample.iter().skip(1).step_by(2).copied().collect();
    let looks_like_high_bytes = |high: &[u8], low: &[u8]| {
        let high_nuls = high.iter().filter(|&&b| b == 0).count();
        let low_nuls = low.iter().filter(|&&b| b == 0).count();
        let mut counts = [0usize; 256];
        for &b in high {
            counts[usize::from(b)] += 1;
        }
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let top_three: usize = counts[..3].iter().sum();
        high_nuls * 20 >= pairs && low_nuls * 50 <= pairs && top_three * 10 >= pairs * 9
    };
    if looks_like_high_bytes(&odd, &even) {
        Some(UTF_16LE)
    } else if looks_like_high_bytes(&even, &odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// True when the bytes are UTF-8 with only a few invalid sequences: many valid
/// multi-byte characters for each broken one (a file cut in the middle of a character,
/// one stray Latin-1 byte in a UTF-8 file). Windows-1252 would garble all the good ones.
fn is_mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                valid_multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                // The prefix is valid by construction.
                valid_multibyte += std::str::from_utf8(valid)
                    .map(|text| text.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                invalid += 1;
                let skip = error.error_len().unwrap_or(after.len()).max(1);
                rest = &after[skip.min(after.len())..];
            }
        }
    }
    valid_multibyte >= 10 * invalid
}

/// Converts CRLF and bare CR line endings to LF.
pub fn normalize_line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    let mut normalized = String::with_capacity(text.len());
    let mut characters = text.chars().peekable();
    while let Some(c) = characters.next() {
        if c == '\r' {
            if characters.peek() == Some(&'\n') {
                characters.next();
            }
            normalized.push('\n');
        } else {
            normalized.push(c);
        }
    }
    normalized
}

/// Extracts the text of one plain-text file already read into memory. Paragraphs are
/// the file's own blank-line-separated blocks.
pub fn extract(path: &Path, bytes: &[u8]) -> Result<ExtractedText, IngestError> {
    let decoded = decode(bytes);
    if decoded.text.contains('\0') {
        return Err(IngestError::UnsupportedFormat {
            path: path.to_path_buf(),
            detected: format!(
                "binary data (NUL characters after decoding as {})",
                decoded.encoding
            ),
        });
    }
    let mut extracted = ExtractedText::single("text", "text", decoded.text);
    if decoded.lossy {
        extracted.notes.push(ExtractionNote::new(
            "lossy-decoding",
            format!(
                "the file is not valid UTF-8 or UTF-16; decoded as {}, some characters may be wrong",
                decoded.encoding
            ),
        ));
    } else if decoded.encoding != UTF_8.name() {
        extracted.notes.push(ExtractionNote::new(
            "encoding",
            format!("decoded from {}", decoded.encoding),
        ));
    }
    Ok(extracted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        if bom {
            bytes.extend_from_slice(if big_endian {
                &[0xFE, 0xFF]
            } else {
                &[0xFF, 0xFE]
            });
        }
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("Статья 1\r\nЦели".as_bytes());
        assert_eq!(plain.text, "Статья 1\nЦели");
        assert_eq!(plain.encoding, "UTF-8");
        assert!(!plain.lossy);
        let with_bom = decode(b"\xEF\xBB\xBFArticle 1");
        assert_eq!(with_bom.text, "Article 1");
    }

    #[test]
    fn utf16_with_bom_both_byte_orders() {
        for big_endian in [false, true] {
            let decoded = decode(&utf16("المادة 1\r\nالأمم المتحدة", big_endian, true));
            assert_eq!(decoded.text, "المادة 1\nالأمم المتحدة");
            assert!(!decoded.lossy);
            assert!(decoded.encoding.starts_with("UTF-16"));
        }
    }

    #[test]
    fn utf16_without_bom_is_recognized_by_its_nuls() {
        let decoded = decode(&utf16(
            "Article 1. The Purposes of the United Nations",
            false,
            false,
        ));
        assert_eq!(decoded.encoding, "UTF-16LE");
        assert_eq!(
            decoded.text,
            "Article 1. The Purposes of the United Nations"
        );
        let decoded = decode(&utf16("Статья 1. Цели Объединенных Наций", true, false));
        assert_eq!(decoded.encoding, "UTF-16BE");
        assert_eq!(decoded.text, "Статья 1. Цели Объединенных Наций");
    }

    #[test]
    fn latin1_falls_back_to_windows_1252_and_is_marked_lossy() {
        // "Comité contre la torture – décision" in Windows-1252 (0x96 is the en dash).
        let bytes = b"Comit\xE9 contre la torture \x96 d\xE9cision";
        let decoded = decode(bytes);
        assert_eq!(decoded.text, "Comité contre la torture – décision");
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(decoded.lossy);
        let extracted = extract(Path::new("x.txt"), bytes).unwrap();
        assert_eq!(extracted.notes[0].code, "lossy-decoding");
    }

    #[test]
    fn one_broken_byte_in_utf8_text_does_not_garble_the_rest() {
        let mut bytes = "Право на жизнь. Статья 3. Каждый человек имеет право"
            .as_bytes()
            .to_vec();
        bytes.push(0xFF);
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(decoded.lossy);
        assert!(decoded.text.starts_with("Право на жизнь"));
    }

    #[test]
    fn bare_cr_and_crlf_become_lf() {
        assert_eq!(normalize_line_endings("a\rb\r\nc\n\rd"), "a\nb\nc\n\nd");
        assert_eq!(
            normalize_line_endings("no carriage return"),
            "no carriage return"
        );
    }
}
