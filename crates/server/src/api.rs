//! The JSON API under `/api/`, `/healthz` and `/metrics`. The routes are listed once in
//! [`api_routes`], which the router mounts and the OpenAPI test checks against
//! [`OPENAPI_JSON`].

use crate::audit::{audited, shown_to};
use crate::auth::Identity;
use crate::citation::citation_text;
use crate::derived;
use crate::error::ApiError;
use crate::routes::{route, Route};
use crate::state::{AppState, ServerLimits};
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Json;
use hrlex_index::query::FILTER_FIELDS;
use hrlex_index::{
    paragraph_anchors, FacetCount, RequestFilter, SearchRequest, SearchResponse, SortOrder,
    Translation, TranslationsAnswer,
};
use hrlex_model::{Access, Document, Lang, Viewer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The OpenAPI 3.1 description of the JSON API, served at `/api/openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("openapi.json");

/// One JSON route: what the router mounts and what the OpenAPI document must describe.
pub type ApiRoute = Route;

/// Every JSON route, once.
pub fn api_routes() -> Vec<ApiRoute> {
    vec![
        route(Method::GET, "/api/search", get(search_get)),
        route(Method::POST, "/api/search", post(search_post)),
        route(Method::GET, "/api/documents/{id}", get(document)),
        route(
            Method::GET,
            "/api/documents/{id}/translations",
            get(translations),
        ),
        route(Method::GET, "/api/documents/{id}/cites", get(cites)),
        route(
            Method::GET,
            "/api/documents/{id}/cited-by",
            get(document_cited_by),
        ),
        route(Method::GET, "/api/cited-by", get(key_cited_by)),
        route(Method::GET, "/api/facets", get(facets)),
        route(Method::GET, "/api/info", get(info)),
        route(Method::GET, "/api/openapi.json", get(openapi)),
        route(Method::GET, "/healthz", get(healthz)),
        route(Method::GET, "/metrics", get(metrics)),
    ]
}

/// Query-string pairs in order (repeated keys such as `filter` allowed).
pub(crate) type QueryPairs = Vec<(String, String)>;

/// Search parameters as given in a query string (API and web page alike).
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchParams {
    pub query: Option<String>,
    pub filters: Vec<RequestFilter>,
    pub lang: Option<Lang>,
    pub sort: SortOrder,
    pub offset: usize,
    pub limit: usize,
    pub facets: bool,
    /// Show a work's version in this language when it has one.
    pub prefer_lang: Option<Lang>,
    /// Stay in the languages typed: no expansion to the other languages' terms.
    pub one_language: bool,
}

fn parse_number(name: &str, value: &str) -> Result<usize, ApiError> {
    value.trim().parse::<usize>().map_err(|_| {
        ApiError::InvalidParameter(format!(
            "`{name}` must be a non-negative integer, got `{value}`"
        ))
    })
}

fn parse_bool(name: &str, value: &str) -> Result<bool, ApiError> {
    match value {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        _ => Err(ApiError::InvalidParameter(format!(
            "`{name}` must be true or false, got `{value}`"
        ))),
    }
}

pub(crate) fn parse_lang(value: &str) -> Result<Lang, ApiError> {
    Lang::parse(value).ok_or_else(|| {
        ApiError::InvalidParameter(format!(
            "unknown language `{value}`; use one of {}",
            Lang::ALL
                .iter()
                .map(|lang| lang.code())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}

/// `field:value` as in the query language.
pub(crate) fn parse_filter(value: &str) -> Result<RequestFilter, ApiError> {
    let Some((field, filter_value)) = value.split_once(':') else {
        return Err(ApiError::InvalidParameter(format!(
            "`filter` must be `field:value`, got `{value}`"
        )));
    };
    let field = field.trim();
    if !FILTER_FIELDS.contains(&field) {
        return Err(ApiError::InvalidParameter(format!(
            "unknown filter field `{field}`; use one of {}",
            FILTER_FIELDS.join(", ")
        )));
    }
    if filter_value.trim().is_empty() {
        return Err(ApiError::InvalidParameter(format!(
            "filter `{field}` has no value"
        )));
    }
    Ok(RequestFilter {
        field: field.to_string(),
        value: filter_value.trim().to_string(),
    })
}

fn check_query_length(query: &str, limits: &ServerLimits) -> Result<(), ApiError> {
    if query.len() > limits.max_query_bytes {
        return Err(ApiError::InvalidParameter(format!(
            "the query is {} bytes long; the limit is {}",
            query.len(),
            limits.max_query_bytes
        )));
    }
    Ok(())
}

/// The offset of 1-based `page`, refused (not wrapped around) when it lies beyond what
/// may be paged to.
fn offset_of_page(page: usize, limit: usize, limits: &ServerLimits) -> Result<usize, ApiError> {
    (page - 1)
        .checked_mul(limit)
        .filter(|offset| *offset <= limits.max_offset)
        .ok_or_else(|| {
            ApiError::InvalidParameter(format!(
                "page {page} lies beyond the first {} results, which is as deep as paging goes; refine the query or add filters",
                limits.max_offset
            ))
        })
}

impl SearchParams {
    /// Reads `q`, `filter` (repeatable), `lang`, `sort`, `offset` or `page` (1-based),
    /// `limit`, `facets`, `prefer_lang`, `one_language`; anything else is refused so that typos do not pass silently.
    pub(crate) fn from_pairs(
        pairs: &[(String, String)],
        limits: &ServerLimits,
        default_limit: usize,
    ) -> Result<SearchParams, ApiError> {
        let mut params = SearchParams {
            limit: default_limit,
            facets: true,
            ..SearchParams::default()
        };
        let mut page: Option<usize> = None;
        let mut offset: Option<usize> = None;
        for (name, value) in pairs {
            match name.as_str() {
                "q" => {
                    check_query_length(value, limits)?;
                    if !value.trim().is_empty() {
                        params.query = Some(value.clone());
                    }
                }
                "filter" => params.filters.push(parse_filter(value)?),
                "lang" if value.is_empty() => {}
                "lang" => params.lang = Some(parse_lang(value)?),
                "sort" => {
                    params.sort = match value.as_str() {
                        "" | "relevance" => SortOrder::Relevance,
                        "date" => SortOrder::Date,
                        _ => {
                            return Err(ApiError::InvalidParameter(format!(
                                "`sort` must be `relevance` or `date`, got `{value}`"
                            )))
                        }
                    }
                }
                "offset" => offset = Some(parse_number("offset", value)?),
                "page" => {
                    let number = parse_number("page", value)?;
                    if number == 0 {
                        return Err(ApiError::InvalidParameter("`page` starts at 1".to_string()));
                    }
                    page = Some(number);
                }
                "limit" => params.limit = parse_number("limit", value)?,
                "facets" => params.facets = parse_bool("facets", value)?,
                "prefer_lang" if value.is_empty() => {}
                "prefer_lang" => params.prefer_lang = Some(parse_lang(value)?),
                "one_language" => params.one_language = parse_bool("one_language", value)?,
                other => {
                    return Err(ApiError::InvalidParameter(format!(
                        "unknown parameter `{other}`"
                    )))
                }
            }
        }
        if page.is_some() && offset.is_some() {
            return Err(ApiError::InvalidParameter(
                "give `page` or `offset`, not both".to_string(),
            ));
        }
        params.offset = match (offset, page) {
            (Some(offset), _) => offset,
            (None, Some(page)) => offset_of_page(page, params.limit, limits)?,
            (None, None) => 0,
        };
        params.check_bounds(limits)?;
        Ok(params)
    }

    fn check_bounds(&self, limits: &ServerLimits) -> Result<(), ApiError> {
        if self.limit > limits.max_page_size {
            return Err(ApiError::InvalidParameter(format!(
                "`limit` is {}; the maximum page size is {}",
                self.limit, limits.max_page_size
            )));
        }
        if self.offset > limits.max_offset {
            return Err(ApiError::InvalidParameter(format!(
                "paging beyond {} results is refused (offset {}); refine the query or add filters",
                limits.max_offset, self.offset
            )));
        }
        Ok(())
    }

    /// The index request of `viewer`; an absent query with filters browses everything
    /// filtered.
    pub(crate) fn to_request(&self, viewer: &Viewer) -> Result<SearchRequest, ApiError> {
        let query = match &self.query {
            Some(query) => query.clone(),
            None if !self.filters.is_empty() || self.lang.is_some() => derived::match_all_query(),
            None => {
                return Err(ApiError::InvalidParameter(
                    "`q` is required (or at least one `filter`)".to_string(),
                ))
            }
        };
        Ok(SearchRequest {
            query,
            filters: self.filters.clone(),
            lang: self.lang,
            viewer: viewer.clone(),
            sort: self.sort,
            offset: self.offset,
            limit: self.limit,
            facets: self.facets,
            prefer_lang: self.prefer_lang,
            expand_languages: !self.one_language,
            details: true,
        })
    }
}

/// Runs a search within the limits.
pub(crate) async fn run_search_request(
    state: &AppState,
    request: SearchRequest,
) -> Result<SearchResponse, ApiError> {
    state
        .run_search(move |index| Ok(index.search(&request)?))
        .await
}

/// A search answered as JSON, audited when it shows non-public documents.
async fn search_answer(
    state: &AppState,
    identity: &Identity,
    params: &SearchParams,
) -> Result<Response, ApiError> {
    let request = params.to_request(&identity.viewer())?;
    let response = run_search_request(state, request).await?;
    let shown = shown_to(identity, &response);
    Ok(audited(Json(response), shown))
}

async fn search_get(
    State(state): State<AppState>,
    identity: Identity,
    pairs: Result<Query<QueryPairs>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(pairs) = pairs?;
    let params = SearchParams::from_pairs(&pairs, state.limits(), 10)?;
    search_answer(&state, &identity, &params).await
}

/// The body of `POST /api/search`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchBody {
    query: String,
    #[serde(default)]
    filters: Vec<RequestFilter>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    sort: SortOrder,
    #[serde(default)]
    offset: usize,
    #[serde(default = "default_limit")]
    limit: usize,
    #[serde(default = "default_true")]
    facets: bool,
    #[serde(default)]
    prefer_lang: Option<String>,
    #[serde(default)]
    one_language: bool,
}

fn default_limit() -> usize {
    10
}

fn default_true() -> bool {
    true
}

pub(crate) fn body_error(rejection: JsonRejection, limits: &ServerLimits) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::PayloadTooLarge {
            limit_bytes: limits.max_body_bytes,
        };
    }
    ApiError::InvalidBody(rejection.body_text())
}

async fn search_post(
    State(state): State<AppState>,
    identity: Identity,
    body: Result<Json<SearchBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|rejection| body_error(rejection, state.limits()))?;
    check_query_length(&body.query, state.limits())?;
    for filter in &body.filters {
        parse_filter(&format!("{}:{}", filter.field, filter.value))?;
    }
    let params = SearchParams {
        query: Some(body.query),
        filters: body.filters,
        lang: body.lang.as_deref().map(parse_lang).transpose()?,
        sort: body.sort,
        offset: body.offset,
        limit: body.limit,
        facets: body.facets,
        prefer_lang: body.prefer_lang.as_deref().map(parse_lang).transpose()?,
        one_language: body.one_language,
    };
    params.check_bounds(state.limits())?;
    search_answer(&state, &identity, &params).await
}

/// A paragraph of a document response.
#[derive(Debug, Serialize)]
pub(crate) struct DocumentParagraph {
    pub index: usize,
    pub n: Option<String>,
    /// The fragment of this paragraph on the document page (`para-53`).
    pub anchor: String,
    pub page: Option<u32>,
    pub lang: Option<Lang>,
    pub text: String,
    pub citations: Vec<CitationView>,
    /// Ready to paste, with this paragraph as pinpoint.
    pub citation: String,
}

/// A citation made by a paragraph (`hrlex_model::ParagraphCitation`, which the model
/// crate does not export by name yet).
#[derive(Debug, Serialize)]
pub(crate) struct CitationView {
    pub key: String,
    pub pin: Vec<String>,
    pub surface: String,
}

/// `GET /api/documents/{id}`.
#[derive(Debug, Serialize)]
pub(crate) struct DocumentResponse {
    pub id: String,
    pub work_id: String,
    pub lang: Lang,
    /// `restricted` or `confidential`; absent for a public document.
    #[serde(skip_serializing_if = "is_public")]
    pub access: Access,
    /// Right-to-left script.
    pub rtl: bool,
    pub title: String,
    pub system: String,
    pub mechanism: String,
    pub body: Option<String>,
    pub doc_type: String,
    pub symbol: Option<String>,
    pub case_name: Option<String>,
    pub identifiers: Vec<String>,
    pub states: Vec<String>,
    pub date: Option<String>,
    pub articles: Vec<String>,
    pub themes: Vec<String>,
    pub outcome: Option<String>,
    pub url: Option<String>,
    pub source: hrlex_index::SourceRef,
    /// How to cite the whole document.
    pub citation: String,
    pub translations: Vec<Translation>,
    pub paragraphs: Vec<DocumentParagraph>,
}

impl DocumentResponse {
    pub(crate) fn new(document: Document, translations: Vec<Translation>) -> Self {
        let anchors = paragraph_anchors(&document);
        let paragraphs = document
            .paragraphs
            .iter()
            .zip(anchors)
            .enumerate()
            .map(|(position, (paragraph, anchor))| DocumentParagraph {
                index: position,
                n: paragraph.n.clone(),
                anchor,
                page: paragraph.page,
                lang: paragraph.lang,
                text: paragraph.text.clone(),
                citations: paragraph
                    .citations
                    .iter()
                    .map(|citation| CitationView {
                        key: citation.key.as_str().to_string(),
                        pin: citation.pin.clone(),
                        surface: citation.surface.clone(),
                    })
                    .collect(),
                citation: citation_text(&document, paragraph.n.as_deref()),
            })
            .collect();
        DocumentResponse {
            citation: citation_text(&document, None),
            system: document.system().code().to_string(),
            mechanism: document.mechanism.code().to_string(),
            doc_type: document.doc_type.code().to_string(),
            rtl: document.lang.is_rtl(),
            identifiers: document
                .identifiers
                .iter()
                .map(|key| key.as_str().to_string())
                .collect(),
            source: hrlex_index::SourceRef {
                path: document.source.path.clone(),
                record: document.source.record.clone(),
            },
            id: document.id,
            work_id: document.work_id,
            lang: document.lang,
            access: document.access,
            title: document.title,
            body: document.body,
            symbol: document.symbol,
            case_name: document.case_name,
            states: document.states,
            date: document.date,
            articles: document.articles,
            themes: document.themes,
            outcome: document.outcome,
            url: document.url,
            translations,
            paragraphs,
        }
    }
}

fn is_public(access: &Access) -> bool {
    *access == Access::Public
}

/// Loads a document `viewer` may see or answers 404 (whether it does not exist or may
/// not be seen: the answer does not tell).
pub(crate) fn load_document(
    index: &hrlex_index::SearchIndex,
    id: &str,
    viewer: &Viewer,
) -> Result<Document, ApiError> {
    index
        .document(id, viewer)?
        .ok_or_else(|| ApiError::DocumentNotFound(id.to_string()))
}

async fn document(
    State(state): State<AppState>,
    identity: Identity,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(id) = id?;
    let viewer = identity.viewer();
    let response = state
        .run_search(move |index| {
            let document = load_document(index, &id, &viewer)?;
            let translations = derived::translations(index, &document, &viewer)?;
            Ok(DocumentResponse::new(document, translations))
        })
        .await?;
    let shown = shown_to(&identity, &response);
    Ok(audited(Json(response), shown))
}

async fn translations(
    State(state): State<AppState>,
    identity: Identity,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(id) = id?;
    let viewer = identity.viewer();
    let response = state
        .run_search(move |index| {
            let document = load_document(index, &id, &viewer)?;
            let translations = derived::translations(index, &document, &viewer)?;
            Ok((
                document.access,
                TranslationsAnswer::new(&document, translations),
            ))
        })
        .await?;
    let (access, answer) = response;
    // The answer names its document without its access level: add it by hand.
    let mut shown = shown_to(&identity, &answer);
    if !identity.viewer().is_public() {
        shown.add(&answer.id, access);
    }
    Ok(audited(Json(answer), shown))
}

async fn cites(
    State(state): State<AppState>,
    identity: Identity,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(id) = id?;
    let viewer = identity.viewer();
    let response = state
        .run_search(move |index| {
            let document = load_document(index, &id, &viewer)?;
            derived::cites(index, &document, &viewer)
        })
        .await?;
    let shown = shown_to(&identity, &response);
    Ok(audited(Json(response), shown))
}

fn no_parameters_but(pairs: &[(String, String)], allowed: &[&str]) -> Result<(), ApiError> {
    for (name, _) in pairs {
        if !allowed.contains(&name.as_str()) {
            return Err(ApiError::InvalidParameter(format!(
                "unknown parameter `{name}`"
            )));
        }
    }
    Ok(())
}

fn page_parameters(
    pairs: &[(String, String)],
    limits: &ServerLimits,
    default_limit: usize,
) -> Result<(usize, usize), ApiError> {
    let mut offset = 0;
    let mut limit = default_limit;
    for (name, value) in pairs {
        match name.as_str() {
            "offset" => offset = parse_number("offset", value)?,
            "limit" => limit = parse_number("limit", value)?,
            _ => {}
        }
    }
    let params = SearchParams {
        offset,
        limit,
        ..SearchParams::default()
    };
    params.check_bounds(limits)?;
    Ok((offset, limit))
}

async fn document_cited_by(
    State(state): State<AppState>,
    identity: Identity,
    id: Result<Path<String>, PathRejection>,
    pairs: Result<Query<QueryPairs>, QueryRejection>,
) -> Result<Response, ApiError> {
    let (Path(id), Query(pairs)) = (id?, pairs?);
    no_parameters_but(&pairs, &["limit"])?;
    let (_, limit) = page_parameters(
        &pairs,
        state.limits(),
        derived::CITING_DOCUMENTS_LISTED.min(state.limits().max_page_size),
    )?;
    let viewer = identity.viewer();
    let response = state
        .run_search(move |index| {
            let document = load_document(index, &id, &viewer)?;
            derived::cited_by_document(index, &document, &viewer, limit)
        })
        .await?;
    let shown = shown_to(&identity, &response);
    Ok(audited(Json(response), shown))
}

/// The parameters of a citation key's cited-by list, the same for the API and the page.
pub(crate) struct CitedByKeyParams {
    pub keys: Vec<String>,
    pub offset: usize,
    pub limit: usize,
}

impl CitedByKeyParams {
    /// Reads `key` (repeatable, each bounded like a query), `offset` and `limit`.
    pub(crate) fn from_pairs(
        pairs: &[(String, String)],
        limits: &ServerLimits,
        default_limit: usize,
    ) -> Result<CitedByKeyParams, ApiError> {
        no_parameters_but(pairs, &["key", "offset", "limit"])?;
        let keys: Vec<String> = pairs
            .iter()
            .filter(|(name, value)| name == "key" && !value.trim().is_empty())
            .map(|(_, value)| value.trim().to_string())
            .collect();
        if keys.is_empty() {
            return Err(ApiError::InvalidParameter(
                "`key` is required (a citation key such as `comm:CCPR:1153/2003`)".to_string(),
            ));
        }
        if keys.len() > hrlex_index::query::MAX_CLAUSES {
            return Err(ApiError::InvalidParameter(format!(
                "{} keys given; the limit is {}",
                keys.len(),
                hrlex_index::query::MAX_CLAUSES
            )));
        }
        for key in &keys {
            check_query_length(key, limits)?;
        }
        let (offset, limit) = page_parameters(pairs, limits, default_limit)?;
        Ok(CitedByKeyParams {
            keys,
            offset,
            limit,
        })
    }
}

async fn key_cited_by(
    State(state): State<AppState>,
    identity: Identity,
    pairs: Result<Query<QueryPairs>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(pairs) = pairs?;
    let params = CitedByKeyParams::from_pairs(&pairs, state.limits(), 20)?;
    let viewer = identity.viewer();
    let response = state
        .run_search(move |index| {
            derived::cited_by_keys(index, &params.keys, &viewer, params.offset, params.limit)
        })
        .await?;
    let shown = shown_to(&identity, &response);
    Ok(audited(Json(response), shown))
}

#[derive(Debug, Serialize)]
struct FacetsResponse {
    /// Documents counted.
    total: u64,
    facets: BTreeMap<String, Vec<FacetCount>>,
}

async fn facets(
    State(state): State<AppState>,
    identity: Identity,
    pairs: Result<Query<QueryPairs>, QueryRejection>,
) -> Result<Json<FacetsResponse>, ApiError> {
    let Query(pairs) = pairs?;
    let mut fields: Vec<String> = Vec::new();
    let mut search_pairs: Vec<(String, String)> = Vec::new();
    for (name, value) in pairs {
        match name.as_str() {
            "field" => {
                if !hrlex_index::facet_names().any(|facet| facet == value) {
                    let known: Vec<&str> = hrlex_index::facet_names().collect();
                    return Err(ApiError::InvalidParameter(format!(
                        "unknown facet `{value}`; use one of {}",
                        known.join(", ")
                    )));
                }
                fields.push(value);
            }
            "q" | "filter" | "lang" => search_pairs.push((name, value)),
            other => {
                return Err(ApiError::InvalidParameter(format!(
                    "unknown parameter `{other}`"
                )))
            }
        }
    }
    let params = SearchParams::from_pairs(&search_pairs, state.limits(), 0)?;
    let viewer = identity.viewer();
    let (total, mut facets) = state
        .run_search(move |index| {
            derived::facet_values(index, params.query, params.filters, params.lang, &viewer)
        })
        .await?;
    if !fields.is_empty() {
        facets.retain(|name, _| fields.contains(name));
    }
    Ok(Json(FacetsResponse { total, facets }))
}

#[derive(Debug, Serialize)]
struct InfoResponse {
    generation: u64,
    documents: u64,
    schema_version: &'static str,
    limits: LimitsView,
}

/// The limits as integrators need them.
#[derive(Debug, Serialize)]
struct LimitsView {
    max_query_bytes: usize,
    max_nesting: usize,
    max_clauses: usize,
    max_page_size: usize,
    max_offset: usize,
    max_body_bytes: usize,
    search_budget_ms: u128,
}

/// Counts what the caller may see.
async fn info(
    State(state): State<AppState>,
    identity: Identity,
) -> Result<Json<InfoResponse>, ApiError> {
    let viewer = identity.viewer();
    let index_info = state
        .run_search(move |index| Ok(index.info(&viewer)?))
        .await?;
    let limits = state.limits();
    Ok(Json(InfoResponse {
        generation: index_info.generation,
        documents: index_info.documents,
        schema_version: hrlex_index::SCHEMA_VERSION,
        limits: LimitsView {
            max_query_bytes: limits.max_query_bytes,
            max_nesting: hrlex_index::query::MAX_NESTING,
            max_clauses: hrlex_index::query::MAX_CLAUSES,
            max_page_size: limits.max_page_size,
            max_offset: limits.max_offset,
            max_body_bytes: limits.max_body_bytes,
            search_budget_ms: limits.search_budget.as_millis(),
        },
    }))
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON).into_response()
}

#[derive(Debug, Serialize)]
struct HealthResponse {
    status: &'static str,
    generation: u64,
    documents: u64,
}

/// Healthy when the index answers a count; 503 `index_unavailable` when it cannot.
/// Takes no search slot: it answers while searches saturate the server.
async fn healthz(State(state): State<AppState>) -> Result<Json<HealthResponse>, ApiError> {
    let index_info = state
        .read_index(|index| Ok(index.info(&Viewer::Public)?))
        .await?;
    Ok(Json(HealthResponse {
        status: "ok",
        generation: index_info.generation,
        documents: index_info.documents,
    }))
}

async fn metrics(State(state): State<AppState>) -> Response {
    let index_info = state
        .read_index(|index| Ok(index.info(&Viewer::Public)?))
        .await;
    let (generation, documents) = match index_info {
        Ok(info) => (Some(info.generation), Some(info.documents)),
        Err(_) => (None, None),
    };
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        crate::metrics::render(&state, generation, documents),
    )
        .into_response()
}
