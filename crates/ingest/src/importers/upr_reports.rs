//! UPR Working Group reports (`upr/reports/<state><year>.pdf`): the generic PDF path,
//! then mechanism UPR, doc type Report, the State and year from the file name and the
//! symbol from the masthead (`A/HRC/8/29`). The other tool's text extraction of the same
//! reports (`upr/reports-text/*.txt`) is skipped: it would duplicate them, with broken
//! characters.

use super::upr_info::{corpus_tail, has_extension, parent_name, state_name};
use super::{ImportContext, Importer};
use crate::{metadata, pipeline, FileOutcome, IngestError};
use hrlex_model::{CitationKey, DocType, Mechanism};
use regex::Regex;
use std::path::Path;
use std::sync::OnceLock;

pub struct UprReports;

/// `algeria2008` → (`algeria`, `2008`).
fn state_and_year(path: &Path) -> Option<(String, String)> {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN
        .get_or_init(|| Regex::new(r"^([a-z][a-z-]*?)((?:19|20)\d{2})$").expect("valid regex"));
    let stem = path.file_stem()?.to_str()?;
    let captures = pattern.captures(stem)?;
    Some((captures[1].to_string(), captures[2].to_string()))
}

impl Importer for UprReports {
    fn name(&self) -> &'static str {
        "upr_reports"
    }

    fn claims(&self, path: &Path, _head: &[u8]) -> bool {
        let folder = parent_name(path);
        let in_upr = path
            .parent()
            .and_then(Path::parent)
            .and_then(|grandparent| grandparent.file_name())
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.eq_ignore_ascii_case("upr"));
        let shaped = state_and_year(path).is_some();
        (folder == "reports" && has_extension(path, "pdf") && (in_upr || shaped))
            || (folder == "reports-text" && has_extension(path, "txt") && (in_upr || shaped))
    }

    fn import(&self, path: &Path, context: &ImportContext<'_>) -> Result<FileOutcome, IngestError> {
        if parent_name(path) == "reports-text" {
            return Ok(FileOutcome::Skipped {
                reason: "another tool's text extraction of upr/reports (broken characters); the PDF is imported instead".into(),
            });
        }
        let head = pipeline::read_head(path)?;
        let relative = corpus_tail(path, 3);
        let mut document = pipeline::extract_generic(path, &relative, &head, context.options)?;
        document.source.path = String::new();
        document.source.importer = format!("upr_reports+{}", document.source.importer);
        document.mechanism = Mechanism::Upr;
        document.doc_type = DocType::Report;
        document.body = Some("Working Group on the Universal Periodic Review".into());
        let stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or("report")
            .to_string();
        document.id = format!("upr-report:{stem}");
        document.work_id = document.id.clone();
        if let Some((state, year)) = state_and_year(path) {
            let state = state_name(&state).map(str::to_string).unwrap_or(state);
            document.states = vec![state.clone()];
            if document
                .date
                .as_deref()
                .is_none_or(|date| !date.starts_with(&year))
            {
                document.date = Some(year.clone());
            }
            document.title = format!(
                "Report of the Working Group on the Universal Periodic Review: {state} ({year})"
            );
        }
        let first_pages: String = document
            .paragraphs
            .iter()
            .take_while(|paragraph| paragraph.page.unwrap_or(1) <= 2)
            .map(|paragraph| paragraph.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        // Running headers (where the symbol is printed) are removed by the clean-up, so
        // the masthead is read from the raw first page first.
        let symbol = super::upr_year_csv::symbol_from_pdf_first_page(path)
            .or_else(|| report_symbol(&first_pages))
            .or_else(|| document.symbol.clone());
        if let Some(symbol) = symbol {
            document
                .identifiers
                .retain(|key| !key.as_str().starts_with("un:"));
            document.add_identifier(CitationKey::from_parts("un", &symbol.to_uppercase()));
            document.symbol = Some(symbol);
        }
        if let Some(previous) = previous_symbol(&first_pages) {
            document.add_identifier(CitationKey::from_parts("un", &previous.to_uppercase()));
            document.extra.insert("previous_symbol".into(), previous);
        }
        pipeline::drop_masthead_lines(&mut document);
        Ok(FileOutcome::Documents(vec![document]))
    }
}

/// The report's own symbol: the first `A/HRC/<session>/<n>` of the masthead (not the
/// `A/HRC/WG.6/…` symbol under which it was previously issued).
fn report_symbol(text: &str) -> Option<String> {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN
        .get_or_init(|| Regex::new(r"\bA/HRC/\s?(\d{1,2})/(\d{1,3})\b").expect("valid regex"));
    pattern
        .captures(text)
        .map(|captures| format!("A/HRC/{}/{}", &captures[1], &captures[2]))
        .or_else(|| metadata::first_un_symbol(text))
}

/// `Previously issued under the symbol A/HRC/WG.6/1/DZA/4`.
fn previous_symbol(text: &str) -> Option<String> {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(
            r"(?i)previously issued under (?:the )?symbol\s+(A/HRC/WG\.6/\d+/[A-Z]{3}\s?/\s?\d+)",
        )
        .expect("valid regex")
    });
    pattern
        .captures(text)
        .map(|captures| captures[1].replace(' ', ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masthead_symbols() {
        let text = "Distr. GENERAL A/HRC/8/29 23 May 2008 … Previously issued under the symbol A/HRC/WG.6/1/DZA /4; minor";
        assert_eq!(report_symbol(text).as_deref(), Some("A/HRC/8/29"));
        assert_eq!(previous_symbol(text).as_deref(), Some("A/HRC/WG.6/1/DZA/4"));
        assert_eq!(
            state_and_year(Path::new("upr/reports/guinea-bissau2010.pdf")),
            Some(("guinea-bissau".to_string(), "2010".to_string()))
        );
    }
}
