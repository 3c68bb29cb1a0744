//! The hrlex query language, parsed by hand into a [`QueryNode`] tree (tantivy's own
//! parser and its errors are never exposed).
//!
//! ```text
//! query     := or_expr
//! or_expr   := and_expr ("OR" and_expr)*
//! and_expr  := unary (["AND"] unary)*          (juxtaposition means AND)
//! unary     := "NOT" unary | "-" primary | "+" primary | primary
//! primary   := "(" or_expr ")" | "\"phrase\"" | field ":" value | word ["*" | "~" [0-2]]
//! value     := word | "\"quoted\"" | year ".." year
//! ```
//!
//! Bounds: [`MAX_QUERY_BYTES`], [`MAX_NESTING`], [`MAX_CLAUSES`], fuzzy distance ≤ 2,
//! no leading or inner wildcards, prefixes of at least [`MIN_PREFIX_CHARS`] characters.

use hrlex_model::{DocType, ImplementationStatus, Lang, Mechanism, Response, System};
use std::fmt;

pub const MAX_QUERY_BYTES: usize = 2048;
pub const MAX_NESTING: usize = 16;
pub const MAX_CLAUSES: usize = 64;
pub const MIN_PREFIX_CHARS: usize = 2;
pub const MAX_FUZZY_DISTANCE: u8 = 2;

/// Citation-key families: `ecthr:app:30696/09` written bare is an identifier, not a
/// field filter.
const CITATION_KEY_PREFIXES: &[&str] = &[
    "un", "comm", "gc", "upr", "ecthr", "ehrr", "hudoc", "ecli", "iacthr", "iachr", "oas", "achpr",
    "afchpr", "cjeu",
];

/// The field filters of the query language (also accepted as request filters).
pub const FILTER_FIELDS: &[&str] = &[
    "state",
    "mechanism",
    "type",
    "lang",
    "year",
    "outcome",
    "system",
    "theme",
    "response",
    "status",
    "id",
    "symbol",
    "cites",
    "cited_by",
];

/// Why a query was refused, and where (byte offset and 1-based character column).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct QueryError {
    pub offset: usize,
    pub column: usize,
    pub kind: QueryErrorKind,
    pub message: String,
}

/// A stable category for each refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryErrorKind {
    Empty,
    TooLong,
    TooDeep,
    TooManyClauses,
    UnbalancedParenthesis,
    UnterminatedPhrase,
    MissingOperand,
    UnknownField,
    InvalidValue,
    LeadingWildcard,
    UnsupportedWildcard,
    FuzzyTooFar,
}

/// A structured filter value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    System(System),
    Mechanism(Mechanism),
    DocType(DocType),
    Lang(Lang),
    /// Lowercased state name.
    State(String),
    Theme(String),
    Outcome(String),
    Response(Response),
    Status(ImplementationStatus),
    /// Inclusive year range; `None` is unbounded.
    Year(Option<i64>, Option<i64>),
}

/// The parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryNode {
    Word(String),
    Phrase(String),
    Prefix(String),
    Fuzzy(String, u8),
    /// An exact identifier (`id:`, `symbol:`, or a bare word that looks like a symbol).
    Identifier(String),
    Cites(String),
    CitedBy(String),
    Filter(Filter),
    And(Vec<QueryNode>),
    Or(Vec<QueryNode>),
    Not(Box<QueryNode>),
}

impl QueryNode {
    /// The leaves that are not under a `NOT`: what a matching paragraph is scored and
    /// highlighted by.
    pub fn positive_leaves(&self) -> Vec<&QueryNode> {
        let mut leaves = Vec::new();
        self.collect_positive(&mut leaves);
        leaves
    }

    fn collect_positive<'a>(&'a self, leaves: &mut Vec<&'a QueryNode>) {
        match self {
            QueryNode::And(children) | QueryNode::Or(children) => {
                for child in children {
                    child.collect_positive(leaves);
                }
            }
            QueryNode::Not(_) => {}
            leaf => leaves.push(leaf),
        }
    }
}

/// Parses a query. Never panics; every refusal says where and why.
pub fn parse_query(input: &str) -> Result<QueryNode, QueryError> {
    if input.len() > MAX_QUERY_BYTES {
        return Err(error_at(
            input,
            MAX_QUERY_BYTES,
            QueryErrorKind::TooLong,
            format!("query longer than {MAX_QUERY_BYTES} bytes"),
        ));
    }
    let tokens = lex(input)?;
    if tokens.is_empty() {
        return Err(error_at(
            input,
            0,
            QueryErrorKind::Empty,
            "empty query".to_string(),
        ));
    }
    let mut parser = Parser {
        input,
        tokens,
        position: 0,
        depth: 0,
        clauses: 0,
    };
    let node = parser.parse_or()?;
    if let Some(token) = parser.tokens.get(parser.position) {
        let (kind, message) = match token.kind {
            TokenKind::CloseParen => (
                QueryErrorKind::UnbalancedParenthesis,
                "`)` without a matching `(`".to_string(),
            ),
            _ => (
                QueryErrorKind::MissingOperand,
                "unexpected text".to_string(),
            ),
        };
        return Err(error_at(input, token.start, kind, message));
    }
    Ok(node)
}

/// Parses one request filter (`field`, `value`) with the same rules as `field:value` in a
/// query. Errors point into `value`.
pub fn parse_filter(field: &str, value: &str) -> Result<QueryNode, QueryError> {
    field_node(value, field, value, 0, 0)
}

pub(crate) fn error_at(
    input: &str,
    offset: usize,
    kind: QueryErrorKind,
    message: String,
) -> QueryError {
    let mut offset = offset.min(input.len());
    while !input.is_char_boundary(offset) {
        offset -= 1;
    }
    QueryError {
        offset,
        column: input[..offset].chars().count() + 1,
        kind,
        message,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum TokenKind {
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
struct Token {
    kind: TokenKind,
    start: usize,
}

fn is_delimiter(character: char) -> bool {
    character.is_whitespace() || character == '(' || character == ')' || character == '"'
}

fn lex(input: &str) -> Result<Vec<Token>, QueryError> {
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

struct Parser<'a> {
    input: &'a str,
    tokens: Vec<Token>,
    position: usize,
    depth: usize,
    clauses: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.position)
    }

    fn end_offset(&self) -> usize {
        self.input.len()
    }

    fn parse_or(&mut self) -> Result<QueryNode, QueryError> {
        let mut alternatives = vec![self.parse_and()?];
        while matches!(self.peek().map(|token| &token.kind), Some(TokenKind::Or)) {
            let or_start = self.peek().map_or(0, |token| token.start);
            self.position += 1;
            if self.at_operand_end() {
                return Err(error_at(
                    self.input,
                    or_start,
                    QueryErrorKind::MissingOperand,
                    "`OR` needs a term on both sides".to_string(),
                ));
            }
            alternatives.push(self.parse_and()?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.remove(0)
        } else {
            QueryNode::Or(alternatives)
        })
    }

    fn at_operand_end(&self) -> bool {
        matches!(
            self.peek().map(|token| &token.kind),
            None | Some(TokenKind::CloseParen) | Some(TokenKind::Or) | Some(TokenKind::And)
        )
    }

    fn parse_and(&mut self) -> Result<QueryNode, QueryError> {
        if self.at_operand_end() {
            let offset = self.peek().map_or(self.end_offset(), |token| token.start);
            return Err(error_at(
                self.input,
                offset,
                QueryErrorKind::MissingOperand,
                "expected a term here".to_string(),
            ));
        }
        let mut required = vec![self.parse_unary()?];
        loop {
            match self.peek().map(|token| token.kind.clone()) {
                None | Some(TokenKind::CloseParen) | Some(TokenKind::Or) => break,
                Some(TokenKind::And) => {
                    let and_start = self.peek().map_or(0, |token| token.start);
                    self.position += 1;
                    if self.at_operand_end() {
                        return Err(error_at(
                            self.input,
                            and_start,
                            QueryErrorKind::MissingOperand,
                            "`AND` needs a term on both sides".to_string(),
                        ));
                    }
                    required.push(self.parse_unary()?);
                }
                Some(_) => required.push(self.parse_unary()?),
            }
        }
        Ok(if required.len() == 1 {
            required.remove(0)
        } else {
            QueryNode::And(required)
        })
    }

    /// `NOT NOT … x` is read in a loop, not by recursion (a 1 KB chain of `NOT`s used to
    /// overflow a server worker's stack); an even number of `NOT`s cancels out.
    fn parse_unary(&mut self) -> Result<QueryNode, QueryError> {
        let mut negations = 0usize;
        loop {
            let Some(token) = self.peek().cloned() else {
                return Err(error_at(
                    self.input,
                    self.end_offset(),
                    QueryErrorKind::MissingOperand,
                    "query ends where a term was expected".to_string(),
                ));
            };
            match token.kind {
                TokenKind::Not | TokenKind::Minus => {
                    self.position += 1;
                    if self.at_operand_end() {
                        return Err(error_at(
                            self.input,
                            token.start,
                            QueryErrorKind::MissingOperand,
                            "`NOT`/`-` must be followed by a term".to_string(),
                        ));
                    }
                    negations += 1;
                    if token.kind == TokenKind::Minus {
                        let operand = self.parse_primary()?;
                        return Ok(negate(operand, negations));
                    }
                }
                TokenKind::Plus => {
                    self.position += 1;
                    let operand = self.parse_primary()?;
                    return Ok(negate(operand, negations));
                }
                _ => {
                    let operand = self.parse_primary()?;
                    return Ok(negate(operand, negations));
                }
            }
        }
    }

    fn count_clause(&mut self, offset: usize) -> Result<(), QueryError> {
        self.clauses += 1;
        if self.clauses > MAX_CLAUSES {
            return Err(error_at(
                self.input,
                offset,
                QueryErrorKind::TooManyClauses,
                format!("more than {MAX_CLAUSES} terms"),
            ));
        }
        Ok(())
    }

    fn parse_primary(&mut self) -> Result<QueryNode, QueryError> {
        let Some(token) = self.peek().cloned() else {
            return Err(error_at(
                self.input,
                self.end_offset(),
                QueryErrorKind::MissingOperand,
                "query ends where a term was expected".to_string(),
            ));
        };
        self.position += 1;
        match token.kind {
            TokenKind::OpenParen => {
                self.depth += 1;
                if self.depth > MAX_NESTING {
                    return Err(error_at(
                        self.input,
                        token.start,
                        QueryErrorKind::TooDeep,
                        format!("parentheses nested deeper than {MAX_NESTING}"),
                    ));
                }
                if matches!(
                    self.peek().map(|token| &token.kind),
                    Some(TokenKind::CloseParen)
                ) {
                    return Err(error_at(
                        self.input,
                        token.start,
                        QueryErrorKind::MissingOperand,
                        "empty parentheses".to_string(),
                    ));
                }
                let inner = self.parse_or()?;
                match self.peek().map(|token| &token.kind) {
                    Some(TokenKind::CloseParen) => {
                        self.position += 1;
                        self.depth -= 1;
                        Ok(inner)
                    }
                    _ => Err(error_at(
                        self.input,
                        token.start,
                        QueryErrorKind::UnbalancedParenthesis,
                        "`(` is never closed".to_string(),
                    )),
                }
            }
            TokenKind::CloseParen => Err(error_at(
                self.input,
                token.start,
                QueryErrorKind::UnbalancedParenthesis,
                "`)` without a matching `(`".to_string(),
            )),
            TokenKind::And | TokenKind::Or | TokenKind::Not | TokenKind::Plus => Err(error_at(
                self.input,
                token.start,
                QueryErrorKind::MissingOperand,
                "operator where a term was expected".to_string(),
            )),
            TokenKind::Minus => Err(error_at(
                self.input,
                token.start,
                QueryErrorKind::MissingOperand,
                "`-` where a term was expected".to_string(),
            )),
            TokenKind::Quoted { field, text } => {
                self.count_clause(token.start)?;
                match field {
                    Some(field) => {
                        // The value starts after `field:"`.
                        let value_offset = token.start + field.len() + 2;
                        field_node(self.input, &field, &text, token.start, value_offset)
                    }
                    None => {
                        if text.trim().is_empty() {
                            return Err(error_at(
                                self.input,
                                token.start,
                                QueryErrorKind::MissingOperand,
                                "empty phrase".to_string(),
                            ));
                        }
                        Ok(QueryNode::Phrase(text))
                    }
                }
            }
            TokenKind::Word(word) => {
                self.count_clause(token.start)?;
                word_node(self.input, &word, token.start)
            }
        }
    }
}

/// A word that looks like a document symbol or citation key is searched as an exact
/// identifier (word analyzers would split `A/HRC/15/56` into meaningless pieces).
/// `operand` under `negations` consecutive `NOT`s: one `Not` if their number is odd.
fn negate(operand: QueryNode, negations: usize) -> QueryNode {
    if negations % 2 == 1 {
        QueryNode::Not(Box::new(operand))
    } else {
        operand
    }
}

fn looks_like_identifier(word: &str) -> bool {
    word.contains('/') && word.chars().any(|character| character.is_ascii_digit())
}

fn word_node(input: &str, word: &str, start: usize) -> Result<QueryNode, QueryError> {
    if let Some((field, value)) = word.split_once(':') {
        let is_field = !field.is_empty()
            && field
                .chars()
                .all(|character| character.is_ascii_alphabetic() || character == '_');
        if is_field {
            if CITATION_KEY_PREFIXES.contains(&field.to_ascii_lowercase().as_str()) {
                return Ok(QueryNode::Identifier(word.to_string()));
            }
            return field_node(input, field, value, start, start + field.len() + 1);
        }
    }
    if word.starts_with('*') || word.starts_with('?') {
        return Err(error_at(
            input,
            start,
            QueryErrorKind::LeadingWildcard,
            "a term cannot start with a wildcard (it would scan every word)".to_string(),
        ));
    }
    if let Some(stem) = word.strip_suffix('*') {
        if let Some(position) = stem.find(['*', '?']) {
            return Err(unsupported_wildcard(input, start + position));
        }
        if stem.chars().count() < MIN_PREFIX_CHARS {
            return Err(error_at(
                input,
                start,
                QueryErrorKind::InvalidValue,
                format!("a prefix needs at least {MIN_PREFIX_CHARS} characters before `*`"),
            ));
        }
        return Ok(QueryNode::Prefix(stem.to_string()));
    }
    if let Some(position) = word.find(['*', '?']) {
        return Err(unsupported_wildcard(input, start + position));
    }
    if let Some(tilde) = word.rfind('~') {
        let (stem, distance_text) = (&word[..tilde], &word[tilde + 1..]);
        if !stem.is_empty() && distance_text.chars().all(|c| c.is_ascii_digit()) {
            let distance: u32 = if distance_text.is_empty() {
                1
            } else {
                distance_text.parse().unwrap_or(u32::MAX)
            };
            if distance > u32::from(MAX_FUZZY_DISTANCE) {
                return Err(error_at(
                    input,
                    start + tilde,
                    QueryErrorKind::FuzzyTooFar,
                    format!("fuzzy distance is at most {MAX_FUZZY_DISTANCE}"),
                ));
            }
            return Ok(QueryNode::Fuzzy(stem.to_string(), distance as u8));
        }
    }
    if looks_like_identifier(word) {
        return Ok(QueryNode::Identifier(word.to_string()));
    }
    Ok(QueryNode::Word(word.to_string()))
}

fn unsupported_wildcard(input: &str, offset: usize) -> QueryError {
    error_at(
        input,
        offset,
        QueryErrorKind::UnsupportedWildcard,
        "only a trailing `*` is supported (`tortur*`)".to_string(),
    )
}

fn field_node(
    input: &str,
    field: &str,
    value: &str,
    field_offset: usize,
    value_offset: usize,
) -> Result<QueryNode, QueryError> {
    let field_lower = field.to_ascii_lowercase();
    let value = value.trim();
    if value.is_empty() {
        return Err(error_at(
            input,
            value_offset,
            QueryErrorKind::MissingOperand,
            format!("`{field}:` needs a value"),
        ));
    }
    let invalid = |what: &str, known: String| {
        error_at(
            input,
            value_offset,
            QueryErrorKind::InvalidValue,
            format!("unknown {what} `{value}` (known: {known})"),
        )
    };
    fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> String {
        all.iter()
            .map(|value| code(*value))
            .collect::<Vec<_>>()
            .join(", ")
    }
    let filter = match field_lower.as_str() {
        "system" => Filter::System(
            System::parse(value)
                .ok_or_else(|| invalid("system", codes(System::ALL, System::code)))?,
        ),
        "mechanism" | "body" => Filter::Mechanism(
            Mechanism::parse(value)
                .ok_or_else(|| invalid("mechanism", codes(Mechanism::ALL, Mechanism::code)))?,
        ),
        "type" | "doc_type" => Filter::DocType(
            DocType::parse(value)
                .ok_or_else(|| invalid("document type", codes(DocType::ALL, DocType::code)))?,
        ),
        "lang" | "language" => Filter::Lang(
            Lang::parse(value).ok_or_else(|| invalid("language", codes(Lang::ALL, Lang::code)))?,
        ),
        "response" => Filter::Response(
            Response::parse(value)
                .ok_or_else(|| invalid("response", codes(Response::ALL, Response::code)))?,
        ),
        "status" | "implementation" => {
            Filter::Status(ImplementationStatus::parse(value).ok_or_else(|| {
                invalid(
                    "implementation status",
                    codes(ImplementationStatus::ALL, ImplementationStatus::code),
                )
            })?)
        }
        "state" | "country" => Filter::State(value.to_lowercase()),
        "theme" => Filter::Theme(value.to_lowercase()),
        "outcome" => Filter::Outcome(value.to_lowercase()),
        "year" => parse_year_range(input, value, value_offset)?,
        "id" | "symbol" => return Ok(QueryNode::Identifier(value.to_string())),
        "cites" => return Ok(QueryNode::Cites(value.to_string())),
        "cited_by" | "citedby" => return Ok(QueryNode::CitedBy(value.to_string())),
        _ => {
            return Err(error_at(
                input,
                field_offset,
                QueryErrorKind::UnknownField,
                format!(
                    "unknown field `{field}` (known: {})",
                    FILTER_FIELDS.join(", ")
                ),
            ))
        }
    };
    Ok(QueryNode::Filter(filter))
}

fn parse_year_range(input: &str, value: &str, value_offset: usize) -> Result<Filter, QueryError> {
    let parse_year = |text: &str, offset: usize| -> Result<Option<i64>, QueryError> {
        if text.is_empty() {
            return Ok(None);
        }
        match text.parse::<i64>() {
            Ok(year) if (1000..=9999).contains(&year) => Ok(Some(year)),
            _ => Err(error_at(
                input,
                offset,
                QueryErrorKind::InvalidValue,
                format!("`{text}` is not a four-digit year"),
            )),
        }
    };
    let filter = match value.split_once("..") {
        Some((low, high)) => {
            let low_year = parse_year(low, value_offset)?;
            let high_year = parse_year(high, value_offset + low.len() + 2)?;
            if low_year.is_none() && high_year.is_none() {
                return Err(error_at(
                    input,
                    value_offset,
                    QueryErrorKind::InvalidValue,
                    "a year range needs at least one bound".to_string(),
                ));
            }
            if let (Some(low_year), Some(high_year)) = (low_year, high_year) {
                if low_year > high_year {
                    return Err(error_at(
                        input,
                        value_offset,
                        QueryErrorKind::InvalidValue,
                        format!("empty year range {low_year}..{high_year}"),
                    ));
                }
            }
            Filter::Year(low_year, high_year)
        }
        None => {
            let year = parse_year(value, value_offset)?;
            Filter::Year(year, year)
        }
    };
    Ok(filter)
}

impl fmt::Display for QueryErrorKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = serde_json::to_value(self)
            .ok()
            .and_then(|value| value.as_str().map(str::to_string))
            .unwrap_or_default();
        formatter.write_str(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(input: &str) -> QueryNode {
        parse_query(input).unwrap_or_else(|error| panic!("{input}: {error}"))
    }

    fn refuse(input: &str) -> QueryError {
        match parse_query(input) {
            Ok(node) => panic!("{input} parsed as {node:?}"),
            Err(error) => error,
        }
    }

    #[test]
    fn juxtaposition_is_and_and_or_binds_looser() {
        assert_eq!(
            parse("torture mexico OR spain"),
            QueryNode::Or(vec![
                QueryNode::And(vec![
                    QueryNode::Word("torture".into()),
                    QueryNode::Word("mexico".into())
                ]),
                QueryNode::Word("spain".into())
            ])
        );
        assert_eq!(
            parse("+a -b"),
            QueryNode::And(vec![
                QueryNode::Word("a".into()),
                QueryNode::Not(Box::new(QueryNode::Word("b".into())))
            ])
        );
    }

    #[test]
    fn fields_phrases_prefixes_fuzzy_and_identifiers() {
        assert_eq!(
            parse("state:Mexico"),
            QueryNode::Filter(Filter::State("mexico".into()))
        );
        assert_eq!(
            parse("year:2009..2012"),
            QueryNode::Filter(Filter::Year(Some(2009), Some(2012)))
        );
        assert_eq!(
            parse("year:..2012"),
            QueryNode::Filter(Filter::Year(None, Some(2012)))
        );
        assert_eq!(
            parse("type:judgment"),
            QueryNode::Filter(Filter::DocType(DocType::Judgment))
        );
        assert_eq!(
            parse("\"enforced disappearance\""),
            QueryNode::Phrase("enforced disappearance".into())
        );
        assert_eq!(parse("tortur*"), QueryNode::Prefix("tortur".into()));
        assert_eq!(parse("torture~1"), QueryNode::Fuzzy("torture".into(), 1));
        assert_eq!(parse("torture~"), QueryNode::Fuzzy("torture".into(), 1));
        assert_eq!(
            parse("A/HRC/15/56"),
            QueryNode::Identifier("A/HRC/15/56".into())
        );
        assert_eq!(
            parse("ecthr:app:30696/09"),
            QueryNode::Identifier("ecthr:app:30696/09".into())
        );
        assert_eq!(
            parse("symbol:\"CEDAW/C/MEX/CO/7-8\""),
            QueryNode::Identifier("CEDAW/C/MEX/CO/7-8".into())
        );
        assert_eq!(
            parse("cites:un:A/HRC/15/56"),
            QueryNode::Cites("un:A/HRC/15/56".into())
        );
    }

    #[test]
    fn refusals_say_where() {
        let error = refuse("torture AND (mexico");
        assert_eq!(error.kind, QueryErrorKind::UnbalancedParenthesis);
        assert_eq!(error.column, 13);
        let error = refuse("torture)");
        assert_eq!(
            (error.kind, error.offset),
            (QueryErrorKind::UnbalancedParenthesis, 7)
        );
        let error = refuse("a \"open phrase");
        assert_eq!(
            (error.kind, error.offset),
            (QueryErrorKind::UnterminatedPhrase, 2)
        );
        let error = refuse("pytki *ture");
        assert_eq!(
            (error.kind, error.offset),
            (QueryErrorKind::LeadingWildcard, 6)
        );
        assert_eq!(refuse("tor*ure").kind, QueryErrorKind::UnsupportedWildcard);
        assert_eq!(refuse("torture~3").kind, QueryErrorKind::FuzzyTooFar);
        let error = refuse("détention colour:red");
        assert_eq!(
            (error.kind, error.column),
            (QueryErrorKind::UnknownField, 11)
        );
        assert_eq!(
            refuse("mechanism:nobody").kind,
            QueryErrorKind::InvalidValue
        );
        assert_eq!(refuse("year:20x9").kind, QueryErrorKind::InvalidValue);
        assert_eq!(refuse("torture AND").kind, QueryErrorKind::MissingOperand);
        assert_eq!(refuse("OR torture").kind, QueryErrorKind::MissingOperand);
        assert_eq!(refuse("   ").kind, QueryErrorKind::Empty);
        assert_eq!(refuse("()").kind, QueryErrorKind::MissingOperand);
        assert_eq!(refuse("a -").kind, QueryErrorKind::MissingOperand);
    }

    #[test]
    fn expensive_queries_are_bounded() {
        assert_eq!(refuse(&"(".repeat(40)).kind, QueryErrorKind::TooDeep);
        assert_eq!(
            refuse(&"a ".repeat(100)).kind,
            QueryErrorKind::TooManyClauses
        );
        assert_eq!(refuse(&"a".repeat(5000)).kind, QueryErrorKind::TooLong);
    }

    /// Regression (issue 18, defect 1): `NOT ` 250 times and a word, about 1 KB,
    /// overflowed a server worker's stack.
    #[test]
    fn a_long_chain_of_not_is_parsed_without_recursion() {
        assert_eq!(
            parse(&format!("{}torture", "NOT ".repeat(250))),
            QueryNode::Word("torture".into())
        );
        assert_eq!(
            parse(&format!("{}torture", "NOT ".repeat(251))),
            QueryNode::Not(Box::new(QueryNode::Word("torture".into())))
        );
        assert_eq!(
            parse("NOT -torture"),
            QueryNode::Word("torture".into()),
            "`NOT -x` is two negations"
        );
    }

    proptest::proptest! {
        /// Deep and long generated inputs (chains of `NOT`, `-`, `+`, parentheses,
        /// operators and words, up to the byte limit) parse or are refused on a thread
        /// with a 256 KiB stack, smaller than a tokio worker's 2 MiB.
        #[test]
        fn parses_deep_input_on_a_small_stack(
            leading_nots in 0..520usize,
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "NOT ", "-", "+", "(", ")", " AND ", " OR ", "a", " b", "\"c d\"",
                    "state:x ", "口", " ", "NOT(", "--",
                ]),
                0..700,
            )
        ) {
            let input = format!("{}{}", "NOT ".repeat(leading_nots), pieces.concat());
            let outcome = std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || {
                    let parsed = parse_query(&input);
                    if let Ok(node) = &parsed {
                        let _ = node.positive_leaves();
                        let _ = format!("{node:?}");
                    }
                    parsed.is_ok()
                })
                .expect("spawn")
                .join();
            proptest::prop_assert!(outcome.is_ok(), "the parser overflowed or panicked");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for input in [
            "\"",
            "\"\"",
            ":",
            "a:",
            ":b",
            "((a)",
            "a))",
            "NOT",
            "- a",
            "+",
            "~",
            "a~b",
            "year:..",
            "year:2012..2009",
            "état:x",
            "ä*",
            "口*",
            "id:",
            "\u{0}",
            "a OR OR b",
            "AND a",
            "a NOT",
            "(NOT)",
            "*",
            "x~~2",
            "符合第三条的规定",
        ] {
            let _ = parse_query(input);
        }
    }
}
