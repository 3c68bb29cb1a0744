//! Running the registered analyzers outside of indexing: for building queries and for
//! re-analyzing paragraphs when highlighting.

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

/// The registered analyzers, looked up by name.
#[derive(Clone)]
pub(crate) struct Analyzers {
    manager: TokenizerManager,
}

impl Analyzers {
    pub(crate) fn new(manager: TokenizerManager) -> Self {
        Analyzers { manager }
    }

    fn analyzer(&self, name: &str) -> Option<TextAnalyzer> {
        self.manager.get(name)
    }

    /// Tokens of `text` under analyzer `name`. Offsets that the analyzer reports outside
    /// of `text` or off char boundaries are clamped so that slicing is always safe.
    pub(crate) fn analyze(&self, name: &str, text: &str) -> Vec<AnalyzedToken> {
        let Some(mut analyzer) = self.analyzer(name) else {
            return Vec::new();
        };
        let mut tokens = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let token = stream.token();
            let from = floor_char_boundary(text, token.offset_from);
            let to = floor_char_boundary(text, token.offset_to.max(token.offset_from));
            tokens.push(AnalyzedToken {
                term: token.text.clone(),
                from,
                to,
                position: token.position,
            });
        }
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
