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
use std::sync::{Arc, Mutex};
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
        if let Some(total) = lock(&self.totals).get(&key) {
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
        let mut totals = lock(&self.totals);
        if totals.len() > 4096 {
            totals.clear();
        }
        totals.insert(key, total);
        Ok(total)
    }
}

/// The live document and paragraph records of one searcher that a viewer may not see
/// (few: public documents are the rule), with what the statistics need of them.
pub(crate) struct HiddenRecords {
    /// Per segment ordinal, ascending.
    per_segment: Vec<Vec<DocId>>,
    /// The same as one bit per record, per segment ordinal.
    bits: Vec<Vec<u64>>,
    /// Document and paragraph records the viewer may see.
    visible_records: u64,
    /// Tokens of the hidden records per (segment ordinal, field), once counted.
    hidden_tokens: Mutex<HashMap<(usize, Field), u64>>,
}

impl HiddenRecords {
    fn new(searcher: &Searcher, fields: &Fields, viewer: &Viewer) -> Result<Self, IndexError> {
        let segments = searcher.segment_readers();
        let mut per_segment = vec![Vec::new(); segments.len()];
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
        let bits = segments
            .iter()
            .zip(&per_segment)
            .map(|(segment, docs)| {
                let mut bits = vec![0u64; (segment.max_doc() as usize).div_ceil(64)];
                for doc in docs {
                    bits[*doc as usize / 64] |= 1 << (doc % 64);
                }
                bits
            })
            .collect();
        let mut records = 0;
        for kind in [KIND_DOCUMENT, KIND_PARAGRAPH] {
            records += searcher
                .search(&text_term(fields.kind, kind), &Count)
                .map_err(IndexError::engine("counting records"))? as u64;
        }
        let hidden: usize = per_segment.iter().map(Vec::len).sum();
        Ok(HiddenRecords {
            per_segment,
            bits,
            visible_records: records.saturating_sub(hidden as u64),
            hidden_tokens: Mutex::new(HashMap::new()),
        })
    }

    pub(crate) fn contains(&self, address: DocAddress) -> bool {
        self.is_hidden(address.segment_ord as usize, address.doc_id)
    }

    fn is_hidden(&self, segment_ord: usize, doc: DocId) -> bool {
        self.bits
            .get(segment_ord)
            .and_then(|bits| bits.get(doc as usize / 64))
            .is_some_and(|word| word & (1 << (doc % 64)) != 0)
    }

    /// Tokens of `field` in the hidden records of a segment.
    fn tokens(
        &self,
        segment_ord: usize,
        segment: &tantivy::SegmentReader,
        field: Field,
    ) -> tantivy::Result<u64> {
        let hidden = &self.per_segment[segment_ord];
        if hidden.is_empty() {
            return Ok(0);
        }
        let mut counted = lock(&self.hidden_tokens);
        if let Some(tokens) = counted.get(&(segment_ord, field)) {
            return Ok(*tokens);
        }
        let norms = segment.get_fieldnorms_reader(field)?;
        let tokens = hidden
            .iter()
            .map(|doc| u64::from(norms.fieldnorm(*doc)))
            .sum();
        counted.insert((segment_ord, field), tokens);
        Ok(tokens)
    }

    /// Hidden records of a segment that contain `term`: the term's postings checked
    /// against the hidden set, or the hidden records looked up in the postings,
    /// whichever list is shorter.
    fn with_term(
        &self,
        segment_ord: usize,
        segment: &tantivy::SegmentReader,
        term: &Term,
    ) -> tantivy::Result<u64> {
        let hidden = &self.per_segment[segment_ord];
        if hidden.is_empty() {
            return Ok(0);
        }
        let inverted_index = segment.inverted_index(term.field())?;
        let Some(info) = inverted_index.get_term_info(term)? else {
            return Ok(0);
        };
        let mut postings =
            inverted_index.read_postings_from_terminfo(&info, IndexRecordOption::Basic)?;
        let mut found = 0;
        if (info.doc_freq as usize) <= hidden.len() {
            let mut doc = postings.doc();
            while doc != TERMINATED {
                found += u64::from(self.is_hidden(segment_ord, doc));
                doc = postings.advance();
            }
            return Ok(found);
        }
        for doc in hidden {
            if postings.doc() > *doc {
                continue;
            }
            let reached = postings.seek(*doc);
            if reached == TERMINATED {
                break;
            }
            found += u64::from(reached == *doc);
        }
        Ok(found)
    }
}

/// The hidden records of each viewer, for the searcher generation they were found on
/// (they change only with a commit).
#[derive(Default)]
pub(crate) struct HiddenByViewer {
    found: Mutex<(u64, HashMap<Viewer, Arc<HiddenRecords>>)>,
}

impl HiddenByViewer {
    /// What `viewer` may not see on `searcher`'s generation.
    pub(crate) fn of(
        &self,
        searcher: &Searcher,
        fields: &Fields,
        viewer: &Viewer,
    ) -> Result<Arc<HiddenRecords>, IndexError> {
        let generation = searcher.generation().generation_id();
        {
            let found = lock(&self.found);
            if found.0 == generation {
                if let Some(hidden) = found.1.get(viewer) {
                    return Ok(Arc::clone(hidden));
                }
            }
        }
        let hidden = Arc::new(HiddenRecords::new(searcher, fields, viewer)?);
        let mut found = lock(&self.found);
        if found.0 != generation || found.1.len() > 256 {
            *found = (generation, HashMap::new());
        }
        found.1.insert(viewer.clone(), Arc::clone(&hidden));
        Ok(hidden)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
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
}

impl<'a> ViewerStatistics<'a> {
    pub(crate) fn new(
        searcher: &'a Searcher,
        fields: &Fields,
        hidden: &'a HiddenRecords,
        totals: &'a TokenTotals,
    ) -> Self {
        ViewerStatistics {
            searcher,
            totals,
            kind_field: fields.kind,
            hidden,
        }
    }
}

impl Bm25StatisticsProvider for ViewerStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let mut total = 0u64;
        for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            total += self.totals.segment_total(segment, self.kind_field, field)?;
            total = total.saturating_sub(self.hidden.tokens(ord, segment, field)?);
        }
        Ok(total)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.hidden.visible_records)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let mut frequency = self.searcher.doc_freq(term)?;
        for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            frequency = frequency.saturating_sub(self.hidden.with_term(ord, segment, term)?);
        }
        // The engine's frequencies count deleted records until their segment is merged,
        // the record count does not; BM25 requires the one to be at most the other.
        Ok(frequency.min(self.hidden.visible_records))
    }
}
