//! The ECtHR case-name gazetteer: official citation strings (`Hirst v. the United
//! Kingdom (no. 2) [GC], no. 74025/01, § ..., ECHR 2005-IX`) read from the citation
//! authority CSV, indexed by a normalized case name so that a case named without its
//! application number (`M.S.S. v. Belgium and Greece`, SPEC §0 rule 5) resolves to
//! `ecthr:app:<n>/<yy>`.
//!
//! Only parsing happens here: the caller opens the file and hands over a reader.

use crate::case_names::{applicant_key, fold_words, raw_words, respondent_key, separator_position};
use hrlex_model::CitationKey;
use std::collections::{HashMap, HashSet};
use std::io::Read;

/// Why a gazetteer could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer CSV, record {record}: {message}")]
    Csv { record: u64, message: String },
    #[error("gazetteer CSV has no `{column}` column in its header")]
    MissingColumn { column: &'static str },
    #[error("gazetteer CSV has no usable entry")]
    Empty,
}

/// One official citation of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerEntry {
    /// The case name as officially cited, stage markers removed, `(no. 2)` kept:
    /// `Hirst v. the United Kingdom (no. 2)`.
    pub name: String,
    /// What a mention of this case resolves to: the (first) application number, or the
    /// Series A number of old judgments without one.
    pub key: CitationKey,
    /// Every application number of the entry (joined applications).
    pub applications: Vec<CitationKey>,
    /// Year of the judgment or decision, when the row gives one.
    pub year: Option<u16>,
    pub grand_chamber: bool,
}

/// The case names of the gazetteer, indexed for [`crate::find_case_names`].
pub struct Gazetteer {
    entries: Vec<GazetteerEntry>,
    /// Normalized `applicant v respondent[ no N]` → entries.
    by_name: HashMap<String, Vec<usize>>,
    /// Normalized respondents (`united kingdom`, `belgium and greece`).
    respondents: HashSet<String>,
    /// Rows read but not usable (no application number nor Series A number, or no `v.`).
    skipped: usize,
    pub(crate) max_applicant_words: usize,
    pub(crate) max_respondent_words: usize,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Gazetteer")
            .field("entries", &self.entries.len())
            .field("names", &self.by_name.len())
            .field("skipped", &self.skipped)
            .finish()
    }
}

impl Gazetteer {
    /// Reads the citation authority CSV (`citation`, `appnos`, `date`, `grand_chamber`
    /// columns; the header names them). Rows whose citation names no application nor
    /// Series A number are counted in [`Gazetteer::skipped`], not an error.
    pub fn from_csv<R: Read>(reader: R) -> Result<Gazetteer, GazetteerError> {
        let mut csv_reader = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let headers = csv_reader
            .headers()
            .map_err(|error| GazetteerError::Csv {
                record: 0,
                message: error.to_string(),
            })?
            .clone();
        let column = |name: &'static str| {
            headers
                .iter()
                .position(|header| header.trim() == name)
                .ok_or(GazetteerError::MissingColumn { column: name })
        };
        let citation_column = column("citation")?;
        let applications_column = column("appnos")?;
        let date_column = headers.iter().position(|header| header.trim() == "date");
        let grand_chamber_column = headers
            .iter()
            .position(|header| header.trim() == "grand_chamber");
        let mut builder = GazetteerBuilder::default();
        for (position, record) in csv_reader.records().enumerate() {
            let record = record.map_err(|error| GazetteerError::Csv {
                record: position as u64 + 1,
                message: error.to_string(),
            })?;
            let field = |index: Option<usize>| index.and_then(|index| record.get(index));
            let citation = field(Some(citation_column)).unwrap_or_default();
            let applications = field(Some(applications_column)).unwrap_or_default();
            let date = field(date_column).unwrap_or_default();
            let grand_chamber = field(grand_chamber_column)
                .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"));
            builder.add(citation, applications, date, grand_chamber);
        }
        builder.build()
    }

    /// Builds a gazetteer from official citation strings alone (application numbers
    /// read from the citation: `…, no. 74025/01, …`). For tests and small lists.
    pub fn from_citations<'a>(
        citations: impl IntoIterator<Item = &'a str>,
    ) -> Result<Gazetteer, GazetteerError> {
        let mut builder = GazetteerBuilder::default();
        for citation in citations {
            builder.add(citation, "", "", citation.contains("[GC]"));
        }
        builder.build()
    }

    /// Entries read.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Rows that gave no entry.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// Distinct normalized case names.
    pub fn names(&self) -> usize {
        self.by_name.len()
    }

    pub fn entries(&self) -> &[GazetteerEntry] {
        &self.entries
    }

    /// The entries whose case name matches `name` (`Case of Evans v. United Kingdom`,
    /// `EVANS c. ROYAUME-UNI` does not: the gazetteer is English).
    pub fn lookup(&self, name: &str) -> Vec<&GazetteerEntry> {
        match normalized_case_name(name) {
            Some(key) => self.entries_of_key(&key),
            None => Vec::new(),
        }
    }

    pub(crate) fn entries_of_key(&self, key: &str) -> Vec<&GazetteerEntry> {
        self.by_name
            .get(key)
            .map(|positions| {
                positions
                    .iter()
                    .map(|&position| &self.entries[position])
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(crate) fn is_respondent(&self, key: &str) -> bool {
        self.respondents.contains(key)
    }
}

/// `Hirst v. the United Kingdom (no. 2)` → `hirst v united kingdom no 2`; `None` when the
/// text has no `v.` separator. Tolerates `Case of`, `[GC]`, `(dec.)`, `v.`/`vs.`/`c.`,
/// case, diacritics, `the`, `et al.` (= `and Others`), dotted or run-together initials.
pub fn normalized_case_name(name: &str) -> Option<String> {
    let (name, suffix) = strip_markers(name);
    let words = fold_words(&name);
    let separator = separator_position(&words)?;
    let applicant = applicant_key(&raw_words(&name)[..separator]);
    let respondent = respondent_key(&words[separator + 1..]);
    if applicant.is_empty() || respondent.is_empty() {
        return None;
    }
    Some(join_key(&applicant, &respondent, suffix))
}

pub(crate) fn join_key(applicant: &str, respondent: &str, suffix: Option<u32>) -> String {
    match suffix {
        Some(number) => format!("{applicant} v {respondent} no {number}"),
        None => format!("{applicant} v {respondent}"),
    }
}

/// Removes `[GC]`, `(dec.)`, `(extracts)`, `(just satisfaction)`… and returns the
/// `(no. N)` number separately.
pub(crate) fn strip_markers(name: &str) -> (String, Option<u32>) {
    strip_markers_keeping(name, false)
}

/// As [`strip_markers`]; with `keep_number` the `(no. N)` stays in the text.
fn strip_markers_keeping(name: &str, keep_number: bool) -> (String, Option<u32>) {
    let mut kept = String::with_capacity(name.len());
    let mut suffix = None;
    let mut rest = name;
    while let Some(open) = rest.find(['(', '[']) {
        kept.push_str(&rest[..open]);
        let close_char = if rest[open..].starts_with('(') {
            ')'
        } else {
            ']'
        };
        let Some(close) = rest[open..].find(close_char) else {
            rest = &rest[open + 1..];
            continue;
        };
        let inside = &rest[open + 1..open + close];
        if let Some(number) = numbered_suffix(inside) {
            suffix = Some(number);
            if keep_number {
                kept.push_str(&rest[open..open + close + 1]);
            }
        }
        rest = &rest[open + close + 1..];
    }
    kept.push_str(rest);
    (kept, suffix)
}

/// `no. 2`, `No 2`, `n° 2` → 2.
pub(crate) fn numbered_suffix(inside: &str) -> Option<u32> {
    let inside = inside.trim();
    let lowered = inside.to_lowercase();
    let digits = ["no.", "no", "n°", "nº", "n o"]
        .iter()
        .find_map(|label| lowered.strip_prefix(label))?
        .trim();
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[derive(Default)]
struct GazetteerBuilder {
    entries: Vec<GazetteerEntry>,
    by_name: HashMap<String, Vec<usize>>,
    respondents: HashSet<String>,
    skipped: usize,
    max_applicant_words: usize,
    max_respondent_words: usize,
}

impl GazetteerBuilder {
    fn add(&mut self, citation: &str, applications: &str, date: &str, grand_chamber: bool) {
        let Some(entry) = parse_entry(citation, applications, date, grand_chamber) else {
            self.skipped += 1;
            return;
        };
        let (name, suffix) = strip_markers(&entry.name);
        let words = fold_words(&name);
        let Some(separator) = separator_position(&words) else {
            self.skipped += 1;
            return;
        };
        let applicant = applicant_key(&raw_words(&name)[..separator]);
        let respondent = respondent_key(&words[separator + 1..]);
        if applicant.is_empty() || respondent.is_empty() {
            self.skipped += 1;
            return;
        }
        // Bounds for the text scan: how many words an applicant or respondent may take
        // as written (before `the` is dropped and initials are joined).
        self.max_applicant_words = self.max_applicant_words.max(separator + 2);
        self.max_respondent_words = self.max_respondent_words.max(words.len() - separator - 1);
        let key = join_key(&applicant, &respondent, suffix);
        let position = self.entries.len();
        self.entries.push(entry);
        self.by_name.entry(key).or_default().push(position);
        if suffix.is_some() {
            // `Hirst v. the United Kingdom (no. 2)` is also found under its bare name,
            // where it competes with the other cases of that name.
            self.by_name
                .entry(join_key(&applicant, &respondent, None))
                .or_default()
                .push(position);
        }
        self.respondents.insert(respondent);
    }

    fn build(self) -> Result<Gazetteer, GazetteerError> {
        if self.entries.is_empty() {
            return Err(GazetteerError::Empty);
        }
        Ok(Gazetteer {
            entries: self.entries,
            by_name: self.by_name,
            respondents: self.respondents,
            skipped: self.skipped,
            max_applicant_words: self.max_applicant_words.min(16),
            max_respondent_words: self.max_respondent_words.min(8),
        })
    }
}

/// One row → entry. The name is the citation up to its first `, no.`, `, nos.` or
/// `, <day> <Month>`; the key is the first application number (`appnos`, else read from
/// the citation), or the Series A number.
fn parse_entry(
    citation: &str,
    applications: &str,
    date: &str,
    grand_chamber: bool,
) -> Option<GazetteerEntry> {
    let citation = citation.trim();
    let name_end = name_end(citation);
    let (name, _) = strip_markers_keeping(&citation[..name_end], true);
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut application_keys: Vec<CitationKey> = applications
        .split([';', ',', ' '])
        .filter_map(application_key)
        .collect();
    if application_keys.is_empty() {
        application_keys = citation[name_end..]
            .split([' ', ',', ';'])
            .take(4)
            .filter_map(application_key)
            .collect();
    }
    let key = match application_keys.first() {
        Some(key) => key.clone(),
        None => series_a_key(&citation[name_end..])?,
    };
    let year = date
        .get(..4)
        .and_then(|year| year.parse().ok())
        .or_else(|| year_in(&citation[name_end..]));
    Some(GazetteerEntry {
        name,
        key,
        applications: application_keys,
        year,
        grand_chamber,
    })
}

fn name_end(citation: &str) -> usize {
    let bytes = citation.as_bytes();
    let mut search_from = 0;
    while let Some(found) = citation[search_from..].find(", ") {
        let comma = search_from + found;
        let after = &citation[comma + 2..];
        let lowered: String = after.chars().take(5).collect::<String>().to_lowercase();
        let starts_with_number_label = lowered.starts_with("no. ")
            || lowered.starts_with("nos. ")
            || lowered.starts_with("no ");
        let starts_with_day = after
            .bytes()
            .next()
            .is_some_and(|byte| byte.is_ascii_digit())
            && after
                .split_once(' ')
                .is_some_and(|(day, _)| day.len() <= 2 && day.bytes().all(|b| b.is_ascii_digit()));
        if starts_with_number_label || starts_with_day {
            return comma;
        }
        search_from = comma + 2;
        if search_from >= bytes.len() {
            break;
        }
    }
    citation.len()
}

/// `074025/01` → `ecthr:app:74025/01`.
fn application_key(token: &str) -> Option<CitationKey> {
    let token = token.trim().trim_end_matches(['.', ',', ')']);
    let (number, year) = token.split_once('/')?;
    if number.is_empty()
        || number.len() > 6
        || year.len() != 2
        || !number.bytes().all(|byte| byte.is_ascii_digit())
        || !year.bytes().all(|byte| byte.is_ascii_digit())
    {
        return None;
    }
    let number = number.trim_start_matches('0');
    if number.is_empty() {
        return None;
    }
    Some(CitationKey::new(format!("ecthr:app:{number}/{year}")))
}

/// `…, Series A no. 277-B` → `ecthr:seriesA:277-B`.
fn series_a_key(rest: &str) -> Option<CitationKey> {
    let position = rest.find("Series A no. ")?;
    let number: String = rest[position + "Series A no. ".len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(CitationKey::new(format!("ecthr:seriesA:{number}")))
}

fn year_in(text: &str) -> Option<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|digits| digits.len() == 4)
        .filter_map(|digits| digits.parse::<u16>().ok())
        .find(|year| (1950..=2100).contains(year))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real rows of `corpus/echr/citation_authority_eng.csv` (header and five rows).
    const ROWS: &str = "authority_schema_version,authority_updated_through,authority_coverage,authority_parser_version,authority_source_url,authority_source_sha256,entry_id,entry_source,citation,title,appnos,date,document_kind,procedural_phase,grand_chamber,reporter_family,reporter_key,target_ecli,target_itemid,target_unavailable,coverage_note
citation-authority/v1,2026-07-10,full,6,https://www.echr.coe.int/documents/d/echr/case_law_references_eng,d5ded3abd3de67cdc3c0dd43b37de0b80f8558e40621e75d63c03faa2f3b07ee,77a9891244e128e0f4c3edbc7031bc9f2bb01490abd7f5c3e6e100a967020af6,official_master,\"Evans v. the United Kingdom [GC], no. 6339/05, § ..., ECHR 2007-I\",Evans v. the United Kingdom,6339/05,,judgment,merits,True,echr,ECHR:2007:I:::,,,False,
citation-authority/v1,2026-07-10,full,6,https://www.echr.coe.int/documents/d/echr/case_law_references_eng,d5ded3abd3de67cdc3c0dd43b37de0b80f8558e40621e75d63c03faa2f3b07ee,b0a1e59e0749879f6f1834b7a73c9ce29c76031d6c4016b8ca9aead1e66916e8,official_master,\"Evans v. the United Kingdom, no. 6339/05, § ..., 7 March 2006\",Evans v. the United Kingdom,6339/05,2006-03-07,unknown,unknown,False,,,,,False,
citation-authority/v1,2026-07-10,full,6,https://www.echr.coe.int/documents/d/echr/case_law_references_eng,d5ded3abd3de67cdc3c0dd43b37de0b80f8558e40621e75d63c03faa2f3b07ee,x1,official_master,\"Hirst v. the United Kingdom (no. 2) [GC], no. 74025/01, § ..., ECHR 2005-IX\",Hirst v. the United Kingdom,74025/01,,judgment,merits,True,echr,,,,False,
citation-authority/v1,2026-07-10,full,6,https://www.echr.coe.int/documents/d/echr/case_law_references_eng,d5ded3abd3de67cdc3c0dd43b37de0b80f8558e40621e75d63c03faa2f3b07ee,x2,official_master,\"Hirst v. the United Kingdom, no. 40787/98, § ..., 24 July 2001\",Hirst v. the United Kingdom,40787/98,2001-07-24,unknown,unknown,False,,,,,False,
citation-authority/v1,2026-07-10,full,6,https://www.echr.coe.int/documents/d/echr/case_law_references_eng,d5ded3abd3de67cdc3c0dd43b37de0b80f8558e40621e75d63c03faa2f3b07ee,x3,official_master,\"A. v. France, 23 November 1993, § ..., Series A no. 277-B\",A. v. France,,,unknown,unknown,False,,,,,False,
";

    fn gazetteer() -> Gazetteer {
        Gazetteer::from_csv(ROWS.as_bytes()).expect("rows parse")
    }

    fn keys(entries: Vec<&GazetteerEntry>) -> Vec<&str> {
        let mut keys: Vec<&str> = entries.iter().map(|entry| entry.key.as_str()).collect();
        keys.sort();
        keys.dedup();
        keys
    }

    #[test]
    fn rows_become_entries_keyed_by_application_or_series_a() {
        let gazetteer = gazetteer();
        assert_eq!(gazetteer.len(), 5);
        assert_eq!(gazetteer.skipped(), 0);
        let hirst = &gazetteer.entries()[2];
        assert_eq!(hirst.name, "Hirst v. the United Kingdom (no. 2)");
        assert_eq!(hirst.key.as_str(), "ecthr:app:74025/01");
        assert!(hirst.grand_chamber);
        assert_eq!(hirst.year, Some(2005));
        assert_eq!(gazetteer.entries()[4].key.as_str(), "ecthr:seriesA:277-B");
        assert_eq!(gazetteer.entries()[1].year, Some(2006));
    }

    #[test]
    fn names_match_whatever_the_spelling() {
        let gazetteer = gazetteer();
        for written in [
            "Evans v. the United Kingdom",
            "Case of Evans v. United Kingdom",
            "EVANS v. THE UNITED KINGDOM [GC]",
            "Evans vs. United Kingdom",
            "Evans c. the United Kingdom",
        ] {
            assert_eq!(
                keys(gazetteer.lookup(written)),
                ["ecthr:app:6339/05"],
                "{written}"
            );
        }
        assert_eq!(
            keys(gazetteer.lookup("Hirst v. United Kingdom (No. 2)")),
            ["ecthr:app:74025/01"]
        );
        // Without its number, Hirst names two cases.
        assert_eq!(
            keys(gazetteer.lookup("Hirst v. the United Kingdom")),
            ["ecthr:app:40787/98", "ecthr:app:74025/01"]
        );
        assert_eq!(
            keys(gazetteer.lookup("A v France")),
            ["ecthr:seriesA:277-B"]
        );
        assert!(gazetteer.lookup("Evans v. Ireland").is_empty());
        assert!(gazetteer.lookup("no separator here").is_empty());
    }

    #[test]
    fn a_file_without_the_columns_is_an_error() {
        let error = Gazetteer::from_csv("citation,title\nx,y\n".as_bytes()).unwrap_err();
        assert!(matches!(
            error,
            GazetteerError::MissingColumn { column: "appnos" }
        ));
        let error = Gazetteer::from_csv("citation,appnos\n".as_bytes()).unwrap_err();
        assert!(matches!(error, GazetteerError::Empty));
    }

    #[test]
    fn normalized_names() {
        assert_eq!(
            normalized_case_name("M.S.S. v. Belgium and Greece [GC]").as_deref(),
            Some("mss v belgium and greece")
        );
        assert_eq!(
            normalized_case_name("Case of S.H. et al. v. Austria").as_deref(),
            Some("sh and others v austria")
        );
        assert_eq!(
            normalized_case_name("Sabri Günes v. Turkey").as_deref(),
            normalized_case_name("Sabri Güneş v. Turkey").as_deref()
        );
        assert_eq!(
            normalized_case_name("İsmail Güneş v. Turkey").as_deref(),
            Some("ismail gunes v turkey")
        );
        // A Russian citation: the respondent (in the genitive after `против`) is the
        // canonical State; the applicant stays in Cyrillic.
        assert_eq!(
            normalized_case_name("Эванс против Соединенного Королевства").as_deref(),
            Some("эванс v united kingdom")
        );
        assert_eq!(
            normalized_case_name("Sabri Güneş c. Turquie").as_deref(),
            normalized_case_name("Sabri Güneş v. Turkey").as_deref()
        );
    }
}
