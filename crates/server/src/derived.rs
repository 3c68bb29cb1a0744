//! What the API and the page ask the index beside searches: translations of one
//! document, what a document cites (resolved to documents, `SearchIndex::cites`), what
//! cites a document or a citation key (`SearchIndex::cited_by_document` /
//! `cited_by_keys`: every citing paragraph, self-citations excluded before paging), and
//! facet values over everything. The graph's answers are the index's
//! ([`CitesAnswer`], [`CitedByAnswer`]), the very shape of `hrlex cites --json` and
//! `hrlex cited-by --json`. Each function runs on the blocking pool (see
//! `AppState::run_search`).

use crate::error::ApiError;
use hrlex_index::{
    CitedByAnswer, CitedByResponse, CitesAnswer, FacetCount, RequestFilter, SearchIndex,
    SearchRequest, SearchResponse, SortOrder, Translation,
};
use hrlex_model::{CitationKey, Document, System, Viewer};
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

fn search(index: &SearchIndex, request: &SearchRequest) -> Result<SearchResponse, ApiError> {
    Ok(index.search(request)?)
}

/// The other language versions of `document` (same work).
pub(crate) fn translations(
    index: &SearchIndex,
    document: &Document,
    viewer: &Viewer,
) -> Result<Vec<Translation>, ApiError> {
    Ok(index
        .translations(&document.id, viewer)?
        .unwrap_or_default())
}

/// What `document` cites, from its paragraphs' citations, grouped by the cited system
/// (the resolved document's, or the key's family when unresolved).
pub(crate) fn cites(
    index: &SearchIndex,
    document: &Document,
    viewer: &Viewer,
) -> Result<CitesAnswer, ApiError> {
    match index.cites(&document.id, viewer)? {
        Some(graph) => Ok(CitesAnswer::from(graph)),
        None => Err(ApiError::DocumentNotFound(document.id.clone())),
    }
}

/// Documents citing any of `keys` (or keys naming the same documents), grouped by
/// system; documents bearing a key themselves are not citing it.
pub(crate) fn cited_by_keys(
    index: &SearchIndex,
    keys: &[String],
    viewer: &Viewer,
    offset: usize,
    limit: usize,
) -> Result<CitedByAnswer, ApiError> {
    let keys: Vec<CitationKey> = keys
        .iter()
        .map(|key| key.trim())
        .filter(|key| !key.is_empty())
        .take(MAX_KEYS_PER_QUERY)
        .map(CitationKey::new)
        .collect();
    if keys.is_empty() {
        return Ok(CitedByResponse::empty(offset, limit).into());
    }
    Ok(index.cited_by_keys(&keys, viewer, offset, limit)?.into())
}

/// Documents citing `document` (through any identifier of any version of its work),
/// its own work excluded.
pub(crate) fn cited_by_document(
    index: &SearchIndex,
    document: &Document,
    viewer: &Viewer,
    limit: usize,
) -> Result<CitedByAnswer, ApiError> {
    match index.cited_by_document(&document.id, viewer, 0, limit)? {
        Some(graph) => Ok(graph.into()),
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
    viewer: &Viewer,
) -> Result<(u64, BTreeMap<String, Vec<FacetCount>>), ApiError> {
    let mut request = SearchRequest::new(query.unwrap_or_else(match_all_query));
    request.filters = filters;
    request.lang = lang;
    request.limit = 0;
    // Date order reads no candidate beyond the page (relevance re-ranks a window).
    request.sort = SortOrder::Date;
    request.facets = true;
    request.viewer = viewer.clone();
    let response = search(index, &request)?;
    Ok((response.total, response.facets))
}
