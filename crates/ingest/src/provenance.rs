//! Where each metadata value of a document came from (`hrlex extract --explain`).
//!
//! The pipeline hands a [`Trace`] a snapshot of its documents after each stage
//! (extraction, masthead recognition, importer, text checks, sidecar, derived keys); a
//! value is credited to the first stage whose snapshot holds it. A value read from the
//! masthead is credited to the line that produced it: the first line such that
//! recognizing the masthead cut after that line already yields the value. That rule
//! needs no knowledge of the recognizers, so it stays true as they grow.
//!
//! A disabled trace (the one every ordinary ingest uses) records nothing and costs
//! nothing but a branch.

use hrlex_model::Document;
use serde::Serialize;
use std::collections::BTreeMap;

/// The metadata fields explained, by their JSON names.
pub const FIELDS: &[&str] = &[
    "mechanism",
    "body",
    "doc_type",
    "outcome",
    "symbol",
    "identifiers",
    "date",
    "states",
    "case_name",
    "title",
    "work_id",
    "lang",
    "articles",
    "themes",
    "access",
    "url",
];

/// How many lines of the first pages are tried when crediting masthead values.
const MAX_EVIDENCE_LINES: usize = 200;

/// A stage of the pipeline that may set metadata.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "stage", rename_all = "kebab-case")]
pub enum Stage {
    /// Text extraction: the file's own declarations (PDF or HTML title, language) or the
    /// text itself (detected language, first paragraph as title).
    Extraction { extractor: String },
    /// Read from the first pages by the masthead recognizer.
    Masthead,
    /// Set by the importer of a known source layout.
    Importer {
        importer: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        record: Option<String>,
    },
    /// A source's label corrected from the text (operative part, title block).
    TextCheck,
    /// The file's `.meta.json` sidecar.
    Sidecar { path: String },
    /// Computed from other fields (the case-name citation key).
    Derived,
    /// Nothing set it: the value every document starts with (mechanism and type
    /// `other`, access `public`, the document's own id as its work).
    Default,
}

/// The masthead line that produced a value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// 1-based page of the first pages.
    pub page: usize,
    /// 1-based line on that page.
    pub line: usize,
    pub text: String,
}

/// One value of one field and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldSource {
    pub field: &'static str,
    pub value: String,
    #[serde(flatten)]
    pub stage: Stage,
    /// For masthead values: the line, or `None` when the file name gave it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// For masthead values read from the file name rather than the text.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub from_file_name: bool,
}

/// One document's metadata, value by value, with sources.
#[derive(Debug, Clone, Serialize)]
pub struct Explained {
    pub id: String,
    pub fields: Vec<FieldSource>,
    /// Notes of the pipeline (`label-corrected` says what a text check changed and why).
    pub notes: Vec<hrlex_model::ExtractionNote>,
}

type Snapshot = BTreeMap<&'static str, Vec<String>>;

/// What the masthead recognizer read, kept to credit its values to lines.
struct MastheadInput {
    /// The document before recognition (paragraphs dropped).
    before: Document,
    /// The lines of the first pages with their 1-based page and line numbers.
    lines: Vec<(usize, usize, String)>,
    file_name: String,
    /// What the recognizer yields with the first `n` lines, at index `n`; computed once,
    /// when a masthead value is first explained.
    cuts: std::cell::OnceCell<Vec<Snapshot>>,
}

/// Snapshots of a file's documents after each stage; see the module documentation.
#[derive(Default)]
pub struct Trace {
    enabled: bool,
    /// Per stage, per document (by position): the stage and the document's values.
    stages: Vec<Vec<(Stage, Snapshot)>>,
    masthead: Option<MastheadInput>,
}

impl Trace {
    /// A trace that records.
    pub fn enabled() -> Trace {
        Trace {
            enabled: true,
            ..Trace::default()
        }
    }

    /// A trace that records nothing.
    pub fn disabled() -> Trace {
        Trace::default()
    }

    /// Records the documents as they are after `stage`.
    pub fn after(&mut self, stage: Stage, documents: &[Document]) {
        self.after_each(documents, |_| stage.clone());
    }

    /// Records the documents as they are after a stage that depends on the document
    /// (an importer names its record).
    pub fn after_each(&mut self, documents: &[Document], stage: impl Fn(&Document) -> Stage) {
        if self.enabled {
            let snapshots = documents
                .iter()
                .map(|document| (stage(document), snapshot(document)))
                .collect();
            self.stages.push(snapshots);
        }
    }

    /// Records the input of the masthead recognizer: the document before recognition,
    /// the first pages it read, and the file name.
    pub fn masthead_input(&mut self, before: &Document, pages: &[String], file_name: &str) {
        if !self.enabled {
            return;
        }
        let mut before = before.clone();
        before.paragraphs.clear();
        let lines = pages
            .iter()
            .enumerate()
            .flat_map(|(page, text)| {
                text.lines()
                    .enumerate()
                    .map(move |(line, text)| (page + 1, line + 1, text.to_string()))
            })
            .take(MAX_EVIDENCE_LINES)
            .collect();
        self.masthead = Some(MastheadInput {
            before,
            lines,
            file_name: file_name.to_string(),
            cuts: std::cell::OnceCell::new(),
        });
    }

    /// Every value of the final documents with the stage that first held it.
    pub fn explain(&self, documents: &[Document]) -> Vec<Explained> {
        documents
            .iter()
            .enumerate()
            .map(|(index, document)| self.explain_one(index, document))
            .collect()
    }

    fn explain_one(&self, index: usize, document: &Document) -> Explained {
        let mut fields = Vec::new();
        let finals = snapshot(document);
        let defaults = snapshot(&Document::new(document.id.clone(), hrlex_model::Lang::Und));
        for field in FIELDS {
            for value in finals.get(field).into_iter().flatten() {
                let stage = self
                    .stages
                    .iter()
                    .filter_map(|documents| documents.get(index))
                    .find(|(_, snapshot)| {
                        snapshot
                            .get(field)
                            .is_some_and(|values| values.contains(value))
                    })
                    .map_or(Stage::Derived, |(stage, _)| stage.clone());
                let is_default = defaults
                    .get(field)
                    .is_some_and(|values| values.contains(value));
                let stage = match stage {
                    Stage::Extraction { .. } | Stage::Derived if is_default => Stage::Default,
                    stage => stage,
                };
                let (evidence, from_file_name) = match (&stage, &self.masthead) {
                    (Stage::Masthead, Some(input)) => input.credit(field, value),
                    _ => (None, false),
                };
                fields.push(FieldSource {
                    field,
                    value: value.clone(),
                    stage,
                    evidence,
                    from_file_name,
                });
            }
        }
        Explained {
            id: document.id.clone(),
            fields,
            notes: document.notes.clone(),
        }
    }
}

impl MastheadInput {
    /// The first line after which the recognizer yields `value` for `field`; with no
    /// line at all (the file name alone), `from_file_name`.
    fn credit(&self, field: &str, value: &str) -> (Option<Evidence>, bool) {
        let cuts = self.cuts.get_or_init(|| self.recognize_cuts());
        let yields = |cut: usize| {
            cuts[cut]
                .get(field)
                .is_some_and(|values| values.iter().any(|held| held == value))
        };
        if yields(0) {
            return (None, true);
        }
        let found = (1..cuts.len()).find(|&cut| yields(cut));
        let evidence = found.map(|cut| {
            let (page, line, text) = &self.lines[cut - 1];
            Evidence {
                page: *page,
                line: *line,
                text: text.trim().to_string(),
            }
        });
        (evidence, false)
    }

    /// The recognizer's reading of the masthead cut after 0, 1, 2… lines. A blank line
    /// adds nothing, so it repeats the reading before it.
    fn recognize_cuts(&self) -> Vec<Snapshot> {
        let mut cuts = Vec::with_capacity(self.lines.len() + 1);
        let mut text = String::new();
        cuts.push(self.recognized(&text));
        for (_, _, line) in &self.lines {
            text.push_str(line);
            text.push('\n');
            let reading = if line.trim().is_empty() {
                cuts.last().cloned().unwrap_or_default()
            } else {
                self.recognized(&text)
            };
            cuts.push(reading);
        }
        cuts
    }

    fn recognized(&self, text: &str) -> Snapshot {
        let mut document = self.before.clone();
        let recognized = crate::recognize::recognize(text, &self.file_name);
        crate::recognize::fill_empty(&mut document, recognized);
        snapshot(&document)
    }
}

/// The explained fields of a document as strings, lists as their elements.
fn snapshot(document: &Document) -> Snapshot {
    let mut values = Snapshot::new();
    let Ok(serde_json::Value::Object(json)) = serde_json::to_value(document) else {
        return values;
    };
    for field in FIELDS {
        let strings = match json.get(*field) {
            None | Some(serde_json::Value::Null) => Vec::new(),
            Some(serde_json::Value::Array(items)) => items.iter().map(as_text).collect(),
            Some(value) => vec![as_text(value)],
        };
        let strings: Vec<String> = strings.into_iter().filter(|s| !s.is_empty()).collect();
        if !strings.is_empty() {
            values.insert(field, strings);
        }
    }
    values
}

fn as_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hrlex_model::Lang;

    #[test]
    fn a_value_is_credited_to_the_first_stage_that_held_it() {
        let mut trace = Trace::enabled();
        let mut document = Document::new("a.pdf", Lang::En);
        document.title = "Report".into();
        trace.after(
            Stage::Extraction {
                extractor: "text".into(),
            },
            std::slice::from_ref(&document),
        );
        document.date = Some("2019-08-14".into());
        trace.after(
            Stage::Sidecar {
                path: "a.pdf.meta.json".into(),
            },
            std::slice::from_ref(&document),
        );
        let explained = trace.explain(&[document]);
        let date = explained[0]
            .fields
            .iter()
            .find(|field| field.field == "date")
            .unwrap();
        assert!(matches!(date.stage, Stage::Sidecar { .. }));
        let title = explained[0]
            .fields
            .iter()
            .find(|field| field.field == "title")
            .unwrap();
        assert!(matches!(title.stage, Stage::Extraction { .. }));
    }

    #[test]
    fn a_disabled_trace_records_nothing() {
        let mut trace = Trace::disabled();
        trace.after(Stage::Masthead, &[Document::new("a", Lang::En)]);
        assert!(trace.stages.is_empty());
    }
}
