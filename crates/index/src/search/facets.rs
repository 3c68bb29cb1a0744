//! Facets: the one table of facet fields, the collector it configures, and the
//! response's facet lists.

use super::types::FacetCount;
use crate::collectors::{FacetCollector, FacetFruit};
use std::collections::BTreeMap;

/// A facet: its name in responses (and, except `doc_type`, in filters) and the fast
/// column it is counted from.
struct FacetField {
    name: &'static str,
    column: &'static str,
}

/// Every facet, in the order a page lists them (the web page's sidebar, error messages). `year` is counted from the numeric `year` column,
/// the others from string columns; `state` and `theme` from their display forms.
const FACETS: &[FacetField] = &[
    FacetField {
        name: "system",
        column: "system",
    },
    FacetField {
        name: "mechanism",
        column: "mechanism",
    },
    FacetField {
        name: "doc_type",
        column: "doc_type",
    },
    FacetField {
        name: "lang",
        column: "lang",
    },
    FacetField {
        name: "state",
        column: "state_display",
    },
    FacetField {
        name: "year",
        column: "year",
    },
    FacetField {
        name: "outcome",
        column: "outcome",
    },
    FacetField {
        name: "theme",
        column: "theme_display",
    },
    FacetField {
        name: "response",
        column: "response",
    },
    FacetField {
        name: "status",
        column: "status",
    },
];

/// The numeric facet.
const YEAR_FACET: &str = "year";

/// The facet names, as in responses (and, except `doc_type`, in filters), in the order
/// a page lists them.
pub fn facet_names() -> impl Iterator<Item = &'static str> {
    FACETS.iter().map(|facet| facet.name)
}

/// The collector counting every facet.
pub(super) fn facet_collector() -> FacetCollector {
    FacetCollector {
        string_fields: FACETS
            .iter()
            .filter(|facet| facet.name != YEAR_FACET)
            .map(|facet| facet.column)
            .collect(),
        year_field: YEAR_FACET,
    }
}

/// The collector's counts as the response lists them: by facet name, values by
/// decreasing count then value; every facet present, empty when nothing matched.
pub(super) fn render_facets(fruit: FacetFruit) -> BTreeMap<String, Vec<FacetCount>> {
    let mut facets: BTreeMap<String, Vec<FacetCount>> = facet_names()
        .map(|name| (name.to_string(), Vec::new()))
        .collect();
    for (column, values) in fruit {
        let Some(facet) = FACETS.iter().find(|facet| facet.column == column) else {
            continue;
        };
        let mut counts: Vec<FacetCount> = values
            .into_iter()
            .map(|(value, count)| FacetCount { value, count })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        facets.insert(facet.name.to_string(), counts);
    }
    facets
}
