//! Character-level normalization shared by every analyzer.
//!
//! Two stages, applied at different points of an analyzer chain:
//!
//! 1. [`normalize_surface`] (in the tokenizer, before stop words and stemming): NFKC (PDF
//!    ligatures `ﬁ`, Arabic presentation forms, full-width digits), lowercase, typographic
//!    apostrophes to `'`, soft hyphens and zero-width joiners removed, Russian `ё` → `е`,
//!    Arabic orthographic normalization and Arabic-Indic digits → ASCII.
//! 2. [`fold_latin_diacritics`] (last filter, after stemming): strips diacritics from Latin
//!    letters only (`détention` → `detention`, `œ` → `oe`); other scripts are left intact
//!    (Cyrillic `й` stays `й`, Greek and Arabic marks are not touched here).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
use unicode_script::{Script, UnicodeScript};

/// Characters that may sit inside a word without separating it and carry no meaning:
/// soft hyphen (PDF line-end hyphenation), zero-width space/joiners, word joiner, BOM.
pub(crate) fn is_invisible_joiner(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Apostrophes that may join a word (`l'État`, `l’État`, `State's`).
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Maps one already NFKC-normalized character; returns `None` when it is to be dropped.
fn map_char(c: char) -> Option<char> {
    Some(match c {
        c if is_invisible_joiner(c) => return None,
        c if is_apostrophe(c) => '\'',
        'ё' | 'Ё' => 'е',
        // Arabic: alef with hamza above/below, alef with madda, alef wasla → bare alef.
        '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' => '\u{0627}',
        // Taa marbuta → haa; alef maqsura and Farsi yeh → yeh; keheh → kaf.
        '\u{0629}' => '\u{0647}',
        '\u{0649}' | '\u{06CC}' => '\u{064A}',
        '\u{06A9}' => '\u{0643}',
        // Tatweel, harakat (fathatan … sukun and extended marks), superscript alef,
        // Quranic annotation marks.
        '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' => return None,
        // Arabic-Indic and extended (Persian/Urdu) digits → ASCII.
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        other => other,
    })
}

/// Writes the normalized form of `surface` (one token's original text) into `output`.
///
/// Idempotent: normalizing an already normalized string leaves it unchanged, so a query
/// analyzed again meets the indexed form.
pub fn normalize_surface(surface: &str, output: &mut String) {
    output.clear();
    if surface.is_ascii() {
        output.extend(surface.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    let mut push = |c: char| {
        if let Some(mapped) = map_char(c) {
            if mapped.is_lowercase() || !mapped.is_alphabetic() {
                output.push(mapped);
            } else {
                output.extend(mapped.to_lowercase().filter_map(map_char));
            }
        }
    };
    if is_nfkc_quick(surface.chars()) == IsNormalized::Yes {
        surface.chars().for_each(&mut push);
    } else {
        surface.nfkc().for_each(&mut push);
    }
}

/// Letters without a canonical decomposition that users type without their diacritic.
fn latin_letter_replacement(c: char) -> Option<&'static str> {
    Some(match c {
        'œ' => "oe",
        'æ' => "ae",
        'ß' => "ss",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ł' | 'ŀ' => "l",
        'ħ' => "h",
        'ı' => "i",
        'þ' => "th",
        _ => return None,
    })
}

fn is_latin(c: char) -> bool {
    c.script() == Script::Latin
}

/// Removes diacritics from Latin letters in `text` (already lowercased); returns `None`
/// when nothing changes, so that the common ASCII case allocates nothing.
pub fn fold_latin_diacritics(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let needs_folding = text.chars().any(|c| {
        !c.is_ascii() && (is_latin(c) || (is_combining_mark(c) && c.script() == Script::Inherited))
    });
    if !needs_folding {
        return None;
    }
    let mut folded = String::with_capacity(text.len());
    let mut previous_base_is_latin = false;
    let mut kept_a_combining_mark = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            if previous_base_is_latin {
                continue;
            }
            kept_a_combining_mark = true;
            folded.push(c);
            continue;
        }
        previous_base_is_latin = c.is_ascii_alphabetic() || is_latin(c);
        match latin_letter_replacement(c) {
            Some(replacement) => folded.push_str(replacement),
            None => folded.push(c),
        }
    }
    if kept_a_combining_mark {
        // Non-Latin letters keep their marks: give them back their composed form.
        folded = folded.nfc().collect();
    }
    (folded != text).then_some(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(text: &str) -> String {
        let mut output = String::new();
        normalize_surface(text, &mut output);
        output
    }

    #[test]
    fn arabic_spelling_variants_normalize_to_one_form() {
        assert_eq!(normalized("الإنسان"), normalized("الانسان"));
        assert_eq!(normalized("أحمد"), "احمد");
        assert_eq!(normalized("آمن"), "امن");
        assert_eq!(normalized("مدرسة"), "مدرسه");
        assert_eq!(normalized("على"), "علي");
        assert_eq!(normalized("الـــحقوق"), "الحقوق");
        assert_eq!(normalized("حُقُوقُ"), "حقوق");
        assert_eq!(normalized("٢٠٠٩"), "2009");
        assert_eq!(normalized("۱۳۹۹"), "1399");
    }

    #[test]
    fn arabic_presentation_forms_from_pdfs_become_letters() {
        // "لا" written with the lam-alef ligature presentation form.
        assert_eq!(normalized("\u{FEFB}"), "لا");
    }

    #[test]
    fn latin_normalization_keeps_diacritics_for_the_stemmer() {
        assert_eq!(normalized("Détention"), "détention");
        assert_eq!(normalized("ﬁnance"), "finance");
        assert_eq!(normalized("l’État"), "l'état");
        assert_eq!(normalized("deten\u{00AD}tion"), "detention");
    }

    #[test]
    fn russian_yo_becomes_ye() {
        assert_eq!(normalized("Объединённых"), "объединенных");
        assert_eq!(normalized("ЁЛКА"), "елка");
    }

    #[test]
    fn normalization_is_idempotent() {
        for text in ["L’ÉTAT", "الإِنْسَان", "Ёж", "ﬁ", "İstanbul", "ǅ"] {
            let once = normalized(text);
            assert_eq!(normalized(&once), once, "{text}");
        }
    }

    #[test]
    fn folding_strips_latin_diacritics_only() {
        assert_eq!(
            fold_latin_diacritics("détention").as_deref(),
            Some("detention")
        );
        assert_eq!(fold_latin_diacritics("comité").as_deref(), Some("comite"));
        assert_eq!(fold_latin_diacritics("œuvre").as_deref(), Some("oeuvre"));
        assert_eq!(fold_latin_diacritics("straße").as_deref(), Some("strasse"));
        assert_eq!(fold_latin_diacritics("ação").as_deref(), Some("acao"));
        assert_eq!(fold_latin_diacritics("torture"), None);
        // Cyrillic й is a letter of its own, not и with a diacritic.
        assert_eq!(fold_latin_diacritics("свой"), None);
        assert_eq!(fold_latin_diacritics("ελευθερία"), None);
        assert_eq!(fold_latin_diacritics("人权"), None);
        assert_eq!(fold_latin_diacritics("حقوق"), None);
    }
}
