//! Property tests: the query parser never panics, and its errors point inside the query
//! on a character boundary; searching any parsed query never panics either.

use hrlex_index::{parse_query, SearchIndex, SearchRequest};
use proptest::prelude::*;

fn query_text() -> impl Strategy<Value = String> {
    // Operators, quotes, parentheses, field names, wildcards and several scripts.
    proptest::collection::vec(
        prop_oneof![
            Just("AND ".to_string()),
            Just("OR ".to_string()),
            Just("NOT ".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just("\"".to_string()),
            Just("-".to_string()),
            Just("+".to_string()),
            Just("*".to_string()),
            Just("~".to_string()),
            Just("year:".to_string()),
            Just("state:".to_string()),
            Just("cites:".to_string()),
            Just("..".to_string()),
            Just(" ".to_string()),
            "[a-zé/0-9]{1,6}",
            "[酷刑пыткиالقاسية]{1,4}",
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn parser_never_panics_and_errors_point_inside_the_query(query in query_text()) {
        if let Err(error) = parse_query(&query) {
            prop_assert!(error.offset <= query.len());
            prop_assert!(query.is_char_boundary(error.offset));
            prop_assert_eq!(error.column, query[..error.offset].chars().count() + 1);
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_parser(query in "\\PC{0,80}") {
        let _ = parse_query(&query);
    }
}

#[test]
fn searching_random_queries_never_panics() {
    let corpus = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let file = corpus.path().join("doc.txt");
    std::fs::write(&file, "x").unwrap();
    let options = hrlex_index::IndexRunOptions::new(
        index_dir.path(),
        vec![corpus.path().to_path_buf()],
        "test",
    );
    hrlex_index::update_index(
        &options,
        vec![hrlex_index::CorpusEntry::new(file, "doc.txt")],
        Vec::new(),
        |batch| {
            batch
                .iter()
                .map(|_| {
                    let mut document = hrlex_model::Document::new("doc", hrlex_model::Lang::Fr);
                    document.paragraphs.push(hrlex_model::Paragraph::numbered(
                        "1",
                        "L'État partie doit mettre fin à la détention arbitraire & <script>.",
                    ));
                    hrlex_index::Extraction::Documents(vec![document])
                })
                .collect()
        },
    )
    .unwrap();
    let index = SearchIndex::open(index_dir.path()).unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(200));
    runner
        .run(&query_text(), |query| {
            if let Ok(response) = index.search(&SearchRequest::new(query)) {
                for hit in &response.hits {
                    for paragraph in &hit.paragraphs {
                        prop_assert!(!paragraph.snippet.contains("<script>"));
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}
