//! Titles that are no title: the court's masthead alone (`EUROPEAN COURT OF HUMAN
//! RIGHTS`, `Communiqué du Greffier`), a fragment cut in the middle of a phrase
//! (`RESOLUCIÓN DE LA`, `ORDER OF THE`, `CONCURRING OPINION OF JUDGE A`, `19 Comerciantes
//! v. la`), or a file's metadata title the document does not print (`Votos octubre
//! 2009`). Such a title is replaced by the document's title block: its first unnumbered
//! paragraphs after the masthead lines, up to the first body sentence or `VISTO:` /
//! `HAVING SEEN:`, in title case when printed in capitals.

use super::record;
use crate::recognize::states::leading_state;
use crate::recognize::{is_masthead_line, title_case};
use hrlex_model::{DocType, Document};
use regex::Regex;
use std::sync::OnceLock;

/// The longest title made from a title block, in characters.
const MAX_TITLE_CHARS: usize = 180;

/// How many leading paragraphs may form the title block.
const TITLE_BLOCK_PARAGRAPHS: usize = 8;

/// Words a title does not end with unless it was cut.
const DANGLING: &[&str] = &[
    "de", "del", "la", "el", "le", "les", "los", "las", "of", "the", "and", "y", "e", "et", "a",
    "des", "du", "en", "em", "da", "do", "à", "por", "par", "by", "to", "in", "for", "on", "with",
    "dos", "das", "na", "no", "v.", "vs.", "c.",
];

/// The lines of a press release or note that name its issuer, not its subject.
fn issuer_line() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?i)^\W*(?:press\s+release(?:\s+issued\s+by\s+the\s+registrar)?|communiqué\s+(?:du\s+greffier|de\s+presse)|comunicado\s+de\s+prensa|пресс-релиз)\W*$")
            .expect("valid regex")
    })
}

/// Where the title block ends inside a paragraph (`VISTO:`, `HAVING SEEN:`, `In the
/// … case,`).
fn block_end() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?:\b(?:VISTOS?|HAVING SEEN|CONSIDERANDO|CONSIDERING|TENDO EM VISTA|VU)\s*:|\b(?:Visto|Vistos|Having seen|Considerando)\s*:|\s(?:No caso|En el caso|In the [A-Z][^,]{0,80} case,|Dans l['’]affaire))")
            .expect("valid regex")
    })
}

/// Footnote marks in headings (`Arrêt de chambre [1]`, `HUMANOS1`, `HUMANOS ∗`).
fn footnote_marks() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| Regex::new(r"\s*\[\d{1,2}\]|\s*[∗*]+").expect("valid regex"))
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Why `title` is no title of `document`, if it is not.
pub fn defect(document: &Document, title: &str) -> Option<&'static str> {
    let trimmed = title.trim();
    let word_count = trimmed.split_whitespace().count();
    if trimmed.is_empty() {
        return Some("empty");
    }
    if issuer_line().is_match(trimmed)
        || (is_masthead_line(trimmed) && word_count <= 6 && !trimmed.contains(char::is_numeric))
    {
        return Some("the masthead, not a title");
    }
    let last = trimmed
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    // A cut initial (`JUDGE A`); a Hangul syllable standing alone is a spaced title.
    let single_letter = last.chars().count() == 1 && last.chars().all(|c| c.is_ascii_alphabetic());
    if DANGLING.contains(&last.as_str()) || (single_letter && word_count > 2) {
        return Some("cut after a function word");
    }
    if let Some(at) = trimmed.rfind(" v. ") {
        if leading_state(&trimmed[at + 4..]).is_none() {
            return Some("a case name whose respondent is no State");
        }
    }
    let from_file = matches!(document.source.format.as_str(), "pdf" | "doc" | "docx");
    let own = document.case_name.as_deref() == Some(trimmed);
    // Words are found only where spaces separate them (not in Chinese or Japanese).
    // A file's metadata title is short (`Votos octubre 2009`); a long one an importer
    // built (`Report of the Working Group on the Universal Periodic Review: Albania`) is
    // not looked up.
    let spaced = word_count > 1 && word_count <= 8;
    if from_file && spaced && !own && !printed_in_opening(document, trimmed) {
        return Some("not printed on the first page");
    }
    None
}

/// True when the words of `title` follow one another in the first paragraphs.
fn printed_in_opening(document: &Document, title: &str) -> bool {
    let wanted = words(title);
    if wanted.is_empty() {
        return true;
    }
    let opening: Vec<String> = document
        .paragraphs
        .iter()
        .take(TITLE_BLOCK_PARAGRAPHS)
        .flat_map(|paragraph| words(&paragraph.text))
        .collect();
    opening
        .windows(wanted.len())
        .any(|window| window == wanted.as_slice())
}

/// True for a line of the masthead that names no subject: the court, a number, a date,
/// the issuer.
fn is_masthead_paragraph(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters < 3
        || issuer_line().is_match(text)
        || (is_masthead_line(text) && text.split_whitespace().count() <= 6)
}

/// `text` in title case when most of its letters are capitals.
fn cased(text: &str) -> String {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.iter().filter(|c| c.is_uppercase()).count();
    if capitals * 10 >= letters.len() * 7 {
        title_case(text)
    } else {
        text.to_string()
    }
}

/// The leading words of `text` printed in capitals (`CORTE … DE 2009` before
/// `(Exceção Preliminar…) No caso …`), when there are at least three.
fn capitals_run(text: &str) -> Option<&str> {
    let mut end = 0;
    let mut count = 0;
    for (index, word) in text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
    {
        if word.chars().any(char::is_lowercase) {
            break;
        }
        end = index + word.len();
        count += 1;
    }
    (count >= 3).then(|| &text[..end])
}

/// The document's title block, as a title.
pub fn title_block(document: &Document) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut length = 0;
    for paragraph in document.paragraphs.iter().take(TITLE_BLOCK_PARAGRAPHS) {
        let text = footnote_marks().replace_all(paragraph.text.trim(), "");
        let text = text.trim();
        if parts.is_empty() && is_masthead_paragraph(text) {
            continue;
        }
        if paragraph.n.is_some() {
            break;
        }
        let (text, ends) = match block_end().find(text) {
            Some(found) => (&text[..found.start()], true),
            None => (text, false),
        };
        let body =
            text.len() > 260 || (text.ends_with('.') && text.len() > 90 && !text.ends_with(" No."));
        let text = if body {
            match capitals_run(text) {
                Some(run) => run,
                None if parts.is_empty() && !ends => return None,
                None => break,
            }
        } else {
            text
        };
        let text = text.trim().trim_end_matches([',', ';', ':']);
        if !text.is_empty() {
            length += text.chars().count();
            parts.push(cased(text));
        }
        if ends || body || length >= MAX_TITLE_CHARS {
            break;
        }
    }
    let joined = parts.join(" ");
    if joined.split_whitespace().count() < 3 {
        return None;
    }
    let mut title: String = joined.chars().take(MAX_TITLE_CHARS).collect();
    if title.len() < joined.len() {
        if let Some(space) = title.rfind(' ') {
            title.truncate(space);
        }
        title.push('…');
    }
    Some(title)
}

/// Replaces a title that is no title by the title block.
pub fn check(document: &mut Document) {
    // Structured records (treaty-body shards, UPR exports) build their titles from
    // metadata; only documents read from a file's text have a title block.
    if !matches!(
        document.source.format.as_str(),
        "pdf" | "doc" | "docx" | "html" | "text"
    ) || document.doc_type == DocType::Recommendation
    {
        return;
    }
    let old = document.title.clone();
    // A title an importer built from the symbol (`A/69/695 — <first sentence>`, the
    // sampled sentences of the UN Parallel Corpus) names the document already.
    if document
        .symbol
        .as_deref()
        .is_some_and(|symbol| old.starts_with(symbol))
    {
        return;
    }
    let Some(reason) = defect(document, &old) else {
        return;
    };
    let Some(new) = title_block(document) else {
        return;
    };
    if new == old
        || defect(document, new.trim_end_matches('…'))
            .is_some_and(|r| r != "not printed on the first page")
    {
        return;
    }
    record(
        document,
        "title",
        &old,
        &new,
        &format!("the title was {reason}; the first page's title block reads so"),
    );
    document.title = new;
}
