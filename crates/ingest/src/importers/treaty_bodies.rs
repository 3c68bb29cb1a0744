//! Treaty-body decisions (views, inadmissibility and discontinuance decisions of CCPR,
//! CAT, CESCR, CRPD and CRC) from the paragraph-level shards
//! `treaty-bodies/decisions/jur_*.json`.
//!
//! Each shard holds the paragraphs of many decisions; paragraphs are grouped into one
//! document per `docId`. Metadata come from `treaty-bodies/jurisprudence_info.json`
//! (symbol, committee, State, adoption date, outcome — loaded once per path and cached)
//! and, when a decision has no record there (CAT, CESCR, CRC), from the OHCHR
//! jurisprudence XML beside it (adoption date, articles, issues, case name).
//!
//! The file also holds the small parsing helpers shared by the other UN importers
//! (dates, symbols, ids, JSON reading).

use super::{ohchr_xml, ImportContext, Importer};
use crate::{FileOutcome, IngestError};
use hrlex_model::{CitationKey, DocType, Document, ExtractionNote, Lang, Mechanism, Paragraph};
use regex::Regex;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

const IMPORTER: &str = "treaty_bodies";
const INFO_FILE: &str = "jurisprudence_info.json";

// ---------------------------------------------------------------------------------
// Shared helpers (used by the other UN importers of this folder).
// ---------------------------------------------------------------------------------

/// The file name of a path, or "" when it has none (or is not UTF-8).
pub(super) fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("")
}

/// The name of the folder holding the file, or "".
pub(super) fn parent_name(path: &Path) -> &str {
    path.parent().map(file_name).unwrap_or("")
}

/// Reads and parses a JSON file; failures name the file.
pub(super) fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, IngestError> {
    let bytes = std::fs::read(path).map_err(|error| IngestError::io(path, error))?;
    serde_json::from_slice(&bytes).map_err(|error| IngestError::malformed(path, "JSON", error))
}

/// A lowercase id component: letters and digits kept, anything else one `-`
/// (`CCPR/C/100/D/1334/2004` → `ccpr-c-100-d-1334-2004`).
pub(super) fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// The normalized `un:` key of a UN symbol (whitespace removed, uppercased, dashes
/// folded), per `docs/citation-keys.md` § 2.1.
pub(super) fn un_key(symbol: &str) -> CitationKey {
    let normalized: String = symbol
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            other => other,
        })
        .collect::<String>()
        .to_uppercase();
    CitationKey::from_parts("un", &normalized)
}

fn month_number(name: &str) -> Option<u32> {
    let lowered = name.trim_end_matches('.').to_lowercase();
    const MONTHS: [&str; 12] = [
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
    ];
    if lowered.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|month| {
            month.starts_with(&lowered) || (lowered == "sept" && *month == "september")
        })
        .and_then(|index| u32::try_from(index + 1).ok())
}

/// Parses the English dates of UN metadata (`26 Mar 2026`, `8 May 2019`,
/// `21 Nov 1997`, `2019-05-08`, `May 2019`, `2019`) into ISO form (`YYYY-MM-DD`,
/// `YYYY-MM` or `YYYY`).
pub(super) fn parse_date(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|word| !word.is_empty())
        .collect();
    let is_year = |word: &str| {
        word.len() == 4
            && word.chars().all(|c| c.is_ascii_digit())
            && (1900..=2100).contains(&word.parse::<u32>().unwrap_or(0))
    };
    match words.as_slice() {
        [iso] if iso.len() == 10 && iso.as_bytes()[4] == b'-' && is_year(&iso[..4]) => {
            Some(iso.to_string())
        }
        [year] if is_year(year) => Some(year.to_string()),
        [day, month, year] if is_year(year) => {
            let day: u32 = day
                .trim_end_matches(['.', 's', 't', 'h', 'n', 'd', 'r'])
                .parse()
                .ok()?;
            let month = month_number(month)?;
            (1..=31)
                .contains(&day)
                .then(|| format!("{year}-{month:02}-{day:02}"))
        }
        [month, year] if is_year(year) => {
            let month = month_number(month)?;
            Some(format!("{year}-{month:02}"))
        }
        _ => None,
    }
}

/// Removes the `[[fn:3]]` footnote markers the shards leave in paragraph text and trims.
pub(super) fn clean_paragraph_text(text: &str) -> String {
    static FOOTNOTE: OnceLock<Regex> = OnceLock::new();
    let footnote = FOOTNOTE.get_or_init(|| Regex::new(r"\[\[fn:[^\]]*\]\]").expect("valid regex"));
    let without = footnote.replace_all(text, "");
    without.trim().to_string()
}

/// The printed paragraph number without its trailing dot (`"2.1."` → `2.1`), or `None`.
pub(super) fn printed_number(raw: &str) -> Option<String> {
    let trimmed = raw.trim().trim_end_matches('.').trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// A paragraph with its printed number, if any.
pub(super) fn make_paragraph(n: Option<String>, text: impl Into<String>) -> Paragraph {
    match n {
        Some(n) => Paragraph::numbered(n, text),
        None => Paragraph::unnumbered(text),
    }
}

/// Adds `value` to `list` unless it is empty or already there (case-insensitive).
pub(super) fn push_unique(list: &mut Vec<String>, value: &str) {
    let value = value.trim();
    if value.is_empty() || list.iter().any(|item| item.eq_ignore_ascii_case(value)) {
        return;
    }
    list.push(value.to_string());
}

// ---------------------------------------------------------------------------------
// Symbols and communication numbers of decisions.
// ---------------------------------------------------------------------------------

/// Rebuilds the UN symbol of a decision from its shard id:
/// `ccpr-c-100-d-1334-2004` → `CCPR/C/100/D/1334/2004`,
/// `e-c-12-55-d-2-2014` → `E/C.12/55/D/2/2014`,
/// `cat-c-33-d-163-2000-rev-1` → `CAT/C/33/D/163/2000/Rev.1`.
pub(super) fn symbol_from_doc_id(doc_id: &str) -> String {
    let tokens: Vec<&str> = doc_id.split('-').filter(|t| !t.is_empty()).collect();
    let mut parts: Vec<String> = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let token = tokens[index];
        let next = tokens.get(index + 1).copied();
        let next_is_number = next.is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
        match token {
            "rev" | "corr" | "add" | "amend" if next_is_number => {
                let mut label = token.to_string();
                label[..1].make_ascii_uppercase();
                parts.push(format!("{label}.{}", next.unwrap_or_default()));
                index += 2;
                continue;
            }
            // E/C.12: the CESCR prefix is written with a dot.
            "c" if index == 1 && tokens[0] == "e" && next == Some("12") => {
                parts.push("C.12".to_string());
                index += 2;
                continue;
            }
            _ => parts.push(token.to_uppercase()),
        }
        index += 1;
    }
    parts.join("/")
}

fn is_year_token(token: &str) -> bool {
    token.len() == 4
        && token.chars().all(|c| c.is_ascii_digit())
        && (1976..=2100).contains(&token.parse::<u32>().unwrap_or(0))
}

/// The communication numbers `n/yyyy` of a decision, read from the tokens after `D`
/// in its shard id (`ccpr-c-126-d-2542-2015-2543-2015` → `2542/2015`, `2543/2015`;
/// `ccpr-c-129-d-3106-3122-2018` → `3106/2018`, `3122/2018`).
pub(super) fn communication_numbers_from_doc_id(doc_id: &str) -> Vec<String> {
    let mut numbers = Vec::new();
    let mut after_d = false;
    let mut pending: Vec<&str> = Vec::new();
    for token in doc_id.split('-') {
        if token == "d" {
            after_d = true;
            pending.clear();
            continue;
        }
        if !after_d {
            continue;
        }
        if is_year_token(token) && !pending.is_empty() {
            for number in pending.drain(..) {
                let number = number.trim_start_matches('0');
                if !number.is_empty() {
                    numbers.push(format!("{number}/{token}"));
                }
            }
        } else if !token.is_empty() && token.len() <= 4 && token.chars().all(|c| c.is_ascii_digit())
        {
            pending.push(token);
        } else {
            after_d = false;
            pending.clear();
        }
    }
    numbers
}

/// Communication numbers written in a title (`Communication No. 2367/2014`,
/// `Communication Nº 103/2022`).
pub(super) fn communication_numbers_in_text(text: &str) -> Vec<String> {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(r"(?i)\bN(?:o|º|°|os)?\.?\s*(R\.\s?\d{1,3}/\d{1,4}|\d{1,4}/(?:19|20)\d{2})\b")
            .expect("valid regex")
    });
    pattern
        .captures_iter(text)
        .map(|captures| captures[1].replace(' ', ""))
        .collect()
}

/// The adoption date printed in a decision's header (`Date of adoption of Views:
/// 20 June 2016`, `Date of decision: 14 November 2013`).
pub(super) fn adoption_date_in_text(text: &str) -> Option<String> {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(
            r"(?i)\bdate of (?:adoption of (?:the )?(?:views|decision)|decision)\s*:\s*(\d{1,2}\s+[A-Za-z]+\.?\s+\d{4})",
        )
        .expect("valid regex")
    });
    let captures = pattern.captures(text)?;
    parse_date(&captures[1])
}

/// Maps the shards' outcome codes to the model's outcome label and document type.
pub(super) fn outcome_and_type(raw: Option<&str>, symbol: &str) -> (Option<String>, DocType) {
    let is_decision_symbol = symbol.split('/').any(|part| part == "D");
    let doc_type_default = if is_decision_symbol {
        DocType::Views
    } else {
        DocType::Report
    };
    match raw.map(str::trim) {
        Some("violation_found") => (Some("violation".into()), DocType::Views),
        Some("merits_no_violation") => (Some("no violation".into()), DocType::Views),
        Some("inadmissible") => (Some("inadmissible".into()), DocType::Inadmissibility),
        Some("discontinued") => (Some("discontinued".into()), DocType::Discontinuance),
        _ => (None, doc_type_default),
    }
}

// ---------------------------------------------------------------------------------
// jurisprudence_info.json
// ---------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct InfoRecord {
    doc_id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    symbol: Option<String>,
    #[serde(default)]
    committee: Option<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    outcome: Option<String>,
    #[serde(default)]
    adoption_date: Option<String>,
    #[serde(default)]
    link: Option<String>,
    #[serde(default)]
    case_labels: Vec<String>,
}

type InfoIndex = HashMap<String, InfoRecord>;

/// Loads `jurisprudence_info.json` once per path.
fn load_info(path: &Path) -> Result<Arc<InfoIndex>, IngestError> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<InfoIndex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut guard = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(index) = guard.get(path) {
        return Ok(Arc::clone(index));
    }
    let records: Vec<InfoRecord> = read_json(path)?;
    let index: InfoIndex = records
        .into_iter()
        .map(|record| (record.doc_id.clone(), record))
        .collect();
    let index = Arc::new(index);
    guard.insert(path.to_path_buf(), Arc::clone(&index));
    Ok(index)
}

/// The metadata file for a shard: `../jurisprudence_info.json` beside `decisions/`.
fn info_path_for(shard: &Path) -> Option<PathBuf> {
    let candidate = shard.parent()?.parent()?.join(INFO_FILE);
    candidate.is_file().then_some(candidate)
}

// ---------------------------------------------------------------------------------
// The shards.
// ---------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
struct Shard {
    #[serde(default)]
    documents: Vec<String>,
    paragraphs: Vec<ShardParagraph>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ShardParagraph {
    doc_id: String,
    #[serde(default)]
    idx: u32,
    #[serde(default)]
    n: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    treaty: Option<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    year: Option<u32>,
    #[serde(default)]
    outcome: Option<String>,
    #[serde(default)]
    source_format: Option<String>,
}

/// `treaty-bodies/decisions/jur_*.json`: one document per decision.
pub struct TreatyBodyDecisions;

impl Importer for TreatyBodyDecisions {
    fn name(&self) -> &'static str {
        IMPORTER
    }

    fn claims(&self, path: &Path, head: &[u8]) -> bool {
        let name = file_name(path);
        name.starts_with("jur_")
            && name.ends_with(".json")
            && head.windows(9).any(|window| window == b"\"shardId\"")
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        let shard: Shard = read_json(path)?;
        let info = match info_path_for(path) {
            Some(info_path) => Some(load_info(&info_path)?),
            None => None,
        };
        let xml = ohchr_xml::index_near(path)?;

        // Group paragraphs by decision, in the order the shard lists decisions.
        let mut order: Vec<String> = shard.documents.clone();
        let mut groups: HashMap<String, Vec<ShardParagraph>> = HashMap::new();
        for paragraph in shard.paragraphs {
            if !groups.contains_key(&paragraph.doc_id) && !order.contains(&paragraph.doc_id) {
                order.push(paragraph.doc_id.clone());
            }
            groups
                .entry(paragraph.doc_id.clone())
                .or_default()
                .push(paragraph);
        }
        let mut documents = Vec::with_capacity(order.len());
        for doc_id in order {
            let Some(mut paragraphs) = groups.remove(&doc_id) else {
                continue;
            };
            paragraphs.sort_by_key(|paragraph| paragraph.idx);
            let record = info.as_deref().and_then(|index| index.get(&doc_id));
            documents.push(build_decision(&doc_id, paragraphs, record, xml.as_deref()));
        }
        if documents.is_empty() {
            return Err(IngestError::Empty {
                path: path.to_path_buf(),
            });
        }
        Ok(FileOutcome::Documents(documents))
    }
}

fn build_decision(
    doc_id: &str,
    paragraphs: Vec<ShardParagraph>,
    record: Option<&InfoRecord>,
    xml: Option<&ohchr_xml::OhchrIndex>,
) -> Document {
    let first = &paragraphs[0];
    let symbol = record
        .and_then(|record| record.symbol.as_deref())
        .map(str::trim)
        .filter(|symbol| !symbol.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| symbol_from_doc_id(doc_id));
    let xml_record = xml.and_then(|index| index.by_symbol(&symbol));
    let id = format!("tb:{doc_id}");
    let mut document = Document::new(id, Lang::En);

    let committee = record
        .and_then(|record| record.committee.as_deref())
        .or(first.treaty.as_deref())
        .unwrap_or("");
    document.mechanism = Mechanism::parse(committee)
        .or_else(|| crate::metadata::mechanism_of_symbol(&symbol))
        .unwrap_or(Mechanism::Other);

    let raw_outcome = record
        .and_then(|record| record.outcome.as_deref())
        .or_else(|| paragraphs.iter().find_map(|p| p.outcome.as_deref()));
    let (outcome, doc_type) = outcome_and_type(raw_outcome, &symbol);
    document.outcome = outcome;
    document.doc_type = doc_type;
    if let Some(raw) = raw_outcome {
        document
            .extra
            .insert("outcome_code".into(), raw.to_string());
    }

    let country = record
        .and_then(|record| record.country.as_deref())
        .or(first.country.as_deref())
        .unwrap_or("");
    for state in country.split(',') {
        push_unique(&mut document.states, state);
    }
    if document.states.is_empty() {
        if let Some(xml_record) = xml_record {
            for state in &xml_record.countries {
                push_unique(&mut document.states, state);
            }
        }
    }

    document.date = record
        .and_then(|record| record.adoption_date.as_deref())
        .and_then(parse_date)
        .or_else(|| {
            xml_record
                .and_then(|x| x.adoption_date.as_deref())
                .and_then(parse_date)
        })
        .or_else(|| {
            paragraphs
                .iter()
                .take(60)
                .find_map(|paragraph| adoption_date_in_text(&paragraph.text))
        });
    if let Some(year) = first.year {
        document
            .extra
            .insert("communication_year".into(), year.to_string());
    }

    // Identifiers: the symbol and every communication number.
    document.symbol = Some(symbol.clone());
    document.add_identifier(un_key(&symbol));
    let mut numbers = communication_numbers_from_doc_id(doc_id);
    if let Some(name) = record.and_then(|record| record.name.as_deref()) {
        numbers.extend(communication_numbers_in_text(name));
    }
    if let Some(xml_record) = xml_record {
        numbers.extend(xml_record.communication_numbers.iter().cloned());
    }
    if let Some(body) = document.mechanism.citation_body() {
        for number in numbers {
            document.add_identifier(CitationKey::new(format!("comm:{body}:{number}")));
        }
    }

    if let Some(xml_record) = xml_record {
        for article in &xml_record.articles {
            push_unique(&mut document.articles, article);
        }
        for issue in &xml_record.issues {
            push_unique(&mut document.themes, issue);
        }
        if let Some(case_name) = xml_record.case_name() {
            document.case_name = Some(case_name);
        }
    }
    for label in record.map(|r| r.case_labels.as_slice()).unwrap_or_default() {
        push_unique(&mut document.themes, label);
    }
    for paragraph in &paragraphs {
        for label in &paragraph.labels {
            push_unique(&mut document.themes, label);
        }
    }

    document.url = record
        .and_then(|record| record.link.clone())
        .filter(|link| !link.is_empty());
    document.title = decision_title(&document, &symbol, record);
    document.source.record = Some(doc_id.to_string());
    document.source.format = "json".into();
    document.source.importer = IMPORTER.into();

    let ocr = paragraphs
        .iter()
        .any(|paragraph| paragraph.source_format.as_deref() == Some("pdf_ocr"));
    if ocr {
        document.notes.push(ExtractionNote::new(
            "ocr",
            "text recognized by OCR from a scanned PDF upstream; may contain recognition errors",
        ));
    }
    for paragraph in paragraphs {
        let text = clean_paragraph_text(&paragraph.text);
        if text.is_empty() {
            continue;
        }
        document.paragraphs.push(make_paragraph(
            paragraph.n.as_deref().and_then(printed_number),
            text,
        ));
    }
    document
}

fn decision_title(document: &Document, symbol: &str, record: Option<&InfoRecord>) -> String {
    if let Some(case_name) = &document.case_name {
        return format!("{case_name} ({symbol})");
    }
    let number = document
        .identifiers
        .iter()
        .find_map(|key| key.as_str().strip_prefix("comm:"))
        .and_then(|rest| rest.split_once(':'))
        .map(|(_, number)| number.to_string());
    let state = document.states.join(", ");
    match (number, state.is_empty()) {
        (Some(number), false) => format!("Communication No. {number} ({state}), {symbol}"),
        (Some(number), true) => format!("Communication No. {number}, {symbol}"),
        (None, _) => record
            .and_then(|record| record.name.clone())
            .filter(|name| !name.trim().is_empty() && name != "English Title")
            .map(|name| format!("{} ({symbol})", name.trim()))
            .unwrap_or_else(|| symbol.to_string()),
    }
}

/// `jurisprudence_info.json` (read by [`TreatyBodyDecisions`]) and the licence and
/// upstream readme of the treaty-body folder: skipped with a reason.
pub struct JurisprudenceInfo;

impl Importer for JurisprudenceInfo {
    fn name(&self) -> &'static str {
        IMPORTER
    }

    fn claims(&self, path: &Path, _head: &[u8]) -> bool {
        match file_name(path) {
            INFO_FILE => true,
            "LICENSE-DATA" | "UPSTREAM-README.md" => path.parent().is_some_and(|folder| {
                folder.join(INFO_FILE).is_file() || folder.join("decisions").is_dir()
            }),
            _ => false,
        }
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        let reason = match file_name(path) {
            INFO_FILE => "metadata for treaty-body decisions (read with the decision shards)",
            "LICENSE-DATA" => "licence of the treaty-body data set",
            _ => "readme of the upstream treaty-body data set",
        };
        Ok(FileOutcome::Skipped {
            reason: reason.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_iso() {
        assert_eq!(parse_date("26 Mar 2026").as_deref(), Some("2026-03-26"));
        assert_eq!(parse_date("8 May 2019").as_deref(), Some("2019-05-08"));
        assert_eq!(parse_date(" 21 Nov 1997").as_deref(), Some("1997-11-21"));
        assert_eq!(parse_date("4 Sept 2018").as_deref(), Some("2018-09-04"));
        assert_eq!(parse_date("May 2019").as_deref(), Some("2019-05"));
        assert_eq!(parse_date("2019").as_deref(), Some("2019"));
        assert_eq!(parse_date("2019-05-08").as_deref(), Some("2019-05-08"));
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("English Title"), None);
        assert_eq!(parse_date("45 May 2019"), None);
    }

    #[test]
    fn symbols_are_rebuilt_from_shard_ids() {
        assert_eq!(
            symbol_from_doc_id("ccpr-c-100-d-1334-2004"),
            "CCPR/C/100/D/1334/2004"
        );
        assert_eq!(
            symbol_from_doc_id("e-c-12-55-d-2-2014"),
            "E/C.12/55/D/2/2014"
        );
        assert_eq!(
            symbol_from_doc_id("cat-c-33-d-163-2000-rev-1"),
            "CAT/C/33/D/163/2000/Rev.1"
        );
        assert_eq!(slug("CCPR/C/100/D/1334/2004"), "ccpr-c-100-d-1334-2004");
        assert_eq!(
            un_key("CAT/C/33/D/163/2000/Rev.1").as_str(),
            "un:CAT/C/33/D/163/2000/REV.1"
        );
    }

    #[test]
    fn communication_numbers_come_from_ids_and_titles() {
        assert_eq!(
            communication_numbers_from_doc_id("ccpr-c-100-d-1334-2004"),
            vec!["1334/2004"]
        );
        assert_eq!(
            communication_numbers_from_doc_id("ccpr-c-126-d-2542-2015-2543-2015"),
            vec!["2542/2015", "2543/2015"]
        );
        assert_eq!(
            communication_numbers_from_doc_id("ccpr-c-129-d-3106-3122-2018"),
            vec!["3106/2018", "3122/2018"]
        );
        assert!(communication_numbers_from_doc_id("cat-c-54-3").is_empty());
        assert_eq!(
            communication_numbers_in_text("Communication Nº 103/2022: Inadmissible"),
            vec!["103/2022"]
        );
        assert_eq!(
            communication_numbers_in_text("COMMUNICATION NO. 2367/2014: DECISION/VIEWS"),
            vec!["2367/2014"]
        );
    }

    #[test]
    fn adoption_dates_are_read_from_headers() {
        assert_eq!(
            adoption_date_in_text("Date of adoption of Views: 20 June 2016").as_deref(),
            Some("2016-06-20")
        );
        assert_eq!(
            adoption_date_in_text("Subject matter: eviction; Date of decision: 14 November 2013")
                .as_deref(),
            Some("2013-11-14")
        );
        assert_eq!(adoption_date_in_text("adopted on 15 May 1998"), None);
    }

    #[test]
    fn outcomes_map_to_labels_and_types() {
        let symbol = "CCPR/C/75/D/1087/2002";
        assert_eq!(
            outcome_and_type(Some("inadmissible"), symbol),
            (Some("inadmissible".into()), DocType::Inadmissibility)
        );
        assert_eq!(
            outcome_and_type(Some("violation_found"), symbol),
            (Some("violation".into()), DocType::Views)
        );
        assert_eq!(
            outcome_and_type(Some("discontinued"), symbol),
            (Some("discontinued".into()), DocType::Discontinuance)
        );
        assert_eq!(
            outcome_and_type(Some("other"), "CAT/C/54/3"),
            (None, DocType::Report)
        );
    }

    #[test]
    fn paragraph_text_and_numbers_are_cleaned() {
        assert_eq!(
            clean_paragraph_text(" pursuant to rule 92,[[fn:3]] the Committee "),
            "pursuant to rule 92, the Committee"
        );
        assert_eq!(printed_number("2.1.").as_deref(), Some("2.1"));
        assert_eq!(printed_number("8. ").as_deref(), Some("8"));
        assert_eq!(printed_number(" "), None);
    }
}
