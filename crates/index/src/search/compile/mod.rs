//! Compiling a request: the parsed query tree, the filters, the language and the
//! caller's access become the engine queries the other stages run (the document query,
//! the constraints a known item must meet, the paragraph query).

use super::types::SearchRequest;
use crate::analysis::{has_cjk, AnalyzedToken, Analyzers};
use crate::query::{parse_filter, Filter, QueryNode};
use crate::ranking::{PROXIMITY_BOOST, PROXIMITY_SLOP};
use crate::schema::{slot_analyzer, Fields, KIND_DOCUMENT, KIND_PARAGRAPH, LANGUAGE_FIELDS};
use crate::term_queries::any_term_query;
use crate::visibility::visible_records;
use crate::IndexError;
use expand::Segment;
use hrlex_analysis::vocabulary::ConceptMatch;
use hrlex_analysis::{ANALYZER_CJK_BIGRAM, ANALYZER_IDENTIFIER};
use hrlex_model::{Lang, Paragraph, Viewer};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Bound;
use tantivy::collector::DocSetCollector;
use tantivy::query::{
    AllQuery, Bm25StatisticsProvider, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery,
    FuzzyTermQuery, Occur, PhraseQuery, Query, QueryClone, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

mod expand;

/// The engine queries of one request.
pub(super) struct CompiledRequest {
    /// Documents matching the query, filters, language and access.
    pub(super) documents: BooleanQuery,
    /// Everything but the text: what a known item must satisfy (`GC 36` names the
    /// comment without its words being in it).
    pub(super) constraints: BooleanQuery,
    /// The query on paragraph records, when the query has words to match there.
    pub(super) paragraphs: Option<Box<dyn Query>>,
}

/// The record kind `kind` (`crate::schema::KIND_DOCUMENT`, `KIND_PARAGRAPH`).
pub(super) fn kind_query(fields: &Fields, kind: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(fields.kind, kind),
        IndexRecordOption::Basic,
    )
}

/// Matches without contributing to the score.
pub(super) fn constant(query: Box<dyn Query>) -> Box<dyn Query> {
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
pub(super) struct Compiler<'a> {
    fields: &'a Fields,
    analyzers: &'a Analyzers,
    searcher: &'a Searcher,
    /// BM25 statistics of what the caller may see.
    statistics: &'a dyn Bm25StatisticsProvider,
    viewer: &'a Viewer,
    /// See [`SearchRequest::expand_languages`].
    expand_languages: bool,
    /// The vocabulary's answers for the texts looked up so far (`expand`).
    concept_lookups: RefCell<HashMap<String, Vec<ConceptMatch<'static>>>>,
}

impl<'a> Compiler<'a> {
    pub(super) fn new(
        fields: &'a Fields,
        analyzers: &'a Analyzers,
        searcher: &'a Searcher,
        statistics: &'a dyn Bm25StatisticsProvider,
        request: &'a SearchRequest,
    ) -> Self {
        Compiler {
            fields,
            analyzers,
            searcher,
            statistics,
            viewer: &request.viewer,
            expand_languages: request.expand_languages,
            concept_lookups: RefCell::new(HashMap::new()),
        }
    }

    /// The queries of `request`, whose query text parsed to `query_node`. Values of one
    /// filter field are ORed, fields ANDed; filters do not score.
    pub(super) fn compile_request(
        &self,
        request: &SearchRequest,
        query_node: &QueryNode,
    ) -> Result<CompiledRequest, IndexError> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, self.compile(query_node)?),
            (
                Occur::Must,
                Box::new(kind_query(self.fields, KIND_DOCUMENT)),
            ),
            (Occur::Must, self.access_clause()),
        ];
        if let Some(lang) = request.lang {
            clauses.push((
                Occur::Must,
                constant(self.filter_query(&Filter::Lang(lang))),
            ));
        }
        let mut filters_by_field: BTreeMap<&str, Vec<Box<dyn Query>>> = BTreeMap::new();
        for filter in &request.filters {
            let node = parse_filter(&filter.field, &filter.value)?;
            filters_by_field
                .entry(filter.field.as_str())
                .or_default()
                .push(self.compile(&node)?);
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
        let constraints = BooleanQuery::new(
            clauses[1..]
                .iter()
                .map(|(occur, query)| (*occur, query.box_clone()))
                .collect(),
        );
        Ok(CompiledRequest {
            documents: BooleanQuery::new(clauses),
            constraints,
            paragraphs: self.paragraph_query(query_node),
        })
    }

    fn access_clause(&self) -> Box<dyn Query> {
        visible_records(self.fields, self.viewer)
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
        // document up first (within the caller's viewer), then its paragraphs.
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
