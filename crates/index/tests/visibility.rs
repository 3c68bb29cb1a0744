//! Documents a caller may not see do not exist for them: not in hits, totals, facets,
//! scores, translations, the citation graph or the document count. Two indexes are
//! built from real documents of the sample corpus, one with canaries (non-public
//! documents that share the public ones' words, cite them, are cited by them, translate
//! them), and every answer to an anonymous caller and to a caller of another group must
//! be the same on both, scores included, while the canaries' own group sees them.

use hrlex_index::{
    update_index, CitedByAnswer, CitesAnswer, CorpusEntry, Extraction, IndexRunOptions,
    SearchIndex, SearchRequest,
};
use hrlex_model::{Access, CitationKey, Document, Lang, Viewer};
use std::path::Path;

/// Sample-corpus files with text in Latin, Cyrillic, Arabic and Han scripts.
const FILES: [&str; 7] = [
    "treaty-bodies/decisions/jur_CAT_1990-1994.json",
    "special-procedures/SR_Torture_A_HRC_22_53.json",
    "multilingual/udhr/rus.html",
    "multilingual/udhr/arb.html",
    "multilingual/udhr/cmn_hans.html",
    "multilingual/udhr/eng.html",
    "echr/hudoc-texts/standard_001-61977_FRE.txt",
];

fn corpus_documents() -> Vec<Document> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut documents = Vec::new();
    for file in FILES {
        match hrlex_ingest::extract_file(
            &root.join(file),
            file,
            &hrlex_ingest::IngestOptions::default(),
        ) {
            Ok(hrlex_ingest::FileOutcome::Documents(found)) => documents.extend(found),
            other => panic!("{file}: {other:?}"),
        }
    }
    assert!(documents.len() > 10, "{} documents", documents.len());
    documents
}

/// A document of the other group (`cat`), present in both indexes.
fn other_group_document(documents: &[Document]) -> Document {
    let mut restricted = documents[1].clone();
    restricted.id = "cat-restricted-note".into();
    restricted.work_id = restricted.id.clone();
    restricted.symbol = None;
    restricted.identifiers.clear();
    restricted.access = Access::Restricted;
    restricted.groups = vec!["cat".into()];
    restricted
}

/// The canaries, all of group `spt` but one that names no group (admin only).
fn canaries(documents: &[Document]) -> Vec<Document> {
    let torture = documents
        .iter()
        .find(|document| document.source.path.contains("SR_Torture"))
        .expect("the torture report");
    let russian = documents
        .iter()
        .find(|document| document.lang == Lang::Ru)
        .expect("a Russian document");
    let confidential = |id: &str, from: &Document| {
        let mut canary = from.clone();
        canary.id = id.to_string();
        canary.work_id = id.to_string();
        canary.symbol = None;
        canary.identifiers.clear();
        canary.case_name = None;
        canary.access = Access::Confidential;
        canary.groups = vec!["spt".into()];
        canary
    };
    // Same words and citations as a public decision: moves document frequencies and
    // cites what the decision cites.
    let citing = confidential("spt-visit-report", &documents[0]);
    // Bears a key a public document cites: resolves it, and is cited by that document.
    let cited_key = documents
        .iter()
        .flat_map(|document| &document.paragraphs)
        .flat_map(|paragraph| &paragraph.citations)
        .map(|citation| citation.key.clone())
        .find(|key| key.as_str().starts_with("un:"))
        .expect("a cited UN symbol");
    let mut cited = confidential("spt-cited-draft", torture);
    cited.identifiers = vec![cited_key];
    // A Russian version of the public torture report's work.
    let mut translation = confidential("spt-russian-version", russian);
    translation.work_id = torture.work_id.clone();
    // Names no group: admin only.
    let mut ungrouped = confidential("ungrouped-confidential", russian);
    ungrouped.groups.clear();
    vec![citing, cited, translation, ungrouped]
}

/// One corpus file per document, written by one writer thread, as `hrlex index` would.
fn index_of(documents: &[Document]) -> (tempfile::TempDir, SearchIndex) {
    let corpus = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let mut entries = Vec::new();
    for (at, _) in documents.iter().enumerate() {
        let name = format!("{at:04}.json");
        let file = corpus.path().join(&name);
        std::fs::write(&file, at.to_string()).unwrap();
        entries.push(CorpusEntry::new(file, name));
    }
    let mut options =
        IndexRunOptions::new(index_dir.path(), vec![corpus.path().to_path_buf()], "test");
    options.writer_threads = 1;
    update_index(&options, entries, Vec::new(), |batch| {
        batch
            .iter()
            .map(|entry| {
                let at: usize = entry.relative[..4].parse().unwrap();
                Extraction::Documents(vec![documents[at].clone()])
            })
            .collect()
    })
    .unwrap();
    let index = SearchIndex::open(index_dir.path()).unwrap();
    (index_dir, index)
}

/// Everything `viewer` can learn from `index` through `queries` and `ids`, as JSON.
fn answers(
    index: &SearchIndex,
    viewer: &Viewer,
    queries: &[String],
    ids: &[String],
) -> Vec<String> {
    let mut answers = Vec::new();
    for query in queries {
        let mut request = SearchRequest::new(query);
        request.viewer = viewer.clone();
        request.limit = 50;
        let response = index.search(&request);
        answers.push(format!(
            "search {query}: {:?}",
            response.map(|r| serde_json::to_string(&r).unwrap())
        ));
    }
    for id in ids {
        let json = |value: &dyn erased::Json| value.json();
        answers.push(format!(
            "document {id}: {}",
            json(&index.document(id, viewer).unwrap())
        ));
        answers.push(format!(
            "cites {id}: {}",
            json(&index.cites(id, viewer).unwrap().map(CitesAnswer::from))
        ));
        answers.push(format!(
            "cited-by {id}: {}",
            json(
                &index
                    .cited_by_document(id, viewer, 0, 100)
                    .unwrap()
                    .map(CitedByAnswer::from)
            )
        ));
        answers.push(format!(
            "translations {id}: {}",
            json(&index.translations(id, viewer).unwrap())
        ));
        answers.push(format!(
            "resolve {id}: {:?}",
            index.resolve_document_id(id, viewer).unwrap()
        ));
        let key = CitationKey::new(id.clone());
        answers.push(format!(
            "cited-by key {id}: {}",
            json(&CitedByAnswer::from(
                index.cited_by_key(&key, viewer, 0, 100).unwrap()
            ))
        ));
    }
    answers.push(format!(
        "documents: {}",
        index.info(viewer).unwrap().documents
    ));
    answers
}

/// Serializing the graph's answers, which are not all the same type.
mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}

/// Queries that would match the canaries: their words in four scripts, their ids,
/// the keys they bear and cite, facet values.
fn probing_queries(canaries: &[Document]) -> Vec<String> {
    let mut queries: Vec<String> = [
        "torture",
        "пыток",
        "التعذيب",
        "酷刑",
        "committee against torture",
        "\"Special Rapporteur\"",
        "access:confidential",
        "state:switzerland",
        "mechanism:cat",
        "lang:ru",
    ]
    .map(String::from)
    .to_vec();
    for canary in canaries {
        queries.push(format!("id:{}", canary.id));
        queries.push(canary.id.clone());
        for key in &canary.identifiers {
            queries.push(format!("cites:{}", key.as_str()));
            queries.push(format!("\"{}\"", key.as_str()));
        }
        let cited = canary
            .paragraphs
            .iter()
            .flat_map(|paragraph| &paragraph.citations)
            .take(3);
        for citation in cited {
            queries.push(format!("cites:{}", citation.key.as_str()));
        }
    }
    queries
}

#[test]
fn callers_learn_nothing_of_documents_they_may_not_see() {
    let public = corpus_documents();
    let mut base = public.clone();
    base.push(other_group_document(&public));
    let canaries = canaries(&public);
    let mut with_canaries = base.clone();
    // Interleaved, as files of a real folder would be.
    for (at, canary) in canaries.iter().enumerate() {
        with_canaries.insert((at * 5).min(with_canaries.len()), canary.clone());
    }
    let (_without_dir, without) = index_of(&base);
    let (_with_dir, with) = index_of(&with_canaries);

    let queries = probing_queries(&canaries);
    let mut ids: Vec<String> = canaries.iter().map(|canary| canary.id.clone()).collect();
    ids.extend(public.iter().take(12).map(|document| document.id.clone()));
    ids.extend(
        canaries
            .iter()
            .flat_map(|canary| &canary.identifiers)
            .map(|key| key.as_str().to_string()),
    );
    let mut compared = 0;
    for viewer in [Viewer::Public, Viewer::of_groups(&["cat"])] {
        let expected = answers(&without, &viewer, &queries, &ids);
        let found = answers(&with, &viewer, &queries, &ids);
        for (expected, found) in expected.iter().zip(&found) {
            let first_difference = expected
                .char_indices()
                .zip(found.chars())
                .find(|((_, a), b)| a != b)
                .map_or(expected.len().min(found.len()), |((at, _), _)| at);
            let context = |text: &str| {
                let start = text.floor_char_boundary(first_difference.saturating_sub(300));
                let end = text.ceil_char_boundary((first_difference + 200).min(text.len()));
                text[start..end].to_string()
            };
            assert_eq!(
                found,
                expected,
                "{} sees a difference:\nwithout canaries …{}…\nwith canaries    …{}…",
                viewer.label(),
                context(expected),
                context(found)
            );
            compared += 1;
        }
    }
    println!("{compared} answers compared, none differs");

    // The canaries' group sees them, in hits, documents and the graph.
    let spt = Viewer::of_groups(&["SPT"]);
    let mut request = SearchRequest::new("torture");
    request.limit = 50;
    let public_total = with.search(&request).unwrap().total;
    request.viewer = spt.clone();
    let seen = with.search(&request).unwrap();
    assert!(seen.total > public_total);
    assert!(seen
        .hits
        .iter()
        .any(|hit| hit.id == "spt-visit-report" && hit.access == Access::Confidential));
    assert!(with.document("spt-visit-report", &spt).unwrap().is_some());
    assert!(with
        .document("ungrouped-confidential", &spt)
        .unwrap()
        .is_none());
    assert!(with
        .document("ungrouped-confidential", &Viewer::Admin)
        .unwrap()
        .is_some());
    let torture_id = &public
        .iter()
        .find(|document| document.source.path.contains("SR_Torture"))
        .unwrap()
        .id;
    let translations = with.translations(torture_id, &spt).unwrap().unwrap();
    assert!(
        translations
            .iter()
            .any(|version| version.id == "spt-russian-version"
                && version.access == Access::Confidential),
        "{translations:?}"
    );
    assert_eq!(
        with.info(&spt).unwrap().documents,
        with.info(&Viewer::Public).unwrap().documents + 3
    );
}

#[test]
fn the_comparison_sees_a_canary_that_is_not_filtered() {
    // The same comparison with a canary made public must find differences: the test
    // above can fail.
    let public = corpus_documents();
    let mut leaked = canaries(&public).remove(0);
    leaked.access = Access::Public;
    leaked.groups.clear();
    let mut with_leak = public.clone();
    with_leak.insert(3, leaked);
    let (_a, without) = index_of(&public);
    let (_b, with) = index_of(&with_leak);
    let queries = vec!["torture".to_string()];
    let ids = vec!["spt-visit-report".to_string()];
    let expected = answers(&without, &Viewer::Public, &queries, &ids);
    let found = answers(&with, &Viewer::Public, &queries, &ids);
    assert_ne!(expected, found);
}

#[test]
fn deleted_records_do_not_break_the_statistics() {
    // The engine counts deleted records in a term's frequency until their segment is
    // merged, not in the record count: a search right after files were removed must
    // still score (BM25 refuses a frequency above the count).
    let public = corpus_documents();
    let corpus = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let entries: Vec<CorpusEntry> = public
        .iter()
        .enumerate()
        .map(|(at, _)| {
            let name = format!("{at:04}.json");
            std::fs::write(corpus.path().join(&name), at.to_string()).unwrap();
            CorpusEntry::new(corpus.path().join(&name), name)
        })
        .collect();
    let options = IndexRunOptions::new(index_dir.path(), vec![corpus.path().to_path_buf()], "test");
    let extract = |batch: &[CorpusEntry]| -> Vec<Extraction> {
        batch
            .iter()
            .map(|entry| {
                let at: usize = entry.relative[..4].parse().unwrap();
                Extraction::Documents(vec![public[at].clone()])
            })
            .collect()
    };
    update_index(&options, entries.clone(), Vec::new(), extract).unwrap();
    let kept: Vec<CorpusEntry> = entries.into_iter().skip(public.len() - 2).collect();
    update_index(&options, kept, Vec::new(), extract).unwrap();
    let index = SearchIndex::open(index_dir.path()).unwrap();
    let response = index.search(&SearchRequest::new("всеобщая декларация прав человека"));
    assert!(response.is_ok(), "{response:?}");
}
