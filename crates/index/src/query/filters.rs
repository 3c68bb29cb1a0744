//! The field filters (`system:un`, `year:2010..2015`, `cites:…`): the fields known,
//! their values parsed into a [`Filter`] or an identifier or citation node.

use super::error::error_at;
use super::{QueryError, QueryErrorKind, QueryNode};
use hrlex_model::{DocType, ImplementationStatus, Lang, Mechanism, Response, System};

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

/// Parses one request filter (`field`, `value`) with the same rules as `field:value` in a
/// query. Errors point into `value`.
pub fn parse_filter(field: &str, value: &str) -> Result<QueryNode, QueryError> {
    field_node(value, field, value, 0, 0)
}

pub(super) fn field_node(
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
