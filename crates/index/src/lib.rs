//! hrlex-index: the search index of hrlex, on tantivy (whose types never appear in
//! this crate's public API).
//!
//! Key items:
//! - [`SearchIndex`]: an opened index; [`SearchIndex::search`] takes a
//!   [`SearchRequest`] and returns a [`SearchResponse`] (the JSON contract of
//!   `hrlex search --json` and of the HTTP API); [`SearchIndex::document`] returns a whole
//!   document with its numbered paragraphs and citations.
//! - [`update_index`]: incremental (or `--full`) indexing of corpus files with a
//!   caller-supplied extractor; the file manifest is committed atomically with the
//!   documents. Returns an [`IndexRunReport`].
//! - [`parse_query`]: the query language (see [`query`]); malformed queries give a
//!   positioned [`QueryError`].
//! - [`IndexLock`]: one writer per index folder (an OS lock that dies with its
//!   process; the holder is named); [`update_index`] takes it.
//! - [`index_status`] and [`LastRun`]: what `hrlex status` shows.
//! - The citation graph: [`SearchIndex::cites`] (what a document cites, each key
//!   resolved or dangling), [`SearchIndex::cited_by_document`] and
//!   [`SearchIndex::cited_by_key`] (citing documents and paragraphs, counts per system),
//!   [`SearchIndex::translations`]; edges are computed from the indexed citations at
//!   query time, so reindexing a document updates them both ways. Every key of one
//!   authority (number, name, ECLI, symbol…) is asked for together (`authority`), and
//!   [`SearchIndex::cited_by_work_counts`] counts the works citing a document cheaply
//!   (a ranking prior). Their answers, grouped by system ([`CitesAnswer`],
//!   [`CitedByAnswer`], [`TranslationsAnswer`]), are the one JSON shape of
//!   `hrlex cites --json`, `hrlex cited-by --json` and the HTTP API.
//! - [`IndexError`]: every failure, with context.
//!
//! ```
//! use hrlex_index::{update_index, IndexRunOptions, CorpusEntry, Extraction, SearchIndex, SearchRequest};
//! use hrlex_model::{Document, Lang, Paragraph};
//! let corpus = tempfile::tempdir().unwrap();
//! let file = corpus.path().join("views.txt");
//! std::fs::write(&file, "x").unwrap();
//! let index_dir = tempfile::tempdir().unwrap();
//! let options = IndexRunOptions::new(index_dir.path(), vec![corpus.path().to_path_buf()], "0.1.0");
//! let entries = vec![CorpusEntry::new(file.clone(), "views.txt")];
//! let report = update_index(&options, entries, Vec::new(), |batch| {
//!     batch.iter().map(|entry| {
//!         let mut document = Document::new("views", Lang::En);
//!         document.paragraphs.push(Paragraph::numbered("7.3", "The Committee finds a violation of article 7."));
//!         document.source.path = entry.relative.clone();
//!         Extraction::Documents(vec![document])
//!     }).collect()
//! }).unwrap();
//! assert_eq!(report.added, 1);
//! let index = SearchIndex::open(index_dir.path()).unwrap();
//! let response = index.search(&SearchRequest::new("violation")).unwrap();
//! assert_eq!(response.hits[0].paragraphs[0].n.as_deref(), Some("7.3"));
//! ```

mod analysis;
mod authority;
mod cleanup;
mod collectors;
mod columns;
mod error;
mod events;
mod folder;
mod graph;
mod highlight;
mod known_items;
mod lock;
pub mod query;
mod ranking;
mod run_record;
mod schema;
mod search;
mod status;
mod term_queries;
mod terms;
mod unique_ids;
mod visibility;
mod warm_up;
mod writer;

pub use error::IndexError;
pub use events::IndexEvent;
pub use folder::IndexStamp;
pub use graph::{
    paragraph_anchor, paragraph_anchors, system_label, system_of_key, CitationOccurrence,
    CitedByAnswer, CitedByGroup, CitedByResponse, CitedKey, CitedKeyAnswer, CitesAnswer,
    CitesGroup, CitesResponse, CitingDocument, CitingParagraph, DocumentRef, SystemCount,
    TranslationsAnswer, MAX_CITING_LIMIT,
};
pub use highlight::SNIPPET_FORMAT;
pub use lock::{format_unix_utc, recorded_lock_holder, IndexLock, LockHolder, LOCK_FILE_NAME};
pub use query::{parse_query, QueryError, QueryErrorKind, QueryNode};
pub use run_record::{
    read_last_run, write_last_run, FileFailure, IdenticalFile, IndexRunReport, LastRun, RunOutcome,
    LAST_RUN_FILE_NAME,
};
pub use schema::SCHEMA_VERSION;
pub use search::{
    facet_names, FacetCount, IndexInfo, ParagraphHit, RequestFilter, SearchHit, SearchIndex,
    SearchRequest, SearchResponse, SortOrder, SourceRef, Translation, MAX_LIMIT,
};
pub use status::{index_status, IndexStatus};
pub use writer::{update_index, update_index_observed, CorpusEntry, Extraction, IndexRunOptions};
