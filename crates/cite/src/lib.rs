//! Citation extraction for hrlex: finds, in the text of a UN or regional human-rights
//! document, the references to other documents and cases, and turns each into a
//! normalized [`CitationKey`] (forms: `docs/citation-keys.md`).
//!
//! Key types: [`Citation`] (one mention: key, kind, byte span on the original text,
//! surface, pinpoints, attributes), [`CitingContext`] (what is known of the citing
//! document, used to resolve `?` and to infer bodies). Entry points: [`extract`] (one
//! record per key per passage, pinpoints merged), [`extract_mentions`] (every
//! mention), [`normalize_un_symbol`], and [`related_keys`] for the linker. Cases named
//! without a number resolve through a [`Gazetteer`] ([`extract_with_gazetteer`]); any
//! other case named by applicant and respondent State gets a `name:` key
//! ([`extract_with_case_names`], [`case_name_key`]), which documents bearing that case
//! name carry among their identifiers: `K.N.L.H. v. Peru`, `K.N.L.H. c. Pérou` and
//! `K.N.L.H. vs. Perú` all give `name:knlh v peru` (respondent States in English,
//! French, Spanish, Portuguese, Russian, Arabic and Chinese map to one canonical name,
//! [`canonical_state`]). The keys naming one decision — its numbers, ECLI, symbol and
//! case names — are joined by an embedded table built from the corpus gazetteers
//! ([`authority_keys`]).
//!
//! ```
//! use hrlex_cite::{extract, CitingContext};
//!
//! let text = "See CCPR/C/GC/36, para. 12, and Tahsin Acar v. Turkey [GC], no. 26307/95, §§ 75-77, ECHR 2003-VI.";
//! let citations = extract(text, &CitingContext::default());
//! let keys: Vec<&str> = citations.iter().map(|citation| citation.key.as_str()).collect();
//! assert_eq!(keys, ["un:CCPR/C/GC/36", "ecthr:app:26307/95"]);
//! assert_eq!(citations[0].pin, ["para:12"]);
//! assert_eq!(citations[1].attrs["reporter"], "ECHR 2003-VI");
//! assert_eq!(&text[citations[0].span.0..citations[0].span.1], citations[0].surface);
//! ```

mod authorities;
mod case_names;
mod context;
mod extract;
mod gazetteer;
mod normalize;
mod pins;
mod related;
mod states;

pub use authorities::{authority_keys, compile_authorities, is_name_key, AuthorityTable};
pub use case_names::{
    case_name_key, extract_with_case_names, extract_with_gazetteer, find_case_names,
    find_named_cases, CaseNameMention, NamedCase, NAME_KEY_PREFIX,
};
pub use context::CitingContext;
pub use gazetteer::{normalized_case_name, Gazetteer, GazetteerEntry, GazetteerError};
pub use normalize::normalize_un_symbol;
pub use related::related_keys;
pub use states::{canonical_respondent, canonical_state};

pub use hrlex_model::{CitationKey, CitationKind};
use serde::Serialize;
use std::collections::BTreeMap;

/// One citation mention, in the output-contract shape of SPEC §0:
/// `{"key", "kind", "span": [start, end], "surface", "pin": [...], "attrs": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub key: CitationKey,
    pub kind: CitationKind,
    /// Byte range in the original text, on char boundaries; `&text[span.0..span.1] == surface`.
    pub span: (usize, usize),
    pub surface: String,
    /// Pinpoints (`para:18(c)`, `para:75-77`, `annex:II`).
    pub pin: Vec<String>,
    /// Parallel citations and flags (`reporter` = `ECHR 2003-VI`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, String>,
}

/// Extracts the citations of one passage (a paragraph), one record per key: when a
/// key is cited several times, the first mention is kept and the pinpoints and
/// attributes of the others are merged into it (SPEC §0, dedup per passage).
pub fn extract(text: &str, context: &CitingContext) -> Vec<Citation> {
    let mentions = extract_mentions(text, context);
    let mut deduplicated: Vec<Citation> = Vec::with_capacity(mentions.len());
    let mut position_of_key: std::collections::HashMap<CitationKey, usize> =
        std::collections::HashMap::new();
    for mention in mentions {
        match position_of_key.get(&mention.key) {
            Some(&position) => {
                let kept = &mut deduplicated[position];
                for pin in mention.pin {
                    if !kept.pin.contains(&pin) {
                        kept.pin.push(pin);
                    }
                }
                for (name, value) in mention.attrs {
                    kept.attrs.entry(name).or_insert(value);
                }
            }
            None => {
                position_of_key.insert(mention.key.clone(), deduplicated.len());
                deduplicated.push(mention);
            }
        }
    }
    deduplicated
}

/// Every citation mention of the text, in text order, without deduplication.
pub fn extract_mentions(text: &str, context: &CitingContext) -> Vec<Citation> {
    let normalized = normalize::NormalizedText::new(text);
    let mut found = extract::find_all(&normalized.text, context);
    found.sort_by_key(|item| (item.start, item.end));
    found
        .into_iter()
        .filter_map(|item| {
            let (start, end) = normalized.original_span(item.start, item.end);
            if start >= end {
                return None;
            }
            let key = CitationKey::new(item.key);
            Some(Citation {
                kind: key.kind(),
                key,
                span: (start, end),
                surface: text[start..end].to_string(),
                pin: item.pins,
                attrs: item.attrs.into_iter().collect(),
            })
        })
        .collect()
}
