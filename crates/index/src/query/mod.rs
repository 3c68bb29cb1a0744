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
//!
//! Its parts: `lex` (the tokens), `grammar` (the recursive-descent parser and
//! [`parse_query`]), `words` (a bare word: prefix, fuzzy, identifier or `field:value`),
//! `filters` (the field filters and [`parse_filter`]) and `error` (positioned refusals).

mod error;
mod filters;
mod grammar;
mod lex;
mod words;

#[cfg(test)]
mod tests;

pub use error::{QueryError, QueryErrorKind};
pub use filters::{parse_filter, Filter, FILTER_FIELDS};
pub use grammar::parse_query;

pub const MAX_QUERY_BYTES: usize = 2048;
pub const MAX_NESTING: usize = 16;
pub const MAX_CLAUSES: usize = 64;
pub const MIN_PREFIX_CHARS: usize = 2;
pub const MAX_FUZZY_DISTANCE: u8 = 2;

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
