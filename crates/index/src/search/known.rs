//! Known items: the documents bearing what the query names (a symbol, a communication
//! or application number, a general comment, a case name), which come first.

use super::compile::constant;
use super::SearchIndex;
use crate::known_items::NamedItems;
use crate::ranking::StaticPriors;
use crate::term_queries::any_term_query;
use crate::IndexError;
use std::cmp::Reverse;
use std::collections::HashSet;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

/// At most this many known items come first.
const KNOWN_ITEMS_MAX: usize = 20;
/// A title borne by more documents than this ("United Nations", "Concluding
/// observations") names none of them.
const SHARED_TITLE_MAX: usize = 8;

impl SearchIndex {
    /// The documents satisfying `constraints` (kind, viewer, filters) that bear an item
    /// the query names (`crate::known_items`).
    pub(super) fn known_items(
        &self,
        searcher: &Searcher,
        constraints: &BooleanQuery,
        named: &NamedItems,
        priors: StaticPriors,
    ) -> Result<HashSet<DocAddress>, IndexError> {
        let keys = named
            .keys
            .iter()
            .map(|key| Term::from_field_text(self.fields.identifier_key, key));
        let ids = named
            .ids
            .iter()
            .map(|id| Term::from_field_text(self.fields.doc_id, id));
        let lookups: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Should, any_term_query(keys)),
            (Occur::Should, any_term_query(ids)),
        ];
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(constraints.clone()) as Box<dyn Query>),
            (Occur::Must, constant(Box::new(BooleanQuery::new(lookups)))),
        ]);
        // When more bear it than come first: the authorities (highest static prior), then
        // by id key, whatever the segments' layout (which a rebuild may change).
        let by_authority = TopDocs::with_limit(KNOWN_ITEMS_MAX).tweak_score(
            move |segment: &tantivy::SegmentReader| {
                let segment_priors = priors.segment(segment);
                let keys = segment
                    .fast_fields()
                    .column_opt::<u64>("doc_key")
                    .ok()
                    .flatten();
                move |doc: tantivy::DocId, _score: tantivy::Score| {
                    let key = keys.as_ref().and_then(|column| column.first(doc));
                    (segment_priors.prior(doc), Reverse(key.unwrap_or_default()))
                }
            },
        );
        let found = searcher
            .search(&query, &by_authority)
            .map_err(IndexError::engine("finding the documents the query names"))?;
        let mut known: HashSet<DocAddress> =
            found.into_iter().map(|(_, address)| address).collect();
        if let Some(title) = &named.title {
            known.extend(self.documents_titled(searcher, constraints, title)?);
        }
        Ok(known)
    }

    /// The documents satisfying `constraints` whose title or case name is `title` (a
    /// `title_key`), unless so many share it that it names no one document.
    fn documents_titled(
        &self,
        searcher: &Searcher,
        constraints: &BooleanQuery,
        title: &str,
    ) -> Result<Vec<DocAddress>, IndexError> {
        let title_query = TermQuery::new(
            Term::from_field_text(self.fields.title_key, title),
            IndexRecordOption::Basic,
        );
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(constraints.clone()) as Box<dyn Query>),
            (Occur::Must, Box::new(title_query)),
        ]);
        let found = searcher
            .search(
                &query,
                &TopDocs::with_limit(SHARED_TITLE_MAX + 1).order_by_score(),
            )
            .map_err(IndexError::engine("finding the documents the query names"))?;
        if found.len() > SHARED_TITLE_MAX {
            return Ok(Vec::new());
        }
        Ok(found.into_iter().map(|(_, address)| address).collect())
    }
}
