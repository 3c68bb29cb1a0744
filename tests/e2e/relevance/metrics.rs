//! Scores of one ranked answer against its judgments.
//!
//! - **P@10** follows issue #11's scheme: a grade-2 hit counts 1, a grade-1 hit 0.5, a
//!   non-relevant or unjudged hit 0, and so does a second hit of a work already shown
//!   (a duplicate); divided by 10 whatever the number of hits.
//! - **nDCG@10** with gains 2^grade − 1 (3, 1, 0) and log2(rank + 1) discounts,
//!   duplicates gaining 0; the ideal ranking shows one hit per labelled work, best
//!   first.
//! - **RR**: 1 / rank of the first grade-2 hit among the hits fetched (0 if none);
//!   its mean over known items is the MRR.
//! - **Duplicates**: hits of the top 10 whose work (a `same_work` group of the labels,
//!   or the `work_id` the index gives) was already shown higher.
use super::judgments::Judged;
use std::collections::BTreeSet;

pub const DEPTH: usize = 10;

/// One hit as the search answered it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub id: String,
    pub work_id: String,
}

#[derive(Debug, Clone, Default)]
pub struct Score {
    pub precision: f64,
    /// The P@10 of a perfect ranking of the judged documents (below 1 when the corpus
    /// holds fewer than 10 relevant works).
    pub ideal_precision: f64,
    pub ndcg: f64,
    pub reciprocal_rank: f64,
    /// Relevant (grade ≥ 1, not duplicate) hits in the top 10.
    pub relevant: usize,
    pub duplicates: usize,
}

fn precision_gain(grade: u8) -> f64 {
    match grade {
        2 => 1.0,
        1 => 0.5,
        _ => 0.0,
    }
}

fn dcg_gain(grade: u8) -> f64 {
    f64::from((1u32 << grade) - 1)
}

fn discount(rank: usize) -> f64 {
    ((rank + 2) as f64).log2()
}

pub fn score(judged: &Judged, hits: &[Hit]) -> Score {
    let mut seen_labelled = BTreeSet::new();
    let mut seen_indexed = BTreeSet::new();
    let mut result = Score::default();
    let mut dcg = 0.0;
    for (rank, hit) in hits.iter().take(DEPTH).enumerate() {
        let new_labelled = seen_labelled.insert(judged.work(&hit.id).to_string());
        let new_indexed = seen_indexed.insert(hit.work_id.clone());
        if !(new_labelled && new_indexed) {
            result.duplicates += 1;
            continue;
        }
        let grade = judged.grade(&hit.id);
        result.precision += precision_gain(grade) / DEPTH as f64;
        dcg += dcg_gain(grade) / discount(rank);
        if grade > 0 {
            result.relevant += 1;
        }
    }
    let ideal = judged.ideal_grades();
    let ideal_dcg: f64 = ideal
        .iter()
        .take(DEPTH)
        .enumerate()
        .map(|(r, &g)| dcg_gain(g) / discount(r))
        .sum();
    result.ideal_precision = ideal
        .iter()
        .take(DEPTH)
        .map(|&g| precision_gain(g))
        .sum::<f64>()
        / DEPTH as f64;
    result.ndcg = if ideal_dcg > 0.0 {
        dcg / ideal_dcg
    } else {
        0.0
    };
    result.reciprocal_rank = hits
        .iter()
        .position(|hit| judged.grade(&hit.id) == 2)
        .map_or(0.0, |rank| 1.0 / (rank + 1) as f64);
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relevance::judgments::Kind;

    fn judged() -> Judged {
        let grades = [("item:en", 2), ("item:es", 2), ("citing", 1), ("other", 0)];
        Judged {
            id: "q".into(),
            query: "q".into(),
            lang: "en".into(),
            kind: Kind::KnownItem,
            grades: grades.iter().map(|(id, g)| (id.to_string(), *g)).collect(),
            work_of: [("item:en", "item:en"), ("item:es", "item:en")]
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        }
    }

    fn hits(ids: &[&str]) -> Vec<Hit> {
        ids.iter()
            .map(|id| Hit {
                id: id.to_string(),
                work_id: id.to_string(),
            })
            .collect()
    }

    #[test]
    fn a_perfect_answer_scores_one_and_a_language_version_is_a_duplicate() {
        let perfect = score(&judged(), &hits(&["item:en", "citing"]));
        assert_eq!(
            (perfect.ndcg, perfect.reciprocal_rank, perfect.duplicates),
            (1.0, 1.0, 0)
        );
        assert!(
            (perfect.precision - 0.15).abs() < 1e-9
                && (perfect.ideal_precision - 0.15).abs() < 1e-9
        );
        let doubled = score(&judged(), &hits(&["item:en", "item:es", "citing"]));
        assert_eq!(doubled.duplicates, 1);
        assert!(doubled.ndcg < 1.0 && (doubled.precision - 0.15).abs() < 1e-9);
    }

    #[test]
    fn the_index_work_id_also_marks_a_duplicate_and_late_items_lower_the_rank() {
        let mut answer = hits(&["other", "unjudged", "citing", "item:es"]);
        answer[1].work_id = "other".into();
        let late = score(&judged(), &answer);
        assert_eq!((late.duplicates, late.relevant), (1, 2));
        assert!((late.reciprocal_rank - 0.25).abs() < 1e-9 && late.ndcg < 0.7);
        assert_eq!(score(&judged(), &hits(&["other"])).reciprocal_rank, 0.0);
    }
}
