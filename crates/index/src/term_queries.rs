//! A query for "any of these terms" that is cheap to build for a few terms.

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery, TermSetQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// Up to this many terms are a union of term queries; more are a `TermSetQuery`.
const TERMS_AS_CLAUSES: usize = 64;

/// Documents with any of `terms`, each scoring 1 (as tantivy's `TermSetQuery` does).
///
/// `TermSetQuery` builds an FST of its terms for every weight, and the FST builder
/// allocates and fills a registry of 20,000 cells first: where it ran once per candidate
/// (the citation counts of the ranking), that was a twelfth of a query's time. A handful
/// of terms (a document's citation keys, a query's identifiers) is a union of term
/// queries instead; a long list keeps the FST, whose cost is then worth it.
pub(crate) fn any_term_query(terms: impl IntoIterator<Item = Term>) -> Box<dyn Query> {
    let mut terms: Vec<Term> = terms.into_iter().collect();
    terms.sort();
    terms.dedup();
    if terms.len() > TERMS_AS_CLAUSES {
        return Box::new(TermSetQuery::new(terms));
    }
    let clauses = terms
        .into_iter()
        .map(|term| {
            let query: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, query)
        })
        .collect();
    Box::new(ConstScoreQuery::new(
        Box::new(BooleanQuery::new(clauses)),
        1.0,
    ))
}
