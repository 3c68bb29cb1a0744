//! Ordering the candidates into the page: the re-rank score (document BM25 plus the
//! best paragraphs, see [`crate::ranking`]), one hit per work, the citation prior, then
//! the page's slice.

use super::candidates::{lang_at, Candidate};
use super::intent::language_of_script;
use super::paragraphs::CandidateParagraphs;
use super::types::{SearchRequest, SortOrder};
use super::SearchIndex;
use crate::columns::IdReader;
use crate::ranking::{citation_prior, CITATION_PRIOR_WINDOW, PARAGRAPH_DAMPING};
use crate::IndexError;
use hrlex_model::{Lang, Viewer};
use std::collections::HashMap;
use tantivy::{DocAddress, Searcher};

/// A candidate with its score and its paragraph slot ([`CandidateParagraphs::slots`]).
pub(super) type Scored = (f32, Candidate, usize);

/// Citing-work counts by (access rank, document id key), valid for one searcher
/// generation.
#[derive(Default)]
pub(super) struct CitingWorksCache {
    generation: u64,
    counts: HashMap<(Viewer, u64), usize>,
}

/// Entries kept before the cache starts over.
const CITING_WORKS_CACHE_MAX: usize = 100_000;

/// The page in order, and what ordering dropped.
pub(super) struct Ordered {
    pub(super) page: Vec<Scored>,
    /// The other versions of works already listed (relevance order only).
    pub(super) dropped: Vec<DocAddress>,
}

impl SearchIndex {
    /// Scores the candidates and cuts the page. By date the candidates are the page
    /// already, in order.
    pub(super) fn order_candidates(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
        candidates: Vec<Candidate>,
        paragraphs: &CandidateParagraphs,
    ) -> Result<Ordered, IndexError> {
        let mut scored: Vec<Scored> = candidates
            .into_iter()
            .zip(paragraphs.slots.iter().copied())
            .map(|(candidate, slot)| {
                let paragraph_scores = paragraphs.of(slot).iter().map(|(score, _)| *score);
                (rerank_score(&candidate, paragraph_scores), candidate, slot)
            })
            .collect();
        if request.sort == SortOrder::Date {
            return Ok(Ordered {
                page: scored,
                dropped: Vec::new(),
            });
        }
        sort_in_relevance_order(searcher, &mut scored)?;
        let preferred = request
            .prefer_lang
            .or_else(|| language_of_script(&request.query));
        let dropped = one_hit_per_work(&mut scored, preferred, |address| {
            lang_at(searcher, address).as_deref().and_then(Lang::parse)
        });
        self.apply_citation_prior(searcher, &mut scored, &request.viewer)?;
        let page = scored
            .into_iter()
            .skip(request.offset)
            .take(request.limit)
            .collect();
        Ok(Ordered { page, dropped })
    }

    /// Multiplies the score of the first [`CITATION_PRIOR_WINDOW`] re-ranked hits by
    /// their citation prior (`crate::ranking::citation_prior`: how many works the caller
    /// may see cite them) and re-sorts them; the rest of the order is unchanged, so it
    /// stays independent of the page. Counts are cached per index generation.
    fn apply_citation_prior(
        &self,
        searcher: &Searcher,
        scored: &mut [Scored],
        viewer: &Viewer,
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
        let missing: Vec<usize> = {
            let mut cache = self
                .citing_works
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if cache.generation != generation || cache.counts.len() > CITING_WORKS_CACHE_MAX {
                cache.generation = generation;
                cache.counts.clear();
            }
            (0..window)
                .filter(|at| {
                    !cache
                        .counts
                        .contains_key(&(viewer.clone(), scored[*at].1.key))
                })
                .collect()
        };
        let mut ids = IdReader::default();
        for at in &missing {
            load_id(&mut ids, searcher, &mut scored[*at].1)?;
        }
        let missing_ids: Vec<&str> = missing.iter().map(|at| scored[*at].1.id.as_str()).collect();
        let counted = self.cited_by_work_counts(&missing_ids, viewer)?;
        let mut cache = self
            .citing_works
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for (at, count) in missing.iter().zip(counted) {
            cache
                .counts
                .insert((viewer.clone(), scored[*at].1.key), count);
        }
        for (score, candidate, _) in scored[..window].iter_mut() {
            let count = cache
                .counts
                .get(&(viewer.clone(), candidate.key))
                .copied()
                .unwrap_or(0);
            *score *= citation_prior(count);
        }
        drop(cache);
        sort_in_relevance_order(searcher, &mut scored[..window])
    }
}

/// The score of a re-ranked candidate (see [`crate::ranking`]): its prior times its
/// document BM25 plus its role-weighted paragraphs, the best first, damped. Others keep
/// their retrieval score.
pub(super) fn rerank_score(
    candidate: &Candidate,
    paragraph_scores: impl Iterator<Item = f32>,
) -> f32 {
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

/// Sorts `scored` in [`relevance_order`], reading the ids of the candidates it needs to
/// break ties with (equal scores are common among one-line recommendations; the others
/// never need theirs).
fn sort_in_relevance_order(searcher: &Searcher, scored: &mut [Scored]) -> Result<(), IndexError> {
    scored.sort_by(|a, b| relevance_order((a.0, &a.1), (b.0, &b.1)));
    let mut ids = IdReader::default();
    let mut loaded = false;
    for at in 1..scored.len() {
        if rank_order(
            (scored[at - 1].0, &scored[at - 1].1),
            (scored[at].0, &scored[at].1),
        )
        .is_eq()
        {
            loaded |= load_id(&mut ids, searcher, &mut scored[at - 1].1)?;
            loaded |= load_id(&mut ids, searcher, &mut scored[at].1)?;
        }
    }
    if loaded {
        scored.sort_by(|a, b| relevance_order((a.0, &a.1), (b.0, &b.1)));
    }
    Ok(())
}

/// Reads `candidate`'s id unless it has it; true when it read it.
fn load_id(
    ids: &mut IdReader,
    searcher: &Searcher,
    candidate: &mut Candidate,
) -> Result<bool, IndexError> {
    if !candidate.id.is_empty() {
        return Ok(false);
    }
    candidate.id = ids.id(searcher, candidate.address)?;
    Ok(true)
}

/// Relevance order: [`rank_order`], ties by id. A total order that does not depend on
/// the page.
fn relevance_order(a: (f32, &Candidate), b: (f32, &Candidate)) -> std::cmp::Ordering {
    rank_order(a, b).then_with(|| a.1.id.cmp(&b.1.id))
}

/// Known items (the authorities first: of a case's judgment and its orders, the
/// judgment, by static prior), then the re-ranked window by score, then the rest in
/// retrieval order.
fn rank_order(a: (f32, &Candidate), b: (f32, &Candidate)) -> std::cmp::Ordering {
    let group = |candidate: &Candidate| match (candidate.known, candidate.reranked) {
        (true, _) => 0,
        (false, true) => 1,
        (false, false) => 2,
    };
    group(a.1).cmp(&group(b.1)).then_with(|| match group(a.1) {
        0 => {
            b.1.prior
                .total_cmp(&a.1.prior)
                .then_with(|| b.0.total_cmp(&a.0))
        }
        1 => b.0.total_cmp(&a.0),
        _ => a.1.retrieval_rank.cmp(&b.1.retrieval_rank),
    })
}

/// Keeps one hit per work in `scored` (sorted): the best-placed version, or the best
/// version in `prefer_lang` when there is one, at the place of the best. Returns the
/// addresses of the versions dropped.
pub(super) fn one_hit_per_work(
    scored: &mut Vec<Scored>,
    prefer_lang: Option<Lang>,
    mut lang_of: impl FnMut(DocAddress) -> Option<Lang>,
) -> Vec<DocAddress> {
    let mut first_of_work: HashMap<u64, usize> = HashMap::new();
    let mut keep = vec![true; scored.len()];
    let mut swaps: Vec<(usize, usize)> = Vec::new();
    for position in 0..scored.len() {
        let Some(work) = scored[position].1.work_key else {
            continue;
        };
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
