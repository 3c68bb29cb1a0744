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

/// What the ranking needs of a candidate document.
#[derive(Debug, Default)]
pub(crate) struct CandidateValues {
    pub id: String,
    pub work_id: String,
    /// The normalized UN symbol, if any.
    pub symbol_key: Option<String>,
    /// Not metadata-only.
    pub has_text: bool,
}

/// The columns of [`CandidateValues`], opened once per segment.
#[derive(Default)]
pub(crate) struct CandidateColumns {
    by_segment: HashMap<u32, SegmentColumns>,
}

struct SegmentColumns {
    doc_id: Option<StrColumn>,
    work_id: Option<StrColumn>,
    symbol_key: Option<StrColumn>,
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
                let str_column = |name: &str| fast_fields.str(name);
                entry.insert(SegmentColumns {
                    doc_id: str_column("doc_id").map_err(IndexError::engine(CONTEXT))?,
                    work_id: str_column("work_id").map_err(IndexError::engine(CONTEXT))?,
                    symbol_key: str_column("symbol_key").map_err(IndexError::engine(CONTEXT))?,
                    has_text: fast_fields
                        .column_opt::<u64>("has_text")
                        .map_err(IndexError::engine(CONTEXT))?,
                })
            }
        };
        let doc = address.doc_id;
        let read = |column: &Option<StrColumn>| -> Result<Option<String>, IndexError> {
            match column {
                Some(column) => first_str(column, doc)
                    .map_err(|error| IndexError::engine(CONTEXT)(error.into())),
                None => Ok(None),
            }
        };
        Ok(CandidateValues {
            id: read(&columns.doc_id)?.unwrap_or_default(),
            work_id: read(&columns.work_id)?.unwrap_or_default(),
            symbol_key: read(&columns.symbol_key)?,
            has_text: columns
                .has_text
                .as_ref()
                .and_then(|column| column.first(doc))
                .is_some_and(|flag| flag != 0),
        })
    }
}
