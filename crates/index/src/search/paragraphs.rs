//! Best paragraphs: the paragraph query run over the candidates' paragraph records
//! only, keeping each candidate's best few (what re-ranks it and what its hit shows).

use super::candidates::Candidate;
use super::compile::{constant, kind_query};
use super::SearchIndex;
use crate::collectors::{
    BestParagraphs, BestParagraphsCollector, CandidateRecords, CandidateRecordsQuery,
};
use crate::schema::KIND_PARAGRAPH;
use crate::visibility::visible_records;
use crate::IndexError;
use hrlex_model::Viewer;
use std::collections::HashMap;
use std::sync::Arc;
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, Occur, Query};
use tantivy::{DocAddress, Searcher};

/// Paragraphs kept per candidate.
const PARAGRAPHS_PER_HIT: usize = 3;

/// Each candidate's best paragraphs, best first, through a slot per distinct id key
/// (two candidates never share an id, but the slot keeps the join honest should they).
pub(super) struct CandidateParagraphs {
    best: BestParagraphs,
    /// `slots[i]`: the slot of candidate i.
    pub(super) slots: Vec<usize>,
}

impl CandidateParagraphs {
    /// The best paragraphs of the candidate in `slot`, best first.
    pub(super) fn of(&self, slot: usize) -> &[(f32, DocAddress)] {
        self.best.get(slot).map_or(&[], Vec::as_slice)
    }
}

impl SearchIndex {
    /// Runs `paragraph_query` (when the query has one) over the paragraphs of
    /// `candidates` that `access` may see.
    pub(super) fn best_paragraphs(
        &self,
        searcher: &Searcher,
        candidates: &[Candidate],
        paragraph_query: Option<&dyn Query>,
        viewer: &Viewer,
        statistics: &dyn Bm25StatisticsProvider,
    ) -> Result<CandidateParagraphs, IndexError> {
        let mut keys: Vec<u64> = Vec::with_capacity(candidates.len());
        let mut slot_of_key: HashMap<u64, usize> = HashMap::with_capacity(candidates.len());
        let slots: Vec<usize> = candidates
            .iter()
            .map(|candidate| {
                *slot_of_key.entry(candidate.key).or_insert_with(|| {
                    keys.push(candidate.key);
                    keys.len() - 1
                })
            })
            .collect();
        let best = match paragraph_query {
            Some(paragraph_query) if !candidates.is_empty() => {
                let records = Arc::new(
                    CandidateRecords::find(searcher, self.fields.doc_key, &keys)
                        .map_err(IndexError::engine("finding the candidates' paragraphs"))?,
                );
                let query = BooleanQuery::new(vec![
                    (Occur::Must, paragraph_query.box_clone()),
                    (
                        Occur::Must,
                        constant(Box::new(kind_query(&self.fields, KIND_PARAGRAPH))),
                    ),
                    (Occur::Must, constant(visible_records(&self.fields, viewer))),
                    (
                        Occur::Must,
                        Box::new(CandidateRecordsQuery(Arc::clone(&records))),
                    ),
                ]);
                let collector = BestParagraphsCollector {
                    candidates: records,
                    slots: keys.len(),
                    per_document: PARAGRAPHS_PER_HIT,
                };
                searcher
                    .search_with_statistics_provider(&query, &collector, statistics)
                    .map_err(IndexError::engine("searching paragraphs"))?
            }
            _ => Vec::new(),
        };
        Ok(CandidateParagraphs { best, slots })
    }
}
