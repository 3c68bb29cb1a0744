//! Running the registered analyzers outside of indexing: for building queries and for
//! re-analyzing paragraphs when highlighting.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};

/// One token of analyzed text: the indexed term, its byte range in the original text and
/// its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AnalyzedToken {
    pub term: String,
    pub from: usize,
    pub to: usize,
    pub position: usize,
}

/// How many idle instances of one analyzer are kept (about one per searching thread).
const POOLED_PER_ANALYZER: usize = 8;

/// The registered analyzers, looked up by name.
///
/// Instances are pooled between calls: a stemmed analyzer carries a per-word cache
/// (`hrlex_analysis::word_cache`) that a fresh clone out of the manager starts empty, so
/// without the pool every query and every snippet paid the Snowball stemmer (and a
/// cache insertion) for each word. Measured on the whole corpus, re-analyzing the page's
/// paragraphs for snippets was a third of a query's time.
#[derive(Clone)]
pub(crate) struct Analyzers {
    manager: TokenizerManager,
    idle: Arc<Mutex<HashMap<String, Vec<TextAnalyzer>>>>,
}

impl Analyzers {
    pub(crate) fn new(manager: TokenizerManager) -> Self {
        Analyzers {
            manager,
            idle: Arc::default(),
        }
    }

    /// Runs `work` with an instance of analyzer `name` (`None` when there is no such
    /// analyzer), taken from the pool and given back to it afterwards.
    fn with_analyzer<R>(&self, name: &str, work: impl FnOnce(&mut TextAnalyzer) -> R) -> Option<R> {
        let lock = || self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        let pooled = lock().get_mut(name).and_then(Vec::pop);
        let mut analyzer = match pooled {
            Some(analyzer) => analyzer,
            None => self.manager.get(name)?,
        };
        let result = work(&mut analyzer);
        let mut idle = lock();
        let instances = idle.entry(name.to_string()).or_default();
        if instances.len() < POOLED_PER_ANALYZER {
            instances.push(analyzer);
        }
        Some(result)
    }

    /// Calls `visit(term, from, to, position)` for each token of `text` under analyzer
    /// `name`, without copying the terms. Offsets that the analyzer reports outside of
    /// `text` or off char boundaries are clamped so that slicing is always safe.
    pub(crate) fn for_each_token(
        &self,
        name: &str,
        text: &str,
        mut visit: impl FnMut(&str, usize, usize, usize),
    ) {
        self.with_analyzer(name, |analyzer| {
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                let token = stream.token();
                let from = floor_char_boundary(text, token.offset_from);
                let to = floor_char_boundary(text, token.offset_to.max(token.offset_from));
                visit(&token.text, from, to, token.position);
            }
        });
    }

    /// Tokens of `text` under analyzer `name` (see [`Analyzers::for_each_token`]).
    pub(crate) fn analyze(&self, name: &str, text: &str) -> Vec<AnalyzedToken> {
        let mut tokens = Vec::new();
        self.for_each_token(name, text, |term, from, to, position| {
            tokens.push(AnalyzedToken {
                term: term.to_string(),
                from,
                to,
                position,
            })
        });
        tokens
    }
}

pub(crate) fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// True when `text` has a Han, Hiragana, Katakana or Hangul character.
pub(crate) fn has_cjk(text: &str) -> bool {
    text.chars().any(|character| {
        matches!(character as u32,
            0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
    })
}
