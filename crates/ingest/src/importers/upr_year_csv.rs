//! Recommendations extracted from UPR Working Group reports (`upr/year-csvs/*.csv`,
//! columns `text, to, decision, from, year`). Each row keeps the paragraph number it has
//! in the report (`69.1`) and is linked to that report: `extra["report_file"]`
//! (`upr/reports/<state><year>.pdf`, when the report is in the corpus) and
//! `recommendation.report_symbol`, read from the masthead of the report's text, which
//! makes the citation key `upr:<symbol>:<n>` (SPEC §2.4).
//!
//! These rows overlap with the UPR Info exports (same recommendations, other source):
//! both are kept as documents with distinct ids (`upr-year:…` vs `upr-info:…`), because
//! each carries what the other lacks — paragraph number and report link here, themes,
//! action category and the final response there. A row and an export record with the
//! same words to the same State in the same year are one work
//! (`upr_info::recommendation_work_id`), so a search lists them once.

use super::upr_info::{
    clean_spaces, compact, has_extension, map_response, normalize_newlines, recommendation_work_id,
    state_name, strip_bom, title_from_text,
};
use super::{ImportContext, Importer};
use crate::{metadata, FileOutcome, IngestError};
use hrlex_model::{
    CitationKey, DocType, Document, Lang, Mechanism, Paragraph, Recommendation, Source,
};
use regex::Regex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub struct UprYearCsv;

impl Importer for UprYearCsv {
    fn name(&self) -> &'static str {
        "upr_year_csv"
    }

    fn claims(&self, path: &Path, head: &[u8]) -> bool {
        has_extension(path, "csv")
            && strip_bom(head)
                .get(..16)
                .is_some_and(|start| start.eq_ignore_ascii_case(b"text,to,decision"))
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        let bytes = std::fs::read(path).map_err(|error| IngestError::io(path, error))?;
        let text = normalize_newlines(&decode_year_csv(&bytes));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|error| IngestError::malformed(path, "CSV", error))?
            .clone();
        let column = |name: &str| {
            headers
                .iter()
                .position(|header| header.trim().eq_ignore_ascii_case(name))
        };
        let (Some(text_column), Some(to_column)) = (column("text"), column("to")) else {
            return Err(IngestError::malformed(
                path,
                "CSV",
                "missing text/to columns",
            ));
        };
        let decision_column = column("decision");
        let from_column = column("from");
        let year_column = column("year");
        let file_name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("year.csv")
            .to_string();
        let mut reports = ReportIndex::new(path);
        let mut documents = Vec::new();
        let mut seen: HashMap<String, u32> = HashMap::new();
        for (index, record) in reader.records().enumerate() {
            let record = record.map_err(|error| {
                IngestError::malformed(path, "CSV", format!("row {}: {error}", index + 2))
            })?;
            let row = index + 2;
            let field = |column: Option<usize>| {
                column
                    .and_then(|column| record.get(column))
                    .map(str::trim)
                    .unwrap_or("")
            };
            let raw_text = field(Some(text_column));
            let raw_to = field(Some(to_column));
            if raw_text.is_empty() || raw_to.is_empty() {
                continue;
            }
            let year = field(year_column);
            let (number, body) = split_number(&clean_row_text(raw_text));
            if body.is_empty() {
                continue;
            }
            let state = state_name(raw_to)
                .map(str::to_string)
                .unwrap_or_else(|| raw_to.to_string());
            let report = reports.lookup(raw_to, year);

            let mut id = format!(
                "upr-year:{}:{}:{}",
                if year.is_empty() { "0" } else { year },
                compact(&state),
                number.clone().unwrap_or_else(|| format!("row{row}"))
            );
            let count = seen.entry(id.clone()).or_insert(0);
            *count += 1;
            if *count > 1 {
                id = format!("{id}-{count}");
            }
            let mut document = Document::new(id, Lang::En);
            document.title = title_from_text(&body);
            document.mechanism = Mechanism::Upr;
            document.doc_type = DocType::Recommendation;
            document.work_id = recommendation_work_id(&state, year, &body);
            document.states.push(state);
            if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) {
                document.date = Some(year.to_string());
            }
            let decision = field(decision_column);
            let mut recommending_states = recommending_states_of(&body);
            let from = field(from_column);
            if recommending_states.is_empty() && !from.is_empty() {
                recommending_states.push(
                    state_name(from)
                        .map(str::to_string)
                        .unwrap_or_else(|| from.to_string()),
                );
            }
            let report_symbol = report.as_ref().and_then(|report| report.symbol.clone());
            if let (Some(symbol), Some(number)) = (&report_symbol, &number) {
                document.add_identifier(CitationKey::new(format!("upr:{symbol}:{number}")));
            }
            if let Some(report) = &report {
                document
                    .extra
                    .insert("report_file".into(), report.relative_file.clone());
            }
            document.recommendation = Some(Recommendation {
                recommending_states,
                recommending_body: None,
                response: map_response(decision)
                    .filter(|_| !decision.eq_ignore_ascii_case("unknown")),
                response_text: Some(decision.to_string()).filter(|text| !text.is_empty()),
                implementation: None,
                session: None,
                report_symbol,
                action_category: None,
            });
            document.source = Source {
                path: String::new(),
                record: Some(format!("{file_name} row {row}")),
                format: "csv".into(),
                importer: "upr_year_csv".into(),
            };
            document.paragraphs.push({
                let mut paragraph = Paragraph::unnumbered(body);
                paragraph.n = number;
                paragraph
            });
            documents.push(document);
        }
        if documents.is_empty() {
            return Err(IngestError::Empty {
                path: path.to_path_buf(),
            });
        }
        Ok(FileOutcome::Documents(documents))
    }
}

/// The year-csvs mix encodings: most are Mac Roman, and in several the apostrophe of
/// `women's` is a stray high byte (`women\xcds`, `women\xeas`). Such a byte between a
/// letter and a final `s`/`t` is read as an apostrophe; the rest as UTF-8 or Mac Roman.
fn decode_year_csv(bytes: &[u8]) -> String {
    let bytes = strip_bom(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let mut fixed = Vec::with_capacity(bytes.len());
    for (index, &byte) in bytes.iter().enumerate() {
        let previous = index.checked_sub(1).map(|i| bytes[i]);
        let next = bytes.get(index + 1).copied();
        let after = bytes.get(index + 2).copied();
        let is_apostrophe = byte >= 0x80
            && previous.is_some_and(|b| b.is_ascii_alphabetic())
            && matches!(next, Some(b's') | Some(b't'))
            && !after.is_some_and(|b| b.is_ascii_alphabetic());
        if is_apostrophe {
            fixed.extend_from_slice("’".as_bytes());
        } else {
            fixed.push(byte);
        }
    }
    match String::from_utf8(fixed) {
        Ok(text) => text,
        Err(error) => {
            let bytes = error.into_bytes();
            // Re-decode byte by byte: keep the apostrophes added above (valid UTF-8
            // sequences) and read every other high byte as Mac Roman.
            let mut text = String::with_capacity(bytes.len());
            let mut rest: &[u8] = &bytes;
            while !rest.is_empty() {
                match std::str::from_utf8(rest) {
                    Ok(valid) => {
                        text.push_str(valid);
                        break;
                    }
                    Err(error) => {
                        let (valid, after) = rest.split_at(error.valid_up_to());
                        text.push_str(std::str::from_utf8(valid).unwrap_or(""));
                        let bad = error.error_len().unwrap_or(after.len()).max(1);
                        let (invalid, remaining) = after.split_at(bad.min(after.len()));
                        text.push_str(
                            &encoding_rs::MACINTOSH
                                .decode_without_bom_handling(invalid)
                                .0,
                        );
                        rest = remaining;
                    }
                }
            }
            text
        }
    }
}

/// Removes the extraction debris at the end of rows (`(Kuwait). );`).
fn clean_row_text(raw: &str) -> String {
    let text = clean_spaces(raw);
    let trimmed = text.trim_end_matches([' ', ';', ')', '.', ',']).to_string();
    // Put back the closing parenthesis of the recommending-State list when it was cut.
    if trimmed.matches('(').count() > trimmed.matches(')').count() {
        format!("{trimmed})")
    } else {
        trimmed
    }
}

fn leading_number() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| Regex::new(r"^\s*(\d{1,3}\.\d{1,3})\.?\s+(.*)$").expect("valid regex"))
}

/// Splits `69.1   The establishment…` into `69.1` and the recommendation.
fn split_number(text: &str) -> (Option<String>, String) {
    match leading_number().captures(text) {
        Some(captures) => (
            Some(captures[1].to_string()),
            captures[2].trim().to_string(),
        ),
        None => (None, text.trim().to_string()),
    }
}

fn trailing_parenthesis() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| Regex::new(r"\(([^()]+)\)\s*$").expect("valid regex"))
}

/// The recommending States listed at the end of a recommendation: `… (Slovakia, Spain)`.
fn recommending_states_of(text: &str) -> Vec<String> {
    let Some(captures) = trailing_parenthesis().captures(text) else {
        return Vec::new();
    };
    let names: Vec<&str> = captures[1]
        .split([',', ';'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .collect();
    let states: Vec<String> = names
        .iter()
        .filter_map(|name| state_name(name).map(str::to_string))
        .collect();
    // Only a list made of State names is a list of recommending States.
    if states.len() == names.len() {
        states
    } else {
        Vec::new()
    }
}

struct ReportLink {
    relative_file: String,
    symbol: Option<String>,
}

/// Finds the report a row comes from: `../reports/<state><year>.pdf` beside the
/// year-csvs folder, its symbol read from `../reports-text/<state><year>.txt` (the
/// masthead survives that extraction) or, failing that, from the first page of the
/// PDF through `pdftotext` when installed.
struct ReportIndex {
    upr_root: Option<PathBuf>,
    upr_folder: String,
    cache: HashMap<String, Option<ReportLink>>,
}

impl ReportIndex {
    fn new(csv_path: &Path) -> Self {
        let upr_root = csv_path
            .parent()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let upr_folder = upr_root
            .as_deref()
            .and_then(|root| root.file_name())
            .and_then(|name| name.to_str())
            .unwrap_or("upr")
            .to_string();
        ReportIndex {
            upr_root,
            upr_folder,
            cache: HashMap::new(),
        }
    }

    fn lookup(&mut self, raw_state: &str, year: &str) -> Option<ReportLink> {
        let key = format!("{raw_state}|{year}");
        if let Some(cached) = self.cache.get(&key) {
            return cached.as_ref().map(|link| ReportLink {
                relative_file: link.relative_file.clone(),
                symbol: link.symbol.clone(),
            });
        }
        let found = self.find(raw_state, year);
        let copy = found.as_ref().map(|link| ReportLink {
            relative_file: link.relative_file.clone(),
            symbol: link.symbol.clone(),
        });
        self.cache.insert(key, found);
        copy
    }

    fn find(&self, raw_state: &str, year: &str) -> Option<ReportLink> {
        let root = self.upr_root.as_deref()?;
        let mut stems = vec![raw_state.to_lowercase().replace(' ', "")];
        if let Some(state) = state_name(raw_state) {
            stems.push(compact(state));
        }
        stems.push(compact(raw_state));
        for stem in stems {
            let file = format!("{stem}{year}");
            let pdf = root.join("reports").join(format!("{file}.pdf"));
            if !pdf.is_file() {
                continue;
            }
            let symbol =
                symbol_from_text_file(&root.join("reports-text").join(format!("{file}.txt")))
                    .or_else(|| symbol_from_pdf_first_page(&pdf));
            return Some(ReportLink {
                relative_file: format!("{}/reports/{file}.pdf", self.upr_folder),
                symbol,
            });
        }
        None
    }
}

fn report_symbol_in(text: &str) -> Option<String> {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern =
        PATTERN.get_or_init(|| Regex::new(r"A/HRC/\s?\d{1,2}/\d{1,3}\b").expect("valid regex"));
    pattern
        .find(text)
        .map(|found| found.as_str().replace(' ', ""))
        .or_else(|| metadata::first_un_symbol(text))
}

fn symbol_from_text_file(path: &Path) -> Option<String> {
    // Found by name: only a regular file is opened (not a FIFO), and only its head read.
    let file = crate::file_kind::open_regular(path).ok()?;
    let mut head = Vec::with_capacity(4000);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, 4000), &mut head).ok()?;
    report_symbol_in(&String::from_utf8_lossy(&head))
}

pub(super) fn symbol_from_pdf_first_page(path: &Path) -> Option<String> {
    let output = std::process::Command::new("pdftotext")
        .args(["-q", "-f", "1", "-l", "1", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    report_symbol_in(&String::from_utf8_lossy(&output.stdout))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_and_states_are_read_from_the_row_text() {
        let (number, body) = split_number(&clean_row_text(
            "129.1 Ratify the Rome Statute (Slovakia, Spain);",
        ));
        assert_eq!(number.as_deref(), Some("129.1"));
        assert_eq!(body, "Ratify the Rome Statute (Slovakia, Spain)");
        assert_eq!(recommending_states_of(&body), vec!["Slovakia", "Spain"]);
    }

    #[test]
    fn stray_apostrophe_bytes_become_apostrophes() {
        assert_eq!(decode_year_csv(b"women\xcds rights"), "women’s rights");
        assert_eq!(decode_year_csv(b"Habr\x8e."), "Habré.");
    }
}
