//! One document id, one document. Two files whose documents carry the same id (two
//! sidecars saying `"id": "pub-1"`, an importer's id reused by another file) used to be
//! merged into one document, the paragraphs of a confidential file appearing under a
//! public one. The writer now asks this registry before writing a file's documents; a
//! file claiming an id that another file still in the corpus holds is refused as a whole
//! (reported with both paths), and the index keeps what it had.

use crate::columns::all_str;
use crate::schema::{Fields, KIND_DOCUMENT};
use crate::IndexError;
use std::collections::{HashMap, HashSet};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

/// Who holds each document id during one indexing run.
pub(crate) struct IdRegistry<'a> {
    /// The index as committed before the run; `None` for a full rebuild, which starts
    /// from nothing.
    committed: Option<Searcher>,
    fields: &'a Fields,
    /// Ids written by this run, with the manifest key of the file that wrote them.
    claimed: HashMap<String, String>,
    /// Files whose earlier documents this run has deleted (re-read files).
    rewritten: HashSet<String>,
}

/// Why a file's documents were refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DuplicateId {
    pub id: String,
    /// The manifest key (canonical path) of the file holding the id, or `None` when the
    /// same file holds it twice.
    pub holder: Option<String>,
}

impl DuplicateId {
    pub fn reason(&self) -> String {
        match &self.holder {
            Some(holder) => format!(
                "document id `{}` is already the id of a document from {holder}; neither is \
                 merged into the other: give one of them another id (a sidecar's \"id\")",
                self.id
            ),
            None => format!(
                "two documents of this file have the id `{}`; the file is not indexed",
                self.id
            ),
        }
    }
}

impl<'a> IdRegistry<'a> {
    pub fn new(committed: Option<Searcher>, fields: &'a Fields) -> Self {
        IdRegistry {
            committed,
            fields,
            claimed: HashMap::new(),
            rewritten: HashSet::new(),
        }
    }

    /// The first id of `ids` that the file `key` may not write, if any. `in_corpus`
    /// tells whether a file is still part of the corpus (a file gone from it is removed
    /// by this run, and its ids are free).
    pub fn duplicate(
        &self,
        key: &str,
        ids: &[&str],
        in_corpus: impl Fn(&str) -> bool,
    ) -> Result<Option<DuplicateId>, IndexError> {
        let mut in_this_file: HashSet<&str> = HashSet::with_capacity(ids.len());
        for id in ids {
            if !in_this_file.insert(id) {
                return Ok(Some(DuplicateId {
                    id: id.to_string(),
                    holder: None,
                }));
            }
            if let Some(holder) = self.claimed.get(*id) {
                if holder != key {
                    return Ok(Some(DuplicateId {
                        id: id.to_string(),
                        holder: Some(holder.clone()),
                    }));
                }
                continue;
            }
            for holder in self.committed_holders(id)? {
                if holder != key && !self.rewritten.contains(&holder) && in_corpus(&holder) {
                    return Ok(Some(DuplicateId {
                        id: id.to_string(),
                        holder: Some(holder),
                    }));
                }
            }
        }
        Ok(None)
    }

    /// Records that the file `key` has replaced its documents by ones with `ids`.
    pub fn claim(&mut self, key: &str, ids: &[&str]) {
        self.rewritten.insert(key.to_string());
        for id in ids {
            self.claimed.insert(id.to_string(), key.to_string());
        }
    }

    /// Records that the file `key`'s documents were deleted (re-read as a non-document).
    pub fn release(&mut self, key: &str) {
        self.rewritten.insert(key.to_string());
    }

    /// The files whose committed document records have the id `id`.
    fn committed_holders(&self, id: &str) -> Result<Vec<String>, IndexError> {
        const CONTEXT: &str = "checking document ids";
        let Some(searcher) = &self.committed else {
            return Ok(Vec::new());
        };
        let query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.kind, KIND_DOCUMENT),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>,
            ),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.doc_id, id),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let addresses = searcher
            .search(&query, &DocSetCollector)
            .map_err(IndexError::engine(CONTEXT))?;
        let mut holders = Vec::new();
        for address in addresses {
            let segment = searcher.segment_reader(address.segment_ord);
            let column = segment
                .fast_fields()
                .str("source_file")
                .map_err(IndexError::engine(CONTEXT))?;
            let Some(column) = column else { continue };
            holders.extend(
                all_str(&column, address.doc_id)
                    .map_err(|error| IndexError::engine(CONTEXT)(error.into()))?,
            );
        }
        Ok(holders)
    }
}
