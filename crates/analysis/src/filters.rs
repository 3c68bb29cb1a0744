//! Token filters of our own: each rewrites a token's text with a plain function.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use crate::normalize::fold_latin_diacritics;

/// Rewrites token text; returns `None` when the text stays as it is.
pub type TermRewrite = fn(&str) -> Option<String>;

/// A token filter that applies a [`TermRewrite`] to every token (offsets untouched).
#[derive(Clone, Copy)]
pub struct RewriteTerms(pub TermRewrite);

/// Strips diacritics from Latin letters (`détention` → `detention`) and leaves every other
/// script alone.
pub const LATIN_DIACRITIC_FOLDER: RewriteTerms = RewriteTerms(fold_latin_diacritics);

impl TokenFilter for RewriteTerms {
    type Tokenizer<T: Tokenizer> = RewriteTermsTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> RewriteTermsTokenizer<T> {
        RewriteTermsTokenizer {
            rewrite: self.0,
            inner: tokenizer,
        }
    }
}

#[derive(Clone)]
pub struct RewriteTermsTokenizer<T> {
    rewrite: TermRewrite,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for RewriteTermsTokenizer<T> {
    type TokenStream<'a> = RewriteTermsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RewriteTermsStream {
            rewrite: self.rewrite,
            inner: self.inner.token_stream(text),
        }
    }
}

pub struct RewriteTermsStream<S> {
    rewrite: TermRewrite,
    inner: S,
}

impl<S: TokenStream> TokenStream for RewriteTermsStream<S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let token = self.inner.token_mut();
        if let Some(rewritten) = (self.rewrite)(&token.text) {
            token.text = rewritten;
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

/// Folds Latin diacritics, then undoes the French participle endings that the Snowball
/// stemmer only recognizes with their accent: once `privée` is folded to `privee`, `ee`
/// and `ees` become `e` so that `privée`, `privées` and `privé` share a stem.
pub fn fold_for_french_stemmer(text: &str) -> Option<String> {
    let folded = fold_latin_diacritics(text);
    let current = folded.as_deref().unwrap_or(text);
    let without_ending = if current.chars().count() > 5 {
        current
            .strip_suffix("ees")
            .or_else(|| current.strip_suffix("ee"))
    } else {
        None
    };
    match without_ending {
        Some(stem) => Some(format!("{stem}e")),
        None => folded,
    }
}

/// Folds Latin diacritics, then maps the plural `-ões` (`detenções`, folded `detencoes`)
/// to the singular `-ão` form (`detencao`), which the Portuguese stemmer treats alike only
/// with the tilde.
pub fn fold_for_portuguese_stemmer(text: &str) -> Option<String> {
    let folded = fold_latin_diacritics(text);
    let current = folded.as_deref().unwrap_or(text);
    match current.strip_suffix("oes") {
        Some(stem) if stem.chars().count() >= 2 => Some(format!("{stem}ao")),
        _ => folded,
    }
}

fn is_russian_vowel(c: char) -> bool {
    matches!(c, 'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я')
}

fn is_russian_consonant(c: char) -> bool {
    matches!(c, 'а'..='я') && !is_russian_vowel(c) && !matches!(c, 'ь' | 'ъ' | 'й')
}

/// After the Russian stemmer: drops the fleeting vowel of a final `-ок`/`-ек`/`-ец`/`-ен`…
/// (`пыток` → `пытк`, to meet `пытки` → `пытк`; `отец` → `отц` to meet `отца`). Applied to
/// every stem alike, so all forms of a word keep meeting even where it over-applies
/// (`закон` → `закн`, as `закона` → `закн`).
pub fn drop_russian_fleeting_vowel(stem: &str) -> Option<String> {
    let chars: Vec<char> = stem.chars().collect();
    let length = chars.len();
    if length < 5 {
        return None;
    }
    let (before, vowel, last) = (chars[length - 3], chars[length - 2], chars[length - 1]);
    let fleeting = matches!(vowel, 'о' | 'е')
        && matches!(last, 'к' | 'ц' | 'н' | 'л' | 'р' | 'м')
        && is_russian_consonant(before);
    fleeting.then(|| {
        chars[..length - 2]
            .iter()
            .chain(&chars[length - 1..])
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_participle_endings_are_reduced_after_folding() {
        assert_eq!(fold_for_french_stemmer("privée").as_deref(), Some("prive"));
        assert_eq!(fold_for_french_stemmer("privees").as_deref(), Some("prive"));
        assert_eq!(
            fold_for_french_stemmer("détention").as_deref(),
            Some("detention")
        );
        assert_eq!(fold_for_french_stemmer("idée"), Some("idee".to_owned()));
        assert_eq!(fold_for_french_stemmer("torture"), None);
    }

    #[test]
    fn portuguese_oes_plural_becomes_ao() {
        assert_eq!(
            fold_for_portuguese_stemmer("detenções").as_deref(),
            Some("detencao")
        );
        assert_eq!(
            fold_for_portuguese_stemmer("detencoes").as_deref(),
            Some("detencao")
        );
        assert_eq!(
            fold_for_portuguese_stemmer("detenção").as_deref(),
            Some("detencao")
        );
    }

    #[test]
    fn russian_fleeting_vowel_is_dropped_from_the_stem() {
        assert_eq!(
            drop_russian_fleeting_vowel("пыток").as_deref(),
            Some("пытк")
        );
        assert_eq!(drop_russian_fleeting_vowel("пытк"), None);
        assert_eq!(drop_russian_fleeting_vowel("сок"), None);
        assert_eq!(
            drop_russian_fleeting_vowel("девушек").as_deref(),
            Some("девушк")
        );
        assert_eq!(drop_russian_fleeting_vowel("права"), None);
    }
}
