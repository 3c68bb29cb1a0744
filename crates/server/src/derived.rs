//! The panels' shapes over the index: translations of one document, what a document
//! cites (resolved to documents, `SearchIndex::cites`), what cites a document or a
//! citation key (`SearchIndex::cited_by_document` / `cited_by_keys`: every citing
//! paragraph, self-citations excluded before paging), and facet values over everything.
//! Each function runs on the blocking pool (see `AppState::run_search`).

use crate::citation::paragraph_anchor;
use crate::error::ApiError;
use hrlex_index::{
    DocumentRef, FacetCount, RequestFilter, SearchIndex, SearchRequest, SearchResponse, SortOrder,
    Translation,
};
use hrlex_model::{Access, CitationKey, Document, System};
use serde::Serialize;
use std::collections::BTreeMap;

/// Citing documents listed per request (the rest is counted, and reachable by paging
/// the key's cited-by list).
pub(crate) const CITING_DOCUMENTS_LISTED: usize = 100;
/// Identifier keys of a document ORed into one cited-by query.
const MAX_KEYS_PER_QUERY: usize = 32;

/// A query matching every document: every document belongs to exactly one system.
pub(crate) fn match_all_query() -> String {
    System::ALL
        .iter()
        .map(|system| format!("system:{}", system.code()))
        .collect::<Vec<_>>()
        .join(" OR ")
}

/// A document as listed in panels.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    pub id: String,
    pub title: String,
    pub lang: String,
    pub system: String,
    pub mechanism: String,
    pub doc_type: String,
    pub symbol: Option<String>,
    pub date: Option<String>,
}

impl DocumentSummary {
    pub(crate) fn from_ref(document: &DocumentRef) -> Self {
        DocumentSummary {
            id: document.id.clone(),
            title: document.title.clone(),
            lang: document.lang.clone(),
            system: document.system.clone(),
            mechanism: document.mechanism.clone(),
            doc_type: document.doc_type.clone(),
            symbol: document.symbol.clone(),
            date: document.date.clone(),
        }
    }
}

fn search(index: &SearchIndex, request: &SearchRequest) -> Result<SearchResponse, ApiError> {
    Ok(index.search(request)?)
}

/// The other language versions of `document` (same work).
pub(crate) fn translations(
    index: &SearchIndex,
    document: &Document,
) -> Result<Vec<Translation>, ApiError> {
    Ok(index
        .translations(&document.id, Access::Public)?
        .unwrap_or_default())
}

/// Where in the citing document a citation occurs.
#[derive(Debug, Clone, Serialize)]
pub struct CitingParagraph {
    pub index: usize,
    pub n: Option<String>,
    pub anchor: String,
    /// Pinpoints into the cited document (`§ 75`, `para. 6.3`) as written.
    pub pin: Vec<String>,
}

/// One key the document cites, with where and what it resolves to.
#[derive(Debug, Clone, Serialize)]
pub struct CitedKey {
    pub key: String,
    /// The citation as first written in the document.
    pub surface: String,
    pub paragraphs: Vec<CitingParagraph>,
    /// Documents of the index carrying this key as an identifier.
    pub documents: Vec<DocumentSummary>,
}

/// The citations of one system.
#[derive(Debug, Clone, Serialize)]
pub struct CitesGroup {
    pub system: String,
    pub citations: Vec<CitedKey>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CitesResponse {
    pub id: String,
    /// Distinct keys cited.
    pub total: usize,
    pub systems: Vec<CitesGroup>,
}

/// What `document` cites, from its paragraphs' citations, grouped by the cited system
/// (the resolved document's, or the key's family when unresolved).
pub(crate) fn cites(index: &SearchIndex, document: &Document) -> Result<CitesResponse, ApiError> {
    let Some(graph) = index.cites(&document.id, Access::Public)? else {
        return Err(ApiError::DocumentNotFound(document.id.clone()));
    };
    let mut groups: BTreeMap<System, Vec<CitedKey>> = BTreeMap::new();
    for cited in graph.citations {
        let system = System::parse(&cited.system).unwrap_or(System::Other);
        groups.entry(system).or_default().push(CitedKey {
            surface: cited
                .occurrences
                .first()
                .map(|occurrence| occurrence.surface.clone())
                .unwrap_or_default(),
            paragraphs: cited
                .occurrences
                .iter()
                .map(|occurrence| CitingParagraph {
                    index: occurrence.index,
                    n: occurrence.n.clone(),
                    anchor: paragraph_anchor(occurrence.n.as_deref(), occurrence.index),
                    pin: occurrence.pin.clone(),
                })
                .collect(),
            documents: cited
                .targets
                .iter()
                .map(DocumentSummary::from_ref)
                .collect(),
            key: cited.key,
        });
    }
    for citations in groups.values_mut() {
        citations.sort_by(|a, b| a.key.cmp(&b.key));
    }
    Ok(CitesResponse {
        id: document.id.clone(),
        total: graph.total,
        systems: groups
            .into_iter()
            .map(|(system, citations)| CitesGroup {
                system: system.code().to_string(),
                citations,
            })
            .collect(),
    })
}

/// A citing document and the paragraphs that cite.
#[derive(Debug, Clone, Serialize)]
pub struct CitingDocument {
    #[serde(flatten)]
    pub document: DocumentSummary,
    pub paragraphs: Vec<CitingSnippet>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CitingSnippet {
    pub index: usize,
    pub n: Option<String>,
    pub anchor: String,
    /// HTML-escaped, `<mark>` only (as in search).
    pub snippet: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CitedByGroup {
    pub system: String,
    /// Citing documents of this system (all of them, not only those listed).
    pub count: u64,
    /// Distinct citing works among them (language versions of one work count once).
    pub works: u64,
    pub documents: Vec<CitingDocument>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CitedByResponse {
    /// The keys looked for.
    pub keys: Vec<String>,
    /// Citing documents.
    pub total: u64,
    /// Distinct citing works (language versions of one work count once), as
    /// `hrlex cited-by --json` gives them.
    pub works: u64,
    pub offset: usize,
    pub limit: usize,
    pub systems: Vec<CitedByGroup>,
}

/// The panel's shape of the index's answer: the page's documents grouped by system,
/// every system counted.
fn group_cited_by(graph: hrlex_index::CitedByResponse) -> CitedByResponse {
    let mut groups: BTreeMap<String, Vec<CitingDocument>> = BTreeMap::new();
    for citing in graph.documents {
        groups
            .entry(citing.document.system.clone())
            .or_default()
            .push(CitingDocument {
                document: DocumentSummary::from_ref(&citing.document),
                paragraphs: citing
                    .paragraphs
                    .iter()
                    .map(|paragraph| CitingSnippet {
                        index: paragraph.index,
                        n: paragraph.n.clone(),
                        anchor: paragraph_anchor(paragraph.n.as_deref(), paragraph.index),
                        snippet: paragraph.snippet.clone(),
                    })
                    .collect(),
            });
    }
    let mut counts: Vec<(String, u64, u64)> = graph
        .systems
        .iter()
        .map(|count| {
            (
                count.system.clone(),
                count.documents as u64,
                count.works as u64,
            )
        })
        .collect();
    counts.sort();
    CitedByResponse {
        keys: graph.keys,
        total: graph.total as u64,
        works: graph.works as u64,
        offset: graph.offset,
        limit: graph.limit,
        systems: counts
            .into_iter()
            .map(|(system, count, works)| CitedByGroup {
                documents: groups.remove(&system).unwrap_or_default(),
                system,
                count,
                works,
            })
            .collect(),
    }
}

/// Documents citing any of `keys` (or keys naming the same documents), grouped by
/// system; documents bearing a key themselves are not citing it.
pub(crate) fn cited_by_keys(
    index: &SearchIndex,
    keys: &[String],
    offset: usize,
    limit: usize,
) -> Result<CitedByResponse, ApiError> {
    let keys: Vec<CitationKey> = keys
        .iter()
        .map(|key| key.trim())
        .filter(|key| !key.is_empty())
        .take(MAX_KEYS_PER_QUERY)
        .map(CitationKey::new)
        .collect();
    if keys.is_empty() {
        return Ok(CitedByResponse {
            keys: Vec::new(),
            total: 0,
            works: 0,
            offset,
            limit,
            systems: Vec::new(),
        });
    }
    Ok(group_cited_by(index.cited_by_keys(
        &keys,
        Access::Public,
        offset,
        limit,
    )?))
}

/// Documents citing `document` (through any identifier of any version of its work),
/// its own work excluded.
pub(crate) fn cited_by_document(
    index: &SearchIndex,
    document: &Document,
    limit: usize,
) -> Result<CitedByResponse, ApiError> {
    match index.cited_by_document(&document.id, Access::Public, 0, limit)? {
        Some(graph) => Ok(group_cited_by(graph)),
        None => Err(ApiError::DocumentNotFound(document.id.clone())),
    }
}

/// Facet values over the documents matching `query` (everything when `None`) and
/// `filters`.
pub(crate) fn facet_values(
    index: &SearchIndex,
    query: Option<String>,
    filters: Vec<RequestFilter>,
    lang: Option<hrlex_model::Lang>,
) -> Result<(u64, BTreeMap<String, Vec<FacetCount>>), ApiError> {
    let mut request = SearchRequest::new(query.unwrap_or_else(match_all_query));
    request.filters = filters;
    request.lang = lang;
    request.limit = 0;
    // Date order reads no candidate beyond the page (relevance re-ranks a window).
    request.sort = SortOrder::Date;
    request.facets = true;
    let response = search(index, &request)?;
    Ok((response.total, response.facets))
}
