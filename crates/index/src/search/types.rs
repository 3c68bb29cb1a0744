//! The search contract: what a caller asks ([`SearchRequest`]) and what it gets back
//! ([`SearchResponse`]), as `hrlex search --json` and `/api/search` serialize them.

use crate::folder::IndexStamp;
use hrlex_model::{Access, Lang, Viewer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Sort order of hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// A filter given beside the query (`field` as in the query language: `state`,
/// `mechanism`, `type`, `lang`, `year`, `outcome`, `system`, `theme`, `response`,
/// `status`, `id`, `cites`, `cited_by`). Values of one field are ORed, fields ANDed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFilter {
    pub field: String,
    pub value: String,
}

/// A search.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Vec<RequestFilter>,
    /// Only this language; all languages when `None`.
    pub lang: Option<Lang>,
    /// Who asks: documents they may not see are neither returned, counted nor weighed.
    /// Never read from a request body: the server sets it from the caller's token.
    #[serde(skip)]
    pub viewer: Viewer,
    pub sort: SortOrder,
    pub offset: usize,
    pub limit: usize,
    /// Compute facet counts.
    pub facets: bool,
    /// Of the versions of a work, the hit shows the one in this language when it
    /// matches (the caller's language); the others are listed as its translations.
    pub prefer_lang: Option<Lang>,
    /// A word or phrase of the legal vocabulary (a treaty, body or term of art) also
    /// matches its forms in the other languages; off, only its synonyms and spelling
    /// variants in the language(s) it was typed in.
    pub expand_languages: bool,
    /// Each hit lists its best paragraphs with snippets, and its work's other language
    /// versions; off, hits carry neither (what other engines return: the ranking still
    /// reads the paragraphs, the page does not).
    pub details: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            filters: Vec::new(),
            lang: None,
            viewer: Viewer::Public,
            sort: SortOrder::Relevance,
            offset: 0,
            limit: 10,
            facets: true,
            prefer_lang: None,
            expand_languages: true,
            details: true,
        }
    }
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            ..SearchRequest::default()
        }
    }
}

/// The file (and record) a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
}

/// A matching paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphHit {
    /// The number as printed (`18 (c)`, `75`), `None` when unnumbered.
    pub n: Option<String>,
    /// 0-based position of the paragraph in the document.
    pub index: usize,
    pub page: Option<u32>,
    /// HTML-escaped; see [`SearchResponse::snippet_format`].
    pub snippet: String,
}

/// Another language version of a hit's work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Translation {
    pub lang: Lang,
    pub id: String,
    /// Said only when not public (the audit log records who saw such documents).
    #[serde(skip_serializing_if = "Access::is_public")]
    pub access: Access,
}

/// One matching document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: String,
    pub work_id: String,
    pub title: String,
    pub lang: Lang,
    pub mechanism: String,
    pub system: String,
    pub doc_type: String,
    pub symbol: Option<String>,
    pub date: Option<String>,
    pub states: Vec<String>,
    pub source: SourceRef,
    /// Said only when not public.
    #[serde(skip_serializing_if = "Access::is_public")]
    pub access: Access,
    pub score: f32,
    pub paragraphs: Vec<ParagraphHit>,
    pub translations: Vec<Translation>,
}

/// A facet value and how many matching documents carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// The answer to a [`SearchRequest`] (the JSON of `hrlex search --json`).
#[derive(Debug, Clone, Serialize)]
pub struct SearchResponse {
    /// Matching works the caller may see: matching documents less the metadata-only
    /// records collapsed into their full-text twin (`collapse_twins`) and, in relevance
    /// order, less the other versions of a work already listed (`one_hit_per_work`).
    /// Collapsing is seen only among the candidates fetched for the page, so where more
    /// documents match than were fetched, `total_exact` is false and `total` is an upper
    /// bound. The facets leave out the same records.
    pub total: u64,
    pub total_exact: bool,
    /// No document had every word of the query; these have most of them.
    pub relaxed: bool,
    pub offset: usize,
    pub limit: usize,
    pub hits: Vec<SearchHit>,
    /// Field → values by decreasing count. Single-valued fields (system, mechanism,
    /// doc_type, lang) add up to `total`; multi-valued ones (state, theme) may exceed it;
    /// optional ones (year, outcome, response, status) count only documents that have one.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    /// How `snippet`s are encoded.
    pub snippet_format: &'static str,
}

/// What an index is and who built it.
#[derive(Debug, Clone, Serialize)]
pub struct IndexInfo {
    pub path: PathBuf,
    pub generation: u64,
    pub documents: u64,
    pub stamp: Option<IndexStamp>,
}
