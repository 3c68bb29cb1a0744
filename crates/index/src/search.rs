//! Searching: the request/response contract, query compilation, ranking (document BM25
//! plus its best paragraph), facets, paragraphs with snippets, translations, access.

use crate::analysis::{has_cjk, AnalyzedToken, Analyzers};
use crate::collectors::{
    BestParagraphs, BestParagraphsCollector, CandidateRecords, CandidateRecordsQuery,
    FacetCollector, FacetFruit,
};
use crate::columns::{first_str, CandidateColumns, CandidateValues};
use crate::highlight::{Highlighter, SNIPPET_FORMAT};
use crate::known_items::{named_items, NamedItems};
use crate::query::{parse_filter, parse_query, Filter, QueryNode};
use crate::ranking::{
    citation_prior, StaticPriors, CITATION_PRIOR_WINDOW, PARAGRAPH_DAMPING, PROXIMITY_BOOST,
    PROXIMITY_SLOP,
};
use crate::schema::{
    access_rank, slot_analyzer, Fields, KIND_DOCUMENT, KIND_PARAGRAPH, LANGUAGE_FIELDS,
};
use crate::term_queries::any_term_query;
use crate::writer::{open_index, read_stamp, IndexStamp};
use crate::IndexError;
use expand::Segment;
use hrlex_analysis::{analyzer_for, ANALYZER_CJK_BIGRAM, ANALYZER_IDENTIFIER};
use hrlex_model::{Access, Document, Lang, Paragraph};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, QueryClone, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{
    DocAddress, DocSet, Index, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, Term,
    TERMINATED,
};

mod expand;

/// The largest page a request may ask for.
pub const MAX_LIMIT: usize = 200;
/// Documents re-ranked with their paragraphs (see [`crate::ranking`]).
pub(crate) const RERANK_WINDOW: usize = 100;
/// At most this many known items (documents bearing what the query names) come first.
const KNOWN_ITEMS_MAX: usize = 20;
/// A title borne by more documents than this ("United Nations", "Concluding
/// observations") names none of them.
const SHARED_TITLE_MAX: usize = 8;
/// Paragraphs listed per hit.
const PARAGRAPHS_PER_HIT: usize = 3;

/// The facet fields, as named in responses (and, except `doc_type`, in filters).
pub const FACET_FIELDS: &[&str] = &[
    "system",
    "mechanism",
    "doc_type",
    "state",
    "lang",
    "year",
    "outcome",
    "theme",
    "response",
    "status",
];

/// Sort order of hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// A filter given beside the query (`field` as in the query language: `state`,
/// `mechanism`, `type`, `lang`, `year`, `outcome`, `system`, `theme`, `response`,
/// `status`, `id`, `cites`, `cited_by`). Values of one field are ORed, fields ANDed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFilter {
    pub field: String,
    pub value: String,
}

/// A search.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Vec<RequestFilter>,
    /// Only this language; all languages when `None`.
    pub lang: Option<Lang>,
    /// The caller's access: documents above it are neither returned nor counted.
    pub access: Access,
    pub sort: SortOrder,
    pub offset: usize,
    pub limit: usize,
    /// Compute facet counts.
    pub facets: bool,
    /// Of the versions of a work, the hit shows the one in this language when it
    /// matches (the caller's language); the others are listed as its translations.
    pub prefer_lang: Option<Lang>,
    /// A word or phrase of the legal vocabulary (a treaty, body or term of art) also
    /// matches its forms in the other languages; off, only its synonyms and spelling
    /// variants in the language(s) it was typed in.
    pub expand_languages: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            filters: Vec::new(),
            lang: None,
            access: Access::Public,
            sort: SortOrder::Relevance,
            offset: 0,
            limit: 10,
            facets: true,
            prefer_lang: None,
            expand_languages: true,
        }
    }
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            ..SearchRequest::default()
        }
    }
}

/// The file (and record) a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
}

/// A matching paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphHit {
    /// The number as printed (`18 (c)`, `75`), `None` when unnumbered.
    pub n: Option<String>,
    /// 0-based position of the paragraph in the document.
    pub index: usize,
    pub page: Option<u32>,
    /// HTML-escaped; see [`SearchResponse::snippet_format`].
    pub snippet: String,
}

/// Another language version of a hit's work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Translation {
    pub lang: Lang,
    pub id: String,
}

/// One matching document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: String,
    pub work_id: String,
    pub title: String,
    pub lang: Lang,
    pub mechanism: String,
    pub system: String,
    pub doc_type: String,
    pub symbol: Option<String>,
    pub date: Option<String>,
    pub states: Vec<String>,
    pub source: SourceRef,
    pub score: f32,
    pub paragraphs: Vec<ParagraphHit>,
    pub translations: Vec<Translation>,
}

/// A facet value and how many matching documents carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// The answer to a [`SearchRequest`] (the JSON of `hrlex search --json`).
#[derive(Debug, Clone, Serialize)]
pub struct SearchResponse {
    /// Matching works the caller may see: matching documents less the metadata-only
    /// records collapsed into their full-text twin (`collapse_twins`) and, in relevance
    /// order, less the other versions of a work already listed (`one_hit_per_work`).
    /// Collapsing is seen only among the candidates fetched for the page, so where more
    /// documents match than were fetched, `total_exact` is false and `total` is an upper
    /// bound. The facets leave out the same records.
    pub total: u64,
    pub total_exact: bool,
    /// No document had every word of the query; these have most of them.
    pub relaxed: bool,
    pub offset: usize,
    pub limit: usize,
    pub hits: Vec<SearchHit>,
    /// Field → values by decreasing count. Single-valued fields (system, mechanism,
    /// doc_type, lang) add up to `total`; multi-valued ones (state, theme) may exceed it;
    /// optional ones (year, outcome, response, status) count only documents that have one.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    /// How `snippet`s are encoded.
    pub snippet_format: &'static str,
}

/// What an index is and who built it.
#[derive(Debug, Clone, Serialize)]
pub struct IndexInfo {
    pub path: PathBuf,
    pub generation: u64,
    pub documents: u64,
    pub stamp: Option<IndexStamp>,
}

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
}

/// Citing-work counts by (access rank, document id), valid for one searcher generation.
#[derive(Default)]
struct CitingWorksCache {
    generation: u64,
    counts: HashMap<(u64, String), usize>,
}

/// Entries kept before the cache starts over.
const CITING_WORKS_CACHE_MAX: usize = 100_000;

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
        })
    }

    /// Makes the latest commit visible now (otherwise it is picked up shortly after).
    pub fn reload(&self) -> Result<(), IndexError> {
        self.reader
            .reload()
            .map_err(IndexError::engine("reloading the index"))
    }

    pub fn info(&self) -> Result<IndexInfo, IndexError> {
        let metas = self
            .index
            .load_metas()
            .map_err(IndexError::engine("reading the index metadata"))?;
        let searcher = self.reader.searcher();
        let documents = searcher
            .search(&self.kind_query(KIND_DOCUMENT), &Count)
            .map_err(IndexError::engine("counting documents"))? as u64;
        Ok(IndexInfo {
            path: self.path.clone(),
            generation: metas.opstamp,
            documents,
            stamp: read_stamp(&self.index)?,
        })
    }

    pub(crate) fn kind_query(&self, kind: &str) -> TermQuery {
        TermQuery::new(
            Term::from_field_text(self.fields.kind, kind),
            IndexRecordOption::Basic,
        )
    }

    pub(crate) fn access_query(&self, access: Access) -> Box<dyn Query> {
        access_range(self.fields.access, access)
    }

    /// The whole document with its numbered paragraphs and their citations, if it exists
    /// and `access` may see it.
    pub fn document(&self, id: &str, access: Access) -> Result<Option<Document>, IndexError> {
        let searcher = self.reader.searcher();
        let Some((address, mut document)) = self.find_document(&searcher, id, access)? else {
            return Ok(None);
        };
        let _ = address;
        // Ids are unique per document (the writer refuses a second file with the same
        // id); the access clause keeps it so should a record ever disagree.
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(self.kind_query(KIND_PARAGRAPH))),
            (Occur::Must, self.access_query(access)),
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
            .map_err(IndexError::engine("listing paragraphs"))?;
        let mut paragraphs = Vec::with_capacity(addresses.len());
        for address in addresses {
            let stored: TantivyDocument = searcher
                .doc(address)
                .map_err(IndexError::engine("reading a paragraph"))?;
            let index = stored
                .get_first(self.fields.para_index)
                .and_then(|value| value.as_u64())
                .unwrap_or(0);
            paragraphs.push((index, self.decode_paragraph(&stored, id)?));
        }
        paragraphs.sort_by_key(|(index, _)| *index);
        document.paragraphs = paragraphs
            .into_iter()
            .map(|(_, paragraph)| paragraph)
            .collect();
        Ok(Some(document))
    }

    pub(crate) fn find_document(
        &self,
        searcher: &Searcher,
        id: &str,
        access: Access,
    ) -> Result<Option<(DocAddress, Document)>, IndexError> {
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(self.kind_query(KIND_DOCUMENT))),
            (Occur::Must, self.access_query(access)),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.doc_id, id),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let found = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(IndexError::engine("looking up a document"))?;
        match found.first() {
            Some((_, address)) => Ok(Some((*address, self.load_metadata(searcher, *address)?))),
            None => Ok(None),
        }
    }

    pub(crate) fn load_metadata(
        &self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> Result<Document, IndexError> {
        let stored: TantivyDocument = searcher
            .doc(address)
            .map_err(IndexError::engine("reading a document"))?;
        self.decode_metadata(&stored)
    }

    /// The [`Document`] (without paragraphs) stored in a document record.
    pub(crate) fn decode_metadata(&self, stored: &TantivyDocument) -> Result<Document, IndexError> {
        let json = stored
            .get_first(self.fields.metadata_json)
            .and_then(|value| value.as_str())
            .unwrap_or_default();
        serde_json::from_str(json).map_err(|error| IndexError::CorruptRecord {
            document_id: stored
                .get_first(self.fields.doc_id)
                .and_then(|value| value.as_str())
                .unwrap_or("?")
                .to_string(),
            message: error.to_string(),
        })
    }

    pub(crate) fn decode_paragraph(
        &self,
        stored: &TantivyDocument,
        document_id: &str,
    ) -> Result<Paragraph, IndexError> {
        let json = stored
            .get_first(self.fields.paragraph_json)
            .and_then(|value| value.as_str())
            .unwrap_or_default();
        serde_json::from_str(json).map_err(|error| IndexError::CorruptRecord {
            document_id: document_id.to_string(),
            message: error.to_string(),
        })
    }

    /// Runs a search. Malformed queries and filters give [`IndexError::Query`] with the
    /// position and reason.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse, IndexError> {
        crate::request_bounds::check_request_bounds(request)?;
        if request.limit > MAX_LIMIT {
            return Err(IndexError::InvalidRequest(format!(
                "limit {} is above the maximum {MAX_LIMIT}",
                request.limit
            )));
        }
        if request.offset > 10_000 {
            return Err(IndexError::InvalidRequest(
                "offset is above the maximum 10000".to_string(),
            ));
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

    fn search_parsed(
        &self,
        request: &SearchRequest,
        query_node: &QueryNode,
    ) -> Result<SearchResponse, IndexError> {
        let query_node = query_node.clone();
        let searcher = self.reader.searcher();
        let compiler = Compiler {
            fields: &self.fields,
            analyzers: &self.analyzers,
            searcher: &searcher,
            access: request.access,
            expand_languages: request.expand_languages,
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, compiler.compile(&query_node)?),
            (Occur::Must, Box::new(self.kind_query(KIND_DOCUMENT))),
            (Occur::Must, self.access_query(request.access)),
        ];
        if let Some(lang) = request.lang {
            clauses.push((
                Occur::Must,
                constant(compiler.filter_query(&Filter::Lang(lang))),
            ));
        }
        let mut filters_by_field: BTreeMap<&str, Vec<Box<dyn Query>>> = BTreeMap::new();
        for filter in &request.filters {
            let node = parse_filter(&filter.field, &filter.value)?;
            filters_by_field
                .entry(filter.field.as_str())
                .or_default()
                .push(compiler.compile(&node)?);
        }
        for (_, alternatives) in filters_by_field {
            let alternatives = alternatives
                .into_iter()
                .map(|query| (Occur::Should, query))
                .collect();
            clauses.push((
                Occur::Must,
                constant(Box::new(BooleanQuery::new(alternatives))),
            ));
        }
        // Everything but the text: what a known item must satisfy (`GC 36` names the
        // comment without its words being in it).
        let constraints = BooleanQuery::new(
            clauses[1..]
                .iter()
                .map(|(occur, query)| (*occur, query.box_clone()))
                .collect(),
        );
        let document_query = BooleanQuery::new(clauses);

        let facet_fields = || FacetCollector {
            string_fields: vec![
                "system",
                "mechanism",
                "doc_type",
                "state_display",
                "lang",
                "outcome",
                "theme_display",
                "response",
                "status",
            ],
            year_field: "year",
        };
        let facet_collector = request.facets.then(facet_fields);
        let paragraph_query = compiler.paragraph_query(&query_node);
        let priors = StaticPriors {
            recommendations_asked: asks_for_recommendations(request, &query_node),
        };
        let named = match request.sort {
            SortOrder::Relevance => named_items(&query_node),
            SortOrder::Date => NamedItems::default(),
        };
        let (ranked, total, mut facets): (Vec<(f32, DocAddress)>, usize, Option<FacetFruit>) =
            match request.sort {
                SortOrder::Relevance => {
                    // Enough for the page after works collapse, and at least the
                    // re-rank window.
                    let wanted = request.offset + request.limit;
                    let window = (wanted * 2).max(wanted + RERANK_WINDOW);
                    let retrieval = TopDocs::with_limit(window).tweak_score(
                        move |segment: &tantivy::SegmentReader| {
                            let segment_priors = priors.segment(segment);
                            move |doc: tantivy::DocId, score: tantivy::Score| {
                                score * segment_priors.prior(doc)
                            }
                        },
                    );
                    let (top, total, facets) = searcher
                        .search(&document_query, &(retrieval, Count, facet_collector))
                        .map_err(IndexError::engine("searching documents"))?;
                    (top, total, facets)
                }
                SortOrder::Date => {
                    let limit = request.limit.max(1);
                    let (top, total, facets) = searcher
                        .search(
                            &document_query,
                            &(
                                TopDocs::with_limit(limit)
                                    .and_offset(request.offset)
                                    .order_by_fast_field::<i64>("date_sort", Order::Desc),
                                Count,
                                facet_collector,
                            ),
                        )
                        .map_err(IndexError::engine("searching documents"))?;
                    (
                        top.into_iter().map(|(_, address)| (0.0, address)).collect(),
                        total,
                        facets,
                    )
                }
            };

        // Known items join the candidates (first) even when retrieval ranked them low.
        let known: HashSet<DocAddress> = if named.is_empty() {
            HashSet::new()
        } else {
            self.known_items(&searcher, &constraints, &named)?
        };
        let mut ranked: Vec<(f32, DocAddress)> = ranked;
        let retrieved: HashSet<DocAddress> = ranked.iter().map(|(_, address)| *address).collect();
        let searcher_priors = priors.for_searcher(&searcher);
        for address in &known {
            if !retrieved.contains(address) {
                ranked.insert(0, (0.0, *address));
            }
        }
        // The candidates' values come from the fast columns; their stored records (a
        // block decompression and a JSON decode) are read only for the hits of the page.
        let mut columns = CandidateColumns::default();
        let mut candidates: Vec<Candidate> = Vec::with_capacity(ranked.len());
        for (retrieval_rank, (score, address)) in ranked.into_iter().enumerate() {
            let CandidateValues {
                id,
                work_id,
                symbol_key,
                has_text,
            } = columns.read(&searcher, address)?;
            let is_known = known.contains(&address);
            candidates.push(Candidate {
                score,
                inherited: 0.0,
                address,
                id,
                work_id,
                symbol_key,
                has_text,
                prior: searcher_priors.of(address),
                reranked: is_known || retrieval_rank < RERANK_WINDOW,
                known: is_known,
                retrieval_rank,
            });
        }
        let collapsed = collapse_twins(&mut candidates, |address| {
            lang_at(&searcher, address).unwrap_or_default()
        });
        let total_exact = total <= retrieved.len();
        let total = total.saturating_sub(collapsed.len());
        if let Some(fruit) = facets.as_mut() {
            facet_fields()
                .subtract(&searcher, &collapsed, fruit)
                .map_err(IndexError::engine("counting facets"))?;
        }
        // Distinct candidate ids; `slots[i]` is the position of candidate i's id.
        let mut ids: Vec<&str> = Vec::with_capacity(candidates.len());
        let mut slot_of_id: HashMap<&str, usize> = HashMap::with_capacity(candidates.len());
        let slots: Vec<usize> = candidates
            .iter()
            .map(|candidate| {
                *slot_of_id.entry(candidate.id.as_str()).or_insert_with(|| {
                    ids.push(candidate.id.as_str());
                    ids.len() - 1
                })
            })
            .collect();
        let best_paragraphs: BestParagraphs = match &paragraph_query {
            Some(paragraph_query) if !candidates.is_empty() => {
                let records = Arc::new(
                    CandidateRecords::find(&searcher, self.fields.doc_id, &ids)
                        .map_err(IndexError::engine("finding the candidates' paragraphs"))?,
                );
                let query = BooleanQuery::new(vec![
                    (Occur::Must, paragraph_query.box_clone()),
                    (
                        Occur::Must,
                        constant(Box::new(self.kind_query(KIND_PARAGRAPH))),
                    ),
                    (Occur::Must, constant(self.access_query(request.access))),
                    (
                        Occur::Must,
                        Box::new(CandidateRecordsQuery(Arc::clone(&records))),
                    ),
                ]);
                searcher
                    .search(
                        &query,
                        &BestParagraphsCollector {
                            candidates: records,
                            slots: ids.len(),
                            per_document: PARAGRAPHS_PER_HIT,
                        },
                    )
                    .map_err(IndexError::engine("searching paragraphs"))?
            }
            _ => Vec::new(),
        };
        let no_paragraphs: &[(f32, DocAddress)] = &[];
        let best_of = |slot: usize| -> &[(f32, DocAddress)] {
            best_paragraphs
                .get(slot)
                .map_or(no_paragraphs, Vec::as_slice)
        };
        let known_ids: HashMap<DocAddress, String> = candidates
            .iter()
            .map(|candidate| (candidate.address, candidate.id.clone()))
            .collect();
        let mut scored: Vec<(f32, Candidate, usize)> = candidates
            .into_iter()
            .zip(slots)
            .map(|(candidate, slot)| {
                let paragraph_scores = best_of(slot).iter().map(|(score, _)| *score);
                (rerank_score(&candidate, paragraph_scores), candidate, slot)
            })
            .collect();
        let mut collapsed_works = 0;
        if request.sort == SortOrder::Relevance {
            scored.sort_by(|a, b| relevance_order((a.0, &a.1), (b.0, &b.1)));
            let preferred = request
                .prefer_lang
                .or_else(|| language_of_script(&request.query));
            let dropped = one_hit_per_work(&mut scored, preferred, |address| {
                lang_at(&searcher, address).as_deref().and_then(Lang::parse)
            });
            collapsed_works = dropped.len();
            self.apply_citation_prior(&searcher, &mut scored, request.access)?;
            if let Some(fruit) = facets.as_mut() {
                facet_fields()
                    .subtract(&searcher, &dropped, fruit)
                    .map_err(IndexError::engine("counting facets"))?;
            }
            scored = scored
                .into_iter()
                .skip(request.offset)
                .take(request.limit)
                .collect();
        }
        let mut page: Vec<(f32, Document, usize)> = Vec::with_capacity(scored.len());
        for (score, candidate, slot) in scored {
            let stored: TantivyDocument = searcher
                .doc(candidate.address)
                .map_err(IndexError::engine("reading a document"))?;
            page.push((score, self.decode_metadata(&stored)?, slot));
        }

        let mut works: Vec<&str> = page
            .iter()
            .map(|(_, document, _)| document.work_id.as_str())
            .collect();
        works.sort_unstable();
        works.dedup();
        let translations =
            self.translations_of_works(&searcher, &works, request.access, &known_ids)?;
        let mut highlighter = Highlighter::new(
            &self.analyzers,
            &compiler.with_other_form_phrases(&query_node),
        );
        let mut hits = Vec::with_capacity(page.len());
        for (score, document, slot) in page {
            let mut paragraphs = Vec::new();
            for (_, address) in best_of(slot) {
                let stored: TantivyDocument = searcher
                    .doc(*address)
                    .map_err(IndexError::engine("reading a paragraph"))?;
                let index = stored
                    .get_first(self.fields.para_index)
                    .and_then(|value| value.as_u64())
                    .unwrap_or(0) as usize;
                let paragraph = self.decode_paragraph(&stored, &document.id)?;
                let analyzer = analyzer_for(paragraph.lang.unwrap_or(document.lang));
                paragraphs.push(ParagraphHit {
                    n: paragraph.n.clone(),
                    index,
                    page: paragraph.page,
                    snippet: highlighter.snippet(&paragraph, analyzer),
                });
            }
            let own_translations = translations
                .get(document.work_id.as_str())
                .map(|versions| {
                    versions
                        .iter()
                        .filter(|version| version.id != document.id)
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            hits.push(SearchHit {
                system: document.system().code().to_string(),
                mechanism: document.mechanism.code().to_string(),
                doc_type: document.doc_type.code().to_string(),
                source: SourceRef {
                    path: document.source.path.clone(),
                    record: document.source.record.clone(),
                },
                id: document.id,
                work_id: document.work_id,
                title: document.title,
                lang: document.lang,
                symbol: document.symbol,
                date: document.date,
                states: document.states,
                score,
                paragraphs,
                translations: own_translations,
            });
        }

        Ok(SearchResponse {
            total: total.saturating_sub(collapsed_works) as u64,
            total_exact,
            relaxed: false,
            offset: request.offset,
            limit: request.limit,
            hits,
            facets: facets.map(render_facets).unwrap_or_default(),
            snippet_format: SNIPPET_FORMAT,
        })
    }

    /// The language versions of `works` (distinct work ids) that `access` may see, by
    /// work id, sorted by language then id. Read from the postings of the work ids and
    /// the `kind`, `access` and `lang` fast fields (whose dictionaries are a few values);
    /// a version's id from `known` (the re-ranked candidates) or else its stored record.
    fn translations_of_works(
        &self,
        searcher: &Searcher,
        works: &[&str],
        access: Access,
        known: &HashMap<DocAddress, String>,
    ) -> Result<HashMap<String, Vec<Translation>>, IndexError> {
        const CONTEXT: &str = "listing translations";
        let mut by_work: HashMap<String, Vec<Translation>> = HashMap::new();
        if works.is_empty() {
            return Ok(by_work);
        }
        let highest_access = access_rank(access);
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            let fast_fields = segment.fast_fields();
            let kinds = fast_fields
                .str("kind")
                .map_err(IndexError::engine(CONTEXT))?;
            let document_kind = match &kinds {
                Some(kinds) => kinds
                    .dictionary()
                    .term_ord(KIND_DOCUMENT)
                    .map_err(io_engine(CONTEXT))?,
                None => None,
            };
            let (Some(kinds), Some(document_kind)) = (kinds, document_kind) else {
                continue; // no document record in this segment
            };
            let access_column = fast_fields
                .column_opt::<u64>("access")
                .map_err(IndexError::engine(CONTEXT))?;
            let langs = fast_fields
                .str("lang")
                .map_err(IndexError::engine(CONTEXT))?;
            let mut lang_of_ord: HashMap<u64, Option<Lang>> = HashMap::new();
            let inverted_index = segment
                .inverted_index(self.fields.work_id)
                .map_err(IndexError::engine(CONTEXT))?;
            for work in works {
                let term = Term::from_field_text(self.fields.work_id, work);
                let Some(mut postings) = inverted_index
                    .read_postings(&term, IndexRecordOption::Basic)
                    .map_err(io_engine(CONTEXT))?
                else {
                    continue;
                };
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    let visible = !segment.is_deleted(doc)
                        && kinds.term_ords(doc).any(|ord| ord == document_kind)
                        && access_column
                            .as_ref()
                            .and_then(|column| column.first(doc))
                            .is_some_and(|rank| rank <= highest_access);
                    if visible {
                        let address = DocAddress::new(segment_ord as u32, doc);
                        let lang = match langs.as_ref().and_then(|l| l.term_ords(doc).next()) {
                            Some(ord) => *lang_of_ord.entry(ord).or_insert_with(|| {
                                let mut code = String::new();
                                let langs = langs.as_ref().expect("lang column");
                                match langs.ord_to_str(ord, &mut code) {
                                    Ok(true) => Lang::parse(&code),
                                    _ => None,
                                }
                            }),
                            None => None,
                        };
                        let translation = match (lang, known.get(&address)) {
                            (Some(lang), Some(id)) => Translation {
                                lang,
                                id: id.clone(),
                            },
                            (Some(lang), None) => Translation {
                                lang,
                                id: self.stored_id(searcher, address)?,
                            },
                            // Not expected: the language code did not parse.
                            (None, _) => {
                                let version = self.load_metadata(searcher, address)?;
                                Translation {
                                    lang: version.lang,
                                    id: version.id,
                                }
                            }
                        };
                        by_work
                            .entry((*work).to_string())
                            .or_default()
                            .push(translation);
                    }
                    doc = postings.advance();
                }
            }
        }
        for versions in by_work.values_mut() {
            versions.sort_by(|a, b| a.lang.cmp(&b.lang).then_with(|| a.id.cmp(&b.id)));
        }
        Ok(by_work)
    }

    /// The documents satisfying `constraints` (kind, access, filters) that bear an item
    /// the query names (`crate::known_items`).
    fn known_items(
        &self,
        searcher: &Searcher,
        constraints: &BooleanQuery,
        named: &NamedItems,
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
        let found = searcher
            .search(
                &query,
                &TopDocs::with_limit(KNOWN_ITEMS_MAX).order_by_score(),
            )
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

    /// Multiplies the score of the first [`CITATION_PRIOR_WINDOW`] re-ranked hits by
    /// their citation prior (`crate::ranking::citation_prior`: how many works the caller
    /// may see cite them) and re-sorts them; the rest of the order is unchanged, so it
    /// stays independent of the page. Counts are cached per index generation.
    fn apply_citation_prior(
        &self,
        searcher: &Searcher,
        scored: &mut [(f32, Candidate, usize)],
        access: Access,
    ) -> Result<(), IndexError> {
        let window = scored
            .iter()
            .take(CITATION_PRIOR_WINDOW)
            .take_while(|(_, candidate, _)| candidate.reranked)
            .count();
        if window < 2 {
            return Ok(());
        }
        let generation = searcher.generation().generation_id();
        let rank = access_rank(access);
        let missing: Vec<&str> = {
            let mut cache = self
                .citing_works
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if cache.generation != generation || cache.counts.len() > CITING_WORKS_CACHE_MAX {
                cache.generation = generation;
                cache.counts.clear();
            }
            scored[..window]
                .iter()
                .map(|(_, candidate, _)| candidate.id.as_str())
                .filter(|id| !cache.counts.contains_key(&(rank, id.to_string())))
                .collect()
        };
        let counted = self.cited_by_work_counts(&missing, access)?;
        let mut cache = self
            .citing_works
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for (id, count) in missing.iter().zip(counted) {
            cache.counts.insert((rank, id.to_string()), count);
        }
        for (score, candidate, _) in scored[..window].iter_mut() {
            let count = cache
                .counts
                .get(&(rank, candidate.id.clone()))
                .copied()
                .unwrap_or(0);
            *score *= citation_prior(count);
        }
        scored[..window].sort_by(|a, b| relevance_order((a.0, &a.1), (b.0, &b.1)));
        Ok(())
    }

    /// A record's `doc_id`, from the doc store.
    fn stored_id(&self, searcher: &Searcher, address: DocAddress) -> Result<String, IndexError> {
        let stored: TantivyDocument = searcher
            .doc(address)
            .map_err(IndexError::engine("reading a document"))?;
        Ok(stored
            .get_first(self.fields.doc_id)
            .and_then(|value| value.as_str())
            .unwrap_or_default()
            .to_string())
    }
}

/// A document of the re-rank window, before its metadata is decoded.
struct Candidate {
    score: f32,
    /// The score of a metadata-only record collapsed into this full text (0 if none):
    /// the decision keeps the rank its record earned (the user typed the case name).
    inherited: f32,
    address: DocAddress,
    id: String,
    work_id: String,
    /// [`StaticPriors`] of the document.
    prior: f32,
    /// Among the first [`RERANK_WINDOW`] of retrieval, or a known item: ordered by
    /// [`rerank_score`]; the others keep their retrieval order after them.
    reranked: bool,
    /// Bears an identifier the query names.
    known: bool,
    retrieval_rank: usize,
    /// The normalized UN symbol (`symbol_key`).
    symbol_key: Option<String>,
    /// Not metadata-only (`has_text`).
    has_text: bool,
}

/// One decision, two documents (`crate::graph`): drops from `candidates` each
/// metadata-only record whose full-text twin (same normalized symbol) is also a
/// candidate, the twin inheriting the record's score when it is higher; returns the
/// dropped records' addresses. A record whose twin does not match stays: it is how the
/// index knows a decision it has no text for. Of several full-text twins (language
/// versions), the one in the record's language inherits, else the first (best by
/// document score); `lang_of` is asked only then.
fn collapse_twins(
    candidates: &mut Vec<Candidate>,
    mut lang_of: impl FnMut(DocAddress) -> String,
) -> Vec<DocAddress> {
    let mut twins_of_symbol: HashMap<&str, Vec<usize>> = HashMap::new();
    for (position, candidate) in candidates.iter().enumerate() {
        if let (true, Some(symbol)) = (candidate.has_text, &candidate.symbol_key) {
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
            .symbol_key
            .as_deref()
            .and_then(|symbol| twins_of_symbol.get(symbol))
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
fn lang_at(searcher: &Searcher, address: DocAddress) -> Option<String> {
    let fast_fields = searcher.segment_reader(address.segment_ord).fast_fields();
    let langs = fast_fields.str("lang").ok()??;
    first_str(&langs, address.doc_id).ok()?
}

/// Like [`IndexError::engine`], for the I/O errors of term dictionaries.
fn io_engine(context: &'static str) -> impl FnOnce(std::io::Error) -> IndexError {
    move |error| IndexError::engine(context)(tantivy::TantivyError::from(error))
}

fn render_facets(fruit: FacetFruit) -> BTreeMap<String, Vec<FacetCount>> {
    let mut facets = BTreeMap::new();
    for (field, values) in fruit {
        let name = match field {
            "state_display" => "state",
            "theme_display" => "theme",
            other => other,
        };
        let mut counts: Vec<FacetCount> = values
            .into_iter()
            .map(|(value, count)| FacetCount { value, count })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        facets.insert(name.to_string(), counts);
    }
    for name in FACET_FIELDS {
        facets.entry(name.to_string()).or_insert_with(Vec::new);
    }
    facets
}

/// Matches without contributing to the score.
/// The score of a re-ranked candidate (see [`crate::ranking`]): its prior times its
/// document BM25 plus its role-weighted paragraphs, the best first, damped. Others keep
/// their retrieval score.
fn rerank_score(candidate: &Candidate, paragraph_scores: impl Iterator<Item = f32>) -> f32 {
    let retrieval = candidate.score.max(candidate.inherited);
    if !candidate.reranked {
        return retrieval;
    }
    let mut evidence = 0.0;
    let mut factor = 1.0;
    for score in paragraph_scores {
        evidence += factor * score;
        factor *= PARAGRAPH_DAMPING;
    }
    // `score` is BM25 × prior already.
    retrieval + candidate.prior * evidence
}

/// Relevance order: known items (the authorities first: of a case's judgment and its
/// orders, the judgment, by static prior), then the re-ranked window by score, then the
/// rest in retrieval order; ties by id. A total order that does not depend on the page.
fn relevance_order(a: (f32, &Candidate), b: (f32, &Candidate)) -> std::cmp::Ordering {
    let group = |candidate: &Candidate| match (candidate.known, candidate.reranked) {
        (true, _) => 0,
        (false, true) => 1,
        (false, false) => 2,
    };
    group(a.1)
        .cmp(&group(b.1))
        .then_with(|| match group(a.1) {
            0 => {
                b.1.prior
                    .total_cmp(&a.1.prior)
                    .then_with(|| b.0.total_cmp(&a.0))
            }
            1 => b.0.total_cmp(&a.0),
            _ => a.1.retrieval_rank.cmp(&b.1.retrieval_rank),
        })
        .then_with(|| a.1.id.cmp(&b.1.id))
}

/// Keeps one hit per work in `scored` (sorted): the best-placed version, or the best
/// version in `prefer_lang` when there is one, at the place of the best. Returns the
/// addresses of the versions dropped.
fn one_hit_per_work(
    scored: &mut Vec<(f32, Candidate, usize)>,
    prefer_lang: Option<Lang>,
    mut lang_of: impl FnMut(DocAddress) -> Option<Lang>,
) -> Vec<DocAddress> {
    let mut first_of_work: HashMap<String, usize> = HashMap::new();
    let mut keep = vec![true; scored.len()];
    let mut swaps: Vec<(usize, usize)> = Vec::new();
    for position in 0..scored.len() {
        let work = scored[position].1.work_id.clone();
        if work.is_empty() {
            continue;
        }
        match first_of_work.get(&work) {
            None => {
                first_of_work.insert(work, position);
            }
            Some(&first) => {
                keep[position] = false;
                if let Some(lang) = prefer_lang {
                    let shown = swaps
                        .iter()
                        .find(|(at, _)| *at == first)
                        .map_or(first, |(_, with)| *with);
                    if lang_of(scored[shown].1.address) != Some(lang)
                        && lang_of(scored[position].1.address) == Some(lang)
                    {
                        swaps.retain(|(at, _)| *at != first);
                        swaps.push((first, position));
                    }
                }
            }
        }
    }
    for (at, with) in swaps {
        // The preferred version takes the place (and score) of the best one.
        let score = scored[at].0;
        scored.swap(at, with);
        scored[at].0 = score;
    }
    let mut dropped = Vec::new();
    let mut keep_iter = keep.into_iter();
    scored.retain(|(_, candidate, _)| {
        let kept = keep_iter.next().unwrap_or(true);
        if !kept {
            dropped.push(candidate.address);
        }
        kept
    });
    dropped
}

/// For a query of three or more plain words and phrases (nothing else), the query that
/// asks for any of them, so that the documents with the most (and rarest) of them come
/// first: what a lawyer's long first query means when no document has every word.
fn most_of_the_words(node: &QueryNode) -> Option<QueryNode> {
    let QueryNode::And(children) = node else {
        return None;
    };
    let plain = children
        .iter()
        .all(|child| matches!(child, QueryNode::Word(_) | QueryNode::Phrase(_)));
    if !plain || children.len() < 3 {
        return None;
    }
    Some(QueryNode::Or(children.clone()))
}

/// The language a query's letters say it is in, when their script says it: Arabic,
/// Cyrillic (Russian) or Han (Chinese). A Latin-script query says nothing.
fn language_of_script(query: &str) -> Option<Lang> {
    let mut found: Option<Lang> = None;
    for character in query.chars().filter(|c| c.is_alphabetic()) {
        let lang = match character as u32 {
            0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Lang::Ar,
            0x0400..=0x04FF => Lang::Ru,
            _ if has_cjk(character.encode_utf8(&mut [0; 4])) => Lang::Zh,
            // Field names and operators (`state:`, `AND`) do not make a language.
            _ if character.is_ascii() => continue,
            _ => return None,
        };
        match found {
            Some(seen) if seen != lang => return None,
            _ => found = Some(lang),
        }
    }
    found
}

/// The query or a filter asks for recommendations (so they are not fragments): a
/// `type:recommendation`, `response:` or `status:` filter, or the word in the query.
fn asks_for_recommendations(request: &SearchRequest, node: &QueryNode) -> bool {
    let filtered = request.filters.iter().any(|filter| {
        matches!(filter.field.as_str(), "response" | "status")
            || (filter.field == "type" && filter.value.to_lowercase().starts_with("recommendation"))
            || (filter.field == "mechanism" && filter.value.eq_ignore_ascii_case("upr"))
    });
    let mut asked = filtered;
    fn walk(node: &QueryNode, asked: &mut bool) {
        match node {
            QueryNode::Filter(Filter::DocType(hrlex_model::DocType::Recommendation))
            | QueryNode::Filter(Filter::Response(_))
            | QueryNode::Filter(Filter::Status(_))
            | QueryNode::Filter(Filter::Mechanism(hrlex_model::Mechanism::Upr)) => *asked = true,
            QueryNode::Word(word) | QueryNode::Phrase(word) | QueryNode::Prefix(word) => {
                let lowered = word.to_lowercase();
                const MARKERS: &[&str] =
                    &["recommend", "recomend", "рекоменд", "توصي", "建议", "upr"];
                if MARKERS.iter().any(|marker| lowered.contains(marker)) {
                    *asked = true;
                }
            }
            QueryNode::And(children) | QueryNode::Or(children) => {
                for child in children {
                    walk(child, asked);
                }
            }
            _ => {}
        }
    }
    walk(node, &mut asked);
    asked
}

/// Records (documents and paragraphs) that `access` may see.
fn access_range(field: Field, access: Access) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_u64(field, 0)),
        Bound::Included(Term::from_field_u64(field, access_rank(access))),
    ))
}

fn constant(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

fn citation_key_candidates(value: &str) -> Vec<String> {
    let mut candidates = vec![value.to_string()];
    let has_family = value.split_once(':').is_some_and(|(family, _)| {
        family.chars().all(|c| c.is_ascii_lowercase()) && !family.is_empty()
    });
    if !has_family {
        candidates.push(format!("un:{value}"));
    }
    candidates
}

/// Turns the query tree into engine queries.
struct Compiler<'a> {
    fields: &'a Fields,
    analyzers: &'a Analyzers,
    searcher: &'a Searcher,
    access: Access,
    /// See [`SearchRequest::expand_languages`].
    expand_languages: bool,
}

impl Compiler<'_> {
    fn access_clause(&self) -> Box<dyn Query> {
        access_range(self.fields.access, self.access)
    }

    fn compile(&self, node: &QueryNode) -> Result<Box<dyn Query>, IndexError> {
        Ok(match node {
            QueryNode::Word(text) | QueryNode::Phrase(text) => {
                self.with_other_forms(text, self.text_query(text, false))
            }
            QueryNode::Prefix(text) => self.per_language(|field, analyzer| {
                let prefix = self
                    .analyzers
                    .analyze(analyzer, text)
                    .pop()
                    .map_or_else(|| text.to_lowercase(), |token| token.term);
                Some(Box::new(FuzzyTermQuery::new_prefix(
                    Term::from_field_text(field, &prefix),
                    0,
                    false,
                )) as Box<dyn Query>)
            }),
            QueryNode::Fuzzy(text, distance) => self.per_language(|field, analyzer| {
                let token = self.analyzers.analyze(analyzer, text).pop()?;
                Some(Box::new(FuzzyTermQuery::new(
                    Term::from_field_text(field, &token.term),
                    *distance,
                    true,
                )) as Box<dyn Query>)
            }),
            QueryNode::Identifier(value) => self.identifier_query(value),
            QueryNode::Cites(key) => any_term_query(
                citation_key_candidates(key)
                    .iter()
                    .map(|key| Term::from_field_text(self.fields.cites, key)),
            ),
            QueryNode::CitedBy(id) => self.cited_by_query(id)?,
            QueryNode::Filter(filter) => constant(self.filter_query(filter)),
            QueryNode::And(children) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for segment in self.segments(children) {
                    let child = match segment {
                        Segment::Child(child) => child,
                        Segment::Concept { words, text } => {
                            let mut typed: Vec<(Occur, Box<dyn Query>)> = words
                                .iter()
                                .map(|word| (Occur::Must, self.text_query(word, true)))
                                .collect();
                            let original = match typed.len() {
                                1 => typed.remove(0).1,
                                _ => Box::new(BooleanQuery::new(typed)),
                            };
                            clauses.push((Occur::Must, self.with_other_forms(&text, original)));
                            continue;
                        }
                    };
                    match child {
                        QueryNode::Not(inner) => {
                            clauses.push((Occur::MustNot, self.compile(inner)?))
                        }
                        QueryNode::Word(text) | QueryNode::Phrase(text) => {
                            clauses.push((Occur::Must, self.text_query(text, true)))
                        }
                        other => clauses.push((Occur::Must, self.compile(other)?)),
                    }
                }
                if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    clauses.push((Occur::Must, constant(Box::new(AllQuery))));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            QueryNode::Or(children) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for child in children {
                    clauses.push((Occur::Should, self.compile(child)?));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            QueryNode::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, constant(Box::new(AllQuery))),
                (Occur::MustNot, self.compile(inner)?),
            ])),
        })
    }

    /// One clause per language field (each analyzed with its own analyzer), ORed.
    fn per_language<F>(&self, mut clause: F) -> Box<dyn Query>
    where
        F: FnMut(Field, &'static str) -> Option<Box<dyn Query>>,
    {
        let clauses: Vec<(Occur, Box<dyn Query>)> = (0..LANGUAGE_FIELDS.len())
            .filter_map(|slot| clause(self.fields.text[slot], slot_analyzer(slot)))
            .map(|query| (Occur::Should, query))
            .collect();
        if clauses.is_empty() {
            return Box::new(EmptyQuery);
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn tokens_query(field: Field, tokens: &[AnalyzedToken]) -> Option<Box<dyn Query>> {
        Self::tokens_query_within(field, tokens, 0)
    }

    /// One token: its term; several: the phrase, with up to `slop` other words between
    /// its words.
    fn tokens_query_within(
        field: Field,
        tokens: &[AnalyzedToken],
        slop: u32,
    ) -> Option<Box<dyn Query>> {
        match tokens {
            [] => None,
            [token] => Some(Box::new(TermQuery::new(
                Term::from_field_text(field, &token.term),
                IndexRecordOption::WithFreqs,
            ))),
            _ => {
                let first = tokens[0].position;
                let mut phrase = PhraseQuery::new_with_offset(
                    tokens
                        .iter()
                        .map(|token| {
                            (
                                token.position.saturating_sub(first),
                                Term::from_field_text(field, &token.term),
                            )
                        })
                        .collect(),
                );
                phrase.set_slop(slop);
                Some(Box::new(phrase))
            }
        }
    }

    /// A word or phrase across the language fields (and the CJK bigram field for CJK
    /// text); a word that analyzes to several tokens is a phrase. With
    /// `stop_words_match_language`, where a language's analyzer drops the whole text (a
    /// stop word of that language), documents of that language need not contain it, so
    /// that `the torture` still finds English documents; a query made only of a stop
    /// word finds nothing in that language rather than everything.
    fn text_query(&self, text: &str, stop_words_match_language: bool) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (slot, (lang, _)) in LANGUAGE_FIELDS.iter().enumerate() {
            let tokens = self.analyzers.analyze(slot_analyzer(slot), text);
            match Self::tokens_query(self.fields.text[slot], &tokens) {
                Some(query) => clauses.push((Occur::Should, query)),
                None if !stop_words_match_language => {}
                None => {
                    let mut langs = vec![*lang];
                    if *lang == Lang::Und {
                        langs.push(Lang::Other);
                    }
                    for lang in langs {
                        clauses.push((
                            Occur::Should,
                            constant(Box::new(TermQuery::new(
                                Term::from_field_text(self.fields.lang, lang.code()),
                                IndexRecordOption::Basic,
                            ))),
                        ));
                    }
                }
            }
        }
        if has_cjk(text) {
            let tokens = self.analyzers.analyze(ANALYZER_CJK_BIGRAM, text);
            if let Some(query) = Self::tokens_query(self.fields.text_cjk, &tokens) {
                clauses.push((Occur::Should, query));
            }
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn identifier_query(&self, value: &str) -> Box<dyn Query> {
        let tokens = self.analyzers.analyze(ANALYZER_IDENTIFIER, value);
        Self::tokens_query(self.fields.identifier, &tokens).unwrap_or_else(|| Box::new(EmptyQuery))
    }

    fn filter_query(&self, filter: &Filter) -> Box<dyn Query> {
        let term = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        match filter {
            Filter::System(system) => term(self.fields.system, system.code()),
            Filter::Mechanism(mechanism) => term(self.fields.mechanism, mechanism.code()),
            Filter::DocType(doc_type) => term(self.fields.doc_type, doc_type.code()),
            Filter::Lang(lang) => term(self.fields.lang, lang.code()),
            Filter::State(state) => term(self.fields.state, state),
            Filter::Theme(theme) => term(self.fields.theme, theme),
            Filter::Outcome(outcome) => term(self.fields.outcome, outcome),
            Filter::Response(response) => term(self.fields.response, response.code()),
            Filter::Status(status) => term(self.fields.status, status.code()),
            Filter::Year(low, high) => {
                let bound = |year: &Option<i64>| match year {
                    Some(year) => Bound::Included(Term::from_field_i64(self.fields.year, *year)),
                    None => Bound::Unbounded,
                };
                Box::new(RangeQuery::new(bound(low), bound(high)))
            }
        }
    }

    /// Documents cited by the document `id` (a document id or one of its identifiers):
    /// the keys its paragraphs cite, matched against other documents' identifiers.
    fn cited_by_query(&self, id: &str) -> Result<Box<dyn Query>, IndexError> {
        let fields = self.fields;
        let mut lookups: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Should,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.doc_id, id),
                IndexRecordOption::Basic,
            )),
        )];
        for key in citation_key_candidates(id) {
            lookups.push((
                Occur::Should,
                Box::new(TermQuery::new(
                    Term::from_field_text(fields.identifier_key, &key),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        // Paragraph records carry the citations and the document id, so look the
        // document up first (within the caller's access), then its paragraphs.
        let document_query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(fields.kind, KIND_DOCUMENT),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>,
            ),
            (Occur::Must, self.access_clause()),
            (Occur::Must, Box::new(BooleanQuery::new(lookups))),
        ]);
        let documents = self
            .searcher
            .search(&document_query, &DocSetCollector)
            .map_err(IndexError::engine("resolving cited_by"))?;
        let mut citing_ids: Vec<String> = Vec::new();
        for address in documents {
            let stored: TantivyDocument = self
                .searcher
                .doc(address)
                .map_err(IndexError::engine("reading a document"))?;
            if let Some(doc_id) = stored
                .get_first(fields.doc_id)
                .and_then(|value| value.as_str())
            {
                citing_ids.push(doc_id.to_string());
            }
        }
        if citing_ids.is_empty() {
            return Ok(Box::new(EmptyQuery));
        }
        let paragraphs_query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(fields.kind, KIND_PARAGRAPH),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>,
            ),
            (Occur::Must, self.access_clause()),
            (
                Occur::Must,
                any_term_query(
                    citing_ids
                        .iter()
                        .map(|doc_id| Term::from_field_text(fields.doc_id, doc_id)),
                ),
            ),
        ]);
        let paragraphs = self
            .searcher
            .search(&paragraphs_query, &DocSetCollector)
            .map_err(IndexError::engine("resolving cited_by"))?;
        let mut cited_keys: HashSet<String> = HashSet::new();
        for address in paragraphs {
            let stored: TantivyDocument = self
                .searcher
                .doc(address)
                .map_err(IndexError::engine("reading a paragraph"))?;
            let json = stored
                .get_first(fields.paragraph_json)
                .and_then(|value| value.as_str())
                .unwrap_or_default();
            if let Ok(paragraph) = serde_json::from_str::<Paragraph>(json) {
                cited_keys.extend(
                    paragraph
                        .citations
                        .into_iter()
                        .map(|citation| citation.key.as_str().to_string()),
                );
            }
        }
        if cited_keys.is_empty() {
            return Ok(Box::new(EmptyQuery));
        }
        let targets = any_term_query(
            cited_keys
                .iter()
                .map(|key| Term::from_field_text(fields.identifier_key, key)),
        );
        // Self-citations are not edges.
        let not_self = citing_ids.iter().map(|doc_id| {
            (
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_text(fields.doc_id, doc_id),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>,
            )
        });
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, constant(targets))];
        clauses.extend(not_self);
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// What paragraphs are scored by: the positive text, identifier and citation leaves
    /// of the query, ORed (a paragraph need not satisfy the whole Boolean query, which is
    /// a document-level condition). `None` when the query has no such leaf.
    fn paragraph_query(&self, node: &QueryNode) -> Option<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for leaf in node.positive_leaves() {
            let query = match leaf {
                QueryNode::Word(text) | QueryNode::Phrase(text) => {
                    // Without the stop-word allowance of `text_query`.
                    let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                    for slot in 0..LANGUAGE_FIELDS.len() {
                        let tokens = self.analyzers.analyze(slot_analyzer(slot), text);
                        if let Some(query) = Self::tokens_query(self.fields.text[slot], &tokens) {
                            alternatives.push((Occur::Should, query));
                        }
                    }
                    if has_cjk(text) {
                        let tokens = self.analyzers.analyze(ANALYZER_CJK_BIGRAM, text);
                        if let Some(query) = Self::tokens_query(self.fields.text_cjk, &tokens) {
                            alternatives.push((Occur::Should, query));
                        }
                    }
                    if alternatives.is_empty() {
                        continue;
                    }
                    Box::new(BooleanQuery::new(alternatives)) as Box<dyn Query>
                }
                QueryNode::Prefix(_) | QueryNode::Fuzzy(_, _) | QueryNode::Identifier(_) => {
                    match self.compile(leaf) {
                        Ok(query) => query,
                        Err(_) => continue,
                    }
                }
                QueryNode::Cites(key) => any_term_query(
                    citation_key_candidates(key)
                        .iter()
                        .map(|key| Term::from_field_text(self.fields.cites, key)),
                ),
                _ => continue,
            };
            clauses.push((Occur::Should, query));
        }
        for text in self.concept_texts(node) {
            if let Some(query) = self.other_forms_query(&text) {
                clauses.push((Occur::Should, query));
            }
        }
        if clauses.is_empty() {
            return None;
        }
        clauses.extend(self.proximity_clauses(node));
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// For two or more plain words, one clause per language: the words within
    /// [`PROXIMITY_SLOP`] positions of each other, in order, boosted.
    fn proximity_clauses(&self, node: &QueryNode) -> Vec<(Occur, Box<dyn Query>)> {
        let words: Vec<&str> = node
            .positive_leaves()
            .into_iter()
            .filter_map(|leaf| match leaf {
                QueryNode::Word(text) if !has_cjk(text) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        if words.len() < 2 {
            return Vec::new();
        }
        let text = words.join(" ");
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for slot in 0..LANGUAGE_FIELDS.len() {
            let tokens = self.analyzers.analyze(slot_analyzer(slot), &text);
            if tokens.len() < 2 {
                continue;
            }
            if let Some(phrase) =
                Self::tokens_query_within(self.fields.text[slot], &tokens, PROXIMITY_SLOP)
            {
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(phrase, PROXIMITY_BOOST)),
                ));
            }
        }
        clauses
    }
}

#[cfg(test)]
mod tests {
    //! The re-rank joins candidates to their paragraphs and translations by id postings
    //! and fast fields: records of one document spread over several segments, and
    //! deleted records, must not change what a hit shows.
    use super::*;
    use crate::writer::{update_index, CorpusEntry, Extraction, IndexRunOptions};

    fn document(id: &str, work: &str, lang: Lang, paragraphs: &[&str]) -> Document {
        let mut document = Document::new(id, lang);
        document.work_id = work.to_string();
        document.title = format!("decision {work}");
        document.paragraphs = paragraphs
            .iter()
            .enumerate()
            .map(|(n, text)| Paragraph::numbered((n + 1).to_string(), *text))
            .collect();
        document
    }

    /// Indexes `files` (name → documents) over `corpus` in one run (one commit).
    fn index_run(corpus: &Path, index: &Path, files: &[(&str, Vec<Document>)]) {
        let by_name: HashMap<String, Vec<Document>> = files
            .iter()
            .map(|(name, documents)| (name.to_string(), documents.clone()))
            .collect();
        let mut entries = Vec::new();
        for (name, documents) in files {
            let path = corpus.join(name);
            // The bytes stand for the extraction: a changed list is a changed file.
            std::fs::write(&path, format!("{documents:?}")).unwrap();
            entries.push(CorpusEntry::new(path, name.to_string()));
        }
        let options = IndexRunOptions::new(index, vec![corpus.into()], "test");
        let report = update_index(&options, entries, Vec::new(), |batch| {
            batch
                .iter()
                .map(|entry| Extraction::Documents(by_name[&entry.relative].clone()))
                .collect()
        })
        .unwrap();
        assert!(report.failed.is_empty(), "{:?}", report.failed);
    }

    #[test]
    fn paragraphs_and_translations_across_segments_and_updates() {
        let corpus = tempfile::tempdir().unwrap();
        let index_dir = tempfile::tempdir().unwrap();
        let filler: Vec<Document> = (0..30)
            .map(|n| {
                document(
                    &format!("filler-{n}"),
                    &format!("filler-{n}"),
                    Lang::En,
                    &["The Committee notes the report of the State party."],
                )
            })
            .collect();
        let first = vec![
            document(
                "قرار-١:ar",
                "قرار-١",
                Lang::Ar,
                &[
                    "تلاحظ اللجنة التقرير.",
                    "لا يجوز التذرع بأي ظروف استثنائية لتبرير التعذيب.",
                    "توصي اللجنة الدولة الطرف.",
                ],
            ),
            document(
                "قرار-١:es",
                "قرار-١",
                Lang::Es,
                &["El Comité toma nota del informe sobre la tortura."],
            ),
        ];
        let second =
            vec![
            document(
                "决定-一:zh",
                "قرار-١",
                Lang::Zh,
                &["委员会注意到该报告。", "在任何情况下都不得援引任何特殊情况作为施行酷刑的理由。"],
            ),
            document(
                "decision-1:en",
                "قرار-١",
                Lang::En,
                &["No exceptional circumstances may be invoked as a justification of torture."],
            ),
        ];
        // Three commits (each run lists the whole corpus), so the records of the work
        // are in several segments.
        index_run(
            corpus.path(),
            index_dir.path(),
            &[("a", first.clone()), ("filler", filler.clone())],
        );
        index_run(
            corpus.path(),
            index_dir.path(),
            &[
                ("a", first),
                ("filler", filler.clone()),
                ("b", second.clone()),
            ],
        );
        // The Arabic file changes: torture moves to the first paragraph and the Spanish
        // version goes; the records it replaces are deleted.
        let updated = vec![document(
            "قرار-١:ar",
            "قرار-١",
            Lang::Ar,
            &[
                "لا يجوز التذرع بأي ظروف استثنائية لتبرير التعذيب.",
                "تلاحظ اللجنة التقرير.",
            ],
        )];
        index_run(
            corpus.path(),
            index_dir.path(),
            &[("a", updated), ("filler", filler), ("b", second)],
        );

        let index = SearchIndex::open(index_dir.path()).unwrap();
        assert!(index.reader.searcher().segment_readers().len() > 1);
        let mut request = SearchRequest::new("التعذيب");
        request.facets = false;
        // The Arabic version itself (with expansion, its English version says torture).
        request.expand_languages = false;
        let response = index.search(&request).unwrap();
        assert_eq!(response.total, 1);
        let hit = &response.hits[0];
        assert_eq!(hit.id, "قرار-١:ar");
        let paragraphs: Vec<(Option<&str>, usize)> = hit
            .paragraphs
            .iter()
            .map(|paragraph| (paragraph.n.as_deref(), paragraph.index))
            .collect();
        assert_eq!(paragraphs, [(Some("1"), 0)]);
        assert!(
            hit.paragraphs[0].snippet.contains("<mark>"),
            "{:?}",
            hit.paragraphs
        );
        let translations: Vec<(Lang, &str)> = hit
            .translations
            .iter()
            .map(|translation| (translation.lang, translation.id.as_str()))
            .collect();
        assert_eq!(
            translations,
            [(Lang::Zh, "决定-一:zh"), (Lang::En, "decision-1:en")]
        );

        let chinese = SearchRequest {
            expand_languages: false,
            ..SearchRequest::new("酷刑")
        };
        let response = index.search(&chinese).unwrap();
        let hit = response
            .hits
            .iter()
            .find(|hit| hit.id == "决定-一:zh")
            .expect("the Chinese version");
        assert_eq!(hit.paragraphs.len(), 1);
        assert_eq!(hit.paragraphs[0].n.as_deref(), Some("2"));
        assert!(hit.paragraphs[0].snippet.contains("<mark>酷刑</mark>"));
        let mut langs: Vec<Lang> = hit.translations.iter().map(|t| t.lang).collect();
        langs.sort();
        let mut expected = vec![Lang::Ar, Lang::En];
        expected.sort();
        assert_eq!(langs, expected);

        // One hit for the work (issue 11: one work, one hit), its other versions listed
        // on it, none from a deleted record; in the caller's language when asked.
        let response = index
            .search(&SearchRequest::new("torture OR tortura OR التعذيب OR 酷刑"))
            .unwrap();
        let ids: Vec<&str> = response.hits.iter().map(|hit| hit.id.as_str()).collect();
        assert_eq!(response.total, 1, "{ids:?}");
        assert!(response.total_exact);
        for lang in [Lang::Ar, Lang::Zh, Lang::En] {
            let mut request = SearchRequest::new("torture OR tortura OR التعذيب OR 酷刑");
            request.prefer_lang = Some(lang);
            let response = index.search(&request).unwrap();
            assert_eq!(response.hits.len(), 1);
            assert_eq!(response.hits[0].lang, lang, "{:?}", response.hits[0].id);
            assert_eq!(
                response.facets["lang"]
                    .iter()
                    .map(|count| count.count)
                    .sum::<u64>(),
                1
            );
        }
        for hit in &response.hits {
            assert!(!hit.paragraphs.is_empty(), "{} has no paragraph", hit.id);
            assert_eq!(
                hit.translations.len(),
                2,
                "{}: {:?}",
                hit.id,
                hit.translations
            );
        }
    }
}
