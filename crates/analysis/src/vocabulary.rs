//! The legal vocabulary: concepts (treaties, bodies, terms of art, spelling variants) and
//! their surface forms in the seven languages, from `data/legal-vocabulary.tsv`.
//!
//! The file is embedded at build time and parsed at first use. Each form is keyed by its
//! analyzed form in its own language (the terms [`crate::analyzer_for`] makes of it:
//! normalized, case-folded, stop words dropped, stemmed), so that a query matches a form
//! exactly when the index would: `enforced disappearances` meets `enforced disappearance`,
//! `насильственных исчезновений` meets `насильственное исчезновение`, and `CPED` meets
//! `cped`. A query whose analyzed form equals no form's matches nothing: the lookup is
//! exact, never a substring or fuzzy match.
//!
//! ```
//! use hrlex_analysis::vocabulary::vocabulary;
//! use hrlex_model::Lang;
//!
//! let matches = vocabulary().lookup("насильственных исчезновений");
//! let concept = &matches[0].concept;
//! assert_eq!(concept.id, "enforced-disappearance");
//! assert!(concept.forms_in(Lang::Es).any(|form| form.text == "desaparición forzada"));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use hrlex_model::Lang;

use crate::{analyze_to_terms, analyzer_for};

/// The vocabulary file, as versioned in the repository.
pub const VOCABULARY_TSV: &str = include_str!("../data/legal-vocabulary.tsv");

/// One surface form of a concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub lang: Lang,
    /// As written in that language's texts (`disparition forcée`).
    pub text: String,
    /// The terms of `text` under the language's analyzer, space-separated (`disparit forc`).
    pub key: String,
    /// Occurrences in the development corpus when the file was last attested (0: entered
    /// by hand, not attested there).
    pub attested: u32,
}

/// A concept and all its forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    /// Stable id (`enforced-disappearance`, `cped`, `spelling-judgment`).
    pub id: String,
    pub forms: Vec<Form>,
}

impl Concept {
    /// The forms in `lang`.
    pub fn forms_in(&self, lang: Lang) -> impl Iterator<Item = &Form> {
        self.forms.iter().filter(move |form| form.lang == lang)
    }
}

/// A concept a query text is a form of, and the language whose form it matched.
#[derive(Debug, Clone, Copy)]
pub struct ConceptMatch<'a> {
    pub concept: &'a Concept,
    pub lang: Lang,
}

/// Why the vocabulary file was refused: the line and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("legal-vocabulary.tsv line {line}: {reason}")]
pub struct VocabularyError {
    pub line: usize,
    pub reason: String,
}

/// The parsed vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    concepts: Vec<Concept>,
    /// (language, analyzed key) → indices into `concepts`.
    by_key: HashMap<(Lang, String), Vec<usize>>,
}

/// The analyzed key of `text` in `lang`: its terms, space-separated (empty when the
/// analyzer drops everything, e.g. a stop word).
pub fn analyzed_key(lang: Lang, text: &str) -> String {
    analyze_to_terms(analyzer_for(lang), text)
        .unwrap_or_default()
        .join(" ")
}

const HEADER: &str = "concept\tlang\tform\tcount\tsources";

impl Vocabulary {
    /// Parses the TSV format of `data/legal-vocabulary.tsv` (`#` comments, one header
    /// line, then `concept`, `lang`, `form`, `count`, `sources`).
    pub fn parse(text: &str) -> Result<Vocabulary, VocabularyError> {
        let mut vocabulary = Vocabulary::default();
        let mut concept_index: HashMap<String, usize> = HashMap::new();
        for (number, line) in text.lines().enumerate() {
            let line_number = number + 1;
            let fail = |reason: String| VocabularyError {
                line: line_number,
                reason,
            };
            if line.trim().is_empty() || line.starts_with('#') || line == HEADER {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            let [id, lang, form, count, _sources] = cells[..] else {
                return Err(fail(format!(
                    "expected 5 tab-separated cells (concept, lang, form, count, sources), found {}",
                    cells.len()
                )));
            };
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(fail(format!(
                    "concept id {id:?} is not lowercase-ascii-with-hyphens"
                )));
            }
            let lang = Lang::parse(lang)
                .filter(|lang| Lang::SUPPORTED.contains(lang))
                .ok_or_else(|| {
                    fail(format!(
                        "language {lang:?} is not one of ar zh en fr ru es pt"
                    ))
                })?;
            let attested: u32 = count
                .parse()
                .map_err(|_| fail(format!("count {count:?} is not a number")))?;
            let form_text = form.trim();
            let key = analyzed_key(lang, form_text);
            if key.is_empty() {
                return Err(fail(format!(
                    "form {form_text:?} has no terms under the {} analyzer (only stop words?)",
                    lang.code()
                )));
            }
            let index = *concept_index.entry(id.to_string()).or_insert_with(|| {
                vocabulary.concepts.push(Concept {
                    id: id.to_string(),
                    forms: Vec::new(),
                });
                vocabulary.concepts.len() - 1
            });
            let concept = &mut vocabulary.concepts[index];
            if concept
                .forms
                .iter()
                .any(|known| known.lang == lang && known.key == key)
            {
                return Err(fail(format!(
                    "form {form_text:?} of {id} analyzes like another {} form of it ({key:?})",
                    lang.code()
                )));
            }
            concept.forms.push(Form {
                lang,
                text: form_text.to_string(),
                key: key.clone(),
                attested,
            });
            let concepts = vocabulary.by_key.entry((lang, key)).or_default();
            if !concepts.contains(&index) {
                concepts.push(index);
            }
        }
        Ok(vocabulary)
    }

    /// Every concept, in file order.
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// The concepts `text` is a form of in `lang` (exact match on the analyzed form).
    pub fn lookup_in(&self, lang: Lang, text: &str) -> Vec<&Concept> {
        let key = analyzed_key(lang, text);
        self.by_key
            .get(&(lang, key))
            .map(|indices| indices.iter().map(|&index| &self.concepts[index]).collect())
            .unwrap_or_default()
    }

    /// The concepts `text` is a form of in any of the seven languages (a query's language
    /// is not known: `torture` is English and French), each concept once, with the first
    /// language (in [`Lang::SUPPORTED`] order) whose form it matched.
    pub fn lookup(&self, text: &str) -> Vec<ConceptMatch<'_>> {
        let mut matches: Vec<ConceptMatch<'_>> = Vec::new();
        for lang in Lang::SUPPORTED {
            for concept in self.lookup_in(lang, text) {
                if !matches.iter().any(|known| known.concept.id == concept.id) {
                    matches.push(ConceptMatch { concept, lang });
                }
            }
        }
        matches
    }
}

/// The vocabulary of the repository, parsed at first use.
///
/// # Panics
///
/// If the embedded file is malformed; the crate's tests parse it, so a bad edit fails
/// `cargo test` before it can ship.
pub fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        Vocabulary::parse(VOCABULARY_TSV).unwrap_or_else(|error| panic!("embedded {error}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids<'a>(matches: &[ConceptMatch<'a>]) -> Vec<&'a str> {
        matches
            .iter()
            .map(|found| found.concept.id.as_str())
            .collect()
    }

    #[test]
    fn the_embedded_vocabulary_parses_and_covers_every_language() {
        let vocabulary = Vocabulary::parse(VOCABULARY_TSV).expect("the embedded file parses");
        let multilingual: Vec<&Concept> = vocabulary
            .concepts()
            .iter()
            .filter(|concept| {
                Lang::SUPPORTED
                    .iter()
                    .all(|&lang| concept.forms_in(lang).next().is_some())
            })
            .collect();
        assert!(
            multilingual.len() >= 60,
            "{} concepts in all seven languages",
            multilingual.len()
        );
        for concept in vocabulary.concepts() {
            assert!(
                concept.forms.len() >= 2,
                "{} has one form: nothing to expand to",
                concept.id
            );
        }
        for lang in Lang::SUPPORTED {
            let attested = vocabulary
                .concepts()
                .iter()
                .flat_map(|concept| concept.forms_in(lang))
                .filter(|form| form.attested > 0)
                .count();
            assert!(
                attested >= 20,
                "{}: only {attested} attested forms",
                lang.code()
            );
        }
    }

    #[test]
    fn arabic_russian_and_chinese_queries_find_their_concept() {
        let vocabulary = vocabulary();
        assert_eq!(
            ids(&vocabulary.lookup("الاختفاء القسري")),
            ["enforced-disappearance"]
        );
        // Hamza and taa marbuta spelled differently still meet the form.
        assert_eq!(
            ids(&vocabulary.lookup("الاختفاء القسرى")),
            ["enforced-disappearance"]
        );
        assert_eq!(
            ids(&vocabulary.lookup("насильственных исчезновений")),
            ["enforced-disappearance"]
        );
        assert_eq!(
            ids(&vocabulary.lookup("强迫失踪")),
            ["enforced-disappearance"]
        );
        assert_eq!(ids(&vocabulary.lookup("МПГПП")), ["iccpr"]);
        let arabic_covenant = vocabulary.lookup("العهد الدولي");
        assert_eq!(ids(&arabic_covenant), ["covenant"]);
        assert_eq!(arabic_covenant[0].lang, Lang::Ar);
        let english = arabic_covenant[0]
            .concept
            .forms_in(Lang::En)
            .next()
            .expect("an English form");
        assert_eq!(english.text, "Covenant");
    }

    #[test]
    fn acronyms_spelling_variants_and_synonyms_share_a_concept() {
        let vocabulary = vocabulary();
        assert_eq!(ids(&vocabulary.lookup("CPED")), ["cped"]);
        assert_eq!(ids(&vocabulary.lookup("cped")), ["cped"]);
        let cat = ids(&vocabulary.lookup("CAT"));
        assert!(
            cat.contains(&"cat") && cat.contains(&"committee-against-torture"),
            "{cat:?}"
        );
        let ivf = vocabulary.lookup("in vitro fertilisation");
        assert_eq!(ids(&ivf), ["in-vitro-fertilisation"]);
        assert!(ivf[0]
            .concept
            .forms_in(Lang::En)
            .any(|form| form.text == "in vitro fertilization"));
        let deportation = vocabulary.lookup("deportation");
        assert!(deportation[0]
            .concept
            .forms_in(Lang::En)
            .any(|form| form.text == "expel"));
        assert_eq!(ids(&vocabulary.lookup("judgement")), ["spelling-judgment"]);
    }

    #[test]
    fn words_that_are_no_form_match_nothing() {
        let vocabulary = vocabulary();
        for text in [
            "the",
            "enforced",
            "disappearance of",
            "Soering",
            "",
            "   ",
            "公",
        ] {
            assert!(vocabulary.lookup(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn malformed_lines_are_refused_with_their_line_number() {
        let header = format!("# comment\n{HEADER}\n");
        let cases = [
            ("torture\ten\ttorture\n", "expected 5"),
            ("torture\txx\ttorture\t1\t-\n", "language"),
            ("Torture\ten\ttorture\t1\t-\n", "concept id"),
            ("torture\ten\ttorture\tmany\t-\n", "count"),
            ("torture\ten\tthe\t1\t-\n", "no terms"),
            (
                "torture\ten\ttorture\t1\t-\ntorture\ten\ttortures\t1\t-\n",
                "analyzes like",
            ),
        ];
        for (body, reason) in cases {
            let error = Vocabulary::parse(&format!("{header}{body}")).expect_err(body);
            assert!(error.reason.contains(reason), "{body:?}: {error}");
            assert!(error.line >= 3, "{body:?}: {error}");
        }
    }
}
