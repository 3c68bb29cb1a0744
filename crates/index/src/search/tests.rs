//! The re-rank joins candidates to their paragraphs and translations by id postings
//! and fast fields: records of one document spread over several segments, and
//! deleted records, must not change what a hit shows.
use super::*;
use crate::writer::{update_index, CorpusEntry, Extraction, IndexRunOptions};
use hrlex_model::{Document, Lang, Paragraph};
use std::collections::HashMap;
use std::path::Path;

fn document(id: &str, work: &str, lang: Lang, paragraphs: &[&str]) -> Document {
    let mut document = Document::new(id, lang);
    document.work_id = work.to_string();
    document.title = format!("decision {work}");
    document.paragraphs = paragraphs
        .iter()
        .enumerate()
        .map(|(n, text)| Paragraph::numbered((n + 1).to_string(), *text))
        .collect();
    document
}

/// Indexes `files` (name → documents) over `corpus` in one run (one commit).
fn index_run(corpus: &Path, index: &Path, files: &[(&str, Vec<Document>)]) {
    let by_name: HashMap<String, Vec<Document>> = files
        .iter()
        .map(|(name, documents)| (name.to_string(), documents.clone()))
        .collect();
    let mut entries = Vec::new();
    for (name, documents) in files {
        let path = corpus.join(name);
        // The bytes stand for the extraction: a changed list is a changed file.
        std::fs::write(&path, format!("{documents:?}")).unwrap();
        entries.push(CorpusEntry::new(path, name.to_string()));
    }
    let options = IndexRunOptions::new(index, vec![corpus.into()], "test");
    let report = update_index(&options, entries, Vec::new(), |batch| {
        batch
            .iter()
            .map(|entry| Extraction::Documents(by_name[&entry.relative].clone()))
            .collect()
    })
    .unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
}

/// One work in four languages whose records are spread over several segments (three
/// runs), with deleted records (its Arabic file changed, its Spanish version gone). The
/// folders are returned so that they live as long as the index.
fn work_across_segments() -> (tempfile::TempDir, tempfile::TempDir, SearchIndex) {
    let corpus = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let filler: Vec<Document> = (0..30)
        .map(|n| {
            document(
                &format!("filler-{n}"),
                &format!("filler-{n}"),
                Lang::En,
                &["The Committee notes the report of the State party."],
            )
        })
        .collect();
    let first = vec![
        document(
            "قرار-١:ar",
            "قرار-١",
            Lang::Ar,
            &[
                "تلاحظ اللجنة التقرير.",
                "لا يجوز التذرع بأي ظروف استثنائية لتبرير التعذيب.",
                "توصي اللجنة الدولة الطرف.",
            ],
        ),
        document(
            "قرار-١:es",
            "قرار-١",
            Lang::Es,
            &["El Comité toma nota del informe sobre la tortura."],
        ),
    ];
    let second = vec![
        document(
            "决定-一:zh",
            "قرار-١",
            Lang::Zh,
            &[
                "委员会注意到该报告。",
                "在任何情况下都不得援引任何特殊情况作为施行酷刑的理由。",
            ],
        ),
        document(
            "decision-1:en",
            "قرار-١",
            Lang::En,
            &["No exceptional circumstances may be invoked as a justification of torture."],
        ),
    ];
    // Three commits (each run lists the whole corpus), so the records of the work
    // are in several segments.
    index_run(
        corpus.path(),
        index_dir.path(),
        &[("a", first.clone()), ("filler", filler.clone())],
    );
    index_run(
        corpus.path(),
        index_dir.path(),
        &[
            ("a", first),
            ("filler", filler.clone()),
            ("b", second.clone()),
        ],
    );
    // The Arabic file changes: torture moves to the first paragraph and the Spanish
    // version goes; the records it replaces are deleted.
    let updated = vec![document(
        "قرار-١:ar",
        "قرار-١",
        Lang::Ar,
        &[
            "لا يجوز التذرع بأي ظروف استثنائية لتبرير التعذيب.",
            "تلاحظ اللجنة التقرير.",
        ],
    )];
    index_run(
        corpus.path(),
        index_dir.path(),
        &[("a", updated), ("filler", filler), ("b", second)],
    );

    let index = SearchIndex::open(index_dir.path()).unwrap();
    assert!(index.reader.searcher().segment_readers().len() > 1);
    (corpus, index_dir, index)
}

#[test]
fn paragraphs_and_translations_across_segments_and_updates() {
    let (_corpus, _index_dir, index) = work_across_segments();
    let mut request = SearchRequest::new("التعذيب");
    request.facets = false;
    // The Arabic version itself (with expansion, its English version says torture).
    request.expand_languages = false;
    let response = index.search(&request).unwrap();
    assert_eq!(response.total, 1);
    let hit = &response.hits[0];
    assert_eq!(hit.id, "قرار-١:ar");
    let paragraphs: Vec<(Option<&str>, usize)> = hit
        .paragraphs
        .iter()
        .map(|paragraph| (paragraph.n.as_deref(), paragraph.index))
        .collect();
    assert_eq!(paragraphs, [(Some("1"), 0)]);
    assert!(
        hit.paragraphs[0].snippet.contains("<mark>"),
        "{:?}",
        hit.paragraphs
    );
    let translations: Vec<(Lang, &str)> = hit
        .translations
        .iter()
        .map(|translation| (translation.lang, translation.id.as_str()))
        .collect();
    assert_eq!(
        translations,
        [(Lang::Zh, "决定-一:zh"), (Lang::En, "decision-1:en")]
    );

    let chinese = SearchRequest {
        expand_languages: false,
        ..SearchRequest::new("酷刑")
    };
    let response = index.search(&chinese).unwrap();
    let hit = response
        .hits
        .iter()
        .find(|hit| hit.id == "决定-一:zh")
        .expect("the Chinese version");
    assert_eq!(hit.paragraphs.len(), 1);
    assert_eq!(hit.paragraphs[0].n.as_deref(), Some("2"));
    assert!(hit.paragraphs[0].snippet.contains("<mark>酷刑</mark>"));
    let mut langs: Vec<Lang> = hit.translations.iter().map(|t| t.lang).collect();
    langs.sort();
    let mut expected = vec![Lang::Ar, Lang::En];
    expected.sort();
    assert_eq!(langs, expected);

    // Without details: the same hits in the same order, with neither paragraphs nor
    // translations.
    let plain = SearchRequest {
        details: false,
        ..chinese.clone()
    };
    let plain_response = index.search(&plain).unwrap();
    let ids = |response: &SearchResponse| -> Vec<String> {
        response.hits.iter().map(|hit| hit.id.clone()).collect()
    };
    assert_eq!(ids(&plain_response), ids(&response));
    assert_eq!(plain_response.total, response.total);
    assert!(plain_response
        .hits
        .iter()
        .all(|hit| hit.paragraphs.is_empty() && hit.translations.is_empty()));
}

#[test]
fn one_hit_per_work_across_segments_and_updates() {
    let (_corpus, _index_dir, index) = work_across_segments();
    // One hit for the work (issue 11: one work, one hit), its other versions listed
    // on it, none from a deleted record; in the caller's language when asked.
    let response = index
        .search(&SearchRequest::new("torture OR tortura OR التعذيب OR 酷刑"))
        .unwrap();
    let ids: Vec<&str> = response.hits.iter().map(|hit| hit.id.as_str()).collect();
    assert_eq!(response.total, 1, "{ids:?}");
    assert!(response.total_exact);
    for lang in [Lang::Ar, Lang::Zh, Lang::En] {
        let mut request = SearchRequest::new("torture OR tortura OR التعذيب OR 酷刑");
        request.prefer_lang = Some(lang);
        let response = index.search(&request).unwrap();
        assert_eq!(response.hits.len(), 1);
        assert_eq!(response.hits[0].lang, lang, "{:?}", response.hits[0].id);
        assert_eq!(
            response.facets["lang"]
                .iter()
                .map(|count| count.count)
                .sum::<u64>(),
            1
        );
    }
    for hit in &response.hits {
        assert!(!hit.paragraphs.is_empty(), "{} has no paragraph", hit.id);
        assert_eq!(
            hit.translations.len(),
            2,
            "{}: {:?}",
            hit.id,
            hit.translations
        );
    }
}
