//! The index folder: opening it (refusing another schema version), creating it, and
//! the stamp every commit carries. The bottom layer: it imports only the schema.

use crate::schema::{build_schema, SCHEMA_VERSION};
use crate::IndexError;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tantivy::Index;

/// Recorded in every commit's payload: who built the index from what.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct IndexStamp {
    pub schema_version: String,
    pub hrlex_version: String,
    pub roots: Vec<String>,
    /// Unix seconds at commit.
    pub committed_at: u64,
    pub last_run_failures: usize,
    /// Commits made to this index, this one included (0 in indexes older than the
    /// field): a generation that, unlike the engine's, does not count documents.
    #[serde(default)]
    pub commits: u64,
}

/// Opens the index in `index_dir`, refusing one of another schema version.
pub(crate) fn open_index(index_dir: &Path) -> Result<Index, IndexError> {
    if !index_dir.join("meta.json").exists() {
        return Err(IndexError::NotFound {
            path: index_dir.to_path_buf(),
        });
    }
    let index = Index::open_in_dir(index_dir).map_err(IndexError::engine("opening the index"))?;
    let stamp = read_stamp(&index)?;
    let found = stamp
        .as_ref()
        .map_or("none".to_string(), |stamp| stamp.schema_version.clone());
    if found != SCHEMA_VERSION {
        return Err(IndexError::SchemaMismatch {
            path: index_dir.to_path_buf(),
            found,
            expected: SCHEMA_VERSION.to_string(),
        });
    }
    hrlex_analysis::register(index.tokenizers());
    Ok(index)
}

/// The stamp of the last commit, if it has one.
pub(crate) fn read_stamp(index: &Index) -> Result<Option<IndexStamp>, IndexError> {
    let metas = index
        .load_metas()
        .map_err(IndexError::engine("reading the index metadata"))?;
    Ok(metas
        .payload
        .and_then(|payload| serde_json::from_str(&payload).ok()))
}

/// Creates an empty index of the current schema in `index_dir`.
pub(crate) fn create_index(index_dir: &Path) -> Result<Index, IndexError> {
    std::fs::create_dir_all(index_dir).map_err(|source| IndexError::Io {
        context: "creating index folder",
        path: index_dir.to_path_buf(),
        source,
    })?;
    let index = Index::create_in_dir(index_dir, build_schema())
        .map_err(IndexError::engine("creating the index"))?;
    hrlex_analysis::register(index.tokenizers());
    Ok(index)
}

/// True for an index created by hrlex (same schema) that never received a commit.
pub(crate) fn never_committed(index_dir: &Path) -> bool {
    Index::open_in_dir(index_dir).is_ok_and(|index| {
        index.schema() == build_schema()
            && index
                .load_metas()
                .is_ok_and(|metas| metas.payload.is_none() && metas.segments.is_empty())
    })
}
