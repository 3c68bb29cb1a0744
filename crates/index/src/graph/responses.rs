//! The graph's flat results: what a document cites ([`CitesResponse`]) and what cites a
//! document or a key ([`CitedByResponse`]), with the documents, occurrences, citing
//! paragraphs and per-system counts they list; `answers` groups them by system.

use hrlex_model::{Access, Document};
use serde::Serialize;

/// A document as listed in the graph and in its answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRef {
    pub id: String,
    pub work_id: String,
    pub title: String,
    pub lang: String,
    pub system: String,
    pub mechanism: String,
    pub doc_type: String,
    pub symbol: Option<String>,
    pub date: Option<String>,
    /// Said only when not public.
    #[serde(skip_serializing_if = "Access::is_public")]
    pub access: Access,
}

impl DocumentRef {
    pub fn of(document: &Document) -> Self {
        DocumentRef {
            id: document.id.clone(),
            work_id: document.work_id.clone(),
            title: document.title.clone(),
            lang: document.lang.code().to_string(),
            system: document.system().code().to_string(),
            mechanism: document.mechanism.code().to_string(),
            doc_type: document.doc_type.code().to_string(),
            symbol: document.symbol.clone(),
            date: document.date.clone(),
            access: document.access,
        }
    }
}

/// One place where a document cites a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitationOccurrence {
    /// 0-based position of the paragraph in the citing document.
    pub index: usize,
    /// The paragraph number as printed.
    pub n: Option<String>,
    /// The paragraph's anchor on the citing document's page ([`paragraph_anchors`](super::paragraph_anchors)).
    pub anchor: String,
    pub page: Option<u32>,
    /// Pinpoints into the cited document (`para:18(c)`, `para:75-77`).
    pub pin: Vec<String>,
    /// The citation as written; for a case named without its number, the case name.
    pub surface: String,
}

/// One key a document cites, where, and what it resolves to; answered as a
/// [`CitedKeyAnswer`](super::CitedKeyAnswer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedKey {
    pub key: String,
    /// The targets' system, or the one the key's family points into when dangling.
    pub system: String,
    /// No document of the index (that the caller may see) bears this key.
    pub dangling: bool,
    /// Documents bearing the key (every language version), ordered by work and language.
    pub targets: Vec<DocumentRef>,
    pub occurrences: Vec<CitationOccurrence>,
}

/// What a document cites; answered as a [`CitesAnswer`](super::CitesAnswer) (grouped by system).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitesResponse {
    pub document: DocumentRef,
    /// Distinct keys cited (self-citations excluded).
    pub total: usize,
    /// Keys resolved to at least one document.
    pub resolved: usize,
    /// In order of first citation.
    pub citations: Vec<CitedKey>,
}

/// A paragraph that cites the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitingParagraph {
    pub index: usize,
    pub n: Option<String>,
    /// The paragraph's anchor on the citing document's page ([`paragraph_anchor`](super::paragraph_anchor)). Only
    /// this paragraph is read: when its number was printed before in the document (an
    /// annex numbered anew), the anchor is that earlier paragraph's.
    pub anchor: String,
    pub page: Option<u32>,
    /// The key as cited (`un:CCPR/C/85/D/1153/2003`, `comm:CCPR:1153/2003`…).
    pub key: String,
    pub pin: Vec<String>,
    pub surface: String,
    /// The paragraph text around the citation, HTML-escaped, the citation in `<mark>`.
    pub snippet: String,
}

/// A document citing the target, with every citing paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitingDocument {
    #[serde(flatten)]
    pub document: DocumentRef,
    pub paragraphs: Vec<CitingParagraph>,
}

/// How many documents (and works) of one system cite the target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemCount {
    pub system: String,
    pub documents: usize,
    /// Distinct works (a judgment in three languages is one work).
    pub works: usize,
}

/// What cites a document or a key; answered as a [`CitedByAnswer`](super::CitedByAnswer) (grouped by
/// system).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedByResponse {
    /// The document asked about, when asked by document.
    pub document: Option<DocumentRef>,
    /// The keys looked for (the document's identifiers, or the key asked), with the
    /// keys naming the same documents.
    pub keys: Vec<String>,
    /// Citing documents (self-citations excluded), all of them, before paging.
    pub total: usize,
    /// Distinct citing works among them (the language versions of one work count once).
    pub works: usize,
    pub offset: usize,
    pub limit: usize,
    /// Per system, by decreasing count; all citing documents, not only this page.
    pub systems: Vec<SystemCount>,
    /// This page, newest first.
    pub documents: Vec<CitingDocument>,
}

impl CitedByResponse {
    /// Nothing cites (no key asked, or the document asked vanished): the page asked for,
    /// empty.
    pub fn empty(offset: usize, limit: usize) -> Self {
        CitedByResponse {
            document: None,
            keys: Vec::new(),
            total: 0,
            works: 0,
            offset,
            limit,
            systems: Vec::new(),
            documents: Vec::new(),
        }
    }

    /// `cited by 3 UN documents, 3 Inter-American documents`.
    pub fn summary(&self) -> String {
        if self.systems.is_empty() {
            return "cited by no document".to_string();
        }
        let parts: Vec<String> = self
            .systems
            .iter()
            .map(|count| {
                let noun = if count.documents == 1 {
                    "document"
                } else {
                    "documents"
                };
                format!("{} {} {noun}", count.documents, system_label(&count.system))
            })
            .collect();
        format!("cited by {}", parts.join(", "))
    }
}

/// A system code as written in prose.
pub fn system_label(code: &str) -> &str {
    match code {
        "un" => "UN",
        "european" => "European",
        "inter-american" => "Inter-American",
        "african" => "African",
        "national" => "national",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_count_per_system() {
        let response = CitedByResponse {
            total: 4,
            works: 2,
            systems: vec![
                SystemCount {
                    system: "inter-american".to_string(),
                    documents: 3,
                    works: 1,
                },
                SystemCount {
                    system: "un".to_string(),
                    documents: 1,
                    works: 1,
                },
            ],
            ..CitedByResponse::empty(0, 10)
        };
        assert_eq!(
            response.summary(),
            "cited by 3 Inter-American documents, 1 UN document"
        );
    }
}
