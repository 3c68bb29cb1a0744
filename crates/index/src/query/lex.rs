//! The tokens of a query: parentheses, operators (`AND`, `OR`, `NOT`, `+`, `-`), quoted
//! phrases (with the field written before them) and words.

use super::error::error_at;
use super::{QueryError, QueryErrorKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TokenKind {
    OpenParen,
    CloseParen,
    And,
    Or,
    Not,
    Plus,
    Minus,
    /// A quoted phrase, with the optional field prefix written before it.
    Quoted {
        field: Option<String>,
        text: String,
    },
    Word(String),
}

#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) kind: TokenKind,
    pub(super) start: usize,
}

fn is_delimiter(character: char) -> bool {
    character.is_whitespace() || character == '(' || character == ')' || character == '"'
}

pub(super) fn lex(input: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(start, character)) = chars.peek() {
        if character.is_whitespace() {
            chars.next();
            continue;
        }
        match character {
            '(' => {
                chars.next();
                tokens.push(Token {
                    kind: TokenKind::OpenParen,
                    start,
                });
            }
            ')' => {
                chars.next();
                tokens.push(Token {
                    kind: TokenKind::CloseParen,
                    start,
                });
            }
            '"' => {
                chars.next();
                let text = read_quoted(input, start, &mut chars)?;
                tokens.push(Token {
                    kind: TokenKind::Quoted { field: None, text },
                    start,
                });
            }
            '+' | '-' => {
                chars.next();
                let followed_by_operand = chars
                    .peek()
                    .is_some_and(|&(_, next)| !next.is_whitespace() && next != ')');
                if !followed_by_operand {
                    return Err(error_at(
                        input,
                        start,
                        QueryErrorKind::MissingOperand,
                        format!("`{character}` must be followed by a term"),
                    ));
                }
                tokens.push(Token {
                    kind: if character == '+' {
                        TokenKind::Plus
                    } else {
                        TokenKind::Minus
                    },
                    start,
                });
            }
            _ => {
                let mut end = start;
                while let Some(&(index, next)) = chars.peek() {
                    if is_delimiter(next) {
                        break;
                    }
                    end = index + next.len_utf8();
                    chars.next();
                }
                let word = &input[start..end];
                // `field:"quoted value"`
                if word.ends_with(':') && chars.peek().is_some_and(|&(_, next)| next == '"') {
                    let (quote_start, _) = chars.next().unwrap_or((end, '"'));
                    let text = read_quoted(input, quote_start, &mut chars)?;
                    tokens.push(Token {
                        kind: TokenKind::Quoted {
                            field: Some(word.trim_end_matches(':').to_string()),
                            text,
                        },
                        start,
                    });
                    continue;
                }
                let kind = match word {
                    "AND" | "&&" => TokenKind::And,
                    "OR" | "||" => TokenKind::Or,
                    "NOT" => TokenKind::Not,
                    _ => TokenKind::Word(word.to_string()),
                };
                tokens.push(Token { kind, start });
            }
        }
    }
    Ok(tokens)
}

fn read_quoted(
    input: &str,
    quote_start: usize,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> Result<String, QueryError> {
    let mut text = String::new();
    for (_, character) in chars.by_ref() {
        if character == '"' {
            return Ok(text);
        }
        text.push(character);
    }
    Err(error_at(
        input,
        quote_start,
        QueryErrorKind::UnterminatedPhrase,
        "phrase opened with `\"` is never closed".to_string(),
    ))
}
