//! The citation graph: what a document cites (each key resolved to documents, or
//! dangling) and what cites a document or a key (citing documents with their citing
//! paragraphs, counted per system), and the language versions of a work.
//!
//! Edges are not stored: they are computed at query time from the indexed `cites`
//! (paragraph and document records) and `identifier_key` (document records) terms, so
//! reindexing a changed document updates its edges in both directions by construction.
//! Both fields hold, beside each key, the keys that name the same document
//! ([`hrlex_cite::related_keys`]: D-symbol → communication, general-comment symbol ↔
//! `gc:` key, ECtHR ECLI → application, advisory opinion ↔ Series A, Security Council
//! resolution with year → without), so that resolution is a term lookup.
//!
//! Resolution rules: a document is a target of a key when the key, or a key related to
//! it, is one of its identifiers; a communication cited without its body
//! (`comm:?:1153/2003`) resolves to that communication of any body. Self-citations (a document citing one of its own
//! identifiers, or any language version of its own work) are not edges. A key that
//! names no document in the index is *dangling*: it is still listed under what a
//! document cites, and "cited by" works for it.
//!
//! One authority, one set of keys: "what cites" a document or a key asks for every key of
//! the authority it names — joined at query time by the authority table
//! ([`hrlex_cite::authority_keys`]: application number = Series A number = ECLI = case
//! name in English and French…) and by the identifiers of the documents bearing a key
//! (`crate::authority`) — so that each key of one decision gives the same citing
//! documents, counted also as works (`works`: language versions count once).
//!
//! A case cited by name only (`Mutombo v. Switzerland, Views adopted on 27 April 1994`)
//! has a `name:` key (`name:mutombo v switzerland`, [`hrlex_cite::case_name_key`]);
//! documents deciding a case bear the key of their case name, so the edge is resolved by
//! the same term lookup, both ways; an occurrence's `surface` is the name as written.
//!
//! One decision, two documents: a metadata-only record (the OHCHR export's entry for a
//! treaty-body decision: symbol, case name, dates, no text) and the full-text decision
//! bear the same identifiers. Where a key resolves to both, the full text is the target
//! and the record is dropped (`SearchIndex::prefer_full_text`); a record that is the
//! only document bearing a key stays the target (the index knows the decision, not its
//! text). Asked "what cites" the record, the answer is the full-text decision's.
//!
//! The results here are flat (every key in order of first citation, every citing
//! document newest first); `answers` groups them by system into the one JSON shape that
//! the CLI's `--json` and the HTTP API give.
//!
//! Its parts: `keys` (key resolution, a caller's value to a document), `cites`,
//! `cited_by` (with each citing paragraph's `snippet`), `translations`, `twins` (one
//! decision, two documents), `lookup` (reading works, documents and paragraphs),
//! `responses` (the flat results) and `answers` (grouped by system).

mod answers;
mod cited_by;
mod cites;
mod keys;
mod lookup;
mod responses;
mod snippet;
mod translations;
mod twins;

pub use answers::{
    paragraph_anchor, paragraph_anchors, CitedByAnswer, CitedByGroup, CitedKeyAnswer, CitesAnswer,
    CitesGroup, TranslationsAnswer,
};
pub use keys::system_of_key;
pub use responses::{
    system_label, CitationOccurrence, CitedByResponse, CitedKey, CitesResponse, CitingDocument,
    CitingParagraph, DocumentRef, SystemCount,
};

/// The largest page of citing documents.
pub const MAX_CITING_LIMIT: usize = 500;
