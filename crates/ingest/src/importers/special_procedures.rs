//! Reports of Special Rapporteurs (`special-procedures/SR_<Mandate>_<symbol>.json`,
//! 162 reports, paragraph level with "concerned groups" labels).
//!
//! The symbol is in the file name with `_` for `/` (`SR_Education_A_65_162.json` →
//! `A/65/162`, `SR_Torture_E_CN_4_1986_15.json` → `E/CN.4/1986/15`); the mandate gives
//! the body. The files carry no date: the year is derived from the symbol (the
//! General Assembly session, the Human Rights Council session or the Commission's
//! year) and marked as such in `extra.date_basis`.

use super::general_comments::{add_annotated_paragraphs, AnnotatedParagraph};
use super::treaty_bodies::{file_name, read_json, slug, un_key};
use super::{ImportContext, Importer};
use crate::{FileOutcome, IngestError};
use hrlex_model::{DocType, Document, Lang, Mechanism};
use std::path::Path;

const IMPORTER: &str = "special_procedures";

/// The full title of a mandate named in the file names.
pub(super) fn mandate_body(mandate: &str) -> String {
    match mandate.to_lowercase().as_str() {
        "education" => "Special Rapporteur on the right to education".into(),
        "health" => "Special Rapporteur on the right of everyone to the enjoyment of the highest attainable standard of physical and mental health".into(),
        "torture" => "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment".into(),
        other => format!("Special Rapporteur ({other})"),
    }
}

/// A UN symbol written with `_` for `/` (and for the dot of `CN.4`, `WG.6`, `Sub.2`):
/// `A_HRC_11_8` → `A/HRC/11/8`, `E_CN_4_1999_49` → `E/CN.4/1999/49`.
pub(super) fn symbol_from_underscored(text: &str) -> String {
    let tokens: Vec<&str> = text.split('_').filter(|t| !t.is_empty()).collect();
    let mut parts: Vec<String> = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let token = tokens[index];
        let next = tokens.get(index + 1).copied();
        let next_is_number = next.is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
        let dotted = matches!(token, "CN" | "WG" | "Sub" | "AC" | "Add" | "Rev" | "Corr");
        if dotted && next_is_number && index > 0 {
            parts.push(format!("{token}.{}", next.unwrap_or_default()));
            index += 2;
            continue;
        }
        parts.push(token.to_string());
        index += 1;
    }
    parts.join("/")
}

/// The year a report was issued, from its symbol: `A/65/…` → 2010 (General Assembly
/// session 65 opens in September 2010), `A/HRC/11/…` → 2009 (three Council sessions a
/// year since 2007), `E/CN.4/1999/…` → 1999.
pub(super) fn year_of_symbol(symbol: &str) -> Option<u32> {
    let parts: Vec<&str> = symbol.split('/').collect();
    let number = |index: usize| parts.get(index).and_then(|p| p.parse::<u32>().ok());
    match parts.as_slice() {
        ["A", "HRC", ..] => {
            let session = number(2)?;
            Some(if session <= 3 {
                2006
            } else {
                2007 + (session - 4) / 3
            })
        }
        ["A", ..] => number(1).map(|session| 1945 + session),
        ["E", "CN.4", ..] => number(2).filter(|year| (1946..=2006).contains(year)),
        _ => None,
    }
}

/// `SR_<Mandate>_<symbol>.json` → (mandate, symbol).
fn split_file_name(name: &str) -> Option<(&str, String)> {
    let stem = name.strip_prefix("SR_")?.strip_suffix(".json")?;
    let (mandate, symbol) = stem.split_once('_')?;
    if mandate.is_empty() || symbol.is_empty() {
        return None;
    }
    Some((mandate, symbol_from_underscored(symbol)))
}

/// `special-procedures/SR_*.json`.
pub struct SpecialProcedureReports;

impl Importer for SpecialProcedureReports {
    fn name(&self) -> &'static str {
        IMPORTER
    }

    fn claims(&self, path: &Path, head: &[u8]) -> bool {
        split_file_name(file_name(path)).is_some()
            && head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        let Some((mandate, symbol)) = split_file_name(file_name(path)) else {
            return Err(IngestError::malformed(
                path,
                "special-procedure report",
                "file name is not SR_<Mandate>_<symbol>.json",
            ));
        };
        let paragraphs: Vec<AnnotatedParagraph> = read_json(path)?;
        let mut document = Document::new(format!("sp:{}", slug(&symbol)), Lang::En);
        document.mechanism = Mechanism::SpecialProcedures;
        document.doc_type = DocType::Report;
        let body = mandate_body(mandate);
        document.title = format!("Report of the {body} ({symbol})");
        document.body = Some(body);
        document.add_identifier(un_key(&symbol));
        if let Some(year) = year_of_symbol(&symbol) {
            document.date = Some(year.to_string());
            document
                .extra
                .insert("date_basis".into(), "session of the symbol".into());
        }
        document.symbol = Some(symbol);
        document.extra.insert("mandate".into(), mandate.to_string());
        document.source.format = "json".into();
        document.source.importer = IMPORTER.into();
        add_annotated_paragraphs(&mut document, paragraphs, path)?;
        Ok(FileOutcome::Documents(vec![document]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_come_from_file_names() {
        assert_eq!(
            split_file_name("SR_Education_A_65_162.json"),
            Some(("Education", "A/65/162".to_string()))
        );
        assert_eq!(
            split_file_name("SR_Torture_E_CN_4_1986_15.json"),
            Some(("Torture", "E/CN.4/1986/15".to_string()))
        );
        assert_eq!(
            split_file_name("SR_Health_A_HRC_14_20_Add_1.json"),
            Some(("Health", "A/HRC/14/20/Add.1".to_string()))
        );
        assert_eq!(split_file_name("README.json"), None);
    }

    #[test]
    fn years_come_from_sessions() {
        assert_eq!(year_of_symbol("A/65/162"), Some(2010));
        assert_eq!(year_of_symbol("A/HRC/11/8"), Some(2009));
        assert_eq!(year_of_symbol("A/HRC/38/32"), Some(2018));
        assert_eq!(year_of_symbol("E/CN.4/1999/49"), Some(1999));
        assert_eq!(year_of_symbol("CCPR/C/GC/36"), None);
    }
}
