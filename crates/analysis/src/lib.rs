//! hrlex-analysis: one tantivy analyzer per language, script-aware segmentation.
//!
//! Contract used by `hrlex-index`: analyzer names are constants, [`analyzer_for`] maps a
//! document language to its analyzer, and [`register`] registers every analyzer on an
//! index's [`TokenizerManager`]. [`analyze`] runs an analyzer on a string (tests,
//! highlighting), [`analyzer_for_text`] picks one for text of unknown language, and
//! [`normalize_identifier`] gives the term the identifier analyzer indexes, and
//! [`title_key`] the exact form of a title, for known items named by their title.
//! [`vocabulary`] is the legal vocabulary (treaties, bodies and terms of art in the seven
//! languages, spelling variants), looked up by analyzed form for query expansion.
//!
//! Every text analyzer is built on [`ScriptAwareTokenizer`]: Han runs are segmented with
//! jieba (or cut into bigrams), every other script into words, so no script is dropped and
//! a Latin word inside Chinese text stays whole. Offsets are byte offsets into the
//! original text and positions are consecutive.
//!
//! | analyzer | chain after the tokenizer |
//! | --- | --- |
//! | `hrlex_en` `hrlex_fr` `hrlex_es` `hrlex_pt` `hrlex_ru` | stop words → Latin diacritic folding → Snowball stemmer (`hrlex_fr` also removes elided `l'` `d'` `qu'`; `hrlex_ru` drops fleeting vowels: `пыток` meets `пытки`) |
//! | `hrlex_ar` | Arabic stop words → Latin folding → Snowball Arabic stemmer |
//! | `hrlex_zh`, `hrlex_default` | Latin folding (Han via jieba) |
//! | `hrlex_cjk_bigram` | Latin folding (Han and kana via overlapping bigrams) |
//! | `hrlex_identifier` | whole identifiers, upper-cased (see [`normalize_identifier`]) |
//!
//! Every text analyzer first normalizes each token: NFKC, lowercase, `’` → `'`, Russian
//! `ё` → `е`, Arabic alef/hamza variants → `ا`, `ة` → `ه`, `ى` → `ي`, tatweel and
//! harakat removed, Arabic-Indic digits → ASCII.
//!
//! ```
//! use tantivy::tokenizer::TokenizerManager;
//!
//! let manager = TokenizerManager::default();
//! hrlex_analysis::register(&manager);
//! assert!(manager.get(hrlex_analysis::ANALYZER_CHINESE).is_some());
//!
//! let terms = hrlex_analysis::analyze_to_terms(hrlex_analysis::ANALYZER_FRENCH, "l'État partie")
//!     .expect("a registered analyzer");
//! assert_eq!(terms, ["etat", "part"]);
//! ```

mod filters;
mod identifier;
mod normalize;
mod stopwords;
mod title;
mod tokenizer;
pub mod vocabulary;
mod word_cache;

use std::sync::OnceLock;

use hrlex_model::Lang;
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, StopWordFilter, TextAnalyzer, TokenStream, Tokenizer,
    TokenizerManager,
};
use unicode_script::{Script, UnicodeScript};

pub use filters::{
    drop_russian_fleeting_vowel, fold_for_french_stemmer, fold_for_portuguese_stemmer,
    RewriteTerms, TermRewrite, LATIN_DIACRITIC_FOLDER,
};
pub use identifier::{normalize_identifier, printed_identifiers, IdentifierTokenizer};
pub use normalize::{fold_latin_diacritics, normalize_surface};
pub use tantivy::tokenizer::Token;
pub use title::title_key;
pub use tokenizer::{jieba, HanSegmentation, ScriptAwareTokenizer, MAX_WORD_CHARS};
pub use word_cache::CachedWordFilter;

pub const ANALYZER_ENGLISH: &str = "hrlex_en";
pub const ANALYZER_FRENCH: &str = "hrlex_fr";
pub const ANALYZER_SPANISH: &str = "hrlex_es";
pub const ANALYZER_PORTUGUESE: &str = "hrlex_pt";
pub const ANALYZER_RUSSIAN: &str = "hrlex_ru";
pub const ANALYZER_ARABIC: &str = "hrlex_ar";
pub const ANALYZER_CHINESE: &str = "hrlex_zh";
/// Fallback for text of an unknown or other language: never drops a script.
pub const ANALYZER_DEFAULT: &str = "hrlex_default";
/// Overlapping CJK character bigrams (plus default tokens for other scripts).
pub const ANALYZER_CJK_BIGRAM: &str = "hrlex_cjk_bigram";
/// Exact identifiers (UN symbols, application numbers): whole, normalized tokens.
///
/// Feed it one value per identifier (a multi-valued field: the document's symbol, its
/// application/communication numbers, and the citation keys of `hrlex-cite` such as
/// `un:A/HRC/15/56` for "documents that mention it"), not running text. Look an
/// identifier up with a term of [`normalize_identifier`] (or a phrase for a value with
/// spaces such as `Series C No. 205`).
pub const ANALYZER_IDENTIFIER: &str = "hrlex_identifier";

/// Every analyzer name.
pub const ALL_ANALYZERS: &[&str] = &[
    ANALYZER_ENGLISH,
    ANALYZER_FRENCH,
    ANALYZER_SPANISH,
    ANALYZER_PORTUGUESE,
    ANALYZER_RUSSIAN,
    ANALYZER_ARABIC,
    ANALYZER_CHINESE,
    ANALYZER_DEFAULT,
    ANALYZER_CJK_BIGRAM,
    ANALYZER_IDENTIFIER,
];

/// The analyzer for text in `lang`.
pub fn analyzer_for(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ANALYZER_ENGLISH,
        Lang::Fr => ANALYZER_FRENCH,
        Lang::Es => ANALYZER_SPANISH,
        Lang::Pt => ANALYZER_PORTUGUESE,
        Lang::Ru => ANALYZER_RUSSIAN,
        Lang::Ar => ANALYZER_ARABIC,
        Lang::Zh => ANALYZER_CHINESE,
        Lang::Other | Lang::Und => ANALYZER_DEFAULT,
    }
}

/// The analyzer for text (typically a query) whose language is unknown, chosen by the
/// script most of its letters are written in: Han → Chinese, Arabic → Arabic, Cyrillic →
/// Russian, anything else (Latin included: English, French, Spanish and Portuguese cannot
/// be told apart from a few words) → [`ANALYZER_DEFAULT`].
pub fn analyzer_for_text(text: &str) -> &'static str {
    let (mut han, mut arabic, mut cyrillic, mut other) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()).take(2000) {
        match c.script() {
            Script::Han => han += 1,
            Script::Arabic => arabic += 1,
            Script::Cyrillic => cyrillic += 1,
            _ => other += 1,
        }
    }
    // A Han character carries about a word's worth of meaning; weigh it like a short word.
    let han_weight = han * 3;
    let best = han_weight.max(arabic).max(cyrillic);
    if best == 0 || other >= best {
        ANALYZER_DEFAULT
    } else if best == han_weight {
        ANALYZER_CHINESE
    } else if best == arabic {
        ANALYZER_ARABIC
    } else {
        ANALYZER_RUSSIAN
    }
}

/// The per-word filters of a stemmed analyzer: stop words (matched on the accented form,
/// as the lists are written) → `fold` → the stop words' unaccented spellings (Latin
/// diacritics, plus the language's fixes for endings the stemmer knows only accented) →
/// Snowball stemmer → `after_stemming`.
///
/// Folding comes before stemming so that a word typed without its accents always gives
/// the term of the accented word (the stem is a function of the folded word alone). Measured
/// on the UN dev set, stemming the accented form first conflates slightly more (French: 5,749
/// vs 6,106 classes for 9,985 words) but then 23% of accented French words no longer meet
/// their unaccented spelling.
#[derive(Clone)]
struct StemmingChain {
    stop_words: StopWordFilter,
    fold: TermRewrite,
    unaccented_stop_words: &'static [&'static str],
    language: Language,
    after_stemming: Option<TermRewrite>,
}

impl StemmingChain {
    /// `tokenizer` followed by the filters.
    fn over<T: Tokenizer>(&self, tokenizer: T) -> TextAnalyzer {
        let unaccented_stop_words = StopWordFilter::remove(
            self.unaccented_stop_words
                .iter()
                .map(|word| (*word).to_owned()),
        );
        let builder = TextAnalyzer::builder(tokenizer)
            .filter(self.stop_words.clone())
            .filter(RewriteTerms(self.fold))
            .filter(unaccented_stop_words)
            .filter(Stemmer::new(self.language));
        match self.after_stemming {
            Some(rewrite) => builder.filter(RewriteTerms(rewrite)).build(),
            None => builder.build(),
        }
    }

    /// `tokenizer` followed by the filters run once per distinct word (see
    /// [`CachedWordFilter`]): the same terms as [`StemmingChain::over`], faster.
    fn cached_over<T: Tokenizer>(&self, tokenizer: T) -> TextAnalyzer {
        TextAnalyzer::builder(tokenizer)
            .filter(CachedWordFilter::new(self.over(RawTokenizer::default())))
            .build()
    }
}

/// Stop words tantivy ships for `language` (English, French, Spanish, Portuguese, Russian).
fn builtin_stop_words(language: Language) -> StopWordFilter {
    StopWordFilter::new(language).unwrap_or_else(|| StopWordFilter::remove(Vec::new()))
}

/// The per-word filters of the stemmed analyzer called `name`, if it is one.
fn stemming_chain(name: &str) -> Option<StemmingChain> {
    let chain = |stop_words, fold: TermRewrite, unaccented_stop_words, language, after_stemming| {
        StemmingChain {
            stop_words,
            fold,
            unaccented_stop_words,
            language,
            after_stemming,
        }
    };
    let latin_fold: TermRewrite = fold_latin_diacritics;
    Some(match name {
        ANALYZER_ENGLISH => chain(
            builtin_stop_words(Language::English),
            latin_fold,
            &[],
            Language::English,
            None,
        ),
        ANALYZER_FRENCH => chain(
            builtin_stop_words(Language::French),
            fold_for_french_stemmer,
            stopwords::FRENCH_UNACCENTED,
            Language::French,
            None,
        ),
        ANALYZER_SPANISH => chain(
            builtin_stop_words(Language::Spanish),
            latin_fold,
            stopwords::SPANISH_UNACCENTED,
            Language::Spanish,
            None,
        ),
        ANALYZER_PORTUGUESE => chain(
            builtin_stop_words(Language::Portuguese),
            fold_for_portuguese_stemmer,
            stopwords::PORTUGUESE_UNACCENTED,
            Language::Portuguese,
            None,
        ),
        ANALYZER_RUSSIAN => chain(
            builtin_stop_words(Language::Russian),
            latin_fold,
            &[],
            Language::Russian,
            Some(drop_russian_fleeting_vowel),
        ),
        ANALYZER_ARABIC => chain(
            StopWordFilter::remove(stopwords::arabic_stop_words()),
            latin_fold,
            &[],
            Language::Arabic,
            None,
        ),
        _ => return None,
    })
}

/// The word tokenizer of the text analyzer called `name`.
fn words_for(name: &str) -> ScriptAwareTokenizer {
    let words = ScriptAwareTokenizer::new(HanSegmentation::Jieba);
    if name == ANALYZER_FRENCH {
        words.with_french_elision()
    } else {
        words
    }
}

/// Builds the analyzer called `name`, or `None` for a name that is not one of ours.
pub fn build_analyzer(name: &str) -> Option<TextAnalyzer> {
    if let Some(chain) = stemming_chain(name) {
        return Some(chain.cached_over(words_for(name)));
    }
    let words = || words_for(name);
    let analyzer = match name {
        ANALYZER_CHINESE | ANALYZER_DEFAULT => TextAnalyzer::builder(words())
            .filter(LATIN_DIACRITIC_FOLDER)
            .build(),
        ANALYZER_CJK_BIGRAM => {
            TextAnalyzer::builder(ScriptAwareTokenizer::new(HanSegmentation::Bigrams))
                .filter(LATIN_DIACRITIC_FOLDER)
                .build()
        }
        ANALYZER_IDENTIFIER => TextAnalyzer::builder(IdentifierTokenizer::default()).build(),
        _ => return None,
    };
    Some(analyzer)
}

/// Registers every analyzer in `manager` (use `index.tokenizers()`).
pub fn register(manager: &TokenizerManager) {
    for name in ALL_ANALYZERS {
        if let Some(analyzer) = build_analyzer(name) {
            manager.register(name, analyzer);
        }
    }
}

fn shared_manager() -> &'static TokenizerManager {
    static MANAGER: OnceLock<TokenizerManager> = OnceLock::new();
    MANAGER.get_or_init(|| {
        let manager = TokenizerManager::default();
        register(&manager);
        manager
    })
}

/// Runs the analyzer called `analyzer_name` on `text`; `None` if no such analyzer.
///
/// For highlighting: each token's `offset_from..offset_to` is the byte range of its
/// surface in `text`.
pub fn analyze(analyzer_name: &str, text: &str) -> Option<Vec<Token>> {
    let mut analyzer = shared_manager().get(analyzer_name)?;
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push(token.clone());
    }
    Some(tokens)
}

/// The terms (token texts) the analyzer called `analyzer_name` makes of `text`.
pub fn analyze_to_terms(analyzer_name: &str, text: &str) -> Option<Vec<String>> {
    analyze(analyzer_name, text).map(|tokens| tokens.into_iter().map(|token| token.text).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every token of `text`, all fields, under `analyzer`.
    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push(stream.token().clone());
        }
        tokens
    }

    fn devset(lang: &str) -> Vec<String> {
        let path = hrlex_testkit::expect_dev_corpus()
            .join("multilingual/un-parallel-corpus/devset")
            .join(format!("UNv1.0.devset.{lang}"));
        std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
            .lines()
            .take(200)
            .map(str::to_owned)
            .collect()
    }

    /// The word cache is an optimization only: on real text of every stemmed language
    /// (Latin, Cyrillic and Arabic scripts), a cached analyzer instance gives exactly the
    /// tokens (terms, offsets, positions, stop words dropped) of the uncached chain, on
    /// first sight of the words, once they are cached, and when the cache is full.
    #[test]
    fn cached_word_filters_give_the_terms_of_the_uncached_chain() {
        hrlex_testkit::require_dev_corpus!();
        for (name, lang) in [
            (ANALYZER_ENGLISH, "en"),
            (ANALYZER_FRENCH, "fr"),
            (ANALYZER_SPANISH, "es"),
            (ANALYZER_PORTUGUESE, "es"),
            (ANALYZER_RUSSIAN, "ru"),
            (ANALYZER_ARABIC, "ar"),
        ] {
            let chain = stemming_chain(name).expect("a stemmed analyzer");
            let mut uncached = chain.over(words_for(name));
            let mut cached = build_analyzer(name).expect("registered");
            let mut nearly_full = TextAnalyzer::builder(words_for(name))
                .filter(
                    CachedWordFilter::new(chain.over(RawTokenizer::default())).with_max_words(3),
                )
                .build();
            let lines = devset(lang);
            let mut dropped = 0;
            for round in 0..2 {
                for line in &lines {
                    let expected = tokens(&mut uncached, line);
                    assert_eq!(
                        tokens(&mut cached, line),
                        expected,
                        "{name} round {round}: {line}"
                    );
                    assert_eq!(
                        tokens(&mut nearly_full, line),
                        expected,
                        "{name} full: {line}"
                    );
                    let last = expected.last().map_or(0, |token| token.position + 1);
                    dropped += last - expected.len();
                }
            }
            assert!(
                dropped > 0,
                "{name}: no stop word met, the drop path is untested"
            );
        }
    }

    /// A clone of a used analyzer analyzes like a fresh one (its cache starts empty).
    #[test]
    fn a_clone_of_a_used_analyzer_gives_the_same_terms() {
        let mut used = build_analyzer(ANALYZER_RUSSIAN).expect("registered");
        let text = "Пытки и жестокое обращение запрещены; пыток не было.";
        let first = tokens(&mut used, text);
        let mut clone = used.clone();
        assert_eq!(tokens(&mut clone, text), first);
        assert_eq!(tokens(&mut used, text), first);
        assert!(first.iter().any(|token| token.text == "пытк"));
    }
}
