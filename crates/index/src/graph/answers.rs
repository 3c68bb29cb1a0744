//! The answers of the citation graph, defined once: what `hrlex cites --json` and
//! `hrlex cited-by --json` print and what the HTTP API answers
//! (`/api/documents/{id}/cites`, `/api/documents/{id}/cited-by`, `/api/cited-by`,
//! `/api/documents/{id}/translations`; described in the server's `openapi.json`), and
//! what the document page renders.
//!
//! The graph's results ([`CitesResponse`], [`CitedByResponse`]) are grouped here by
//! system, the shape a reader scans: what a document cites under the cited system, what
//! cites it under the citing system, each system counted. Paragraphs carry their
//! `anchor` on the document page (`para-53`), computed by [`paragraph_anchor`] for the
//! page and the answers alike.

use super::{
    CitationOccurrence, CitedByResponse, CitedKey, CitesResponse, CitingDocument, DocumentRef,
};
use crate::search::Translation;
use hrlex_model::{Document, Lang, System};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// What a document cites, grouped by the cited system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitesAnswer {
    /// The citing document.
    pub document: DocumentRef,
    /// Distinct keys cited (self-citations excluded).
    pub total: usize,
    /// Keys resolved to at least one document of the index.
    pub resolved: usize,
    /// In the order of [`System`] (UN, European, Inter-American, African, national,
    /// other); only systems cited.
    pub systems: Vec<CitesGroup>,
}

/// The keys cited into one system: the resolved documents' system, or the one the key's
/// family points into when it is dangling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitesGroup {
    pub system: String,
    /// By key.
    pub citations: Vec<CitedKeyAnswer>,
}

/// One key a document cites, where, and what it resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitedKeyAnswer {
    pub key: String,
    /// The citation as first written in the document.
    pub surface: String,
    /// No document of the index (that the caller may see) bears this key.
    pub dangling: bool,
    /// Documents bearing the key (every language version), ordered by work and language.
    pub documents: Vec<DocumentRef>,
    /// Every citing paragraph, in document order.
    pub paragraphs: Vec<CitationOccurrence>,
}

/// What cites a document or a key, grouped by the citing system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitedByAnswer {
    /// The document asked about, when asked by document (`null` for a key).
    pub document: Option<DocumentRef>,
    /// The keys looked for, with the keys naming the same documents.
    pub keys: Vec<String>,
    /// Citing documents (self-citations excluded), all of them, before paging.
    pub total: usize,
    /// Distinct citing works among them (the language versions of one work count once).
    pub works: usize,
    pub offset: usize,
    pub limit: usize,
    /// Every citing system, in the order of [`System`], counted over all citing
    /// documents; each lists its documents of this page.
    pub systems: Vec<CitedByGroup>,
}

/// The citing documents of one system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitedByGroup {
    pub system: String,
    /// Citing documents of this system, all of them (not only those listed).
    pub count: usize,
    /// Distinct citing works among them.
    pub works: usize,
    /// Those of this page, newest first.
    pub documents: Vec<CitingDocument>,
}

/// The other language versions of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TranslationsAnswer {
    pub id: String,
    pub work_id: String,
    pub lang: Lang,
    /// By language.
    pub translations: Vec<Translation>,
}

impl TranslationsAnswer {
    pub fn new(document: &Document, translations: Vec<Translation>) -> Self {
        TranslationsAnswer {
            id: document.id.clone(),
            work_id: document.work_id.clone(),
            lang: document.lang,
            translations,
        }
    }
}

/// A system code's place in the answers; an unknown code goes last.
fn system_order(code: &str) -> System {
    System::parse(code).unwrap_or(System::Other)
}

impl From<CitedKey> for CitedKeyAnswer {
    fn from(cited: CitedKey) -> Self {
        CitedKeyAnswer {
            surface: cited
                .occurrences
                .first()
                .map(|occurrence| occurrence.surface.clone())
                .unwrap_or_default(),
            key: cited.key,
            dangling: cited.dangling,
            documents: cited.targets,
            paragraphs: cited.occurrences,
        }
    }
}

impl From<CitesResponse> for CitesAnswer {
    fn from(graph: CitesResponse) -> Self {
        let mut groups: BTreeMap<System, (String, Vec<CitedKeyAnswer>)> = BTreeMap::new();
        for cited in graph.citations {
            let (_, citations) = groups
                .entry(system_order(&cited.system))
                .or_insert_with(|| (cited.system.clone(), Vec::new()));
            citations.push(CitedKeyAnswer::from(cited));
        }
        CitesAnswer {
            document: graph.document,
            total: graph.total,
            resolved: graph.resolved,
            systems: groups
                .into_values()
                .map(|(system, mut citations)| {
                    citations.sort_by(|a, b| a.key.cmp(&b.key));
                    CitesGroup { system, citations }
                })
                .collect(),
        }
    }
}

impl From<CitedByResponse> for CitedByAnswer {
    fn from(graph: CitedByResponse) -> Self {
        let mut listed: BTreeMap<String, Vec<CitingDocument>> = BTreeMap::new();
        for citing in graph.documents {
            listed
                .entry(citing.document.system.clone())
                .or_default()
                .push(citing);
        }
        let mut counts = graph.systems;
        counts.sort_by(|a, b| {
            system_order(&a.system)
                .cmp(&system_order(&b.system))
                .then_with(|| a.system.cmp(&b.system))
        });
        CitedByAnswer {
            document: graph.document,
            keys: graph.keys,
            total: graph.total,
            works: graph.works,
            offset: graph.offset,
            limit: graph.limit,
            systems: counts
                .into_iter()
                .map(|count| CitedByGroup {
                    documents: listed.remove(&count.system).unwrap_or_default(),
                    system: count.system,
                    count: count.documents,
                    works: count.works,
                })
                .collect(),
        }
    }
}

/// The anchor of a paragraph on the document page (`para-53`, `para-18-c` for
/// "18 (c)"); unnumbered paragraphs are anchored by position (`p-12`, 1-based).
pub fn paragraph_anchor(number: Option<&str>, index: usize) -> String {
    let slug = number.map(slug).unwrap_or_default();
    if slug.is_empty() {
        return format!("p-{}", index + 1);
    }
    format!("para-{slug}")
}

/// The anchors of a document's paragraphs, as the document page sets them: a number
/// printed twice (a new numbering in an annex) keeps its readable anchor on the first
/// occurrence only, the later ones are anchored by position.
pub fn paragraph_anchors(document: &Document) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::new();
    document
        .paragraphs
        .iter()
        .enumerate()
        .map(|(position, paragraph)| {
            let anchor = paragraph_anchor(paragraph.n.as_deref(), position);
            if seen.insert(anchor.clone()) {
                anchor
            } else {
                paragraph_anchor(None, position)
            }
        })
        .collect()
}

fn slug(number: &str) -> String {
    let mut slug = String::new();
    for character in number.chars() {
        if character.is_alphanumeric() || character == '.' {
            slug.push(character);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::super::SystemCount;
    use super::*;

    #[test]
    fn anchors_are_stable_and_readable() {
        assert_eq!(paragraph_anchor(Some("53"), 0), "para-53");
        assert_eq!(paragraph_anchor(Some("6.3"), 0), "para-6.3");
        assert_eq!(paragraph_anchor(Some("18 (c)"), 0), "para-18-c");
        assert_eq!(paragraph_anchor(None, 11), "p-12");
        assert_eq!(paragraph_anchor(Some("()"), 4), "p-5");
    }

    fn document_ref(id: &str, system: &str) -> DocumentRef {
        DocumentRef {
            id: id.to_string(),
            work_id: id.to_string(),
            title: String::new(),
            lang: "en".to_string(),
            system: system.to_string(),
            mechanism: String::new(),
            doc_type: String::new(),
            symbol: None,
            date: None,
            access: hrlex_model::Access::Public,
        }
    }

    #[test]
    fn cited_by_groups_every_counted_system_in_system_order() {
        let count = |system: &str, documents: usize| SystemCount {
            system: system.to_string(),
            documents,
            works: documents,
        };
        let citing = |id: &str, system: &str| CitingDocument {
            document: document_ref(id, system),
            paragraphs: Vec::new(),
        };
        let graph = CitedByResponse {
            total: 4,
            works: 4,
            // By decreasing count, as the graph gives them; the page lists one UN document.
            systems: vec![count("inter-american", 3), count("un", 1)],
            documents: vec![citing("b", "inter-american"), citing("a", "inter-american")],
            ..CitedByResponse::empty(0, 2)
        };
        let answer = CitedByAnswer::from(graph);
        let systems: Vec<(&str, usize, usize)> = answer
            .systems
            .iter()
            .map(|group| (group.system.as_str(), group.count, group.documents.len()))
            .collect();
        assert_eq!(systems, [("un", 1, 0), ("inter-american", 3, 2)]);
        // The page's order (newest first) is kept within a system.
        assert_eq!(answer.systems[1].documents[0].document.id, "b");
    }
}
