//! The legal vocabulary at query time, over real documents of the development corpus as the
//! importers make them (treaty-body decisions, IACtHR judgments as PDFs, the Moroccan
//! recommendations in French and Arabic, UN parallel-corpus sentences).
//!
//! Properties checked:
//! 1. A Russian, Arabic or Chinese query on enforced disappearance finds the English,
//!    Spanish and French documents on it (the index has no such document in those
//!    languages), and marks the translated words in their snippets.
//! 2. An acronym (`CPED`) finds the documents that name the Convention in full, in
//!    English, French and Arabic.
//! 3. A British spelling (`"in vitro fertilisation"`) finds the judgment that writes
//!    `fertilization`, and its Portuguese version (`fertilização in vitro`).
//! 4. `deportation` finds a decision that says only `expel` (*Mutombo v. Switzerland*).
//! 5. The query's own language ranks first: `пытки` puts the Russian sentence before its
//!    translations.
//! 6. `expand_languages: false` stays in the languages typed: no translations, but
//!    same-language synonyms and spelling variants still apply.
//! 7. A word that is no vocabulary form compiles as before (same hits with and without
//!    expansion).
//! 8. A multi-word form matches with a word or two between its words ("early and forced
//!    marriages" is an early marriage; "насильственные или недобровольные исчезновения"
//!    an enforced disappearance), but not the words far apart.

mod common;

use hrlex_index::{update_index, CorpusEntry, Extraction, IndexRunOptions, SearchIndex};
use hrlex_index::{SearchRequest, SearchResponse};
use hrlex_ingest::{extract_file, FileOutcome, IngestOptions};
use hrlex_model::{Document, Lang};
use std::path::PathBuf;
use std::sync::OnceLock;

fn dev_corpus() -> PathBuf {
    hrlex_testkit::expect_dev_corpus()
}

/// The documents the importers make of a corpus file, those `keep` accepts.
fn documents_of(relative: &str, keep: impl Fn(&Document) -> bool) -> Vec<Document> {
    let path = dev_corpus().join(relative);
    match extract_file(&path, relative, &IngestOptions::default()) {
        Ok(FileOutcome::Documents(documents)) => documents.into_iter().filter(keep).collect(),
        other => panic!("{relative}: {other:?}"),
    }
}

fn mentions(document: &Document, words: &[&str]) -> bool {
    let text = document.full_text().to_lowercase();
    words.iter().any(|word| text.contains(word))
}

/// The text of an IACtHR PDF as poppler's `pdftotext` gives it (the PDF path of the
/// importer, without its slow debug-build cleaning), one paragraph per blank-line block.
fn pdf_document(relative: &str, lang: Lang) -> Vec<Document> {
    let path = dev_corpus().join(relative);
    let output = std::process::Command::new("pdftotext")
        .args(["-q", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|error| {
            panic!("pdftotext (poppler-utils, scripts/install-deps.sh): {error}")
        });
    let text = String::from_utf8_lossy(&output.stdout);
    let mut document = Document::new(format!("iacthr:{relative}"), lang);
    document.title = relative.to_string();
    for block in text.split("\n\n") {
        let block = block.split_whitespace().collect::<Vec<_>>().join(" ");
        if block.chars().count() > 40 {
            document
                .paragraphs
                .push(hrlex_model::Paragraph::unnumbered(block));
        }
    }
    assert!(document.paragraphs.len() > 50, "{relative}: no text");
    vec![document]
}

/// The real documents of the index, by source file.
fn corpus_documents() -> Vec<(String, Vec<Document>)> {
    vec![
        // Mutombo v. Switzerland and the other CAT decisions of 1990–1994 (English).
        (
            "treaty-bodies/decisions/jur_CAT_1990-1994.json".into(),
            documents_of("treaty-bodies/decisions/jur_CAT_1990-1994.json", |_| true),
        ),
        // A report of the Special Rapporteur on torture naming the Convention on enforced
        // disappearance (English).
        (
            "special-procedures/SR_Torture_A_61_259.json".into(),
            documents_of("special-procedures/SR_Torture_A_61_259.json", |_| true),
        ),
        // Artavia Murillo et al. ("In vitro fertilization") v. Costa Rica, English and
        // Portuguese; a Spanish IACtHR judgment on forced disappearance.
        (
            "iacthr/pdfs/98318.pdf".into(),
            pdf_document("iacthr/pdfs/98318.pdf", Lang::En),
        ),
        (
            "iacthr/pdfs/98334.pdf".into(),
            pdf_document("iacthr/pdfs/98334.pdf", Lang::Pt),
        ),
        (
            "iacthr/pdfs/1009.pdf".into(),
            pdf_document("iacthr/pdfs/1009.pdf", Lang::Es),
        ),
        // Recommendations to Morocco (French and Arabic) naming the Convention on
        // enforced disappearance, and some on torture.
        (
            "recommendations-morocco/recommendations.jsonl".into(),
            documents_of(
                "recommendations-morocco/recommendations.jsonl",
                |document| {
                    mentions(
                        document,
                        &["disparitions forcées", "الاختفاء القسري", "torture"],
                    )
                },
            ),
        ),
        // One UN sentence about torture in six languages (test set line 258).
        ("un-parallel-corpus".into(), parallel_sentence(258)),
    ]
}

fn parallel_sentence(line: usize) -> Vec<Document> {
    let folder = dev_corpus().join("multilingual/un-parallel-corpus/testset");
    [
        (Lang::Ar, "ar"),
        (Lang::En, "en"),
        (Lang::Es, "es"),
        (Lang::Fr, "fr"),
        (Lang::Ru, "ru"),
        (Lang::Zh, "zh"),
    ]
    .into_iter()
    .map(|(lang, code)| {
        let text = std::fs::read_to_string(folder.join(format!("UNv1.0.testset.{code}")))
            .expect("the UN parallel corpus");
        let mut document = Document::new(format!("un-testset-{line}:{code}"), lang);
        document.work_id = format!("un-testset-{line}");
        document.title = format!("UN parallel corpus test set line {line}");
        document.paragraphs.push(hrlex_model::Paragraph::numbered(
            "1",
            text.lines().nth(line - 1).expect("the line").to_string(),
        ));
        document
    })
    .collect()
}

fn shared_index() -> &'static SearchIndex {
    static INDEX: OnceLock<(tempfile::TempDir, tempfile::TempDir, SearchIndex)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let corpus = tempfile::tempdir().unwrap();
            let index_dir = tempfile::tempdir().unwrap();
            let files = corpus_documents();
            let mut entries = Vec::new();
            for (index, (name, _)) in files.iter().enumerate() {
                let path = corpus.path().join(format!("file-{index}"));
                std::fs::write(&path, name).unwrap();
                entries.push(CorpusEntry::new(path, format!("file-{index}")));
            }
            let options =
                IndexRunOptions::new(index_dir.path(), vec![corpus.path().into()], "test");
            let report = update_index(&options, entries, Vec::new(), |batch| {
                batch
                    .iter()
                    .map(|entry| {
                        let index: usize = entry.relative["file-".len()..].parse().unwrap();
                        Extraction::Documents(files[index].1.clone())
                    })
                    .collect()
            })
            .unwrap();
            assert!(report.failed.is_empty(), "{:?}", report.failed);
            let index = SearchIndex::open(index_dir.path()).unwrap();
            (corpus, index_dir, index)
        })
        .2
}

fn search_with(query: &str, expand_languages: bool) -> SearchResponse {
    let request = SearchRequest {
        limit: 50,
        expand_languages,
        ..SearchRequest::new(query)
    };
    shared_index()
        .search(&request)
        .unwrap_or_else(|error| panic!("{query}: {error}"))
}

fn search(query: &str) -> SearchResponse {
    search_with(query, true)
}

fn langs(response: &SearchResponse) -> Vec<Lang> {
    response.hits.iter().map(|hit| hit.lang).collect()
}

/// The languages of the hits and of the other versions listed on them (one hit per
/// work).
fn langs_with_versions(response: &SearchResponse) -> Vec<Lang> {
    response
        .hits
        .iter()
        .flat_map(|hit| {
            std::iter::once(hit.lang).chain(hit.translations.iter().map(|version| version.lang))
        })
        .collect()
}

fn snippets(response: &SearchResponse) -> String {
    response
        .hits
        .iter()
        .flat_map(|hit| {
            hit.paragraphs
                .iter()
                .map(|paragraph| paragraph.snippet.clone())
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn russian_arabic_and_chinese_queries_find_enforced_disappearance_in_other_languages() {
    hrlex_testkit::require_dev_corpus!();
    for query in [
        "насильственное исчезновение",
        "\"насильственных исчезновений\"",
        "الاختفاء القسري",
        "强迫失踪",
    ] {
        let response = search(query);
        let found = langs(&response);
        for lang in [Lang::En, Lang::Es, Lang::Fr] {
            assert!(found.contains(&lang), "{query}: no {lang} hit in {found:?}");
        }
        let marked = snippets(&response).to_lowercase();
        for translation in ["<mark>enforced disappearance", "<mark>desaparición forzada"] {
            assert!(
                marked.contains(translation),
                "{query}: {translation} not marked"
            );
        }
    }
    // No Russian or Chinese document in the index is on it: staying in the language
    // typed finds nothing.
    for query in ["насильственное исчезновение", "强迫失踪"] {
        let response = search_with(query, false);
        assert_eq!(response.total, 0, "{query}: {:?}", langs(&response));
    }
}

#[test]
fn an_acronym_finds_the_convention_named_in_full_in_three_languages() {
    hrlex_testkit::require_dev_corpus!();
    let response = search("CPED");
    let found = langs_with_versions(&response);
    for lang in [Lang::En, Lang::Fr, Lang::Ar] {
        assert!(found.contains(&lang), "CPED: no {lang} hit in {found:?}");
    }
    let marked = snippets(&response);
    assert!(
        marked.contains("<mark>Convention internationale pour la protection de toutes les personnes contre les disparitions forcées</mark>"),
        "{marked}"
    );
    // In English only, the English title still counts; the French and Arabic do not.
    let english = search_with("CPED", false);
    assert!(
        langs(&english).iter().all(|lang| *lang == Lang::En),
        "{:?}",
        langs(&english)
    );
    assert!(english.total > 0);
}

#[test]
fn a_british_spelling_finds_the_american_one_and_the_portuguese_version() {
    hrlex_testkit::require_dev_corpus!();
    let response = search("\"in vitro fertilisation\"");
    let found = langs(&response);
    assert!(
        found.contains(&Lang::En) && found.contains(&Lang::Pt),
        "{found:?}"
    );
    assert_eq!(found[0], Lang::En, "the English judgment first: {found:?}");
    let marked = snippets(&response).to_lowercase();
    // `in` is an English stop word: the mark starts at `vitro`.
    assert!(
        marked.contains("in <mark>vitro fertilization</mark>"),
        "{marked}"
    );
    let english = search_with("\"in vitro fertilisation\"", false);
    assert_eq!(langs(&english), [Lang::En], "{:?}", langs(&english));
}

#[test]
fn deportation_finds_a_decision_that_says_only_expel() {
    hrlex_testkit::require_dev_corpus!();
    let mutombo = "tb:cat-c-12-d-13-1993";
    let text = documents_of("treaty-bodies/decisions/jur_CAT_1990-1994.json", |_| true)
        .iter()
        .find(|document| document.id == mutombo)
        .expect("Mutombo is in the CAT shard")
        .full_text()
        .to_lowercase();
    assert!(
        text.contains("expel") && !text.contains("deport"),
        "the premise"
    );
    for expand_languages in [true, false] {
        let response = search_with("deportation", expand_languages);
        assert!(
            response.hits.iter().any(|hit| hit.id == mutombo),
            "expand_languages {expand_languages}: {:?}",
            response.hits.iter().map(|hit| &hit.id).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_language_typed_ranks_before_the_translations() {
    hrlex_testkit::require_dev_corpus!();
    // Within one work, the version in the language typed outranks its translations
    // (the French, Spanish and Portuguese analyzers stem `torture` as they stem `tortura`:
    // those versions match as typed, before any expansion).
    let position =
        |response: &SearchResponse, id: &str| response.hits.iter().position(|hit| hit.id == id);
    let request = SearchRequest {
        limit: 200,
        ..SearchRequest::new("torture")
    };
    let response = shared_index().search(&request).unwrap();
    // One hit per work: a version that matches as typed is the one shown (`torture` is
    // English and French), the Russian, Chinese and Arabic ones are listed on it.
    let shown = ["en", "fr", "es", "pt"]
        .iter()
        .find_map(|code| position(&response, &format!("un-testset-258:{code}")))
        .expect("a version matching as typed");
    for (code, lang) in [("ru", Lang::Ru), ("zh", Lang::Zh), ("ar", Lang::Ar)] {
        let id = format!("un-testset-258:{code}");
        assert_eq!(
            position(&response, &id),
            None,
            "{code}: a second hit of the work"
        );
        assert!(
            response.hits[shown]
                .translations
                .iter()
                .any(|version| version.id == id),
            "{code} listed on the hit shown"
        );
        // Matched all the same: the language filter finds it.
        let in_language = SearchRequest {
            lang: Some(lang),
            ..SearchRequest::new("torture")
        };
        let hits = shared_index().search(&in_language).unwrap().hits;
        assert!(hits.iter().any(|hit| hit.id == id), "{code}");
    }
    // Staying in Russian finds the Russian sentence alone of its work.
    let russian = search_with("пытки", false);
    let ids: Vec<&str> = russian.hits.iter().map(|hit| hit.id.as_str()).collect();
    assert_eq!(ids, ["un-testset-258:ru"]);
    let in_chinese = SearchRequest {
        lang: Some(Lang::Zh),
        ..SearchRequest::new("пытки")
    };
    let hits = shared_index().search(&in_chinese).unwrap().hits;
    assert!(hits.iter().any(|hit| hit.id == "un-testset-258:zh"));
}

#[test]
fn a_word_that_is_no_form_compiles_as_before() {
    hrlex_testkit::require_dev_corpus!();
    for query in ["Mutombo", "Switzerland", "\"substantial grounds\""] {
        let expanded = search_with(query, true);
        let literal = search_with(query, false);
        let ids = |response: &SearchResponse| {
            response
                .hits
                .iter()
                .map(|hit| hit.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&expanded), ids(&literal), "{query}");
        assert!(literal.total > 0, "{query}");
    }
}

#[test]
fn a_form_matches_with_a_word_or_two_between_its_words() {
    let recommendation = |id: &str, lang: Lang, text: &str| {
        let mut document = Document::new(id, lang);
        document.paragraphs = vec![hrlex_model::Paragraph::numbered("1", text)];
        document
    };
    let (_dir, index) = common::index_of(vec![
        recommendation(
            "near:en",
            Lang::En,
            "Intensify its efforts to protect children from early and forced marriages.",
        ),
        recommendation(
            "near:ru",
            Lang::Ru,
            "Рабочая группа по насильственным или недобровольным исчезновениям посетила страну.",
        ),
        recommendation(
            "far:en",
            Lang::En,
            "Girls leave school early; the law on the age of marriage of girls is not enforced.",
        ),
    ]);
    let ids = |query: &str| -> Vec<String> {
        let response = index.search(&SearchRequest::new(query)).unwrap();
        response.hits.into_iter().map(|hit| hit.id).collect()
    };
    let marriage = ids("child marriage");
    assert!(marriage.contains(&"near:en".to_string()), "{marriage:?}");
    assert!(!marriage.contains(&"far:en".to_string()), "{marriage:?}");
    let disappearance = ids("enforced disappearance");
    assert!(
        disappearance.contains(&"near:ru".to_string()),
        "{disappearance:?}"
    );
}
