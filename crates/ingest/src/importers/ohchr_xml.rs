//! The OHCHR jurisprudence database export (`treaty-bodies/ohchr-2016-05-07-v02.xml`):
//! 2,043 records of treaty-body decisions with metadata only (symbol, committee, State,
//! dates, articles, issues, author), no text.
//!
//! Every record becomes a **metadata-only document** (title and metadata, no
//! paragraphs, marked with a `metadata-only` note so the index can show it as a
//! record). Records with the same symbol keep one document each (`ohchr:<symbol>`,
//! `ohchr:<symbol>:2`, …), so that every record is accounted for. The same records also
//! enrich the full-text decisions of [`super::treaty_bodies`] (adoption date, articles,
//! issues, case name) through [`index_near`].
//!
//! The file is streamed with quick-xml.

use super::treaty_bodies::{file_name, parse_date, push_unique, slug, un_key};
use super::{ImportContext, Importer};
use crate::{FileOutcome, IngestError};
use hrlex_model::{CitationKey, DocType, Document, ExtractionNote, Lang, Mechanism};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

const IMPORTER: &str = "ohchr_xml";

/// One `<item>` of the export.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct OhchrRecord {
    pub symbol: String,
    pub committee: String,
    pub type_of_decision: String,
    pub display_name: String,
    pub author: String,
    pub victim: String,
    pub countries: Vec<String>,
    pub submission_date: Option<String>,
    pub adoption_date: Option<String>,
    pub admission_date: Option<String>,
    pub session: String,
    /// `426/2010` (the export writes `426/2010,`).
    pub communication_numbers: Vec<String>,
    /// Normalized: `CCPR-14-1` → `CCPR art. 14(1)`.
    pub articles: Vec<String>,
    pub issues: Vec<String>,
    pub comment: String,
    pub urls: Vec<String>,
}

impl OhchrRecord {
    /// `R.D. v. Switzerland`, when the record names the author.
    pub fn case_name(&self) -> Option<String> {
        let name = if self.display_name.trim().is_empty() {
            self.author.trim()
        } else {
            self.display_name.trim()
        };
        if name.is_empty() {
            return None;
        }
        if self.countries.is_empty() {
            return Some(name.to_string());
        }
        Some(format!("{name} v. {}", self.countries.join(", ")))
    }
}

/// Records of one export, with a lookup by normalized symbol.
#[derive(Debug, Default)]
pub(super) struct OhchrIndex {
    pub records: Vec<OhchrRecord>,
    by_symbol: HashMap<String, usize>,
}

fn symbol_lookup_key(symbol: &str) -> String {
    un_key(symbol).as_str().to_string()
}

impl OhchrIndex {
    fn new(records: Vec<OhchrRecord>) -> Self {
        let mut by_symbol = HashMap::new();
        for (index, record) in records.iter().enumerate() {
            if !record.symbol.is_empty() {
                by_symbol
                    .entry(symbol_lookup_key(&record.symbol))
                    .or_insert(index);
            }
        }
        OhchrIndex { records, by_symbol }
    }

    /// The first record with this symbol.
    pub fn by_symbol(&self, symbol: &str) -> Option<&OhchrRecord> {
        self.by_symbol
            .get(&symbol_lookup_key(symbol))
            .map(|&index| &self.records[index])
    }
}

/// `CCPR-14-1` → `CCPR art. 14(1)`, `CCPR-OP-5-2-b` → `CCPR-OP art. 5(2)(b)`,
/// `CAT-3` → `CAT art. 3`, `CCPR-OP` → `CCPR-OP`.
pub(super) fn normalize_article(raw: &str) -> String {
    let tokens: Vec<&str> = raw.trim().split('-').filter(|t| !t.is_empty()).collect();
    let Some(number_at) = tokens
        .iter()
        .position(|token| token.chars().all(|c| c.is_ascii_digit()))
    else {
        return tokens.join("-");
    };
    let instrument = tokens[..number_at].join("-");
    let mut article = format!("{instrument} art. {}", tokens[number_at]);
    for part in &tokens[number_at + 1..] {
        article.push('(');
        article.push_str(&part.to_lowercase());
        article.push(')');
    }
    article
}

/// `013/1993` → `13/1993` (numbers without leading zeros, per `docs/citation-keys.md` § 2.2);
/// `R.11/45` is kept; `123/2003/Rev.1` → `123/2003`.
pub(super) fn normalize_communication_number(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let mut parts = raw.split('/');
    let number = parts.next()?.trim();
    let year = parts.next()?.trim();
    if number.is_empty() || year.is_empty() || !year.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let number = match number.strip_prefix("R.") {
        Some(rest) => format!("R.{}", rest.trim_start_matches('0')),
        None => number.trim_start_matches('0').to_string(),
    };
    (!number.is_empty() && number != "R.").then(|| format!("{number}/{year}"))
}

fn doc_type_of(record: &OhchrRecord) -> DocType {
    match record.type_of_decision.trim() {
        "Adoption of views" | "Opinion" => DocType::Views,
        "Inadmissibility decision" => DocType::Inadmissibility,
        "Admissibility decision" | "Revised decision on admissibility" => {
            DocType::AdmissibilityDecision
        }
        _ if record.symbol.split('/').any(|part| part == "D") => DocType::Views,
        _ => DocType::Other,
    }
}

/// Streams the export into records.
pub(super) fn parse_records(path: &Path) -> Result<Vec<OhchrRecord>, IngestError> {
    // Found by name beside the shards: only a regular file is opened (not a FIFO).
    let file = crate::file_kind::open_regular(path)?;
    let mut reader = Reader::from_reader(std::io::BufReader::new(file));
    let mut buffer = Vec::new();
    let mut records = Vec::new();
    let mut current: Option<OhchrRecord> = None;
    // The element path below `<item>`: `["Countries", "value"]`, `["Articles", "value"]`…
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    loop {
        let event = reader.read_event_into(&mut buffer).map_err(|error| {
            IngestError::malformed(
                path,
                "XML",
                format!("at byte {}: {error}", reader.buffer_position()),
            )
        })?;
        match event {
            Event::Start(start) => {
                let name = start.name().as_ref().to_string();
                if name == "item" && current.is_none() {
                    current = Some(OhchrRecord::default());
                    stack.clear();
                } else if current.is_some() {
                    stack.push(name);
                }
                text.clear();
            }
            Event::Text(content) => text.push_str(&content.xml10_content()),
            Event::CData(content) => text.push_str(&content.xml10_content()),
            Event::GeneralRef(reference) => {
                if let Ok(Some(c)) = reference.resolve_char_ref() {
                    text.push(c);
                } else if let Some(resolved) = quick_xml::escape::resolve_xml_entity(&reference) {
                    text.push_str(resolved);
                }
            }
            Event::End(end) => {
                let name = end.name().as_ref().to_string();
                if name == "item" && stack.is_empty() {
                    if let Some(record) = current.take() {
                        records.push(record);
                    }
                } else if let Some(record) = current.as_mut() {
                    assign(record, &stack, text.trim());
                    stack.pop();
                }
                text.clear();
            }
            Event::Empty(_) => text.clear(),
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    if current.is_some() {
        return Err(IngestError::malformed(path, "XML", "unterminated <item>"));
    }
    Ok(records)
}

/// Stores the text of the element at `stack` in the record.
fn assign(record: &mut OhchrRecord, stack: &[String], text: &str) {
    let path: Vec<&str> = stack.iter().map(String::as_str).collect();
    let owned = || text.to_string();
    match path.as_slice() {
        ["Id_string"] => record.symbol = owned(),
        ["Committee"] => record.committee = owned(),
        ["Type_of_decision"] => record.type_of_decision = owned(),
        ["Display_name"] => record.display_name = owned(),
        ["Author"] => record.author = owned(),
        ["Victim"] => record.victim = owned(),
        ["Session_No"] => record.session = owned(),
        ["Comment"] => record.comment = owned(),
        ["Submission_date"] => record.submission_date = parse_date(text),
        ["Date_of_adoption_of_the_Views"] => record.adoption_date = parse_date(text),
        ["Admission_date"] => record.admission_date = parse_date(text),
        ["Communication_numbers"] => {
            for number in text.split(',') {
                if let Some(number) = normalize_communication_number(number) {
                    record.communication_numbers.push(number);
                }
            }
        }
        ["Countries", "value"] => push_unique(&mut record.countries, text),
        ["Articles", "value"] => push_unique(&mut record.articles, &normalize_article(text)),
        ["Issues", "value"] => push_unique(&mut record.issues, text),
        ["file_urls", "value"] => push_unique(&mut record.urls, text),
        _ => {}
    }
}

/// Loads (once per path) the export found beside a `decisions/` folder: the
/// `ohchr-*.xml` file in the shard's grandparent folder. `None` when there is none.
pub(super) fn index_near(shard: &Path) -> Result<Option<Arc<OhchrIndex>>, IngestError> {
    let Some(folder) = shard.parent().and_then(Path::parent) else {
        return Ok(None);
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(None);
    };
    let mut candidates: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            let name = file_name(path);
            name.starts_with("ohchr") && name.ends_with(".xml")
        })
        .collect();
    candidates.sort();
    match candidates.pop() {
        Some(path) => load_index(&path).map(Some),
        None => Ok(None),
    }
}

fn load_index(path: &Path) -> Result<Arc<OhchrIndex>, IngestError> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<OhchrIndex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut guard = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(index) = guard.get(path) {
        return Ok(Arc::clone(index));
    }
    let index = Arc::new(OhchrIndex::new(parse_records(path)?));
    guard.insert(path.to_path_buf(), Arc::clone(&index));
    Ok(index)
}

fn record_document(record: &OhchrRecord, id: String, position: usize) -> Document {
    let mut document = Document::new(id, Lang::En);
    document.mechanism = Mechanism::parse(&record.committee)
        .or_else(|| crate::metadata::mechanism_of_symbol(&record.symbol))
        .unwrap_or(Mechanism::Other);
    document.doc_type = doc_type_of(record);
    if document.doc_type == DocType::Inadmissibility {
        document.outcome = Some("inadmissible".into());
    }
    if !record.symbol.is_empty() {
        document.symbol = Some(record.symbol.clone());
        document.add_identifier(un_key(&record.symbol));
        document.extra.insert(
            "decision_work_id".into(),
            format!("tb:{}", slug(&record.symbol)),
        );
    }
    if let Some(body) = document.mechanism.citation_body() {
        for number in &record.communication_numbers {
            document.add_identifier(CitationKey::new(format!("comm:{body}:{number}")));
        }
    }
    document.states = record.countries.clone();
    document.date = record.adoption_date.clone();
    document.articles = record.articles.clone();
    document.themes = record.issues.clone();
    document.case_name = record.case_name();
    document.url = record.urls.first().cloned();
    let symbol = if record.symbol.is_empty() {
        "no symbol"
    } else {
        record.symbol.as_str()
    };
    document.title = match &document.case_name {
        Some(case_name) => format!("{case_name} ({symbol})"),
        None => format!("{} record ({symbol})", record.committee),
    };
    let mut extra = |key: &str, value: &str| {
        if !value.trim().is_empty() {
            document.extra.insert(key.into(), value.trim().to_string());
        }
    };
    extra("author", &record.author);
    extra("victim", &record.victim);
    extra("session", &record.session);
    extra("type_of_decision", &record.type_of_decision);
    extra("comment", &record.comment);
    extra(
        "submission_date",
        record.submission_date.as_deref().unwrap_or(""),
    );
    extra(
        "admission_date",
        record.admission_date.as_deref().unwrap_or(""),
    );
    document.source.record = Some(format!("item {position}"));
    document.source.format = "xml".into();
    document.source.importer = IMPORTER.into();
    document.notes.push(ExtractionNote::new(
        "metadata-only",
        "record of the OHCHR jurisprudence database (2016 export): metadata without the decision's text",
    ));
    document
}

/// Turns every record into a metadata-only document with a unique id.
pub(super) fn documents_from_records(records: &[OhchrRecord]) -> Vec<Document> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut documents = Vec::with_capacity(records.len());
    for (index, record) in records.iter().enumerate() {
        let position = index + 1;
        let base = if record.symbol.trim().is_empty() {
            format!("ohchr:item-{position}")
        } else {
            format!("ohchr:{}", slug(&record.symbol))
        };
        let mut id = base.clone();
        let mut copy = 1;
        while !seen.insert(id.clone()) {
            copy += 1;
            id = format!("{base}:{copy}");
        }
        documents.push(record_document(record, id, position));
    }
    documents
}

/// `ohchr-*.xml`: the OHCHR jurisprudence export, one metadata-only document per record.
pub struct OhchrXml;

impl Importer for OhchrXml {
    fn name(&self) -> &'static str {
        IMPORTER
    }

    fn claims(&self, path: &Path, head: &[u8]) -> bool {
        let name = file_name(path);
        name.starts_with("ohchr")
            && name.ends_with(".xml")
            && head.windows(6).any(|window| window == b"<items")
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        let index = load_index(path)?;
        if index.records.is_empty() {
            return Err(IngestError::Empty {
                path: path.to_path_buf(),
            });
        }
        Ok(FileOutcome::Documents(documents_from_records(
            &index.records,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn communication_numbers_lose_leading_zeros() {
        assert_eq!(
            normalize_communication_number("013/1993").as_deref(),
            Some("13/1993")
        );
        assert_eq!(
            normalize_communication_number(" 426/2010").as_deref(),
            Some("426/2010")
        );
        assert_eq!(
            normalize_communication_number("123/2003/Rev.1").as_deref(),
            Some("123/2003")
        );
        assert_eq!(
            normalize_communication_number("R.11/45").as_deref(),
            Some("R.11/45")
        );
        assert_eq!(normalize_communication_number(""), None);
    }

    #[test]
    fn articles_are_normalized() {
        assert_eq!(normalize_article("CCPR-14-1"), "CCPR art. 14(1)");
        assert_eq!(normalize_article("CCPR-OP-5-2-b"), "CCPR-OP art. 5(2)(b)");
        assert_eq!(normalize_article("CAT-3"), "CAT art. 3");
        assert_eq!(normalize_article("CCPR-OP"), "CCPR-OP");
        assert_eq!(normalize_article("CERD-5-e-i"), "CERD art. 5(e)(i)");
    }

    #[test]
    fn records_are_streamed_with_entities_and_duplicates() {
        let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<items><item><Type_of_decision>Adoption of views</Type_of_decision><Articles><value>CAT-3</value></Articles><Date_of_adoption_of_the_Views>11 Nov 2013</Date_of_adoption_of_the_Views><Display_name>Sivagnanaratnam</Display_name><Committee>CAT</Committee><Countries><value>Denmark</value></Countries><Communication_numbers>429/2010,</Communication_numbers><Id_string>CAT/C/51/D/429/2010</Id_string><Issues><value>non-refoulement</value><value>torture &amp; ill-treatment</value></Issues></item><item><Type_of_decision>Inadmissibility decision</Type_of_decision><Committee>CAT</Committee><Countries><value>Denmark</value></Countries><Communication_numbers>429/2010,</Communication_numbers><Id_string>CAT/C/51/D/429/2010 </Id_string><Articles></Articles><Issues></Issues></item></items>"#;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ohchr-test.xml");
        std::fs::write(&path, xml).unwrap();
        let records = parse_records(&path).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(
            records[0].issues,
            vec!["non-refoulement", "torture & ill-treatment"]
        );
        assert_eq!(records[0].adoption_date.as_deref(), Some("2013-11-11"));
        assert_eq!(
            records[0].case_name().as_deref(),
            Some("Sivagnanaratnam v. Denmark")
        );
        let documents = documents_from_records(&records);
        assert_eq!(documents[0].id, "ohchr:cat-c-51-d-429-2010");
        assert_eq!(documents[1].id, "ohchr:cat-c-51-d-429-2010:2");
        assert_eq!(documents[1].doc_type, DocType::Inadmissibility);
        assert!(documents[0]
            .identifiers
            .contains(&CitationKey::new("comm:CAT:429/2010")));
        assert_eq!(documents[0].articles, vec!["CAT art. 3"]);
    }
}
