//! The masthead recognizer through the real ingest of a plain folder: real PDFs and
//! texts of every system of the development corpus, copied under neutral names (`doc1.pdf`)
//! with no importer layout and no sidecar, so that every file takes the generic path.
//!
//! Properties checked, against values read by hand from each document:
//! - system and mechanism, document type, date, State, own identifiers and title of a
//!   UPR Working Group report, ECtHR judgments, a communicated case and a Commission
//!   decision, IACtHR judgments and orders, IACHR reports, and a Russian UPR summary
//!   (five languages: English, French, Spanish, Portuguese, Russian);
//! - language versions of one work share one `work_id` whatever their file names: the
//!   IACtHR judgment in Spanish, English and Portuguese, the ECtHR judgment in English
//!   and French, the IACHR report in English and Portuguese;
//! - a HUDOC item id in a file name is the document's identifier;
//! - a domestic judgment stays unrecognized (no international mechanism is guessed);
//! - a sidecar still wins over the recognizer.
//!
//! The recognition rates over every PDF of the corpus are measured by the example
//! `cargo run --release -p hrlex-ingest --example recognition_rates`.

use hrlex_ingest::{walk, FileOutcome, IngestOptions};
use hrlex_model::{DocType, Document, Mechanism, System};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn corpus() -> PathBuf {
    hrlex_testkit::expect_dev_corpus()
}

/// (corpus file, neutral name in the plain folder).
const FILES: &[(&str, &str)] = &[
    ("upr/reports/algeria2008.pdf", "doc1.pdf"),
    ("upr/reports/belarus2010.pdf", "doc2.pdf"),
    ("iacthr/pdfs/98302.pdf", "doc3.pdf"),
    ("iacthr/pdfs/98318.pdf", "doc4.pdf"),
    ("iacthr/pdfs/98334.pdf", "doc5.pdf"),
    ("iacthr/pdfs/1455.pdf", "doc6.pdf"),
    ("iacthr/pdfs/98589.pdf", "doc7.pdf"),
    ("iacthr/pdfs/98601.pdf", "doc8.pdf"),
    ("echr/hudoc-texts/standard_001-57534_ENG.txt", "doc9.txt"),
    ("echr/hudoc-texts/standard_001-62092_FRE.txt", "doc10.txt"),
    (
        "echr/hudoc-texts/communicated_case_001-109453_FRE.txt",
        "doc11.txt",
    ),
    (
        "echr/hudoc-texts/commission_decision_001-24502_FRE.txt",
        "doc12.txt",
    ),
    (
        "echr/hudoc-texts/standard_001-57473_ENG.txt",
        "hudoc 001-57473.txt",
    ),
    ("africa/gauteng_judgment.pdf", "doc13.pdf"),
];

const RUSSIAN_SUMMARY: &str = "A/HRC/WG.6/34/ITA/3\n\nГенеральная Ассамблея\n\n\
    Совет по правам человека\n28 октября 2014 года\n\n\
    Обобщенное резюме материалов, представленных заинтересованными сторонами по Италии\n\n\
    Настоящий доклад представляет собой резюме материалов, представленных \
    заинтересованными сторонами в рамках универсального периодического обзора.\n";

/// Ingests the plain folder once; documents by neutral file name.
fn ingest_plain_folder() -> (tempfile::TempDir, BTreeMap<String, Document>) {
    let folder = tempfile::tempdir().expect("temporary folder");
    for (source, name) in FILES {
        std::fs::copy(corpus().join(source), folder.path().join(name))
            .unwrap_or_else(|error| panic!("{source}: {error}"));
    }
    // No Russian decision PDF is in the corpus: a Russian UPR stakeholders' summary
    // masthead, its lines as the UN Parallel Corpus devset prints them (lines 461, 2838),
    // under the symbol of the summary on Italy.
    std::fs::write(folder.path().join("doc14.txt"), RUSSIAN_SUMMARY).expect("write");
    let (files, problems) = walk::list_files(&[folder.path().to_path_buf()]);
    assert!(problems.is_empty(), "{problems:?}");
    let mut documents = BTreeMap::new();
    for report in walk::extract_all(files, &IngestOptions::default(), |_| {}) {
        let name = report.file.relative.clone();
        match report.result {
            Ok(FileOutcome::Documents(mut found)) => {
                assert_eq!(found.len(), 1, "{name}");
                let document = found.remove(0);
                assert!(
                    !document.source.importer.contains('+'),
                    "{name} was claimed by an importer: {}",
                    document.source.importer
                );
                documents.insert(name, document);
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    (folder, documents)
}

fn keys(document: &Document) -> Vec<&str> {
    document
        .identifiers
        .iter()
        .map(|key| key.as_str())
        .collect()
}

#[test]
fn every_system_is_recognized_from_its_masthead() {
    hrlex_testkit::require_dev_corpus!();
    let (_folder, documents) = ingest_plain_folder();
    let get = |name: &str| documents.get(name).unwrap_or_else(|| panic!("{name}"));

    // UN: a UPR Working Group report (upr/reports/algeria2008.pdf).
    let algeria = get("doc1.pdf");
    assert_eq!(algeria.system(), System::Un);
    assert_eq!(algeria.mechanism, Mechanism::Upr);
    assert_eq!(algeria.doc_type, DocType::Report);
    assert_eq!(algeria.symbol.as_deref(), Some("A/HRC/8/29"));
    assert_eq!(algeria.date.as_deref(), Some("2008-05-23"));
    assert_eq!(algeria.states, ["Algeria"]);
    assert!(
        keys(algeria).contains(&"un:A/HRC/8/29"),
        "{:?}",
        keys(algeria)
    );
    assert!(!keys(algeria).iter().any(|key| key.contains("WG.6")));
    assert_eq!(
        algeria.title,
        "Report of the Working Group on the Universal Periodic Review: Algeria"
    );
    assert_eq!(algeria.work_id, "un:A/HRC/8/29");
    let belarus = get("doc2.pdf");
    assert_eq!(belarus.symbol.as_deref(), Some("A/HRC/15/16"));
    assert_eq!(belarus.date.as_deref(), Some("2010-06-21"));
    assert_eq!(belarus.states, ["Belarus"]);

    // Inter-American Court: one judgment in es, en, pt (iacthr/pdfs/98302, 98318, 98334).
    let spanish = get("doc3.pdf");
    let english = get("doc4.pdf");
    let portuguese = get("doc5.pdf");
    for judgment in [spanish, english, portuguese] {
        assert_eq!(judgment.system(), System::InterAmerican);
        assert_eq!(judgment.mechanism, Mechanism::Iacthr);
        assert_eq!(judgment.doc_type, DocType::Judgment);
        assert_eq!(judgment.date.as_deref(), Some("2012-11-28"));
        assert_eq!(judgment.states, ["Costa Rica"]);
        assert!(
            keys(judgment).contains(&"name:artavia murillo and others v costa rica"),
            "{:?}",
            keys(judgment)
        );
    }
    assert_eq!(spanish.work_id, english.work_id);
    assert_eq!(spanish.work_id, portuguese.work_id);
    assert_eq!(
        spanish.title,
        "Artavia Murillo y otros (“Fecundación In Vitro”) v. Costa Rica"
    );
    assert_eq!(
        english.case_name.as_deref(),
        Some("Artavia Murillo et al. (“In Vitro Fertilization”) v. Costa Rica")
    );
    // An order on provisional measures (iacthr/pdfs/1455.pdf).
    let order = get("doc6.pdf");
    assert_eq!(order.mechanism, Mechanism::Iacthr);
    assert_eq!(order.doc_type, DocType::Order);
    assert_eq!(order.date.as_deref(), Some("2010-05-26"));
    assert_eq!(order.states, ["Mexico"]);

    // Inter-American Commission: one report in en and pt (iacthr/pdfs/98589, 98601).
    let report_en = get("doc7.pdf");
    let report_pt = get("doc8.pdf");
    for report in [report_en, report_pt] {
        assert_eq!(report.mechanism, Mechanism::Iachr);
        assert_eq!(report.doc_type, DocType::AdmissibilityDecision);
        assert_eq!(report.date.as_deref(), Some("2002-10-23"));
        assert_eq!(report.states, ["Ecuador"]);
        assert!(keys(report).contains(&"iachr:report:69/02"));
        assert!(keys(report).contains(&"iachr:petition:P-419-01"));
    }
    assert_eq!(report_en.work_id, "iachr:report:69/02");
    assert_eq!(report_pt.work_id, report_en.work_id);

    // European Court: one judgment in en and fr (standard_001-57534_ENG, 001-62092_FRE).
    let marckx_en = get("doc9.txt");
    let marckx_fr = get("doc10.txt");
    for marckx in [marckx_en, marckx_fr] {
        assert_eq!(marckx.system(), System::European);
        assert_eq!(marckx.mechanism, Mechanism::Ecthr);
        assert_eq!(marckx.doc_type, DocType::Judgment);
        assert_eq!(marckx.date.as_deref(), Some("1979-06-13"));
        assert_eq!(marckx.states, ["Belgium"]);
        assert!(keys(marckx).contains(&"ecthr:app:6833/74"));
    }
    assert_eq!(marckx_en.title, "Marckx v. Belgium");
    assert_eq!(marckx_fr.title, "Marckx v. Belgique");
    assert_eq!(marckx_en.work_id, "ecthr:app:6833/74:judgment:1979-06-13");
    assert_eq!(marckx_fr.work_id, marckx_en.work_id);
    // A communicated case and a Commission decision, in French.
    let communicated = get("doc11.txt");
    assert_eq!(communicated.doc_type, DocType::CommunicatedCase);
    assert_eq!(communicated.states, ["Turkey"]);
    assert!(keys(communicated).contains(&"ecthr:app:56886/10"));
    assert_eq!(
        communicated.date, None,
        "the lodging date is not the document's"
    );
    let commission = get("doc12.txt");
    assert_eq!(commission.mechanism, Mechanism::EcommHR);
    assert_eq!(commission.doc_type, DocType::AdmissibilityDecision);
    assert_eq!(commission.date.as_deref(), Some("1990-12-07"));
    assert_eq!(commission.states, ["Belgium"]);
    assert!(keys(commission).contains(&"ecthr:app:14607/89"));
    // A HUDOC item id in the file name.
    let dudgeon = get("hudoc 001-57473.txt");
    assert!(keys(dudgeon).contains(&"hudoc:001-57473"));
    assert!(keys(dudgeon).contains(&"ecthr:app:7525/76"));
    assert_eq!(dudgeon.states, ["United Kingdom"]);

    // Russian: a UPR stakeholders' summary, by its symbol and its masthead date.
    let russian = get("doc14.txt");
    assert_eq!(russian.lang, hrlex_model::Lang::Ru);
    assert_eq!(russian.mechanism, Mechanism::Upr);
    assert_eq!(russian.doc_type, DocType::Report);
    assert_eq!(russian.symbol.as_deref(), Some("A/HRC/WG.6/34/ITA/3"));
    assert_eq!(russian.date.as_deref(), Some("2014-10-28"));
    assert_eq!(russian.states, ["Italy"]);
    assert!(keys(russian).contains(&"un:A/HRC/WG.6/34/ITA/3"));
    assert_eq!(russian.work_id, "un:A/HRC/WG.6/34/ITA/3");
    assert!(
        !russian
            .paragraphs
            .iter()
            .any(|p| p.text == "Генеральная Ассамблея"),
        "masthead lines stay out of the body"
    );

    // A domestic judgment (South Africa's Supreme Court of Appeal) is no mechanism's.
    let domestic = get("doc13.pdf");
    assert_eq!(domestic.mechanism, Mechanism::Other);
    assert!(domestic.work_id == domestic.id);
}

#[test]
fn a_sidecar_wins_over_the_recognizer() {
    hrlex_testkit::require_dev_corpus!();
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("doc1.pdf");
    std::fs::copy(corpus().join("upr/reports/algeria2008.pdf"), &path).expect("copy");
    std::fs::write(
        folder.path().join("doc1.pdf.meta.json"),
        r#"{"title": "Algeria, first review", "date": "2008-04-14"}"#,
    )
    .expect("sidecar");
    let outcome =
        hrlex_ingest::extract_file(&path, "doc1.pdf", &IngestOptions::default()).expect("extract");
    let FileOutcome::Documents(documents) = outcome else {
        panic!("skipped");
    };
    assert_eq!(documents[0].title, "Algeria, first review");
    assert_eq!(documents[0].date.as_deref(), Some("2008-04-14"));
    assert_eq!(documents[0].mechanism, Mechanism::Upr);
}
