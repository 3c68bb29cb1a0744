//! Masthead lines are not body paragraphs: "United Nations", "General Assembly",
//! "Distr.: General", "Original: English", the document's own symbol, the UN job number
//! (`GE.08-13912 (E)`), the session and agenda lines, the distribution date, the
//! bilingual headers of the courts (`AFRICAN UNION UNION AFRICAINE UNIÃO AFRICANA`).
//! They are read by the recognizer from the pages (`crate::recognize`), and kept out of
//! the paragraphs, where they would be search hits, "¶ 1" of a citation and the
//! document's first paragraph.
//!
//! Only whole paragraphs of the first page are dropped, only unnumbered ones, and only
//! when all of their text is of these forms; the session, agenda and date lines only
//! before the first numbered paragraph, where the masthead is.

use hrlex_model::Paragraph;
use regex::Regex;
use std::sync::OnceLock;

/// Longest paragraph that may be a masthead line.
const MAX_MASTHEAD_CHARS: usize = 160;

/// Names that stand alone on a masthead, lowercased, besides the recognizer's
/// [`MASTHEAD_PREFIXES`](crate::recognize::MASTHEAD_PREFIXES): the full names of the
/// courts and commissions, the Council and the languages of a distribution block.
const OWN_NAMES: &[&str] = &[
    "organisation des nations unies",
    "nações unidas",
    "human rights council",
    "conseil des droits de l'homme",
    "consejo de derechos humanos",
    "совет по правам человека",
    "مجلس حقوق الإنسان",
    "人权理事会",
    "экономический и социальный совет",
    "conseil de sécurité",
    "consejo de seguridad",
    "unión africana",
    "الاتحاد الأفريقي",
    "african court on human and peoples' rights",
    "cour africaine des droits de l'homme et des peuples",
    "tribunal africano dos direitos do homem e dos povos",
    "المحكمة الأفريقية لحقوق الإنسان والشعوب",
    "african commission on human and peoples' rights",
    "commission africaine des droits de l'homme et des peuples",
    "corte interamericana de derechos humanos",
    "corte interamericana de direitos humanos",
    "inter-american court of human rights",
    "cour interaméricaine des droits de l'homme",
    "comisión interamericana de derechos humanos",
    "inter-american commission on human rights",
    "cour européenne des droits de l'homme",
    "ecowas court of justice",
    "community court of justice, ecowas",
    "cour de justice de la communauté, cedeao",
    "cour de justice de la communauté",
    "cour de justice de la cedeao",
    "tribunal de justiça da comunidade, cedeao",
    "tribunal de justiça da comunidade",
    "english",
    "français",
    "español",
    "русский",
    "العربية",
    "中文",
];

/// Both lists, longest first, so that `african court on human and peoples' rights` is
/// removed whole before `african court` could cut it.
fn names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<&'static str> = OWN_NAMES
            .iter()
            .chain(crate::recognize::MASTHEAD_PREFIXES)
            .copied()
            .collect();
        names.sort_by_key(|name| std::cmp::Reverse(name.chars().count()));
        names
    })
}

/// Lines of a distribution block: `Distr.: General`, `Original: English`, the job
/// number, a symbol standing alone.
fn distribution_line() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?ix)^(?:
                distr(?:\.\s*:?|\s*:).*
              | (?:original|оригинал|الأصل|原文)\s*[:：]\s*\S+(?:\s*(?:and|et|y|и)\s*\S+)?
              | ge\.\d{2}-\d{4,6}.*
              | \d{2}-\d{5}\s*\([a-z]\).*
              | [A-Z]{1,8}(?:/[A-Za-z0-9.\-]+){2,}\s*\*?
            )$",
        )
        .expect("valid regex")
    })
}

/// Session and agenda lines: `Eighth session`, `Agenda item 6`, `Point 6 de l'ordre du
/// jour`, `Tema 6 del programa`, `Восьмая сессия`, `Пункт 6 повестки дня`.
fn session_line() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?ix)^(?:
                \S+(?:-\S+)?\s+session
              | \S+\s+session\s+\S+
              | (?:\S+(?:-\S+)?\s+session\s+)?agenda\s+items?\s+\d+.*
              | \S+\s+(?:période\s+de\s+)?session
              | points?\s+\d+.*\s+de\s+l['’]ordre\s+du\s+jour
              | \S+\s+período\s+de\s+sesiones
              | temas?\s+\d+.*\s+del\s+programa
              | \S+\s+сессия
              | пункты?\s+\d+.*\s+повестки\s+дня
            )$",
        )
        .expect("valid regex")
    })
}

/// `text` lowercased without the names of organisations, organs and courts, and
/// trimmed: empty when the paragraph was only names.
fn without_names(text: &str) -> String {
    let mut rest = text
        .to_lowercase()
        .replace('’', "'")
        .replace(['*', '∗'], " ");
    for name in names() {
        rest = rest.replace(name, " ");
    }
    rest.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What follows the organisation or organ name that `text` opens with, if it opens with
/// one (`United Nations A/HRC/15/16` → `A/HRC/15/16`).
fn after_a_name(text: &str) -> Option<&str> {
    let lowered = text.to_lowercase();
    let name = names().iter().find(|name| lowered.starts_with(**name))?;
    // Lowercasing keeps the byte length of these names' letters.
    let rest = text.get(name.len()..)?;
    Some(rest.trim())
}

/// True when `text` is a date and nothing else (`14 August 2019`, `28 октября 2014 года`).
fn is_only_a_date(text: &str) -> bool {
    let dates = crate::recognize::dates::dates_in(text);
    if dates.is_empty() {
        return false;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    // A date's month name and a word such as "года" or "de" are its only letters.
    letters <= 16 && text.split_whitespace().count() <= 6
}

/// Which of `paragraphs` are masthead lines of the first page.
pub fn masthead_flags(paragraphs: &[Paragraph]) -> Vec<bool> {
    let first_numbered = paragraphs
        .iter()
        .position(|paragraph| paragraph.n.is_some())
        .unwrap_or(paragraphs.len());
    paragraphs
        .iter()
        .enumerate()
        .map(|(position, paragraph)| {
            let text = paragraph.text.trim();
            let on_first_page = paragraph.page.is_none_or(|page| page <= 1);
            if !on_first_page || paragraph.n.is_some() || text.chars().count() > MAX_MASTHEAD_CHARS
            {
                return false;
            }
            let rest = without_names(text);
            rest.chars().filter(|c| c.is_alphabetic()).count() < 2
                || distribution_line().is_match(text)
                || after_a_name(text).is_some_and(|line| distribution_line().is_match(line))
                || (position < first_numbered
                    && (session_line().is_match(&rest) || is_only_a_date(text)))
        })
        .collect()
}

/// Removes the masthead paragraphs of the first page; returns how many.
pub fn remove_masthead_paragraphs(paragraphs: &mut Vec<Paragraph>) -> usize {
    let mut flags = masthead_flags(paragraphs).into_iter();
    let before = paragraphs.len();
    paragraphs.retain(|_| !flags.next().unwrap_or(false));
    before - paragraphs.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(texts: &[(&str, Option<&str>)]) -> Vec<Paragraph> {
        texts
            .iter()
            .map(|(text, n)| {
                let mut paragraph = match n {
                    Some(n) => Paragraph::numbered(*n, *text),
                    None => Paragraph::unnumbered(*text),
                };
                paragraph.page = Some(1);
                paragraph
            })
            .collect()
    }

    fn kept(mut list: Vec<Paragraph>) -> Vec<String> {
        remove_masthead_paragraphs(&mut list);
        list.into_iter().map(|paragraph| paragraph.text).collect()
    }

    #[test]
    fn a_un_masthead_leaves_the_title_and_the_body() {
        // The first page of upr/reports/algeria2008.pdf as pdftotext prints it.
        let list = paragraphs(&[
            ("A/HRC/8/29", None),
            ("United Nations", None),
            ("General Assembly", None),
            ("Distr.: General 23 May 2008", None),
            ("Original: English", None),
            ("Human Rights Council Eighth session Agenda item 6", None),
            ("Eighth session", None),
            ("Agenda item 6", None),
            ("23 May 2008", None),
            (
                "REPORT OF THE WORKING GROUP ON THE UNIVERSAL PERIODIC REVIEW*",
                None,
            ),
            ("Algeria", None),
            (
                "1. The Working Group on the Universal Periodic Review held its second session",
                Some("1"),
            ),
            ("GE.08-13912 (E) 260508", None),
        ]);
        let kept = kept(list);
        assert_eq!(
            kept,
            [
                "REPORT OF THE WORKING GROUP ON THE UNIVERSAL PERIODIC REVIEW*",
                "Algeria",
                "1. The Working Group on the Universal Periodic Review held its second session",
            ]
        );
    }

    /// poppler prints the organ and the distribution block on one line when they share
    /// one: upr/reports/belarus2010.pdf, and its Russian counterpart's form.
    #[test]
    fn a_name_and_a_distribution_line_printed_together_are_a_masthead_line() {
        let list = paragraphs(&[
            ("United Nations A/HRC/15/16", None),
            ("General Assembly Distr.: General 21 June 2010", None),
            ("Генеральная Ассамблея Distr.: General 21 June 2010", None),
            (
                "Report of the Working Group on the Universal Periodic Review *",
                None,
            ),
            ("Belarus", None),
        ]);
        assert_eq!(
            kept(list),
            [
                "Report of the Working Group on the Universal Periodic Review *",
                "Belarus",
            ]
        );
    }

    #[test]
    fn mastheads_in_russian_arabic_and_court_headers() {
        let list = paragraphs(&[
            ("Организация Объединенных Наций", None),
            ("Генеральная Ассамблея", None),
            ("Совет по правам человека", None),
            ("Восьмая сессия", None),
            ("Пункт 6 повестки дня", None),
            ("28 октября 2014 года", None),
            ("الأمم المتحدة", None),
            ("AFRICAN UNION UNION AFRICAINE UNIÃO AFRICANA الاتحاد الأفريقي", None),
            ("AFRICAN COURT ON HUMAN AND PEOPLES’ RIGHTS COUR AFRICAINE DES DROITS DE L’HOMME ET DES PEUPLES", None),
            ("CORTE INTERAMERICANA DE DERECHOS HUMANOS*", None),
            ("Доклад Рабочей группы по универсальному периодическому обзору", None),
        ]);
        assert_eq!(
            kept(list),
            ["Доклад Рабочей группы по универсальному периодическому обзору"]
        );
    }

    #[test]
    fn body_text_that_starts_like_a_masthead_stays() {
        let list = paragraphs(&[
            ("1. Introduction", Some("1")),
            (
                "United Nations bodies have repeatedly found that the State party",
                None,
            ),
            (
                "The General Assembly adopted resolution 60/251 on 15 March 2006.",
                None,
            ),
            ("28 November 2012", None),
            ("Eighth session", None),
        ]);
        let kept = kept(list);
        assert_eq!(kept.len(), 5, "{kept:?}");
    }
}
