//! What an indexing run reports (`hrlex index --json`) and the record of the last run
//! it leaves in the index folder (`hrlex status`), written atomically after every run
//! (temp file, fsync, rename), so that a reader sees either the previous record or the
//! new one, never half of one.

use crate::lock::LockHolder;
use crate::IndexError;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// A file that failed, with its reason.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileFailure {
    pub path: String,
    pub code: String,
    pub reason: String,
}

/// A file byte-identical to one already indexed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IdenticalFile {
    pub path: String,
    /// The manifest key (canonical path) of the file indexed in its place.
    pub same_as: String,
}

/// What a run did.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IndexRunReport {
    /// Files seen for the first time and indexed.
    pub added: usize,
    /// Files whose content changed and were re-indexed.
    pub updated: usize,
    /// Files gone from the corpus whose documents were removed.
    pub removed: usize,
    /// Files skipped because size and mtime (or, failing that, the content hash) match.
    pub unchanged: usize,
    /// Files that are not documents (recorded so they are not re-read next time).
    pub skipped: usize,
    pub failed: Vec<FileFailure>,
    /// Files not indexed because they are byte-identical (with their sidecars) to
    /// another file of the corpus, which is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identical: Vec<IdenticalFile>,
    /// Documents written by this run.
    pub documents_written: usize,
    /// Documents in the index after the run.
    pub documents_total: u64,
    pub full_rebuild: bool,
    pub generation: u64,
    pub duration_ms: u64,
    /// Intermediate commits taken (see [`crate::IndexRunOptions::checkpoint_files`]).
    #[serde(default)]
    pub checkpoints: usize,
    /// The run that was killed holding the lock, taken over by this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub took_over_stale_lock: Option<LockHolder>,
}

/// The last-run record inside the index folder.
pub const LAST_RUN_FILE_NAME: &str = "last-run.json";

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunOutcome {
    /// Committed; every file was indexed.
    Success,
    /// Committed; some files failed (listed in the report) and kept their previous state.
    Partial,
    /// Nothing was committed by this run: the index is as the previous run left it.
    Fatal,
}

/// The record of one `hrlex index` run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LastRun {
    pub outcome: RunOutcome,
    /// Unix seconds.
    pub started_at: u64,
    pub finished_at: u64,
    pub duration_ms: u64,
    pub holder: LockHolder,
    /// What the run did (absent when it failed before committing).
    pub report: Option<IndexRunReport>,
    /// Why a fatal run stopped.
    pub error: Option<String>,
}

/// Writes `record` as `<index_dir>/last-run.json`, atomically.
pub fn write_last_run(index_dir: &Path, record: &LastRun) -> Result<(), IndexError> {
    let path = index_dir.join(LAST_RUN_FILE_NAME);
    let temporary = index_dir.join(format!(".{LAST_RUN_FILE_NAME}.{}.tmp", std::process::id()));
    let io_error = |context: &'static str, path: &Path| {
        let path = path.to_path_buf();
        move |source| IndexError::Io {
            context,
            path,
            source,
        }
    };
    let json = serde_json::to_vec_pretty(record).map_err(|error| IndexError::Engine {
        context: "encoding the last-run record",
        message: error.to_string(),
    })?;
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(&json)?;
        file.write_all(b"\n")?;
        file.sync_data()
    };
    if let Err(error) = write() {
        let _ = std::fs::remove_file(&temporary);
        return Err(io_error("writing the last-run record", &temporary)(error));
    }
    std::fs::rename(&temporary, &path).map_err(io_error("installing the last-run record", &path))
}

/// The last-run record of `index_dir`, if a run has written one.
pub fn read_last_run(index_dir: &Path) -> Result<Option<LastRun>, IndexError> {
    let path = index_dir.join(LAST_RUN_FILE_NAME);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(IndexError::Io {
                context: "reading the last-run record",
                path,
                source,
            })
        }
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|error| IndexError::CorruptRecord {
            document_id: path.display().to_string(),
            message: error.to_string(),
        })
}
