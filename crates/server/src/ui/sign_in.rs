//! Signing in to the web page with a token, and out: `GET /sign-in` (the form), `POST
//! /sign-in` (checks the token like a bearer token, failures counting toward the same
//! limit, then sets the session cookie and goes back to the search page), `POST
//! /sign-out`; and the header's account area (who is signed in, the sign-out button).
//!
//! The cookie holds a random session id, never the secret: `HttpOnly` (no script reads
//! it), `SameSite=Strict` (no other site's page sends it), `Path=/`, and `Secure` when
//! the request came over TLS (`X-Forwarded-Proto: https` from a proxy counts). Forms
//! are refused when their `Origin` or `Referer`, if sent, is another site.

use super::html::escape;
use super::{html_response, layout};
use crate::auth::{client_address, session_cookie, Auth, Identity, SESSION_COOKIE};
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::{header, Extensions, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// The header's account area: who is signed in and a sign-out button, or a sign-in
/// link when the server takes tokens.
pub(super) fn account_section(identity: &Identity) -> String {
    match &identity.caller {
        Some(caller) => format!(
            r#"<div class="account"><span class="signed-in-as">Signed in as <strong>{}</strong></span> <form class="sign-out" method="post" action="/sign-out"><button type="submit">Sign out</button></form></div>
"#,
            escape(&caller.name)
        ),
        None if identity.tokens_accepted => {
            "<div class=\"account\"><a class=\"sign-in\" href=\"/sign-in\">Sign in</a></div>\n"
                .to_string()
        }
        None => String::new(),
    }
}

fn sign_in_section(identity: &Identity, error: Option<&ApiError>) -> String {
    let mut section = String::from(r#"<section class="sign-in-page"><h1>Sign in</h1>"#);
    if !identity.tokens_accepted {
        section.push_str(
            "<p>This server accepts no tokens: everyone sees the public documents.</p></section>",
        );
        return section;
    }
    if let Some(caller) = &identity.caller {
        section.push_str(&format!(
            "<p>You are signed in as <strong>{}</strong>.</p></section>",
            escape(&caller.name)
        ));
        return section;
    }
    section.push_str(
        "<p>Sign in with your API token to see, beside the public documents, the restricted \
         and confidential documents of your groups.</p>",
    );
    if let Some(error) = error {
        section.push_str(&format!(
            r#"<p class="error" role="alert">{}</p>"#,
            escape(&error.public_message())
        ));
    }
    section.push_str(
        r#"<form class="sign-in-form" method="post" action="/sign-in"><label for="token">Token</label> <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required> <button type="submit">Sign in</button></form></section>"#,
    );
    section
}

fn sign_in_response(identity: &Identity, error: Option<&ApiError>) -> Response {
    let status = error.map_or(StatusCode::OK, |error| error.presentation().status);
    let mut response = html_response(
        status,
        layout("Sign in", None, identity, &sign_in_section(identity, error)),
    );
    if let Some(error) = error {
        error.log();
        error.add_headers(response.headers_mut());
    }
    response
}

pub(super) async fn sign_in_page(identity: Identity) -> Response {
    sign_in_response(&identity, None)
}

#[derive(Deserialize)]
pub(super) struct SignInForm {
    #[serde(default)]
    token: String,
}

/// The host and port of an `http(s)://host[:port]/…` URL.
fn authority(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    rest.split(['/', '?', '#']).next()
}

/// Refuses a form posted from another site: an `Origin` (or else a `Referer`) that
/// names another host than the request's. A form with neither is let through: its
/// cookie was `SameSite=Strict`, so another site could not have sent it signed in.
fn same_site_form(headers: &HeaderMap) -> Result<(), ApiError> {
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .unwrap_or_default();
    let sender = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER));
    match sender {
        None => Ok(()),
        Some(sender) => {
            let sender = sender.to_str().ok().and_then(authority);
            if sender.is_some_and(|sender| !host.is_empty() && sender.eq_ignore_ascii_case(host)) {
                Ok(())
            } else {
                Err(ApiError::CrossSiteForm)
            }
        }
    }
}

/// Whether the client reached us over TLS (directly, or through a proxy that says so).
fn over_tls(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
}

fn session_cookie_header(value: &str, headers: &HeaderMap, end: bool) -> HeaderValue {
    let mut cookie = format!("{SESSION_COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/");
    if end {
        cookie.push_str("; Max-Age=0");
    }
    if over_tls(headers) {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Back to the search page, with the cookie set or cleared.
fn back_to_search(cookie: HeaderValue) -> Response {
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, HeaderValue::from_static("/")),
            (header::SET_COOKIE, cookie),
        ],
    )
        .into_response()
}

pub(super) async fn sign_in(
    State(state): State<AppState>,
    identity: Identity,
    headers: HeaderMap,
    extensions: Extensions,
    form: Result<Form<SignInForm>, FormRejection>,
) -> Response {
    if let Err(error) = same_site_form(&headers) {
        return sign_in_response(&identity, Some(&error));
    }
    let token = match form {
        Ok(Form(form)) => form.token,
        Err(rejection) => {
            return sign_in_response(
                &identity,
                Some(&ApiError::InvalidBody(rejection.body_text())),
            )
        }
    };
    let token = token.trim();
    if token.is_empty() {
        return sign_in_response(&identity, Some(&ApiError::InvalidToken));
    }
    let client = client_address(&extensions);
    match Auth::verify_secret(&state, token, client).await {
        Ok(signed_in) => {
            let session = state.auth().start_session(&signed_in);
            back_to_search(session_cookie_header(&session, &headers, false))
        }
        Err(error) => sign_in_response(&identity, Some(&error)),
    }
}

pub(super) async fn sign_out(
    State(state): State<AppState>,
    identity: Identity,
    headers: HeaderMap,
) -> Response {
    if let Err(error) = same_site_form(&headers) {
        return sign_in_response(&identity, Some(&error));
    }
    if let Some(session) = session_cookie(&headers) {
        state.auth().end_session(session);
    }
    back_to_search(session_cookie_header("", &headers, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(name.clone(), HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn forms_from_other_sites_are_refused() {
        let host = (header::HOST, "hrlex.example:8080");
        assert!(same_site_form(&headers(&[host.clone()])).is_ok());
        assert!(same_site_form(&headers(&[
            host.clone(),
            (header::ORIGIN, "https://hrlex.example:8080")
        ]))
        .is_ok());
        assert!(same_site_form(&headers(&[
            host.clone(),
            (header::REFERER, "http://hrlex.example:8080/sign-in?x=1")
        ]))
        .is_ok());
        for (name, value) in [
            (header::ORIGIN, "https://evil.example"),
            (header::ORIGIN, "null"),
            (header::REFERER, "https://hrlex.example:8080.evil.example/"),
        ] {
            assert!(
                same_site_form(&headers(&[host.clone(), (name, value)])).is_err(),
                "{value}"
            );
        }
    }

    #[test]
    fn the_cookie_is_http_only_strict_and_secure_over_tls() {
        let plain = session_cookie_header("abc", &HeaderMap::new(), false);
        assert_eq!(
            plain,
            "hrlex_session=abc; HttpOnly; SameSite=Strict; Path=/"
        );
        let tls = session_cookie_header(
            "abc",
            &headers(&[(
                header::HeaderName::from_static("x-forwarded-proto"),
                "https",
            )]),
            false,
        );
        assert!(tls.to_str().unwrap().ends_with("; Secure"));
        let end = session_cookie_header("", &HeaderMap::new(), true);
        assert!(end.to_str().unwrap().contains("Max-Age=0"));
    }

    #[test]
    fn the_account_area_escapes_the_token_name() {
        let identity = Identity {
            caller: Some(crate::auth::SignedIn {
                token_id: "a".into(),
                name: "<b>مقرر</b>".into(),
                viewer: hrlex_access::Viewer::Public,
            }),
            tokens_accepted: true,
        };
        let html = account_section(&identity);
        assert!(html.contains("&lt;b&gt;مقرر&lt;/b&gt;"), "{html}");
        assert!(html.contains(r#"action="/sign-out""#));
    }
}
