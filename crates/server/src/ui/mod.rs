//! The web interface, rendered on the server (no front-end build): the search page, the
//! document page and a citation key's cited-by page, plus the embedded stylesheet and a
//! small script (copy citation, `/` to focus the search box). All state is in the URL.

mod html;
mod sign_in;

use crate::api::{load_document, run_search_request, CitedByKeyParams, QueryPairs, SearchParams};
use crate::audit::{audited, shown_to};
use crate::auth::Identity;
use crate::citation::citation_text;
use crate::derived;
use crate::error::ApiError;
use crate::routes::{route, Route};
use crate::state::AppState;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use hrlex_index::{
    paragraph_anchor, paragraph_anchors, CitedByAnswer, CitesAnswer, FacetCount, SearchResponse,
    SortOrder, Translation,
};
use hrlex_model::{Document, Lang, System};
use html::{document_url, escape, query_string, url_encode};
use std::collections::BTreeMap;
use std::fmt::Write as _;

const STYLESHEET: &str = include_str!("app.css");
const SCRIPT: &str = include_str!("app.js");
/// Hits per page in the web interface.
const PAGE_SIZE: usize = 10;
/// Citing documents per page of a key's cited-by page.
const CITED_BY_PAGE_SIZE: usize = 50;
/// Facet values shown per facet.
const FACET_VALUES_SHOWN: usize = 12;
/// The label of a facet (`hrlex_index::facet_names`, which gives their order).
fn facet_label(facet: &str) -> &str {
    match facet {
        "system" => "System",
        "mechanism" => "Mechanism",
        "doc_type" => "Document type",
        "lang" => "Language",
        "state" => "State",
        "year" => "Year",
        "outcome" => "Outcome",
        "theme" => "Theme",
        "response" => "Response",
        "status" => "Implementation",
        other => other,
    }
}

/// Every route of the web page, once.
pub(crate) fn routes() -> Vec<Route> {
    vec![
        route(Method::GET, "/", get(search_page)),
        route(Method::GET, "/documents/{id}", get(document_page)),
        route(Method::GET, "/cited-by", get(cited_by_page)),
        route(Method::GET, "/sign-in", get(sign_in::sign_in_page)),
        route(Method::POST, "/sign-in", post(sign_in::sign_in)),
        route(Method::POST, "/sign-out", post(sign_in::sign_out)),
        route(Method::GET, "/static/app.css", get(stylesheet)),
        route(Method::GET, "/static/app.js", get(script)),
        route(
            Method::GET,
            "/favicon.ico",
            get(|| async { StatusCode::NO_CONTENT }),
        ),
    ]
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        STYLESHEET,
    )
        .into_response()
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// The name of a language in that language.
fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "العربية",
        Lang::Zh => "中文",
        Lang::En => "English",
        Lang::Fr => "Français",
        Lang::Ru => "Русский",
        Lang::Es => "Español",
        Lang::Pt => "Português",
        Lang::Other => "Other language",
        Lang::Und => "Unknown language",
    }
}

fn system_name(code: &str) -> String {
    match System::parse(code) {
        Some(System::Un) => "United Nations".to_string(),
        Some(System::European) => "European system".to_string(),
        Some(System::InterAmerican) => "Inter-American system".to_string(),
        Some(System::African) => "African system".to_string(),
        Some(System::National) => "National courts".to_string(),
        Some(System::Other) | None => "Other".to_string(),
    }
}

fn facet_value_label(facet: &str, value: &str) -> String {
    match facet {
        "lang" => Lang::parse(value)
            .map_or_else(|| value.to_string(), |lang| language_name(lang).to_string()),
        "system" => system_name(value),
        "mechanism" => value.to_uppercase(),
        _ => value.replace('-', " "),
    }
}

/// The filter field a facet filters by.
fn facet_filter_field(facet: &str) -> &str {
    match facet {
        "doc_type" => "type",
        other => other,
    }
}

/// The HTML `lang`/`dir` attributes of text in `lang`.
fn lang_attributes(lang: Lang) -> String {
    let code = match lang {
        Lang::Other | Lang::Und => return " dir=\"auto\"".to_string(),
        other => other.code(),
    };
    let direction = if lang.is_rtl() { "rtl" } else { "ltr" };
    format!(" lang=\"{code}\" dir=\"{direction}\"")
}

const SYNTAX_HELP: &str = r#"<details class="syntax-help">
<summary>Query syntax</summary>
<dl>
<dt><code>torture refoulement</code></dt><dd>documents with all the words (any language)</dd>
<dt><code>"enforced disappearance"</code></dt><dd>exact phrase</dd>
<dt><code>torture OR "ill-treatment"</code>, <code>NOT</code>, <code>-word</code>, <code>( … )</code></dt><dd>Boolean operators and grouping</dd>
<dt><code>discrimin*</code>, <code>torure~1</code></dt><dd>prefix (2+ letters, no leading <code>*</code>), fuzzy (distance 1 or 2)</dd>
<dt><code>state:mexico mechanism:cedaw type:views lang:es year:2010..2015 outcome:violation system:african</code></dt><dd>filters</dd>
<dt><code>CEDAW/C/MEX/CO/7-8</code>, <code>symbol:"A/HRC/15/56"</code></dt><dd>a document by its symbol or application number</dd>
<dt><code>cites:comm:CCPR:1153/2003</code>, <code>cited_by:hudoc:001-57534</code></dt><dd>what cites a decision, what a decision cites</dd>
</dl>
</details>"#;

/// The page frame: header with the search form and who is signed in, then `main`.
fn layout(title: &str, params: Option<&SearchParams>, identity: &Identity, main: &str) -> String {
    let query = params
        .and_then(|params| params.query.clone())
        .unwrap_or_default();
    let mut hidden = String::new();
    let mut sort_options = String::new();
    if let Some(params) = params {
        for filter in &params.filters {
            let _ = write!(
                hidden,
                r#"<input type="hidden" name="filter" value="{}">"#,
                escape(&format!("{}:{}", filter.field, filter.value))
            );
        }
        if let Some(lang) = params.lang {
            let _ = write!(
                hidden,
                r#"<input type="hidden" name="lang" value="{}">"#,
                lang.code()
            );
        }
        if let Some(lang) = params.prefer_lang {
            let _ = write!(
                hidden,
                r#"<input type="hidden" name="prefer_lang" value="{}">"#,
                lang.code()
            );
        }
    }
    let one_language = if params.is_some_and(|params| params.one_language) {
        " checked"
    } else {
        ""
    };
    let by_date = params.is_some_and(|params| params.sort == SortOrder::Date);
    let _ = write!(
        sort_options,
        r#"<option value="relevance"{}>Relevance</option><option value="date"{}>Newest first</option>"#,
        if by_date { "" } else { " selected" },
        if by_date { " selected" } else { "" }
    );
    format!(
        r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · hrlex</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<a class="brand" href="/">hrlex</a>
<form class="search-form" role="search" action="/" method="get">
<label for="q" class="visually-hidden">Search human-rights case law</label>
<input id="q" name="q" type="search" value="{query}" placeholder="torture non-refoulement, &quot;enforced disappearance&quot;, CCPR/C/85/D/1153/2003" autocomplete="off" aria-describedby="search-hint">
{hidden}<label for="sort" class="visually-hidden">Sort by</label>
<select id="sort" name="sort">{sort_options}</select>
<label class="one-language"><input type="checkbox" name="one_language" value="true"{one_language}> Only the languages typed</label>
<button type="submit">Search</button>
</form>
{account}<p id="search-hint" class="hint">Press <kbd>/</kbd> to search. Decisions, views, judgments and recommendations of UN and regional human-rights bodies.</p>
{SYNTAX_HELP}
</header>
<main id="main" tabindex="-1">
{main}
</main>
<p id="copy-status" class="copy-status" role="status" aria-live="polite"></p>
</body>
</html>
"##,
        title = escape(title),
        query = escape(&query),
        account = sign_in::account_section(identity),
    )
}

fn html_response(status: StatusCode, body: String) -> Response {
    (status, Html(body)).into_response()
}

fn error_section(error: &ApiError, query: Option<&str>) -> String {
    let mut section = format!(
        r#"<section class="error" role="alert"><h1>{}</h1><p>{}</p>"#,
        match error.presentation().status.as_u16() {
            400 => "The search could not be run",
            404 => "Not found",
            503 => "Busy",
            _ => "Something went wrong",
        },
        escape(&error.public_message())
    );
    if let (ApiError::InvalidQuery(query_error), Some(query)) = (error, query) {
        let before: String = query
            .chars()
            .take(query_error.column.saturating_sub(1))
            .collect();
        let after: String = query
            .chars()
            .skip(query_error.column.saturating_sub(1))
            .collect();
        let _ = write!(
            section,
            r#"<p class="query-position">Column {}: <code>{}<span class="caret" aria-hidden="true">⟦</span>{}</code></p>"#,
            query_error.column,
            escape(&before),
            escape(&after)
        );
    }
    section.push_str("</section>");
    section
}

fn error_page(error: &ApiError, params: Option<&SearchParams>, identity: &Identity) -> Response {
    error.log();
    let query = params.and_then(|params| params.query.as_deref());
    let mut response = html_response(
        error.presentation().status,
        layout("Error", params, identity, &error_section(error, query)),
    );
    error.add_headers(response.headers_mut());
    response
}

pub(crate) fn not_found_page(path: &str, identity: &Identity) -> Response {
    let error = ApiError::RouteNotFound(path.to_string());
    error_page(&error, None, identity)
}

/// The current search's parameters as pairs, for building links.
fn search_pairs(params: &SearchParams) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    if let Some(query) = &params.query {
        pairs.push(("q".to_string(), query.clone()));
    }
    for filter in &params.filters {
        pairs.push((
            "filter".to_string(),
            format!("{}:{}", filter.field, filter.value),
        ));
    }
    if let Some(lang) = params.lang {
        pairs.push(("lang".to_string(), lang.code().to_string()));
    }
    if params.sort == SortOrder::Date {
        pairs.push(("sort".to_string(), "date".to_string()));
    }
    if let Some(lang) = params.prefer_lang {
        pairs.push(("prefer_lang".to_string(), lang.code().to_string()));
    }
    if params.one_language {
        pairs.push(("one_language".to_string(), "true".to_string()));
    }
    pairs
}

fn facet_sidebar(params: &SearchParams, facets: &BTreeMap<String, Vec<FacetCount>>) -> String {
    let base = search_pairs(params);
    let mut sidebar = String::from(
        r#"<aside class="facets" aria-labelledby="facets-heading"><h2 id="facets-heading">Refine</h2>"#,
    );
    if !params.filters.is_empty() {
        sidebar.push_str(r#"<ul class="active-filters" aria-label="Active filters">"#);
        for filter in &params.filters {
            let token = format!("{}:{}", filter.field, filter.value);
            let remaining: Vec<(String, String)> = base
                .iter()
                .filter(|(name, value)| !(name == "filter" && *value == token))
                .cloned()
                .collect();
            let _ = write!(
                sidebar,
                r#"<li><a class="remove-filter" href="/{}" aria-label="Remove filter {}">{} <span aria-hidden="true">×</span></a></li>"#,
                escape(&query_string(&remaining)),
                escape(&token),
                escape(&token)
            );
        }
        sidebar.push_str("</ul>");
    }
    for facet in hrlex_index::facet_names() {
        let Some(values) = facets.get(facet).filter(|values| !values.is_empty()) else {
            continue;
        };
        let label = facet_label(facet);
        let field = facet_filter_field(facet);
        let _ = write!(
            sidebar,
            r#"<section class="facet" data-facet="{facet}"><h3 id="facet-{facet}">{label}</h3><ul aria-labelledby="facet-{facet}">"#
        );
        for value in values.iter().take(FACET_VALUES_SHOWN) {
            let token = format!("{field}:{}", value.value);
            let selected = params
                .filters
                .iter()
                .any(|filter| filter.field == field && filter.value == value.value);
            let pairs: Vec<(String, String)> = if selected {
                base.iter()
                    .filter(|(name, existing)| !(name == "filter" && *existing == token))
                    .cloned()
                    .collect()
            } else {
                let mut pairs = base.clone();
                pairs.push(("filter".to_string(), token.clone()));
                pairs
            };
            let _ = write!(
                sidebar,
                r#"<li><a href="/{href}" data-filter="{token}"{current}><span class="facet-value">{label}</span> <span class="facet-count">{count}</span></a></li>"#,
                href = escape(&query_string(&pairs)),
                token = escape(&token),
                current = if selected {
                    r#" aria-current="true" class="selected""#
                } else {
                    ""
                },
                label = escape(&facet_value_label(facet, &value.value)),
                count = value.count,
            );
        }
        sidebar.push_str("</ul></section>");
    }
    sidebar.push_str("</aside>");
    sidebar
}

fn translation_links(translations: &[Translation]) -> String {
    translations
        .iter()
        .map(|translation| {
            format!(
                r#"<a href="{}" hreflang="{code}" lang="{code}">{}</a>"#,
                escape(&document_url(&translation.id)),
                language_name(translation.lang),
                code = translation.lang.code()
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn pin_label(n: Option<&str>, index: usize, european: bool) -> String {
    match n {
        Some(n) if european => format!("§ {n}"),
        Some(n) => format!("para. {n}"),
        None => format!("¶ {}", index + 1),
    }
}

fn results_section(params: &SearchParams, response: &SearchResponse, max_offset: usize) -> String {
    let mut main = String::new();
    let shown_from = response.offset + 1;
    let shown_to = response.offset + response.hits.len();
    let query_label = params
        .query
        .as_deref()
        .map(|query| format!(" for <q>{}</q>", escape(query)))
        .unwrap_or_default();
    let _ = write!(
        main,
        r#"<p id="result-count" class="result-count" role="status">{} document{} found{query_label}{}</p>"#,
        response.total,
        if response.total == 1 { "" } else { "s" },
        if response.hits.is_empty() {
            String::new()
        } else {
            format!(" · showing {shown_from}–{shown_to}")
        }
    );
    if response.hits.is_empty() {
        main.push_str(r#"<p class="no-results">No document matches. Remove a filter, check the spelling, or try <code>word~1</code> for a fuzzy match.</p>"#);
    }
    let _ = write!(main, r#"<ol class="results" start="{shown_from}">"#);
    for hit in &response.hits {
        let url = document_url(&hit.id);
        let european = hit.system == System::European.code();
        let mut meta: Vec<String> =
            vec![hit.mechanism.to_uppercase(), hit.doc_type.replace('-', " ")];
        meta.extend(hit.symbol.clone());
        meta.extend(hit.date.clone());
        if !hit.states.is_empty() {
            meta.push(hit.states.join(", "));
        }
        meta.push(language_name(hit.lang).to_string());
        let _ = write!(
            main,
            r#"<li class="result"><h2 class="result-title"><a href="{}"{}>{}</a></h2><p class="result-meta">{}</p>"#,
            escape(&url),
            lang_attributes(hit.lang),
            escape(if hit.title.is_empty() {
                &hit.id
            } else {
                &hit.title
            }),
            meta.iter()
                .map(|part| escape(part))
                .collect::<Vec<_>>()
                .join(" · ")
        );
        if !hit.paragraphs.is_empty() {
            main.push_str(r#"<ul class="hit-paragraphs">"#);
            for paragraph in &hit.paragraphs {
                let anchor = paragraph_anchor(paragraph.n.as_deref(), paragraph.index);
                let _ = write!(
                    main,
                    // The snippet is escaped by the index, `<mark>` being its only markup.
                    r#"<li><a class="pin" href="{}#{}">{}</a> <span class="snippet"{}>{}</span></li>"#,
                    escape(&url),
                    escape(&anchor),
                    escape(&pin_label(
                        paragraph.n.as_deref(),
                        paragraph.index,
                        european
                    )),
                    lang_attributes(hit.lang),
                    paragraph.snippet
                );
            }
            main.push_str("</ul>");
        }
        if !hit.translations.is_empty() {
            let _ = write!(
                main,
                r#"<p class="result-versions">Also in: {}</p>"#,
                translation_links(&hit.translations)
            );
        }
        main.push_str("</li>");
    }
    main.push_str("</ol>");
    main.push_str(&pagination(params, response, max_offset));
    main
}

fn pagination(params: &SearchParams, response: &SearchResponse, max_offset: usize) -> String {
    let page_size = params.limit.max(1);
    let pages = (response.total as usize).div_ceil(page_size);
    if pages <= 1 {
        return String::new();
    }
    let current = params.offset / page_size + 1;
    let link = |page: usize| {
        let mut pairs = search_pairs(params);
        if page > 1 {
            pairs.push(("page".to_string(), page.to_string()));
        }
        format!("/{}", query_string(&pairs))
    };
    let mut nav = String::from(r#"<nav class="pagination" aria-label="Result pages"><ul>"#);
    if current > 1 {
        let _ = write!(
            nav,
            r#"<li><a rel="prev" href="{}">← Previous</a></li>"#,
            escape(&link(current - 1))
        );
    }
    let _ = write!(
        nav,
        r#"<li><span aria-current="page">Page {current} of {pages}</span></li>"#
    );
    let reachable = params.offset + page_size <= max_offset;
    if current < pages && reachable {
        let _ = write!(
            nav,
            r#"<li><a rel="next" href="{}">Next →</a></li>"#,
            escape(&link(current + 1))
        );
    }
    nav.push_str("</ul></nav>");
    nav
}

fn landing_section(total: u64) -> String {
    format!(
        r#"<section class="landing"><h1>Search human-rights case law</h1>
<p>{total} documents from UN treaty bodies, the Universal Periodic Review, special procedures, and the European, Inter-American and African systems, in the six UN languages and Portuguese.</p>
<p>Type words, a phrase in quotes, a symbol such as <code>CCPR/C/85/D/1153/2003</code>, or pick a filter.</p></section>"#
    )
}

async fn search_page(
    State(state): State<AppState>,
    identity: Identity,
    pairs: Result<Query<QueryPairs>, QueryRejection>,
) -> Response {
    let Query(pairs) = match pairs {
        Ok(pairs) => pairs,
        Err(rejection) => return error_page(&ApiError::from(rejection), None, &identity),
    };
    let params = match SearchParams::from_pairs(&pairs, state.limits(), PAGE_SIZE) {
        Ok(params) => params,
        Err(error) => return error_page(&error, None, &identity),
    };
    let browsing = params.query.is_none() && params.filters.is_empty() && params.lang.is_none();
    let viewer = identity.viewer();
    if browsing {
        let facets = state
            .run_search(move |index| derived::facet_values(index, None, Vec::new(), None, &viewer))
            .await;
        return match facets {
            Ok((total, facets)) => html_response(
                StatusCode::OK,
                layout(
                    "Search",
                    Some(&params),
                    &identity,
                    &format!(
                        r#"<div class="layout">{}<div class="content">{}</div></div>"#,
                        facet_sidebar(&params, &facets),
                        landing_section(total)
                    ),
                ),
            ),
            Err(error) => error_page(&error, Some(&params), &identity),
        };
    }
    let request = match params.to_request(&viewer) {
        Ok(request) => request,
        Err(error) => return error_page(&error, Some(&params), &identity),
    };
    match run_search_request(&state, request).await {
        Ok(response) => {
            let title = params.query.clone().unwrap_or_else(|| "Browse".to_string());
            let page = html_response(
                StatusCode::OK,
                layout(
                    &title,
                    Some(&params),
                    &identity,
                    &format!(
                        r#"<div class="layout">{}<div class="content">{}</div></div>"#,
                        facet_sidebar(&params, &response.facets),
                        results_section(&params, &response, state.limits().max_offset)
                    ),
                ),
            );
            audited(page, shown_to(&identity, &response))
        }
        Err(error) => error_page(&error, Some(&params), &identity),
    }
}

/// Everything the document page shows, loaded in one search slot.
struct DocumentPage {
    document: Document,
    translations: Vec<Translation>,
    cites: CitesAnswer,
    cited_by: CitedByAnswer,
}

fn metadata_list(document: &Document) -> String {
    let mut rows: Vec<(&str, String)> = vec![
        ("System", system_name(document.system().code())),
        (
            "Mechanism",
            document
                .body
                .clone()
                .unwrap_or_else(|| document.mechanism.code().to_uppercase()),
        ),
        ("Type", document.doc_type.code().replace('-', " ")),
    ];
    rows.extend(document.symbol.clone().map(|symbol| ("Symbol", symbol)));
    rows.extend(document.date.clone().map(|date| ("Date", date)));
    if !document.states.is_empty() {
        rows.push(("States", document.states.join(", ")));
    }
    rows.extend(document.outcome.clone().map(|outcome| ("Outcome", outcome)));
    if !document.themes.is_empty() {
        rows.push(("Themes", document.themes.join("; ")));
    }
    let mut list = String::from(r#"<dl class="document-meta">"#);
    for (label, value) in rows {
        let _ = write!(list, "<dt>{label}</dt><dd>{}</dd>", escape(&value));
    }
    list.push_str("<dt>Source</dt><dd>");
    match &document.url {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
            let _ = write!(
                list,
                r#"<a href="{}" rel="noopener noreferrer">{}</a>"#,
                escape(url),
                escape(&document.source.path)
            );
        }
        _ => list.push_str(&escape(&document.source.path)),
    }
    list.push_str("</dd></dl>");
    list
}

fn language_switch(document: &Document, translations: &[Translation]) -> String {
    let mut versions: Vec<(Lang, String)> = translations
        .iter()
        .filter(|translation| translation.id != document.id)
        .map(|translation| (translation.lang, translation.id.clone()))
        .collect();
    versions.push((document.lang, document.id.clone()));
    versions.sort();
    let mut nav =
        String::from(r#"<nav class="language-switch" aria-label="Language versions"><ul>"#);
    for (lang, id) in versions {
        if id == document.id {
            let _ = write!(
                nav,
                r#"<li><span aria-current="page" lang="{}">{}</span></li>"#,
                lang.code(),
                language_name(lang)
            );
        } else {
            let _ = write!(
                nav,
                r#"<li><a href="{}" hreflang="{code}" lang="{code}">{}</a></li>"#,
                escape(&document_url(&id)),
                language_name(lang),
                code = lang.code()
            );
        }
    }
    nav.push_str("</ul></nav>");
    nav
}

fn cites_panel(cites: &CitesAnswer, european: bool) -> String {
    let mut panel = format!(
        r#"<section class="panel cites" aria-labelledby="cites-heading"><h2 id="cites-heading">Cites <span class="panel-count">{}</span></h2>"#,
        cites.total
    );
    if cites.systems.is_empty() {
        panel.push_str(r#"<p class="empty">No citation recognised in this document.</p>"#);
    }
    for group in &cites.systems {
        let _ = write!(
            panel,
            "<h3>{}</h3><ul>",
            escape(&system_name(&group.system))
        );
        for cited in &group.citations {
            panel.push_str("<li>");
            if cited.documents.is_empty() {
                let _ = write!(
                    panel,
                    r#"<span class="unresolved">{}</span>"#,
                    escape(&cited.surface)
                );
            } else {
                let links = cited
                    .documents
                    .iter()
                    .map(|summary| {
                        format!(
                            r#"<a href="{}">{}</a>"#,
                            escape(&document_url(&summary.id)),
                            escape(if summary.title.is_empty() {
                                &summary.id
                            } else {
                                &summary.title
                            })
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                panel.push_str(&links);
            }
            let places = cited
                .paragraphs
                .iter()
                .map(|place| {
                    format!(
                        r##"<a href="#{}">{}</a>"##,
                        escape(&place.anchor),
                        escape(&pin_label(place.n.as_deref(), place.index, european))
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            let _ = write!(
                panel,
                r#" <span class="cited-in">in {places}</span> · <a class="key-cited-by" href="/cited-by?key={}" title="Every document citing {}">cited by…</a></li>"#,
                url_encode(&cited.key),
                escape(&cited.key)
            );
        }
        panel.push_str("</ul>");
    }
    panel.push_str("</section>");
    panel
}

fn cited_by_groups(cited_by: &CitedByAnswer) -> String {
    let mut html = String::new();
    for group in &cited_by.systems {
        let _ = write!(
            html,
            r#"<h3>{} <span class="panel-count">{}</span></h3><ul>"#,
            escape(&system_name(&group.system)),
            group.count
        );
        for citing in &group.documents {
            let summary = &citing.document;
            let european = summary.system == System::European.code();
            let first_anchor = citing
                .paragraphs
                .first()
                .map(|paragraph| format!("#{}", paragraph.anchor))
                .unwrap_or_default();
            let _ = write!(
                html,
                r#"<li><a class="citing-document" href="{}{}">{}</a>"#,
                escape(&document_url(&summary.id)),
                escape(&first_anchor),
                escape(if summary.title.is_empty() {
                    &summary.id
                } else {
                    &summary.title
                })
            );
            if let Some(date) = &summary.date {
                let _ = write!(html, r#" <span class="date">{}</span>"#, escape(date));
            }
            let places = citing
                .paragraphs
                .iter()
                .map(|paragraph| {
                    format!(
                        r#"<a href="{}#{}">{}</a>"#,
                        escape(&document_url(&summary.id)),
                        escape(&paragraph.anchor),
                        escape(&pin_label(
                            paragraph.n.as_deref(),
                            paragraph.index,
                            european
                        ))
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            if !places.is_empty() {
                let _ = write!(html, r#" <span class="cited-in">at {places}</span>"#);
            }
            html.push_str("</li>");
        }
        html.push_str("</ul>");
    }
    html
}

fn cited_by_panel(cited_by: &CitedByAnswer) -> String {
    let mut panel = format!(
        r#"<section class="panel cited-by" aria-labelledby="cited-by-heading"><h2 id="cited-by-heading">Cited by <span class="panel-count">{}</span></h2>"#,
        cited_by.total
    );
    if cited_by.keys.is_empty() {
        panel.push_str(r#"<p class="empty">This document has no identifier that citations could point to.</p>"#);
    } else if cited_by.total == 0 {
        panel.push_str(r#"<p class="empty">No indexed document cites this one yet.</p>"#);
    }
    panel.push_str(&cited_by_groups(cited_by));
    let listed: usize = cited_by
        .systems
        .iter()
        .map(|group| group.documents.len())
        .sum();
    if listed < cited_by.total {
        let pairs: Vec<(String, String)> = cited_by
            .keys
            .iter()
            .map(|key| ("key".to_string(), key.clone()))
            .collect();
        let _ = write!(
            panel,
            r#"<p><a href="/cited-by{}">All {} citing documents</a></p>"#,
            escape(&query_string(&pairs)),
            cited_by.total
        );
    }
    panel.push_str("</section>");
    panel
}

/// The whole-document citation for display, the name isolated (`<bdi>`) so that an
/// Arabic name does not reorder the date and numbers after it.
fn citation_preview(document: &Document) -> String {
    let citation = escape(&citation_text(document, None));
    let name = document
        .case_name
        .clone()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| document.title.trim().to_string());
    let name = escape(&name);
    if name.is_empty() || !citation.starts_with(&name) {
        return citation;
    }
    format!("<bdi>{name}</bdi>{}", &citation[name.len()..])
}

fn document_section(page: &DocumentPage) -> String {
    let document = &page.document;
    let attributes = lang_attributes(document.lang);
    let european = document.system() == System::European;
    let title = if document.title.is_empty() {
        &document.id
    } else {
        &document.title
    };
    let mut main = format!(
        r#"<article class="document"><nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/">Search</a></nav>
<h1 class="document-title"{attributes}>{}</h1>"#,
        escape(title)
    );
    main.push_str(&language_switch(document, &page.translations));
    main.push_str(&metadata_list(document));
    let _ = write!(
        main,
        r#"<p class="cite-whole"><button type="button" class="copy-citation" data-citation="{}">Copy citation</button> <span class="citation-preview" dir="ltr">{}</span></p>"#,
        escape(&citation_text(document, None)),
        citation_preview(document)
    );
    main.push_str(r#"<div class="document-layout">"#);
    let _ = write!(
        main,
        r#"<section class="document-text" aria-label="Text"{attributes}>"#
    );
    let anchors = paragraph_anchors(document);
    for (position, (paragraph, anchor)) in document.paragraphs.iter().zip(anchors).enumerate() {
        let label = pin_label(paragraph.n.as_deref(), position, european);
        let paragraph_attributes = match paragraph.lang {
            Some(lang) if lang != document.lang => lang_attributes(lang),
            _ => String::new(),
        };
        let _ = write!(
            main,
            r##"<div class="paragraph" id="{anchor}"><a class="paragraph-number" href="#{anchor}" aria-label="Link to {label}" dir="ltr">{number}</a><p class="paragraph-text"{paragraph_attributes}>{text}</p><button type="button" class="cite-paragraph" data-citation="{citation}" aria-label="Copy citation of {label}">Cite</button></div>"##,
            anchor = escape(&anchor),
            label = escape(&label),
            number = escape(paragraph.n.as_deref().unwrap_or("")),
            text = escape(&paragraph.text),
            citation = escape(&citation_text(document, paragraph.n.as_deref())),
        );
    }
    main.push_str("</section>");
    let _ = write!(
        main,
        r#"<aside class="citation-panels" aria-label="Citations">{}{}</aside></div></article>"#,
        cites_panel(&page.cites, european),
        cited_by_panel(&page.cited_by)
    );
    main
}

async fn document_page(
    State(state): State<AppState>,
    identity: Identity,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    let Path(id) = match id {
        Ok(id) => id,
        Err(rejection) => return error_page(&ApiError::from(rejection), None, &identity),
    };
    let viewer = identity.viewer();
    let loaded = state
        .run_search(move |index| {
            let document = load_document(index, &id, &viewer)?;
            let translations = derived::translations(index, &document, &viewer)?;
            let cites = derived::cites(index, &document, &viewer)?;
            let cited_by = derived::cited_by_document(index, &document, &viewer, 20)?;
            Ok(DocumentPage {
                document,
                translations,
                cites,
                cited_by,
            })
        })
        .await;
    match loaded {
        Ok(page) => {
            let title = if page.document.title.is_empty() {
                page.document.id.clone()
            } else {
                page.document.title.clone()
            };
            let shown = shown_to(
                &identity,
                &(
                    &page.document,
                    &page.translations,
                    &page.cites,
                    &page.cited_by,
                ),
            );
            audited(
                html_response(
                    StatusCode::OK,
                    layout(&title, None, &identity, &document_section(&page)),
                ),
                shown,
            )
        }
        Err(error) => error_page(&error, None, &identity),
    }
}

/// A citation key's cited-by page: the same parameters and bounds as
/// `GET /api/cited-by`, [`CITED_BY_PAGE_SIZE`] documents a page by default.
async fn cited_by_page(
    State(state): State<AppState>,
    identity: Identity,
    pairs: Result<Query<QueryPairs>, QueryRejection>,
) -> Response {
    let params = pairs.map_err(ApiError::from).and_then(|Query(pairs)| {
        CitedByKeyParams::from_pairs(&pairs, state.limits(), CITED_BY_PAGE_SIZE)
    });
    let CitedByKeyParams {
        keys,
        offset,
        limit,
    } = match params {
        Ok(params) => params,
        Err(error) => return error_page(&error, None, &identity),
    };
    let lookup_keys = keys.clone();
    let viewer = identity.viewer();
    let result = state
        .run_search(move |index| {
            derived::cited_by_keys(index, &lookup_keys, &viewer, offset, limit)
        })
        .await;
    match result {
        Ok(cited_by) => {
            let keys_label = keys
                .iter()
                .map(|key| format!("<code>{}</code>", escape(key)))
                .collect::<Vec<_>>()
                .join(" or ");
            let mut main = format!(
                r#"<section class="key-cited-by"><h1>Documents citing {keys_label}</h1><p id="result-count" role="status">{} citing documents</p>"#,
                cited_by.total
            );
            main.push_str(&cited_by_groups(&cited_by));
            if offset + limit < cited_by.total {
                let mut next: Vec<(String, String)> = keys
                    .iter()
                    .map(|key| ("key".to_string(), key.clone()))
                    .collect();
                next.push(("offset".to_string(), (offset + limit).to_string()));
                if limit != CITED_BY_PAGE_SIZE {
                    next.push(("limit".to_string(), limit.to_string()));
                }
                let _ = write!(
                    main,
                    r#"<nav class="pagination" aria-label="Result pages"><a rel="next" href="/cited-by{}">Next →</a></nav>"#,
                    escape(&query_string(&next))
                );
            }
            main.push_str("</section>");
            audited(
                html_response(StatusCode::OK, layout("Cited by", None, &identity, &main)),
                shown_to(&identity, &cited_by),
            )
        }
        Err(error) => error_page(&error, None, &identity),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_facet_of_the_index_has_a_label() {
        for facet in hrlex_index::facet_names() {
            assert_ne!(super::facet_label(facet), facet, "{facet} has no label");
        }
    }
}
