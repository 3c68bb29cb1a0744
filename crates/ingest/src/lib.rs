//! hrlex ingest: turns corpus files into [`hrlex_model::Document`]s.
//!
//! Key items:
//! - [`extract_file`]: one file → [`FileOutcome`] (documents, or skipped with a reason)
//!   or an [`IngestError`] naming the file and the reason.
//! - [`walk::list_files`] and [`walk::extract_all`]: a corpus walk extracted in parallel,
//!   with a [`walk::Summary`].
//! - [`extract`]: format extractors (PDF through poppler's `pdftotext` with pdf-extract
//!   as fallback, OCR with tesseract, HTML, DOCX, legacy DOC, text).
//! - [`importers`]: one importer per structured source of the corpus.
//! - [`file_kind`]: only regular files inside the corpus are read (no FIFO, device,
//!   socket, nor a symbolic link out of the corpus).
//! - [`bounds`]: document and paragraph text bounds (notes say when they apply).
//! - [`recognize`]: metadata read from the masthead of a document no importer claims
//!   (symbol, body, type, date, State, title, case name, identifiers) in seven languages.
//! - [`provenance`]: where each metadata value came from (`hrlex extract --explain`).
//! - [`labels`]: type, outcome, State party and title checked against the text (the
//!   operative part, the header, the title block) and corrected with a note.
//! - [`segment`], [`lang`], [`clean`], [`metadata`], [`sidecar`]: the shared steps.
//!
//! ```no_run
//! use hrlex_ingest::{extract_file, FileOutcome, IngestOptions};
//! let outcome = extract_file(
//!     std::path::Path::new("corpus/echr/standard_001-57619_ENG.txt"),
//!     "echr/standard_001-57619_ENG.txt",
//!     &IngestOptions::default(),
//! )
//! .unwrap();
//! if let FileOutcome::Documents(documents) = outcome {
//!     println!("{} paragraphs", documents[0].paragraphs.len());
//! }
//! ```

pub mod bounds;
pub mod clean;
mod error;
pub mod extract;
pub mod file_kind;
pub mod importers;
pub mod labels;
pub mod lang;
pub mod masthead_lines;
pub mod metadata;
mod options;
pub mod pipeline;
pub mod provenance;
pub mod recognize;
pub mod segment;
pub mod sidecar;
pub mod sniff;
pub mod walk;

pub use error::IngestError;
pub use options::{
    IngestOptions, DEFAULT_MAX_DOCUMENT_TEXT_BYTES, DEFAULT_MAX_PARAGRAPH_TEXT_BYTES,
};
pub use pipeline::{extract_file, extract_file_traced};

use hrlex_model::Document;

/// The result of handling one file that did not fail.
#[derive(Debug)]
pub enum FileOutcome {
    Documents(Vec<Document>),
    /// Not a document: a metadata file read by another importer, a licence, a sidecar.
    Skipped {
        reason: String,
    },
}
