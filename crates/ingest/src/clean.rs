//! Text clean-up shared by extractors: Unicode normalization, invisible direction
//! marks, line-end hyphens, CJK line joins.

use unicode_normalization::UnicodeNormalization;

/// Characters that carry no text: bidi controls, zero-width marks, soft hyphen, BOM.
pub fn is_invisible_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{00AD}' | '\u{FEFF}' | '\u{061C}'
    )
}

/// NFKC, invisible marks removed, NBSP and other spaces folded to plain spaces.
pub fn normalize(text: &str) -> String {
    text.nfkc()
        .filter(|&c| !is_invisible_mark(c))
        .map(|c| {
            if c != '\n' && c != '\t' && c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect()
}
