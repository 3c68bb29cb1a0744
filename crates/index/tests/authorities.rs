//! One authority, one key (issue 11): every way of citing a decision finds the same
//! citing documents, over real documents of the development corpus extracted by the real
//! ingest (without the ECtHR gazetteer, so that names stay `name:` keys). Properties:
//!
//! 1. *Soering v. the United Kingdom* (Series A no. 161, application no. 14038/88) is in
//!    no document of the index. The Special Rapporteurs cite it by name and by number,
//!    the Human Rights Committee (CCPR/C/48/D/470/1991) by name only. Asked under the
//!    application number, Series A no. 161, the ECLI, the HUDOC item id, the English or
//!    the French name, "cited by" returns the same documents, the Committee's views among
//!    them; a Russian document citing `жалоба № 14038/88` too.
//! 2. *Velásquez Rodríguez v. Honduras*: `iacthr:C:4` (merits) and the name give the same
//!    documents; the preliminary-objections judgment (Series C no. 1) stays another
//!    authority, not cited by the reports naming the case alone.
//! 3. A citing work in two languages is two documents, one work (`works`).
//! 4. `cited_by_work_counts` gives, for CAT's *Mutombo v. Switzerland* (in the index),
//!    the works `cited_by_document` lists; a confidential citing document is counted for
//!    a confidential caller, never for the public.

use hrlex_index::{update_index, CorpusEntry, Extraction, IndexRunOptions, SearchIndex};
use hrlex_model::{Access, CitationKey, Document, Lang, Paragraph, Viewer};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

const SOERING_CITING_HRC: &str = "tb:ccpr-c-48-d-470-1991";
const SOERING_CITING_SR: [&str; 2] = ["sp:a-67-279", "sp:a-hrc-25-60"];
const RUSSIAN_CITING: &str = "test:a-hrc-25-60:ru";
const VELASQUEZ_BY_NUMBER: &str = "sp:a-74-148";
const VELASQUEZ_BY_NAME: [&str; 2] = ["sp:a-70-303", "sp:a-hrc-43-49"];
const MUTOMBO: &str = "tb:cat-c-12-d-13-1993";
const CONFIDENTIAL_CITING: &str = "test:cat-c-16-d-36-1995:confidential";

const FILES: [&str; 7] = [
    "special-procedures/SR_Torture_A_67_279.json",
    "special-procedures/SR_Torture_A_HRC_25_60.json",
    "special-procedures/SR_Torture_A_74_148.json",
    "special-procedures/SR_Torture_A_70_303.json",
    "special-procedures/SR_Torture_A_HRC_43_49.json",
    "treaty-bodies/decisions/jur_CCPR_1990-1991.json",
    "treaty-bodies/decisions/jur_CAT_1990-1994.json",
];
/// CAT decisions of 1995-1999, among them X v. the Netherlands naming Mutombo.
const CAT_1995: &str = "treaty-bodies/decisions/jur_CAT_1995-1999.json";

fn dev_corpus() -> PathBuf {
    hrlex_testkit::expect_dev_corpus()
}

fn extract(relative: &str) -> Vec<Document> {
    let path = dev_corpus().join(relative);
    match hrlex_ingest::extract_file(&path, relative, &hrlex_ingest::IngestOptions::default()) {
        Ok(hrlex_ingest::FileOutcome::Documents(documents)) => documents,
        other => panic!("{relative}: {other:?}"),
    }
}

/// The Russian version of the Special Rapporteur's A/HRC/25/60 paragraph on *Soering*,
/// cited by application number in the ECtHR's Russian form (`жалоба № …`, SPEC §2.5):
/// the development corpus holds no Russian document citing a European case, so the
/// paragraph is written here and read by the real citation extractor.
fn russian_version(english: &Document) -> Document {
    let mut russian = english.clone();
    russian.id = RUSSIAN_CITING.to_string();
    russian.lang = Lang::Ru;
    russian.title = "Доклад Специального докладчика по вопросу о пытках".to_string();
    russian.paragraphs = vec![Paragraph::numbered(
        "30",
        "В деле «Серинг против Соединенного Королевства» (жалоба № 14038/88) Европейский \
         суд по правам человека постановил, что выдающее государство несет ответственность \
         за обращение, которому лицо подвергнется в запрашивающем государстве.",
    )];
    hrlex_ingest::pipeline::attach_citations(&mut russian);
    russian
}

fn documents() -> Vec<Document> {
    let mut documents: Vec<Document> = FILES.iter().flat_map(|file| extract(file)).collect();
    let english = documents
        .iter()
        .find(|document| document.id == SOERING_CITING_SR[1])
        .expect("A/HRC/25/60")
        .clone();
    documents.push(russian_version(&english));
    let cat_1995 = extract(CAT_1995);
    let citing_mutombo = cat_1995
        .iter()
        .find(|document| document.id == "tb:cat-c-16-d-36-1995")
        .expect("X v. the Netherlands")
        .clone();
    let mut confidential = citing_mutombo.clone();
    confidential.id = CONFIDENTIAL_CITING.to_string();
    confidential.work_id = CONFIDENTIAL_CITING.to_string();
    confidential.symbol = None;
    confidential.identifiers.clear();
    confidential.access = Access::Confidential;
    documents.extend(cat_1995);
    documents.push(confidential);
    documents
}

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<(tempfile::TempDir, SearchIndex)> = OnceLock::new();
    let (_, index) = INDEX.get_or_init(|| {
        let documents = documents();
        let corpus = tempfile::tempdir().unwrap();
        let index_dir = tempfile::tempdir().unwrap();
        let file = corpus.path().join("documents.json");
        std::fs::write(&file, "x").unwrap();
        let options =
            IndexRunOptions::new(index_dir.path(), vec![corpus.path().to_path_buf()], "test");
        update_index(
            &options,
            vec![CorpusEntry::new(file, "documents.json")],
            Vec::new(),
            |batch| {
                batch
                    .iter()
                    .map(|_| Extraction::Documents(documents.clone()))
                    .collect()
            },
        )
        .unwrap();
        let index = SearchIndex::open(index_dir.path()).unwrap();
        (index_dir, index)
    });
    index
}

fn citing(key: &str, viewer: &Viewer) -> BTreeSet<String> {
    let response = index()
        .cited_by_key(&CitationKey::new(key), viewer, 0, 500)
        .unwrap();
    assert_eq!(response.total, response.documents.len(), "{key}: one page");
    response
        .documents
        .iter()
        .map(|document| document.document.id.clone())
        .collect()
}

fn name_key(name: &str) -> String {
    hrlex_cite::case_name_key(name)
        .unwrap_or_else(|| panic!("{name}: no case-name key"))
        .as_str()
        .to_string()
}

#[test]
fn soering_is_one_authority_under_every_key_and_in_every_language() {
    hrlex_testkit::require_dev_corpus!();
    let by_application = citing("ecthr:app:14038/88", &Viewer::Public);
    for id in SOERING_CITING_SR
        .iter()
        .chain([&SOERING_CITING_HRC, &RUSSIAN_CITING])
    {
        assert!(by_application.contains(*id), "{id}: {by_application:?}");
    }
    // The Committee's views name the case and give no number: only the join finds them.
    let hrc = index()
        .document(SOERING_CITING_HRC, &Viewer::Public)
        .unwrap()
        .unwrap();
    assert!(hrc
        .paragraphs
        .iter()
        .flat_map(|paragraph| &paragraph.citations)
        .all(|citation| citation.key.as_str() != "ecthr:app:14038/88"));
    for key in [
        "ecthr:seriesA:161".to_string(),
        "ecli:CE:ECHR:1989:0707JUD001403888".to_string(),
        "hudoc:001-57619".to_string(),
        name_key("Soering v. the United Kingdom"),
        name_key("Soering c. Royaume-Uni"),
        name_key("Soering против Соединенного Королевства"),
    ] {
        assert_eq!(citing(&key, &Viewer::Public), by_application, "{key}");
    }
}

#[test]
fn a_case_cited_by_name_is_its_judgment_on_the_merits() {
    hrlex_testkit::require_dev_corpus!();
    let by_number = citing("iacthr:C:4", &Viewer::Public);
    let by_name = citing(
        &name_key("Velásquez Rodríguez v. Honduras"),
        &Viewer::Public,
    );
    assert_eq!(by_number, by_name);
    assert!(by_number.contains(VELASQUEZ_BY_NUMBER), "{by_number:?}");
    for id in VELASQUEZ_BY_NAME {
        assert!(by_number.contains(id), "{id}: {by_number:?}");
    }
    let preliminary_objections = citing("iacthr:C:1", &Viewer::Public);
    for id in VELASQUEZ_BY_NAME {
        assert!(!preliminary_objections.contains(id), "{id}");
    }
}

#[test]
fn language_versions_of_a_citing_work_count_once() {
    hrlex_testkit::require_dev_corpus!();
    let response = index()
        .cited_by_key(
            &CitationKey::new("ecthr:seriesA:161"),
            &Viewer::Public,
            0,
            500,
        )
        .unwrap();
    assert_eq!(response.works + 1, response.total, "{response:#?}");
    let un = response
        .systems
        .iter()
        .find(|count| count.system == "un")
        .unwrap();
    assert_eq!((un.documents, un.works), (response.total, response.works));
}

#[test]
fn the_cited_by_work_count_is_the_graphs_and_respects_access() {
    hrlex_testkit::require_dev_corpus!();
    let index = index();
    let graph = index
        .cited_by_document(MUTOMBO, &Viewer::Public, 0, 500)
        .unwrap()
        .unwrap();
    assert!(graph.works >= 1, "{graph:#?}");
    let counts = index
        .cited_by_work_counts(&[MUTOMBO, "no-such-document"], &Viewer::Public)
        .unwrap();
    assert_eq!(counts, [graph.works, 0]);
    let confidential = index
        .cited_by_work_counts(&[MUTOMBO], &Viewer::Admin)
        .unwrap();
    assert_eq!(confidential, [graph.works + 1]);
    let graph_confidential = index
        .cited_by_document(MUTOMBO, &Viewer::Admin, 0, 500)
        .unwrap()
        .unwrap();
    assert_eq!(graph_confidential.works, graph.works + 1);
}
