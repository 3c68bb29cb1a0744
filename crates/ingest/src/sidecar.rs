//! Sidecar metadata: a `<file>.meta.json` beside any corpus file overrides or completes
//! the metadata of the documents made from that file. Schema (every field optional):
//!
//! ```json
//! {"id": "…", "work_id": "…", "title": "…", "lang": "es", "mechanism": "iacthr",
//!  "body": "…", "doc_type": "judgment", "symbol": "…", "identifiers": ["iacthr:C:205"],
//!  "case_name": "…", "states": ["Mexico"], "date": "2009-11-16", "articles": ["5"],
//!  "themes": ["gender violence"], "outcome": "violation", "access": "confidential",
//!  "groups": ["spt"], "url": "https://…"}
//! ```
//!
//! `groups` name who may see a `restricted` or `confidential` document
//! ([`hrlex_model::group_name`]); a sidecar giving groups to a public document is refused,
//! since its author meant something to be confidential that would not be.

use crate::{file_kind, IngestError, IngestOptions};
use hrlex_model::{Access, CitationKey, DocType, Document, Lang, Mechanism};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The sidecar schema. Unknown fields are rejected so that typos are reported.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    pub id: Option<String>,
    pub work_id: Option<String>,
    pub title: Option<String>,
    pub lang: Option<Lang>,
    pub mechanism: Option<Mechanism>,
    pub body: Option<String>,
    pub doc_type: Option<DocType>,
    pub symbol: Option<String>,
    pub identifiers: Option<Vec<CitationKey>>,
    pub case_name: Option<String>,
    pub states: Option<Vec<String>>,
    pub date: Option<String>,
    pub articles: Option<Vec<String>>,
    pub themes: Option<Vec<String>>,
    pub outcome: Option<String>,
    pub access: Option<Access>,
    pub groups: Option<Vec<String>>,
    pub url: Option<String>,
}

/// `<file>.meta.json` for a file.
pub fn sidecar_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".meta.json");
    path.with_file_name(name)
}

/// True for sidecar files themselves (they are not documents).
pub fn is_sidecar(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.ends_with(".meta.json"))
}

/// Reads the sidecar of `path`, if there is one, with the bounds of corpus files: a
/// regular file (not a FIFO, device or socket; a symbolic link only as `options.symlinks`
/// allows) of at most `options.max_file_bytes`. A sidecar that breaks them is an error of
/// the file it describes, never skipped: it may be what makes the file confidential.
pub fn read_for(path: &Path, options: &IngestOptions) -> Result<Option<Sidecar>, IngestError> {
    let sidecar = sidecar_path(path);
    let Some(bytes) =
        file_kind::read_regular_file(&sidecar, &options.symlinks, options.max_file_bytes)?
    else {
        return Ok(None);
    };
    let mut parsed: Sidecar = serde_json::from_slice(&bytes)
        .map_err(|error| IngestError::malformed(&sidecar, "sidecar JSON", error))?;
    parsed
        .check_groups()
        .map_err(|message| IngestError::malformed(&sidecar, "sidecar", message))?;
    Ok(Some(parsed))
}

impl Sidecar {
    /// Normalizes `groups` ([`hrlex_model::group_name`]); refuses a bad name, and groups
    /// on a document left public.
    fn check_groups(&mut self) -> Result<(), String> {
        let Some(groups) = &self.groups else {
            return Ok(());
        };
        let mut names: Vec<String> = Vec::with_capacity(groups.len());
        for group in groups {
            let name = hrlex_model::group_name(group)
                .map_err(|reason| format!("group {group:?}: {reason}"))?;
            if !names.contains(&name) {
                names.push(name);
            }
        }
        if !names.is_empty() && self.access.unwrap_or_default() == Access::Public {
            return Err(
                "\"groups\" are given but the document is public: add \"access\": \"restricted\" \
                 or \"confidential\" (or remove the groups)"
                    .to_string(),
            );
        }
        self.groups = Some(names);
        Ok(())
    }

    /// Applies every field present in the sidecar to `document`.
    pub fn apply(&self, document: &mut Document) {
        macro_rules! set {
            ($field:ident) => {
                if let Some(value) = &self.$field {
                    document.$field = value.clone();
                }
            };
            ($field:ident, some) => {
                if let Some(value) = &self.$field {
                    document.$field = Some(value.clone());
                }
            };
        }
        set!(id);
        set!(work_id);
        set!(title);
        set!(lang);
        set!(mechanism);
        set!(body, some);
        set!(doc_type);
        set!(symbol, some);
        set!(case_name, some);
        set!(states);
        set!(date, some);
        set!(articles);
        set!(themes);
        set!(outcome, some);
        set!(access);
        set!(groups);
        set!(url, some);
        if let Some(identifiers) = &self.identifiers {
            for key in identifiers {
                document.add_identifier(key.clone());
            }
        }
    }
}
