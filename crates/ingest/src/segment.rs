//! Paragraph segmentation: turns page texts into [`Paragraph`]s that keep the number
//! printed on them (`18.`, `115.34`, `§ 75`, `(c)`).

use hrlex_model::Paragraph;
use regex::Regex;
use std::sync::OnceLock;

fn paragraph_number() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"^\s*(?:§\s*)?(\d{1,3}(?:\.\d{1,3}){0,3})(?:\.|\s*[-–])?\s+(?:\S)")
            .expect("valid regex")
    })
}

/// Reads the printed number at the start of a paragraph, if any.
pub fn leading_number(text: &str) -> Option<(String, usize)> {
    let captures = paragraph_number().captures(text)?;
    let number = captures.get(1)?;
    // The match ends one character into the body; the body starts at that character.
    let whole = captures.get(0)?;
    let last_char_len = text[..whole.end()].chars().next_back()?.len_utf8();
    Some((number.as_str().to_string(), whole.end() - last_char_len))
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Joins the lines of one paragraph: a space between words, nothing between CJK lines.
pub fn join_lines(lines: &[&str]) -> String {
    let mut joined = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let previous_is_cjk = joined.chars().next_back().is_some_and(is_cjk);
        let next_is_cjk = line.chars().next().is_some_and(is_cjk);
        if !joined.is_empty() && !(previous_is_cjk && next_is_cjk) {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    joined
}

/// Splits pages into paragraphs. A paragraph ends at a blank line or where a line
/// starts with a paragraph number. Page numbers are 1-based.
pub fn paragraphs_from_pages(pages: &[String]) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    for (page_index, page) in pages.iter().enumerate() {
        let page_number = u32::try_from(page_index + 1).ok();
        let mut current: Vec<&str> = Vec::new();
        let flush = |current: &mut Vec<&str>, paragraphs: &mut Vec<Paragraph>| {
            let text = join_lines(current);
            current.clear();
            if text.is_empty() {
                return;
            }
            let (n, body) = match leading_number(&text) {
                Some((n, body_start)) => (Some(n), text[body_start..].to_string()),
                None => (None, text),
            };
            paragraphs.push(Paragraph {
                n,
                text: body,
                page: page_number,
                lang: None,
                citations: Vec::new(),
            });
        };
        for line in page.lines() {
            if line.trim().is_empty() {
                flush(&mut current, &mut paragraphs);
                continue;
            }
            if !current.is_empty() && leading_number(line).is_some() {
                flush(&mut current, &mut paragraphs);
            }
            current.push(line);
        }
        flush(&mut current, &mut paragraphs);
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_kept_as_printed() {
        let pages = vec!["18. The Committee notes\nthat the author\n115.34 Ratify the Convention\n\n§ 75 The Court".to_string()];
        let paragraphs = paragraphs_from_pages(&pages);
        assert_eq!(paragraphs.len(), 3);
        assert_eq!(paragraphs[0].n.as_deref(), Some("18"));
        assert_eq!(paragraphs[0].text, "The Committee notes that the author");
        assert_eq!(paragraphs[1].n.as_deref(), Some("115.34"));
        assert_eq!(paragraphs[2].n.as_deref(), Some("75"));
        assert_eq!(paragraphs[2].page, Some(1));
    }

    #[test]
    fn chinese_lines_join_without_spaces() {
        let pages = vec!["1. 委员会注意到\n缔约国的报告".to_string()];
        let paragraphs = paragraphs_from_pages(&pages);
        assert_eq!(paragraphs[0].text, "委员会注意到缔约国的报告");
    }
}
