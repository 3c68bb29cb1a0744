//! The route table: every route the router mounts, JSON API and web page alike, listed
//! once, so that tests can call each of them (the leak test asks every route for
//! documents an anonymous caller must not see) and the OpenAPI test can check the JSON
//! ones against the document.

use crate::state::AppState;
use axum::http::Method;
use axum::routing::MethodRouter;

/// One route: what the router mounts.
pub struct Route {
    pub method: Method,
    /// In axum and OpenAPI syntax alike (`/api/documents/{id}`).
    pub path: &'static str,
    pub handler: MethodRouter<AppState>,
}

pub(crate) fn route(method: Method, path: &'static str, handler: MethodRouter<AppState>) -> Route {
    Route {
        method,
        path,
        handler,
    }
}

/// Every route the router serves: the JSON API ([`crate::api_routes`]) and the web
/// page's routes, as (method, path).
pub fn all_routes() -> Vec<(Method, &'static str)> {
    crate::api::api_routes()
        .into_iter()
        .chain(crate::ui::routes())
        .map(|route| (route.method, route.path))
        .collect()
}
