//! hrlex-analysis: one tantivy analyzer per language (being written).
//!
//! Contract used by `hrlex-index`: analyzer names are constants, [`analyzer_for`] maps a
//! document language to its analyzer, and [`register`] registers every analyzer.

use hrlex_model::Lang;
use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer, TokenizerManager};

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

/// Registers every analyzer in `manager` (use `index.tokenizers()`).
pub fn register(manager: &TokenizerManager) {
    for name in ALL_ANALYZERS {
        manager.register(
            name,
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .build(),
        );
    }
}
