//! Incremental indexing. The manifest (which file produced which documents, with its
//! size, mtime and content hash) lives in the index itself as `file` records, replaced in
//! the same commit as the documents, so a killed run can never leave the manifest and the
//! documents disagreeing: either the whole run is committed or none of it is.

mod manifest;
mod run;

use crate::cleanup;
use crate::events::IndexEvent;
use crate::folder::{create_index, never_committed, open_index, IndexStamp};
use crate::lock::{unix_now, IndexLock, LockHolder};
use crate::run_record::{write_last_run, FileFailure, IndexRunReport, LastRun, RunOutcome};
use crate::schema::{Fields, KIND_DOCUMENT, SCHEMA_VERSION};
use crate::IndexError;
use hrlex_model::Document;
use manifest::Fingerprint;
use run::run_locked;
use std::path::PathBuf;
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexWriter, Term};

/// How many changed files are extracted and written per batch (bounds memory).
const EXTRACTION_BATCH_FILES: usize = 64;
/// A batch also stops growing once its files add up to this many bytes, so that the
/// documents of one batch held in memory stay bounded whatever the file sizes.
const EXTRACTION_BATCH_BYTES: u64 = 256 * 1024 * 1024;
const WRITER_MEMORY_BYTES: usize = 200_000_000;

/// What to index and where.
#[derive(Debug, Clone)]
pub struct IndexRunOptions {
    pub index_dir: PathBuf,
    /// The corpus roots: the index mirrors exactly the files under them.
    pub roots: Vec<PathBuf>,
    /// Recorded in the index (which hrlex built it).
    pub hrlex_version: String,
    /// Rebuild everything instead of updating.
    pub full: bool,
    /// Writer threads (0 = tantivy's default, one per core up to 8).
    pub writer_threads: usize,
    /// Files larger than this are reported as `too-large` without being read or hashed.
    pub max_file_bytes: u64,
    /// Commit after every this many re-read files (0 = one commit at the end), so that a
    /// long first run killed midway keeps what it did. Never during `full` rebuilds.
    pub checkpoint_files: usize,
    /// Recorded in the lock file and the last-run record (who runs).
    pub holder: LockHolder,
    /// Entries the walk refused to read (FIFOs, sockets, devices, symbolic links it does
    /// not follow): reported with the run's failures. Unlike walk problems they do not
    /// keep what the index had from their path: that is removed.
    pub refused_entries: Vec<FileFailure>,
}

impl IndexRunOptions {
    pub fn new(
        index_dir: impl Into<PathBuf>,
        roots: Vec<PathBuf>,
        hrlex_version: impl Into<String>,
    ) -> Self {
        IndexRunOptions {
            index_dir: index_dir.into(),
            roots,
            hrlex_version: hrlex_version.into(),
            full: false,
            writer_threads: 0,
            max_file_bytes: u64::MAX,
            checkpoint_files: 0,
            holder: LockHolder::this_process("", "hrlex-index"),
            refused_entries: Vec::new(),
        }
    }
}

/// One corpus file to consider, as found by the walk.
#[derive(Debug, Clone)]
pub struct CorpusEntry {
    pub path: PathBuf,
    /// Path relative to its corpus root (what documents' `source.path` holds).
    pub relative: String,
    /// Files whose content also shapes this file's documents (its `.meta.json` sidecar):
    /// a change to any of them re-indexes the file. Missing companions are ignored.
    pub companions: Vec<PathBuf>,
}

impl CorpusEntry {
    pub fn new(path: impl Into<PathBuf>, relative: impl Into<String>) -> Self {
        CorpusEntry {
            path: path.into(),
            relative: relative.into(),
            companions: Vec::new(),
        }
    }

    /// The manifest key: the canonical path, so that `corpus` and `./corpus` agree.
    fn manifest_key(&self) -> String {
        std::fs::canonicalize(&self.path)
            .unwrap_or_else(|_| self.path.clone())
            .to_string_lossy()
            .into_owned()
    }
}

/// What the extractor made of one file.
#[derive(Debug)]
pub enum Extraction {
    Documents(Vec<Document>),
    /// Not a document (a licence, a sidecar, a metadata file read by another importer).
    Skipped(String),
    /// The file could not be read or parsed: what the index had from it is kept.
    Failed {
        code: String,
        reason: String,
    },
}

/// Opens the index for writing, creating it (or, with `full`, replacing one of another
/// schema version) as needed; true when it starts empty.
fn open_for_writing(options: &IndexRunOptions) -> Result<(Index, bool), IndexError> {
    let index_dir = &options.index_dir;
    let has_index = index_dir.join("meta.json").exists();
    if !has_index {
        let is_empty_or_missing = std::fs::read_dir(index_dir)
            .map(|mut entries| {
                entries.all(|entry| {
                    entry.is_ok_and(|entry| entry.file_name().to_string_lossy().starts_with('.'))
                })
            })
            .unwrap_or(true);
        if !is_empty_or_missing {
            return Err(IndexError::InvalidRequest(format!(
                "{} exists, is not empty and holds no hrlex index; refusing to write into it",
                index_dir.display()
            )));
        }
        return Ok((create_index(index_dir)?, true));
    }
    match open_index(index_dir) {
        Ok(index) => Ok((index, false)),
        // A first run killed before its first commit leaves an empty index without stamp:
        // carry on building it.
        Err(IndexError::SchemaMismatch { found, .. })
            if found == "none" && never_committed(index_dir) =>
        {
            let index = Index::open_in_dir(index_dir)
                .map_err(IndexError::engine("opening the unfinished index"))?;
            hrlex_analysis::register(index.tokenizers());
            Ok((index, true))
        }
        Err(IndexError::SchemaMismatch { .. }) if options.full => {
            // Build the new index beside the old one; swap the folders only once the new
            // one is committed (see `cleanup::swap_in_rebuilt_index`).
            let staging = cleanup::staging_dir(index_dir);
            if staging.exists() {
                std::fs::remove_dir_all(&staging).map_err(|source| IndexError::Io {
                    context: "removing stale staging folder",
                    path: staging.clone(),
                    source,
                })?;
            }
            Ok((create_index(&staging)?, true))
        }
        Err(error) => Err(error),
    }
}

fn engine_writer(index: &Index, options: &IndexRunOptions) -> Result<IndexWriter, IndexError> {
    let result = if options.writer_threads == 0 {
        index.writer(WRITER_MEMORY_BYTES)
    } else {
        index.writer_with_num_threads(
            options.writer_threads,
            WRITER_MEMORY_BYTES.max(options.writer_threads * 20_000_000),
        )
    };
    result.map_err(|error| match error {
        tantivy::TantivyError::LockFailure(lock_error, message) => IndexError::Locked {
            path: options.index_dir.clone(),
            message: message.unwrap_or_else(|| lock_error.to_string()),
        },
        other => IndexError::Engine {
            context: "opening the index writer",
            message: other.to_string(),
        },
    })
}

/// Indexes `entries` into `options.index_dir`: new files are added, changed ones
/// re-indexed, vanished ones removed, unchanged ones skipped without reading them; all in
/// one commit. `extract` turns a batch of changed files into one [`Extraction`] per file,
/// in order (it may work in parallel). Files under a path in `walk_problems` that the
/// walk could not list are kept, not removed.
///
/// The run holds the index lock ([`IndexLock`]) throughout and fails at once with
/// [`IndexError::Locked`] when another run holds it; it ends by writing the last-run
/// record ([`crate::LastRun`]), fatal runs included.
pub fn update_index<F>(
    options: &IndexRunOptions,
    entries: Vec<CorpusEntry>,
    walk_problems: Vec<(PathBuf, String)>,
    extract: F,
) -> Result<IndexRunReport, IndexError>
where
    F: FnMut(&[CorpusEntry]) -> Vec<Extraction>,
{
    update_index_observed(options, entries, walk_problems, extract, |_| {})
}

/// [`update_index`], calling `observe` at each step of the run (see [`IndexEvent`]).
pub fn update_index_observed<F, O>(
    options: &IndexRunOptions,
    entries: Vec<CorpusEntry>,
    walk_problems: Vec<(PathBuf, String)>,
    extract: F,
    mut observe: O,
) -> Result<IndexRunReport, IndexError>
where
    F: FnMut(&[CorpusEntry]) -> Vec<Extraction>,
    O: FnMut(&IndexEvent),
{
    let started = Instant::now();
    let started_at = unix_now();
    let lock = IndexLock::acquire(&options.index_dir, &options.holder)?;
    let mut result = cleanup::before_run(&options.index_dir)
        .and_then(|()| run_locked(options, entries, walk_problems, extract, &mut observe))
        .map_err(|error| cleanup::after_failed_run(error, &options.index_dir));
    let (outcome, error) = match &mut result {
        Ok(report) => {
            report.took_over_stale_lock = lock.stale_holder().cloned();
            let outcome = if report.failed.is_empty() {
                RunOutcome::Success
            } else {
                RunOutcome::Partial
            };
            (outcome, None)
        }
        Err(error) => {
            tracing::error!(%error, "index run failed; the index keeps its last commit");
            (RunOutcome::Fatal, Some(error.to_string()))
        }
    };
    // A fatal run before the first commit leaves nothing to describe.
    if options.index_dir.join("meta.json").exists() {
        let record = LastRun {
            outcome,
            started_at,
            finished_at: unix_now(),
            duration_ms: started.elapsed().as_millis() as u64,
            holder: options.holder.clone(),
            report: result.as_ref().ok().cloned(),
            error,
        };
        match write_last_run(&options.index_dir, &record) {
            Ok(()) => observe(&IndexEvent::RecordWritten),
            // The commit stands; only the record is missing (e.g. disk full).
            Err(error) => tracing::warn!(%error, "could not write the last-run record"),
        }
    }
    drop(lock);
    result
}

/// Splits the files to re-read into batches of at most `max_files` files and, unless a
/// single file is larger, [`EXTRACTION_BATCH_BYTES`] bytes.
fn extraction_batches<T>(
    candidates: &[(CorpusEntry, T, Fingerprint)],
    max_files: usize,
) -> impl Iterator<Item = &[(CorpusEntry, T, Fingerprint)]> {
    let mut rest = candidates;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut length = 0;
        let mut bytes = 0u64;
        while length < rest.len() && length < max_files {
            let size = rest[length].2.size;
            if length > 0 && bytes.saturating_add(size) > EXTRACTION_BATCH_BYTES {
                break;
            }
            bytes = bytes.saturating_add(size);
            length += 1;
        }
        let (batch, remaining) = rest.split_at(length);
        rest = remaining;
        Some(batch)
    })
}

/// Commits everything queued, with the stamp as payload; returns the generation.
fn commit(
    writer: &mut IndexWriter,
    options: &IndexRunOptions,
    report: &IndexRunReport,
) -> Result<u64, IndexError> {
    let stamp = IndexStamp {
        schema_version: SCHEMA_VERSION.to_string(),
        hrlex_version: options.hrlex_version.clone(),
        roots: options
            .roots
            .iter()
            .map(|root| {
                std::fs::canonicalize(root)
                    .unwrap_or_else(|_| root.clone())
                    .to_string_lossy()
                    .into_owned()
            })
            .collect(),
        committed_at: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |duration| duration.as_secs()),
        last_run_failures: report.failed.len(),
        commits: crate::folder::read_stamp(writer.index())?.map_or(0, |stamp| stamp.commits) + 1,
    };
    let payload = serde_json::to_string(&stamp).map_err(|error| IndexError::Engine {
        context: "encoding the commit payload",
        message: error.to_string(),
    })?;
    let mut prepared = writer
        .prepare_commit()
        .map_err(IndexError::engine("preparing the commit"))?;
    prepared.set_payload(&payload);
    prepared.commit().map_err(IndexError::engine("committing"))
}

fn count_documents(index: &Index, fields: &Fields) -> Result<u64, IndexError> {
    let reader = index
        .reader()
        .map_err(IndexError::engine("opening a reader"))?;
    let query = TermQuery::new(
        Term::from_field_text(fields.kind, KIND_DOCUMENT),
        IndexRecordOption::Basic,
    );
    let count = reader
        .searcher()
        .search(&query, &tantivy::collector::Count)
        .map_err(IndexError::engine("counting documents"))?;
    Ok(count as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::folder::read_stamp;
    use crate::{SearchIndex, SearchRequest};
    use hrlex_model::Lang;
    use hrlex_model::Paragraph;
    use std::path::Path;

    fn russian_document(batch: &[CorpusEntry]) -> Vec<Extraction> {
        batch
            .iter()
            .map(|_| {
                let mut document = Document::new("ccpr-ru", Lang::Ru);
                document.paragraphs.push(Paragraph::numbered(
                    "1",
                    "Пытки и жестокое обращение запрещены.",
                ));
                Extraction::Documents(vec![document])
            })
            .collect()
    }

    /// Rewrites the commit stamp as an older hrlex would have written it.
    fn stamp_as_version(index_dir: &Path, version: &str) {
        let index = Index::open_in_dir(index_dir).unwrap();
        let mut stamp = read_stamp(&index).unwrap().expect("a stamp");
        stamp.schema_version = version.to_string();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut prepared = writer.prepare_commit().unwrap();
        prepared.set_payload(&serde_json::to_string(&stamp).unwrap());
        prepared.commit().unwrap();
    }

    /// An index written by a build of another schema version is refused by searches and
    /// by incremental runs (with the error telling to rebuild), and `--full` rebuilds it
    /// in place: the new index is searchable, carries the current version, and no staging
    /// or old folder is left beside it.
    #[test]
    fn an_index_of_another_schema_version_is_refused_then_rebuilt_by_a_full_run() {
        let corpus = tempfile::tempdir().unwrap();
        let parent = tempfile::tempdir().unwrap();
        let index_dir = parent.path().join("index");
        let file = corpus.path().join("ccpr-ru.txt");
        std::fs::write(&file, "x").unwrap();
        let entries = || vec![CorpusEntry::new(&file, "ccpr-ru.txt")];
        let mut options =
            IndexRunOptions::new(&index_dir, vec![corpus.path().to_path_buf()], "test");
        update_index(&options, entries(), Vec::new(), russian_document).unwrap();
        stamp_as_version(&index_dir, "hrlex-index-3");

        let refused = update_index(&options, entries(), Vec::new(), russian_document);
        assert!(
            matches!(&refused, Err(IndexError::SchemaMismatch { found, .. }) if found == "hrlex-index-3"),
            "{refused:?}"
        );
        assert!(refused.unwrap_err().to_string().contains("--full"));
        assert!(matches!(
            SearchIndex::open(&index_dir),
            Err(IndexError::SchemaMismatch { .. })
        ));

        options.full = true;
        let report = update_index(&options, entries(), Vec::new(), russian_document).unwrap();
        assert!(report.full_rebuild);
        assert_eq!(report.documents_total, 1);
        let index = SearchIndex::open(&index_dir).unwrap();
        let stamp = index
            .info(&hrlex_model::Viewer::Admin)
            .unwrap()
            .stamp
            .expect("a stamp");
        assert_eq!(stamp.schema_version, SCHEMA_VERSION);
        let hits = index.search(&SearchRequest::new("пыток")).unwrap().hits;
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].id, "ccpr-ru");
        let mut leftovers: Vec<String> = std::fs::read_dir(parent.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        leftovers.sort();
        assert_eq!(leftovers, ["index"]);
    }
}
