//! Dates as mastheads print them, in the seven languages, turned into ISO `YYYY-MM-DD`:
//!
//! | language | forms |
//! |---|---|
//! | en | `14 August 2019`, `5 SEPTEMBER 2023`, `November 28, 2012`, `OF JULY 8, 2009` |
//! | fr | `Le 28 mars 2022`, `1er juillet 2009` |
//! | es | `DE 12 DE DICIEMBRE DE 2023`, `28 de noviembre de 2012` |
//! | pt | `5 DE SETEMBRO DE 2023`, `1° DE JULHO DE 2009` |
//! | ru | `28 октября 2014 года` |
//! | ar | `١١ آذار/مارس ٢٠١٥`, `20 كانون الثاني/يناير 2014` (Arabic-Indic or ASCII digits) |
//! | zh | `2014年10月28日` |
//!
//! Latin month names come from the importers' table ([`crate::importers::months`]).

use crate::importers::months::month_number;
use regex::Regex;
use std::sync::OnceLock;

/// Russian month names in the genitive, as dates write them.
const RUSSIAN_MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// The Gregorian month names of UN Arabic, with the variant spellings in use; UN texts
/// print the Levantine name before them (`آذار/مارس`), which the pattern skips.
const ARABIC_MONTHS: [(&str, u32); 16] = [
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيه", 6),
    ("يونيو", 6),
    ("يوليه", 7),
    ("يوليو", 7),
    ("أغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
];

fn latin_day_month_year() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?i)\b(\d{1,2})\s*(?:er|°|º|o)?\s+(?:de\s+)?(\p{L}{3,10})\s+(?:de\s+|del\s+)?(\d{4})\b")
            .expect("valid regex")
    })
}

fn latin_month_day_year() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?i)\b(\p{L}{3,9})\s+(\d{1,2}),\s*(\d{4})\b").expect("valid regex")
    })
}

fn russian() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?i)\b(\d{1,2})\s+(\p{Cyrillic}{3,8})\s+(\d{4})(?:\s*(?:года|г\.))?")
            .expect("valid regex")
    })
}

fn arabic() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"([0-9٠-٩]{1,2})\s+(?:[\p{Arabic} ]{2,16}/)?\s*(\p{Arabic}{4,7})\s+([0-9٠-٩]{4})",
        )
        .expect("valid regex")
    })
}

fn chinese() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日").expect("valid regex")
    })
}

/// ASCII digits for Arabic-Indic ones (`٢٠١٥` → `2015`).
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            other => other,
        })
        .collect()
}

fn iso(year: &str, month: u32, day: &str) -> Option<String> {
    let year: u32 = ascii_digits(year).parse().ok()?;
    let day: u32 = ascii_digits(day).parse().ok()?;
    let plausible =
        (1900..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    plausible.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn russian_month(name: &str) -> Option<u32> {
    let lowered = name.to_lowercase();
    RUSSIAN_MONTHS
        .iter()
        .position(|month| *month == lowered)
        .map(|index| index as u32 + 1)
}

fn arabic_month(name: &str) -> Option<u32> {
    ARABIC_MONTHS
        .iter()
        .find(|(month, _)| *month == name)
        .map(|(_, number)| *number)
}

/// Every date written in `text`, as (byte offset, ISO date), in text order.
pub fn dates_in(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for captures in latin_day_month_year().captures_iter(text) {
        if let Some(date) =
            month_number(&captures[2]).and_then(|m| iso(&captures[3], m, &captures[1]))
        {
            found.push((captures.get(0).map_or(0, |m| m.start()), date));
        }
    }
    for captures in latin_month_day_year().captures_iter(text) {
        if let Some(date) =
            month_number(&captures[1]).and_then(|m| iso(&captures[3], m, &captures[2]))
        {
            found.push((captures.get(0).map_or(0, |m| m.start()), date));
        }
    }
    for captures in russian().captures_iter(text) {
        if let Some(date) =
            russian_month(&captures[2]).and_then(|m| iso(&captures[3], m, &captures[1]))
        {
            found.push((captures.get(0).map_or(0, |m| m.start()), date));
        }
    }
    for captures in arabic().captures_iter(text) {
        if let Some(date) =
            arabic_month(&captures[2]).and_then(|m| iso(&captures[3], m, &captures[1]))
        {
            found.push((captures.get(0).map_or(0, |m| m.start()), date));
        }
    }
    for captures in chinese().captures_iter(text) {
        if let Ok(month) = captures[2].parse() {
            if let Some(date) = iso(&captures[1], month, &captures[3]) {
                found.push((captures.get(0).map_or(0, |m| m.start()), date));
            }
        }
    }
    found.sort();
    found
}

/// The first date written in `text`.
pub fn first_date(text: &str) -> Option<String> {
    dates_in(text).into_iter().next().map(|(_, date)| date)
}

/// The first date written at or after byte `from` of `text` (the masthead date that
/// follows a UN symbol), else the first date of `text`.
pub fn first_date_from(text: &str, from: usize) -> Option<String> {
    let dates = dates_in(text);
    dates
        .iter()
        .find(|(offset, _)| *offset >= from)
        .or_else(|| dates.first())
        .map(|(_, date)| date.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_script_dates() {
        // upr/reports/belarus2010.pdf, iacthr/pdfs/98302.pdf, 98318.pdf, 98334.pdf
        assert_eq!(
            first_date("Distr.: General\n21 June 2010").as_deref(),
            Some("2010-06-21")
        );
        assert_eq!(
            first_date("SENTENCIA DE 28 DE NOVIEMBRE DE 2012").as_deref(),
            Some("2012-11-28")
        );
        assert_eq!(
            first_date("JUDGMENT OF NOVEMBER 28, 2012").as_deref(),
            Some("2012-11-28")
        );
        assert_eq!(
            first_date("SENTENÇA DE 28 DE NOVEMBRO DE 2012").as_deref(),
            Some("2012-11-28")
        );
        // iacthr separate opinion in Portuguese: `DE 1° DE JULHO DE 2009`.
        assert_eq!(
            first_date("(“DEMITIDOS E APOSENTADOS DA CONTROLADORIA”), DE 1° DE JULHO DE 2009")
                .as_deref(),
            Some("2009-07-01")
        );
        // The UN Parallel Corpus's aligned date lines (devset lines 160, 242).
        assert_eq!(first_date("28 octobre 2014").as_deref(), Some("2014-10-28"));
        assert_eq!(
            first_date("11 de marzo de 2015").as_deref(),
            Some("2015-03-11")
        );
        assert_eq!(first_date("Le 28 mars 2022").as_deref(), Some("2022-03-28"));
        assert_eq!(first_date("12 de la mañana 2012"), None);
    }

    #[test]
    fn non_latin_script_dates() {
        // UN Parallel Corpus devset, lines 160, 242 and 725 in ru, ar and zh.
        assert_eq!(
            first_date("28 октября 2014 года").as_deref(),
            Some("2014-10-28")
        );
        assert_eq!(
            first_date("8 января 2014 года").as_deref(),
            Some("2014-01-08")
        );
        assert_eq!(
            first_date("١١ آذار/مارس ٢٠١٥").as_deref(),
            Some("2015-03-11")
        );
        assert_eq!(
            first_date("20 كانون الثاني/يناير 2014").as_deref(),
            Some("2014-01-20")
        );
        assert_eq!(first_date("28 تشرين الأول/أكتوبر"), None);
        assert_eq!(first_date("2014年10月28日").as_deref(), Some("2014-10-28"));
        assert_eq!(first_date("2015年3月11日").as_deref(), Some("2015-03-11"));
    }

    #[test]
    fn the_date_after_a_position_is_preferred() {
        let text = "Eighth session 2-13 June 2008\nA/HRC/8/29\n23 May 2008";
        let symbol_at = text.find("A/HRC").unwrap();
        assert_eq!(
            first_date_from(text, symbol_at).as_deref(),
            Some("2008-05-23")
        );
    }
}
