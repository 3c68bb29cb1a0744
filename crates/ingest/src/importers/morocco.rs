//! Recommendations to Morocco (`recommendations-morocco/recommendations.jsonl`, a join
//! of the DIDH database `didh.sqlite`): one work per recommendation, a French document
//! and, for 855 of the 1,124, an Arabic one. The mechanism is the treaty body named by
//! the `organe` record (CERD, CAT…), the UPR, or special procedures (the mandate of the
//! `visite` record); `Etat` gives the implementation status; the axis and sub-axis are
//! the themes.

use super::upr_info::{clean_spaces, has_extension, title_from_text};
use super::{ImportContext, Importer};
use crate::{FileOutcome, IngestError};
use hrlex_model::{
    DocType, Document, ImplementationStatus, Lang, Mechanism, Paragraph, Recommendation, Source,
};
use serde_json::Value;
use std::path::Path;

pub struct MoroccoRecommendations;

impl Importer for MoroccoRecommendations {
    fn name(&self) -> &'static str {
        "morocco"
    }

    fn claims(&self, path: &Path, head: &[u8]) -> bool {
        let file_name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        if file_name == "didh.sqlite" {
            return true;
        }
        has_extension(path, "jsonl")
            && head.starts_with(b"{\"Id\":")
            && contains(head, b"\"CodeRecommendation\"")
            && contains(head, b"\"Mecanisme\"")
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        if has_extension(path, "sqlite") {
            return Ok(FileOutcome::Skipped {
                reason: "source database of recommendations.jsonl (imported from the JSONL join)"
                    .into(),
            });
        }
        let text = std::fs::read_to_string(path).map_err(|error| IngestError::io(path, error))?;
        let mut documents = Vec::new();
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let record: Value = serde_json::from_str(line).map_err(|error| {
                IngestError::malformed(path, "JSONL", format!("line {}: {error}", index + 1))
            })?;
            documents.extend(documents_from_record(&record, index + 1));
        }
        if documents.is_empty() {
            return Err(IngestError::Empty {
                path: path.to_path_buf(),
            });
        }
        Ok(FileOutcome::Documents(documents))
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// A string field, with the JSON `null`, empty strings and the literal text `"null"`
/// (171 Arabic fields hold it) treated as absent.
fn text_field<'a>(record: &'a Value, key: &str) -> Option<&'a str> {
    record
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|value| !value.is_empty() && *value != "null")
}

fn documents_from_record(record: &Value, line: usize) -> Vec<Document> {
    let Some(french_text) = text_field(record, "Nom") else {
        return Vec::new();
    };
    let record_id = record
        .get("Id")
        .and_then(Value::as_i64)
        .map(|id| id.to_string())
        .unwrap_or_else(|| format!("line{line}"));
    let work_id = format!("morocco:{record_id}");
    let mechanism_label = text_field(record, "Mecanisme").unwrap_or("");
    let organ = record.get("organe").filter(|value| value.is_object());
    let visit = record.get("visite").filter(|value| value.is_object());
    let recommending_country = record
        .get("pays_recommandant")
        .filter(|value| value.is_object());
    let (mechanism, body_fr, body_ar) = mechanism_of(mechanism_label, organ, visit);
    let implementation = text_field(record, "Etat").map(implementation_of);
    let session = record
        .get("cycle")
        .and_then(|cycle| text_field(cycle, "Label"))
        .map(str::to_string);
    let year = record.get("Annee").and_then(Value::as_i64);
    let axis = record.get("axe").filter(|value| value.is_object());
    let sub_axis = record.get("sous_axe").filter(|value| value.is_object());

    let mut documents = Vec::new();
    let versions = [
        (
            Lang::Fr,
            Some(french_text),
            "CodeRecommendation",
            "Label",
            "Nom",
            body_fr,
        ),
        (
            Lang::Ar,
            text_field(record, "NomAr"),
            "CodeRecommendationAr",
            "LabelAr",
            "NomAr",
            body_ar,
        ),
    ];
    for (lang, text, code_key, label_key, country_key, body) in versions {
        let Some(text) = text else {
            continue;
        };
        let text = clean_spaces(text.trim_start_matches(['-', ' ', '\u{a0}']));
        let mut document = Document::new(format!("{work_id}:{}", lang.code()), lang);
        document.work_id = work_id.clone();
        document.title = title_from_text(&text);
        document.mechanism = mechanism;
        document.body = body.clone();
        document.doc_type = DocType::Recommendation;
        document.states.push("Morocco".into());
        document.date = year.map(|year| year.to_string());
        let code = text_field(record, code_key).map(str::to_string);
        if let Some(code) = &code {
            document.extra.insert("code".into(), code.clone());
        }
        document.themes = [axis, sub_axis]
            .into_iter()
            .flatten()
            .filter_map(|theme| {
                text_field(theme, label_key)
                    .or_else(|| text_field(theme, "Label"))
                    .map(str::to_string)
            })
            .collect();
        let recommending_states = recommending_country
            .and_then(|country| {
                text_field(country, country_key).or_else(|| text_field(country, "Nom"))
            })
            .map(|name| vec![name.to_string()])
            .unwrap_or_default();
        document.recommendation = Some(Recommendation {
            recommending_states,
            recommending_body: body,
            response: None,
            response_text: None,
            implementation,
            session: session.clone(),
            report_symbol: None,
            action_category: None,
        });
        if let Some(status) = text_field(record, "Etat") {
            document
                .extra
                .insert("implementation_text".into(), status.to_string());
        }
        if let Some(progress) = record.get("EtatAvancementChiffre").and_then(Value::as_i64) {
            document
                .extra
                .insert("implementation_percent".into(), progress.to_string());
        }
        if !mechanism_label.is_empty() {
            document
                .extra
                .insert("mecanisme".into(), mechanism_label.to_string());
        }
        document.source = Source {
            path: String::new(),
            record: Some(format!("Id {record_id}")),
            format: "jsonl".into(),
            importer: "morocco".into(),
        };
        document.paragraphs.push({
            let mut paragraph = Paragraph::unnumbered(text);
            paragraph.n = code;
            paragraph
        });
        documents.push(document);
    }
    documents
}

/// The mechanism, and the recommending body's name in French and Arabic.
fn mechanism_of(
    label: &str,
    organ: Option<&Value>,
    visit: Option<&Value>,
) -> (Mechanism, Option<String>, Option<String>) {
    let lowered = label.to_lowercase();
    if let Some(organ) = organ {
        let abbreviation = text_field(organ, "Abv").unwrap_or("");
        let mechanism = Mechanism::parse(abbreviation)
            .or_else(|| committee_in_label(text_field(organ, "Label").unwrap_or("")))
            .unwrap_or(Mechanism::Other);
        let name = |key: &str| text_field(organ, key).map(clean_spaces);
        return (mechanism, name("Label"), name("LabelAr"));
    }
    if let Some(visit) = visit {
        let name = |key: &str| text_field(visit, key).map(clean_spaces);
        return (
            Mechanism::SpecialProcedures,
            name("Mandat"),
            name("MandatAr"),
        );
    }
    if lowered.contains("examen") {
        return (Mechanism::Upr, None, None);
    }
    if lowered.contains("proc") {
        return (Mechanism::SpecialProcedures, None, None);
    }
    (Mechanism::Other, None, None)
}

/// The committee a label names by its abbreviation in parentheses: `(CERD)`.
fn committee_in_label(label: &str) -> Option<Mechanism> {
    let open = label.rfind('(')?;
    let close = label[open..].find(')')? + open;
    Mechanism::parse(&label[open + 1..close]).filter(|mechanism| mechanism.is_treaty_body())
}

fn implementation_of(status: &str) -> ImplementationStatus {
    ImplementationStatus::parse(status).unwrap_or_else(|| {
        let lowered = status.to_lowercase();
        if lowered.starts_with("non") {
            ImplementationStatus::NotImplemented
        } else if lowered.contains("cours") {
            ImplementationStatus::InProgress
        } else if lowered.contains("réalis") || lowered.contains("realis") {
            ImplementationStatus::Implemented
        } else {
            ImplementationStatus::Unknown
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map() {
        assert_eq!(
            implementation_of("Réalisé"),
            ImplementationStatus::Implemented
        );
        assert_eq!(
            implementation_of("En cours"),
            ImplementationStatus::InProgress
        );
        assert_eq!(
            implementation_of("Non réalisé"),
            ImplementationStatus::NotImplemented
        );
    }

    #[test]
    fn committee_is_read_from_the_label() {
        assert_eq!(
            committee_in_label("Le Sous-Comité pour la prévention de la torture (SPT)"),
            Some(Mechanism::Spt)
        );
    }
}
