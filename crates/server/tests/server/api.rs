//! Properties checked:
//! - every JSON endpoint answers with the documented shape on real documents (search with
//!   filters, facets, paragraphs and snippets; a document with numbered paragraphs; its
//!   translations; what it cites; what cites it; a key's cited-by list; facet values);
//! - Chinese and Arabic queries find the UN Charter in those languages;
//! - bad queries answer 400 with the position, bad parameters 400, unknown documents and
//!   routes 404, wrong methods 405, all as `{"error": {"code", "message"}}`;
//! - limits: page size, deep paging, query length and nesting, expensive queries, body
//!   size, search time budget, concurrency, request time limit; gzip;
//! - the web pages escape document text (`<script>` renders as text);
//! - `/healthz` and `/metrics`.

use crate::common::*;
use axum::http::{Method, StatusCode};
use hrlex_server::ServerLimits;
use std::time::Duration;

#[tokio::test]
async fn search_returns_hits_with_numbered_paragraphs_snippets_and_facets() {
    let state = fixture_state(ServerLimits::default());
    let reply = get(&state, "/api/search?q=police&limit=5").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let body = reply.json();
    assert!(body["total"].as_u64().unwrap() >= 1);
    let hit = body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|hit| hit["id"] == SCRIPT_DOCUMENT_ID)
        .expect("the crafted document mentions the police");
    let paragraph = &hit["paragraphs"][0];
    assert_eq!(paragraph["n"], "3");
    let snippet = paragraph["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>police</mark>"), "{snippet}");
    assert!(body["facets"]["mechanism"]
        .as_array()
        .unwrap()
        .iter()
        .any(|value| value["value"] == "ccpr"));
}

#[tokio::test]
async fn snippets_stay_escaped_with_only_mark_markup() {
    let state = fixture_state(ServerLimits::default());
    let body = get(&state, "/api/search?q=quokkaword").await.json();
    let snippet = body["hits"][0]["paragraphs"][0]["snippet"]
        .as_str()
        .unwrap();
    assert!(snippet.contains("&lt;script&gt;"), "{snippet}");
    assert!(!snippet.contains("<script"), "{snippet}");
}

#[tokio::test]
async fn filters_sort_and_pages_apply() {
    let state = fixture_state(ServerLimits::default());
    let all = get(&state, "/api/search?q=committee&limit=100")
        .await
        .json();
    let filtered = get(
        &state,
        "/api/search?q=committee&filter=state:Canada&sort=date",
    )
    .await
    .json();
    assert!(filtered["total"].as_u64().unwrap() >= 1);
    assert!(filtered["total"].as_u64() < all["total"].as_u64());
    for hit in filtered["hits"].as_array().unwrap() {
        assert!(hit["states"]
            .as_array()
            .unwrap()
            .iter()
            .any(|state| state == "Canada"));
    }
    let second_page = get(&state, "/api/search?q=committee&limit=1&page=2")
        .await
        .json();
    assert_eq!(second_page["offset"], 1);
    assert_eq!(second_page["hits"].as_array().unwrap().len(), 1);
    // Browsing by filter alone (no query) is allowed.
    let browse = get(&state, "/api/search?filter=mechanism:ccpr&facets=false")
        .await
        .json();
    assert!(browse["total"].as_u64().unwrap() >= 6);
}

#[tokio::test]
async fn chinese_and_arabic_queries_find_the_charter() {
    let state = fixture_state(ServerLimits::default());
    let chinese = get(&state, &format!("/api/search?q={}", encode("联合国")))
        .await
        .json();
    assert!(
        chinese["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|hit| hit["lang"] == "zh"),
        "{chinese}"
    );
    let arabic = get(
        &state,
        &format!("/api/search?q={}&lang=ar", encode("الأمم المتحدة")),
    )
    .await
    .json();
    assert!(arabic["total"].as_u64().unwrap() >= 1, "{arabic}");
    assert!(arabic["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|hit| hit["lang"] == "ar"));
}

#[tokio::test]
async fn a_work_is_shown_in_the_preferred_language_and_one_language_stays_in_the_query_s() {
    let state = fixture_state(ServerLimits::default());
    let charter = encode("联合国宪章");
    let first_lang =
        |body: &serde_json::Value| body["hits"][0]["lang"].as_str().map(str::to_string);
    let arabic = get(&state, &format!("/api/search?q={charter}&prefer_lang=ar"))
        .await
        .json();
    assert_eq!(arabic["hits"][0]["work_id"], CHARTER_WORK, "{arabic}");
    assert_eq!(first_lang(&arabic).as_deref(), Some("ar"), "{arabic}");
    let english = get(&state, &format!("/api/search?q={charter}&prefer_lang=en"))
        .await
        .json();
    assert_eq!(first_lang(&english).as_deref(), Some("en"), "{english}");
    let body =
        serde_json::json!({"query": "联合国宪章", "prefer_lang": "ar", "one_language": true});
    let posted = oneshot(
        &state,
        Method::POST,
        "/api/search",
        Some(("application/json", body.to_string().into_bytes())),
    )
    .await
    .json();
    assert_eq!(posted["hits"][0]["work_id"], CHARTER_WORK, "{posted}");
    let typed = get(
        &state,
        &format!("/api/search?q={charter}&one_language=true&limit=50"),
    )
    .await
    .json();
    assert!(typed["total"].as_u64().unwrap() >= 1, "{typed}");
    for (parameter, message) in [
        ("prefer_lang=xx", "unknown language"),
        ("one_language=maybe", "one_language"),
    ] {
        let reply = get(&state, &format!("/api/search?q={charter}&{parameter}")).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{parameter}");
        assert!(
            reply.text().contains(message),
            "{parameter}: {}",
            reply.text()
        );
    }
}

#[tokio::test]
async fn post_search_takes_a_json_body() {
    let state = fixture_state(ServerLimits::default());
    let body = serde_json::json!({"query": "police", "filters": [{"field": "mechanism", "value": "ccpr"}], "limit": 3});
    let reply = oneshot(
        &state,
        Method::POST,
        "/api/search",
        Some(("application/json", body.to_string().into_bytes())),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert!(reply.json()["total"].as_u64().unwrap() >= 1);
    let unknown_field = serde_json::json!({"query": "police", "pages": 3});
    let reply = oneshot(
        &state,
        Method::POST,
        "/api/search",
        Some(("application/json", unknown_field.to_string().into_bytes())),
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.error_code(), "invalid_body");
}

#[tokio::test]
async fn document_has_metadata_numbered_paragraphs_anchors_and_citations() {
    let state = fixture_state(ServerLimits::default());
    let reply = get(
        &state,
        &format!("/api/documents/{}", encode(SCRIPT_DOCUMENT_ID)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let body = reply.json();
    assert_eq!(body["symbol"], "CCPR/C/999/D/1/2024");
    assert_eq!(body["system"], "un");
    assert_eq!(body["paragraphs"][1]["n"], "2");
    assert_eq!(body["paragraphs"][1]["anchor"], "para-2");
    assert_eq!(
        body["paragraphs"][1]["citation"],
        "CCPR/C/999/D/1/2024, para. 2"
    );
    assert_eq!(
        body["paragraphs"][1]["citations"][0]["key"],
        "hudoc:001-57534"
    );
    assert!(body["paragraphs"][0]["text"]
        .as_str()
        .unwrap()
        .contains("<script>alert(1)</script>"));
    // Ids with `/` and `:` work percent-encoded.
    let marckx = get(&state, &format!("/api/documents/{}", encode(MARCKX_ID)))
        .await
        .json();
    assert_eq!(
        marckx["citation"],
        "Marckx v. Belgium, ECtHR, no. 6833/74, 13 June 1979"
    );
}

#[tokio::test]
async fn translations_list_the_other_language_versions() {
    let state = fixture_state(ServerLimits::default());
    let english = get(&state, "/api/search?q=charter&lang=en&filter=lang:en")
        .await
        .json();
    let english_id = english["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|hit| hit["work_id"] == CHARTER_WORK)
        .map(|hit| hit["id"].as_str().unwrap().to_string())
        .expect("English charter");
    let reply = get(
        &state,
        &format!("/api/documents/{}/translations", encode(&english_id)),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let langs: Vec<String> = reply.json()["translations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|translation| translation["lang"].as_str().unwrap().to_string())
        .collect();
    assert!(
        langs.contains(&"ar".to_string()) && langs.contains(&"zh".to_string()),
        "{langs:?}"
    );
    assert!(!langs.contains(&"en".to_string()));
}

#[tokio::test]
async fn cites_and_cited_by_link_documents_across_systems() {
    let state = fixture_state(ServerLimits::default());
    let cites = get(
        &state,
        &format!("/api/documents/{}/cites", encode(SCRIPT_DOCUMENT_ID)),
    )
    .await
    .json();
    assert_eq!(cites["total"], 2, "{cites}");
    let european = cites["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|group| group["system"] == "european")
        .expect("european group");
    assert_eq!(european["citations"][0]["documents"][0]["id"], MARCKX_ID);
    assert_eq!(
        european["citations"][0]["paragraphs"][0]["anchor"],
        "para-2"
    );
    assert_eq!(european["citations"][0]["paragraphs"][0]["pin"][0], "31");

    let cited_by = get(
        &state,
        &format!("/api/documents/{}/cited-by", encode(MARCKX_ID)),
    )
    .await
    .json();
    assert_eq!(cited_by["total"], 1, "{cited_by}");
    // Works beside documents, as `hrlex cited-by --json` gives them.
    assert_eq!(cited_by["works"], 1, "{cited_by}");
    assert_eq!(cited_by["systems"][0]["works"], 1, "{cited_by}");
    assert_eq!(cited_by["systems"][0]["system"], "un");
    assert_eq!(
        cited_by["systems"][0]["documents"][0]["id"],
        SCRIPT_DOCUMENT_ID
    );
    assert_eq!(
        cited_by["systems"][0]["documents"][0]["paragraphs"][0]["anchor"],
        "para-2"
    );

    // Regression: a judgment naming its own application number was listed as citing itself.
    let marckx = get(&state, &format!("/api/documents/{}", encode(MARCKX_ID)))
        .await
        .json();
    let own_keys: Vec<&serde_json::Value> =
        marckx["identifiers"].as_array().unwrap().iter().collect();
    let marckx_cites = get(
        &state,
        &format!("/api/documents/{}/cites", encode(MARCKX_ID)),
    )
    .await
    .json();
    for group in marckx_cites["systems"].as_array().unwrap() {
        for citation in group["citations"].as_array().unwrap() {
            assert!(
                !own_keys.contains(&&citation["key"]),
                "self-citation {}",
                citation["key"]
            );
        }
    }

    let key = get(
        &state,
        &format!("/api/cited-by?key={}", encode("comm:CCPR:1048/2002")),
    )
    .await
    .json();
    assert_eq!(key["total"], 1, "{key}");
    assert_eq!(key["systems"][0]["documents"][0]["id"], SCRIPT_DOCUMENT_ID);
}

#[tokio::test]
async fn facet_values_cover_the_whole_index_or_a_query() {
    let state = fixture_state(ServerLimits::default());
    let all = get(&state, "/api/facets?field=lang&field=system")
        .await
        .json();
    let langs: Vec<&str> = all["facets"]["lang"]
        .as_array()
        .unwrap()
        .iter()
        .map(|value| value["value"].as_str().unwrap())
        .collect();
    assert!(
        langs.contains(&"ar") && langs.contains(&"zh") && langs.contains(&"en"),
        "{langs:?}"
    );
    assert!(all["facets"].get("state").is_none());
    let info = get(&state, "/api/info").await.json();
    assert_eq!(all["total"], info["documents"]);
    let narrowed = get(&state, "/api/facets?q=police").await.json();
    assert!(narrowed["total"].as_u64() < all["total"].as_u64());
}

#[tokio::test]
async fn bad_queries_answer_400_with_the_position() {
    let state = fixture_state(ServerLimits::default());
    let cases = [
        ("torture AND", "missing_operand"),
        ("\"unclosed phrase", "unterminated_phrase"),
        ("*ture", "leading_wildcard"),
        ("torture~5", "fuzzy_too_far"),
        ("nosuchfield:x", "unknown_field"),
    ];
    for (query, kind) in cases {
        let reply = get(&state, &format!("/api/search?q={}", encode(query))).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{query}");
        let body = reply.json();
        assert_eq!(body["error"]["code"], "invalid_query", "{query}: {body}");
        assert_eq!(body["error"]["kind"], kind, "{query}: {body}");
        assert!(body["error"]["position"]["column"].as_u64().unwrap() >= 1);
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
    let deep = format!("{}torture{}", "(".repeat(20), ")".repeat(20));
    let body = get(&state, &format!("/api/search?q={}", encode(&deep)))
        .await
        .json();
    assert_eq!(body["error"]["kind"], "too_deep", "{body}");
    assert_eq!(body["error"]["position"]["column"], 17);
}

#[tokio::test]
async fn bad_parameters_answer_400_and_unknown_things_404_or_405() {
    let state = fixture_state(ServerLimits::default());
    for uri in [
        "/api/search",
        "/api/search?q=a&limit=101",
        "/api/search?q=a&offset=1001",
        "/api/search?q=a&limit=ten",
        "/api/search?q=a&sort=popularity",
        "/api/search?q=a&lang=klingon",
        "/api/search?q=a&filter=colour:red",
        "/api/search?q=a&filter=nocolon",
        "/api/search?q=a&pge=2",
        "/api/search?q=a&page=0",
        "/api/cited-by",
        "/api/facets?field=colour",
    ] {
        let reply = get(&state, uri).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{uri}: {}",
            reply.text()
        );
        assert_eq!(reply.error_code(), "invalid_parameter", "{uri}");
    }
    let long_query = "a".repeat(3000);
    let reply = get(&state, &format!("/api/search?q={long_query}")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("2048"));

    let missing = get(&state, "/api/documents/no-such-document").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.error_code(), "document_not_found");
    for suffix in ["translations", "cites", "cited-by"] {
        let reply = get(&state, &format!("/api/documents/no-such-document/{suffix}")).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{suffix}");
    }
    let unknown_route = get(&state, "/api/nothing-here").await;
    assert_eq!(unknown_route.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown_route.error_code(), "not_found");
    let wrong_method = oneshot(&state, Method::DELETE, "/api/search?q=a", None).await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong_method.error_code(), "method_not_allowed");
}

#[tokio::test]
async fn oversized_bodies_answer_413() {
    let state = fixture_state(ServerLimits::default());
    let huge = serde_json::json!({"query": "x".repeat(20 * 1024)}).to_string();
    let reply = oneshot(
        &state,
        Method::POST,
        "/api/search",
        Some(("application/json", huge.into_bytes())),
    )
    .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.error_code(), "payload_too_large");
}

#[tokio::test]
async fn searches_past_the_time_budget_answer_503_not_pile_up() {
    let limits = ServerLimits {
        search_budget: Duration::from_nanos(1),
        ..ServerLimits::default()
    };
    let state = fixture_state(limits);
    let reply = get(&state, "/api/search?q=committee").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.error_code(), "search_timeout");
    assert!(reply.headers.contains_key("retry-after"));
}

#[tokio::test]
async fn searches_beyond_the_concurrency_limit_answer_503_overloaded() {
    let limits = ServerLimits {
        max_concurrent_searches: 0,
        queue_wait: Duration::from_millis(50),
        ..ServerLimits::default()
    };
    let state = fixture_state(limits);
    let reply = get(&state, "/api/search?q=committee").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.error_code(), "overloaded");
}

#[tokio::test]
async fn requests_past_the_time_limit_answer_408() {
    let limits = ServerLimits {
        request_timeout: Duration::from_nanos(1),
        ..ServerLimits::default()
    };
    let state = fixture_state(limits);
    let reply = get(&state, "/api/search?q=committee").await;
    assert_eq!(reply.status, StatusCode::REQUEST_TIMEOUT);
    assert_eq!(reply.error_code(), "request_timeout");
}

#[tokio::test]
async fn pages_render_document_text_escaped() {
    let state = fixture_state(ServerLimits::default());
    let page = get(
        &state,
        &format!("/documents/{}", encode(SCRIPT_DOCUMENT_ID)),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>alert(1)"));
    assert!(html.contains(r#"id="para-2""#));
    assert!(page.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("script-src 'self'"));
    let results = get(&state, "/?q=quokkaword").await.text();
    assert!(!results.contains("<script>alert(1)"));
    assert!(results.contains(&format!("/documents/{}#para-1", encode(SCRIPT_DOCUMENT_ID))));
    let bad = get(&state, &format!("/?q={}", encode("torture AND ("))).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text().contains("Column"));
    let missing = get(&state, "/documents/no-such-document").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.text().contains("<html"));
}

#[tokio::test]
async fn over_a_real_socket_health_metrics_gzip_and_errors_work() {
    let server = RunningServer::start(fixture_state(ServerLimits::default())).await;
    let health = http(server.address, Method::GET, "/healthz", &[], None).await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.json()["status"], "ok");
    let search = http(
        server.address,
        Method::GET,
        "/api/search?q=committee&limit=20",
        &[("accept-encoding", "gzip")],
        None,
    )
    .await;
    assert_eq!(search.status, StatusCode::OK);
    assert_eq!(search.headers["content-encoding"], "gzip");
    let plain = http(
        server.address,
        Method::GET,
        "/api/search?q=committee&limit=20",
        &[],
        None,
    )
    .await;
    assert!(search.body.len() < plain.body.len());
    assert!(plain.json()["total"].as_u64().unwrap() >= 1);
    let bad = http(
        server.address,
        Method::GET,
        "/api/search?q=%28torture",
        &[],
        None,
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.error_code(), "invalid_query");
    let body = serde_json::json!({"query": "police"})
        .to_string()
        .into_bytes();
    let posted = http(
        server.address,
        Method::POST,
        "/api/search",
        &[],
        Some(("application/json", body)),
    )
    .await;
    assert_eq!(posted.status, StatusCode::OK);
    let huge = vec![b' '; 64 * 1024];
    let too_big = http(
        server.address,
        Method::POST,
        "/api/search",
        &[],
        Some(("application/json", huge)),
    )
    .await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);

    let metrics = http(server.address, Method::GET, "/metrics", &[], None).await;
    assert_eq!(metrics.status, StatusCode::OK);
    let text = metrics.text();
    assert!(
        text.contains(r#"hrlex_http_requests_total{route="/api/search",status="200"} 3"#),
        "{text}"
    );
    assert!(
        text.contains(r#"hrlex_http_requests_total{route="/api/search",status="400"} 1"#),
        "{text}"
    );
    assert!(
        text.contains(
            r#"hrlex_http_request_duration_seconds_bucket{route="/healthz",le="+Inf"} 1"#
        ),
        "{text}"
    );
    assert!(text.contains("hrlex_index_generation "), "{text}");
    let documents_line = text
        .lines()
        .find(|line| line.starts_with("hrlex_index_documents "))
        .unwrap();
    let info = http(server.address, Method::GET, "/api/info", &[], None)
        .await
        .json();
    assert_eq!(
        documents_line,
        format!("hrlex_index_documents {}", info["documents"])
    );
}
