//! One decision, two documents, in search: the Committee against Torture's views in
//! Mutombo v. Switzerland (CAT/C/12/D/13/1993) as full text (English and Russian
//! versions of one work, paragraphs from the decision) and as the metadata-only record of
//! the OHCHR export (case name, symbol, issues, no paragraph, the `metadata-only` note),
//! as the importers make them from `treaty-bodies/`. Properties:
//!
//! 1. A query both match (the case name, the symbol) lists the decision, not the record:
//!    the total and the facets count it once, and the full text takes the record's rank.
//! 2. A record whose full text does not match (a filter only the record passes) stays,
//!    as does a record with no full text in the index.

mod common;

use common::{decision, index_of, record, FULL_TEXT_EN, FULL_TEXT_RU, ONLY_RECORD, RECORD};
use hrlex_index::{RequestFilter, SearchIndex, SearchRequest, SearchResponse};
use hrlex_model::{Document, Lang, Paragraph};

fn documents() -> Vec<Document> {
    let symbol = "CAT/C/12/D/13/1993";
    let case_name = "Mutombo v. Switzerland";
    let mut english = decision(FULL_TEXT_EN, Lang::En, symbol, "13/1993", case_name);
    english.paragraphs = vec![
        Paragraph::numbered(
            "1",
            "The author of the communication (dated 18 October 1993) is Balabou Mutombo, a \
             Zairian citizen, born on 24 November 1961, at present living in Switzerland and \
             seeking recognition as a refugee. He claims to be a victim of a violation by \
             Switzerland of article 3 of the Convention against Torture.",
        ),
        Paragraph::numbered(
            "9.3",
            "The Committee must decide, pursuant to paragraph 1 to article 3, whether there \
             are substantial grounds for believing that Mr. Mutombo would be in danger of \
             being subject to torture.",
        ),
    ];
    let mut russian = decision(FULL_TEXT_RU, Lang::Ru, symbol, "13/1993", case_name);
    russian.work_id = FULL_TEXT_EN.to_string();
    russian.paragraphs = vec![Paragraph::numbered(
        "9.3",
        "Комитет должен решить в соответствии с пунктом 1 статьи 3, имеются ли серьезные \
         основания полагать, что г-ну Мутомбо будет угрожать применение пыток.",
    )];
    vec![
        english,
        russian,
        record(RECORD, symbol, "13/1993", case_name),
        record(
            ONLY_RECORD,
            "CAT/C/13/D/17/1994",
            "17/1994",
            "X v. Switzerland",
        ),
    ]
}

fn index() -> (tempfile::TempDir, SearchIndex) {
    index_of(documents())
}

fn ids(response: &SearchResponse) -> Vec<&str> {
    response.hits.iter().map(|hit| hit.id.as_str()).collect()
}

fn facet(response: &SearchResponse, field: &str, value: &str) -> u64 {
    response.facets[field]
        .iter()
        .find(|count| count.value == value)
        .map_or(0, |count| count.count)
}

#[test]
fn the_case_name_finds_the_decision_once_with_its_paragraph() {
    let (_dir, index) = index();
    let response = index
        .search(&SearchRequest::new("Mutombo v. Switzerland"))
        .unwrap();
    assert!(!ids(&response).contains(&RECORD), "{:?}", ids(&response));
    // The English full text takes the rank of its record: first, with paragraph 9.3.
    let first = &response.hits[0];
    assert_eq!(first.id, FULL_TEXT_EN, "{:?}", ids(&response));
    assert!(first
        .paragraphs
        .iter()
        .any(|p| p.n.as_deref() == Some("9.3")));
    assert!(first.translations.iter().any(|t| t.id == FULL_TEXT_RU));
    assert_eq!(response.total, response.hits.len() as u64);
    // The facets count what is listed: the record's themes went with it.
    assert_eq!(facet(&response, "mechanism", "cat"), response.total);
    assert_eq!(facet(&response, "theme", "non-refoulement"), 0);
    assert_eq!(
        facet(&response, "lang", "en"),
        response
            .hits
            .iter()
            .filter(|hit| hit.lang == Lang::En)
            .count() as u64
    );
}

#[test]
fn the_symbol_finds_the_language_versions_not_the_record() {
    let (_dir, index) = index();
    let response = index
        .search(&SearchRequest::new("CAT/C/12/D/13/1993"))
        .unwrap();
    // One hit for the work (issue 11), the other version listed on it.
    assert_eq!(response.total, 1);
    let hit = &response.hits[0];
    let mut versions: Vec<&str> = hit.translations.iter().map(|t| t.id.as_str()).collect();
    versions.push(hit.id.as_str());
    versions.sort_unstable();
    assert_eq!(versions, [FULL_TEXT_EN, FULL_TEXT_RU]);
    // A Russian query reaches the Russian text; the record has none to match.
    let russian = index.search(&SearchRequest::new("Мутомбо пыток")).unwrap();
    assert_eq!(ids(&russian), [FULL_TEXT_RU]);
}

#[test]
fn a_record_whose_text_does_not_match_stays() {
    let (_dir, index) = index();
    // Only the record carries the OHCHR export's issues.
    let mut request = SearchRequest::new("Mutombo");
    request.filters.push(RequestFilter {
        field: "theme".to_string(),
        value: "non-refoulement".to_string(),
    });
    let response = index.search(&request).unwrap();
    assert_eq!(ids(&response), [RECORD]);
    assert_eq!(response.total, 1);
    // No text of X v. Switzerland in the index: its record is what the index knows.
    let response = index
        .search(&SearchRequest::new("X v. Switzerland"))
        .unwrap();
    assert!(
        ids(&response).contains(&ONLY_RECORD),
        "{:?}",
        ids(&response)
    );
}
