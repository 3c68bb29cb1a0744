//! Query expansion through the legal vocabulary ([`hrlex_analysis::vocabulary`]): a query
//! word or phrase that is a form of a concept (a treaty by acronym or name, a term of art,
//! a spelling variant, a synonym such as deport / expel) also matches the concept's other
//! forms, each analyzed by its own language's analyzer on its own language's field.
//!
//! The query's own clause keeps its weight; the other forms are ORed beside it, those in
//! the language typed with [`SAME_LANGUAGE_BOOST`], the translations with the lower
//! [`OTHER_LANGUAGE_BOOST`], so that documents in the language typed come first and their
//! translations follow. BM25 weighs a term by its rarity in its own field, and a word
//! common in English is rare in a field with few documents (`tortura` in a mostly English
//! corpus), which would let every translation outrank the words typed; so each other form
//! is also scaled by the ratio of the typed words' IDF to its own (a translation counts as
//! much as the word typed would, times its boost). Unquoted words are looked
//! up as runs too (`enforced disappearance` typed without quotes is one concept, not two
//! words), longest run first, up to [`MAX_RUN_WORDS`] words.
//!
//! With `expand_languages` off, only forms in the language(s) whose form the query matched
//! are added (`deportation` still finds `expel`; `насильственное исчезновение` stays
//! Russian).

use super::Compiler;
use crate::query::QueryNode;
use crate::schema::{language_slot, slot_analyzer};
use hrlex_analysis::vocabulary::{vocabulary, ConceptMatch};
use hrlex_analysis::ANALYZER_CJK_BIGRAM;
use hrlex_model::Lang;
use std::collections::HashSet;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query};
use tantivy::schema::Field;
use tantivy::Term;

/// Weight of the concept's forms in the language(s) the query matched in (synonyms and
/// spelling variants: `expel` for `deportation`, `fertilization` for `fertilisation`),
/// relative to the words typed (weight 1).
pub(super) const SAME_LANGUAGE_BOOST: f32 = 1.0;
/// Weight of the concept's forms in the other languages.
pub(super) const OTHER_LANGUAGE_BOOST: f32 = 0.3;
/// Other words a multi-word form may have between its words in a document ("early and
/// forced marriages" is the form "early marriage"; "enforced or involuntary
/// disappearance", "enforced disappearance").
pub(super) const FORM_SLOP: u32 = 2;
/// Longest run of unquoted words looked up as one form (the longest forms in the
/// vocabulary are full treaty titles).
pub(super) const MAX_RUN_WORDS: usize = 20;

/// A child of an AND, or a run of its plain words that is a concept form.
pub(super) enum Segment<'q> {
    Child(&'q QueryNode),
    Concept { words: Vec<&'q str>, text: String },
}

impl Compiler<'_> {
    /// The concepts `text` is a form of, when expansion applies to it.
    ///
    /// Memoized for the request: the runs of a query are looked up by compilation, by
    /// the paragraph query and by the highlighter, and each lookup analyzes the text in
    /// seven languages.
    fn concept_matches(&self, text: &str) -> Vec<ConceptMatch<'static>> {
        let mut lookups = self.concept_lookups.borrow_mut();
        if let Some(matches) = lookups.get(text) {
            return matches.clone();
        }
        let matches = vocabulary().lookup(text);
        lookups.insert(text.to_string(), matches.clone());
        matches
    }

    /// The other forms of the concepts `text` is a form of, ORed and boosted down;
    /// `None` when `text` is a form of no concept (or every form is the text itself).
    pub(super) fn other_forms_query(&self, text: &str) -> Option<Box<dyn Query>> {
        let matches = self.concept_matches(text);
        if matches.is_empty() {
            return None;
        }
        let query_langs: Vec<Lang> = matches.iter().map(|found| found.lang).collect();
        let typed_idf = {
            let slot = language_slot(query_langs[0]);
            let typed = self.analyzers.analyze(slot_analyzer(slot), text);
            self.idf(
                self.fields.text[slot],
                typed.iter().map(|token| token.term.as_str()),
            )
        };
        let mut seen: HashSet<(usize, Vec<String>)> = HashSet::new();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for found in &matches {
            for form in &found.concept.forms {
                if !self.expand_languages && !query_langs.contains(&form.lang) {
                    continue;
                }
                let slot = language_slot(form.lang);
                let analyzer = slot_analyzer(slot);
                let tokens = self.analyzers.analyze(analyzer, &form.text);
                let terms: Vec<String> = tokens.iter().map(|token| token.term.clone()).collect();
                // The query's own clause already searches this field for these terms.
                let typed: Vec<String> = self
                    .analyzers
                    .analyze(analyzer, text)
                    .into_iter()
                    .map(|token| token.term)
                    .collect();
                if terms == typed || !seen.insert((slot, terms.clone())) {
                    continue;
                }
                let own_idf = self.idf(self.fields.text[slot], terms.iter().map(String::as_str));
                let boost = if query_langs.contains(&form.lang) {
                    SAME_LANGUAGE_BOOST
                } else {
                    OTHER_LANGUAGE_BOOST
                } * (typed_idf / own_idf).min(1.0);
                let mut push = |query: Box<dyn Query>| {
                    clauses.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(query, boost)) as Box<dyn Query>,
                    ));
                };
                // Chinese words are segmented, not spaced: its forms stay exact.
                let slop = if form.lang == Lang::Zh { 0 } else { FORM_SLOP };
                if let Some(query) =
                    Self::tokens_query_within(self.fields.text[slot], &tokens, slop)
                {
                    push(query);
                }
                if form.lang == Lang::Zh {
                    let bigrams = self.analyzers.analyze(ANALYZER_CJK_BIGRAM, &form.text);
                    if let Some(query) = Self::tokens_query(self.fields.text_cjk, &bigrams) {
                        push(query);
                    }
                }
            }
        }
        if clauses.is_empty() {
            return None;
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// The BM25 IDF of `terms` in `field`, summed (as a phrase's weight is).
    /// Counted over what the caller may see (see `crate::visibility`), so that a
    /// boost cannot betray documents they may not.
    fn idf<'t>(&self, field: Field, terms: impl Iterator<Item = &'t str>) -> f32 {
        let documents = self.statistics.total_num_docs().unwrap_or(0);
        terms
            .map(|term| {
                let frequency = self
                    .statistics
                    .doc_freq(&Term::from_field_text(field, term))
                    .unwrap_or(0)
                    .min(documents);
                let ratio = ((documents - frequency) as f32 + 0.5) / (frequency as f32 + 0.5);
                (1.0 + ratio).ln()
            })
            .sum::<f32>()
            .max(f32::EPSILON)
    }

    /// `original` (the clause of the text as typed) OR the text's other forms.
    pub(super) fn with_other_forms(&self, text: &str, original: Box<dyn Query>) -> Box<dyn Query> {
        match self.other_forms_query(text) {
            Some(other_forms) => Box::new(BooleanQuery::new(vec![
                (Occur::Should, original),
                (Occur::Should, other_forms),
            ])),
            None => original,
        }
    }

    /// The children of an AND in order, runs of plain words that are a concept form
    /// grouped (the longest run starting at each word wins).
    pub(super) fn segments<'q>(&self, children: &'q [QueryNode]) -> Vec<Segment<'q>> {
        let mut segments = Vec::new();
        let mut start = 0;
        while start < children.len() {
            let run_end = (start..children.len())
                .take_while(|&index| matches!(children[index], QueryNode::Word(_)))
                .last()
                .map_or(start, |last| last + 1)
                .min(start + MAX_RUN_WORDS);
            let concept = (start + 1..=run_end).rev().find_map(|end| {
                let words: Vec<&str> = children[start..end]
                    .iter()
                    .filter_map(|child| match child {
                        QueryNode::Word(word) => Some(word.as_str()),
                        _ => None,
                    })
                    .collect();
                let text = words.join(" ");
                (!self.concept_matches(&text).is_empty()).then_some((end, words, text))
            });
            match concept {
                Some((end, words, text)) => {
                    segments.push(Segment::Concept { words, text });
                    start = end;
                }
                None => {
                    segments.push(Segment::Child(&children[start]));
                    start += 1;
                }
            }
        }
        segments
    }

    /// Every concept-form text of the query outside a NOT: its words and phrases, and
    /// the runs of unquoted words that are a form. What paragraphs are also scored by
    /// and what the highlighter also marks.
    pub(super) fn concept_texts(&self, node: &QueryNode) -> Vec<String> {
        let mut texts = Vec::new();
        self.collect_concept_texts(node, &mut texts);
        texts
    }

    fn collect_concept_texts(&self, node: &QueryNode, texts: &mut Vec<String>) {
        match node {
            QueryNode::Word(text) | QueryNode::Phrase(text)
                if !self.concept_matches(text).is_empty() =>
            {
                texts.push(text.clone());
            }
            QueryNode::And(children) => {
                for segment in self.segments(children) {
                    match segment {
                        Segment::Concept { text, .. } => texts.push(text),
                        Segment::Child(child) => self.collect_concept_texts(child, texts),
                    }
                }
            }
            QueryNode::Or(children) => {
                for child in children {
                    self.collect_concept_texts(child, texts);
                }
            }
            _ => {}
        }
    }

    /// `node` ORed with the other forms of its concept texts as phrases: what the
    /// highlighter marks.
    pub(in crate::search) fn with_other_form_phrases(&self, node: &QueryNode) -> QueryNode {
        let mut phrases = vec![node.clone()];
        for text in self.concept_texts(node) {
            let matches = self.concept_matches(&text);
            let query_langs: Vec<Lang> = matches.iter().map(|found| found.lang).collect();
            for found in &matches {
                for form in &found.concept.forms {
                    if self.expand_languages || query_langs.contains(&form.lang) {
                        phrases.push(QueryNode::Phrase(form.text.clone()));
                    }
                }
            }
        }
        if phrases.len() == 1 {
            return node.clone();
        }
        QueryNode::Or(phrases)
    }
}
