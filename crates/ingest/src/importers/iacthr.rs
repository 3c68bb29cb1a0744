//! Inter-American Court and Commission documents (`iacthr/pdfs/*.pdf`) and the Uwazi
//! entity records that describe them (`iacthr/metadata/entities.jsonl`).
//!
//! The entity file has no link from a record to a file, so each PDF is matched to an
//! entity by content: the date printed in the masthead, the Series C number, and how
//! many words of the entity's title (the case name) appear on the first pages. A matched
//! entity gives the work id (its `sharedId` groups the language versions), the Series C
//! number, the State in English and the document type; unmatched documents keep what
//! their own text says (court or commission, judgment/order/opinion/report, date,
//! `Serie C No.` of the masthead, case name and State).

use super::months::month_number;
use super::upr_info::{clean_spaces, corpus_tail, has_extension, parent_name, state_name};
use super::{ImportContext, Importer};
use crate::{pipeline, FileOutcome, IngestError};
use hrlex_model::{CitationKey, DocType, Document, Lang, Mechanism};
use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

pub struct IacthrPdfs;

impl Importer for IacthrPdfs {
    fn name(&self) -> &'static str {
        "iacthr"
    }

    fn claims(&self, path: &Path, _head: &[u8]) -> bool {
        has_extension(path, "pdf") && parent_name(path) == "pdfs" && in_iacthr_folder(path)
    }

    fn import(&self, path: &Path, context: &ImportContext<'_>) -> Result<FileOutcome, IngestError> {
        let head = pipeline::read_head(path)?;
        let relative = corpus_tail(path, 3);
        let mut document = pipeline::extract_generic(path, &relative, &head, context.options)?;
        document.source.path = String::new();
        document.source.importer = format!("iacthr+{}", document.source.importer);
        let stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or("document")
            .to_string();
        let entities = path
            .parent()
            .and_then(Path::parent)
            .map(|root| root.join("metadata").join("entities.jsonl"))
            .map(|file| load_entities(&file))
            .unwrap_or_default();
        describe(&mut document, &stem, &entities);
        pipeline::drop_masthead_lines(&mut document);
        Ok(FileOutcome::Documents(vec![document]))
    }
}

pub struct IacthrEntities;

impl Importer for IacthrEntities {
    fn name(&self) -> &'static str {
        "iacthr"
    }

    fn claims(&self, path: &Path, head: &[u8]) -> bool {
        path.file_name().and_then(|name| name.to_str()) == Some("entities.jsonl")
            && head.windows(10).any(|window| window == b"\"sharedId\"")
    }

    fn import(
        &self,
        _path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        Ok(FileOutcome::Skipped {
            reason: "metadata matched into iacthr PDFs (Uwazi entity records)".into(),
        })
    }
}

fn in_iacthr_folder(path: &Path) -> bool {
    path.parent()
        .and_then(Path::parent)
        .and_then(|folder| folder.file_name())
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.eq_ignore_ascii_case("iacthr"))
}

/// One Uwazi document record.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    shared_id: String,
    lang: Option<Lang>,
    template: String,
    title: String,
    date: Option<String>,
    series_c: Option<u32>,
    country: Option<String>,
    title_words: Vec<String>,
}

type EntityCache = Mutex<HashMap<PathBuf, Arc<Vec<Entity>>>>;

/// Entities per file, read once per process (the PDFs are imported in parallel).
fn load_entities(file: &Path) -> Arc<Vec<Entity>> {
    static CACHE: OnceLock<EntityCache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = match cache.lock() {
        Ok(cache) => cache,
        Err(poisoned) => poisoned.into_inner(),
    };
    cache
        .entry(file.to_path_buf())
        .or_insert_with(|| Arc::new(read_entities(file)))
        .clone()
}

fn read_entities(file: &Path) -> Vec<Entity> {
    // Found by name beside the PDFs: only a regular file is opened (not a FIFO).
    let mut text = String::new();
    let readable = crate::file_kind::open_regular(file)
        .is_ok_and(|mut opened| std::io::Read::read_to_string(&mut opened, &mut text).is_ok());
    if !readable {
        return Vec::new();
    }
    let records: Vec<Value> = text
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    let mut entities: Vec<Entity> = records
        .iter()
        .filter(|record| record.get("type").and_then(Value::as_str) == Some("document"))
        .map(|record| {
            let metadata = record.get("metadata").cloned().unwrap_or(Value::Null);
            let first = |key: &str| metadata.get(key).and_then(|values| values.get(0)).cloned();
            let title = record
                .get("title")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            Entity {
                shared_id: record
                    .get("sharedId")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                lang: record
                    .get("language")
                    .and_then(Value::as_str)
                    .and_then(Lang::parse),
                template: record
                    .get("template")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                date: first("fecha")
                    .and_then(|value| value.get("value").and_then(Value::as_i64))
                    .map(date_from_epoch),
                series_c: first("n_mero")
                    .and_then(|value| {
                        value
                            .get("value")
                            .and_then(Value::as_str)
                            .map(str::to_string)
                    })
                    .and_then(|number| {
                        number
                            .strip_prefix("C-")
                            .and_then(|n| n.trim().parse().ok())
                    }),
                country: first("pa_s").and_then(|value| {
                    value
                        .get("label")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                }),
                title_words: significant_words(title.split(". ").next().unwrap_or(&title)),
                title,
            }
        })
        .collect();
    // The English record's country label is the English State name: share it.
    let english_country: HashMap<String, String> = entities
        .iter()
        .filter(|entity| entity.lang == Some(Lang::En))
        .filter_map(|entity| Some((entity.shared_id.clone(), entity.country.clone()?)))
        .collect();
    for entity in &mut entities {
        if let Some(country) = english_country.get(&entity.shared_id) {
            entity.country = Some(country.clone());
        }
    }
    entities
}

/// Seconds since 1970 (UTC) → `YYYY-MM-DD`.
fn date_from_epoch(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Lowercase words without accents, without the words every title shares.
fn significant_words(text: &str) -> Vec<String> {
    const COMMON: &[&str] = &[
        "sentencia",
        "judgment",
        "sentenca",
        "resolucion",
        "resolution",
        "resolucao",
        "order",
        "corte",
        "court",
        "corteidh",
        "presidente",
        "president",
        "presidencia",
        "caso",
        "case",
        "otros",
        "others",
        "outros",
        "voto",
        "vote",
        "julio",
        "julho",
        "july",
        "fondo",
        "merits",
        "merito",
        "reparaciones",
        "reparations",
        "costas",
        "costs",
        "excepciones",
        "preliminares",
        "preliminary",
        "objections",
        "para",
        "sobre",
        "informe",
        "report",
        "relatorio",
        "admisibilidad",
        "admissibility",
        "medidas",
        "provisionales",
        "provisional",
        "measures",
        "supervision",
        "cumplimiento",
        "compliance",
        "with",
        "from",
        "that",
        "this",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "january",
        "february",
        "march",
        "april",
        "june",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().count() >= 4 && !COMMON.contains(word))
        .filter(|word| !word.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

/// Lowercase, accents removed (for matching only).
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

fn describe(document: &mut Document, stem: &str, entities: &[Entity]) {
    let opening: String = document
        .paragraphs
        .iter()
        .take_while(|paragraph| paragraph.page.unwrap_or(1) <= 2)
        .map(|paragraph| paragraph.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let opening: String = opening.chars().take(6000).collect();
    let masthead: String = opening.chars().take(1200).collect();
    let upper = masthead.to_uppercase();

    document.id = format!("iacthr:{stem}");
    document.symbol = None;
    document
        .identifiers
        .retain(|key| !key.as_str().starts_with("un:"));
    let is_commission = [
        "COMISIÓN INTERAMERICANA",
        "INTER-AMERICAN COMMISSION",
        "COMISSÃO INTERAMERICANA",
    ]
    .iter()
    .any(|name| upper.contains(name))
        || starts_with_any(
            &upper,
            &[
                "INFORME N",
                "REPORT N",
                "RELATÓRIO N",
                "INFORME NO",
                "RAPPORT N",
            ],
        );
    let is_court = [
        "CORTE INTERAMERICANA",
        "INTER-AMERICAN COURT",
        "COUR INTERAMÉRICAINE",
    ]
    .iter()
    .any(|name| upper.contains(name));
    document.mechanism = if is_commission && !is_court {
        Mechanism::Iachr
    } else {
        Mechanism::Iacthr
    };
    document.doc_type = doc_type_of(&upper, document.mechanism);
    document.date = masthead_date(&masthead);
    let series_c = series_c_in(&masthead);
    let (case_name, state) = case_and_state(&masthead);
    document.case_name = case_name;
    if let Some(state) = state {
        document.states = vec![state];
    }
    if document.mechanism == Mechanism::Iachr {
        if let Some(report) = commission_report_number(&masthead) {
            document.add_identifier(CitationKey::new(format!("iachr:report:{report}")));
            document.symbol = Some(format!("Report No. {report}"));
        }
    }

    let matched = best_entity(document, &opening, series_c, entities);
    let series_c = series_c.or_else(|| matched.and_then(|entity| entity.series_c));
    if let Some(number) = series_c {
        if document.doc_type == DocType::Judgment {
            document.add_identifier(CitationKey::new(format!("iacthr:C:{number}")));
            document.symbol = Some(format!("Series C No. {number}"));
        } else {
            document.extra.insert("series_c".into(), number.to_string());
        }
    }
    match matched {
        Some(entity) => {
            document.work_id = format!("uwazi:{}", entity.shared_id);
            document
                .extra
                .insert("entity_shared_id".into(), entity.shared_id.clone());
            document
                .extra
                .insert("entity_title".into(), entity.title.clone());
            document
                .extra
                .insert("entity_template".into(), entity.template.clone());
            if let Some(country) = &entity.country {
                let country = state_name(country)
                    .map(str::to_string)
                    .unwrap_or_else(|| country.clone());
                document.states = vec![country];
            }
            if document.date.is_none() {
                document.date = entity.date.clone();
            }
            if document.doc_type == DocType::Other {
                document.doc_type = doc_type_of_template(&entity.template);
            }
            if document.title.trim().is_empty() || document.title.chars().count() < 8 {
                document.title = entity.title.clone();
            }
        }
        None => {
            document.work_id = match (series_c, document.doc_type, &document.date) {
                (Some(number), DocType::Judgment, Some(date)) => {
                    format!("iacthr:C:{number}:{date}")
                }
                (_, doc_type, Some(date)) if document.case_name.is_some() => format!(
                    "iacthr:{}:{}:{}",
                    doc_type.code(),
                    significant_words(document.case_name.as_deref().unwrap_or("")).join("-"),
                    date
                ),
                _ => document.id.clone(),
            };
        }
    }
    if let Some(case_name) = &document.case_name {
        if document.title.chars().count() < 8 || document.title.to_uppercase() == document.title {
            document.title = case_name.clone();
        }
    }
}

fn starts_with_any(text: &str, prefixes: &[&str]) -> bool {
    let trimmed = text.trim_start();
    prefixes.iter().any(|prefix| trimmed.starts_with(prefix))
}

fn doc_type_of(upper: &str, mechanism: Mechanism) -> DocType {
    let start: String = upper.chars().take(400).collect();
    let opinion = [
        "VOTO RAZONADO",
        "VOTO CONCURRENTE",
        "VOTO DISIDENTE",
        "VOTO PARCIALMENTE",
        "VOTO SEPARADO",
        "VOTO CONJUNTO",
        "SEPARATE OPINION",
        "CONCURRING OPINION",
        "DISSENTING OPINION",
        "PARTIALLY DISSENTING",
        "REASONED OPINION",
        "VOTO FUNDAMENTADO",
        "VOTO CONCORDANTE",
        "VOTO DIVERGENTE",
        "OPINION INDIVIDUELLE",
        "OPINION DISSIDENTE",
    ];
    if opinion.iter().any(|label| start.contains(label)) {
        return DocType::SeparateOpinion;
    }
    if mechanism == Mechanism::Iachr {
        return DocType::Report;
    }
    if starts_with_any(
        &start,
        &[
            "RESOLUCIÓN",
            "RESOLUCION",
            "ORDER",
            "RESOLUÇÃO",
            "RÉSOLUTION",
        ],
    ) || start.contains("RESOLUCIÓN DE LA")
        || start.contains("ORDER OF THE")
        || start.contains("RESOLUÇÃO DA")
    {
        return DocType::Order;
    }
    if ["SENTENCIA", "JUDGMENT", "SENTENÇA", "ARRÊT"]
        .iter()
        .any(|label| start.contains(label))
    {
        return DocType::Judgment;
    }
    if start.contains("OPINIÓN CONSULTIVA") || start.contains("ADVISORY OPINION") {
        return DocType::AdvisoryOpinion;
    }
    DocType::Other
}

fn doc_type_of_template(template: &str) -> DocType {
    match template {
        "Sentencia de la corte" => DocType::Judgment,
        "Voto Separado" => DocType::SeparateOpinion,
        "Ordenes de la corte" | "Ordenes del presidente" | "Medida Provisional" => DocType::Order,
        "Informe de admisibilidad" => DocType::Report,
        _ => DocType::Other,
    }
}

fn series_c_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?i)\bS[ée]ries?\s+C\s*,?\s*(?:No\.?|N[°ºo]\.?|n\.?\s?[°º]|Nº|núm\.?)\s*(\d{1,3})\b",
        )
        .expect("valid regex")
    })
}

fn series_c_in(text: &str) -> Option<u32> {
    series_c_pattern()
        .captures(text)
        .and_then(|captures| captures[1].parse().ok())
}

fn commission_report_number(masthead: &str) -> Option<String> {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(r"(?i)\b(?:INFORME|REPORT|RELATÓRIO|RAPPORT)\s+(?:No\.?|N[°º]\.?|Nº|n[°º])\s*(\d{1,3})/(\d{2,4})")
            .expect("valid regex")
    });
    pattern.captures(masthead).map(|captures| {
        let year = &captures[2];
        let year = if year.len() == 4 { &year[2..] } else { year };
        format!("{}/{year}", &captures[1])
    })
}

/// The first date of the masthead: `28 DE NOVIEMBRE DE 2012`, `NOVEMBER 28, 2012`,
/// `2 de febrero de 2006`, `28 novembre 2012`.
fn masthead_date(masthead: &str) -> Option<String> {
    static ROMANCE: OnceLock<Regex> = OnceLock::new();
    static ENGLISH: OnceLock<Regex> = OnceLock::new();
    let romance = ROMANCE.get_or_init(|| {
        Regex::new(r"(?i)\b(\d{1,2})(?:º|°|er)?\s+(?:de\s+)?(\p{L}+)\s+(?:de\s+|del\s+)?(\d{4})\b")
            .expect("valid regex")
    });
    let english = ENGLISH.get_or_init(|| {
        Regex::new(r"(?i)\b(\p{L}+)\s+(\d{1,2}),?\s+(\d{4})\b").expect("valid regex")
    });
    let mut found: Vec<(usize, String)> = Vec::new();
    for captures in romance.captures_iter(masthead) {
        if let (Some(month), Ok(day)) = (month_number(&captures[2]), captures[1].parse::<u32>()) {
            if (1..=31).contains(&day) {
                found.push((
                    captures.get(0).map_or(0, |m| m.start()),
                    format!("{}-{month:02}-{day:02}", &captures[3]),
                ));
                break;
            }
        }
    }
    for captures in english.captures_iter(masthead) {
        if let (Some(month), Ok(day)) = (month_number(&captures[1]), captures[2].parse::<u32>()) {
            if (1..=31).contains(&day) {
                found.push((
                    captures.get(0).map_or(0, |m| m.start()),
                    format!("{}-{month:02}-{day:02}", &captures[3]),
                ));
                break;
            }
        }
    }
    found.sort();
    found.into_iter().next().map(|(_, date)| date)
}

/// `CASO ARTAVIA MURILLO Y OTROS (“FECUNDACIÓN IN VITRO”) VS. COSTA RICA` → the case
/// name and the State (in English).
fn case_and_state(masthead: &str) -> (Option<String>, Option<String>) {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(r"(?i)\b(?:CASO|CASE OF|CASE|AFFAIRE|ASUNTO|MATTER OF)\s+([^\n]{2,200}?)\s+(?:VS\.?|v\.|c\.|CONTRA|RESPECTO DE|REGARDING)\s+([\p{L} ]{3,60})")
            .expect("valid regex")
    });
    let text = masthead.replace('\u{a0}', " ");
    let Some(captures) = pattern.captures(&text) else {
        return (None, None);
    };
    let name = clean_spaces(&captures[1]);
    let words: Vec<&str> = captures[2].split_whitespace().collect();
    // The State is the longest run of leading words that names one (`COSTA RICA` in
    // `COSTA RICA SENTENCIA DE …`).
    let (state_raw, state) = (1..=words.len().min(5))
        .rev()
        .find_map(|count| {
            let candidate = words[..count].join(" ");
            state_in_any_language(&candidate).map(|state| (candidate, Some(state)))
        })
        .unwrap_or_else(|| (words.first().copied().unwrap_or("").to_string(), None));
    let case = format!(
        "{} v. {}",
        title_case(&name),
        state.clone().unwrap_or_else(|| title_case(&state_raw))
    );
    (Some(case), state)
}

fn state_in_any_language(raw: &str) -> Option<String> {
    const SPANISH: &[(&str, &str)] = &[
        ("peru", "Peru"),
        ("perú", "Peru"),
        ("mexico", "Mexico"),
        ("méxico", "Mexico"),
        ("brasil", "Brazil"),
        ("panamá", "Panama"),
        ("republica dominicana", "Dominican Republic"),
        ("república dominicana", "Dominican Republic"),
        ("haití", "Haiti"),
        ("trinidad y tobago", "Trinidad & Tobago"),
        ("estados unidos", "United States"),
        ("colômbia", "Colombia"),
        ("equador", "Ecuador"),
        ("guatemala", "Guatemala"),
        ("paraguai", "Paraguay"),
        ("uruguai", "Uruguay"),
        ("venezuela", "Venezuela"),
    ];
    let lowered = raw.trim().to_lowercase();
    SPANISH
        .iter()
        .find(|(name, _)| *name == lowered)
        .map(|(_, english)| english.to_string())
        .or_else(|| state_name(raw).map(str::to_string))
}

fn title_case(text: &str) -> String {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let upper = text.chars().filter(|c| c.is_uppercase()).count();
    if letters == 0 || upper * 10 < letters * 7 {
        return text.to_string();
    }
    const SMALL: &[&str] = &[
        "y", "e", "et", "and", "de", "del", "la", "los", "las", "of", "the", "v.", "otros",
        "others", "outros",
    ];
    text.split(' ')
        .enumerate()
        .map(|(index, word)| {
            let lowered = word.to_lowercase();
            if index > 0 && SMALL.contains(&lowered.as_str()) {
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
                if matches!(c, '-' | '(' | '"' | '“' | '«') {
                    capitalize = true;
                }
            }
            result
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The entity that describes this document, if one fits well enough: same date or
/// same Series C number, and most of the case-name words of its title on the first
/// pages. Entities in the document's language are preferred.
fn best_entity<'a>(
    document: &Document,
    opening: &str,
    series_c: Option<u32>,
    entities: &'a [Entity],
) -> Option<&'a Entity> {
    let folded = fold(opening);
    let words: std::collections::HashSet<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    let mut best: Option<(f32, &Entity)> = None;
    for entity in entities {
        if entity.title_words.is_empty() {
            continue;
        }
        let present = entity
            .title_words
            .iter()
            .filter(|word| words.contains(word.as_str()))
            .count();
        let overlap = present as f32 / entity.title_words.len() as f32;
        let same_date = entity.date.is_some() && entity.date == document.date;
        let same_series = entity.series_c.is_some() && entity.series_c == series_c;
        if !(same_date || same_series) || overlap < 0.5 {
            continue;
        }
        let mut score = overlap * 3.0;
        if same_date {
            score += 3.0;
        }
        if same_series {
            score += 2.0;
        }
        if entity.lang == Some(document.lang) {
            score += 1.0;
        }
        if doc_type_of_template(&entity.template) == document.doc_type {
            score += 1.0;
        }
        if best.is_none_or(|(best_score, _)| score > best_score) {
            best = Some((score, entity));
        }
    }
    best.map(|(_, entity)| entity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_numbers_of_mastheads() {
        assert_eq!(
            masthead_date("SENTENCIA DE 28 DE NOVIEMBRE DE 2012").as_deref(),
            Some("2012-11-28")
        );
        assert_eq!(
            masthead_date("JUDGMENT OF NOVEMBER 28, 2012").as_deref(),
            Some("2012-11-28")
        );
        assert_eq!(series_c_in("Serie C No. 257, párr. 3"), Some(257));
        assert_eq!(date_from_epoch(1_088_985_600), "2004-07-05");
        assert_eq!(
            commission_report_number("INFORME Nº 47/02 1").as_deref(),
            Some("47/02")
        );
    }

    #[test]
    fn case_names_and_states() {
        let (case, state) = case_and_state("CASO “19 COMERCIANTES” VS. COLOMBIA\nCUMPLIMIENTO");
        assert_eq!(state.as_deref(), Some("Colombia"));
        assert_eq!(case.as_deref(), Some("“19 Comerciantes” v. Colombia"));
    }
}
