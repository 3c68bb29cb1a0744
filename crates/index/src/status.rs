//! What an operator asks of an index left by cron: [`index_status`] (generation, document
//! counts per system and language, the last run's record, `crate::run_record`, and the
//! lock holder).

use crate::folder::{open_index, read_stamp, IndexStamp};
use crate::lock::{recorded_lock_holder, LockHolder};
use crate::run_record::{read_last_run, LastRun};
use crate::schema::{Fields, KIND_DOCUMENT, KIND_FILE, KIND_PARAGRAPH};
use crate::IndexError;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

#[derive(Debug, Clone, Serialize)]
pub struct IndexStatus {
    pub path: PathBuf,
    /// The commit generation (tantivy opstamp) readers see now.
    pub generation: u64,
    /// Who committed it and when (from the commit itself).
    pub stamp: Option<IndexStamp>,
    pub documents: u64,
    pub paragraphs: u64,
    /// Corpus files the index knows (documents, non-documents).
    pub files: u64,
    pub documents_by_system: BTreeMap<String, u64>,
    pub documents_by_lang: BTreeMap<String, u64>,
    pub last_run: Option<LastRun>,
    /// True when the last-run record describes an older commit than the one served (a
    /// run was killed between its commit and writing its record).
    pub last_run_is_older_than_index: bool,
    /// The run recorded in the lock file: running now, or killed (its lock is free and
    /// the next run takes it over).
    pub lock_record: Option<LockHolder>,
}

/// Reads the status of the index in `index_dir`.
pub fn index_status(index_dir: &Path) -> Result<IndexStatus, IndexError> {
    let index = open_index(index_dir)?;
    let fields = Fields::resolve(&index.schema()).map_err(IndexError::engine("reading schema"))?;
    let metas = index
        .load_metas()
        .map_err(IndexError::engine("reading the index metadata"))?;
    let reader = index
        .reader()
        .map_err(IndexError::engine("opening a reader"))?;
    let searcher = reader.searcher();
    let count_kind = |kind: &str| -> Result<u64, IndexError> {
        searcher
            .search(&kind_query(&fields, kind), &Count)
            .map(|count| count as u64)
            .map_err(IndexError::engine("counting records"))
    };
    let last_run = read_last_run(index_dir)?;
    let last_run_is_older_than_index = last_run.as_ref().is_some_and(|run| {
        run.report
            .as_ref()
            .is_some_and(|report| report.generation < metas.opstamp)
    });
    Ok(IndexStatus {
        path: index_dir.to_path_buf(),
        generation: metas.opstamp,
        stamp: read_stamp(&index)?,
        documents: count_kind(KIND_DOCUMENT)?,
        paragraphs: count_kind(KIND_PARAGRAPH)?,
        files: count_kind(KIND_FILE)?,
        documents_by_system: documents_by_value(&searcher, &fields, fields.system)?,
        documents_by_lang: documents_by_value(&searcher, &fields, fields.lang)?,
        last_run,
        last_run_is_older_than_index,
        lock_record: recorded_lock_holder(index_dir),
    })
}

fn kind_query(fields: &Fields, kind: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(fields.kind, kind),
        IndexRecordOption::Basic,
    )
}

/// Live documents per value of a single-valued raw string field.
fn documents_by_value(
    searcher: &Searcher,
    fields: &Fields,
    field: Field,
) -> Result<BTreeMap<String, u64>, IndexError> {
    let mut values: BTreeSet<String> = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment
            .inverted_index(field)
            .map_err(IndexError::engine("reading the term dictionary"))?;
        let mut stream = inverted
            .terms()
            .stream()
            .map_err(|error| IndexError::Engine {
                context: "reading the term dictionary",
                message: error.to_string(),
            })?;
        while stream.advance() {
            values.insert(String::from_utf8_lossy(stream.key()).into_owned());
        }
    }
    let mut counts = BTreeMap::new();
    for value in values {
        let clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, Box::new(kind_query(fields, KIND_DOCUMENT))),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &value),
                    IndexRecordOption::Basic,
                )),
            ),
        ];
        let count = searcher
            .search(&BooleanQuery::new(clauses), &Count)
            .map_err(IndexError::engine("counting documents"))?;
        // Terms of deleted documents stay in the dictionary until a merge.
        if count > 0 {
            counts.insert(value, count as u64);
        }
    }
    Ok(counts)
}
