//! Token filters of our own.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use crate::normalize::fold_latin_diacritics;

/// Strips diacritics from Latin letters (`détention` → `detention`, `comité` → `comite`)
/// and leaves every other script alone. It runs after the stemmer, which expects
/// accented text, so that accented and unaccented spellings meet on the same term.
#[derive(Debug, Clone, Copy, Default)]
pub struct LatinDiacriticFolder;

impl TokenFilter for LatinDiacriticFolder {
    type Tokenizer<T: Tokenizer> = LatinDiacriticFolderTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> LatinDiacriticFolderTokenizer<T> {
        LatinDiacriticFolderTokenizer { inner: tokenizer }
    }
}

#[derive(Debug, Clone)]
pub struct LatinDiacriticFolderTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for LatinDiacriticFolderTokenizer<T> {
    type TokenStream<'a> = LatinDiacriticFolderStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        LatinDiacriticFolderStream {
            inner: self.inner.token_stream(text),
        }
    }
}

pub struct LatinDiacriticFolderStream<S> {
    inner: S,
}

impl<S: TokenStream> TokenStream for LatinDiacriticFolderStream<S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let token = self.inner.token_mut();
        if let Some(folded) = fold_latin_diacritics(&token.text) {
            token.text = folded;
        }
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}
