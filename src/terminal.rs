//! Text from the corpus printed for a person: file names, titles and error reasons may
//! hold control characters (a file named `\e]0;…\a` retitles the terminal, `\e[2J`
//! clears it), so every control character is printed escaped (`\u{1b}`). JSON output
//! needs none of this: serde_json escapes them already.

use std::borrow::Cow;

/// `text` with each control character (C0 but tab, DEL, C1, and the bidirectional
/// overrides that reorder what follows) written as its `\u{…}` escape.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            escaped.extend(c.escape_unicode());
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// At most `max_chars` characters of `text` around character `column` (1-based), with
/// an ellipsis where it was cut, and the column of the same character in the result:
/// a 2 KB query is not echoed whole in its error message.
pub fn excerpt_around(text: &str, column: usize, max_chars: usize) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max_chars {
        return (text.to_string(), column);
    }
    let half = max_chars / 2;
    let index = column.saturating_sub(1).min(chars.len());
    let start = index.saturating_sub(half);
    let end = (start + max_chars).min(chars.len());
    let mut excerpt = String::new();
    let mut new_column = index - start + 1;
    if start > 0 {
        excerpt.push('…');
        new_column += 1;
    }
    excerpt.extend(&chars[start..end]);
    if end < chars.len() {
        excerpt.push('…');
    }
    (excerpt, new_column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_printed_escaped_and_other_text_kept() {
        assert_eq!(
            printable("решение\u{1b}[2J\u{7}.txt"),
            "решение\\u{1b}[2J\\u{7}.txt"
        );
        assert_eq!(printable("قرار\tdecision.pdf"), "قرار\tdecision.pdf");
        assert!(matches!(printable("plain"), Cow::Borrowed(_)));
        assert_eq!(printable("a\u{202e}b"), "a\\u{202e}b");
    }

    #[test]
    fn a_long_text_is_cut_around_the_column() {
        let query = format!("{}(пытки", "a ".repeat(1000));
        let (excerpt, column) = excerpt_around(&query, 2001, 80);
        assert!(excerpt.chars().count() <= 82, "{excerpt}");
        assert!(excerpt.starts_with('…'));
        assert_eq!(excerpt.chars().nth(column - 1), Some('('));
        assert_eq!(excerpt_around("short", 3, 80), ("short".to_string(), 3));
    }
}
