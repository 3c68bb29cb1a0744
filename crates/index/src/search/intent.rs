//! What a query says about itself beyond its words: the language of its script, that it
//! asks for recommendations, its relaxed form when no document has every word.

use super::types::SearchRequest;
use crate::analysis::has_cjk;
use crate::query::{Filter, QueryNode};
use hrlex_model::Lang;

/// For a query of three or more plain words and phrases (nothing else), the query that
/// asks for any of them, so that the documents with the most (and rarest) of them come
/// first: what a lawyer's long first query means when no document has every word.
pub(super) fn most_of_the_words(node: &QueryNode) -> Option<QueryNode> {
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
pub(super) fn language_of_script(query: &str) -> Option<Lang> {
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
pub(super) fn asks_for_recommendations(request: &SearchRequest, node: &QueryNode) -> bool {
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
