//! Known items: the documents a query names. A lawyer who types `CAT/C/12/D/13/1993`,
//! `13/1993`, `14038/88`, `Serie C No. 4`, `GC 36`, `observation générale n° 36` or
//! `Soering v. United Kingdom` wants that document first, then the documents citing
//! it. The query is read for the citation keys it names (by the citation extractor, as
//! a document's text is), and the documents bearing one of those keys as an identifier
//! of their own (`identifier_key`, indexed with related keys) are the known items. A
//! query that is a document's whole title or case name (`Всеобщая декларация прав
//! человека`, `联合国宪章`) names it too (`title_key`).

use crate::query::QueryNode;
use hrlex_analysis::title_key;
use hrlex_cite::{case_name_key, related_keys, CitingContext};
use hrlex_model::CitationKey;
use std::collections::BTreeSet;

/// The bodies whose general comments are numbered; a general comment named without its
/// body (`general comment No. 36`) may be any of theirs.
const GENERAL_COMMENT_BODIES: &[&str] = &[
    "CCPR", "CESCR", "CAT", "CRC", "CEDAW", "CERD", "CRPD", "CMW", "CED",
];

/// What the query names: exact `identifier_key` terms, document ids (`id:`), and the
/// `title_key` of the query's words.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct NamedItems {
    pub keys: BTreeSet<String>,
    pub ids: BTreeSet<String>,
    pub title: Option<String>,
}

impl NamedItems {
    pub(crate) fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.ids.is_empty() && self.title.is_none()
    }
}

/// The items the query `node` names, read from its positive words, phrases and
/// identifiers (not from `cites:` or `cited_by:`, which ask for other documents).
pub(crate) fn named_items(node: &QueryNode) -> NamedItems {
    let mut keys: Vec<CitationKey> = Vec::new();
    let mut ids = BTreeSet::new();
    let mut words: Vec<&str> = Vec::new();
    for leaf in node.positive_leaves() {
        match leaf {
            QueryNode::Identifier(value) => {
                ids.insert(value.clone());
                keys.extend(identifier_keys(value));
                words.push(value);
            }
            QueryNode::Word(text) | QueryNode::Phrase(text) => words.push(text),
            _ => {}
        }
    }
    let query = words.join(" ");
    let query = query.as_str();
    let context = CitingContext::default();
    keys.extend(
        hrlex_cite::extract(query, &context)
            .into_iter()
            .map(|citation| citation.key),
    );
    keys.extend(general_comment_abbreviation(query));
    if let Some(key) = case_name_key(query) {
        keys.push(key);
    }
    let mut terms = BTreeSet::new();
    for key in keys {
        for key in without_unknown_body(&key) {
            for related in related_keys(&key) {
                terms.insert(related.as_str().to_string());
            }
            terms.insert(key.as_str().to_string());
        }
    }
    NamedItems {
        keys: terms,
        ids,
        title: title_key(query),
    }
}

/// The keys a bare identifier may stand for: itself, a UN symbol, and for a bare
/// number `n/yyyy` a communication of any body or an ECtHR application.
fn identifier_keys(value: &str) -> Vec<CitationKey> {
    let mut keys = vec![CitationKey::new(value)];
    let has_family = value.split_once(':').is_some_and(|(family, _)| {
        !family.is_empty() && family.chars().all(|c| c.is_ascii_lowercase())
    });
    if has_family {
        return keys;
    }
    keys.push(CitationKey::new(format!("un:{value}")));
    keys.push(CitationKey::new(format!(
        "un:{}",
        hrlex_cite::normalize_un_symbol(value)
    )));
    if let Some((number, year)) = value.split_once('/') {
        let digits = |text: &str| !text.is_empty() && text.chars().all(|c| c.is_ascii_digit());
        if digits(number) && digits(year) && (year.len() == 2 || year.len() == 4) {
            keys.push(CitationKey::new(format!("comm:?:{value}")));
            keys.push(CitationKey::new(format!("ecthr:app:{value}")));
        }
    }
    keys
}

/// `GC 36` / `GR 19` (the short forms lawyers type, which the extractor leaves alone
/// in running text).
fn general_comment_abbreviation(query: &str) -> Vec<CitationKey> {
    let words: Vec<&str> = query.split_whitespace().collect();
    words
        .windows(2)
        .filter(|pair| matches!(pair[0].to_ascii_lowercase().as_str(), "gc" | "gr"))
        .filter_map(|pair| {
            let number = pair[1].trim_matches(|c: char| !c.is_ascii_digit());
            (!number.is_empty() && number.len() <= 3)
                .then(|| CitationKey::new(format!("gc:?:{number}")))
        })
        .collect()
}

/// A general comment of unknown body stands for that comment of each body.
fn without_unknown_body(key: &CitationKey) -> Vec<CitationKey> {
    match key.as_str().strip_prefix("gc:?:") {
        Some(number) => GENERAL_COMMENT_BODIES
            .iter()
            .map(|body| CitationKey::new(format!("gc:{body}:{number}")))
            .collect(),
        None => vec![key.clone()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse_query;

    fn keys(query: &str) -> BTreeSet<String> {
        named_items(&parse_query(query).unwrap()).keys
    }

    #[test]
    fn a_query_names_symbols_numbers_general_comments_and_cases() {
        assert!(keys("CAT/C/12/D/13/1993").contains("comm:CAT:13/1993"));
        assert!(keys("13/1993").contains("comm:?:13/1993"));
        assert!(keys("14038/88").contains("ecthr:app:14038/88"));
        assert!(keys("GC 36").contains("gc:CCPR:36"));
        assert!(keys("general comment No. 36").contains("gc:CCPR:36"));
        assert!(keys("замечание общего порядка № 36").contains("gc:CCPR:36"));
        assert!(keys("第36号一般性意见").contains("gc:CEDAW:36"));
        assert!(keys("Soering v. United Kingdom")
            .iter()
            .any(|key| key.starts_with("name:soering")));
        assert!(keys("enforced disappearance").is_empty());
        assert!(
            keys("cites:A/HRC/15/56").is_empty(),
            "asks for the citing documents"
        );
    }
}
