//! General comments and general recommendations of the treaty bodies
//! (`treaty-bodies/general-comments/Annotated_*.json`, 180 files, paragraph level with
//! "concerned groups" labels), with their metadata from `GC-info.json` in the same
//! folder (matched by the basename of its "File PATH").
//!
//! Committee and number come from the file name (`Annotated_CCPR_GC36_life.json` →
//! `gc:CCPR:36`; the "Simplified Name" of GC-info has copy errors such as "GC25" for
//! CESCR general comment 24). Joint comments get one key per committee
//! (`CRC GC22/CMW GC3` → `gc:CRC:22` + `gc:CMW:3`).
//!
//! A `un:` key is added only for symbols that identify this comment alone: not for
//! compilations (`HRI/GEN/1/Rev.9 (Vol. I) p. 179`) nor for the annual reports that
//! printed the early recommendations (`A/47/38`, `E/1991/23`), which many comments
//! share; those stay visible as the displayed symbol.

use super::treaty_bodies::{
    file_name, make_paragraph, parse_date, printed_number, push_unique, read_json,
};
use super::{ImportContext, Importer};
use crate::{FileOutcome, IngestError};
use hrlex_model::{CitationKey, DocType, Document, ExtractionNote, Lang, Mechanism};
use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

const IMPORTER: &str = "general_comments";
const INFO_FILE: &str = "GC-info.json";

#[derive(Debug, Clone, Deserialize)]
struct GcInfo {
    #[serde(rename = "File PATH", default)]
    file_path: String,
    #[serde(rename = "Name", default)]
    name: String,
    #[serde(rename = "Simplified Name", default)]
    simplified_name: String,
    #[serde(rename = "Signature", default)]
    signature: String,
    #[serde(rename = "Adoption Date", default)]
    adoption_date: String,
    #[serde(rename = "Committee", default)]
    committee: String,
    #[serde(rename = "Link", default)]
    link: String,
}

/// A paragraph of the annotated JSON shared by the general-comment and
/// special-procedure datasets: `{"ID": "1.", "Labels": [...], "Text": "..."}`.
#[derive(Debug, Deserialize)]
pub(super) struct AnnotatedParagraph {
    #[serde(rename = "ID", default)]
    id: serde_json::Value,
    #[serde(rename = "Labels", default)]
    labels: serde_json::Value,
    #[serde(rename = "Text", default)]
    text: String,
}

type InfoIndex = HashMap<String, GcInfo>;

fn load_info(path: &Path) -> Result<Arc<InfoIndex>, IngestError> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<InfoIndex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut guard = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(index) = guard.get(path) {
        return Ok(Arc::clone(index));
    }
    let records: Vec<GcInfo> = read_json(path)?;
    let index: InfoIndex = records
        .into_iter()
        .map(|record| {
            let basename = record
                .file_path
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or("")
                .to_string();
            (basename, record)
        })
        .collect();
    let index = Arc::new(index);
    guard.insert(path.to_path_buf(), Arc::clone(&index));
    Ok(index)
}

/// The committee code used in keys for the names the files use (`ESCR` → `CESCR`).
fn committee_code(name: &str) -> Option<&'static str> {
    let mechanism = match name.trim().to_uppercase().as_str() {
        "ESCR" | "CESCR" => Mechanism::Cescr,
        other => Mechanism::parse(other)?,
    };
    mechanism.citation_body()
}

/// `(committee, number)` pairs of a general comment, from its file name and, for joint
/// comments, its simplified name.
pub(super) fn comment_numbers(file: &str, simplified_name: &str) -> Vec<(&'static str, u32)> {
    static FILE: OnceLock<Regex> = OnceLock::new();
    static JOINT: OnceLock<Regex> = OnceLock::new();
    let file_pattern = FILE.get_or_init(|| {
        Regex::new(r"^Annotated_([A-Za-z]+)(?:[_-]([A-Z]{2,5}))?[_-]G[CR]_?(\d+)")
            .expect("valid regex")
    });
    let joint_pattern =
        JOINT.get_or_init(|| Regex::new(r"\b([A-Z]{2,5}) G[CR]:?\s?(\d+)").expect("valid regex"));
    let Some(captures) = file_pattern.captures(file) else {
        return Vec::new();
    };
    let Some(primary) = committee_code(&captures[1]) else {
        return Vec::new();
    };
    let Ok(number) = captures[3].parse::<u32>() else {
        return Vec::new();
    };
    let mut pairs = vec![(primary, number)];
    if captures.get(2).is_some() {
        for joint in joint_pattern.captures_iter(simplified_name) {
            if let (Some(body), Ok(number)) = (committee_code(&joint[1]), joint[2].parse()) {
                if !pairs.iter().any(|(known, _)| *known == body) {
                    pairs.push((body, number));
                }
            }
        }
    }
    pairs
}

/// The UN symbols written in a GC-info signature, cleaned:
/// `CCPR/C/21/Rev.1/Add. 1326 May 2004` → `CCPR/C/21/Rev.1/Add.13`,
/// `CEDAW/C/GC/31/CRC/C/GC/18` → both, `HRI/GEN/1/Rev.9 (Vol. I) p. 179` → the first part.
pub(super) fn symbols_in_signature(signature: &str) -> Vec<String> {
    static DATE: OnceLock<Regex> = OnceLock::new();
    static SPACED: OnceLock<Regex> = OnceLock::new();
    static SYMBOL: OnceLock<Regex> = OnceLock::new();
    let date = DATE.get_or_init(|| {
        Regex::new(r"\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}")
            .expect("valid regex")
    });
    let spaced =
        SPACED.get_or_init(|| Regex::new(r"(?i)\b(Add|Rev|Corr)\.\s+(\d)").expect("valid regex"));
    let symbol = SYMBOL.get_or_init(|| {
        Regex::new(r"\b(?:A|E|HRI|CCPR|CAT|CEDAW|CERD|CRC|CRPD|CED|CMW)(?:/[A-Za-z0-9.]+)+")
            .expect("valid regex")
    });
    let without_date = date.replace_all(signature, " ");
    let joined = spaced
        .replace_all(&without_date, "$1.$2")
        .replace("./", "/");
    let mut symbols = Vec::new();
    for found in symbol.find_iter(&joined) {
        let text = found.as_str().trim_end_matches('.');
        // Two symbols written without a separator: split where a committee prefix
        // starts again (`CEDAW/C/GC/31/CRC/C/GC/18`).
        let mut current: Vec<&str> = Vec::new();
        for part in text.split('/') {
            let is_prefix = matches!(
                part,
                "CCPR" | "CAT" | "CEDAW" | "CERD" | "CRC" | "CRPD" | "CED" | "CMW"
            );
            if is_prefix && !current.is_empty() {
                symbols.push(current.join("/"));
                current.clear();
            }
            current.push(part);
        }
        if !current.is_empty() {
            symbols.push(current.join("/"));
        }
    }
    symbols
}

/// True when a symbol names this comment alone (not a compilation or annual report).
fn identifies_comment_alone(symbol: &str) -> bool {
    static SESSION_REPORT: OnceLock<Regex> = OnceLock::new();
    let session_report = SESSION_REPORT
        .get_or_init(|| Regex::new(r"(?i)^(?:A|E)/\d+/\d+(?:/Rev\.\d+)?$").expect("valid regex"));
    !symbol.starts_with("HRI/") && !session_report.is_match(symbol)
}

/// Labels are a JSON array of strings, or (in some exports) a Python-style list in a
/// string: `"['Women/girls', 'Children']"`.
pub(super) fn labels_from_value(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(|item| item.as_str())
            .map(|label| label.trim().to_string())
            .filter(|label| !label.is_empty())
            .collect(),
        serde_json::Value::String(text) => text
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split(',')
            .map(|label| label.trim().trim_matches(['\'', '"']).trim().to_string())
            .filter(|label| !label.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

/// A printed paragraph number given as a JSON string (`"8. "`) or number (`8`).
pub(super) fn number_from_value(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(text) => printed_number(text),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn is_info_folder(path: &Path) -> bool {
    path.parent()
        .is_some_and(|folder| folder.join(INFO_FILE).is_file())
}

/// `Annotated_*.json` general comments, `GC-info.json` and the folder's licence.
pub struct GeneralComments;

impl Importer for GeneralComments {
    fn name(&self) -> &'static str {
        IMPORTER
    }

    fn claims(&self, path: &Path, head: &[u8]) -> bool {
        let name = file_name(path);
        if name == INFO_FILE {
            return true;
        }
        if name == "LICENSE.md" {
            return is_info_folder(path);
        }
        name.starts_with("Annotated_")
            && name.ends_with(".json")
            && head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        let name = file_name(path);
        if name == INFO_FILE {
            return Ok(FileOutcome::Skipped {
                reason: "metadata for general comments (read with each Annotated_*.json)".into(),
            });
        }
        if name == "LICENSE.md" {
            return Ok(FileOutcome::Skipped {
                reason: "licence of the general-comments data set".into(),
            });
        }
        let paragraphs: Vec<AnnotatedParagraph> = read_json(path)?;
        let info_path = path.parent().map(|folder| folder.join(INFO_FILE));
        let info = match info_path.filter(|info_path| info_path.is_file()) {
            Some(info_path) => Some(load_info(&info_path)?),
            None => None,
        };
        let record = info.as_deref().and_then(|index| index.get(name));
        let document = build_comment(path, name, record, paragraphs)?;
        Ok(FileOutcome::Documents(vec![document]))
    }
}

fn build_comment(
    path: &Path,
    name: &str,
    record: Option<&GcInfo>,
    paragraphs: Vec<AnnotatedParagraph>,
) -> Result<Document, IngestError> {
    let simplified = record.map(|r| r.simplified_name.as_str()).unwrap_or("");
    let numbers = comment_numbers(name, simplified);
    let Some(&(primary, _)) = numbers.first() else {
        return Err(IngestError::malformed(
            path,
            "general comment",
            "file name does not name a committee and number (Annotated_<BODY>_GC<n>…)",
        ));
    };
    let mut id = String::from("gc:");
    for (index, (body, number)) in numbers.iter().enumerate() {
        if index > 0 {
            id.push('-');
        }
        id.push_str(&format!("{}-{number}", body.to_lowercase()));
    }
    if name.to_uppercase().contains("-REV") || name.to_uppercase().contains("_REV") {
        id.push_str("-rev");
    }
    let mut document = Document::new(id, Lang::En);
    document.mechanism = Mechanism::parse(primary).unwrap_or(Mechanism::Other);
    document.doc_type = DocType::GeneralComment;
    for (body, number) in &numbers {
        document.add_identifier(CitationKey::new(format!("gc:{body}:{number}")));
    }
    match record {
        Some(record) => {
            let symbols = symbols_in_signature(&record.signature);
            document.symbol = symbols.first().cloned();
            for symbol in symbols.iter().filter(|s| identifies_comment_alone(s)) {
                document.add_identifier(super::treaty_bodies::un_key(symbol));
            }
            if !record.signature.trim().is_empty() {
                document
                    .extra
                    .insert("signature".into(), record.signature.trim().to_string());
            }
            document.title = record.name.replace('\u{a0}', " ").trim().to_string();
            document.date = parse_date(&record.adoption_date);
            document.url = Some(record.link.trim().to_string()).filter(|l| !l.is_empty());
            if record.committee.contains(',') {
                document
                    .extra
                    .insert("committees".into(), record.committee.clone());
            }
        }
        None => document.notes.push(ExtractionNote::new(
            "metadata-missing",
            "no GC-info.json record for this file: symbol and date unknown",
        )),
    }
    if document.title.is_empty() {
        document.title = numbers
            .iter()
            .map(|(body, number)| format!("{body} general comment No. {number}"))
            .collect::<Vec<_>>()
            .join(" / ");
    }
    document.source.format = "json".into();
    document.source.importer = IMPORTER.into();
    add_annotated_paragraphs(&mut document, paragraphs, path)?;
    Ok(document)
}

/// Adds the numbered paragraphs of an annotated dataset file to `document`, their labels
/// becoming themes; a file without any text is an error, not an empty document.
pub(super) fn add_annotated_paragraphs(
    document: &mut Document,
    paragraphs: Vec<AnnotatedParagraph>,
    path: &Path,
) -> Result<(), IngestError> {
    for paragraph in paragraphs {
        for label in labels_from_value(&paragraph.labels) {
            push_unique(&mut document.themes, &label);
        }
        let text = paragraph.text.trim();
        if text.is_empty() {
            continue;
        }
        document.paragraphs.push(make_paragraph(
            number_from_value(&paragraph.id),
            text.to_string(),
        ));
    }
    if document.paragraphs.is_empty() {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_come_from_the_file_name() {
        assert_eq!(
            comment_numbers("Annotated_CCPR_GC36_life.json", "GC36: article 6"),
            vec![("CCPR", 36)]
        );
        // The simplified name says GC25; the file (and the symbol) say 24.
        assert_eq!(
            comment_numbers(
                "Annotated_ESCR-GC24-Business.json",
                "GC25: State obligations"
            ),
            vec![("CESCR", 24)]
        );
        assert_eq!(
            comment_numbers("Annotated_CEDAW_GR19_violence.json", "GR19"),
            vec![("CEDAW", 19)]
        );
        assert_eq!(
            comment_numbers(
                "Annotated_CRC-CMW-GC22-MigPrinciples.json",
                "CRC GC22/CMW GC3: International migration"
            ),
            vec![("CRC", 22), ("CMW", 3)]
        );
        assert_eq!(
            comment_numbers(
                "Annotated_CRC_CEDAW-GC18-Harmful-REV.json",
                "CRC GC18/CEDAW GR31: Harmful practices [Revised]"
            ),
            vec![("CRC", 18), ("CEDAW", 31)]
        );
        assert!(comment_numbers("GC-info.json", "").is_empty());
    }

    #[test]
    fn signatures_are_cleaned_into_symbols() {
        assert_eq!(symbols_in_signature("CCPR/C/GC/36"), vec!["CCPR/C/GC/36"]);
        assert_eq!(
            symbols_in_signature("CCPR/C/21/Rev.1/Add. 1326 May 2004"),
            vec!["CCPR/C/21/Rev.1/Add.13"]
        );
        assert_eq!(
            symbols_in_signature("CCPR/C/21/Rev.1./Add.9"),
            vec!["CCPR/C/21/Rev.1/Add.9"]
        );
        assert_eq!(
            symbols_in_signature("CEDAW/C/GC/31/Rev.1–CRC/C/GC/18/Rev.1"),
            vec!["CEDAW/C/GC/31/Rev.1", "CRC/C/GC/18/Rev.1"]
        );
        assert_eq!(
            symbols_in_signature("CEDAW/C/GC/31/CRC/C/GC/18"),
            vec!["CEDAW/C/GC/31", "CRC/C/GC/18"]
        );
        assert_eq!(
            symbols_in_signature("HRI/GEN/1/Rev.9 (Vol. I) p. 179"),
            vec!["HRI/GEN/1/Rev.9"]
        );
        assert_eq!(symbols_in_signature("A/54/18, annex V"), vec!["A/54/18"]);
        assert!(!identifies_comment_alone("HRI/GEN/1/Rev.9"));
        assert!(!identifies_comment_alone("A/47/38"));
        assert!(!identifies_comment_alone("E/1991/23"));
        assert!(identifies_comment_alone("E/C.12/1999/10"));
        assert!(identifies_comment_alone("CCPR/C/GC/36"));
    }

    #[test]
    fn labels_and_numbers_accept_both_shapes() {
        let array = serde_json::json!(["Children", "Women/girls"]);
        let python = serde_json::json!("['Women/girls', 'Children']");
        assert_eq!(labels_from_value(&array), vec!["Children", "Women/girls"]);
        assert_eq!(labels_from_value(&python), vec!["Women/girls", "Children"]);
        assert!(labels_from_value(&serde_json::json!("[]")).is_empty());
        assert_eq!(
            number_from_value(&serde_json::json!("8. ")).as_deref(),
            Some("8")
        );
        assert_eq!(
            number_from_value(&serde_json::json!(12)).as_deref(),
            Some("12")
        );
        assert_eq!(number_from_value(&serde_json::Value::Null), None);
    }
}
