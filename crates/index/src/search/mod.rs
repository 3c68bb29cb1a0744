//! Searching. One request runs through these stages, each in its module:
//!
//! 1. parse (`crate::query`) and [`compile`] the query, filters, language and access;
//! 2. [`candidates`]: retrieve documents (BM25 × static priors), join the [`known`]
//!    items, collapse metadata-only twins;
//! 3. [`paragraphs`]: the candidates' best paragraphs;
//! 4. [`order`]: re-rank, one hit per work, citation prior, the page;
//! 5. [`hits`]: stored metadata, snippets and [`translations`] of the page;
//! 6. [`facets`], counted during retrieval less what stages 2 and 4 dropped.
//!
//! [`types`] is the contract; [`records`] reads documents back; [`intent`] is what a
//! query says beyond its words.

mod bounds;
mod candidates;
mod compile;
mod facets;
mod hits;
mod intent;
mod known;
mod order;
mod paragraphs;
mod records;
mod translations;
mod types;

pub use facets::facet_names;
pub use types::{
    FacetCount, IndexInfo, ParagraphHit, RequestFilter, SearchHit, SearchRequest, SearchResponse,
    SortOrder, SourceRef, Translation,
};

use crate::analysis::Analyzers;
use crate::folder::{open_index, read_stamp};
use crate::highlight::{Highlighter, SNIPPET_FORMAT};
use crate::known_items::{named_items, NamedItems};
use crate::query::{parse_query, QueryNode};
use crate::ranking::StaticPriors;
use crate::schema::{Fields, KIND_DOCUMENT};
use crate::visibility::{visible_records, HiddenByViewer, TokenTotals, ViewerStatistics};
use crate::IndexError;
use candidates::{collapse_twins, gather_candidates, lang_at, retrieve};
use compile::{kind_query, Compiler};
use hrlex_model::Viewer;
use intent::{asks_for_recommendations, most_of_the_words};
use order::CitingWorksCache;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use tantivy::collector::Count;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, TermQuery};
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Term};

/// The largest page a request may ask for.
pub const MAX_LIMIT: usize = 200;
/// The deepest offset a request may ask for.
const MAX_OFFSET: usize = 10_000;
/// Documents re-ranked with their paragraphs (see [`crate::ranking`]).
pub(crate) const RERANK_WINDOW: usize = 100;

/// An opened index, cheap to share between threads (`Arc` it); it follows new commits of
/// other processes automatically.
pub struct SearchIndex {
    path: PathBuf,
    index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    analyzers: Analyzers,
    /// "Cited by N works" of documents already ranked, for the index generation they
    /// were counted on (the count changes only with a commit).
    citing_works: std::sync::Mutex<CitingWorksCache>,
    /// Token totals per segment, for the BM25 statistics of what a caller may see.
    token_totals: TokenTotals,
    /// What each viewer may not see, per index generation.
    hidden_by_viewer: HiddenByViewer,
}

impl SearchIndex {
    /// Opens the index in `index_dir` for searching.
    pub fn open(index_dir: &Path) -> Result<SearchIndex, IndexError> {
        let index = open_index(index_dir)?;
        let fields =
            Fields::resolve(&index.schema()).map_err(IndexError::engine("reading schema"))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .map_err(IndexError::engine("opening a reader"))?;
        let analyzers = Analyzers::new(index.tokenizers().clone());
        Ok(SearchIndex {
            path: index_dir.to_path_buf(),
            index,
            reader,
            fields,
            analyzers,
            citing_works: std::sync::Mutex::new(CitingWorksCache::default()),
            token_totals: TokenTotals::default(),
            hidden_by_viewer: HiddenByViewer::default(),
        })
    }

    /// Makes the latest commit visible now (otherwise it is picked up shortly after).
    pub fn reload(&self) -> Result<(), IndexError> {
        self.reader
            .reload()
            .map_err(IndexError::engine("reloading the index"))
    }

    /// The index as `viewer` may know it: the documents it may see, and a generation
    /// that grows with every commit. The engine's own generation counts every document
    /// ever added, so only an admin is told it; others get the number of commits.
    pub fn info(&self, viewer: &Viewer) -> Result<IndexInfo, IndexError> {
        let metas = self
            .index
            .load_metas()
            .map_err(IndexError::engine("reading the index metadata"))?;
        let searcher = self.reader.searcher();
        let documents = searcher
            .search(
                &self.visible(KIND_DOCUMENT, viewer, Box::new(AllQuery)),
                &Count,
            )
            .map_err(IndexError::engine("counting documents"))? as u64;
        let stamp = read_stamp(&self.index)?;
        let generation = match viewer {
            Viewer::Admin => metas.opstamp,
            _ => stamp.as_ref().map_or(0, |stamp| stamp.commits),
        };
        Ok(IndexInfo {
            path: self.path.clone(),
            generation,
            documents,
            stamp,
        })
    }

    pub(crate) fn kind_query(&self, kind: &str) -> TermQuery {
        kind_query(&self.fields, kind)
    }

    /// The records of `kind` that `access` may see and `matching` matches. Every lookup
    /// of documents or paragraphs by id, key or work goes through here, so that what a
    /// caller may see is decided in one place.
    pub(crate) fn visible(
        &self,
        kind: &str,
        viewer: &Viewer,
        matching: Box<dyn Query>,
    ) -> BooleanQuery {
        BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(self.kind_query(kind)) as Box<dyn Query>,
            ),
            (Occur::Must, visible_records(&self.fields, viewer)),
            (Occur::Must, matching),
        ])
    }

    /// Records whose `field` is exactly `value`.
    pub(crate) fn term_is(&self, field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            tantivy::schema::IndexRecordOption::Basic,
        ))
    }

    /// Runs a search. Malformed queries and filters give [`IndexError::Query`] with the
    /// position and reason.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse, IndexError> {
        bounds::check_request_bounds(request)?;
        if request.limit > MAX_LIMIT {
            return Err(IndexError::InvalidRequest(format!(
                "limit {} is above the maximum {MAX_LIMIT}",
                request.limit
            )));
        }
        if request.offset > MAX_OFFSET {
            return Err(IndexError::InvalidRequest(format!(
                "offset is above the maximum {MAX_OFFSET}"
            )));
        }
        let query_node = parse_query(&request.query)?;
        let response = self.search_parsed(request, &query_node)?;
        if response.total > 0 || request.offset > 0 {
            return Ok(response);
        }
        // No document has every word: answer with the documents that have most of them
        // rather than nothing, and say so.
        match most_of_the_words(&query_node) {
            Some(relaxed) => {
                let mut response = self.search_parsed(request, &relaxed)?;
                response.relaxed = true;
                Ok(response)
            }
            None => Ok(response),
        }
    }

    /// The stages of the module documentation, on one searcher (one index generation).
    fn search_parsed(
        &self,
        request: &SearchRequest,
        query_node: &QueryNode,
    ) -> Result<SearchResponse, IndexError> {
        let searcher = self.reader.searcher();
        let hidden = self
            .hidden_by_viewer
            .of(&searcher, &self.fields, &request.viewer)?;
        let statistics =
            ViewerStatistics::new(&searcher, &self.fields, &hidden, &self.token_totals);
        let compiler = Compiler::new(
            &self.fields,
            &self.analyzers,
            &searcher,
            &statistics,
            request,
        );
        let compiled = compiler.compile_request(request, query_node)?;
        let priors = StaticPriors {
            recommendations_asked: asks_for_recommendations(request, query_node),
        };
        let retrieved = retrieve(&searcher, request, &compiled.documents, priors, &statistics)?;
        let mut facets = retrieved.facets;
        let named = match request.sort {
            SortOrder::Relevance => named_items(query_node),
            SortOrder::Date => NamedItems::default(),
        };
        let known: HashSet<DocAddress> = if named.is_empty() {
            HashSet::new()
        } else {
            self.known_items(&searcher, &compiled.constraints, &named, priors)?
        };
        let total_exact = retrieved.total <= retrieved.ranked.len();
        let mut candidates = gather_candidates(&searcher, retrieved.ranked, &known, priors)?;
        let collapsed = collapse_twins(&mut candidates, |address| {
            lang_at(&searcher, address).unwrap_or_default()
        });

        let paragraphs = self.best_paragraphs(
            &searcher,
            &candidates,
            compiled.paragraphs.as_deref(),
            &request.viewer,
            &statistics,
        )?;
        let ordered = self.order_candidates(&searcher, request, candidates, &paragraphs)?;
        if let Some(fruit) = facets.as_mut() {
            let uncounted: Vec<DocAddress> =
                collapsed.iter().chain(&ordered.dropped).copied().collect();
            facets::facet_collector()
                .subtract(&searcher, &uncounted, fruit)
                .map_err(IndexError::engine("counting facets"))?;
        }

        let mut highlighter = Highlighter::new(
            &self.analyzers,
            &compiler.with_other_form_phrases(query_node),
        );
        let hits = self.build_hits(
            &searcher,
            ordered.page,
            &paragraphs,
            &mut highlighter,
            &hidden,
            request.details,
        )?;
        let total = retrieved
            .total
            .saturating_sub(collapsed.len() + ordered.dropped.len());
        Ok(SearchResponse {
            total: total as u64,
            total_exact,
            relaxed: false,
            offset: request.offset,
            limit: request.limit,
            hits,
            facets: facets.map(facets::render_facets).unwrap_or_default(),
            snippet_format: SNIPPET_FORMAT,
        })
    }
}

/// Like [`IndexError::engine`], for the I/O errors of term dictionaries.
fn io_engine(context: &'static str) -> impl FnOnce(std::io::Error) -> IndexError {
    move |error| IndexError::engine(context)(tantivy::TantivyError::from(error))
}

#[cfg(test)]
mod tests;
