//! Title keys: the exact form of a title a lawyer may type whole to ask for one document
//! (`Всеобщая декларация прав человека`, `联合国宪章`, `Marckx v. Belgium`). The key is
//! the title's words, each normalized as the analyzers normalize a token and with Latin
//! diacritics folded, joined by one space; punctuation and spacing do not count. No
//! stemming and no stop words: a title key matches the whole title or nothing.

use crate::normalize::{fold_latin_diacritics, is_apostrophe, is_invisible_joiner};
use crate::normalize_surface;
use unicode_normalization::char::is_combining_mark;
use unicode_script::{Script, UnicodeScript};

/// Titles shorter than this (in characters of the key) are too generic to name one
/// document ("Judgment", "Fondo", "Report").
const MIN_KEY_CHARS: usize = 8;
/// A Han or kana title may be short and still name one instrument (`联合国宪章`).
const MIN_HAN_KEY_CHARS: usize = 4;

/// The key of `title`, or `None` when it is too short to name one document.
pub fn title_key(title: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in title.chars().chain(std::iter::once(' ')) {
        let joins = c.is_alphanumeric()
            || is_combining_mark(c)
            || is_invisible_joiner(c)
            || (is_apostrophe(c) && !word.is_empty());
        if joins {
            word.push(c);
        } else if !word.is_empty() {
            let mut normalized = String::new();
            normalize_surface(&word, &mut normalized);
            let folded = fold_latin_diacritics(&normalized).unwrap_or(normalized);
            if !folded.is_empty() {
                words.push(folded);
            }
            word.clear();
        }
    }
    let key = words.join(" ");
    let chars = key.chars().filter(|c| *c != ' ').count();
    let han = key.chars().any(|c| {
        matches!(
            c.script(),
            Script::Han | Script::Hiragana | Script::Katakana
        )
    });
    let long_enough = if han {
        chars >= MIN_HAN_KEY_CHARS
    } else {
        words.len() >= 2 && chars >= MIN_KEY_CHARS
    };
    long_enough.then_some(key)
}

#[cfg(test)]
mod tests {
    use super::title_key;

    #[test]
    fn spacing_case_punctuation_and_diacritics_do_not_count() {
        assert_eq!(
            title_key("CASE OF MARCKX v. BELGIUM"),
            title_key("case of Marckx v Belgium")
        );
        assert_eq!(
            title_key("Declaración Universal de Derechos Humanos"),
            title_key("declaracion universal de  derechos humanos.")
        );
        assert_eq!(
            title_key("Всеобщая декларация прав человека").as_deref(),
            Some("всеобщая декларация прав человека")
        );
        assert_eq!(
            title_key("الإعلان العالمي لحقوق الإنسان"),
            title_key("الاعلان العالمي لحقوق الانسان")
        );
    }

    #[test]
    fn short_han_titles_name_an_instrument_but_one_latin_word_does_not() {
        assert_eq!(title_key("《联合国宪章》").as_deref(), Some("联合国宪章"));
        assert_eq!(title_key("Judgment"), None);
        assert_eq!(title_key("Fondo"), None);
        assert_eq!(title_key("UN Doc"), None);
    }
}
