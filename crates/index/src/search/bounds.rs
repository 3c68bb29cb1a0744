//! The bounds a [`SearchRequest`] is held to before any work is done: its filters are
//! clauses like the query's own terms, so together they stay within [`MAX_CLAUSES`],
//! and a filter value is no longer than a whole query may be. (Filters used to escape
//! the clause limit: 2,200 of them in one URL took seconds of work per request.)

use super::types::SearchRequest;
use crate::query::{parse_query, QueryNode, MAX_CLAUSES, MAX_QUERY_BYTES};
use crate::IndexError;

/// Refuses a request whose filters, with the query's terms, exceed [`MAX_CLAUSES`], or
/// whose filter value is longer than [`MAX_QUERY_BYTES`]. A query that does not parse
/// is left for the search to report with its position.
pub(crate) fn check_request_bounds(request: &SearchRequest) -> Result<(), IndexError> {
    if let Some(filter) = request
        .filters
        .iter()
        .find(|filter| filter.value.len() > MAX_QUERY_BYTES)
    {
        return Err(IndexError::InvalidRequest(format!(
            "the value of filter `{}` is {} bytes long; the limit is {MAX_QUERY_BYTES}",
            filter.field,
            filter.value.len()
        )));
    }
    let too_many = |clauses: usize| {
        IndexError::InvalidRequest(format!(
            "the query and its filters make {clauses} clauses; the limit is {MAX_CLAUSES} (filters count as clauses)"
        ))
    };
    if request.filters.len() > MAX_CLAUSES {
        return Err(too_many(request.filters.len()));
    }
    let query_clauses = parse_query(&request.query).map_or(0, |node| clause_count(&node));
    let clauses = query_clauses + request.filters.len();
    if clauses > MAX_CLAUSES {
        return Err(too_many(clauses));
    }
    Ok(())
}

/// The leaves of a parsed query (terms, phrases, field filters), counted without
/// recursion.
fn clause_count(node: &QueryNode) -> usize {
    let mut pending = vec![node];
    let mut leaves = 0;
    while let Some(node) = pending.pop() {
        match node {
            QueryNode::And(children) | QueryNode::Or(children) => pending.extend(children),
            QueryNode::Not(inner) => pending.push(inner),
            _ => leaves += 1,
        }
    }
    leaves
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::RequestFilter;

    fn request(query: &str, filters: usize) -> SearchRequest {
        SearchRequest {
            query: query.to_string(),
            filters: (0..filters)
                .map(|n| RequestFilter {
                    field: "state".to_string(),
                    value: format!("Россия-{n}"),
                })
                .collect(),
            ..SearchRequest::default()
        }
    }

    #[test]
    fn filters_count_toward_the_clause_limit() {
        let terms = "пытки OR (депортация AND NOT беженец)";
        assert!(check_request_bounds(&request(terms, MAX_CLAUSES - 3)).is_ok());
        let error = check_request_bounds(&request(terms, MAX_CLAUSES - 2)).unwrap_err();
        assert!(error.to_string().contains("65 clauses"), "{error}");
        assert!(check_request_bounds(&request("torture", 2200)).is_err());
    }

    #[test]
    fn a_filter_value_is_bounded_like_a_query() {
        let mut long = request("torture", 1);
        long.filters[0].value = "ж".repeat(MAX_QUERY_BYTES);
        let error = check_request_bounds(&long).unwrap_err();
        assert!(error.to_string().contains("filter `state`"), "{error}");
    }
}
