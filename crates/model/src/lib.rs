//! The hrlex document model, shared by every other crate. No I/O happens here.
//!
//! Key types:
//! - [`Document`]: one language version of a [`Work`] (a decision, report or
//!   recommendation), with its metadata and its numbered [`Paragraph`]s.
//! - [`Mechanism`], [`System`], [`DocType`], [`Lang`], [`Access`]: closed vocabularies
//!   that users filter by.
//! - [`CitationKey`]: the normalized identifier of a cited document
//!   (`un:A/HRC/15/56`, `ecthr:app:30696/09`, …; see `docs/citation-keys.md`).
//! - [`Recommendation`]: recommendation-specific fields (who recommended, the response,
//!   the implementation status).
//!
//! ```
//! use hrlex_model::{Document, Lang, Mechanism, DocType, Paragraph};
//! let mut doc = Document::new("ccpr-c-100-d-1", Lang::En);
//! doc.mechanism = Mechanism::Ccpr;
//! doc.doc_type = DocType::Views;
//! doc.paragraphs.push(Paragraph::numbered("7.3", "The Committee recalls…"));
//! let json = serde_json::to_string(&doc).unwrap();
//! let back: Document = serde_json::from_str(&json).unwrap();
//! assert_eq!(back, doc);
//! assert_eq!(back.system(), hrlex_model::System::Un);
//! ```

mod citation_key;
mod document;
mod viewer;
mod vocab;

pub use citation_key::{CitationKey, CitationKind};
pub use document::{
    group_into_works, Document, ExtractionNote, Paragraph, ParagraphCitation, Recommendation,
    Source, Work,
};
pub use viewer::{Viewer, ADMIN_GROUP};
pub use vocab::{
    group_name, Access, DocType, ImplementationStatus, Lang, Mechanism, Response, System,
    MAX_GROUP_CHARS,
};
