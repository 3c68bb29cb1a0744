//! What the index does not offer directly yet, derived from its public API:
//! translations of one document, what a document cites (resolved to documents), what
//! cites a document or a citation key, and facet values over everything. Each function
//! runs on the blocking pool (see `AppState::run_search`).

use crate::citation::paragraph_anchor;
use crate::error::ApiError;
use hrlex_index::{
    FacetCount, ParagraphHit, RequestFilter, SearchHit, SearchIndex, SearchRequest, SearchResponse,
    SortOrder, Translation,
};
use hrlex_model::{CitationKind, Document, System};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Citing documents listed per request (the rest is counted, and reachable by paging
/// the key's cited-by list).
pub(crate) const CITING_DOCUMENTS_LISTED: usize = 100;
/// Resolved cited documents looked up per document.
const CITED_DOCUMENTS_RESOLVED: usize = 100;
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

/// A quoted query value (quotes inside are dropped: the query language has no escape).
pub(crate) fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('"', " ").trim())
}

/// The system a citation key points into, for grouping unresolved citations.
pub(crate) fn system_of_key(key: &hrlex_model::CitationKey) -> System {
    match key.kind() {
        CitationKind::Un | CitationKind::Comm | CitationKind::Gc | CitationKind::Upr => System::Un,
        CitationKind::Ecthr | CitationKind::Ehrr | CitationKind::Hudoc | CitationKind::Ecli => {
            System::European
        }
        CitationKind::Iacthr | CitationKind::Iachr | CitationKind::Oas => System::InterAmerican,
        CitationKind::Achpr | CitationKind::Afchpr => System::African,
        _ => System::Other,
    }
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
    pub(crate) fn from_hit(hit: &SearchHit) -> Self {
        DocumentSummary {
            id: hit.id.clone(),
            title: hit.title.clone(),
            lang: hit.lang.code().to_string(),
            system: hit.system.clone(),
            mechanism: hit.mechanism.clone(),
            doc_type: hit.doc_type.clone(),
            symbol: hit.symbol.clone(),
            date: hit.date.clone(),
        }
    }
}

fn search(index: &SearchIndex, request: &SearchRequest) -> Result<SearchResponse, ApiError> {
    Ok(index.search(request)?)
}

/// The other language versions of `document` (same work). The index reports them on
/// search hits, so the document is found by a query that must match it: one of its
/// identifiers, its symbol, or the start of its title as a phrase.
pub(crate) fn translations(
    index: &SearchIndex,
    document: &Document,
) -> Result<Vec<Translation>, ApiError> {
    let mut queries: Vec<String> = Vec::new();
    if let Some(key) = document.identifiers.first() {
        queries.push(format!("id:{}", quoted(key.as_str())));
    }
    if let Some(symbol) = &document.symbol {
        queries.push(format!("symbol:{}", quoted(symbol)));
    }
    let title_start: String = if document.title.contains(char::is_whitespace) {
        document
            .title
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        document.title.chars().take(12).collect()
    };
    let title_start = title_start.replace('"', " ");
    if !title_start.trim().is_empty() {
        queries.push(quoted(&title_start));
    }
    for query in queries {
        let mut request = SearchRequest::new(query);
        request.lang = Some(document.lang);
        request.limit = 50;
        request.facets = false;
        let Ok(response) = index.search(&request) else {
            continue;
        };
        if let Some(hit) = response.hits.into_iter().find(|hit| hit.id == document.id) {
            return Ok(hit.translations);
        }
    }
    Ok(Vec::new())
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
    let mut by_key: BTreeMap<String, CitedKey> = BTreeMap::new();
    let mut key_systems: HashMap<String, System> = HashMap::new();
    for (position, paragraph) in document.paragraphs.iter().enumerate() {
        for citation in &paragraph.citations {
            // A document naming its own application number is not citing anything.
            if document.identifiers.contains(&citation.key) {
                continue;
            }
            let key = citation.key.as_str().to_string();
            key_systems.insert(key.clone(), system_of_key(&citation.key));
            let entry = by_key.entry(key.clone()).or_insert_with(|| CitedKey {
                key,
                surface: citation.surface.clone(),
                paragraphs: Vec::new(),
                documents: Vec::new(),
            });
            entry.paragraphs.push(CitingParagraph {
                index: position,
                n: paragraph.n.clone(),
                anchor: paragraph_anchor(paragraph.n.as_deref(), position),
                pin: citation.pin.clone(),
            });
        }
    }
    if !by_key.is_empty() {
        let mut request = SearchRequest::new(format!("cited_by:{}", quoted(&document.id)));
        request.limit = CITED_DOCUMENTS_RESOLVED;
        request.facets = false;
        let response = search(index, &request)?;
        for hit in &response.hits {
            let Some(cited) = index.document(&hit.id, request.access)? else {
                continue;
            };
            for identifier in &cited.identifiers {
                if let Some(entry) = by_key.get_mut(identifier.as_str()) {
                    entry.documents.push(DocumentSummary::from_hit(hit));
                    if let Some(system) = System::parse(&hit.system) {
                        key_systems.insert(identifier.as_str().to_string(), system);
                    }
                }
            }
        }
    }
    let total = by_key.len();
    let mut groups: BTreeMap<System, Vec<CitedKey>> = BTreeMap::new();
    for (key, cited) in by_key {
        let system = key_systems.get(&key).copied().unwrap_or(System::Other);
        groups.entry(system).or_default().push(cited);
    }
    Ok(CitesResponse {
        id: document.id.clone(),
        total,
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
    pub documents: Vec<CitingDocument>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CitedByResponse {
    /// The keys looked for.
    pub keys: Vec<String>,
    /// Citing documents.
    pub total: u64,
    pub offset: usize,
    pub limit: usize,
    pub systems: Vec<CitedByGroup>,
}

fn citing_snippet(paragraph: &ParagraphHit) -> CitingSnippet {
    CitingSnippet {
        index: paragraph.index,
        n: paragraph.n.clone(),
        anchor: paragraph_anchor(paragraph.n.as_deref(), paragraph.index),
        snippet: paragraph.snippet.clone(),
    }
}

/// Documents citing any of `keys`, grouped by system, excluding the work `exclude_work`
/// (a document citing itself or its own translation is not a citation).
pub(crate) fn cited_by_keys(
    index: &SearchIndex,
    keys: &[String],
    exclude_work: Option<&str>,
    offset: usize,
    limit: usize,
) -> Result<CitedByResponse, ApiError> {
    let keys: Vec<String> = keys
        .iter()
        .filter(|key| !key.trim().is_empty())
        .take(MAX_KEYS_PER_QUERY)
        .cloned()
        .collect();
    let mut response = CitedByResponse {
        keys: keys.clone(),
        total: 0,
        offset,
        limit,
        systems: Vec::new(),
    };
    if keys.is_empty() {
        return Ok(response);
    }
    let query = keys
        .iter()
        .map(|key| format!("cites:{}", quoted(key)))
        .collect::<Vec<_>>()
        .join(" OR ");
    let mut request = SearchRequest::new(query);
    request.offset = offset;
    request.limit = limit;
    request.sort = SortOrder::Date;
    request.facets = true;
    let found = search(index, &request)?;
    let mut excluded_by_system: HashMap<String, u64> = HashMap::new();
    let mut groups: BTreeMap<String, Vec<CitingDocument>> = BTreeMap::new();
    for hit in &found.hits {
        if exclude_work.is_some_and(|work| work == hit.work_id) {
            *excluded_by_system.entry(hit.system.clone()).or_insert(0) += 1;
            continue;
        }
        groups
            .entry(hit.system.clone())
            .or_default()
            .push(CitingDocument {
                document: DocumentSummary::from_hit(hit),
                paragraphs: hit.paragraphs.iter().map(citing_snippet).collect(),
            });
    }
    let system_counts: HashMap<&str, u64> = found
        .facets
        .get("system")
        .map(|values| {
            values
                .iter()
                .map(|value| (value.value.as_str(), value.count))
                .collect()
        })
        .unwrap_or_default();
    let excluded: u64 = excluded_by_system.values().sum();
    response.total = found.total.saturating_sub(excluded);
    let mut systems: Vec<String> = system_counts
        .keys()
        .map(|system| system.to_string())
        .collect();
    systems.sort();
    for system in systems {
        let count = system_counts[system.as_str()]
            .saturating_sub(excluded_by_system.get(&system).copied().unwrap_or(0));
        if count == 0 {
            continue;
        }
        response.systems.push(CitedByGroup {
            documents: groups.remove(&system).unwrap_or_default(),
            system,
            count,
        });
    }
    Ok(response)
}

/// Documents citing `document` (through any of its identifiers or its id).
pub(crate) fn cited_by_document(
    index: &SearchIndex,
    document: &Document,
    limit: usize,
) -> Result<CitedByResponse, ApiError> {
    let mut keys: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for key in document
        .identifiers
        .iter()
        .map(|key| key.as_str().to_string())
    {
        if seen.insert(key.clone()) {
            keys.push(key);
        }
    }
    cited_by_keys(index, &keys, Some(&document.work_id), 0, limit)
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
