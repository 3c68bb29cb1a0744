//! The African sources (`africa/`):
//! - `sample_documents.json`, a peachjam (AfricanLII) database fixture: one document per
//!   `coredocument` record — two ECOWAS Court judgments (metadata only: the fixture
//!   carries no text for them, they are kept as metadata documents with a note and the
//!   source URL), African Union instruments and reports and a South African act, whose
//!   HTML content is turned into paragraphs;
//! - `gauteng_judgment.pdf` and `zagpjhc_judgment.docx`: South African judgments through
//!   the generic extractors, with court, case number and neutral citation from the text.
//!   They are two different judgments (the Supreme Court of Appeal in *MEC for Health,
//!   Gauteng v M*, 2024, and the Gauteng High Court in *S v Pietropaolo*, 2020), so each
//!   is its own work;
//! - `citations.pdf`: ACHPR resolution text;
//! - `human-rights.json` (AfricanLII taxonomy) and `LICENSE.repo.txt`: skipped.

use super::upr_info::{clean_spaces, corpus_tail, parent_name, state_name};
use super::{ImportContext, Importer};
use crate::extract::ExtractedText;
use crate::{pipeline, FileOutcome, IngestError};
use hrlex_model::{
    CitationKey, DocType, Document, ExtractionNote, Lang, Mechanism, Paragraph, Source,
};
use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

pub struct AfricaSources;

const FIXTURE: &str = "sample_documents.json";
const SKIPPED: &[(&str, &str)] = &[
    (
        "human-rights.json",
        "AfricanLII human-rights taxonomy (a subject vocabulary, not a document)",
    ),
    ("LICENSE.repo.txt", "licence of the upstream repository"),
];
const GENERIC: &[&str] = &[
    "gauteng_judgment.pdf",
    "zagpjhc_judgment.docx",
    "citations.pdf",
];

impl Importer for AfricaSources {
    fn name(&self) -> &'static str {
        "ecowas"
    }

    fn claims(&self, path: &Path, head: &[u8]) -> bool {
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        if name == FIXTURE {
            return contains(head, b"\"peachjam.");
        }
        parent_name(path) == "africa"
            && (GENERIC.contains(&name) || SKIPPED.iter().any(|(skipped, _)| *skipped == name))
    }

    fn import(&self, path: &Path, context: &ImportContext<'_>) -> Result<FileOutcome, IngestError> {
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        if let Some((_, reason)) = SKIPPED.iter().find(|(skipped, _)| *skipped == name) {
            return Ok(FileOutcome::Skipped {
                reason: (*reason).to_string(),
            });
        }
        if name == FIXTURE {
            return import_fixture(path);
        }
        let head = pipeline::read_head(path)?;
        let relative = corpus_tail(path, 2);
        let mut document = pipeline::extract_generic(path, &relative, &head, context.options)?;
        document.source.path = String::new();
        document.source.importer = format!("ecowas+{}", document.source.importer);
        if name == "citations.pdf" {
            describe_achpr_resolution(&mut document);
        } else {
            describe_south_african_judgment(&mut document, name);
        }
        pipeline::drop_masthead_lines(&mut document);
        Ok(FileOutcome::Documents(vec![document]))
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn describe_achpr_resolution(document: &mut Document) {
    document.id = "africa:achpr-resolution-citations".into();
    document.work_id = document.id.clone();
    document.mechanism = Mechanism::Achpr;
    document.body = Some("African Commission on Human and Peoples' Rights".into());
    document.doc_type = DocType::Resolution;
    document
        .identifiers
        .retain(|key| !key.as_str().starts_with("un:"));
    document.symbol = None;
}

fn describe_south_african_judgment(document: &mut Document, file_name: &str) {
    let text = document.full_text();
    let head: String = text.chars().take(6000).collect();
    document.mechanism = Mechanism::NationalCourt;
    document.doc_type = DocType::Judgment;
    document.states = vec!["South Africa".into()];
    document.symbol = None;
    document
        .identifiers
        .retain(|key| !key.as_str().starts_with("un:"));
    static COURT: OnceLock<Regex> = OnceLock::new();
    let court = COURT.get_or_init(|| {
        Regex::new(r"(?i)\b(?:IN )?THE ((?:SUPREME COURT OF APPEAL|HIGH COURT|CONSTITUTIONAL COURT)[A-Z ,]*?SOUTH AFRICA(?:[ ,]+[A-Z]+ (?:LOCAL|PROVINCIAL) DIVISION)?)")
            .expect("valid regex")
    });
    if let Some(captures) = court.captures(&head) {
        document.body = Some(title_words(&clean_spaces(&captures[1])));
    }
    static CASE_NUMBER: OnceLock<Regex> = OnceLock::new();
    let case_number = CASE_NUMBER.get_or_init(|| {
        Regex::new(r"(?i)CASE\s+NO\s*:?\s*([A-Z]{0,3}\d{1,6}/\d{2,4})").expect("valid regex")
    });
    let number = case_number
        .captures(&head)
        .map(|captures| captures[1].to_string());
    static NEUTRAL: OnceLock<Regex> = OnceLock::new();
    let neutral = NEUTRAL.get_or_init(|| {
        Regex::new(r"\[(\d{4})\]\s+(ZA[A-Z]{2,6})\s+(\d{1,4})").expect("valid regex")
    });
    let neutral_citation = neutral.captures(&head).map(|captures| {
        (
            captures[1].to_string(),
            captures[2].to_string(),
            captures[3].to_string(),
        )
    });
    static NAMED: OnceLock<Regex> = OnceLock::new();
    let named = NAMED.get_or_init(|| {
        Regex::new(r"(?i)Neutral Citation:\s*(.+?)\s*\(\d{1,6}/\d{4}\)").expect("valid regex")
    });
    static MATTER: OnceLock<Regex> = OnceLock::new();
    let matter = MATTER.get_or_init(|| {
        Regex::new(r"(?i)judgment in the matter of\s+(S v [A-Z][\p{L} ]+?)\s*,")
            .expect("valid regex")
    });
    document.case_name = named
        .captures(&head)
        .or_else(|| matter.captures(&head))
        .map(|captures| clean_spaces(&captures[1]));
    match &neutral_citation {
        Some((year, court, serial)) => {
            let citation = format!("[{year}] {court} {serial}");
            document.symbol = Some(citation.clone());
            document.work_id = format!("za:{}:{year}:{serial}", court.to_lowercase());
            document.extra.insert("neutral_citation".into(), citation);
        }
        None => {
            let stem = file_name
                .rsplit_once('.')
                .map_or(file_name, |(stem, _)| stem);
            document.work_id = format!(
                "za:{}",
                number
                    .as_deref()
                    .map(|number| number.replace('/', "-").to_lowercase())
                    .unwrap_or_else(|| stem.to_string())
            );
        }
    }
    if document.symbol.is_none() {
        document.symbol = number.as_ref().map(|number| format!("Case No. {number}"));
    }
    if let Some(number) = number {
        document.extra.insert("case_number".into(), number);
    }
    let extension = file_name.rsplit('.').next().unwrap_or("file");
    document.id = format!("{}:{extension}", document.work_id);
    document.date = south_african_date(&head);
    if let Some(case_name) = &document.case_name {
        document.title = case_name.clone();
    }
}

/// `(05 March 2024)` after the neutral citation, or `DATE : 2020/ 11/02`.
fn south_african_date(head: &str) -> Option<String> {
    static WRITTEN: OnceLock<Regex> = OnceLock::new();
    let written = WRITTEN.get_or_init(|| {
        Regex::new(r"(?i)(?:ZA[A-Z]{2,6}\s+\d{1,4}\s*\(|Delivered:?\s*)(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})")
            .expect("valid regex")
    });
    if let Some(captures) = written.captures(head) {
        let month = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
        .iter()
        .position(|month| *month == captures[2].to_lowercase())?
            + 1;
        let day: u32 = captures[1].parse().ok()?;
        return Some(format!("{}-{month:02}-{day:02}", &captures[3]));
    }
    static NUMERIC: OnceLock<Regex> = OnceLock::new();
    let numeric = NUMERIC.get_or_init(|| {
        Regex::new(r"(?i)\bDATE\s*:\s*(\d{4})\s*/\s*(\d{1,2})\s*/\s*(\d{1,2})")
            .expect("valid regex")
    });
    numeric.captures(head).map(|captures| {
        format!(
            "{}-{:02}-{:02}",
            &captures[1],
            captures[2].parse::<u32>().unwrap_or(1),
            captures[3].parse::<u32>().unwrap_or(1)
        )
    })
}

fn title_words(upper: &str) -> String {
    upper
        .split(' ')
        .map(|word| {
            let lowered = word.to_lowercase();
            if matches!(lowered.as_str(), "of" | "the" | "at") {
                return lowered;
            }
            let mut chars = lowered.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One document per `peachjam.coredocument` of the fixture.
fn import_fixture(path: &Path) -> Result<FileOutcome, IngestError> {
    let text = std::fs::read_to_string(path).map_err(|error| IngestError::io(path, error))?;
    let records: Vec<Value> =
        serde_json::from_str(&text).map_err(|error| IngestError::malformed(path, "JSON", error))?;
    let mut by_model: HashMap<&str, HashMap<String, &Value>> = HashMap::new();
    for record in &records {
        let model = record.get("model").and_then(Value::as_str).unwrap_or("");
        let key = match record.get("pk") {
            Some(Value::String(pk)) => pk.clone(),
            Some(other) => other.to_string(),
            None => continue,
        };
        if let Some(fields) = record.get("fields") {
            by_model.entry(model).or_default().insert(key, fields);
        }
    }
    let empty = HashMap::new();
    let core = by_model.get("peachjam.coredocument").unwrap_or(&empty);
    let mut keys: Vec<&String> = core.keys().collect();
    keys.sort_by_key(|key| key.parse::<u64>().unwrap_or(u64::MAX));
    let mut documents = Vec::new();
    for key in keys {
        let fields = core[key];
        let content = by_model
            .get("peachjam.documentcontent")
            .and_then(|contents| contents.get(key.as_str()))
            .copied();
        let judgment = by_model
            .get("peachjam.judgment")
            .and_then(|judgments| judgments.get(key.as_str()))
            .copied();
        let court = judgment
            .and_then(|judgment| field_str(judgment, "court"))
            .and_then(|court| by_model.get("peachjam.court")?.get(court).copied());
        documents.push(fixture_document(
            path, key, fields, content, judgment, court,
        )?);
    }
    if documents.is_empty() {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(FileOutcome::Documents(documents))
}

fn field_str<'a>(fields: &'a Value, key: &str) -> Option<&'a str> {
    match fields.get(key)? {
        Value::String(text) => {
            Some(text.as_str()).filter(|text| !text.is_empty() && *text != "None")
        }
        _ => None,
    }
}

fn fixture_document(
    path: &Path,
    key: &str,
    fields: &Value,
    content: Option<&Value>,
    judgment: Option<&Value>,
    court: Option<&Value>,
) -> Result<Document, IngestError> {
    let html = content
        .and_then(|content| {
            field_str(content, "content_html").or_else(|| field_str(content, "source_html"))
        })
        .unwrap_or("");
    let plain = html_to_text(html);
    let mut document = if plain.trim().is_empty() {
        let mut document = Document::new(String::new(), Lang::En);
        document.source.format = "json".into();
        document.source.importer = "ecowas".into();
        document
    } else {
        let mut extracted = ExtractedText::single("html", "peachjam-html", plain);
        extracted.declared_lang = Some(Lang::En);
        pipeline::document_from_extracted(path, FIXTURE, extracted)?
    };
    let expression = field_str(fields, "expression_frbr_uri").unwrap_or("");
    document.id = if expression.is_empty() {
        format!("peachjam:{key}")
    } else {
        format!("akn:{expression}")
    };
    // A work is one FRBR work at one date: the two point-in-time versions of an act are
    // separate works, while a language version (`/eng@date`) would share it.
    document.work_id = match expression.rsplit_once('/') {
        Some((work, language_and_date)) => {
            let date = language_and_date
                .split_once('@')
                .map_or("", |(_, date)| date);
            format!("akn:{work}@{date}")
        }
        None => document.id.clone(),
    };
    document.lang = field_str(fields, "language")
        .and_then(Lang::parse)
        .unwrap_or(Lang::En);
    document.title = field_str(fields, "title").unwrap_or("").to_string();
    document.date = field_str(fields, "date").map(str::to_string);
    document.url = field_str(fields, "source_url").map(str::to_string);
    document.symbol = None;
    document
        .identifiers
        .retain(|key| !key.as_str().starts_with("un:"));
    document.source = Source {
        path: String::new(),
        record: Some(format!("coredocument {key}")),
        format: if html.is_empty() { "json" } else { "html" }.into(),
        importer: "ecowas".into(),
    };
    if let Some(citation) = field_str(fields, "citation") {
        document
            .extra
            .insert("citation".into(), citation.to_string());
    }
    let jurisdiction = field_str(fields, "jurisdiction").unwrap_or("");
    let doc_type = field_str(fields, "doc_type").unwrap_or("");
    let actor = field_str(fields, "frbr_uri_actor").unwrap_or("");
    let subtype = expression.split('/').nth(4).unwrap_or("");
    match doc_type {
        "judgment" => {
            document.doc_type = DocType::Judgment;
            document.mechanism = if actor.eq_ignore_ascii_case("ecowascj") {
                Mechanism::EcowasCourt
            } else {
                Mechanism::Other
            };
            document.body = court
                .and_then(|court| field_str(court, "name"))
                .map(str::to_string);
            if let Some(judgment) = judgment {
                if let Some(case_name) = field_str(judgment, "case_name") {
                    document.case_name = Some(case_name.to_string());
                    if let Some(state) = respondent(case_name) {
                        document.states = vec![state];
                    }
                }
                if let Some(mnc) = field_str(judgment, "mnc") {
                    document.symbol = Some(mnc.to_string());
                    if let Some(key) = ecowas_key(mnc) {
                        document.add_identifier(key);
                    }
                }
            }
        }
        "legislation" | "legal_instrument" => {
            document.doc_type = DocType::Instrument;
        }
        "generic_document"
            if subtype.contains("report") || expression.contains("/activity-report/") =>
        {
            document.doc_type = DocType::Report;
        }
        _ => {}
    }
    if jurisdiction.eq_ignore_ascii_case("ZA") {
        document.states = vec!["South Africa".into()];
    } else if jurisdiction.eq_ignore_ascii_case("AA") && document.body.is_none() {
        document.body = Some("African Union".into());
    }
    if document.paragraphs.is_empty() {
        let summary = field_str(fields, "citation")
            .unwrap_or(document.title.as_str())
            .to_string();
        document.paragraphs.push(Paragraph::unnumbered(summary));
        document.notes.push(ExtractionNote::new(
            "metadata-only",
            format!(
                "the source fixture has no text for this document; metadata only (full text: {})",
                document.url.as_deref().unwrap_or("not linked")
            ),
        ));
    }
    Ok(document)
}

/// `[2016] ECOWASCJ 52` → `ecowas:2016/52`.
fn ecowas_key(mnc: &str) -> Option<CitationKey> {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern =
        PATTERN.get_or_init(|| Regex::new(r"\[(\d{4})\]\s*ECOWASCJ\s*(\d+)").expect("valid regex"));
    pattern
        .captures(mnc)
        .map(|captures| CitationKey::new(format!("ecowas:{}/{}", &captures[1], &captures[2])))
}

/// `Obi vs Federal Republic of Nigeria` → `Nigeria`.
fn respondent(case_name: &str) -> Option<String> {
    let (_, state) = case_name
        .split_once(" vs ")
        .or_else(|| case_name.split_once(" v. "))
        .or_else(|| case_name.split_once(" v "))?;
    let state = state
        .trim()
        .trim_start_matches("The ")
        .trim_start_matches("Republic of ");
    state_name(state).map(str::to_string)
}

/// HTML to text with a blank line after every block element, for the paragraph
/// segmenter.
fn html_to_text(html: &str) -> String {
    const BREAK: char = '\u{E000}';
    if html.trim().is_empty() {
        return String::new();
    }
    static BLOCK_END: OnceLock<Regex> = OnceLock::new();
    let block_end = BLOCK_END.get_or_init(|| {
        Regex::new(r"(?i)</(?:p|div|section|article|h[1-6]|li|tr|table|ul|ol|blockquote|header|footer)>|<br\s*/?>")
            .expect("valid regex")
    });
    let flat = html.replace(['\n', '\r'], " ");
    let marked = block_end.replace_all(&flat, |captures: &regex::Captures<'_>| {
        format!("{}{BREAK}", &captures[0])
    });
    let fragment = scraper::Html::parse_fragment(&marked);
    let raw: String = fragment.root_element().text().collect();
    raw.split(BREAK)
        .map(clean_spaces)
        .filter(|block| !block.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs() {
        let text =
            html_to_text("<div><h1>Title</h1><p>First <b>bold</b> para.</p><p>Second</p></div>");
        assert_eq!(text.trim_end(), "Title\n\nFirst bold para.\n\nSecond");
    }

    #[test]
    fn ecowas_citation_keys() {
        assert_eq!(
            ecowas_key("[2016] ECOWASCJ 52")
                .map(|key| key.to_string())
                .as_deref(),
            Some("ecowas:2016/52")
        );
        assert_eq!(
            respondent("Obi vs Federal Republic of Nigeria").as_deref(),
            Some("Nigeria")
        );
    }
}
