//! Refusals: why a query was refused ([`QueryErrorKind`]) and where ([`QueryError`]).

use std::fmt;

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

pub(super) fn error_at(
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

impl fmt::Display for QueryErrorKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = serde_json::to_value(self)
            .ok()
            .and_then(|value| value.as_str().map(str::to_string))
            .unwrap_or_default();
        formatter.write_str(&text)
    }
}
