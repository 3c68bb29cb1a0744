//! HUDOC text files (`echr/hudoc-texts/<doctype>_<itemid>_<ENG|FRE>.txt`): item id,
//! language and document type come from the file name; application numbers, case name,
//! respondent State, date and numbered paragraphs from the text. English and French
//! versions of the same judgment or decision share a work id built from the document
//! type, the first application number and the date.
//!
//! The three ECtHR gazetteers beside the texts are skipped: the citation linker reads
//! them.

use super::upr_info::{clean_spaces, state_name};
use super::{ImportContext, Importer};
use crate::extract::ExtractedText;
use crate::{pipeline, FileOutcome, IngestError};
use hrlex_model::{CitationKey, DocType, Document, Lang, Mechanism};
use regex::Regex;
use std::path::Path;
use std::sync::OnceLock;

pub struct HudocText;

const GAZETTEERS: &[&str] = &[
    "citation_authority_eng.csv",
    "kpthesaurus_eng.json",
    "historical_citation_catalog.json",
];

/// What the file name says.
struct HudocName {
    kind: String,
    item_id: String,
    lang: Lang,
}

fn file_name_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"^(standard|commission_decision|communicated_case|info_note|press_release|[a-z_]+?)_(\d{3}-\d+(?:-\d+)*)_(ENG|FRE)\.txt$")
            .expect("valid regex")
    })
}

fn parse_name(path: &Path) -> Option<HudocName> {
    let name = path.file_name()?.to_str()?;
    let captures = file_name_pattern().captures(name)?;
    Some(HudocName {
        kind: captures[1].to_string(),
        item_id: captures[2].to_string(),
        lang: if &captures[3] == "FRE" {
            Lang::Fr
        } else {
            Lang::En
        },
    })
}

impl Importer for HudocText {
    fn name(&self) -> &'static str {
        "hudoc"
    }

    fn claims(&self, path: &Path, _head: &[u8]) -> bool {
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        GAZETTEERS.contains(&name) || parse_name(path).is_some()
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        if GAZETTEERS.contains(&name) {
            return Ok(FileOutcome::Skipped {
                reason: "ECtHR gazetteer (case names, keywords, citation forms) read by the citation linker".into(),
            });
        }
        let Some(hudoc) = parse_name(path) else {
            return Err(IngestError::UnsupportedFormat {
                path: path.to_path_buf(),
                detected: "not a HUDOC file name".into(),
            });
        };
        let bytes = std::fs::read(path).map_err(|error| IngestError::io(path, error))?;
        let text = String::from_utf8_lossy(super::upr_info::strip_bom(&bytes))
            .replace("\r\n", "\n")
            .replace('\r', "\n");
        let mut extracted = ExtractedText::single("text", "hudoc", text.clone());
        extracted.declared_lang = Some(hudoc.lang);
        let relative = super::upr_info::corpus_tail(path, 3);
        let mut document = pipeline::document_from_extracted(path, &relative, extracted)?;
        document.source.path = String::new();
        document.source.importer = "hudoc".into();
        describe(&mut document, &hudoc, &text);
        Ok(FileOutcome::Documents(vec![document]))
    }
}

fn describe(document: &mut Document, hudoc: &HudocName, text: &str) {
    let head: String = text.chars().take(4000).collect();
    document.id = format!("hudoc:{}", hudoc.item_id);
    document.lang = hudoc.lang;
    document.identifiers.clear();
    document.symbol = None;
    document.add_identifier(CitationKey::from_parts("hudoc", &hudoc.item_id));
    document
        .extra
        .insert("hudoc_itemid".into(), hudoc.item_id.clone());
    document
        .extra
        .insert("hudoc_doctype".into(), hudoc.kind.clone());

    let is_commission = hudoc.kind == "commission_decision" && is_commission_text(&head);
    document.mechanism = if is_commission {
        Mechanism::EcommHR
    } else {
        Mechanism::Ecthr
    };
    document.body = Some(
        if is_commission {
            "European Commission of Human Rights"
        } else {
            "European Court of Human Rights"
        }
        .to_string(),
    );
    document.doc_type = match hudoc.kind.as_str() {
        "standard" => DocType::Judgment,
        "commission_decision" => DocType::AdmissibilityDecision,
        "communicated_case" => DocType::CommunicatedCase,
        "info_note" => DocType::InformationNote,
        "press_release" => DocType::PressRelease,
        _ => DocType::Other,
    };
    if document.doc_type == DocType::AdmissibilityDecision {
        document.outcome = decision_outcome(text);
    }

    let applications = application_numbers(&head, text);
    let case_name = if hudoc.kind == "press_release" {
        None
    } else {
        case_name(&head, &hudoc.kind)
    };
    let is_about_other_documents = matches!(
        document.doc_type,
        DocType::InformationNote | DocType::PressRelease
    );
    if is_about_other_documents {
        if !applications.is_empty() {
            document
                .extra
                .insert("about_applications".into(), applications.join(", "));
        }
    } else {
        for application in &applications {
            document.add_identifier(CitationKey::new(format!("ecthr:app:{application}")));
        }
        document.symbol = applications.first().map(|first| {
            if document.lang == Lang::Fr {
                format!("requête no {first}")
            } else {
                format!("application no. {first}")
            }
        });
    }
    if let Some(name) = &case_name {
        if let Some(state) = respondent_state(name) {
            document.states = vec![state];
        }
        document.case_name = Some(name.clone());
        document.title = match document.doc_type {
            DocType::Judgment if document.lang == Lang::Fr => format!("Affaire {name}"),
            DocType::Judgment => format!("Case of {name}"),
            _ => name.clone(),
        };
    }
    document.date = document_date(&head, text);
    if let (Some(first), false) = (applications.first(), is_about_other_documents) {
        document.work_id = format!(
            "ecthr:{}:{}:{}",
            document.doc_type.code(),
            first,
            document.date.as_deref().unwrap_or("")
        );
    } else {
        document.work_id = document.id.clone();
    }
}

fn is_commission_text(head: &str) -> bool {
    let lowered = head.to_lowercase();
    let commission = lowered.contains("european commission of human rights")
        || lowered.contains("commission européenne des droits de l");
    let court_sitting = lowered.contains("the european court of human rights (")
        || lowered.contains("la cour européenne des droits de l’homme (")
        || lowered.contains("la cour européenne des droits de l'homme (");
    commission && !court_sitting
}

fn decision_outcome(text: &str) -> Option<String> {
    let lowered = text.to_lowercase();
    let tail: String = {
        let start = lowered.len().saturating_sub(6000);
        let start = (start..lowered.len())
            .find(|index| lowered.is_char_boundary(*index))
            .unwrap_or(0);
        lowered[start..].to_string()
    };
    let rules: &[(&str, &str)] = &[
        ("strike the application", "struck out"),
        ("strike the case", "struck out"),
        ("struck out of the list", "struck out"),
        ("rayer la requête", "struck out"),
        ("déclare la requête irrecevable", "inadmissible"),
        ("declares the application inadmissible", "inadmissible"),
        (
            "declares the remainder of the application inadmissible",
            "partly inadmissible",
        ),
        ("déclare la requête recevable", "admissible"),
        ("declares the application admissible", "admissible"),
        ("declares admissible", "admissible"),
        ("irrecevable", "inadmissible"),
        ("inadmissible", "inadmissible"),
    ];
    rules
        .iter()
        .find(|(needle, _)| tail.contains(needle))
        .map(|(_, outcome)| outcome.to_string())
}

fn number_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| Regex::new(r"\b(\d{1,6}/\d{2})\b").expect("valid regex"))
}

fn label_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?i)\b(?:applications?|requêtes?|requete)\s*\(?\s*(?:nos?\.?|n\s?o\b|n[°º]|numbers?)\s*\d")
            .expect("valid regex")
    })
}

/// The application numbers of the document: those listed after the first
/// `Application no.` / `Requête n o` label (a list may follow: `nos. 22257/04, 38559/04
/// and 44990/04`, `no. 2832/66; 2835/66`), or in an info-note heading (`X v. Y - 21575/08`).
fn application_numbers(head: &str, text: &str) -> Vec<String> {
    static HEADING: OnceLock<Regex> = OnceLock::new();
    let heading = HEADING.get_or_init(|| {
        Regex::new(r"(?m)^.{3,200}\s(?:v\.|c\.)\s.{2,120}\s-\s(\d{1,6}/\d{2})\s*$")
            .expect("valid regex")
    });
    let found = label_pattern()
        .find(head)
        .or_else(|| label_pattern().find(text));
    let mut numbers = Vec::new();
    if let Some(found) = found {
        let source = if head.len() > found.start() && label_pattern().find(head).is_some() {
            head
        } else {
            text
        };
        let rest = &source[found.start()..];
        // The list ends at the closing parenthesis, the end of the line or the sentence.
        let first_digit = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
        let end = rest
            .find([')', '\n'])
            .unwrap_or(rest.len())
            .min(
                rest[first_digit..]
                    .find(". ")
                    .map_or(rest.len(), |end| end + first_digit),
            )
            .min(300);
        let mut end = end;
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        for captures in number_pattern().captures_iter(&rest[..end]) {
            let number = captures[1].to_string();
            if !numbers.contains(&number) {
                numbers.push(number);
            }
        }
    }
    if numbers.is_empty() {
        if let Some(captures) = heading.captures(head) {
            numbers.push(captures[1].to_string());
        }
    }
    numbers
}

/// The case name as cited, title-cased: `Dudgeon v. the United Kingdom`,
/// `Airey c. Irlande`.
fn case_name(head: &str, kind: &str) -> Option<String> {
    static PATTERNS: OnceLock<Vec<Regex>> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        [
            // `CASE OF X v. Y` / `AFFAIRE X c. Y`, possibly over two lines.
            r"(?m)^\s*(?:CASES? OF|AFFAIRES?)\s+((?:.|\n){3,200}?\s(?:v\.|c\.|C\.)\s[^\n]{2,120})$",
            // `In the case of X v. Y*,` / `En l'affaire X c. Y*,`
            r"(?:In the case of|En l[’']affaire)\s+([^\n,*]{2,160}?\s(?:v\.|c\.)\s[^\n,*(]{2,100})",
            // Info notes: `X v. Y - 21575/08`.
            r"(?m)^([^\n]{2,160}?\s(?:v\.|c\.)\s[^\n]{2,100}?)\s-\s\d{1,6}/\d{2}\s*$",
            // Press releases: `X v. Y (application no. …)`.
            r"(?m)^([^\n]{2,160}?\s(?:v\.|c\.)\s[^\n(]{2,100}?)\s\((?:application|requête)",
        ]
        .iter()
        .map(|pattern| Regex::new(pattern).expect("valid regex"))
        .collect()
    });
    let usable = match kind {
        "info_note" => 3,
        "standard" => 2,
        _ => 0,
    };
    for pattern in patterns.iter().take(usable) {
        if let Some(captures) = pattern.captures(head) {
            let raw = clean_spaces(&captures[1]);
            let raw = raw.trim_end_matches(['*', ',', ' ']);
            return Some(title_case(raw));
        }
    }
    // Decisions and communicated cases: `by NAME against State` / `présentée par NAME
    // contre la France`.
    static PARTIES: OnceLock<Regex> = OnceLock::new();
    let parties = PARTIES.get_or_init(|| {
        Regex::new(r"(?m)^(?:by|présentée par)\s+([^\n]{2,200})\n(?:against|contre)\s+(?:la |le |l[’'])?([^\n]{2,80})$")
            .expect("valid regex")
    });
    if let Some(captures) = parties.captures(head) {
        let applicant = title_case(&clean_spaces(&captures[1]));
        let state = clean_spaces(&captures[2]);
        let french = captures[0].starts_with("présentée");
        return Some(format!(
            "{applicant} {} {state}",
            if french { "c." } else { "v." }
        ));
    }
    static HEADER_PARTIES: OnceLock<Regex> = OnceLock::new();
    let header_parties = HEADER_PARTIES.get_or_init(|| {
        Regex::new(r"(?m)^(?:Applications?|Requêtes?) n[^\n]*\n([^\n]{2,200})\n(?:against|contre)\s+(?:la |le |l[’'])?([^\n]{2,80})$")
            .expect("valid regex")
    });
    header_parties.captures(head).map(|captures| {
        let applicant = title_case(&clean_spaces(&captures[1]));
        let state = clean_spaces(&captures[2]);
        let french = captures[0].contains("contre");
        format!("{applicant} {} {state}", if french { "c." } else { "v." })
    })
}

/// `DUDGEON v. THE UNITED KINGDOM` → `Dudgeon v. the United Kingdom`; names already in
/// mixed case are kept.
fn title_case(raw: &str) -> String {
    let letters: Vec<char> = raw.chars().filter(|c| c.is_alphabetic()).collect();
    let uppercase = letters.iter().filter(|c| c.is_uppercase()).count();
    if letters.is_empty() || uppercase * 10 < letters.len() * 7 {
        return raw.to_string();
    }
    const SMALL: &[&str] = &[
        "v.", "c.", "the", "of", "and", "et", "la", "le", "les", "de", "du", "des", "others",
        "autres",
    ];
    raw.split(' ')
        .enumerate()
        .map(|(index, word)| {
            let lowered = word.to_lowercase();
            if index > 0 && SMALL.contains(&lowered.as_str()) {
                if lowered == "others" {
                    return "Others".to_string();
                }
                return lowered;
            }
            let mut result = String::new();
            let mut capitalize = true;
            for c in lowered.chars() {
                if capitalize && c.is_alphabetic() {
                    result.extend(c.to_uppercase());
                    capitalize = false;
                } else {
                    result.push(c);
                }
                if matches!(c, '-' | '(' | '.' | '"' | '“' | '\'' | '’') {
                    capitalize = true;
                }
            }
            result
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// French names of Council of Europe States as HUDOC writes them.
const FRENCH_STATES: &[(&str, &str)] = &[
    ("royaume-uni", "United Kingdom"),
    ("irlande", "Ireland"),
    ("belgique", "Belgium"),
    ("italie", "Italy"),
    ("autriche", "Austria"),
    ("suede", "Sweden"),
    ("suède", "Sweden"),
    ("norvege", "Norway"),
    ("norvège", "Norway"),
    ("grece", "Greece"),
    ("grèce", "Greece"),
    ("turquie", "Turkey"),
    ("espagne", "Spain"),
    ("allemagne", "Germany"),
    ("suisse", "Switzerland"),
    ("pays-bas", "Netherlands"),
    ("danemark", "Denmark"),
    ("finlande", "Finland"),
    ("pologne", "Poland"),
    ("hongrie", "Hungary"),
    ("roumanie", "Romania"),
    ("russie", "Russian Federation"),
    ("ukraine", "Ukraine"),
    ("estonie", "Estonia"),
    ("lituanie", "Lithuania"),
    ("lettonie", "Latvia"),
    ("chypre", "Cyprus"),
    ("malte", "Malta"),
    ("croatie", "Croatia"),
    ("slovénie", "Slovenia"),
    ("slovaquie", "Slovakia"),
    ("république tchèque", "Czech Republic"),
    ("bulgarie", "Bulgaria"),
    ("géorgie", "Georgia"),
    ("arménie", "Armenia"),
    ("azerbaïdjan", "Azerbaijan"),
    ("moldova", "Moldova"),
    ("république de moldova", "Moldova"),
    ("serbie", "Serbia"),
    ("monténégro", "Montenegro"),
    ("albanie", "Albania"),
    ("islande", "Iceland"),
    ("luxembourg", "Luxembourg"),
    ("france", "France"),
    ("portugal", "Portugal"),
    ("saint-marin", "San Marino"),
    ("monaco", "Monaco"),
    ("andorre", "Andorra"),
    ("liechtenstein", "Liechtenstein"),
    ("bosnie-herzégovine", "Bosnia & Herzegovina"),
    ("macédoine du nord", "Macedonia FYR"),
];

/// The respondent State of `X v. Y` / `X c. Y`, in English.
fn respondent_state(case_name: &str) -> Option<String> {
    let position = case_name
        .rfind(" v. ")
        .or_else(|| case_name.rfind(" c. "))
        .or_else(|| case_name.rfind(" C. "))?;
    let mut state = case_name[position + 4..].trim().to_string();
    // Drop `(Article 50)`, `(No. 2)`, `(Merits)`.
    if let Some(open) = state.find(" (") {
        state.truncate(open);
    }
    let state = state
        .trim_start_matches("the ")
        .trim_start_matches("The ")
        .trim_start_matches("la ")
        .trim_start_matches("le ")
        .trim_start_matches("l'")
        .trim_start_matches("l’")
        .trim();
    let lowered = state.to_lowercase();
    FRENCH_STATES
        .iter()
        .find(|(french, _)| *french == lowered)
        .map(|(_, english)| english.to_string())
        .or_else(|| state_name(state).map(str::to_string))
}

fn written_date() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?i)\b(\d{1,2})(?:er)?\s+(january|february|march|april|may|june|july|august|september|october|november|december|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\s+(\d{4})\b")
            .expect("valid regex")
    })
}

fn numeric_date() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?m)^(?:[A-Za-zéè ]+\s)?(\d{1,2})\.(\d{1,2})\.(\d{4})\b").expect("valid regex")
    })
}

fn iso_from_written(captures: &regex::Captures<'_>) -> Option<String> {
    let day: u32 = captures[1].parse().ok()?;
    let month = super::months::month_number(&captures[2])?;
    let year: u32 = captures[3].parse().ok()?;
    (1..=31)
        .contains(&day)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The date of the document: the date in the masthead (`22 October 1981`,
/// `Judgment 17.1.2017`, `5.7.2007`), or, in old judgments without a masthead, the date
/// they were delivered (`delivered in writing on 26 February 1992`).
fn document_date(head: &str, text: &str) -> Option<String> {
    let masthead: String = head.chars().take(1500).collect();
    let has_masthead = !masthead
        .trim_start_matches(['\u{feff}', '\n', ' '])
        .starts_with("In the case")
        && !masthead
            .trim_start_matches(['\u{feff}', '\n', ' '])
            .starts_with("En l");
    if has_masthead {
        let written = written_date().captures(&masthead);
        let numeric = numeric_date().captures(&masthead);
        match (written, numeric) {
            (Some(written), Some(numeric)) if numeric.get(0)?.start() < written.get(0)?.start() => {
                return iso_from_numeric(&numeric);
            }
            (Some(written), _) => return iso_from_written(&written),
            (None, Some(numeric)) => return iso_from_numeric(&numeric),
            (None, None) => {}
        }
    }
    static DELIVERED: OnceLock<Regex> = OnceLock::new();
    let delivered = DELIVERED.get_or_init(|| {
        Regex::new(r"(?is)(?:delivered (?:in writing )?(?:at a public hearing )?|communiqué par écrit |prononcé en audience publique )[^.]{0,120}?\b(\d{1,2}(?:er)?\s+\p{L}+\s+\d{4})")
            .expect("valid regex")
    });
    if let Some(captures) = delivered.captures(text) {
        if let Some(date) = written_date().captures(&captures[1]) {
            return iso_from_written(&date);
        }
    }
    written_date()
        .captures(head)
        .and_then(|c| iso_from_written(&c))
}

fn iso_from_numeric(captures: &regex::Captures<'_>) -> Option<String> {
    let day: u32 = captures[1].parse().ok()?;
    let month: u32 = captures[2].parse().ok()?;
    let year: u32 = captures[3].parse().ok()?;
    ((1..=31).contains(&day) && (1..=12).contains(&month))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_names_are_title_cased() {
        assert_eq!(
            title_case("DUDGEON v. THE UNITED KINGDOM"),
            "Dudgeon v. the United Kingdom"
        );
        assert_eq!(
            respondent_state("Airey c. Irlande (Article 50)").as_deref(),
            Some("Ireland")
        );
    }

    #[test]
    fn application_lists_are_read() {
        let head = "THIRD SECTION\nDECISION\nApplications nos. 22257/04, 38559/04 and 44990/04\nElisabeta BAKOS\nagainst Romania\n";
        assert_eq!(
            application_numbers(head, head),
            vec!["22257/04", "38559/04", "44990/04"]
        );
    }
}
