//! Relevance and behaviour of the index over real text from the development corpus.
//!
//! Properties checked:
//! 1. A Chinese query finds the Chinese document and highlights the words.
//! 2. An Arabic query finds a document written with another alef / taa-marbuta variant.
//! 3. A Russian query in one case form finds another (`пытки` finds `пыток`).
//! 4. `detention` finds the French `détention`, and marks the surface word.
//! 5. A symbol finds exactly its documents: the bearer and the documents citing it, never
//!    `A/HRC/15/5` for `A/HRC/15/56`.
//! 6. A phrase highlights as a phrase (only the consecutive words).
//! 7. A filter narrows; facet counts of single-valued fields add up to the total.
//! 8. A paragraph number is reported as printed (`18 (c)`).
//! 9. A query valid in one language does not return garbage from another (a Russian or
//!    Chinese word returns only Russian / Chinese documents when `expand_languages` is
//!    off; on, the other languages' hits are translations, marked).
//! 10. Malformed queries give positioned errors, never a panic.
//! 11. Access: a document above the caller's access is neither returned nor counted.
//! 12. Translations: a hit lists the other language versions of its work; `lang`
//!     restricts to one language.
//! 13. `cites:` and `cited_by:` follow paragraph citations.
//! 14. Incremental indexing over real files through ingest adds, updates, removes and
//!     skips correctly, keeps what a failed file had, and `--full` rebuilds.
//! 15. Sorting by date and pagination.

use hrlex_index::{
    update_index, CorpusEntry, Extraction, IndexError, IndexRunOptions, QueryErrorKind,
    RequestFilter, SearchIndex, SearchRequest, SearchResponse, SortOrder,
};
use hrlex_model::{
    Access, CitationKey, DocType, Document, Lang, Mechanism, Paragraph, ParagraphCitation, Viewer,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn dev_corpus() -> PathBuf {
    hrlex_testkit::expect_dev_corpus()
}

const TESTSET_LANGS: [(Lang, &str); 6] = [
    (Lang::Ar, "ar"),
    (Lang::En, "en"),
    (Lang::Es, "es"),
    (Lang::Fr, "fr"),
    (Lang::Ru, "ru"),
    (Lang::Zh, "zh"),
];

/// Lines of the UN parallel corpus (UN documents, sentence-aligned in six languages):
/// test set line 258 is about a detainee subjected to torture (`détention`, `пытки`,
/// `酷刑`, `الإسرائيلي`, `القاسية`); line 359 has `пытки`; dev set line 3715 has `пыток`.
const WORK_LINES: [(&str, usize); 9] = [
    ("testset", 258),
    ("testset", 359),
    ("testset", 58),
    ("testset", 100),
    ("testset", 200),
    ("testset", 300),
    ("testset", 400),
    ("testset", 500),
    ("devset", 3715),
];

fn parallel_lines(set: &str) -> HashMap<&'static str, Vec<String>> {
    let folder = dev_corpus()
        .join("multilingual/un-parallel-corpus")
        .join(set);
    TESTSET_LANGS
        .iter()
        .map(|(_, code)| {
            let text = std::fs::read_to_string(folder.join(format!("UNv1.0.{set}.{code}")))
                .expect("UN parallel corpus");
            (*code, text.lines().map(str::to_string).collect())
        })
        .collect()
}

fn mechanism_for(line: usize) -> Mechanism {
    if line.is_multiple_of(200) {
        Mechanism::Ccpr
    } else {
        Mechanism::Cat
    }
}

/// One work per selected line, one document per language; the line is paragraph
/// `18 (c)` and the next line an unnumbered paragraph.
fn parallel_documents() -> Vec<Document> {
    let sets: HashMap<&str, HashMap<&str, Vec<String>>> = ["testset", "devset"]
        .into_iter()
        .map(|set| (set, parallel_lines(set)))
        .collect();
    let mut documents = Vec::new();
    for (set, line) in WORK_LINES {
        let lines = &sets[set];
        for (lang, code) in TESTSET_LANGS {
            let mut document = Document::new(format!("un-{set}-{line}:{code}"), lang);
            document.work_id = format!("un-{set}-{line}");
            document.title = format!("UN parallel corpus {set} line {line}");
            document.mechanism = mechanism_for(line);
            document.doc_type = DocType::Report;
            document.states = vec![if line == 258 {
                "Syria".into()
            } else {
                "Mexico".into()
            }];
            document.date = Some(format!("{}-01-15", 2000 + line / 50));
            document.source.path = format!("{set}/{line}.{code}");
            document
                .paragraphs
                .push(Paragraph::numbered("18 (c)", lines[code][line - 1].clone()));
            document
                .paragraphs
                .push(Paragraph::unnumbered(lines[code][line].clone()));
            documents.push(document);
        }
    }
    documents
}

/// Documents around the symbol A/HRC/15/56, with text from a real ECtHR judgment.
fn symbol_documents() -> Vec<Document> {
    let judgment = std::fs::read_to_string(
        dev_corpus().join("echr/hudoc-texts/commission_decision_001-107475_ENG.txt"),
    )
    .expect("a HUDOC text");
    let real_paragraphs: Vec<&str> = judgment
        .split("\n\n")
        .map(str::trim)
        .filter(|text| text.len() > 200)
        .take(3)
        .collect();
    let mut documents = Vec::new();
    for (id, symbol) in [
        ("report-56", "A/HRC/15/56"),
        ("report-5", "A/HRC/15/5"),
        ("report-56-add1", "A/HRC/15/56/Add.1"),
    ] {
        let mut document = Document::new(id, Lang::En);
        document.title = format!("Report {symbol}");
        document.mechanism = Mechanism::HumanRightsCouncil;
        document.doc_type = DocType::Report;
        document.symbol = Some(symbol.into());
        document.add_identifier(CitationKey::new(format!("un:{symbol}")));
        document.date = Some("2010-07-01".into());
        document
            .paragraphs
            .push(Paragraph::numbered("1", real_paragraphs[0]));
        documents.push(document);
    }
    let mut citing = Document::new("citing-decision", Lang::En);
    citing.title = "Decision citing the report".into();
    citing.mechanism = Mechanism::Ecthr;
    citing.doc_type = DocType::Judgment;
    citing.date = Some("2012-03-01".into());
    citing.outcome = Some("violation".into());
    citing
        .paragraphs
        .push(Paragraph::numbered("74", real_paragraphs[1]));
    let mut citing_paragraph = Paragraph::numbered(
        "75",
        format!(
            "{} See the report of the Special Rapporteur (A/HRC/15/56, para. 12).",
            real_paragraphs[2]
        ),
    );
    citing_paragraph.citations.push(ParagraphCitation {
        key: CitationKey::new("un:A/HRC/15/56"),
        pin: vec!["para:12".into()],
        surface: "A/HRC/15/56, para. 12".into(),
    });
    citing.paragraphs.push(citing_paragraph);
    documents.push(citing);

    let mut secret = Document::new("confidential-note", Lang::En);
    secret.title = "Confidential note".into();
    secret.mechanism = Mechanism::Ccpr;
    secret.access = Access::Confidential;
    secret.paragraphs.push(Paragraph::numbered(
        "1",
        "Confidential follow-up on the zyxwvut communication and torture allegations.",
    ));
    documents.push(secret);
    documents
}

/// An index over the documents above, built once through `update_index` (one "file"
/// per work) and shared by the tests.
fn shared_index() -> &'static SearchIndex {
    static INDEX: OnceLock<(tempfile::TempDir, tempfile::TempDir, SearchIndex)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let corpus = tempfile::tempdir().unwrap();
            let index_dir = tempfile::tempdir().unwrap();
            let mut by_file: HashMap<String, Vec<Document>> = HashMap::new();
            for document in parallel_documents().into_iter().chain(symbol_documents()) {
                by_file
                    .entry(document.work_id.replace(':', "_"))
                    .or_default()
                    .push(document);
            }
            let mut entries = Vec::new();
            for name in by_file.keys() {
                let path = corpus.path().join(name);
                std::fs::write(&path, name).unwrap();
                entries.push(CorpusEntry::new(path, name.clone()));
            }
            let options =
                IndexRunOptions::new(index_dir.path(), vec![corpus.path().into()], "test");
            let report = update_index(&options, entries, Vec::new(), |batch| {
                batch
                    .iter()
                    .map(|entry| Extraction::Documents(by_file[&entry.relative].clone()))
                    .collect()
            })
            .unwrap();
            assert!(report.failed.is_empty(), "{:?}", report.failed);
            let index = SearchIndex::open(index_dir.path()).unwrap();
            (corpus, index_dir, index)
        })
        .2
}

fn search(query: &str) -> SearchResponse {
    search_with(SearchRequest::new(query))
}

fn search_with(request: SearchRequest) -> SearchResponse {
    shared_index()
        .search(&request)
        .unwrap_or_else(|error| panic!("{}: {error}", request.query))
}

fn hit_ids(response: &SearchResponse) -> Vec<&str> {
    response.hits.iter().map(|hit| hit.id.as_str()).collect()
}

fn all_snippets(response: &SearchResponse, id: &str) -> String {
    response
        .hits
        .iter()
        .filter(|hit| hit.id == id)
        .flat_map(|hit| {
            hit.paragraphs
                .iter()
                .map(|paragraph| paragraph.snippet.clone())
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn chinese_query_finds_the_chinese_document_and_marks_the_words() {
    hrlex_testkit::require_dev_corpus!();
    let response = search("酷刑");
    assert!(
        hit_ids(&response).contains(&"un-testset-258:zh"),
        "{:?}",
        hit_ids(&response)
    );
    let snippets = all_snippets(&response, "un-testset-258:zh");
    assert!(snippets.contains("<mark>酷刑</mark>"), "{snippets}");
    // A longer Chinese query (several words, longer than tantivy's default tokenizer
    // keeps) still finds it.
    let response = search("\"占领者手中受到各种形式的奴役\"");
    assert_eq!(hit_ids(&response), ["un-testset-258:zh"]);
    let snippets = all_snippets(&response, "un-testset-258:zh");
    assert!(
        snippets.contains("<mark>占领者手中受到各种形式的奴役</mark>"),
        "{snippets}"
    );
}

#[test]
fn arabic_query_meets_other_alef_and_taa_marbuta_spellings() {
    hrlex_testkit::require_dev_corpus!();
    // The document writes الإسرائيلي (alef with hamza below) and القاسية (taa marbuta).
    for query in ["الاسرائيلي", "القاسيه"] {
        let response = search(query);
        assert!(
            hit_ids(&response).contains(&"un-testset-258:ar"),
            "{query}: {:?}",
            hit_ids(&response)
        );
        let snippets = all_snippets(&response, "un-testset-258:ar");
        assert!(snippets.contains("<mark>"), "{query}: {snippets}");
    }
}

#[test]
fn russian_case_forms_meet() {
    hrlex_testkit::require_dev_corpus!();
    let response = search("пытки");
    let ids = hit_ids(&response);
    assert!(ids.contains(&"un-devset-3715:ru"), "пыток: {ids:?}");
    assert!(ids.contains(&"un-testset-359:ru"), "пытки: {ids:?}");
    let snippets = all_snippets(&response, "un-devset-3715:ru");
    assert!(snippets.contains("<mark>пыток</mark>"), "{snippets}");
}

#[test]
fn unaccented_query_finds_french_accented_word_and_marks_the_surface() {
    hrlex_testkit::require_dev_corpus!();
    let response = search("detention");
    assert!(
        hit_ids(&response).contains(&"un-testset-258:fr"),
        "{:?}",
        hit_ids(&response)
    );
    let snippets = all_snippets(&response, "un-testset-258:fr");
    assert!(snippets.contains("<mark>détention</mark>"), "{snippets}");
}

#[test]
fn a_symbol_finds_exactly_its_documents() {
    hrlex_testkit::require_dev_corpus!();
    let mut ids = hit_ids(&search("A/HRC/15/56"))
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    ids.sort();
    assert_eq!(ids, ["citing-decision", "report-56"]);
    assert_eq!(hit_ids(&search("A/HRC/15/5")), ["report-5"]);
    assert_eq!(
        hit_ids(&search("symbol:A/HRC/15/56/Add.1")),
        ["report-56-add1"]
    );
    let response = search("id:A/HRC/15/56");
    let snippets = all_snippets(&response, "citing-decision");
    assert!(
        snippets.contains("<mark>A/HRC/15/56, para. 12</mark>"),
        "{snippets}"
    );
}

#[test]
fn a_phrase_is_marked_as_a_phrase() {
    hrlex_testkit::require_dev_corpus!();
    let response = search("\"cruel treatment\"");
    let snippets = all_snippets(&response, "un-testset-258:en");
    assert!(
        snippets.contains("<mark>cruel treatment</mark>"),
        "{snippets}"
    );
    // The words of the phrase alone are not marked where they are not consecutive.
    assert_eq!(snippets.matches("<mark>").count(), 1, "{snippets}");
    // A phrase whose words occur only apart matches nothing.
    assert_eq!(search("\"treatment cruel\"").total, 0);
}

#[test]
fn filters_narrow_and_facet_counts_add_up() {
    hrlex_testkit::require_dev_corpus!();
    let everything = search("type:report");
    let narrowed = search("type:report mechanism:ccpr");
    assert!(narrowed.total > 0 && narrowed.total < everything.total);
    assert!(narrowed.hits.iter().all(|hit| hit.mechanism == "ccpr"));
    for response in [&everything, &narrowed] {
        for field in ["mechanism", "lang", "system", "doc_type"] {
            let sum: u64 = response.facets[field].iter().map(|facet| facet.count).sum();
            assert_eq!(sum, response.total, "{field}: {:?}", response.facets[field]);
        }
    }
    let mechanism_counts: HashMap<&str, u64> = everything.facets["mechanism"]
        .iter()
        .map(|facet| (facet.value.as_str(), facet.count))
        .collect();
    assert_eq!(mechanism_counts["ccpr"], narrowed.total);
    // The same filter given beside the query narrows the same way.
    let mut request = SearchRequest::new("type:report");
    request.filters.push(RequestFilter {
        field: "mechanism".into(),
        value: "ccpr".into(),
    });
    assert_eq!(search_with(request).total, narrowed.total);
    // Years and states.
    // Six language versions of one work: one hit.
    let syria = search("state:syria");
    assert_eq!(syria.total, 1);
    assert_eq!(syria.hits[0].translations.len(), 5);
    assert_eq!(search("state:syria year:2005").total, 1);
    assert_eq!(search("state:syria year:2006..2020").total, 0);
}

#[test]
fn paragraph_numbers_are_reported_as_printed() {
    hrlex_testkit::require_dev_corpus!();
    let response = search("Sidqi");
    let hit = response
        .hits
        .iter()
        .find(|hit| hit.id == "un-testset-258:en")
        .expect("the English version");
    assert_eq!(hit.paragraphs[0].n.as_deref(), Some("18 (c)"));
    assert_eq!(hit.paragraphs[0].index, 0);
}

#[test]
fn a_word_of_one_language_returns_only_that_language() {
    hrlex_testkit::require_dev_corpus!();
    for (query, lang) in [
        ("пытки", Lang::Ru),
        ("酷刑", Lang::Zh),
        ("القاسيه", Lang::Ar),
    ] {
        let response = search_with(SearchRequest {
            expand_languages: false,
            ..SearchRequest::new(query)
        });
        assert!(response.total > 0, "{query}");
        for hit in &response.hits {
            assert_eq!(hit.lang, lang, "{query} returned {}", hit.id);
        }
        // With the legal vocabulary (`пытки` and `酷刑` are forms of torture), the hits
        // in other languages are translations: each marks the word it matched.
        let expanded = search(query);
        for hit in &expanded.hits {
            let snippets = all_snippets(&expanded, &hit.id);
            assert!(
                hit.lang == lang || snippets.contains("<mark>"),
                "{query} returned {} unmarked: {snippets}",
                hit.id
            );
        }
    }
}

#[test]
fn malformed_queries_are_refused_with_a_position() {
    hrlex_testkit::require_dev_corpus!();
    for (query, kind, column) in [
        (
            "torture AND (mexico",
            QueryErrorKind::UnbalancedParenthesis,
            13,
        ),
        ("\"cruel treatment", QueryErrorKind::UnterminatedPhrase, 1),
        ("détention *ture", QueryErrorKind::LeadingWildcard, 11),
        ("torture~5", QueryErrorKind::FuzzyTooFar, 8),
        ("colour:red", QueryErrorKind::UnknownField, 1),
        ("year:20x0", QueryErrorKind::InvalidValue, 6),
    ] {
        match shared_index().search(&SearchRequest::new(query)) {
            Err(IndexError::Query(error)) => {
                assert_eq!(
                    (error.kind, error.column),
                    (kind, column),
                    "{query}: {error}"
                )
            }
            other => panic!("{query}: {other:?}"),
        }
    }
    let mut request = SearchRequest::new("torture");
    request.limit = 100_000;
    assert!(matches!(
        shared_index().search(&request),
        Err(IndexError::InvalidRequest(_))
    ));
}

#[test]
fn documents_above_the_callers_access_are_neither_returned_nor_counted() {
    hrlex_testkit::require_dev_corpus!();
    let public = search("zyxwvut");
    assert_eq!(public.total, 0);
    assert!(public.facets["mechanism"].is_empty());
    let mut request = SearchRequest::new("zyxwvut");
    request.viewer = Viewer::Admin;
    let confidential = search_with(request);
    assert_eq!(hit_ids(&confidential), ["confidential-note"]);
    assert!(shared_index()
        .document("confidential-note", &Viewer::Public)
        .unwrap()
        .is_none());
    let whole = shared_index()
        .document("confidential-note", &Viewer::Admin)
        .unwrap()
        .unwrap();
    assert_eq!(whole.paragraphs.len(), 1);
}

#[test]
fn hits_list_their_translations_and_lang_restricts() {
    hrlex_testkit::require_dev_corpus!();
    let mut request = SearchRequest::new("Sidqi");
    request.prefer_lang = Some(Lang::Fr);
    let response = search_with(request);
    let hit = response
        .hits
        .iter()
        .find(|hit| hit.id == "un-testset-258:fr")
        .expect("French version");
    let mut langs: Vec<Lang> = hit.translations.iter().map(|t| t.lang).collect();
    langs.sort();
    let mut expected = vec![Lang::Ar, Lang::Zh, Lang::En, Lang::Ru, Lang::Es];
    expected.sort();
    assert_eq!(langs, expected);
    let mut request = SearchRequest::new("Sidqi");
    request.lang = Some(Lang::Es);
    let spanish = search_with(request);
    assert_eq!(hit_ids(&spanish), ["un-testset-258:es"]);
}

#[test]
fn citation_filters_follow_paragraph_citations() {
    hrlex_testkit::require_dev_corpus!();
    assert_eq!(
        hit_ids(&search("cites:un:A/HRC/15/56")),
        ["citing-decision"]
    );
    assert_eq!(hit_ids(&search("cites:A/HRC/15/56")), ["citing-decision"]);
    let response = search("cites:A/HRC/15/56");
    assert_eq!(response.hits[0].paragraphs[0].n.as_deref(), Some("75"));
    assert_eq!(hit_ids(&search("cited_by:citing-decision")), ["report-56"]);
    assert_eq!(search("cited_by:report-5").total, 0);
    let whole = shared_index()
        .document("citing-decision", &Viewer::Public)
        .unwrap()
        .unwrap();
    assert_eq!(whole.paragraphs.len(), 2);
    assert_eq!(whole.paragraphs[1].citations[0].pin, ["para:12"]);
}

#[test]
fn date_sort_and_pagination() {
    hrlex_testkit::require_dev_corpus!();
    let mut request = SearchRequest::new("Sidqi OR A/HRC/15/56 OR пытки");
    request.sort = SortOrder::Date;
    request.limit = 3;
    let first_page = search_with(request.clone());
    request.offset = 3;
    let second_page = search_with(request);
    assert_eq!(first_page.total, second_page.total);
    let dates: Vec<String> = first_page
        .hits
        .iter()
        .chain(&second_page.hits)
        .map(|hit| hit.date.clone().unwrap_or_default())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    let overlap = first_page
        .hits
        .iter()
        .filter(|hit| second_page.hits.iter().any(|other| other.id == hit.id))
        .count();
    assert_eq!(overlap, 0);
}

/// Extracts with real ingest, except files listed in `failing`.
fn ingest_extractor(failing: Vec<String>) -> impl FnMut(&[CorpusEntry]) -> Vec<Extraction> {
    move |batch: &[CorpusEntry]| {
        batch
            .iter()
            .map(|entry| {
                if failing.iter().any(|name| entry.relative.ends_with(name)) {
                    return Extraction::Failed {
                        code: "test".into(),
                        reason: "made to fail".into(),
                    };
                }
                match hrlex_ingest::extract_file(
                    &entry.path,
                    &entry.relative,
                    &hrlex_ingest::IngestOptions::default(),
                ) {
                    Ok(hrlex_ingest::FileOutcome::Documents(documents)) => {
                        Extraction::Documents(documents)
                    }
                    Ok(hrlex_ingest::FileOutcome::Skipped { reason }) => {
                        Extraction::Skipped(reason)
                    }
                    Err(error) => Extraction::Failed {
                        code: error.code().into(),
                        reason: error.to_string(),
                    },
                }
            })
            .collect()
    }
}

fn corpus_entries(root: &Path) -> Vec<CorpusEntry> {
    let mut entries: Vec<CorpusEntry> = std::fs::read_dir(root)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            CorpusEntry::new(path, name)
        })
        .collect();
    entries.sort_by(|a, b| a.relative.cmp(&b.relative));
    entries
}

#[test]
fn incremental_indexing_adds_updates_removes_skips_and_full_rebuilds() {
    hrlex_testkit::require_dev_corpus!();
    let hudoc = dev_corpus().join("echr/hudoc-texts");
    let mut names: Vec<String> = std::fs::read_dir(&hudoc)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    let names = &names[..4];
    let corpus = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    for name in &names[..3] {
        std::fs::copy(hudoc.join(name), corpus.path().join(name)).unwrap();
    }
    let options = IndexRunOptions::new(index_dir.path(), vec![corpus.path().into()], "test");
    let run = |options: &IndexRunOptions, failing: Vec<String>| {
        update_index(
            options,
            corpus_entries(corpus.path()),
            Vec::new(),
            ingest_extractor(failing),
        )
        .unwrap()
    };

    let first = run(&options, Vec::new());
    assert_eq!((first.added, first.updated, first.removed), (3, 0, 0));
    assert!(first.documents_total >= 3);
    let index = SearchIndex::open(index_dir.path()).unwrap();
    let total_documents = index.info(&hrlex_model::Viewer::Admin).unwrap().documents;
    assert_eq!(
        index
            .info(&hrlex_model::Viewer::Admin)
            .unwrap()
            .stamp
            .unwrap()
            .hrlex_version,
        "test".to_string()
    );

    // Nothing changed: skipped without extraction.
    let second = update_index(
        &options,
        corpus_entries(corpus.path()),
        Vec::new(),
        |_: &[CorpusEntry]| -> Vec<Extraction> { panic!("nothing should be extracted") },
    )
    .unwrap();
    assert_eq!((second.unchanged, second.added, second.updated), (3, 0, 0));

    // Same content, new mtime: hashed, found unchanged, not re-extracted.
    let touched = corpus.path().join(&names[0]);
    let content = std::fs::read(&touched).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&touched, &content).unwrap();
    let third = update_index(
        &options,
        corpus_entries(corpus.path()),
        Vec::new(),
        |_: &[CorpusEntry]| -> Vec<Extraction> { panic!("same bytes must not be extracted") },
    )
    .unwrap();
    assert_eq!(third.unchanged, 3);

    // Changed content: updated, and the new words are searchable.
    let mut changed = content.clone();
    changed.extend_from_slice(b"\n\n99. The applicant mentioned the quuxfrobnicate procedure.\n");
    std::fs::write(&touched, &changed).unwrap();
    // A failing changed file keeps what the index had.
    std::fs::write(corpus.path().join(&names[1]), b"garbage now").unwrap();
    let fourth = run(&options, vec![names[1].clone()]);
    assert_eq!(fourth.updated, 1);
    assert_eq!(fourth.failed.len(), 1);
    assert!(fourth.failed[0].path.ends_with(names[1].as_str()));
    index.reload().unwrap();
    assert_eq!(
        index.info(&hrlex_model::Viewer::Admin).unwrap().documents,
        total_documents
    );
    assert_eq!(
        index
            .search(&SearchRequest::new("quuxfrobnicate"))
            .unwrap()
            .total,
        1
    );

    // Removed and added files.
    std::fs::remove_file(corpus.path().join(&names[2])).unwrap();
    std::fs::copy(hudoc.join(&names[3]), corpus.path().join(&names[3])).unwrap();
    let fifth = run(&options, vec![names[1].clone()]);
    assert_eq!((fifth.added, fifth.removed), (1, 1));
    // The failed file is retried every run until it succeeds.
    assert_eq!(fifth.failed.len(), 1);

    // Full rebuild: everything re-extracted, the index mirrors the corpus.
    std::fs::copy(hudoc.join(&names[1]), corpus.path().join(&names[1])).unwrap();
    let mut full = options.clone();
    full.full = true;
    let rebuilt = run(&full, Vec::new());
    assert!(rebuilt.full_rebuild);
    assert_eq!(rebuilt.added, 3);
    assert!(rebuilt.failed.is_empty());
    index.reload().unwrap();
    assert_eq!(
        index
            .search(&SearchRequest::new("quuxfrobnicate"))
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        index.info(&hrlex_model::Viewer::Admin).unwrap().documents,
        rebuilt.documents_total
    );
}
