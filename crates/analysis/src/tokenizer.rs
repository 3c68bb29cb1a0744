//! The script-aware tokenizer behind every text analyzer.
//!
//! Text is cut into runs by script: Han runs go to jieba (or to overlapping bigrams),
//! kana runs to bigrams, and every other letter or digit run (Latin, Cyrillic, Arabic,
//! Greek, Hangul, …) becomes word tokens. This is what keeps `Comité` whole inside
//! Chinese text and keeps a 40-character Chinese sentence from being dropped.
//!
//! Every token carries byte offsets into the original text (`&text[from..to]` is the
//! token's surface before normalization, for highlighting) and consecutive positions
//! (for phrase queries). Token text is normalized by [`crate::normalize::normalize_surface`].

use std::sync::OnceLock;

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::char::is_combining_mark;
use unicode_script::{Script, UnicodeScript};

use crate::normalize::{is_apostrophe, is_invisible_joiner, normalize_surface};

/// Longer letter runs (base64 blobs, scripts written without spaces such as Thai) are cut
/// into pieces of this many characters rather than dropped or sent to the index as one
/// oversized term.
pub const MAX_WORD_CHARS: usize = 64;

/// French elided articles and pronouns (`l'État`, `d'une`, `qu'il`, `jusqu'à`).
const FRENCH_ELISION_PREFIXES: &[&str] = &[
    "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
];

/// How runs of Han characters are cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HanSegmentation {
    /// Dictionary words with jieba's default cut (HMM on for unknown words).
    Jieba,
    /// Overlapping character bigrams (`人权理事会` → `人权 权理 理事 事会`); a lone Han
    /// character is emitted as a unigram.
    Bigrams,
}

/// The jieba segmenter, built once: loading its embedded dictionary takes a while.
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Han,
    Kana,
    Word,
    Joiner,
    Apostrophe,
    Separator,
}

fn classify(c: char) -> CharClass {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            CharClass::Word
        } else if c == '\'' {
            CharClass::Apostrophe
        } else {
            CharClass::Separator
        };
    }
    match c.script() {
        Script::Han => return CharClass::Han,
        Script::Hiragana | Script::Katakana => return CharClass::Kana,
        _ => {}
    }
    if c.is_alphanumeric() || is_combining_mark(c) {
        CharClass::Word
    } else if is_invisible_joiner(c) {
        CharClass::Joiner
    } else if is_apostrophe(c) {
        CharClass::Apostrophe
    } else {
        CharClass::Separator
    }
}

/// Splits text by script and normalizes each token; see the module documentation.
#[derive(Debug, Clone)]
pub struct ScriptAwareTokenizer {
    han_segmentation: HanSegmentation,
    french_elision: bool,
    tokens: Vec<Token>,
}

impl ScriptAwareTokenizer {
    pub fn new(han_segmentation: HanSegmentation) -> Self {
        ScriptAwareTokenizer {
            han_segmentation,
            french_elision: false,
            tokens: Vec::new(),
        }
    }

    /// Drops French elided prefixes (`l'`, `d'`, `qu'` …) from the token and its offsets.
    pub fn with_french_elision(mut self) -> Self {
        self.french_elision = true;
        self
    }
}

/// Collects tokens with consecutive positions into `tokens[..used]`, reusing the text
/// buffers of the tokens left there by the previous text (one allocation per token
/// otherwise).
struct TokenSink<'t> {
    tokens: &'t mut Vec<Token>,
    used: usize,
}

impl TokenSink<'_> {
    fn emit(&mut self, text: &str, from: usize, to: usize) {
        if self.used == self.tokens.len() {
            self.tokens.push(Token::default());
        }
        let token = &mut self.tokens[self.used];
        normalize_surface(&text[from..to], &mut token.text);
        if token.text.is_empty() {
            return;
        }
        token.offset_from = from;
        token.offset_to = to;
        token.position = self.used;
        token.position_length = 1;
        self.used += 1;
    }

    fn emit_bigrams(&mut self, text: &str, run_start: usize, run_end: usize) {
        let mut boundaries: Vec<usize> = text[run_start..run_end]
            .char_indices()
            .map(|(index, _)| run_start + index)
            .collect();
        boundaries.push(run_end);
        if boundaries.len() == 2 {
            self.emit(text, run_start, run_end);
            return;
        }
        for window in boundaries.windows(3) {
            self.emit(text, window[0], window[2]);
        }
    }

    fn emit_jieba_words(&mut self, text: &str, run_start: usize, run_end: usize) {
        let run = &text[run_start..run_end];
        let mut covered = 0;
        for word in jieba().cut(run, true) {
            // jieba covers the run with consecutive slices; guard anyway so that no
            // character is ever lost, whatever its version does.
            if word.byte_start != covered || word.byte_end <= word.byte_start {
                continue;
            }
            self.emit(text, run_start + word.byte_start, run_start + word.byte_end);
            covered = word.byte_end;
        }
        if covered < run.len() {
            self.emit_bigrams(text, run_start + covered, run_end);
        }
    }

    fn emit_word(&mut self, text: &str, mut from: usize, to: usize, french_elision: bool) {
        if french_elision {
            from = skip_french_elision(text, from, to);
        }
        let mut piece_start = from;
        let mut chars_in_piece = 0;
        for (index, _) in text[from..to].char_indices() {
            if chars_in_piece == MAX_WORD_CHARS {
                self.emit(text, piece_start, from + index);
                piece_start = from + index;
                chars_in_piece = 0;
            }
            chars_in_piece += 1;
        }
        self.emit(text, piece_start, to);
    }
}

/// Returns where the word starts once a French elided prefix (`l'`, `qu’`) is skipped.
fn skip_french_elision(text: &str, from: usize, to: usize) -> usize {
    let word = &text[from..to];
    let Some((apostrophe_index, apostrophe)) = word.char_indices().find(|&(_, c)| is_apostrophe(c))
    else {
        return from;
    };
    let prefix = &word[..apostrophe_index];
    let is_elision = FRENCH_ELISION_PREFIXES
        .iter()
        .any(|candidate| candidate.eq_ignore_ascii_case(prefix));
    let rest = apostrophe_index + apostrophe.len_utf8();
    if is_elision && rest < word.len() {
        from + rest
    } else {
        from
    }
}

/// Tokenizes `text` into `tokens[..n]` and returns `n`; tokens past `n` are spare buffers.
pub(crate) fn tokenize_script_aware(
    text: &str,
    han_segmentation: HanSegmentation,
    french_elision: bool,
    tokens: &mut Vec<Token>,
) -> usize {
    let mut sink = TokenSink { tokens, used: 0 };
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let class = classify(c);
        match class {
            CharClass::Separator | CharClass::Apostrophe | CharClass::Joiner => continue,
            CharClass::Han | CharClass::Kana => {
                let mut end = start + c.len_utf8();
                while let Some(&(index, next)) = chars.peek() {
                    if classify(next) != class {
                        break;
                    }
                    end = index + next.len_utf8();
                    chars.next();
                }
                match (class, han_segmentation) {
                    (CharClass::Han, HanSegmentation::Jieba) => {
                        sink.emit_jieba_words(text, start, end)
                    }
                    _ => sink.emit_bigrams(text, start, end),
                }
            }
            CharClass::Word => {
                let mut end = start + c.len_utf8();
                // A joiner or apostrophe belongs to the word only between word characters.
                while let Some(&(index, next)) = chars.peek() {
                    match classify(next) {
                        CharClass::Word => {
                            end = index + next.len_utf8();
                            chars.next();
                        }
                        CharClass::Joiner | CharClass::Apostrophe => {
                            let after = index + next.len_utf8();
                            let continues = text[after..]
                                .chars()
                                .next()
                                .is_some_and(|following| classify(following) == CharClass::Word);
                            if !continues {
                                break;
                            }
                            chars.next();
                        }
                        _ => break,
                    }
                }
                sink.emit_word(text, start, end, french_elision);
            }
        }
    }
    sink.used
}

impl Tokenizer for ScriptAwareTokenizer {
    type TokenStream<'a> = BufferedTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BufferedTokenStream<'a> {
        let used = tokenize_script_aware(
            text,
            self.han_segmentation,
            self.french_elision,
            &mut self.tokens,
        );
        BufferedTokenStream::new(&mut self.tokens[..used])
    }
}

/// A token stream over tokens computed up front (reusing the tokenizer's buffer).
pub struct BufferedTokenStream<'a> {
    tokens: &'a mut [Token],
    next_index: usize,
}

impl<'a> BufferedTokenStream<'a> {
    pub(crate) fn new(tokens: &'a mut [Token]) -> Self {
        BufferedTokenStream {
            tokens,
            next_index: 0,
        }
    }
}

impl TokenStream for BufferedTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next_index < self.tokens.len() {
            self.next_index += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next_index.saturating_sub(1)]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next_index.saturating_sub(1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str, han: HanSegmentation, elision: bool) -> Vec<Token> {
        let mut output = vec![Token::default(); 3];
        let used = tokenize_script_aware(text, han, elision, &mut output);
        output.truncate(used);
        output
    }

    fn texts(text: &str, han: HanSegmentation, elision: bool) -> Vec<String> {
        tokens(text, han, elision)
            .into_iter()
            .map(|token| token.text)
            .collect()
    }

    #[test]
    fn latin_word_inside_chinese_text_stays_whole() {
        let words = texts(
            "禁止酷刑委员会（Comité contre la torture）",
            HanSegmentation::Jieba,
            false,
        );
        assert!(words.contains(&"comité".to_string()), "{words:?}");
        assert!(!words.iter().any(|word| word == "comit" || word == "é"));
    }

    #[test]
    fn bigrams_overlap_and_lone_han_character_is_a_unigram() {
        assert_eq!(
            texts("人权理事会 和 A", HanSegmentation::Bigrams, false),
            ["人权", "权理", "理事", "事会", "和", "a"]
        );
    }

    #[test]
    fn french_elision_moves_the_offset_past_the_article() {
        let text = "l'État, d’une part, qu'il, aujourd'hui";
        let result = tokens(text, HanSegmentation::Jieba, true);
        let surfaces: Vec<&str> = result
            .iter()
            .map(|token| &text[token.offset_from..token.offset_to])
            .collect();
        assert_eq!(surfaces, ["État", "une", "part", "il", "aujourd'hui"]);
        assert_eq!(result[0].text, "état");
    }

    #[test]
    fn trailing_apostrophe_and_joiners_are_not_part_of_the_word() {
        assert_eq!(
            texts(
                "States' obligations \u{200D}x",
                HanSegmentation::Jieba,
                false
            ),
            ["states", "obligations", "x"]
        );
    }

    #[test]
    fn overlong_runs_are_cut_not_dropped() {
        let long_word = "a".repeat(MAX_WORD_CHARS * 2 + 3);
        let result = tokens(&long_word, HanSegmentation::Jieba, false);
        assert_eq!(result.len(), 3);
        assert_eq!(result[2].offset_to, long_word.len());
    }

    #[test]
    fn reusing_the_tokenizer_gives_only_the_new_text_tokens() {
        let mut tokenizer = ScriptAwareTokenizer::new(HanSegmentation::Jieba);
        let mut first = tokenizer.token_stream("one two three four");
        while first.advance() {}
        let mut second = tokenizer.token_stream("Comité");
        assert_eq!(
            second.next().map(|token| token.text.clone()).as_deref(),
            Some("comité")
        );
        assert!(second.next().is_none());
    }

    #[test]
    fn kana_runs_become_bigrams() {
        assert_eq!(
            texts("カタカナ", HanSegmentation::Jieba, false),
            ["カタ", "タカ", "カナ"]
        );
    }
}
