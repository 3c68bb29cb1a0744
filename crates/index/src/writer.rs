//! Incremental indexing. The manifest (which file produced which documents, with its
//! size, mtime and content hash) lives in the index itself as `file` records, replaced in
//! the same commit as the documents, so a killed run can never leave the manifest and the
//! documents disagreeing: either the whole run is committed or none of it is.

use crate::analysis::has_cjk;
use crate::cleanup;
use crate::events::IndexEvent;
use crate::lock::{unix_now, IndexLock, LockHolder};
use crate::ranking::paragraph_roles;
use crate::schema::{
    access_rank, build_schema, date_sort_key, language_slot, Fields, KIND_DOCUMENT, KIND_FILE,
    KIND_PARAGRAPH, SCHEMA_VERSION,
};
use crate::status::{write_last_run, LastRun, RunOutcome};
use crate::unique_ids::IdRegistry;
use crate::IndexError;
use hrlex_analysis::{printed_identifiers, title_key};
use hrlex_model::{CitationKey, Document, Lang};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

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
    /// Intermediate commits taken (see [`IndexRunOptions::checkpoint_files`]).
    #[serde(default)]
    pub checkpoints: usize,
    /// The run that was killed holding the lock, taken over by this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub took_over_stale_lock: Option<LockHolder>,
}

/// Recorded in every commit's payload: who built the index from what.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct IndexStamp {
    pub schema_version: String,
    pub hrlex_version: String,
    pub roots: Vec<String>,
    /// Unix seconds at commit.
    pub committed_at: u64,
    pub last_run_failures: usize,
}

#[derive(Debug, Clone)]
struct ManifestRecord {
    size: u64,
    mtime_ns: i64,
    hash: String,
    /// `documents`, `skipped` or `unchanged` (see [`add_file_record`]).
    status: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    size: u64,
    mtime_ns: i64,
}

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

pub(crate) fn read_stamp(index: &Index) -> Result<Option<IndexStamp>, IndexError> {
    let metas = index
        .load_metas()
        .map_err(IndexError::engine("reading the index metadata"))?;
    Ok(metas
        .payload
        .and_then(|payload| serde_json::from_str(&payload).ok()))
}

fn create_index(index_dir: &Path) -> Result<Index, IndexError> {
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

/// Opens the index for writing, creating it (or, with `full`, replacing one of another
/// schema version) as needed.
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

/// True for an index created by hrlex (same schema) that never received a commit.
fn never_committed(index_dir: &Path) -> bool {
    Index::open_in_dir(index_dir).is_ok_and(|index| {
        index.schema() == build_schema()
            && index
                .load_metas()
                .is_ok_and(|metas| metas.payload.is_none() && metas.segments.is_empty())
    })
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

fn load_manifest(
    index: &Index,
    fields: &Fields,
) -> Result<HashMap<String, ManifestRecord>, IndexError> {
    let reader = index
        .reader()
        .map_err(IndexError::engine("opening a reader"))?;
    let searcher = reader.searcher();
    let query = TermQuery::new(
        Term::from_field_text(fields.kind, KIND_FILE),
        IndexRecordOption::Basic,
    );
    let addresses = searcher
        .search(&query, &DocSetCollector)
        .map_err(IndexError::engine("reading the file manifest"))?;
    let mut manifest = HashMap::with_capacity(addresses.len());
    for address in addresses {
        let stored: TantivyDocument = searcher
            .doc(address)
            .map_err(IndexError::engine("reading a manifest record"))?;
        let text = |field| {
            stored
                .get_first(field)
                .and_then(|value| value.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let key = text(fields.file_key);
        manifest.insert(
            key,
            ManifestRecord {
                size: stored
                    .get_first(fields.file_size)
                    .and_then(|value| value.as_u64())
                    .unwrap_or(u64::MAX),
                mtime_ns: stored
                    .get_first(fields.file_mtime)
                    .and_then(|value| value.as_i64())
                    .unwrap_or(i64::MIN),
                hash: text(fields.file_hash),
                status: text(fields.file_status),
            },
        );
    }
    Ok(manifest)
}

fn fingerprint(entry: &CorpusEntry) -> std::io::Result<Fingerprint> {
    let metadata = std::fs::metadata(&entry.path)?;
    let mut print = Fingerprint {
        size: metadata.len(),
        mtime_ns: mtime_ns(&metadata),
    };
    for companion in &entry.companions {
        // Only regular files: the extractor reports (and never opens) any other kind.
        if let Some(metadata) = std::fs::metadata(companion)
            .ok()
            .filter(std::fs::Metadata::is_file)
        {
            print.size += metadata.len();
            print.mtime_ns = print.mtime_ns.max(mtime_ns(&metadata));
        }
    }
    Ok(print)
}

fn mtime_ns(metadata: &std::fs::Metadata) -> i64 {
    metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |duration| duration.as_nanos() as i64)
}

/// blake3 of the file and its existing companions (each length-prefixed).
fn content_hash(entry: &CorpusEntry) -> std::io::Result<String> {
    let mut hasher = blake3::Hasher::new();
    // Streamed: memory stays constant whatever the file size.
    let mut add_file = |path: &Path| -> std::io::Result<()> {
        // Never open a FIFO (blocks) or a device (`/dev/zero` never ends).
        if !std::fs::metadata(path)?.is_file() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not a regular file",
            ));
        }
        let file = std::fs::File::open(path)?;
        hasher.update(&file.metadata()?.len().to_le_bytes());
        hasher.update_reader(file)?;
        Ok(())
    };
    add_file(&entry.path)?;
    for companion in &entry.companions {
        match add_file(companion) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(error),
        }
    }
    Ok(hasher.finalize().to_hex().to_string())
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

fn run_locked<F>(
    options: &IndexRunOptions,
    entries: Vec<CorpusEntry>,
    walk_problems: Vec<(PathBuf, String)>,
    mut extract: F,
    observe: &mut dyn FnMut(&IndexEvent),
) -> Result<IndexRunReport, IndexError>
where
    F: FnMut(&[CorpusEntry]) -> Vec<Extraction>,
{
    let started = Instant::now();
    let (index, fresh) = open_for_writing(options)?;
    let fields = Fields::resolve(&index.schema()).map_err(IndexError::engine("reading schema"))?;
    let mut writer = engine_writer(&index, options)?;
    let mut report = IndexRunReport {
        full_rebuild: options.full || fresh,
        ..IndexRunReport::default()
    };
    let previous_manifest = load_manifest(&index, &fields)?;
    let manifest = if options.full {
        writer
            .delete_all_documents()
            .map_err(IndexError::engine("clearing the index"))?;
        HashMap::new()
    } else {
        previous_manifest.clone()
    };

    let committed = (!options.full)
        .then(|| index.reader().map(|reader| reader.searcher()))
        .transpose()
        .map_err(IndexError::engine("opening a reader"))?;
    let mut ids = IdRegistry::new(committed, &fields);
    // Which file first brought each content (hash): a byte-identical copy is reported
    // and not indexed a second time.
    let mut content_owner: HashMap<String, String> = manifest
        .iter()
        .filter(|(_, record)| record.status != "skipped")
        .map(|(key, record)| (record.hash.clone(), key.clone()))
        .collect();

    let file_count = entries.len();
    let mut seen: HashSet<String> = HashSet::with_capacity(entries.len());
    let mut candidates: Vec<(CorpusEntry, String, Fingerprint)> = Vec::new();
    for problem in &walk_problems {
        report.failed.push(FileFailure {
            path: problem.0.display().to_string(),
            code: "walk".into(),
            reason: problem.1.clone(),
        });
    }
    report
        .failed
        .extend(options.refused_entries.iter().cloned());
    for entry in entries {
        let key = entry.manifest_key();
        if !seen.insert(key.clone()) {
            continue;
        }
        let print = match fingerprint(&entry) {
            Ok(print) => print,
            Err(error) => {
                report.failed.push(FileFailure {
                    path: entry.path.display().to_string(),
                    code: "io".into(),
                    reason: error.to_string(),
                });
                continue;
            }
        };
        match manifest.get(&key) {
            Some(record) if record.size == print.size && record.mtime_ns == print.mtime_ns => {
                report.unchanged += 1;
            }
            _ => candidates.push((entry, key, print)),
        }
    }
    observe(&IndexEvent::Planned {
        files: file_count,
        to_check: candidates.len(),
    });

    let to_check = candidates.len();
    let mut done = 0;
    let mut done_since_checkpoint = 0;
    // A batch never spans a checkpoint: checkpoints fall where they are asked for.
    let batch_files = match options.checkpoint_files {
        0 => EXTRACTION_BATCH_FILES,
        every => every.min(EXTRACTION_BATCH_FILES),
    };
    for batch in extraction_batches(&candidates, batch_files) {
        let mut to_extract: Vec<CorpusEntry> = Vec::new();
        let mut to_extract_meta: Vec<(String, Fingerprint, String)> = Vec::new();
        for (entry, key, print) in batch {
            if print.size > options.max_file_bytes {
                report.failed.push(FileFailure {
                    path: entry.path.display().to_string(),
                    code: "too-large".into(),
                    reason: format!(
                        "{} bytes (with its sidecar), above the limit of {} bytes; not read",
                        print.size, options.max_file_bytes
                    ),
                });
                done += 1;
                observe(&IndexEvent::FileDone { done, of: to_check });
                continue;
            }
            let hash = match content_hash(entry) {
                Ok(hash) => hash,
                Err(error) => {
                    report.failed.push(FileFailure {
                        path: entry.path.display().to_string(),
                        code: "io".into(),
                        reason: error.to_string(),
                    });
                    done += 1;
                    observe(&IndexEvent::FileDone { done, of: to_check });
                    continue;
                }
            };
            if let Some(record) = manifest.get(key) {
                if record.hash == hash {
                    // Touched but not changed: refresh the size/mtime only.
                    writer.delete_term(Term::from_field_text(fields.file_key, key));
                    add_file_record(&writer, &fields, key, *print, &hash, "unchanged")?;
                    report.unchanged += 1;
                    done += 1;
                    observe(&IndexEvent::FileDone { done, of: to_check });
                    continue;
                }
            }
            let original = content_owner
                .get(&hash)
                .filter(|owner| *owner != key && seen.contains(*owner));
            if let Some(original) = original {
                report.identical.push(IdenticalFile {
                    path: entry.path.display().to_string(),
                    same_as: original.clone(),
                });
                // What it had before it became a copy goes; no file record, so it is
                // looked at again next run (and indexed once the original is gone).
                writer.delete_term(Term::from_field_text(fields.source_file, key));
                writer.delete_term(Term::from_field_text(fields.file_key, key));
                done += 1;
                observe(&IndexEvent::FileDone { done, of: to_check });
                continue;
            }
            content_owner
                .entry(hash.clone())
                .or_insert_with(|| key.clone());
            to_extract.push(entry.clone());
            to_extract_meta.push((key.clone(), *print, hash));
        }
        if to_extract.is_empty() {
            continue;
        }
        let mut extractions = extract(&to_extract).into_iter();
        for (index_in_batch, entry) in to_extract.iter().enumerate() {
            done += 1;
            done_since_checkpoint += 1;
            observe(&IndexEvent::FileDone { done, of: to_check });
            let (key, print, hash) = &to_extract_meta[index_in_batch];
            let extraction = extractions
                .next()
                .map(|extraction| match extraction {
                    Extraction::Documents(documents) => Ok(Some(documents)),
                    Extraction::Skipped(_) => Ok(None),
                    Extraction::Failed { code, reason } => Err((code, reason)),
                })
                .unwrap_or_else(|| {
                    Err((
                        "internal".to_string(),
                        "the extractor returned no result for this file".to_string(),
                    ))
                });
            let documents = match extraction {
                Ok(documents) => documents,
                Err((code, reason)) => {
                    report.failed.push(FileFailure {
                        path: entry.path.display().to_string(),
                        code,
                        reason,
                    });
                    continue;
                }
            };
            if let Some(documents) = &documents {
                let document_ids: Vec<&str> = documents
                    .iter()
                    .map(|document| document.id.as_str())
                    .collect();
                if let Some(duplicate) =
                    ids.duplicate(key, &document_ids, |holder| seen.contains(holder))?
                {
                    report.failed.push(FileFailure {
                        path: entry.path.display().to_string(),
                        code: "duplicate-id".into(),
                        reason: duplicate.reason(),
                    });
                    continue;
                }
                ids.claim(key, &document_ids);
            } else {
                ids.release(key);
            }
            let was_known = manifest.contains_key(key);
            writer.delete_term(Term::from_field_text(fields.source_file, key));
            writer.delete_term(Term::from_field_text(fields.file_key, key));
            let status = match documents {
                Some(documents) => {
                    for document in documents {
                        add_document(&writer, &fields, key, document)?;
                        report.documents_written += 1;
                    }
                    "documents"
                }
                None => {
                    report.skipped += 1;
                    "skipped"
                }
            };
            add_file_record(&writer, &fields, key, *print, hash, status)?;
            if was_known {
                report.updated += 1;
            } else if status == "documents" {
                report.added += 1;
            }
        }
        if !options.full
            && options.checkpoint_files > 0
            && done_since_checkpoint >= options.checkpoint_files
        {
            done_since_checkpoint = 0;
            observe(&IndexEvent::Committing { checkpoint: true });
            let generation = commit(&mut writer, options, &report)?;
            report.checkpoints += 1;
            tracing::info!(generation, done, of = to_check, "checkpoint committed");
            observe(&IndexEvent::Committed {
                generation,
                checkpoint: true,
            });
        }
    }

    // Removals: known files that the walk did not see, unless the walk could not look.
    let problem_paths: Vec<String> = walk_problems
        .iter()
        .map(|(path, _)| {
            std::fs::canonicalize(path)
                .unwrap_or_else(|_| path.clone())
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for key in manifest.keys() {
        if seen.contains(key) || problem_paths.iter().any(|path| key.starts_with(path)) {
            continue;
        }
        writer.delete_term(Term::from_field_text(fields.source_file, key));
        writer.delete_term(Term::from_field_text(fields.file_key, key));
        report.removed += 1;
    }
    observe(&IndexEvent::RemovalsQueued {
        removed: report.removed,
    });
    if options.full {
        // Counted against what the index had before the rebuild.
        report.removed += previous_manifest
            .keys()
            .filter(|key| !seen.contains(*key))
            .count();
    }

    observe(&IndexEvent::Committing { checkpoint: false });
    report.generation = commit(&mut writer, options, &report)?;
    observe(&IndexEvent::Committed {
        generation: report.generation,
        checkpoint: false,
    });
    writer
        .wait_merging_threads()
        .map_err(IndexError::engine("finishing merges"))?;
    if options.full {
        cleanup::swap_in_rebuilt_index(&options.index_dir, observe)?;
    }
    let final_index = open_index(&options.index_dir)?;
    report.documents_total = count_documents(&final_index, &fields)?;
    report.duration_ms = started.elapsed().as_millis() as u64;
    tracing::info!(
        added = report.added,
        updated = report.updated,
        removed = report.removed,
        unchanged = report.unchanged,
        failed = report.failed.len(),
        "index run committed"
    );
    Ok(report)
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

fn add_file_record(
    writer: &IndexWriter,
    fields: &Fields,
    key: &str,
    print: Fingerprint,
    hash: &str,
    status: &str,
) -> Result<(), IndexError> {
    let mut record = TantivyDocument::new();
    record.add_text(fields.kind, KIND_FILE);
    record.add_text(fields.file_key, key);
    record.add_u64(fields.file_size, print.size);
    record.add_i64(fields.file_mtime, print.mtime_ns);
    record.add_text(fields.file_hash, hash);
    record.add_text(fields.file_status, status);
    writer
        .add_document(record)
        .map_err(IndexError::engine("adding a manifest record"))?;
    Ok(())
}

/// The identifier strings under which a citation key is searchable: the whole key, the
/// key without its family (`A/HRC/15/56`), and for numbered applications and
/// communications the bare number (`30696/09`).
pub(crate) fn identifier_values(key: &CitationKey) -> Vec<String> {
    let key = key.as_str();
    let mut values = vec![key.to_string()];
    if let Some((_, rest)) = key.split_once(':') {
        values.push(rest.to_string());
        if let Some((_, last)) = rest.rsplit_once(':') {
            if last.contains('/') {
                values.push(last.to_string());
            }
        }
    }
    values
}

fn add_document(
    writer: &IndexWriter,
    fields: &Fields,
    source_key: &str,
    mut document: Document,
) -> Result<(), IndexError> {
    let mut record = TantivyDocument::new();
    record.add_text(fields.kind, KIND_DOCUMENT);
    record.add_text(fields.doc_id, &document.id);
    record.add_text(fields.work_id, &document.work_id);
    record.add_text(fields.source_file, source_key);
    let document_slot = language_slot(document.lang);
    if !document.title.is_empty() {
        record.add_text(fields.text[document_slot], &document.title);
    }
    if let Some(case_name) = &document.case_name {
        record.add_text(fields.text[document_slot], case_name);
    }
    let titles = std::iter::once(&document.title).chain(document.case_name.as_ref());
    let title_keys: BTreeSet<String> = titles.filter_map(|title| title_key(title)).collect();
    for key in &title_keys {
        record.add_text(fields.title_key, key);
    }
    let mut cited_keys: BTreeSet<&str> = BTreeSet::new();
    for paragraph in &document.paragraphs {
        let slot = language_slot(paragraph.lang.unwrap_or(document.lang));
        record.add_text(fields.text[slot], &paragraph.text);
        if document.lang == Lang::Zh || has_cjk(&paragraph.text) {
            record.add_text(fields.text_cjk, &paragraph.text);
        }
        for citation in &paragraph.citations {
            cited_keys.insert(citation.key.as_str());
        }
    }
    if let Some(symbol) = &document.symbol {
        record.add_text(fields.identifier, symbol);
        record.add_text(fields.symbol_key, hrlex_cite::normalize_un_symbol(symbol));
    }
    let has_text = !crate::graph::is_metadata_only(&document, !document.paragraphs.is_empty());
    record.add_u64(fields.has_text, u64::from(has_text));
    for key in &document.identifiers {
        for value in identifier_values(key) {
            record.add_text(fields.identifier, &value);
        }
    }
    // The graph resolves keys by term lookup: own identifiers and cited keys are both
    // indexed with the keys naming the same document (`crate::graph::with_related`).
    for key in crate::graph::identifier_terms(document.identifiers.iter()) {
        record.add_text(fields.identifier_key, key.as_str());
    }
    for key in &cited_keys {
        for value in identifier_values(&CitationKey::new(*key)) {
            record.add_text(fields.identifier, &value);
        }
    }
    let printed: BTreeSet<&str> = document
        .paragraphs
        .iter()
        .flat_map(|paragraph| printed_identifiers(&paragraph.text))
        .collect();
    for value in printed {
        record.add_text(fields.identifier, value);
    }
    let cited: Vec<CitationKey> = cited_keys
        .iter()
        .map(|key| CitationKey::new(*key))
        .collect();
    for key in crate::graph::with_related(cited.iter()) {
        record.add_text(fields.cites, key.as_str());
    }
    record.add_text(fields.system, document.system().code());
    record.add_text(fields.mechanism, document.mechanism.code());
    record.add_text(fields.doc_type, document.doc_type.code());
    record.add_text(fields.lang, document.lang.code());
    for state in &document.states {
        record.add_text(fields.state, state.to_lowercase());
        record.add_text(fields.state_display, state);
    }
    for theme in &document.themes {
        record.add_text(fields.theme, theme.to_lowercase());
        record.add_text(fields.theme_display, theme);
    }
    if let Some(outcome) = &document.outcome {
        record.add_text(fields.outcome, outcome.to_lowercase());
    }
    if let Some(recommendation) = &document.recommendation {
        if let Some(response) = recommendation.response {
            record.add_text(fields.response, response.code());
        }
        if let Some(status) = recommendation.implementation {
            record.add_text(fields.status, status.code());
        }
    }
    if let Some(year) = document.year() {
        record.add_i64(fields.year, i64::from(year));
    }
    record.add_i64(fields.date_sort, date_sort_key(document.date.as_deref()));
    record.add_u64(fields.access, access_rank(document.access));
    let text_chars: usize = document
        .paragraphs
        .iter()
        .map(|paragraph| paragraph.text.chars().count())
        .sum();
    record.add_u64(fields.text_chars, text_chars as u64);
    // The metadata is the document without its paragraphs (stored in their own records);
    // taken out and put back rather than cloning the whole text.
    let paragraphs = std::mem::take(&mut document.paragraphs);
    let metadata_json = serde_json::to_string(&document).map_err(|error| IndexError::Engine {
        context: "encoding document metadata",
        message: error.to_string(),
    })?;
    document.paragraphs = paragraphs;
    record.add_text(fields.metadata_json, metadata_json);
    writer
        .add_document(record)
        .map_err(IndexError::engine("adding a document"))?;

    let roles = paragraph_roles(
        document
            .paragraphs
            .iter()
            .map(|paragraph| paragraph.text.as_str()),
    );
    for (paragraph_index, paragraph) in document.paragraphs.iter().enumerate() {
        let mut record = TantivyDocument::new();
        record.add_text(fields.kind, KIND_PARAGRAPH);
        record.add_u64(fields.para_role, roles[paragraph_index] as u64);
        record.add_text(fields.doc_id, &document.id);
        record.add_text(fields.source_file, source_key);
        record.add_u64(fields.para_index, paragraph_index as u64);
        let slot = language_slot(paragraph.lang.unwrap_or(document.lang));
        record.add_text(fields.text[slot], &paragraph.text);
        if document.lang == Lang::Zh || has_cjk(&paragraph.text) {
            record.add_text(fields.text_cjk, &paragraph.text);
        }
        for citation in &paragraph.citations {
            for value in identifier_values(&citation.key) {
                record.add_text(fields.identifier, &value);
            }
        }
        for value in printed_identifiers(&paragraph.text) {
            record.add_text(fields.identifier, value);
        }
        for key in
            crate::graph::with_related(paragraph.citations.iter().map(|citation| &citation.key))
        {
            record.add_text(fields.cites, key.as_str());
        }
        record.add_u64(fields.access, access_rank(document.access));
        let paragraph_json =
            serde_json::to_string(paragraph).map_err(|error| IndexError::Engine {
                context: "encoding a paragraph",
                message: error.to_string(),
            })?;
        record.add_text(fields.paragraph_json, paragraph_json);
        writer
            .add_document(record)
            .map_err(IndexError::engine("adding a paragraph"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SearchIndex, SearchRequest};
    use hrlex_model::Paragraph;

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
        let stamp = index.info().unwrap().stamp.expect("a stamp");
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
