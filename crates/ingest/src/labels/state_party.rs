//! The State party of a treaty-body decision. Sources list every State a complaint
//! names (`Azerbaijan, Sweden`: the country of return and the State party); the
//! decision itself says which is the party: `State party: Sweden` in its header, or `a
//! violation by France of article 3`, `his deportation from Sweden`, `if Switzerland
//! proceeds with his return`, `asylum in Sweden` in its first paragraphs. When exactly
//! that evidence names one of the listed States, the others are dropped, and the case
//! name and title (`S.M. v. Azerbaijan, Sweden`) name that State alone.

use super::operative::is_communication_decision;
use super::{locate, quote, record};
use crate::recognize::states::leading_state;
use crate::recognize::un::state_party_label;
use hrlex_model::Document;
use regex::Regex;
use std::sync::OnceLock;

/// How many leading paragraphs are read for the State party.
const LEADING_PARAGRAPHS: usize = 8;

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

/// Phrases followed by the State party, strongest first. Each ends just before the
/// State's name.
fn phrases() -> &'static [Regex] {
    static PATTERNS: OnceLock<Vec<Regex>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        vec![
            // a violation by France; violations par la France; violación por el Perú
            regex(r"(?i)\b(?:violations?|breach(?:es)?|violé|violación|violaciones|vulneración)\s+(?:(?:of\s+)?(?:his|her|their|the)\s+rights\s+)?(?:by|par|por)\s+(?:the\s+|la\s+|le\s+|l['’]|el\s+)?"),
            // his removal by / deportation from Sweden
            regex(r"(?i)\b(?:removal|return|deportation|expulsion|extradition|refoulement|deported|expelled|returned|removed|extradited|renvoi|expulsé|renvoyé|devolución|expulsión|expulsado)\s+(?:[\w,]+\s+){0,5}?(?:by|from|par|depuis|por|desde)\s+(?:the\s+|la\s+|le\s+|l['’]|el\s+)?"),
            // if Switzerland proceeds with his return
            regex(r"\b(?:if|If)\s+(?:the\s+)?"),
            // asylum in Sweden
            regex(r"(?i)\b(?:asylum|asile|asilo)\s+in\s+(?:the\s+)?|\b(?:asile|asilo)\s+(?:en|au|aux)\s+"),
        ]
    })
}

/// True when `listed` and `named` are the same State (`Türkiye`, `Turkey`).
fn same_state(listed: &str, named: &str) -> bool {
    listed.eq_ignore_ascii_case(named)
        || hrlex_cite::canonical_state(listed)
            .is_some_and(|canonical| Some(canonical) == hrlex_cite::canonical_state(named))
}

/// The listed State the text names as State party, and the evidence.
fn state_party_in_text(document: &Document) -> Option<(String, String)> {
    let listed = |named: &str| {
        document
            .states
            .iter()
            .find(|state| same_state(state, named))
            .cloned()
    };
    let leading = document.paragraphs.iter().take(30).enumerate();
    for (index, paragraph) in leading {
        let Some(captures) = state_party_label().captures(&paragraph.text) else {
            continue;
        };
        let Some((named, _)) = leading_state(captures[1].trim()) else {
            continue;
        };
        if let Some(state) = listed(&named) {
            let whole = captures.get(0).expect("whole match");
            let evidence = format!(
                "{}: {}",
                locate(paragraph, index),
                quote(&paragraph.text, whole.start(), whole.end(), 0, 0)
            );
            return Some((state, evidence));
        }
        // A header naming another State: the source's list is not contradicted.
        return None;
    }
    for pattern in phrases() {
        for (index, paragraph) in document
            .paragraphs
            .iter()
            .take(LEADING_PARAGRAPHS)
            .enumerate()
        {
            for found in pattern.find_iter(&paragraph.text) {
                let after = &paragraph.text[found.end()..];
                let Some((named, written)) = leading_state(after) else {
                    continue;
                };
                if pattern.as_str().contains(r"(?:if|If)") && !proceeds(&after[written.len()..]) {
                    continue;
                }
                let Some(state) = listed(&named) else {
                    continue;
                };
                let end = found.end() + written.len();
                let evidence = format!(
                    "{}: {}",
                    locate(paragraph, index),
                    quote(&paragraph.text, found.start(), end, 30, 20)
                );
                return Some((state, evidence));
            }
        }
    }
    None
}

/// What follows the State in `if Switzerland proceeds with`: an act of removal.
fn proceeds(after: &str) -> bool {
    let next = after.split_whitespace().next().unwrap_or("").to_lowercase();
    [
        "proceeds",
        "proceeded",
        "were",
        "was",
        "returns",
        "deports",
        "expels",
        "extradites",
    ]
    .contains(&next.as_str())
}

/// `name` with the respondent after its last ` v. ` replaced by `state` when that
/// respondent lists several States (`S.M. v. Azerbaijan, Sweden`); a trailing `(symbol)`
/// is kept.
fn with_respondent(name: &str, state: &str, symbol: Option<&str>) -> Option<String> {
    let suffix = symbol
        .map(|symbol| format!(" ({symbol})"))
        .filter(|suffix| name.ends_with(suffix.as_str()))
        .unwrap_or_default();
    let body = &name[..name.len() - suffix.len()];
    let at = body.rfind(" v. ")?;
    let respondent = &body[at + 4..];
    if !respondent.contains(", ") && !respondent.contains(" and ") {
        return None;
    }
    Some(format!("{} v. {state}{suffix}", &body[..at]))
}

/// Keeps the State party alone when the text names it among several listed States.
pub fn check(document: &mut Document) {
    if document.states.len() < 2 || !is_communication_decision(document) {
        return;
    }
    let Some((state, evidence)) = state_party_in_text(document) else {
        return;
    };
    let old = document.states.join(", ");
    record(document, "states", &old, &state, &evidence);
    document.states = vec![state.clone()];
    let symbol = document.symbol.clone();
    if let Some(case_name) = document.case_name.clone() {
        if let Some(new) = with_respondent(&case_name, &state, symbol.as_deref()) {
            record(document, "case name", &case_name, &new, &evidence);
            document.case_name = Some(new);
        }
    }
    let title = document.title.clone();
    if let Some(new) = with_respondent(&title, &state, symbol.as_deref()) {
        record(document, "title", &title, &new, &evidence);
        document.title = new;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_respondent_of_a_case_name_is_replaced_when_it_lists_several() {
        assert_eq!(
            with_respondent(
                "S.M., H.M. and A.M. v. Azerbaijan, Sweden (CAT/C/47/D/374/2009)",
                "Sweden",
                Some("CAT/C/47/D/374/2009")
            )
            .as_deref(),
            Some("S.M., H.M. and A.M. v. Sweden (CAT/C/47/D/374/2009)")
        );
        assert_eq!(
            with_respondent(
                "Amini v. Denmark, Iran (Islamic Republic of)",
                "Denmark",
                None
            )
            .as_deref(),
            Some("Amini v. Denmark")
        );
        assert_eq!(with_respondent("X v. Sweden", "Sweden", None), None);
    }
}
