//! The grammar (see the module doc of `query`): a recursive-descent parser over the
//! tokens, bounded in depth and clauses, and [`parse_query`], its entry point.

use super::error::error_at;
use super::filters::field_node;
use super::lex::{lex, Token, TokenKind};
use super::words::word_node;
use super::{QueryError, QueryErrorKind, QueryNode, MAX_CLAUSES, MAX_NESTING, MAX_QUERY_BYTES};

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

/// `operand` under `negations` consecutive `NOT`s: one `Not` if their number is odd.
fn negate(operand: QueryNode, negations: usize) -> QueryNode {
    if negations % 2 == 1 {
        QueryNode::Not(Box::new(operand))
    } else {
        operand
    }
}
