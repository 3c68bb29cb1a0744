//! Tokens and sessions through the router. Properties checked: a token sees the
//! confidential documents of its groups and every such answer is audited (time, token,
//! endpoint with its query, document ids); no route shows a confidential document to an
//! anonymous caller or to a token of another group; revocation closes bearer use and
//! sign-in sessions at the next reload; bad tokens get 401 with a reason and
//! `WWW-Authenticate`, then 429 with `Retry-After` after repeated failures from one
//! address; a server without a token file refuses tokens; the sign-in cookie is
//! `HttpOnly; SameSite=Strict`, `Secure` behind TLS, and forms from other sites are
//! refused.

use crate::common::*;
use axum::http::{header, Method, StatusCode};
use hrlex_server::{all_routes, ServerLimits};
use std::time::Duration;

const ARABIC_NAME: &str = "المقرر الخاص";
const FORM: &str = "application/x-www-form-urlencoded";

struct Setup {
    folder: tempfile::TempDir,
    secret: String,
    other_group_secret: String,
}

impl Setup {
    fn new() -> Setup {
        let folder = tempfile::tempdir().unwrap();
        let secret = add_token(
            &folder.path().join("tokens.json"),
            ARABIC_NAME,
            &[CONFIDENTIAL_GROUP],
        );
        let other_group_secret = add_token(
            &folder.path().join("tokens.json"),
            "CAT secretariat",
            &["cat"],
        );
        Setup {
            folder,
            secret,
            other_group_secret,
        }
    }

    fn tokens(&self) -> std::path::PathBuf {
        self.folder.path().join("tokens.json")
    }

    fn audit_log(&self) -> std::path::PathBuf {
        self.folder.path().join("audit.log")
    }

    fn state(&self) -> hrlex_server::AppState {
        auth_state(&self.tokens(), &self.audit_log())
    }
}

fn hit_ids(reply: &Reply) -> Vec<String> {
    reply.json()["hits"]
        .as_array()
        .unwrap_or_else(|| panic!("no hits: {}", reply.text()))
        .iter()
        .map(|hit| hit["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_token_sees_its_groups_documents_and_each_such_answer_is_audited() {
    let setup = Setup::new();
    let state = setup.state();
    let authorization = bearer(&setup.secret);
    let with_token = [("authorization", authorization.as_str())];

    let anonymous = get(&state, "/api/search?q=quokkasecret").await;
    assert_eq!(anonymous.status, StatusCode::OK);
    assert!(hit_ids(&anonymous).is_empty(), "{}", anonymous.text());
    let other = bearer(&setup.other_group_secret);
    let other_group = oneshot_with(
        &state,
        Method::GET,
        "/api/search?q=quokkasecret",
        &[("authorization", other.as_str())],
        None,
    )
    .await;
    assert!(hit_ids(&other_group).is_empty(), "{}", other_group.text());
    assert!(audit_entries(&setup.audit_log()).is_empty());

    let found = oneshot_with(
        &state,
        Method::GET,
        "/api/search?q=quokkasecret",
        &with_token,
        None,
    )
    .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text());
    assert_eq!(hit_ids(&found), [CONFIDENTIAL_ID]);
    assert_eq!(found.json()["hits"][0]["access"], "confidential");
    let document = oneshot_with(
        &state,
        Method::GET,
        &format!("/api/documents/{}", encode(CONFIDENTIAL_ID)),
        &with_token,
        None,
    )
    .await;
    assert_eq!(document.status, StatusCode::OK, "{}", document.text());
    let public = oneshot_with(
        &state,
        Method::GET,
        &format!("/api/documents/{}", encode(MARCKX_ID)),
        &with_token,
        None,
    )
    .await;
    assert_eq!(public.status, StatusCode::OK);

    let entries = audit_entries(&setup.audit_log());
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[0].token, ARABIC_NAME);
    assert_eq!(entries[0].endpoint, "GET /api/search?q=quokkasecret");
    assert_eq!(entries[0].documents, [CONFIDENTIAL_ID]);
    assert!(
        entries[0].time.ends_with('Z') && entries[0].time.len() == 20,
        "{}",
        entries[0].time
    );
    assert_eq!(
        entries[1].endpoint,
        format!("GET /api/documents/{}", encode(CONFIDENTIAL_ID))
    );
}

/// The URI (and body) that asks `route` about the confidential document.
fn probe(method: &Method, path: &str) -> (String, Option<(&'static str, Vec<u8>)>) {
    let path = path.replace("{id}", &encode(CONFIDENTIAL_ID));
    match (method.as_str(), path.as_str()) {
        ("POST", "/api/search") => (
            path,
            Some((
                "application/json",
                br#"{"query": "quokkasecret OR pangolinword"}"#.to_vec(),
            )),
        ),
        ("POST", _) => (path, Some((FORM, b"token=".to_vec()))),
        (_, "/api/search" | "/" | "/api/facets") => (format!("{path}?q=quokkasecret"), None),
        (_, "/api/cited-by" | "/cited-by") => (format!("{path}?key=hudoc%3A001-57534"), None),
        _ => (path, None),
    }
}

#[tokio::test]
async fn no_route_shows_a_confidential_document_to_anonymous_callers_or_other_groups() {
    let setup = Setup::new();
    let state = setup.state();
    let other = bearer(&setup.other_group_secret);
    let own = bearer(&setup.secret);
    let mut seen_by_its_group = Vec::new();
    for (method, path) in all_routes() {
        let (uri, body) = probe(&method, path);
        for (caller, headers) in [
            ("anonymous", Vec::new()),
            ("another group", vec![("authorization", other.as_str())]),
        ] {
            let reply = oneshot_with(&state, method.clone(), &uri, &headers, body.clone()).await;
            let text = reply.text();
            // A route naming the document answers as if it did not exist (its 404
            // message repeats the id asked for); the others never name it.
            if path.contains("{id}") {
                assert_eq!(
                    reply.status,
                    StatusCode::NOT_FOUND,
                    "{method} {uri} for {caller}"
                );
            }
            let names_it = !path.contains("{id}")
                && (text.contains(CONFIDENTIAL_ID) || text.contains(&encode(CONFIDENTIAL_ID)));
            assert!(!names_it, "{method} {uri} names it to {caller}: {text}");
            for secret in ["pangolinword", "detention facility"] {
                assert!(
                    !text.contains(secret),
                    "{method} {uri} shows {caller} `{secret}`: {text}"
                );
            }
        }
        let reply = oneshot_with(
            &state,
            method.clone(),
            &uri,
            &[("authorization", own.as_str())],
            body,
        )
        .await;
        if reply.text().contains("pangolinword") {
            seen_by_its_group.push(format!("{method} {path}"));
        }
    }
    // The probes do reach the document: its own group sees it on the search, document,
    // translations, cites and cited-by routes, API and page.
    assert!(seen_by_its_group.len() >= 8, "{seen_by_its_group:?}");
}

#[tokio::test]
async fn revoked_tokens_and_their_sessions_stop_at_the_next_reload() {
    let setup = Setup::new();
    let state = setup.state();
    let authorization = bearer(&setup.secret);
    let with_token = [("authorization", authorization.as_str())];
    assert_eq!(
        oneshot_with(&state, Method::GET, "/api/info", &with_token, None)
            .await
            .status,
        StatusCode::OK
    );
    let signed_in = oneshot_with(
        &state,
        Method::POST,
        "/sign-in",
        &[],
        Some((FORM, format!("token={}", setup.secret).into_bytes())),
    )
    .await;
    assert_eq!(
        signed_in.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_in.text()
    );
    let cookie = signed_in.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let page = oneshot_with(
        &state,
        Method::GET,
        "/",
        &[("cookie", cookie.as_str())],
        None,
    )
    .await;
    assert!(page
        .text()
        .contains(&format!("Signed in as <strong>{ARABIC_NAME}</strong>")));

    revoke_token(&setup.tokens(), ARABIC_NAME);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let refused = oneshot_with(&state, Method::GET, "/api/info", &with_token, None).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.error_code(), "invalid_token");
    let page = oneshot_with(
        &state,
        Method::GET,
        "/",
        &[("cookie", cookie.as_str())],
        None,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text().contains("Signed in as"), "{}", page.text());
    assert!(page.text().contains(r#"href="/sign-in""#));
    // The other token still works: the reload kept the file's other tokens.
    let other = bearer(&setup.other_group_secret);
    assert_eq!(
        oneshot_with(
            &state,
            Method::GET,
            "/api/info",
            &[("authorization", other.as_str())],
            None
        )
        .await
        .status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_tokens_get_401_with_a_reason_then_429_after_repeated_failures() {
    let setup = Setup::new();
    let server = RunningServer::start(setup.state()).await;
    let guess = bearer(
        "hrlex_000000000000_0000000000000000000000000000000000000000000000000000000000000000",
    );
    let mut last = None;
    for _ in 0..10 {
        let reply = http(
            server.address,
            Method::GET,
            "/api/info",
            &[("authorization", &guess)],
            None,
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.error_code(), "invalid_token");
        assert_eq!(
            reply.json()["error"]["message"],
            "this token is not valid or has been revoked"
        );
        assert!(reply.headers[header::WWW_AUTHENTICATE]
            .to_str()
            .unwrap()
            .starts_with("Bearer"));
        last = Some(reply);
    }
    assert!(last.is_some());
    let limited = http(
        server.address,
        Method::GET,
        "/api/info",
        &[("authorization", &guess)],
        None,
    )
    .await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        limited.text()
    );
    assert_eq!(limited.error_code(), "too_many_failures");
    let wait: u64 = limited.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(limited.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("retry in"));
    // Signing in from the same address is limited too, on an HTML page.
    let form = http(
        server.address,
        Method::POST,
        "/sign-in",
        &[],
        Some((FORM, format!("token={}", setup.secret).into_bytes())),
    )
    .await;
    assert_eq!(form.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        form.text().contains("too many failed attempts"),
        "{}",
        form.text()
    );
    // A malformed header is refused with its own reason.
    let basic = http(
        server.address,
        Method::GET,
        "/api/info",
        &[("authorization", "Basic dTpw")],
        None,
    )
    .await;
    assert_eq!(basic.status, StatusCode::UNAUTHORIZED);
    assert_eq!(basic.error_code(), "invalid_authorization");
}

#[tokio::test]
async fn a_server_without_a_token_file_refuses_tokens_and_offers_no_sign_in() {
    let state = fixture_state(ServerLimits::default());
    let reply = oneshot_with(
        &state,
        Method::GET,
        "/api/info",
        &[("authorization", "Bearer hrlex_a_b")],
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.error_code(), "tokens_not_accepted");
    assert!(reply.headers.contains_key(header::WWW_AUTHENTICATE));
    assert_eq!(get(&state, "/api/info").await.status, StatusCode::OK);
    let page = get(&state, "/").await;
    assert!(
        !page.text().contains("/sign-in"),
        "a sign-in link without tokens"
    );
    let sign_in = get(&state, "/sign-in").await;
    assert!(sign_in.text().contains("accepts no tokens"));
    let posted = oneshot(
        &state,
        Method::POST,
        "/sign-in",
        Some((FORM, b"token=x".to_vec())),
    )
    .await;
    assert_eq!(posted.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_sign_in_cookie_is_strict_and_http_only_and_other_sites_cannot_post() {
    let setup = Setup::new();
    let state = setup.state();
    let form = || Some((FORM, format!("token={}", setup.secret).into_bytes()));
    let foreign = oneshot_with(
        &state,
        Method::POST,
        "/sign-in",
        &[
            ("host", "hrlex.example"),
            ("origin", "https://evil.example"),
        ],
        form(),
    )
    .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    assert!(!foreign.headers.contains_key(header::SET_COOKIE));

    let wrong = oneshot(
        &state,
        Method::POST,
        "/sign-in",
        Some((FORM, b"token=hrlex_x_y".to_vec())),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong
        .text()
        .contains("this token is not valid or has been revoked"));
    assert!(!wrong.headers.contains_key(header::SET_COOKIE));

    let signed_in = oneshot_with(
        &state,
        Method::POST,
        "/sign-in",
        &[
            ("host", "hrlex.example"),
            ("origin", "https://hrlex.example"),
            ("x-forwarded-proto", "https"),
        ],
        form(),
    )
    .await;
    assert_eq!(
        signed_in.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_in.text()
    );
    assert_eq!(signed_in.headers[header::LOCATION], "/");
    let set_cookie = signed_in.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Secure"] {
        assert!(
            set_cookie.split("; ").any(|part| part == attribute),
            "{set_cookie}"
        );
    }
    let cookie = set_cookie.split(';').next().unwrap().to_string();
    let value = cookie.strip_prefix("hrlex_session=").unwrap();
    assert_eq!(value.len(), 64);
    assert!(!setup.secret.contains(value), "the cookie holds the secret");

    let page = oneshot_with(
        &state,
        Method::GET,
        "/?q=quokkasecret",
        &[("cookie", cookie.as_str())],
        None,
    )
    .await;
    assert!(page.text().contains(r#"action="/sign-out""#));
    assert!(
        page.text().contains("pangolinword"),
        "the signed-in page does not show the group's document"
    );
    let signed_out = oneshot_with(
        &state,
        Method::POST,
        "/sign-out",
        &[("cookie", cookie.as_str())],
        None,
    )
    .await;
    assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
    assert!(signed_out.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let after = oneshot_with(
        &state,
        Method::GET,
        "/?q=quokkasecret",
        &[("cookie", cookie.as_str())],
        None,
    )
    .await;
    assert!(!after.text().contains("Signed in as"));
    assert!(!after.text().contains("pangolinword"));
}
