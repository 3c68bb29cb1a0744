//! Paragraph segmentation: turns page texts into [`Paragraph`]s that keep the number
//! printed on them.
//!
//! What counts as a paragraph number at the start of a line:
//! - `18.`, `115.34`, `115.34.` and `§ 75` (the `§` and the final dot are dropped:
//!   `n` is `18`, `115.34`, `75`);
//! - Arabic `18 -` / `١٨ -` / `١٨-`: Arabic-Indic digits are normalized to ASCII in `n`
//!   (`"18"`) so that a citation `para. 18` finds it; the text keeps the digits as printed;
//! - sub-paragraphs `(a)`, `a)`, `(iv)`: `n` is the parent number and the letter,
//!   `"3 (a)"`, or `"(a)"` when no numbered paragraph came before.
//!
//! The number may stand alone on its line (UN documents extracted by pdftotext print
//! `1.` on one line and the text on the next). What is not a paragraph start: a year
//! (`2009 …`, 4 digits), a number without its dot (`44 de la Convención`, a line
//! wrapped mid-sentence), a number after a citation word at the end of the previous
//! line (`párr.` / `para.` / `§`), and a dotted number in mid-sentence that does not
//! continue the numbering. `párr. 165` and `第 18 段` are citations, never starts.

use hrlex_model::Paragraph;
use regex::Regex;
use std::sync::OnceLock;

/// A paragraph number at the start of a line: group `section` (`§`), `number`, then
/// either the end of the line or the body.
fn paragraph_number() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?x)^\s*(?:
                (?P<section>§\s*)(?P<section_number>\d{1,4}(?:\.\d{1,3}){0,2})\.?
              | (?P<dotted>\d{1,3}(?:\.\d{1,3}){1,3})\.?
              | (?P<simple>\d{1,3})\.
              | (?P<dashed>[0-9٠-٩۰-۹]{1,3})\s?[-–]
            )(?:\s*$|\s+(?P<body>\S))",
        )
        .expect("valid regex")
    })
}

/// A sub-paragraph letter or roman numeral: `(a)`, `a)`, `(iv)`.
fn sub_paragraph_marker() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"^\s*\(?(?P<letter>[a-z]|[ivx]{1,5})\)(?:\s*$|\s+(?P<body>\S))")
            .expect("valid regex")
    })
}

fn ascii_digits(number: &str) -> String {
    number
        .chars()
        .map(|c| match c {
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            other => other,
        })
        .collect()
}

/// Reads the printed number at the start of a paragraph, if any: the number as it
/// goes in [`Paragraph::n`] and the byte offset where the body starts (the text
/// length when the number stands alone).
pub fn leading_number(text: &str) -> Option<(String, usize)> {
    let captures = paragraph_number().captures(text)?;
    let number = captures
        .name("section_number")
        .or_else(|| captures.name("dotted"))
        .or_else(|| captures.name("simple"))
        .or_else(|| captures.name("dashed"))?;
    let body_start = captures
        .name("body")
        .map(|body| body.start())
        .unwrap_or(text.len());
    // `18 -` is the Arabic paragraph form; in Latin text `10 – 12 June` is a range.
    if captures.name("dashed").is_some()
        && !text[body_start..]
            .chars()
            .next()
            .is_none_or(crate::clean::is_arabic_letter)
    {
        return None;
    }
    Some((ascii_digits(number.as_str()), body_start))
}

/// Reads a sub-paragraph marker (`(a)`, `a)`, `(iv)`): the letter and where the body
/// starts.
fn leading_sub_paragraph(text: &str) -> Option<(String, usize)> {
    let captures = sub_paragraph_marker().captures(text)?;
    let letter = captures.name("letter")?;
    let body_start = captures
        .name("body")
        .map(|body| body.start())
        .unwrap_or(text.len());
    Some((letter.as_str().to_string(), body_start))
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Joins the lines of one paragraph: a space between words, nothing between CJK lines,
/// nothing after a hyphen that joins two alphanumerics (`CEDAW/C/MEX/CO/7-` + `8`,
/// `follow-` + `up`: the hyphen is kept; real line-end hyphenation is undone before,
/// by [`crate::clean::rejoin_hyphenated_lines`]).
pub fn join_lines(lines: &[&str]) -> String {
    let mut joined = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut previous = joined.chars().rev();
        let previous_char = previous.next();
        let before_previous = previous.next();
        let next_char = line.chars().next();
        let previous_is_cjk = previous_char.is_some_and(is_cjk);
        let next_is_cjk = next_char.is_some_and(is_cjk);
        let hyphen_between_alphanumerics = previous_char == Some('-')
            && before_previous.is_some_and(char::is_alphanumeric)
            && next_char.is_some_and(char::is_alphanumeric);
        let glued =
            joined.is_empty() || hyphen_between_alphanumerics || (previous_is_cjk && next_is_cjk);
        if !glued {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    joined
}

/// True when a line ends a sentence or a list item, so that a number on the next line
/// may start a paragraph.
fn ends_a_sentence(line: &str) -> bool {
    let line = line.trim_end();
    if ends_with_citation_word(line) {
        return false;
    }
    line.chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '.' | ':'
                | ';'
                | '!'
                | '?'
                | '。'
                | '！'
                | '？'
                | '؟'
                | '”'
                | '»'
                | '"'
                | ')'
                | '：'
                | '；'
        )
    })
}

/// `párr.`, `para.`, `paras.`, `p.`, `pp.`, `No.`, `n°`, `art.`, `§`, `cf.`: a number
/// on the next line is the citation's, not a paragraph start.
fn ends_with_citation_word(line: &str) -> bool {
    let last_word = line
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '[')
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        last_word.as_str(),
        "párr."
            | "párrs."
            | "parr."
            | "para."
            | "paras."
            | "paragraph"
            | "paragraphs"
            | "párrafo"
            | "párrafos"
            | "paragraphe"
            | "paragraphes"
            | "p."
            | "pp."
            | "no."
            | "nos."
            | "n°"
            | "nº"
            | "núm."
            | "art."
            | "arts."
            | "article"
            | "articles"
            | "artículo"
            | "artículos"
            | "§"
            | "§§"
            | "cf."
            | "vol."
            | "see"
            | "véase"
            | "voir"
            | "ver"
            | "пункт"
            | "пункты"
            | "п."
            | "пп."
            | "статья"
            | "статьи"
            | "الفقرة"
            | "الفقرتين"
            | "المادة"
    )
}

/// The last top-level number seen, to tell a continued numbering from a number that a
/// line wrap put at the start of a line.
fn continues_numbering(previous: Option<&str>, candidate: &str) -> bool {
    let parse = |number: &str| -> Option<Vec<u32>> {
        number.split('.').map(|part| part.parse().ok()).collect()
    };
    let Some(candidate) = parse(candidate) else {
        return false;
    };
    let Some(previous) = previous.and_then(parse) else {
        return candidate.iter().all(|&part| part <= 1);
    };
    // Same depth, last part +1 (`4` → `5`, `115.33` → `115.34`); a deeper level
    // starting at 1 (`115` → `115.1`); or the next top-level number (`115.40` → `116`,
    // `116.1`).
    let same_prefix_next = candidate.len() == previous.len()
        && candidate[..candidate.len() - 1] == previous[..previous.len() - 1]
        && candidate.last().copied() == previous.last().map(|last| last + 1);
    let deeper = candidate.len() == previous.len() + 1
        && candidate[..previous.len()] == previous[..]
        && candidate.last() == Some(&1);
    let next_top = candidate[0] == previous[0] + 1 && candidate[1..].iter().all(|&part| part <= 1);
    same_prefix_next || deeper || next_top
}

/// True when `candidate` is the list marker after `previous`: the next letter (`b` →
/// `c`) or the next roman numeral (`iii` → `iv`, `i` → `ii`).
fn next_letter(previous: &str, candidate: &str) -> bool {
    if let (Some(previous), Some(candidate)) = (roman_value(previous), roman_value(candidate)) {
        if candidate == previous + 1 {
            return true;
        }
    }
    let (Some(p), Some(c)) = (previous.chars().next(), candidate.chars().next()) else {
        return false;
    };
    previous.len() == 1 && candidate.len() == 1 && c as u32 == p as u32 + 1
}

/// The value of a lowercase roman numeral up to 39 (`iv` → 4), if it is one.
fn roman_value(text: &str) -> Option<u32> {
    let mut total = 0;
    let digits: Vec<u32> = text
        .chars()
        .map(|c| match c {
            'i' => Some(1),
            'v' => Some(5),
            'x' => Some(10),
            _ => None,
        })
        .collect::<Option<_>>()?;
    for (index, value) in digits.iter().enumerate() {
        if digits.get(index + 1).is_some_and(|next| next > value) {
            total -= *value as i64;
        } else {
            total += *value as i64;
        }
    }
    u32::try_from(total).ok().filter(|&value| value > 0)
}

/// The list marker before `marker` (`iii` → `ii`, `c` → `b`), if any.
fn previous_marker(marker: &str) -> Option<String> {
    if marker.len() > 1 || marker == "i" || marker == "v" || marker == "x" {
        let value = roman_value(marker)?;
        return (value > 1).then(|| roman_numeral(value - 1));
    }
    let c = marker.chars().next()?;
    (c > 'a').then(|| char::from_u32(c as u32 - 1).map(String::from))?
}

fn roman_numeral(mut value: u32) -> String {
    let mut numeral = String::new();
    for (unit, letters) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while value >= unit {
            numeral.push_str(letters);
            value -= unit;
        }
    }
    numeral
}

/// Splits pages into paragraphs. A paragraph ends at a blank line or where a line
/// starts with a paragraph number (see the module doc for what counts); it continues
/// across a page break when it had not ended its sentence. `page` is the 1-based page
/// where the paragraph starts.
pub fn paragraphs_from_pages(pages: &[String]) -> Vec<Paragraph> {
    let mut builder = ParagraphBuilder::default();
    for (page_index, page) in pages.iter().enumerate() {
        let page_number = u32::try_from(page_index + 1).ok();
        let mut first_line_of_page = true;
        // Blank lines at the top and bottom of a page (left by removed headers and
        // footers) do not end a paragraph that runs on to the next page.
        let lines: Vec<&str> = page.lines().collect();
        let first = lines.iter().position(|line| !line.trim().is_empty());
        let last = lines.iter().rposition(|line| !line.trim().is_empty());
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        for &line in &lines[first..=last] {
            if line.trim().is_empty() {
                builder.flush_unless_only_number();
                continue;
            }
            if first_line_of_page {
                first_line_of_page = false;
                // A paragraph cut by the page break goes on; anything else starts anew.
                let continues = builder
                    .last_line
                    .as_deref()
                    .is_some_and(|last| !ends_a_sentence(last) && is_full_line(last))
                    && builder.has_body()
                    && !starts_with_any_number(line);
                let number_waits_for_its_body = !builder.has_body() && builder.number.is_some();
                if !continues && !number_waits_for_its_body {
                    builder.flush();
                }
            }
            builder.push_line(line, page_number);
        }
    }
    builder.flush();
    builder.paragraphs
}

/// A line long enough to have been wrapped (a heading such as `Annex` is not): 30
/// characters, or 12 in Chinese and other CJK text.
fn is_full_line(line: &str) -> bool {
    let length = line.trim().chars().count();
    length >= 30 || (length >= 12 && line.chars().any(is_cjk))
}

fn starts_with_any_number(line: &str) -> bool {
    leading_number(line).is_some() || leading_sub_paragraph(line).is_some()
}

#[derive(Default)]
struct ParagraphBuilder {
    paragraphs: Vec<Paragraph>,
    lines: Vec<String>,
    number: Option<String>,
    page: Option<u32>,
    /// The last line pushed (across flushes, to judge continuations).
    last_line: Option<String>,
    /// The last top-level paragraph number, and the last sub-paragraph letter under it.
    last_top_number: Option<String>,
    last_sub_letter: Option<String>,
}

impl ParagraphBuilder {
    fn has_body(&self) -> bool {
        !self.lines.is_empty()
    }

    fn flush_unless_only_number(&mut self) {
        if self.lines.is_empty() && self.number.is_some() {
            return;
        }
        self.flush();
    }

    fn flush(&mut self) {
        let lines: Vec<&str> = self.lines.iter().map(String::as_str).collect();
        let text = join_lines(&lines);
        self.lines.clear();
        let number = self.number.take();
        if text.is_empty() && number.is_none() {
            return;
        }
        let mut paragraph = Paragraph::unnumbered(text);
        paragraph.n = number;
        paragraph.page = self.page;
        self.paragraphs.push(paragraph);
    }

    /// Decides whether a line that starts with a number starts a paragraph.
    fn accepts_start(&self, number_alone_on_line: bool, continues: bool) -> bool {
        let at_boundary = self.lines.is_empty() && self.number.is_none();
        let previous_line = self.last_line.as_deref().unwrap_or("");
        if ends_with_citation_word(previous_line) && !at_boundary {
            return false;
        }
        at_boundary || continues || number_alone_on_line || ends_a_sentence(previous_line)
    }

    fn push_line(&mut self, line: &str, page: Option<u32>) {
        let trimmed = line.trim();
        if let Some((number, body_start)) = leading_number(trimmed) {
            let alone = body_start >= trimmed.len();
            let continues = continues_numbering(self.last_top_number.as_deref(), &number);
            if self.accepts_start(alone, continues) {
                self.start(Some(number.clone()), page);
                self.last_top_number = Some(number);
                self.last_sub_letter = None;
                self.push_body(&trimmed[body_start..], page);
                return;
            }
        } else if let Some((letter, body_start)) = leading_sub_paragraph(trimmed) {
            let alone = body_start >= trimmed.len();
            let continues = match &self.last_sub_letter {
                Some(previous) => next_letter(previous, &letter),
                None => letter == "a" || letter == "i",
            };
            // `… entre ellas: i) se dio aviso …, ii) se acudió …` wrapped so that `iii)`
            // opens a line: the enumeration runs inside this paragraph.
            let runs_inline =
                previous_marker(&letter).is_some_and(|before| self.has_inline_marker(&before));
            if !runs_inline && self.accepts_start(alone, continues) {
                let number = match &self.last_top_number {
                    Some(parent) => format!("{parent} ({letter})"),
                    None => format!("({letter})"),
                };
                self.start(Some(number), page);
                self.last_sub_letter = Some(letter);
                self.push_body(&trimmed[body_start..], page);
                return;
            }
        }
        if self.lines.is_empty() && self.number.is_none() {
            self.page = page;
        }
        self.push_body(trimmed, page);
    }

    /// True when `marker)` stands inside the current paragraph's text (after a space or
    /// an opening parenthesis), not as its own opening marker.
    fn has_inline_marker(&self, marker: &str) -> bool {
        let written = format!("{marker})");
        self.lines.iter().any(|line| {
            line.match_indices(&written)
                .any(|(at, _)| at > 0 && line[..at].ends_with([' ', '(']))
        })
    }

    fn start(&mut self, number: Option<String>, page: Option<u32>) {
        self.flush();
        self.number = number;
        self.page = page;
    }

    fn push_body(&mut self, body: &str, page: Option<u32>) {
        let body = body.trim();
        if self.lines.is_empty() && self.number.is_none() {
            self.page = page;
        }
        if !body.is_empty() {
            self.lines.push(body.to_string());
        }
        self.last_line = Some(body.to_string())
            .filter(|b| !b.is_empty())
            .or(self.last_line.take());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_kept_as_printed() {
        let pages = vec!["18. The Committee notes\nthat the author.\n115.34 Ratify the Convention\n\n§ 75 The Court".to_string()];
        let paragraphs = paragraphs_from_pages(&pages);
        assert_eq!(paragraphs.len(), 3);
        assert_eq!(paragraphs[0].n.as_deref(), Some("18"));
        assert_eq!(paragraphs[0].text, "The Committee notes that the author.");
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

    #[test]
    fn number_alone_on_its_line_and_sub_paragraphs() {
        let pages = vec![
            "Introduction\n1.\nThe Working Group held its session from\n30 November to 11 December 2009.\n2.\nOn 7 September 2009, the Council selected\n3.\nThe following documents:\n(a)\nA national report;\n(b)\nA compilation.".to_string(),
        ];
        let paragraphs = paragraphs_from_pages(&pages);
        let numbers: Vec<Option<&str>> = paragraphs.iter().map(|p| p.n.as_deref()).collect();
        assert_eq!(
            numbers,
            vec![
                None,
                Some("1"),
                Some("2"),
                Some("3"),
                Some("3 (a)"),
                Some("3 (b)")
            ]
        );
        assert_eq!(
            paragraphs[1].text,
            "The Working Group held its session from 30 November to 11 December 2009."
        );
    }

    #[test]
    fn citations_and_wrapped_numbers_are_not_starts() {
        let pages = vec![
            "12. La Corte recuerda (supra párr.\n165. Véase) y el artículo\n44 de la Convención\n2009 fue un año\n13. Siguiente".to_string(),
        ];
        let paragraphs = paragraphs_from_pages(&pages);
        let numbers: Vec<Option<&str>> = paragraphs.iter().map(|p| p.n.as_deref()).collect();
        assert_eq!(numbers, vec![Some("12"), Some("13")]);
        assert!(paragraphs[0].text.contains("párr. 165. Véase"));
    }

    #[test]
    fn arabic_numbers_normalize_to_ascii_in_n_only() {
        let pages =
            vec!["١٨ - تلاحظ اللجنة أن الدولة الطرف\nقد اتخذت تدابير.\n١٩- توصي اللجنة".to_string()];
        let paragraphs = paragraphs_from_pages(&pages);
        assert_eq!(paragraphs[0].n.as_deref(), Some("18"));
        assert_eq!(
            paragraphs[0].text,
            "تلاحظ اللجنة أن الدولة الطرف قد اتخذت تدابير."
        );
        assert_eq!(paragraphs[1].n.as_deref(), Some("19"));
    }

    #[test]
    fn paragraph_continues_across_a_page_break() {
        let pages = vec![
            "4. The State party has taken all the necessary legislative\nand administrative measures to".to_string(),
            "protect the rights of the child.\n5. The Committee".to_string(),
        ];
        let paragraphs = paragraphs_from_pages(&pages);
        assert_eq!(paragraphs.len(), 2);
        assert_eq!(
            paragraphs[0].text,
            "The State party has taken all the necessary legislative and administrative measures to protect the rights of the child."
        );
        assert_eq!(paragraphs[0].page, Some(1));
        assert_eq!(paragraphs[1].page, Some(2));
    }

    #[test]
    fn nested_roman_lists_and_enumerations_inside_a_paragraph() {
        // Page 2 of iacthr/pdfs/1455.pdf (Spanish), as pdftotext prints it.
        let page = "b) en los días siguientes los familiares habrían realizado gestiones, entre ellas: i) se dio\n\
                    aviso a la policía del pueblo, ii) se acudió a la Agencia Estatal, donde viajaban Nitza y José cuando fueron detenidos;\n\
                    iii) se interpuso una denuncia ante el Ministerio Público de Buenaventura, y vi) se presentó una queja;\n\
                    \n\
                    c) el 12 de enero de 2010 el Estado presentó su respuesta, en la cual indicó, inter alia, que:\n\
                    i) la Procuraduría General de Justicia inició una averiguación previa;\n\
                    ii) las investigaciones aún no han demostrado la existencia de elementos;\n\
                    iii) la Secretaría de Defensa Nacional comunicó que no existen evidencias; y\n\
                    iv) la Procuraduría General de la República informó que no se halló registro;\n";
        let paragraphs = paragraphs_from_pages(&[page.to_string()]);
        let numbers: Vec<Option<&str>> = paragraphs.iter().map(|p| p.n.as_deref()).collect();
        assert_eq!(
            numbers,
            [
                Some("(b)"),
                Some("(c)"),
                Some("(i)"),
                Some("(ii)"),
                Some("(iii)"),
                Some("(iv)")
            ],
            "{paragraphs:#?}"
        );
        assert!(paragraphs[0].text.ends_with("vi) se presentó una queja;"));
        assert_eq!(roman_value("xiv"), Some(14));
        assert_eq!(previous_marker("iv").as_deref(), Some("iii"));
        assert_eq!(previous_marker("c").as_deref(), Some("b"));
    }
}
