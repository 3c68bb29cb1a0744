//! What a viewer may see, as engine queries, and the BM25 statistics of only that.
//!
//! Filtering hidden records out of the matches is not enough: BM25 weighs a term by how
//! many records contain it and a record by its length against the average, and tantivy
//! counts both over the whole index. A term that occurs in a confidential document
//! would then score lower for an anonymous caller than on an index without that
//! document, and the difference tells that the document exists. [`ViewerStatistics`]
//! counts records, tokens and document frequencies over the records the viewer may see,
//! so that an answer is the same whether or not documents the viewer may not see exist.

use crate::schema::{access_rank, Fields, KIND_DOCUMENT, KIND_PARAGRAPH};
use crate::IndexError;
use hrlex_model::{Access, Viewer};
use std::collections::HashMap;
use std::sync::Mutex;
use tantivy::collector::Count;
use tantivy::index::SegmentId;
use tantivy::query::{
    AllQuery, Bm25StatisticsProvider, BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Searcher, Term, TERMINATED};

/// The records `viewer` may see. Scores a constant 1, as every filter clause of a
/// document query does, whoever the viewer.
pub(crate) fn visible_records(fields: &Fields, viewer: &Viewer) -> Box<dyn Query> {
    let matching: Box<dyn Query> = match viewer {
        Viewer::Admin => Box::new(AllQuery),
        Viewer::Public => Box::new(access_is(fields, Access::Public)),
        Viewer::Groups(groups) => {
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> =
                vec![(Occur::Should, Box::new(access_is(fields, Access::Public)))];
            alternatives.extend(groups.iter().map(|group| {
                (
                    Occur::Should,
                    Box::new(text_term(fields.groups, group)) as Box<dyn Query>,
                )
            }));
            Box::new(BooleanQuery::new(alternatives))
        }
    };
    Box::new(ConstScoreQuery::new(matching, 1.0))
}

/// The document and paragraph records `viewer` may not see; `None` when it sees all.
fn hidden_records(fields: &Fields, viewer: &Viewer) -> Option<BooleanQuery> {
    let not_public: Vec<(Occur, Box<dyn Query>)> = [Access::Restricted, Access::Confidential]
        .into_iter()
        .map(|access| {
            (
                Occur::Should,
                Box::new(access_is(fields, access)) as Box<dyn Query>,
            )
        })
        .collect();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, Box::new(BooleanQuery::new(not_public)))];
    match viewer {
        Viewer::Admin => return None,
        Viewer::Public => {}
        Viewer::Groups(groups) => clauses.extend(groups.iter().map(|group| {
            (
                Occur::MustNot,
                Box::new(text_term(fields.groups, group)) as Box<dyn Query>,
            )
        })),
    }
    Some(BooleanQuery::new(clauses))
}

fn access_is(fields: &Fields, access: Access) -> TermQuery {
    TermQuery::new(
        Term::from_field_u64(fields.access, access_rank(access)),
        IndexRecordOption::Basic,
    )
}

fn text_term(field: Field, value: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    )
}

/// Token totals per segment and field over the segment's live document and paragraph
/// records (not the manifest's `file` records, one per corpus file, whose number
/// would tell how many files there are), kept across queries: a segment never changes,
/// and its deletions are part of the key.
#[derive(Default)]
pub(crate) struct TokenTotals {
    totals: Mutex<HashMap<(SegmentId, u32, Field), u64>>,
}

impl TokenTotals {
    fn segment_total(
        &self,
        segment: &tantivy::SegmentReader,
        kind_field: Field,
        field: Field,
    ) -> tantivy::Result<u64> {
        let key = (segment.segment_id(), segment.num_deleted_docs(), field);
        if let Some(total) = self.lock().get(&key) {
            return Ok(*total);
        }
        let norms = segment.get_fieldnorms_reader(field)?;
        let kinds = segment.inverted_index(kind_field)?;
        let mut total = 0u64;
        for kind in [KIND_DOCUMENT, KIND_PARAGRAPH] {
            let term = Term::from_field_text(kind_field, kind);
            let Some(mut records) = kinds.read_postings(&term, IndexRecordOption::Basic)? else {
                continue;
            };
            let mut doc = records.doc();
            while doc != TERMINATED {
                if !segment.is_deleted(doc) {
                    total += u64::from(norms.fieldnorm(doc));
                }
                doc = records.advance();
            }
        }
        let mut totals = self.lock();
        if totals.len() > 4096 {
            totals.clear();
        }
        totals.insert(key, total);
        Ok(total)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(SegmentId, u32, Field), u64>> {
        self.totals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The live document and paragraph records of one searcher that a viewer may not see
/// (few: public documents are the rule).
pub(crate) struct HiddenRecords {
    /// Per segment ordinal, ascending.
    per_segment: Vec<Vec<DocId>>,
}

impl HiddenRecords {
    pub(crate) fn new(
        searcher: &Searcher,
        fields: &Fields,
        viewer: &Viewer,
    ) -> Result<Self, IndexError> {
        let mut per_segment = vec![Vec::new(); searcher.segment_readers().len()];
        if let Some(query) = hidden_records(fields, viewer) {
            let found = searcher
                .search(&query, &tantivy::collector::DocSetCollector)
                .map_err(IndexError::engine(
                    "finding the records a caller may not see",
                ))?;
            for address in found {
                per_segment[address.segment_ord as usize].push(address.doc_id);
            }
            per_segment.iter_mut().for_each(|docs| docs.sort_unstable());
        }
        Ok(HiddenRecords { per_segment })
    }

    pub(crate) fn contains(&self, address: DocAddress) -> bool {
        self.per_segment
            .get(address.segment_ord as usize)
            .is_some_and(|docs| docs.binary_search(&address.doc_id).is_ok())
    }

    fn count(&self) -> usize {
        self.per_segment.iter().map(Vec::len).sum()
    }
}

/// BM25 statistics over the document and paragraph records a viewer may see (see the
/// module documentation). Lengths are summed from the stored field norms, the same
/// numbers BM25 reads per record, so that the sum does not depend on which other
/// records exist.
pub(crate) struct ViewerStatistics<'a> {
    searcher: &'a Searcher,
    totals: &'a TokenTotals,
    hidden: &'a HiddenRecords,
    kind_field: Field,
    visible_records: u64,
}

impl<'a> ViewerStatistics<'a> {
    pub(crate) fn new(
        searcher: &'a Searcher,
        fields: &Fields,
        hidden: &'a HiddenRecords,
        totals: &'a TokenTotals,
    ) -> Result<Self, IndexError> {
        let mut records = 0;
        for kind in [KIND_DOCUMENT, KIND_PARAGRAPH] {
            records += searcher
                .search(&text_term(fields.kind, kind), &Count)
                .map_err(IndexError::engine("counting records"))? as u64;
        }
        Ok(ViewerStatistics {
            searcher,
            totals,
            kind_field: fields.kind,
            visible_records: records.saturating_sub(hidden.count() as u64),
            hidden,
        })
    }
}

impl Bm25StatisticsProvider for ViewerStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let mut total = 0u64;
        for (segment, hidden) in self
            .searcher
            .segment_readers()
            .iter()
            .zip(&self.hidden.per_segment)
        {
            total += self.totals.segment_total(segment, self.kind_field, field)?;
            if !hidden.is_empty() {
                let norms = segment.get_fieldnorms_reader(field)?;
                let hidden_tokens: u64 = hidden
                    .iter()
                    .map(|doc| u64::from(norms.fieldnorm(*doc)))
                    .sum();
                total = total.saturating_sub(hidden_tokens);
            }
        }
        Ok(total)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.visible_records)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let mut frequency = self.searcher.doc_freq(term)?;
        for (segment, hidden) in self
            .searcher
            .segment_readers()
            .iter()
            .zip(&self.hidden.per_segment)
        {
            if hidden.is_empty() {
                continue;
            }
            let inverted_index = segment.inverted_index(term.field())?;
            let Some(mut postings) =
                inverted_index.read_postings(term, IndexRecordOption::Basic)?
            else {
                continue;
            };
            for doc in hidden {
                if postings.doc() > *doc {
                    continue;
                }
                let reached = postings.seek(*doc);
                if reached == TERMINATED {
                    break;
                }
                if reached == *doc {
                    frequency = frequency.saturating_sub(1);
                }
            }
        }
        Ok(frequency)
    }
}
