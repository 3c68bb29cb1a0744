//! The error type of the index crate. Engine errors are carried as text so that no
//! tantivy type leaks into the public API.

use crate::query::QueryError;
use std::path::PathBuf;

/// Everything that can go wrong while building or searching an index.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The query could not be parsed or is too expensive; says where and why.
    #[error("invalid query: {0}")]
    Query(#[from] QueryError),
    /// A request parameter (filter, limit, language…) is invalid.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// Another process is writing to this index.
    #[error("index {path} is locked by another writer: {message}")]
    Locked { path: PathBuf, message: String },
    /// The folder holds no hrlex index.
    #[error("no index at {path}; run `hrlex index` first")]
    NotFound { path: PathBuf },
    /// The index was built with another schema version.
    #[error("index {path} has schema version {found}, this build needs {expected}; rebuild it with `hrlex index --full`")]
    SchemaMismatch {
        path: PathBuf,
        found: String,
        expected: String,
    },
    #[error("{context} {path}: {source}")]
    Io {
        context: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An error of the search engine, with what we were doing.
    #[error("search engine error while {context}: {message}")]
    Engine {
        context: &'static str,
        message: String,
    },
    /// A write failed because the file system of the index is full. What the run had
    /// written is removed; the index keeps its last commit.
    #[error("no space left on device at {path} ({context}); the files this run had written were removed and the index keeps its last commit")]
    DiskFull { path: PathBuf, context: String },
    /// A stored record could not be decoded.
    #[error("stored record of document {document_id} is unreadable: {message}")]
    CorruptRecord {
        document_id: String,
        message: String,
    },
}

impl IndexError {
    pub(crate) fn engine(
        context: &'static str,
    ) -> impl FnOnce(tantivy::TantivyError) -> IndexError {
        move |error| IndexError::Engine {
            context,
            message: error.to_string(),
        }
    }

    /// A stable short code for scripts and the HTTP error table.
    pub fn code(&self) -> &'static str {
        match self {
            IndexError::Query(_) => "invalid_query",
            IndexError::InvalidRequest(_) => "invalid_request",
            IndexError::Locked { .. } => "locked",
            IndexError::NotFound { .. } => "no_index",
            IndexError::SchemaMismatch { .. } => "schema_mismatch",
            IndexError::Io { .. } => "io",
            IndexError::Engine { .. } => "engine",
            IndexError::CorruptRecord { .. } => "corrupt_record",
            IndexError::DiskFull { .. } => "disk_full",
        }
    }
}
