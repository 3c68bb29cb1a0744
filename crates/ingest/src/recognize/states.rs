//! State names read from a masthead, through the tables ingest and citations already
//! have: the UPR Info spelling ingest stores (`importers::upr_info::state_name`), reached
//! from a name in any of the seven languages through `hrlex_cite::canonical_state`
//! (`Pérou`, `Перу`, `秘鲁` → `Peru`), and from the ISO 3166 alpha-3 code of a UN symbol.

use super::iso3::name_of_iso3;
use crate::importers::upr_info::state_name;

/// The stored name of the State `raw` names, in any of the seven languages (`República
/// de Malawi`, `Российской Федерации`), or `None`.
pub fn state_from_name(raw: &str) -> Option<String> {
    let trimmed = raw
        .trim_matches(|c: char| !c.is_alphabetic())
        .trim_end_matches(|c: char| c.is_ascii_digit());
    if trimmed.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    if let Some(name) = state_name(trimmed) {
        return Some(name.to_string());
    }
    let canonical = hrlex_cite::canonical_state(trimmed)?;
    Some(state_name(canonical).unwrap_or(canonical).to_string())
}

/// The State of an ISO 3166-1 alpha-3 code (`ITA` → `Italy`).
pub fn state_from_iso3(code: &str) -> Option<String> {
    state_from_name(name_of_iso3(code)?)
}

/// The State named by the longest run of leading words of `text` (at most eight words),
/// with the text those words take: `COSTA RICA SENTENCIA DE …` → `Costa Rica`.
pub fn leading_state(text: &str) -> Option<(String, &str)> {
    let mut ends = Vec::new();
    let mut in_word = false;
    for (index, c) in text.char_indices() {
        let separator = c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '“' | '"');
        if separator && in_word {
            ends.push(index);
            if ends.len() == 8 {
                break;
            }
        }
        in_word = !separator;
    }
    if in_word && ends.len() < 8 {
        ends.push(text.len());
    }
    ends.iter().rev().find_map(|&end| {
        let candidate = &text[..end];
        state_from_name(candidate).map(|state| (state, candidate))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_in_seven_languages_and_by_code() {
        assert_eq!(state_from_name("Pérou").as_deref(), Some("Peru"));
        assert_eq!(
            state_from_name("Республики Молдова").as_deref(),
            Some("Moldova")
        );
        assert_eq!(state_from_name("PERÚ1").as_deref(), Some("Peru"));
        assert_eq!(
            state_from_name("Republic of Malawi").as_deref(),
            Some("Malawi")
        );
        assert_eq!(state_from_iso3("ITA").as_deref(), Some("Italy"));
        assert_eq!(state_from_iso3("DZA").as_deref(), Some("Algeria"));
        assert_eq!(state_from_iso3("XYZ"), None);
        assert_eq!(state_from_name("Minister of Health"), None);
        let (state, taken) = leading_state("COSTA RICA\nSENTENCIA DE 28").unwrap();
        assert_eq!((state.as_str(), taken), ("Costa Rica", "COSTA RICA"));
    }
}
