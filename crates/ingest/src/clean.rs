//! Text clean-up shared by extractors: Unicode normalization, invisible direction
//! marks, line-end hyphens, running headers and footers, mojibake detection.
//!
//! Key items:
//! - [`normalize`]: NFC plus the compatibility mappings that are safe for search
//!   (Arabic presentation forms, Latin ligatures, full-width letters and digits, odd
//!   spaces), invisible marks removed.
//! - [`rejoin_hyphenated_lines`]: `offi-\ncial` → `official` in Latin and Cyrillic.
//! - [`remove_running_headers`]: lines repeated (modulo digits) at the top or bottom of
//!   many pages, page numbers, UN job numbers (`GE.10-14567`).
//! - [`mojibake_ratio`]: the share of a text that cannot be words (broken fonts).

use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// Characters that carry no text: bidi controls, zero-width marks, soft hyphen, BOM.
pub fn is_invisible_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{00AD}' | '\u{FEFF}' | '\u{061C}'
    )
}

/// Characters whose NFKC mapping is safe to apply: it restores the letters a search
/// needs and loses nothing a reader needs. Superscripts, fractions, full-width CJK
/// punctuation, `…` and `™` are left as printed (NFKC would turn a footnote mark `²`
/// into a digit glued to the word, and `，` in Chinese into an ASCII comma).
fn compatibility_mapping_is_safe(c: char) -> bool {
    matches!(
        c,
        // Latin and Armenian ligatures (ﬁ, ﬂ, ﬀ…).
        '\u{FB00}'..='\u{FB17}'
        // Hebrew and Arabic presentation forms A (ﭐ…ﷻ) and B (ﹰ…ﻼ).
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}'
        // Full-width ASCII digits and letters (０–９, Ａ–Ｚ, ａ–ｚ).
        | '\u{FF10}'..='\u{FF19}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}'
        // CJK compatibility ideographs (NFC maps most of these already).
        | '\u{F900}'..='\u{FAFF}'
        // Arabic letter variants with a canonical base (ٵ ٶ ٷ ٸ).
        | '\u{0675}'..='\u{0678}'
    )
}

/// NFC, the safe compatibility mappings (see [`compatibility_mapping_is_safe`]),
/// invisible marks removed, NBSP and other spaces folded to plain spaces. Idempotent.
pub fn normalize(text: &str) -> String {
    let mut mapped = String::with_capacity(text.len());
    for c in text.chars() {
        if is_invisible_mark(c) {
            continue;
        }
        if c != '\n' && c != '\t' && c != '\u{000C}' && c.is_whitespace() {
            mapped.push(' ');
        } else if compatibility_mapping_is_safe(c) {
            mapped.extend(std::iter::once(c).nfkc());
        } else {
            mapped.push(c);
        }
    }
    mapped.nfc().collect()
}

/// Rejoins words split with a hyphen at a line end when both sides are lower-case
/// letters of the same alphabetic script (Latin, Cyrillic): `offi-\ncial` → `official`
/// on the first line. The hyphen is kept when the hyphenated form is attested
/// elsewhere in the text on one line (`follow-up`), and never touched when the next
/// line starts with a capital or a digit (`Inter-\nAmerican`, `CEDAW/C/MEX/CO/7-\n8`).
/// Returns the number of words rejoined.
pub fn rejoin_hyphenated_lines(pages: &mut [String]) -> usize {
    let attested: std::collections::HashSet<String> = pages
        .iter()
        .flat_map(|page| page.split_whitespace())
        .filter(|word| word.contains('-') && !word.ends_with('-'))
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let mut rejoined = 0;
    for page in pages.iter_mut() {
        if !page.contains("-\n") {
            continue;
        }
        let mut output: Vec<String> = Vec::new();
        let mut lines = page.split('\n');
        let mut current: Option<String> = lines.next().map(String::from);
        while let Some(line) = current.take() {
            let Some(next) = lines.next() else {
                output.push(line);
                break;
            };
            match try_rejoin(&line, next, &attested) {
                Some((joined, rest_of_next)) => {
                    rejoined += 1;
                    output.push(joined);
                    let rest_of_next = rest_of_next.trim_start();
                    current = if rest_of_next.is_empty() {
                        lines.next().map(String::from)
                    } else {
                        Some(rest_of_next.to_string())
                    };
                }
                None => {
                    output.push(line);
                    current = Some(next.to_string());
                }
            }
        }
        *page = output.join("\n");
    }
    rejoined
}

/// If `line` ends with `letters-` and `next` starts with lower-case letters of the same
/// script, returns (line with the word completed, the rest of `next`).
fn try_rejoin<'a>(
    line: &str,
    next: &'a str,
    attested: &std::collections::HashSet<String>,
) -> Option<(String, &'a str)> {
    let stem_line = line.strip_suffix('-')?;
    let last_letter = stem_line.chars().next_back()?;
    if !last_letter.is_lowercase() || !is_hyphenating_script(last_letter) {
        return None;
    }
    let next_trimmed = next.trim_start();
    let first_letter = next_trimmed.chars().next()?;
    if !first_letter.is_lowercase()
        || script_of(first_letter) != script_of(last_letter)
        || !is_hyphenating_script(first_letter)
    {
        return None;
    }
    let continuation_end = next_trimmed
        .char_indices()
        .find(|&(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .unwrap_or(next_trimmed.len());
    let continuation = &next_trimmed[..continuation_end];
    let stem_start = stem_line
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let stem = &stem_line[stem_start..];
    let hyphenated = format!("{stem}-{continuation}")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let joined_line = if attested.contains(&hyphenated) {
        format!("{line}{continuation}")
    } else {
        format!("{stem_line}{continuation}")
    };
    Some((joined_line, &next_trimmed[continuation_end..]))
}

#[derive(PartialEq, Eq, Clone, Copy, Debug)]
enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Han,
    Hangul,
    Other,
}

fn script_of(c: char) -> Script {
    match c {
        'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => Script::Latin,
        '\u{0400}'..='\u{052F}' => Script::Cyrillic,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}' => Script::Arabic,
        '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' => Script::Han,
        '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}' => {
            Script::Hangul
        }
        _ => Script::Other,
    }
}

fn is_hyphenating_script(c: char) -> bool {
    matches!(script_of(c), Script::Latin | Script::Cyrillic)
}

/// True for Arabic-script letters (base and presentation forms).
pub fn is_arabic_letter(c: char) -> bool {
    c.is_alphabetic() && script_of(c) == Script::Arabic
}

/// Egyptian and other Arabic PDFs often draw the Arabic yeh and kaf with the Persian
/// glyphs (`ی` U+06CC, `ک` U+06A9), so that `الجریدة` would never match a search for
/// `الجريدة`. In a text with no Persian-only letter (`پ چ ژ گ`), fold them to the
/// Arabic letters. Returns the number of letters folded.
pub fn fold_persian_yeh_and_keheh(pages: &mut [String]) -> usize {
    let persian_only = |c: char| matches!(c, 'پ' | 'چ' | 'ژ' | 'گ');
    if pages.iter().any(|page| page.chars().any(persian_only)) {
        return 0;
    }
    let mut folded = 0;
    for page in pages.iter_mut() {
        if !page.contains(['ی', 'ک']) {
            continue;
        }
        *page = page
            .chars()
            .map(|c| match c {
                'ی' => {
                    folded += 1;
                    'ي'
                }
                'ک' => {
                    folded += 1;
                    'ك'
                }
                other => other,
            })
            .collect();
    }
    folded
}

/// How many non-empty lines at the top and at the bottom of a page may be running
/// headers or footers.
const RUNNING_ZONE_LINES: usize = 3;

/// The key under which a line counts as "the same" across pages: digits of any script
/// become `#`, spaces are collapsed, case is folded. `A/HRC/15/56`, `GE.10-14567`,
/// `Page 3 of 10` and `3` all repeat under their key.
fn running_line_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    let mut previous_was_digit = false;
    for c in line.trim().chars() {
        if c.is_numeric() {
            if !previous_was_digit {
                key.push('#');
            }
            previous_was_digit = true;
            continue;
        }
        previous_was_digit = false;
        if c.is_whitespace() {
            if !key.ends_with(' ') {
                key.push(' ');
            }
        } else {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// A bare page number (`3`, `- 3 -`, `٣`, `Page 3`, `3/12`).
fn is_bare_page_number(line: &str) -> bool {
    use regex::Regex;
    use std::sync::OnceLock;
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN
        .get_or_init(|| {
            Regex::new(r"(?i)^\s*(?:page\s+|p\.\s*|página\s+|страница\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of|de|из)\s*\d{1,4})?\s*$")
                .expect("valid regex")
        })
        .is_match(line)
}

/// UN job numbers and barcodes printed on the first page (`GE.10-14567 (E) 120110`,
/// `*1014567*`), and "Please recycle".
fn is_printing_mark(line: &str) -> bool {
    use regex::Regex;
    use std::sync::OnceLock;
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(
            r"(?xi)^\s*(?:
                GE\.\d{2}-\d{4,6}(?:\s*\([A-Z]\))?[\s\d]*(?:\*\d+\*)?
              | \*\d{6,}\*
              | please\s+recycle
            )\s*$",
        )
        .expect("valid regex")
    });
    pattern.is_match(line)
}

/// Removes running headers and footers: lines that repeat (modulo digits) in the first
/// or last [`RUNNING_ZONE_LINES`] non-empty lines of many pages, plus printing marks
/// (job numbers, barcodes, bare page numbers) in those zones on any page.
///
/// A key counts as running when it is found in the zones of at least
/// `max(2, ceil(share × pages with text))` pages, with share 0.5 up to 4 pages and 0.3
/// beyond (0.3 catches headers that alternate between odd and even pages). Only short
/// lines (≤ 100 characters) qualify. Returns the number of lines removed.
pub fn remove_running_headers(pages: &mut [String]) -> usize {
    let pages_with_text = pages.iter().filter(|page| !page.trim().is_empty()).count();
    let zone_line_indexes = |page: &str| -> Vec<(char, usize)> {
        let non_empty: Vec<usize> = page
            .split('\n')
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(index, _)| index)
            .collect();
        // (side, line index): a line counts as a header at the top, a footer at the bottom.
        let mut zone: Vec<(char, usize)> = non_empty
            .iter()
            .take(RUNNING_ZONE_LINES)
            .map(|&index| ('t', index))
            .collect();
        for &index in non_empty.iter().rev().take(RUNNING_ZONE_LINES) {
            if !zone.iter().any(|&(_, seen)| seen == index) {
                zone.push(('b', index));
            }
        }
        zone
    };
    let zone_key = |side: char, line: &str| format!("{side}{}", running_line_key(line));
    let mut pages_per_key: HashMap<String, usize> = HashMap::new();
    if pages_with_text >= 2 {
        for page in pages.iter() {
            let lines: Vec<&str> = page.split('\n').collect();
            let mut seen_on_this_page = std::collections::HashSet::new();
            for (side, index) in zone_line_indexes(page) {
                let line = lines[index];
                if line.trim().chars().count() > 100 {
                    continue;
                }
                let key = zone_key(side, line);
                if seen_on_this_page.insert(key.clone()) {
                    *pages_per_key.entry(key).or_default() += 1;
                }
            }
        }
    }
    let share = if pages_with_text <= 4 { 0.5 } else { 0.3 };
    let threshold = ((pages_with_text as f64 * share).ceil() as usize).max(2);
    let mut removed = 0;
    for page in pages.iter_mut() {
        let lines: Vec<&str> = page.split('\n').collect();
        let zone = zone_line_indexes(page);
        let mut keep = vec![true; lines.len()];
        for (side, index) in zone {
            let line = lines[index];
            // A key without letters (`#.`: a paragraph number opening many pages) is not
            // a running line; bare page numbers are handled below.
            let has_letters = line.chars().filter(|c| c.is_alphabetic()).count() >= 2;
            let repeated = has_letters
                && pages_per_key
                    .get(&zone_key(side, line))
                    .is_some_and(|&count| count >= threshold)
                && line.trim().chars().count() <= 100;
            if repeated || is_printing_mark(line) {
                keep[index] = false;
                removed += 1;
            }
        }
        // A page number is the first or last line left; a bare number deeper in the
        // page may be a table or contents cell.
        if pages_with_text >= 2 {
            let kept_non_empty = |index: &usize| keep[*index] && !lines[*index].trim().is_empty();
            let first = (0..lines.len()).find(kept_non_empty);
            let last = (0..lines.len()).rev().find(kept_non_empty);
            for index in first.into_iter().chain(last) {
                if keep[index] && is_bare_page_number(lines[index]) {
                    keep[index] = false;
                    removed += 1;
                }
            }
        }
        if keep.iter().all(|&k| k) {
            continue;
        }
        *page = lines
            .iter()
            .zip(keep)
            .filter(|(_, keep)| *keep)
            .map(|(line, _)| *line)
            .collect::<Vec<_>>()
            .join("\n");
    }
    removed
}

/// Signals that a text layer is mojibake rather than words. See [`mojibake_ratio`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MojibakeSignals {
    /// Whitespace-separated tokens that have at least one letter or symbol.
    pub tokens: usize,
    /// Share of those tokens (by characters) that cannot be a word.
    pub bad_token_share: f32,
    /// Share of non-space characters that are U+FFFD or private-use.
    pub replacement_or_private_share: f32,
    /// Share of non-space characters that are letters.
    pub letter_share: f32,
}

/// Characters that legacy-font Arabic (and other broken encodings) extract as:
/// Latin-1 symbols (`« ± ² ¿ ÿ`), daggers and per-mille (`‡ ‰`), math operators
/// (`≥ ∑ √`), Latin letters with tilde/diaeresis used as glyph slots (`Ã Â Ë Ï`).
fn is_suspicious_symbol(c: char) -> bool {
    matches!(
        c,
        '\u{00A1}'..='\u{00BF}'
            | 'Ã' | 'Â' | 'Ë' | 'Ï' | 'ÿ' | '×' | '÷'
            | '\u{2020}' | '\u{2021}' | '\u{2030}'
            | '\u{2200}'..='\u{22FF}'
            | '\u{25A0}'..='\u{25FF}'
    ) && c != '\u{00AB}'
        && c != '\u{00BB}'
        && c != '\u{00B0}'
        && c != '\u{00BA}'
        && c != '\u{00AA}'
        && c != '\u{00A7}'
}

/// A token that cannot be a word: U+FFFD or private-use characters, suspicious
/// symbols, ASCII symbols (`& $ # ! < > ^ | ~ + = * @ _ \`) between letters,
/// Arabic letters glued to Latin letters or to ASCII symbols.
fn is_bad_token(token: &str) -> bool {
    let core = token.trim_matches(|c: char| {
        c.is_ascii_punctuation()
            || matches!(c, '«' | '»' | '“' | '”' | '‘' | '’' | '،' | '؛' | '؟' | '…')
    });
    if core.is_empty() {
        return false;
    }
    let mut has_arabic = false;
    let mut has_latin = false;
    let mut has_ascii_symbol = false;
    for c in core.chars() {
        if c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c) || is_suspicious_symbol(c) {
            return true;
        }
        match script_of(c) {
            Script::Arabic if c.is_alphabetic() => has_arabic = true,
            Script::Latin => has_latin = true,
            _ => {}
        }
        if matches!(
            c,
            '&' | '$'
                | '#'
                | '!'
                | '<'
                | '>'
                | '^'
                | '|'
                | '~'
                | '+'
                | '='
                | '*'
                | '@'
                | '_'
                | '\\'
                | '{'
                | '}'
        ) {
            has_ascii_symbol = true;
        }
    }
    (has_arabic && (has_latin || has_ascii_symbol))
        || (has_latin
            && has_ascii_symbol
            && !core.contains(['@', '_'])
            && core.chars().filter(|c| c.is_alphabetic()).count() < core.chars().count() / 2)
}

/// Measures how much of a text cannot be words. Presentation-form Arabic must be
/// normalized ([`normalize`]) first: once NFKC has repaired it, it is ordinary text.
pub fn mojibake_signals(text: &str) -> MojibakeSignals {
    let mut non_space = 0usize;
    let mut letters = 0usize;
    let mut replacement_or_private = 0usize;
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        non_space += 1;
        if c.is_alphabetic() {
            letters += 1;
        }
        if c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c) {
            replacement_or_private += 1;
        }
    }
    let mut tokens = 0usize;
    let mut token_chars = 0usize;
    let mut bad_chars = 0usize;
    for token in text.split_whitespace() {
        if token
            .chars()
            .all(|c| c.is_numeric() || c.is_ascii_punctuation())
        {
            continue;
        }
        let length = token.chars().count();
        tokens += 1;
        token_chars += length;
        if is_bad_token(token) {
            bad_chars += length;
        }
    }
    let share = |part: usize, whole: usize| {
        if whole == 0 {
            0.0
        } else {
            part as f32 / whole as f32
        }
    };
    MojibakeSignals {
        tokens,
        bad_token_share: share(bad_chars, token_chars),
        replacement_or_private_share: share(replacement_or_private, non_space),
        letter_share: share(letters, non_space),
    }
}

/// Thresholds for [`is_mojibake`]. On the 318 PDFs of the shared corpus (see
/// BENCHMARKS.md) exactly the 3 broken-font Arabic laws (legacy Latin-1 font, broken
/// glyph mapping, `ÿ`-filled glyph slots) exceed them; presentation-form Arabic, once
/// normalized, and Korean, Chinese, formula and table PDFs stay below.
pub const MOJIBAKE_BAD_TOKEN_SHARE: f32 = 0.25;
/// A text with more than this share of U+FFFD / private-use characters is unreadable.
pub const MOJIBAKE_REPLACEMENT_SHARE: f32 = 0.10;

/// The mojibake ratio reported in [`crate::IngestError::Mojibake`]: the larger of the
/// bad-token share and the replacement/private-use share.
pub fn mojibake_ratio(signals: &MojibakeSignals) -> f32 {
    signals
        .bad_token_share
        .max(signals.replacement_or_private_share)
}

/// True when a text is mostly mojibake. Texts of fewer than 20 tokens are never
/// judged (too little evidence).
pub fn is_mojibake(signals: &MojibakeSignals) -> bool {
    signals.tokens >= 20
        && (signals.bad_token_share > MOJIBAKE_BAD_TOKEN_SHARE
            || signals.replacement_or_private_share > MOJIBAKE_REPLACEMENT_SHARE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presentation_forms_become_letters_and_marks_go() {
        // `ﻗﺎﻧﻮﻥ` (presentation forms B) with a right-to-left embedding around it.
        assert_eq!(normalize("\u{202B}ﻗﺎﻧﻮﻥ\u{202C}"), "قانون");
        assert_eq!(normalize("ﬁnal\u{00A0}text"), "final text");
        // Footnote marks and Chinese punctuation stay as printed.
        assert_eq!(normalize("rights²，"), "rights²，");
        assert_eq!(normalize(&normalize("ﻻ ﬂ")), normalize("ﻻ ﬂ"));
    }

    #[test]
    fn hyphenated_words_rejoin_in_latin_and_cyrillic_only() {
        let mut pages = vec![
            "the offi-\ncial report and the follow-\nup of the\nInter-\nAmerican Court\nправо-\nвой акт\nCEDAW/C/MEX/CO/7-\n8".to_string(),
            "a follow-up visit".to_string(),
        ];
        let rejoined = rejoin_hyphenated_lines(&mut pages);
        assert_eq!(rejoined, 3);
        assert_eq!(
            pages[0],
            "the official\nreport and the follow-up\nof the\nInter-\nAmerican Court\nправовой\nакт\nCEDAW/C/MEX/CO/7-\n8"
        );
    }

    #[test]
    fn running_headers_and_page_numbers_go_body_stays() {
        let words = ["right", "life", "torture", "liberty", "privacy"];
        let mut pages: Vec<String> = (1..=5)
            .map(|page| {
                let word = words[page - 1];
                format!("A/HRC/15/56\n\n{page}. The {word} of the author\nwas {word}\n\n{page}")
            })
            .collect();
        pages[0].push_str("\nGE.10-14567 (E) 120710");
        let removed = remove_running_headers(&mut pages);
        assert_eq!(removed, 11);
        assert_eq!(pages[2].trim(), "3. The torture of the author\nwas torture");
    }

    #[test]
    fn persian_glyphs_fold_in_arabic_text() {
        let mut pages = vec!["الجریدة الرسمیة".to_string()];
        assert_eq!(fold_persian_yeh_and_keheh(&mut pages), 2);
        assert_eq!(pages[0], "الجريدة الرسمية");
        let mut persian = vec!["پدر و مادری".to_string()];
        assert_eq!(fold_persian_yeh_and_keheh(&mut persian), 0);
    }

    #[test]
    fn mojibake_signals_separate_garbage_from_words() {
        let legacy_font = "UN}M ≥ sL« W‡M‡‡« ‡ ±¥≥∑ WM W(« È– µ v —œUB« ≥µ œb‡‡‡‡F« ÊuL)«Ë WFU« Â ≤∞±∂ WM dL ∑ o«u*« Ã —dJ ".repeat(3);
        assert!(is_mojibake(&mojibake_signals(&normalize(&legacy_font))));
        let arabic = "قانون رقم 23-12 يحدد القواعد العامة المتعلقة بالصفقات العمومية ".repeat(5);
        let signals = mojibake_signals(&normalize(&arabic));
        assert!(!is_mojibake(&signals), "{signals:?}");
    }
}
