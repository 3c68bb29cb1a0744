//! Which non-public documents an answer showed, and the audit line it then appends
//! (`hrlex_access::AuditLog`). A handler collects them from what it answers
//! ([`shown_to`]) and attaches them to its response ([`audited`]); the authentication
//! middleware, which knows the caller and the endpoint, calls [`record`] on the way
//! out. A failed write is logged and does not fail the request.
//!
//! The documents are found in the answer's serialized form: every object with an `id`
//! and an `access` other than `public` (hits, documents, translations, the graph's
//! document references, wherever they are nested). Reading the very data sent, rather
//! than listing fields type by type, means a document reference added to an answer
//! later is audited without anyone remembering to.

use crate::auth::Identity;
use crate::state::AppState;
use axum::response::{IntoResponse, Response};
use hrlex_access::AuditEntry;
use serde_json::Value;
use std::collections::BTreeSet;

/// The ids of the non-public documents an answer contains.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NonPublicDocuments(BTreeSet<String>);

impl NonPublicDocuments {
    fn collect(&mut self, value: &Value) {
        match value {
            Value::Object(object) => {
                if let (Some(Value::String(id)), Some(Value::String(access))) =
                    (object.get("id"), object.get("access"))
                {
                    if access != "public" {
                        self.0.insert(id.clone());
                    }
                }
                object.values().for_each(|value| self.collect(value));
            }
            Value::Array(items) => items.iter().for_each(|value| self.collect(value)),
            _ => {}
        }
    }

    pub(crate) fn add(&mut self, id: &str, access: hrlex_model::Access) {
        if access != hrlex_model::Access::Public {
            self.0.insert(id.to_string());
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The non-public documents in `answer` (several parts of one answer: a tuple) given
/// to `identity`. Anonymous callers are never given one (the index filters them out
/// before anything is counted, and the leak tests check every route), so their answers
/// are not searched.
pub(crate) fn shown_to(identity: &Identity, answer: &impl serde::Serialize) -> NonPublicDocuments {
    let mut found = NonPublicDocuments::default();
    if identity.caller.is_none() {
        return found;
    }
    match serde_json::to_value(answer) {
        Ok(value) => found.collect(&value),
        Err(error) => tracing::error!(error = %error, "could not read an answer for the audit log"),
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
    let Some(caller) = &identity.caller else {
        return;
    };
    if found.is_empty() {
        return;
    }
    let entry = AuditEntry {
        time: now_utc(),
        token: caller.name.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_public_documents_are_found_wherever_they_are_nested() {
        let answer = serde_json::json!({
            "hits": [
                {"id": "a", "title": "public, no access field"},
                {"id": "b", "access": "confidential",
                 "translations": [{"id": "b-fr", "access": "restricted"}, {"id": "b-en", "access": "public"}]}
            ],
            "systems": [{"documents": [{"document": {"id": "c", "access": "restricted"}}]}]
        });
        let mut found = NonPublicDocuments::default();
        found.collect(&answer);
        assert_eq!(found.0.into_iter().collect::<Vec<_>>(), ["b", "b-fr", "c"]);
    }
}
