//! Language detection, per document and per paragraph.
//!
//! The script decides first (Han → Chinese, Arabic → Arabic, Cyrillic → Russian), which
//! is both fast and exact for our seven languages; Latin-script text goes to lingua
//! restricted to English, French, Spanish and Portuguese (whatlang misreads short
//! Russian as Macedonian; lingua restricted to our languages got every sample right).

use hrlex_model::Lang;
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use std::sync::OnceLock;
use unicode_script::{Script, UnicodeScript};

/// Text shorter than this (in letters) is too short to detect reliably.
const MIN_LETTERS: usize = 12;
/// Only this many bytes of a long text are looked at.
const SAMPLE_BYTES: usize = 6000;

/// The detector, with its models loaded lazily. Regression: preloading them
/// (`with_preloaded_language_models`) runs a rayon `par_iter` inside this `OnceLock`'s
/// initialization; when a thread outside the rayon pool initialized it while every pool
/// worker was waiting on the same `OnceLock` (a walk's files), the preload's jobs had no
/// worker left and the process hung (seen in `tests/recognize.rs`, two tests at once).
fn latin_detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&[
            Language::English,
            Language::French,
            Language::Spanish,
            Language::Portuguese,
        ])
        .build()
    })
}

fn sample(text: &str) -> &str {
    if text.len() <= SAMPLE_BYTES {
        return text;
    }
    let mut end = SAMPLE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Counts letters per script family in `text`.
#[derive(Default, Debug)]
struct ScriptCounts {
    latin: usize,
    han: usize,
    arabic: usize,
    cyrillic: usize,
    other: usize,
}

impl ScriptCounts {
    fn of(text: &str) -> Self {
        let mut counts = ScriptCounts::default();
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            match c.script() {
                Script::Latin => counts.latin += 1,
                Script::Han | Script::Hiragana | Script::Katakana | Script::Bopomofo => {
                    counts.han += 1
                }
                Script::Arabic => counts.arabic += 1,
                Script::Cyrillic => counts.cyrillic += 1,
                _ => counts.other += 1,
            }
        }
        counts
    }

    fn total(&self) -> usize {
        self.latin + self.han + self.arabic + self.cyrillic + self.other
    }
}

/// Detects the language of a text; `None` when it is too short or has no letters.
/// Text in a language outside our seven is `Some(Lang::Other)`.
pub fn detect(text: &str) -> Option<Lang> {
    let text = sample(text);
    let counts = ScriptCounts::of(text);
    let total = counts.total();
    if total < MIN_LETTERS.min(4) || (total < MIN_LETTERS && counts.han == 0) {
        return None;
    }
    // Han characters carry a word each: a third of the letters is already Chinese text.
    if counts.han * 3 >= total {
        return Some(Lang::Zh);
    }
    let dominant = [counts.latin, counts.arabic, counts.cyrillic, counts.other]
        .into_iter()
        .max()
        .unwrap_or(0);
    if dominant == counts.arabic {
        return Some(Lang::Ar);
    }
    if dominant == counts.cyrillic {
        return Some(Lang::Ru);
    }
    if dominant == counts.other {
        return Some(Lang::Other);
    }
    let detector = latin_detector();
    let confidences = detector.compute_language_confidence_values(text);
    let (language, confidence) = confidences.first()?;
    if *confidence < 0.35 {
        return Some(Lang::Other);
    }
    Some(match language {
        Language::English => Lang::En,
        Language::French => Lang::Fr,
        Language::Spanish => Lang::Es,
        Language::Portuguese => Lang::Pt,
        _ => Lang::Other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_our_seven_languages() {
        assert_eq!(detect("The Committee considers that the State party has violated article 7 of the Covenant."), Some(Lang::En));
        assert_eq!(
            detect("Le Comité considère que l'État partie a violé l'article 7 du Pacte."),
            Some(Lang::Fr)
        );
        assert_eq!(
            detect("La Corte considera que el Estado violó el derecho a la integridad personal."),
            Some(Lang::Es)
        );
        assert_eq!(
            detect("A Corte considera que o Estado violou o direito à integridade pessoal."),
            Some(Lang::Pt)
        );
        assert_eq!(
            detect("Комитет считает, что государство-участник нарушило статью 7 Пакта."),
            Some(Lang::Ru)
        );
        assert_eq!(
            detect("委员会认为缔约国违反了《公约》第七条。"),
            Some(Lang::Zh)
        );
        assert_eq!(
            detect("ترى اللجنة أن الدولة الطرف انتهكت المادة 7 من العهد."),
            Some(Lang::Ar)
        );
        assert_eq!(detect("12"), None);
    }
}
