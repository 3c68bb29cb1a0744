//! The exact-identifier tokenizer: UN symbols, application and communication numbers,
//! citation keys, kept whole.
//!
//! A value is split only at whitespace and at `,` `;` brackets and quotes; each piece
//! loses leading and trailing punctuation (`A/HRC/15/56.` → `A/HRC/15/56`, `(2009)` →
//! `2009`), then is NFKC-normalized, upper-cased, and every dash variant becomes `-` and
//! every slash variant `/`. So `A/HRC/15/56` is one term and never matches `A/HRC/15/5`,
//! and `Series C No. 205` is the phrase `SERIES C NO 205`.

use tantivy::tokenizer::{Token, Tokenizer};
use unicode_normalization::UnicodeNormalization;

use crate::tokenizer::BufferedTokenStream;

fn is_identifier_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | ';'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '"'
                | '«'
                | '»'
                | '“'
                | '”'
                | '„'
                | '（'
                | '）'
                | '，'
                | '；'
                | '、'
        )
}

/// Punctuation that ends a sentence or wraps an identifier but is never part of one.
fn is_trimmed_edge(c: char) -> bool {
    !c.is_alphanumeric() && !matches!(c, '/' | '*' | '#' | '§')
}

fn normalize_identifier_char(c: char, output: &mut String) {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{2043}' => {
            output.push('-')
        }
        '\u{2044}' | '\u{2215}' | '\u{29F8}' => output.push('/'),
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
        c => output.extend(c.to_uppercase()),
    }
}

/// Normalizes one identifier piece (already split and trimmed).
fn normalize_piece(piece: &str, output: &mut String) {
    output.clear();
    if piece.is_ascii() {
        output.extend(piece.chars().map(|c| c.to_ascii_uppercase()));
        return;
    }
    for c in piece.nfkc() {
        normalize_identifier_char(c, output);
    }
}

/// Splits `text` into identifier tokens (see the module documentation).
pub(crate) fn tokenize_identifiers(text: &str, tokens: &mut Vec<Token>) {
    tokens.clear();
    let mut scratch = String::new();
    let mut piece_start = None;
    let boundaries = text
        .char_indices()
        .map(|(index, c)| (index, Some(c)))
        .chain(std::iter::once((text.len(), None)));
    for (index, c) in boundaries {
        let at_separator = c.is_none_or(is_identifier_separator);
        match (piece_start, at_separator) {
            (None, false) => piece_start = Some(index),
            (Some(start), true) => {
                piece_start = None;
                let piece = &text[start..index];
                let trimmed_start = piece.trim_start_matches(is_trimmed_edge);
                let trimmed = trimmed_start.trim_end_matches(is_trimmed_edge);
                if trimmed.is_empty() {
                    continue;
                }
                let from = start + (piece.len() - trimmed_start.len());
                normalize_piece(trimmed, &mut scratch);
                tokens.push(Token {
                    offset_from: from,
                    offset_to: from + trimmed.len(),
                    position: tokens.len(),
                    text: std::mem::take(&mut scratch),
                    position_length: 1,
                });
            }
            _ => {}
        }
    }
}

/// Tokenizer of the exact-identifier analyzer.
#[derive(Debug, Clone, Default)]
pub struct IdentifierTokenizer {
    tokens: Vec<Token>,
}

impl Tokenizer for IdentifierTokenizer {
    type TokenStream<'a> = BufferedTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BufferedTokenStream<'a> {
        tokenize_identifiers(text, &mut self.tokens);
        BufferedTokenStream::new(&mut self.tokens)
    }
}

/// The normalized form of an identifier, as the identifier analyzer indexes it: its
/// pieces joined by one space (`"a/hrc/15/56"` → `"A/HRC/15/56"`, `"Series C  No. 205"`
/// → `"SERIES C NO 205"`). Use it to build a term for an exact-identifier lookup.
pub fn normalize_identifier(text: &str) -> String {
    let mut tokens = Vec::new();
    tokenize_identifiers(text, &mut tokens);
    let texts: Vec<&str> = tokens.iter().map(|token| token.text.as_str()).collect();
    texts.join(" ")
}

/// The identifiers printed in `text`, as written: the pieces the identifier analyzer
/// keeps whole that hold a slash and a digit (`A/HRC/WG.6/34/ITA/3`, `35918/21`,
/// `ECW/CCJ/APP/27/17`). Indexed as identifiers, they let a bare identifier in a query
/// find the documents that print it, and only whole: `A/HRC/15/56` is not a piece of
/// `A/HRC/15/56/Add.1`.
pub fn printed_identifiers(text: &str) -> Vec<&str> {
    if !text.contains('/') {
        return Vec::new();
    }
    let mut tokens = Vec::new();
    tokenize_identifiers(text, &mut tokens);
    tokens
        .iter()
        .map(|token| &text[token.offset_from..token.offset_to])
        .filter(|piece| piece.contains('/') && piece.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        tokenize_identifiers(text, &mut tokens);
        tokens.into_iter().map(|token| token.text).collect()
    }

    #[test]
    fn symbols_stay_whole_and_uppercased() {
        assert_eq!(texts("A/HRC/15/56"), ["A/HRC/15/56"]);
        assert_eq!(texts("cedaw/c/mex/co/7–8"), ["CEDAW/C/MEX/CO/7-8"]);
        assert_eq!(texts("no. 30696/09,"), ["NO", "30696/09"]);
        assert_eq!(texts("Series C No. 205"), ["SERIES", "C", "NO", "205"]);
        assert_eq!(texts("un:A/HRC/15/56"), ["UN:A/HRC/15/56"]);
        assert_eq!(texts("(A/HRC/15/56)."), ["A/HRC/15/56"]);
        assert_eq!(texts("ＣＣＰＲ／Ｃ／ＧＣ／３６"), ["CCPR/C/GC/36"]);
    }

    #[test]
    fn a_symbol_is_not_a_prefix_of_another() {
        assert_ne!(texts("A/HRC/15/5"), texts("A/HRC/15/56"));
    }

    #[test]
    fn offsets_point_at_the_trimmed_surface() {
        let text = "see (A/HRC/15/56).";
        let mut tokens = Vec::new();
        tokenize_identifiers(text, &mut tokens);
        let last = tokens.last().expect("a token");
        assert_eq!(&text[last.offset_from..last.offset_to], "A/HRC/15/56");
    }

    #[test]
    fn printed_identifiers_are_whole_symbols_and_numbers() {
        assert_eq!(
            printed_identifiers(
                "См. резюме (A/HRC/WG.6/34/ITA/3), жалобу № 35918/21 и A/HRC/15/56/Add.1; и/или"
            ),
            ["A/HRC/WG.6/34/ITA/3", "35918/21", "A/HRC/15/56/Add.1"]
        );
        assert!(printed_identifiers("no slash, 2021").is_empty());
    }

    #[test]
    fn normalize_identifier_joins_pieces() {
        assert_eq!(normalize_identifier("  a/hrc/15/56 "), "A/HRC/15/56");
        assert_eq!(normalize_identifier("Series C  No. 205"), "SERIES C NO 205");
        assert_eq!(normalize_identifier(" -- "), "");
    }
}
