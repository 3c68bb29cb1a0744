//! hrlex-server: the query server of hrlex (axum): a JSON API under `/api/`, a web
//! interface rendered on the server, `/healthz`, `/metrics`, and live index reload.
//!
//! Key items:
//! - [`AppState`]: the opened index (swapped atomically when it is replaced on disk),
//!   the [`ServerLimits`], the search slots and the metrics.
//! - [`router`]: every route, with its middleware (limits, gzip, metrics, timeouts).
//! - [`serve`]: runs the router on a bound listener with the reload task, within the
//!   connection limits of [`ServerLimits`] (see `connections.rs`).
//! - [`ApiError`]: the one table mapping each error to an HTTP status and stable code.
//! - [`api_routes`]: the JSON routes, also what the OpenAPI document must describe;
//!   [`all_routes`]: every route, the web page's included.
//! - [`Auth`] (`auth/`): who is asking (bearer tokens, sign-in sessions, failed-attempt
//!   limits), and the audit log of answers that showed non-public documents (`audit.rs`).
//!
//! No tantivy type appears here: everything goes through `hrlex_index::SearchIndex`.
//!
//! ```no_run
//! # async fn run() -> Result<(), hrlex_server::ServerError> {
//! let state = hrlex_server::AppState::open(std::path::Path::new("index"), hrlex_server::ServerLimits::default())?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await.map_err(hrlex_server::ServerError::Bind)?;
//! hrlex_server::serve(listener, state, std::future::pending()).await?;
//! # Ok(()) }
//! ```

mod api;
mod audit;
mod auth;
mod citation;
mod connections;
mod derived;
mod error;
mod metrics;
mod routes;
mod state;
mod ui;

pub use api::{api_routes, ApiRoute, OPENAPI_JSON};
pub use auth::{Auth, AuthConfig};
pub use citation::{citation_text, paragraph_anchor};
pub use error::{ApiError, ErrorBody};
pub use routes::{all_routes, Route};
pub use state::{AppState, ServerLimits};

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use std::future::Future;
use tower_http::compression::CompressionLayer;

/// Failures of starting or running the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Index(#[from] hrlex_index::IndexError),
    #[error("cannot bind the server address: {0}")]
    Bind(std::io::Error),
}

/// Every route of the server with its middleware.
pub fn router(state: AppState) -> Router {
    let limits = state.limits().clone();
    let mut router = Router::new();
    for route in api_routes().into_iter().chain(ui::routes()) {
        router = router.route(route.path, route.handler);
    }
    router
        .fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        .layer(DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            request_time_limit,
        ))
        .layer(middleware::from_fn(security_headers))
        .layer(CompressionLayer::new().gzip(true))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::record,
        ))
        .with_state(state)
}

/// Runs `router(state)` on `listener` until `shutdown` completes, with the task that
/// follows index commits of other processes. Connections are bounded by the state's
/// [`ServerLimits`] (count, header read time, idle time). On shutdown, idle connections
/// are closed and requests in progress finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let reload_task = state.spawn_reload_task();
    let limits = state.limits().clone();
    connections::serve_connections(listener, router(state), &limits, shutdown).await;
    reload_task.abort();
    Ok(())
}

async fn fallback(identity: auth::Identity, request: Request) -> Response {
    let path = request.uri().path().to_string();
    if path.starts_with("/api/") || path == "/api" {
        return axum::response::IntoResponse::into_response(ApiError::RouteNotFound(path));
    }
    ui::not_found_page(&path, &identity)
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// Answers 408 when a request (reading its body included) runs past the limit, so that
/// slow clients cannot hold connections and tasks indefinitely.
async fn request_time_limit(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let limit = state.limits().request_timeout;
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => axum::response::IntoResponse::into_response(ApiError::RequestTimeout { limit }),
    }
}

/// Defence in depth for the web interface: scripts only from this server (so an
/// escaping mistake could still not run an inline script), no MIME sniffing.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}
