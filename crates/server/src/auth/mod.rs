//! Who is asking. Every request passes [`authenticate`]: an `Authorization: Bearer`
//! secret (any route) or a sign-in session cookie (the web page) makes it a token's
//! request, with that token's [`Viewer`]; anything else is anonymous and sees public
//! documents only. The caller goes into the request's extensions as an [`Identity`],
//! which handlers extract. Answers that showed the caller non-public documents are
//! audited on the way out (`crate::audit`).
//!
//! Without a token file, every caller is anonymous and a request that carries an
//! `Authorization` header is refused (401 `tokens_not_accepted`): a client that sends a
//! token expects to be given more than the public documents, and should be told it
//! was not.

mod rate_limit;
mod sessions;
mod token_store;

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hrlex_access::{AccessError, AuditLog, TokenRecord, Viewer};
use rate_limit::{client_key, FailureLimiter};
use sessions::Sessions;
use sha2::{Digest, Sha256};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Instant;
use token_store::TokenStore;

/// The name of the sign-in session cookie.
pub(crate) const SESSION_COOKIE: &str = "hrlex_session";

/// SHA-256 of a secret or session id: what the server keeps instead of the text.
pub(crate) fn digest(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

/// How the server authenticates callers (`hrlex serve --tokens FILE --audit-log FILE`).
#[derive(Debug, Clone, Default)]
pub struct AuthConfig {
    /// The token file; `None`: every caller is anonymous.
    pub tokens: Option<PathBuf>,
    /// The audit log; by default `audit.log` beside the token file.
    pub audit_log: Option<PathBuf>,
}

/// The server's authentication state: tokens, sessions, failed attempts, audit log.
pub struct Auth {
    store: Option<TokenStore>,
    sessions: Sessions,
    failures: FailureLimiter,
    audit: Option<AuditLog>,
}

impl Auth {
    /// No tokens: everyone is anonymous.
    pub fn anonymous_only() -> Auth {
        Auth {
            store: None,
            sessions: Sessions::default(),
            failures: FailureLimiter::default(),
            audit: None,
        }
    }

    /// Loads the token file and opens (creates) the audit log of `config`.
    pub fn new(config: &AuthConfig) -> Result<Auth, AccessError> {
        let Some(tokens) = &config.tokens else {
            return Ok(Auth::anonymous_only());
        };
        let store = TokenStore::open(tokens)?;
        let audit_path = config
            .audit_log
            .clone()
            .unwrap_or_else(|| tokens.with_file_name("audit.log"));
        Ok(Auth {
            store: Some(store),
            audit: Some(AuditLog::open(&audit_path)?),
            ..Auth::anonymous_only()
        })
    }

    /// The token file, when there is one.
    pub fn tokens_path(&self) -> Option<&std::path::Path> {
        self.store.as_ref().map(TokenStore::path)
    }

    /// The audit log, when there is one.
    pub fn audit_log(&self) -> Option<&AuditLog> {
        self.audit.as_ref()
    }

    pub(crate) fn accepts_tokens(&self) -> bool {
        self.store.is_some()
    }

    /// Checks the token file for changes when due (at most once a second); after a
    /// reload, sessions of tokens no longer active are dropped.
    async fn reload_tokens_if_due(state: &AppState) {
        let Some(store) = &state.auth().store else {
            return;
        };
        if !store.check_is_due() {
            return;
        }
        let reloading = state.clone();
        let reloaded = tokio::task::spawn_blocking(move || {
            reloading
                .auth()
                .store
                .as_ref()
                .is_some_and(TokenStore::reload_if_changed)
        })
        .await
        .unwrap_or(false);
        if reloaded {
            let tokens = store.tokens();
            state
                .auth()
                .sessions
                .retain_tokens(|id| tokens.active_by_id(id).is_some());
        }
    }

    /// The token a secret authenticates. A failure counts against `client`; a client
    /// over its limit gets 429 without its secret being checked (a secret verified
    /// before, since the last reload, is still accepted: it cannot be a guess).
    pub(crate) async fn verify_secret(
        state: &AppState,
        secret: &str,
        client: Option<IpAddr>,
    ) -> Result<SignedIn, ApiError> {
        let auth = state.auth();
        let Some(store) = &auth.store else {
            return Err(ApiError::TokensNotAccepted);
        };
        let secret_digest = digest(secret);
        if let Some(record) = store.cached(&secret_digest) {
            return Ok(SignedIn::of(&record));
        }
        let client = client_key(client);
        auth.failures
            .check(client, Instant::now())
            .map_err(|wait| ApiError::TooManyFailures { retry_after: wait })?;
        let generation = store.generation();
        let tokens = store.tokens();
        let secret = secret.to_string();
        let record = tokio::task::spawn_blocking(move || tokens.verify_record(&secret).cloned())
            .await
            .map_err(|error| ApiError::Internal(format!("token check failed: {error}")))?;
        match record {
            Some(record) => {
                store.remember(secret_digest, &record.id, generation);
                Ok(SignedIn::of(&record))
            }
            None => {
                auth.failures.fail(client, Instant::now());
                Err(ApiError::InvalidToken)
            }
        }
    }

    /// Starts a web page session for a verified token; returns the cookie's value.
    pub(crate) fn start_session(&self, signed_in: &SignedIn) -> String {
        self.sessions.start(&signed_in.token_id, Instant::now())
    }

    pub(crate) fn end_session(&self, session_id: &str) {
        self.sessions.end(session_id);
    }

    /// The token of a live session, if it is still active.
    fn session_caller(&self, session_id: &str) -> Option<SignedIn> {
        let store = self.store.as_ref()?;
        let token_id = self.sessions.token_of(session_id, Instant::now())?;
        let tokens = store.tokens();
        let Some(record) = tokens.active_by_id(&token_id) else {
            self.sessions.end(session_id);
            return None;
        };
        Some(SignedIn::of(record))
    }
}

/// A request made with a token.
#[derive(Debug, Clone)]
pub(crate) struct SignedIn {
    pub token_id: String,
    pub name: String,
    pub viewer: Viewer,
}

impl SignedIn {
    fn of(record: &TokenRecord) -> SignedIn {
        SignedIn {
            token_id: record.id.clone(),
            name: record.name.clone(),
            viewer: record.caller().viewer(),
        }
    }
}

/// Who a request is from, as handlers see it.
#[derive(Debug, Clone)]
pub(crate) struct Identity {
    pub caller: Option<SignedIn>,
    /// Whether this server takes tokens at all (the page offers to sign in).
    pub tokens_accepted: bool,
}

impl Identity {
    /// What the caller may see: anonymous callers, public documents only.
    pub(crate) fn viewer(&self) -> Viewer {
        self.caller
            .as_ref()
            .map_or(Viewer::Public, |caller| caller.viewer.clone())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Identity {
    type Rejection = std::convert::Infallible;

    /// The identity [`authenticate`] found; anonymous (the safe default) if none.
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Identity>()
            .cloned()
            .unwrap_or(Identity {
                caller: None,
                tokens_accepted: false,
            }))
    }
}

/// The client's address, when the request came over a socket.
pub(crate) fn client_address(request_extensions: &axum::http::Extensions) -> Option<IpAddr> {
    request_extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip())
}

/// The secret of `Authorization: Bearer <secret>`.
fn bearer_secret(headers: &HeaderMap) -> Option<Result<&str, ApiError>> {
    let value = headers.get(header::AUTHORIZATION)?;
    let secret = value
        .to_str()
        .ok()
        .and_then(|value| {
            let (scheme, secret) = value.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| secret.trim())
        })
        .filter(|secret| !secret.is_empty())
        .ok_or(ApiError::InvalidAuthorization);
    Some(secret)
}

/// The value of the session cookie.
pub(crate) fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.trim())
}

async fn identify(
    state: &AppState,
    headers: &HeaderMap,
    client: Option<IpAddr>,
) -> Result<Identity, ApiError> {
    let auth = state.auth();
    let caller = match bearer_secret(headers) {
        Some(secret) => Some(Auth::verify_secret(state, secret?, client).await?),
        None => session_cookie(headers).and_then(|session| auth.session_caller(session)),
    };
    Ok(Identity {
        caller,
        tokens_accepted: auth.accepts_tokens(),
    })
}

/// The middleware: identifies the caller (or answers 401 / 429), runs the request with
/// its [`Identity`], then audits the answer.
pub(crate) async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    Auth::reload_tokens_if_due(&state).await;
    let client = client_address(request.extensions());
    let identity = match identify(&state, request.headers(), client).await {
        Ok(identity) => identity,
        Err(error) => return error.into_response(),
    };
    let endpoint = format!(
        "{} {}",
        request.method(),
        request
            .uri()
            .path_and_query()
            .map_or_else(|| request.uri().path(), |path| path.as_str())
    );
    request.extensions_mut().insert(identity.clone());
    let response = next.run(request).await;
    let shown = response
        .extensions()
        .get::<crate::audit::NonPublicDocuments>()
        .cloned();
    if let Some(shown) = shown {
        crate::audit::record(&state, &identity, &endpoint, shown).await;
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn bearer_secrets_and_session_cookies_are_read() {
        let mut headers = HeaderMap::new();
        assert!(bearer_secret(&headers).is_none());
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer  hrlex_a_b "),
        );
        assert_eq!(bearer_secret(&headers).unwrap().unwrap(), "hrlex_a_b");
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic dXNlcjpwdw=="),
        );
        assert!(bearer_secret(&headers).unwrap().is_err());
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer "));
        assert!(bearer_secret(&headers).unwrap().is_err());
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; hrlex_session=abc123; other=1"),
        );
        assert_eq!(session_cookie(&headers), Some("abc123"));
    }
}
