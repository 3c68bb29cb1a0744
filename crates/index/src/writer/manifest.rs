//! The manifest: which file produced which documents, with its size, mtime and content
//! hash, kept in the index itself as `file` records (replaced in the same commit as the
//! documents, so that the two never disagree).

use super::CorpusEntry;
use crate::schema::{Fields, KIND_FILE};
use crate::IndexError;
use std::collections::HashMap;
use std::path::Path;
use std::time::UNIX_EPOCH;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

#[derive(Debug, Clone)]
pub(super) struct ManifestRecord {
    pub(super) size: u64,
    pub(super) mtime_ns: i64,
    pub(super) hash: String,
    /// `documents`, `skipped` or `unchanged` (see [`add_file_record`]).
    pub(super) status: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fingerprint {
    pub(super) size: u64,
    pub(super) mtime_ns: i64,
}

/// The file records of `index`, by manifest key.
pub(super) fn load_manifest(
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

pub(super) fn fingerprint(entry: &CorpusEntry) -> std::io::Result<Fingerprint> {
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
pub(super) fn content_hash(entry: &CorpusEntry) -> std::io::Result<String> {
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

/// Queues the file record of `key`.
pub(super) fn add_file_record(
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
