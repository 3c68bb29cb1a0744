//! Robustness properties (proptest): the extractor never panics on arbitrary Unicode;
//! every span lies on char boundaries of the original text and gives back the
//! surface; UN symbol normalization is idempotent.

use hrlex_cite::{extract, normalize_un_symbol, CitingContext};
use proptest::prelude::*;

/// Text built from citation-like fragments, separators and arbitrary characters, so
/// that the recognizers' hard paths (lists, pins, line breaks) are reached often.
fn citation_like_text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("A/HRC/15/56".to_string()),
        Just("CCPR/C/GC/36".to_string()),
        Just(" no. 30696/09".to_string()),
        Just("resolution 60/251".to_string()),
        Just("第 23 和 57 段".to_string()),
        Just("الفقرتين 1 و 16".to_string()),
        Just("Serie C No. 205, párr. 1".to_string()),
        Just(", para. 18 (c)".to_string()),
        Just("§§ 75-77".to_string()),
        Just("Ａ／ＨＲＣ／".to_string()),
        Just("\u{a0}".to_string()),
        Just("\n\n".to_string()),
        Just("¹⁴".to_string()),
        Just("–".to_string()),
        Just("(2000)".to_string()),
        Just(" and ".to_string()),
        Just("A/HRC/22/53/Add.1".to_string()),
        Just(" and Add.2".to_string()),
        Just("Series C No. 4, 5".to_string()),
        Just("communications Nos. 13/1993, para. 9.2; 15/1994".to_string()),
        Just("(A/69/828)第8段".to_string()),
        Just("第29（2013）号一般性建议".to_string()),
        Just("Case No. 10,843".to_string()),
        Just("D.R. 61 p. 250".to_string()),
        Just("Sentencia C-560/97".to_string()),
        Just("CASO ".to_string()),
        Just("٢٠١٥".to_string()),
        "\\PC{0,6}",
        "[0-9/.,() -]{0,8}",
    ];
    prop::collection::vec(fragment, 0..24).prop_map(|fragments| fragments.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_are_char_boundaries_and_give_back_the_surface(text in citation_like_text()) {
        for citation in extract(&text, &CitingContext::default()) {
            let (start, end) = citation.span;
            prop_assert!(start < end && end <= text.len());
            prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            prop_assert_eq!(&text[start..end], citation.surface.as_str());
        }
    }

    #[test]
    fn never_panics_on_arbitrary_unicode(text in "\\PC{0,300}|.{0,300}") {
        let _ = extract(&text, &CitingContext::default());
    }

    #[test]
    fn un_symbol_normalization_is_idempotent(symbol in "[A-Za-z0-9/. ()\u{a0}–،。-]{0,40}|\\PC{0,20}") {
        let once = normalize_un_symbol(&symbol);
        prop_assert_eq!(normalize_un_symbol(&once), once);
    }
}

/// Regression (found by the ingest recognizer's proptest): after a case label, the end
/// of a number ending in a two-byte digit (`CASO\n٢٠١٥`) was taken one byte into it,
/// and slicing there panicked.
#[test]
fn regression_a_case_number_ending_in_an_arabic_indic_digit() {
    for text in ["CASO\n٢٠١٥ آذار/مارس\n", "Caso ٢٠١٥", "CASE ١٢٫٣٤٥"] {
        let citations = extract(text, &CitingContext::default());
        for citation in citations {
            assert_eq!(&text[citation.span.0..citation.span.1], citation.surface);
        }
    }
}
