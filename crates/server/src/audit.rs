//! Which non-public documents an answer showed, and the audit line it then appends
//! (`hrlex_access::AuditLog`). A handler lists the non-public documents of what it
//! answers ([`NonPublic`]) and attaches them to its response ([`audited`]); the
//! authentication middleware, which knows the caller and the endpoint, calls [`record`]
//! on the way out. A failed write is logged and does not fail the request.

use crate::auth::Identity;
use crate::state::AppState;
use axum::response::{IntoResponse, Response};
use hrlex_access::AuditEntry;
use hrlex_model::{Access, Document};
use std::collections::BTreeSet;

/// The ids of the non-public documents an answer contains.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NonPublicDocuments(BTreeSet<String>);

impl NonPublicDocuments {
    pub(crate) fn add(&mut self, id: &str, access: Access) {
        if access != Access::Public {
            self.0.insert(id.to_string());
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What can list the non-public documents it shows.
pub(crate) trait NonPublic {
    fn non_public(&self, found: &mut NonPublicDocuments);
}

impl<T: NonPublic> NonPublic for [T] {
    fn non_public(&self, found: &mut NonPublicDocuments) {
        for item in self {
            item.non_public(found);
        }
    }
}

impl<T: NonPublic> NonPublic for Vec<T> {
    fn non_public(&self, found: &mut NonPublicDocuments) {
        self.as_slice().non_public(found);
    }
}

impl NonPublic for Document {
    fn non_public(&self, found: &mut NonPublicDocuments) {
        found.add(&self.id, self.access);
    }
}

/// The non-public documents of several parts of one answer.
pub(crate) fn non_public_of(parts: &[&dyn NonPublic]) -> NonPublicDocuments {
    let mut found = NonPublicDocuments::default();
    for part in parts {
        part.non_public(&mut found);
    }
    found
}

/// `response` marked with the non-public documents it contains.
pub(crate) fn audited(response: impl IntoResponse, found: NonPublicDocuments) -> Response {
    let mut response = response.into_response();
    if !found.is_empty() {
        response.extensions_mut().insert(found);
    }
    response
}

fn now_utc() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |duration| duration.as_secs());
    hrlex_index::format_unix_utc(seconds)
}

/// Appends the audit line of an answer to `endpoint` that showed `found`.
pub(crate) async fn record(
    state: &AppState,
    identity: &Identity,
    endpoint: &str,
    found: NonPublicDocuments,
) {
    if found.is_empty() {
        return;
    }
    let token = match &identity.caller {
        Some(caller) => caller.name.clone(),
        None => {
            // The index never gives an anonymous caller a non-public document; if it
            // ever did, the log must say so.
            tracing::error!(endpoint, "an anonymous answer contained non-public documents");
            "(anonymous)".to_string()
        }
    };
    let entry = AuditEntry {
        time: now_utc(),
        token,
        endpoint: endpoint.to_string(),
        documents: found.0.into_iter().collect(),
    };
    let state = state.clone();
    let written = tokio::task::spawn_blocking(move || match state.auth().audit_log() {
        Some(log) => log.append(&entry),
        None => Ok(()),
    })
    .await;
    match written {
        Ok(Ok(())) => {}
        Ok(Err(error)) => {
            tracing::error!(error = %error, "audit log write failed");
            eprintln!("hrlex serve: {error}");
        }
        Err(error) => tracing::error!(error = %error, "audit log task failed"),
    }
}
