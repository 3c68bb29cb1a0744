//! Candidate documents: retrieval (document BM25 times the static priors, or newest
//! first), the known items joined to it, and the metadata-only records collapsed into
//! their full-text twins.

use super::types::{SearchRequest, SortOrder};
use super::RERANK_WINDOW;
use crate::collectors::FacetFruit;
use crate::columns::{first_str, CandidateColumns, CandidateValues};
use crate::ranking::StaticPriors;
use crate::IndexError;
use std::collections::{HashMap, HashSet};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery};
use tantivy::{DocAddress, Order, Searcher};

/// What retrieval found.
pub(super) struct Retrieved {
    /// In retrieval order, with their scores (0 when sorted by date).
    pub(super) ranked: Vec<(f32, DocAddress)>,
    /// How many documents matched.
    pub(super) total: usize,
    /// The facet counts over every match, when asked.
    pub(super) facets: Option<FacetFruit>,
}

/// Runs the document query. By relevance: enough documents for the page after works
/// collapse, and at least the re-rank window, scored BM25 × static prior. By date: the
/// page itself, newest first.
pub(super) fn retrieve(
    searcher: &Searcher,
    request: &SearchRequest,
    documents: &BooleanQuery,
    priors: StaticPriors,
    statistics: &dyn Bm25StatisticsProvider,
) -> Result<Retrieved, IndexError> {
    let facets = request.facets.then(super::facets::facet_collector);
    let (ranked, total, facets) = match request.sort {
        SortOrder::Relevance => {
            let wanted = request.offset + request.limit;
            let window = (wanted * 2).max(wanted + RERANK_WINDOW);
            let retrieval =
                TopDocs::with_limit(window).tweak_score(move |segment: &tantivy::SegmentReader| {
                    let segment_priors = priors.segment(segment);
                    move |doc: tantivy::DocId, score: tantivy::Score| {
                        score * segment_priors.prior(doc)
                    }
                });
            searcher
                .search_with_statistics_provider(documents, &(retrieval, Count, facets), statistics)
                .map_err(IndexError::engine("searching documents"))?
        }
        SortOrder::Date => {
            let newest = TopDocs::with_limit(request.limit.max(1))
                .and_offset(request.offset)
                .order_by_fast_field::<i64>("date_sort", Order::Desc);
            let (top, total, facets) = searcher
                .search(documents, &(newest, Count, facets))
                .map_err(IndexError::engine("searching documents"))?;
            let top = top.into_iter().map(|(_, address)| (0.0, address)).collect();
            (top, total, facets)
        }
    };
    Ok(Retrieved {
        ranked,
        total,
        facets,
    })
}

/// The candidates: the known items first (even when retrieval ranked them low or not
/// at all), then what retrieval ranked, with their values read from the fast columns
/// (their stored records, a block decompression and a JSON decode, are read only for
/// the hits of the page).
pub(super) fn gather_candidates(
    searcher: &Searcher,
    ranked: Vec<(f32, DocAddress)>,
    known: &HashSet<DocAddress>,
    priors: StaticPriors,
) -> Result<Vec<Candidate>, IndexError> {
    let retrieved: HashSet<DocAddress> = ranked.iter().map(|(_, address)| *address).collect();
    let mut ranked = ranked;
    for address in known {
        if !retrieved.contains(address) {
            ranked.insert(0, (0.0, *address));
        }
    }
    let searcher_priors = priors.for_searcher(searcher);
    let mut columns = CandidateColumns::default();
    let mut candidates: Vec<Candidate> = Vec::with_capacity(ranked.len());
    for (retrieval_rank, (score, address)) in ranked.into_iter().enumerate() {
        let CandidateValues {
            key,
            work_key,
            twin_key,
            has_text,
        } = columns.read(searcher, address)?;
        let is_known = known.contains(&address);
        candidates.push(Candidate {
            score,
            inherited: 0.0,
            address,
            key,
            id: String::new(),
            work_key,
            twin_key,
            has_text,
            prior: searcher_priors.of(address),
            reranked: is_known || retrieval_rank < RERANK_WINDOW,
            known: is_known,
            retrieval_rank,
        });
    }
    Ok(candidates)
}

/// A document of the re-rank window, before its metadata is decoded.
pub(super) struct Candidate {
    pub(super) score: f32,
    /// The score of a metadata-only record collapsed into this full text (0 if none):
    /// the decision keeps the rank its record earned (the user typed the case name).
    pub(super) inherited: f32,
    pub(super) address: DocAddress,
    /// The key of its id (`crate::schema::key_of`).
    pub(super) key: u64,
    /// Its id, read only where the order needs it (ties, see `super::order`); empty
    /// until then.
    pub(super) id: String,
    /// The key of its work id.
    pub(super) work_key: Option<u64>,
    /// [`StaticPriors`] of the document.
    pub(super) prior: f32,
    /// Among the first [`RERANK_WINDOW`] of retrieval, or a known item: ordered by
    /// [`rerank_score`]; the others keep their retrieval order after them.
    pub(super) reranked: bool,
    /// Bears an identifier the query names.
    pub(super) known: bool,
    pub(super) retrieval_rank: usize,
    /// The key of its normalized UN symbol (`twin_key`).
    pub(super) twin_key: Option<u64>,
    /// Not metadata-only (`has_text`).
    pub(super) has_text: bool,
}

/// One decision, two documents (`crate::graph`): drops from `candidates` each
/// metadata-only record whose full-text twin (same normalized symbol) is also a
/// candidate, the twin inheriting the record's score when it is higher; returns the
/// dropped records' addresses. A record whose twin does not match stays: it is how the
/// index knows a decision it has no text for. Of several full-text twins (language
/// versions), the one in the record's language inherits, else the first (best by
/// document score); `lang_of` is asked only then.
pub(super) fn collapse_twins(
    candidates: &mut Vec<Candidate>,
    mut lang_of: impl FnMut(DocAddress) -> String,
) -> Vec<DocAddress> {
    let mut twins_of_symbol: HashMap<u64, Vec<usize>> = HashMap::new();
    for (position, candidate) in candidates.iter().enumerate() {
        if let (true, Some(symbol)) = (candidate.has_text, candidate.twin_key) {
            twins_of_symbol.entry(symbol).or_default().push(position);
        }
    }
    if twins_of_symbol.is_empty() {
        return Vec::new();
    }
    let mut collapsed = Vec::new();
    let mut inherits: Vec<(usize, f32)> = Vec::new();
    let mut keep = vec![true; candidates.len()];
    for (position, record) in candidates.iter().enumerate() {
        if record.has_text {
            continue;
        }
        let Some(twins) = record
            .twin_key
            .and_then(|symbol| twins_of_symbol.get(&symbol))
        else {
            continue;
        };
        let twin = if twins.len() > 1 {
            let lang = lang_of(record.address);
            *twins
                .iter()
                .find(|twin| lang_of(candidates[**twin].address) == lang)
                .unwrap_or(&twins[0])
        } else {
            twins[0]
        };
        collapsed.push(record.address);
        keep[position] = false;
        inherits.push((twin, record.score));
    }
    for (twin, score) in inherits {
        let twin = &mut candidates[twin];
        twin.inherited = twin.inherited.max(score);
    }
    let mut keep = keep.into_iter();
    candidates.retain(|_| keep.next().unwrap_or(true));
    collapsed
}

/// The language code of the record at `address` (its `lang` fast field).
pub(super) fn lang_at(searcher: &Searcher, address: DocAddress) -> Option<String> {
    let fast_fields = searcher.segment_reader(address.segment_ord).fast_fields();
    let langs = fast_fields.str("lang").ok()??;
    first_str(&langs, address.doc_id).ok()?
}
