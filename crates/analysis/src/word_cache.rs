//! Memoized per-word filtering.
//!
//! After the tokenizer, every filter of the stemmed analyzers (stop words, diacritic
//! folding, the Snowball stemmer, the after-stemming rewrites) looks at one token's text
//! alone, and running text repeats the same few thousand words over and over. Measured on
//! the 20,000-document benchmark corpus, the Snowball stemmer alone was a fifth of the
//! indexing CPU time. [`CachedWordFilter`] runs that chain of filters once per distinct
//! word of an analyzer instance and remembers the outcome (the term, or "dropped"), so
//! the terms are exactly those of the chain without the cache.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use tantivy::tokenizer::{TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

/// Distinct words remembered per analyzer instance (about 2.5 MB); words met once the
/// cache is full are filtered without being remembered. Running text meets its frequent
/// words early, so they are the ones cached: on the English text of the 100,000-document
/// bench corpus (14M words, 81k distinct), the first 20,000 distinct words cover 97.9% of
/// the occurrences (50,000: 99.2%, for 2.5 times the memory per indexing thread and
/// language).
const MAX_CACHED_WORDS: usize = 20_000;

/// A token filter that applies `chain` (an analyzer over tantivy's `RawTokenizer`, i.e.
/// filters that see one word at a time) to each token, with a cache of the outcomes.
#[derive(Clone)]
pub struct CachedWordFilter {
    chain: TextAnalyzer,
    max_words: usize,
}

impl CachedWordFilter {
    /// `chain` must be built on tantivy's `RawTokenizer` and only hold filters whose
    /// outcome for a token depends on that token's text alone (no position or neighbour
    /// logic).
    pub fn new(chain: TextAnalyzer) -> Self {
        CachedWordFilter {
            chain,
            max_words: MAX_CACHED_WORDS,
        }
    }

    /// Remembers at most `max_words` distinct words (tests of the full-cache path).
    #[cfg(test)]
    pub(crate) fn with_max_words(mut self, max_words: usize) -> Self {
        self.max_words = max_words;
        self
    }
}

impl TokenFilter for CachedWordFilter {
    type Tokenizer<T: Tokenizer> = CachedWordTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedWordTokenizer<T> {
        CachedWordTokenizer {
            inner: tokenizer,
            chain: self.chain,
            cache: WordCache::default(),
            max_words: self.max_words,
        }
    }
}

/// What the chain made of a word: its term, or `None` when it dropped it (a stop word).
type WordCache = HashMap<Box<str>, Option<Box<str>>, BuildHasherDefault<WordHasher>>;

/// FNV-1a over the word's bytes: the keys are short words, for which it is several times
/// cheaper than the default SipHash, and they come from the indexed text, not from an
/// adversary able to pick collisions.
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

pub struct CachedWordTokenizer<T> {
    inner: T,
    chain: TextAnalyzer,
    cache: WordCache,
    max_words: usize,
}

/// A clone starts with an empty cache: analyzers are cloned out of the tokenizer manager
/// for each indexing thread and each query, and a cache is only worth copying where it
/// is used.
impl<T: Clone> Clone for CachedWordTokenizer<T> {
    fn clone(&self) -> Self {
        CachedWordTokenizer {
            inner: self.inner.clone(),
            chain: self.chain.clone(),
            cache: WordCache::default(),
            max_words: self.max_words,
        }
    }
}

impl<T: Tokenizer> Tokenizer for CachedWordTokenizer<T> {
    type TokenStream<'a> = CachedWordStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedWordStream {
            inner: self.inner.token_stream(text),
            chain: &mut self.chain,
            cache: &mut self.cache,
            max_words: self.max_words,
        }
    }
}

pub struct CachedWordStream<'a, S> {
    inner: S,
    chain: &'a mut TextAnalyzer,
    cache: &'a mut WordCache,
    max_words: usize,
}

/// Runs the one-word chain on `word`.
fn filter_word(chain: &mut TextAnalyzer, word: &str) -> Option<Box<str>> {
    let mut stream = chain.token_stream(word);
    stream
        .advance()
        .then(|| stream.token().text.as_str().into())
}

impl<S: TokenStream> TokenStream for CachedWordStream<'_, S> {
    fn advance(&mut self) -> bool {
        while self.inner.advance() {
            let token = self.inner.token_mut();
            let term = match self.cache.get(token.text.as_str()) {
                Some(term) => term.as_deref(),
                None => {
                    let term = filter_word(self.chain, &token.text);
                    if self.cache.len() < self.max_words {
                        self.cache
                            .entry(token.text.as_str().into())
                            .or_insert(term)
                            .as_deref()
                    } else {
                        // Not remembered: apply it here and now.
                        match term {
                            Some(term) => {
                                token.text.clear();
                                token.text.push_str(&term);
                                return true;
                            }
                            None => continue,
                        }
                    }
                }
            };
            if let Some(term) = term {
                if token.text != term {
                    token.text.clear();
                    token.text.push_str(term);
                }
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}
