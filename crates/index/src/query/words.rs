//! A bare word of a query: a citation key or `field:value`, a prefix (`tortur*`), a
//! fuzzy term (`torture~1`), an identifier (`A/HRC/15/56`) or a plain word; wildcards
//! other than a trailing `*` are refused.

use super::error::error_at;
use super::filters::field_node;
use super::{QueryError, QueryErrorKind, QueryNode, MAX_FUZZY_DISTANCE, MIN_PREFIX_CHARS};

/// Citation-key families: `ecthr:app:30696/09` written bare is an identifier, not a
/// field filter.
const CITATION_KEY_PREFIXES: &[&str] = &[
    "un", "comm", "gc", "upr", "ecthr", "ehrr", "hudoc", "ecli", "iacthr", "iachr", "oas", "achpr",
    "afchpr", "cjeu",
];

/// A word that looks like a document symbol or citation key is searched as an exact
/// identifier (word analyzers would split `A/HRC/15/56` into meaningless pieces).
fn looks_like_identifier(word: &str) -> bool {
    word.contains('/') && word.chars().any(|character| character.is_ascii_digit())
}

pub(super) fn word_node(input: &str, word: &str, start: usize) -> Result<QueryNode, QueryError> {
    if let Some((field, value)) = word.split_once(':') {
        let is_field = !field.is_empty()
            && field
                .chars()
                .all(|character| character.is_ascii_alphabetic() || character == '_');
        if is_field {
            if CITATION_KEY_PREFIXES.contains(&field.to_ascii_lowercase().as_str()) {
                return Ok(QueryNode::Identifier(word.to_string()));
            }
            return field_node(input, field, value, start, start + field.len() + 1);
        }
    }
    if word.starts_with('*') || word.starts_with('?') {
        return Err(error_at(
            input,
            start,
            QueryErrorKind::LeadingWildcard,
            "a term cannot start with a wildcard (it would scan every word)".to_string(),
        ));
    }
    if let Some(stem) = word.strip_suffix('*') {
        if let Some(position) = stem.find(['*', '?']) {
            return Err(unsupported_wildcard(input, start + position));
        }
        if stem.chars().count() < MIN_PREFIX_CHARS {
            return Err(error_at(
                input,
                start,
                QueryErrorKind::InvalidValue,
                format!("a prefix needs at least {MIN_PREFIX_CHARS} characters before `*`"),
            ));
        }
        return Ok(QueryNode::Prefix(stem.to_string()));
    }
    if let Some(position) = word.find(['*', '?']) {
        return Err(unsupported_wildcard(input, start + position));
    }
    if let Some(tilde) = word.rfind('~') {
        let (stem, distance_text) = (&word[..tilde], &word[tilde + 1..]);
        if !stem.is_empty() && distance_text.chars().all(|c| c.is_ascii_digit()) {
            let distance: u32 = if distance_text.is_empty() {
                1
            } else {
                distance_text.parse().unwrap_or(u32::MAX)
            };
            if distance > u32::from(MAX_FUZZY_DISTANCE) {
                return Err(error_at(
                    input,
                    start + tilde,
                    QueryErrorKind::FuzzyTooFar,
                    format!("fuzzy distance is at most {MAX_FUZZY_DISTANCE}"),
                ));
            }
            return Ok(QueryNode::Fuzzy(stem.to_string(), distance as u8));
        }
    }
    if looks_like_identifier(word) {
        return Ok(QueryNode::Identifier(word.to_string()));
    }
    Ok(QueryNode::Word(word.to_string()))
}

fn unsupported_wildcard(input: &str, offset: usize) -> QueryError {
    error_at(
        input,
        offset,
        QueryErrorKind::UnsupportedWildcard,
        "only a trailing `*` is supported (`tortur*`)".to_string(),
    )
}
