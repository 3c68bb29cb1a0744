//! The API's errors and the one table that maps each of them to an HTTP status and a
//! stable code. Server-side failures (5xx) are logged with their details; the client
//! only gets the code and a generic message.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use hrlex_index::{IndexError, QueryError, QueryErrorKind};
use serde::Serialize;
use std::time::Duration;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The query does not parse or is refused as too expensive; carries the position.
    #[error("invalid query: {0}")]
    InvalidQuery(QueryError),
    /// A query-string parameter or a filter is malformed or out of bounds.
    #[error("{0}")]
    InvalidParameter(String),
    /// A JSON body could not be read.
    #[error("{0}")]
    InvalidBody(String),
    #[error("the request body is larger than {limit_bytes} bytes")]
    PayloadTooLarge { limit_bytes: usize },
    #[error("no document with id `{0}`")]
    DocumentNotFound(String),
    #[error("no such page: {0}")]
    RouteNotFound(String),
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A search ran past the per-request time budget.
    #[error("the search took longer than {} ms; narrow the query or add filters", budget.as_millis())]
    SearchTimeout { budget: Duration },
    /// Every search slot stayed busy for the whole queue wait.
    #[error("the server is busy; retry in a moment")]
    Overloaded,
    /// The whole request ran past its time limit.
    #[error("the request took longer than {} ms", limit.as_millis())]
    RequestTimeout { limit: Duration },
    /// The index cannot be read (missing, wrong schema version); details are logged.
    #[error("index unavailable: {0}")]
    IndexUnavailable(String),
    /// A bearer token that is unknown, wrong or revoked (one message for all three).
    #[error("this token is not valid or has been revoked")]
    InvalidToken,
    /// An `Authorization` header that is not `Bearer <token>`.
    #[error("the Authorization header must read `Bearer <token>`")]
    InvalidAuthorization,
    /// A token sent to a server started without a token file.
    #[error("this server accepts no tokens: it serves public documents to everyone")]
    TokensNotAccepted,
    /// Too many failed token checks from the client's address.
    #[error("too many failed attempts with invalid tokens; retry in {} seconds", retry_after_seconds(*retry_after))]
    TooManyFailures { retry_after: Duration },
    /// A form posted from another site (its `Origin` or `Referer` is not this server).
    #[error("this form was sent from another site")]
    CrossSiteForm,
    /// Anything else that is our fault; details are logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

/// How an error is presented: status, stable code, and whether its details may be sent.
pub struct ErrorPresentation {
    pub status: StatusCode,
    pub code: &'static str,
    /// 5xx errors whose message could leak internals get a generic message instead.
    pub message_is_public: bool,
}

impl ApiError {
    /// The error table: one row per variant.
    pub fn presentation(&self) -> ErrorPresentation {
        let (status, code, message_is_public) = match self {
            ApiError::InvalidQuery(_) => (StatusCode::BAD_REQUEST, "invalid_query", true),
            ApiError::InvalidParameter(_) => (StatusCode::BAD_REQUEST, "invalid_parameter", true),
            ApiError::InvalidBody(_) => (StatusCode::BAD_REQUEST, "invalid_body", true),
            ApiError::PayloadTooLarge { .. } => {
                (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", true)
            }
            ApiError::DocumentNotFound(_) => (StatusCode::NOT_FOUND, "document_not_found", true),
            ApiError::RouteNotFound(_) => (StatusCode::NOT_FOUND, "not_found", true),
            ApiError::MethodNotAllowed => {
                (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", true)
            }
            ApiError::RequestTimeout { .. } => {
                (StatusCode::REQUEST_TIMEOUT, "request_timeout", true)
            }
            ApiError::SearchTimeout { .. } => {
                (StatusCode::SERVICE_UNAVAILABLE, "search_timeout", true)
            }
            ApiError::Overloaded => (StatusCode::SERVICE_UNAVAILABLE, "overloaded", true),
            ApiError::IndexUnavailable(_) => {
                (StatusCode::SERVICE_UNAVAILABLE, "index_unavailable", false)
            }
            ApiError::InvalidToken => (StatusCode::UNAUTHORIZED, "invalid_token", true),
            ApiError::InvalidAuthorization => {
                (StatusCode::UNAUTHORIZED, "invalid_authorization", true)
            }
            ApiError::TokensNotAccepted => (StatusCode::UNAUTHORIZED, "tokens_not_accepted", true),
            ApiError::TooManyFailures { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, "too_many_failures", true)
            }
            ApiError::CrossSiteForm => (StatusCode::FORBIDDEN, "cross_site_form", true),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal", false),
        };
        ErrorPresentation {
            status,
            code,
            message_is_public,
        }
    }

    /// The message sent to the client.
    pub fn public_message(&self) -> String {
        if self.presentation().message_is_public {
            return self.to_string();
        }
        match self {
            ApiError::IndexUnavailable(_) => "the index is unavailable".to_string(),
            _ => "internal server error".to_string(),
        }
    }

    /// Logs server-side failures with their details (once, where they are turned into a
    /// response).
    pub fn log(&self) {
        let presentation = self.presentation();
        if presentation.status.is_server_error() {
            tracing::error!(code = presentation.code, error = %self, "request failed");
        }
    }

    pub fn body(&self) -> ErrorBody {
        let presentation = self.presentation();
        let (position, kind) = match self {
            ApiError::InvalidQuery(error) => (
                Some(QueryPosition {
                    offset: error.offset,
                    column: error.column,
                }),
                Some(error.kind),
            ),
            _ => (None, None),
        };
        ErrorBody {
            error: ErrorDetail {
                code: presentation.code,
                message: self.public_message(),
                position,
                kind,
            },
        }
    }
}

/// `{"error": {"code", "message", "position"?, "kind"?}}`.
#[derive(Debug, Serialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize)]
pub struct ErrorDetail {
    pub code: &'static str,
    pub message: String,
    /// Where a query was refused (byte offset and 1-based character column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<QueryPosition>,
    /// Why a query was refused, as a stable category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<QueryErrorKind>,
}

#[derive(Debug, Serialize)]
pub struct QueryPosition {
    pub offset: usize,
    pub column: usize,
}

impl From<IndexError> for ApiError {
    fn from(error: IndexError) -> Self {
        match error {
            IndexError::Query(query_error) => ApiError::InvalidQuery(query_error),
            IndexError::InvalidRequest(message) => ApiError::InvalidParameter(message),
            IndexError::NotFound { .. } | IndexError::SchemaMismatch { .. } => {
                ApiError::IndexUnavailable(error.to_string())
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// A path or query string that cannot be read (invalid UTF-8 in a percent-encoded id,
/// malformed pairs) is the client's error, answered in the same format as every other.
fn from_rejection(status: StatusCode, message: String) -> ApiError {
    if status.is_server_error() {
        return ApiError::Internal(message);
    }
    ApiError::InvalidParameter(message)
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        from_rejection(rejection.status(), rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        from_rejection(rejection.status(), rejection.body_text())
    }
}

/// Whole seconds to wait, rounded up (never 0: "retry in 0 seconds" would be retried at
/// once and refused again).
fn retry_after_seconds(wait: Duration) -> u64 {
    (wait.as_millis().div_ceil(1000) as u64).max(1)
}

impl ApiError {
    /// The headers this error's response carries besides its body: `Retry-After` on
    /// 503 and 429, `WWW-Authenticate: Bearer` on 401. The web page's error pages use
    /// them too.
    pub(crate) fn add_headers(&self, headers: &mut axum::http::HeaderMap) {
        match self {
            ApiError::TooManyFailures { retry_after } => {
                headers.insert(
                    header::RETRY_AFTER,
                    retry_after_seconds(*retry_after).into(),
                );
            }
            _ if self.presentation().status == StatusCode::SERVICE_UNAVAILABLE => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            _ if self.presentation().status == StatusCode::UNAUTHORIZED => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"hrlex\""),
                );
            }
            _ => {}
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.log();
        let status = self.presentation().status;
        let mut response = (status, axum::Json(self.body())).into_response();
        self.add_headers(response.headers_mut());
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_errors_do_not_leak_details() {
        let error = ApiError::Internal("disk /srv/secret/index failed".to_string());
        let body = serde_json::to_value(error.body()).unwrap();
        assert_eq!(body["error"]["code"], "internal");
        assert!(!body.to_string().contains("/srv/secret"));
    }

    #[test]
    fn token_errors_say_why_and_how_to_retry() {
        let response = ApiError::InvalidToken.into_response();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            response.headers()[header::WWW_AUTHENTICATE],
            "Bearer realm=\"hrlex\""
        );
        let response = ApiError::TooManyFailures {
            retry_after: Duration::from_millis(41_200),
        }
        .into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "42");
        assert!(ApiError::TooManyFailures {
            retry_after: Duration::from_millis(41_200)
        }
        .to_string()
        .contains("retry in 42 seconds"));
    }

    #[test]
    fn query_errors_carry_their_position() {
        let query_error = hrlex_index::parse_query("torture AND (").unwrap_err();
        let error = ApiError::from(IndexError::Query(query_error));
        assert_eq!(error.presentation().status, StatusCode::BAD_REQUEST);
        let body = serde_json::to_value(error.body()).unwrap();
        assert_eq!(body["error"]["code"], "invalid_query");
        assert!(body["error"]["position"]["column"].as_u64().unwrap() >= 1);
    }
}
