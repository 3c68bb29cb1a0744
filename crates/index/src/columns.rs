//! Reading a record's values from the fast columns rather than from the doc store. A
//! stored record sits in a compressed block of the doc store that must be decompressed
//! whole; the ranking reads a few values of every candidate (about 110 a query), which
//! the columns give for a dictionary lookup each. Measured on the whole corpus, the doc
//! store reads of the candidates were an eighth of a query's time.

use crate::IndexError;
use std::collections::hash_map::{Entry, HashMap};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Searcher};

/// The first value of `column` for `doc`, if any.
pub(crate) fn first_str(column: &StrColumn, doc: DocId) -> std::io::Result<Option<String>> {
    let Some(ord) = column.term_ords(doc).next() else {
        return Ok(None);
    };
    let mut value = String::new();
    Ok(column.ord_to_str(ord, &mut value)?.then_some(value))
}

/// Every value of `column` for `doc`.
pub(crate) fn all_str(column: &StrColumn, doc: DocId) -> std::io::Result<Vec<String>> {
    let mut values = Vec::new();
    for ord in column.term_ords(doc) {
        let mut value = String::new();
        if column.ord_to_str(ord, &mut value)? {
            values.push(value);
        }
    }
    Ok(values)
}

/// What the ranking needs of a candidate document: numbers only (see
/// `crate::schema::key_of`); its id string is read when needed ([`id_at`]).
#[derive(Debug, Default)]
pub(crate) struct CandidateValues {
    /// The key of its id.
    pub key: u64,
    /// The key of its work id, if it has one.
    pub work_key: Option<u64>,
    /// The key of its normalized UN symbol, if it has one.
    pub twin_key: Option<u64>,
    /// Not metadata-only.
    pub has_text: bool,
}

/// The columns of [`CandidateValues`], opened once per segment.
#[derive(Default)]
pub(crate) struct CandidateColumns {
    by_segment: HashMap<u32, SegmentColumns>,
}

struct SegmentColumns {
    doc_key: Option<Column<u64>>,
    work_key: Option<Column<u64>>,
    twin_key: Option<Column<u64>>,
    has_text: Option<Column<u64>>,
}

impl CandidateColumns {
    pub(crate) fn read(
        &mut self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> Result<CandidateValues, IndexError> {
        const CONTEXT: &str = "reading a candidate's columns";
        let columns = match self.by_segment.entry(address.segment_ord) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => {
                let fast_fields = searcher.segment_reader(address.segment_ord).fast_fields();
                let column = |name: &str| {
                    fast_fields
                        .column_opt::<u64>(name)
                        .map_err(IndexError::engine(CONTEXT))
                };
                entry.insert(SegmentColumns {
                    doc_key: column("doc_key")?,
                    work_key: column("work_key")?,
                    twin_key: column("twin_key")?,
                    has_text: column("has_text")?,
                })
            }
        };
        let doc = address.doc_id;
        let first = |column: &Option<Column<u64>>| column.as_ref().and_then(|c| c.first(doc));
        Ok(CandidateValues {
            key: first(&columns.doc_key).unwrap_or_default(),
            work_key: first(&columns.work_key),
            twin_key: first(&columns.twin_key),
            has_text: first(&columns.has_text).is_some_and(|flag| flag != 0),
        })
    }
}

/// Reads records' ids from their `doc_id` column, opening it once per segment (opening
/// a column reads its footer and dictionary index, which costs more than one lookup).
#[derive(Default)]
pub(crate) struct IdReader {
    by_segment: HashMap<u32, Option<StrColumn>>,
}

impl IdReader {
    /// The id of the record at `address`, empty if it has none.
    pub(crate) fn id(
        &mut self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> Result<String, IndexError> {
        const CONTEXT: &str = "reading a record's id";
        let column = match self.by_segment.entry(address.segment_ord) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => {
                let fast_fields = searcher.segment_reader(address.segment_ord).fast_fields();
                entry.insert(
                    fast_fields
                        .str("doc_id")
                        .map_err(IndexError::engine(CONTEXT))?,
                )
            }
        };
        let Some(column) = column else {
            return Ok(String::new());
        };
        let id = first_str(column, address.doc_id)
            .map_err(|error| IndexError::engine(CONTEXT)(error.into()))?;
        Ok(id.unwrap_or_default())
    }
}
