//! The UPR, Morocco, HUDOC, Inter-American and African importers on real files of
//! the development corpus.
//!
//! Properties checked:
//! - UPR Info exports (bare CR, Mac Roman) become one recommendation each, with the
//!   response mapped (including the voluntary pledges, neither supported nor noted),
//!   themes, session and stable ids;
//! - a year-csv row keeps its report paragraph number (`69.1`) and links to its report;
//! - a UPR Working Group report PDF gets State, year and symbol; the other tool's text
//!   extraction is skipped;
//! - a Morocco recommendation is one work with a French and an Arabic document and an
//!   implementation status;
//! - HUDOC English and French versions of one judgment share a work, with item id,
//!   application number and document type; Commission and Court decisions are told apart;
//! - an IACtHR judgment in three languages is one work, with its Series C number, from
//!   the matched Uwazi entity;
//! - ECOWAS judgments of the peachjam fixture, the South African judgments, the ACHPR
//!   resolution, and the skipped metadata files.

use hrlex_ingest::{extract_file, FileOutcome, IngestOptions};
use hrlex_model::{DocType, Document, ImplementationStatus, Lang, Mechanism, Response};
use std::collections::HashSet;
use std::path::PathBuf;

fn corpus() -> PathBuf {
    hrlex_testkit::expect_dev_corpus()
}

fn outcome(relative: &str) -> FileOutcome {
    let path = corpus().join(relative);
    extract_file(&path, relative, &IngestOptions::default())
        .unwrap_or_else(|error| panic!("{relative}: {error}"))
}

fn documents(relative: &str) -> Vec<Document> {
    match outcome(relative) {
        FileOutcome::Documents(documents) => documents,
        FileOutcome::Skipped { reason } => panic!("{relative} skipped: {reason}"),
    }
}

fn skipped_reason(relative: &str) -> String {
    match outcome(relative) {
        FileOutcome::Skipped { reason } => reason,
        FileOutcome::Documents(documents) => {
            panic!(
                "{relative}: expected a skip, got {} documents",
                documents.len()
            )
        }
    }
}

fn has_key(document: &Document, key: &str) -> bool {
    document.identifiers.iter().any(|k| k.as_str() == key)
}

#[test]
fn upr_info_export_with_bare_cr_becomes_recommendations() {
    hrlex_testkit::require_dev_corpus!();
    let recommendations = documents("upr/recommendations/1-5.csv");
    assert_eq!(recommendations.len(), 6094, "one document per row");
    let first = &recommendations[0];
    assert_eq!(first.mechanism, Mechanism::Upr);
    assert_eq!(first.doc_type, DocType::Recommendation);
    assert_eq!(first.states, vec!["Afghanistan"]);
    assert!(first.paragraphs[0].text.starts_with("Enact legislation"));
    assert_eq!(first.themes, vec!["Rights of the Child", "Women's rights"]);
    let recommendation = first.recommendation.as_ref().unwrap();
    assert_eq!(recommendation.recommending_states, vec!["Austria"]);
    assert_eq!(recommendation.response, Some(Response::Supported));
    assert_eq!(recommendation.response_text.as_deref(), Some("Accepted"));
    assert_eq!(recommendation.session.as_deref(), Some("5"));
    assert_eq!(recommendation.action_category, Some(5));
    assert_eq!(first.source.format, "csv");
    assert!(first.source.record.as_deref().unwrap().contains("row 2"));

    let noted = recommendations
        .iter()
        .filter(|d| d.recommendation.as_ref().unwrap().response == Some(Response::Noted))
        .count();
    assert_eq!(noted, 2007);
    // Mac Roman: `Habr\x8e` is Habré, not a replacement character.
    assert!(recommendations
        .iter()
        .any(|d| d.paragraphs[0].text.contains("Hissène Habré")));
    assert!(recommendations
        .iter()
        .all(|d| !d.paragraphs[0].text.contains('\u{fffd}')));
    let ids: HashSet<&str> = recommendations.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), recommendations.len(), "ids are unique");
}

#[test]
fn voluntary_pledges_are_a_response_beyond_supported_and_noted() {
    hrlex_testkit::require_dev_corpus!();
    let pledges = documents("upr/recommendations/voluntary.csv");
    assert_eq!(pledges.len(), 947);
    for pledge in &pledges {
        let recommendation = pledge.recommendation.as_ref().unwrap();
        assert_eq!(recommendation.response, Some(Response::Other));
        assert_eq!(
            recommendation.response_text.as_deref(),
            Some("Voluntary Pledge")
        );
        assert!(recommendation.recommending_states.is_empty());
        assert_eq!(
            pledge.extra.get("kind").map(String::as_str),
            Some("voluntary pledge")
        );
    }
    assert!(pledges
        .iter()
        .any(|d| d.states == vec!["Cote d'Ivoire"] || d.paragraphs[0].text.contains("Côte")));
    // Ids do not change from one run to the next.
    let again = documents("upr/recommendations/voluntary.csv");
    assert!(pledges.iter().zip(&again).all(|(a, b)| a.id == b.id));
}

#[test]
fn year_csv_row_is_linked_to_its_report() {
    hrlex_testkit::require_dev_corpus!();
    let rows = documents("upr/year-csvs/2008data.csv");
    let row = rows
        .iter()
        .find(|d| d.paragraphs[0].n.as_deref() == Some("69.1") && d.states == vec!["Algeria"])
        .expect("Algeria 69.1");
    assert!(row.paragraphs[0]
        .text
        .starts_with("The establishment of an international round table"));
    let recommendation = row.recommendation.as_ref().unwrap();
    assert_eq!(recommendation.recommending_states, vec!["Kuwait"]);
    assert_eq!(recommendation.response, Some(Response::Supported));
    assert_eq!(recommendation.report_symbol.as_deref(), Some("A/HRC/8/29"));
    assert_eq!(
        row.extra.get("report_file").map(String::as_str),
        Some("upr/reports/algeria2008.pdf")
    );
    assert!(has_key(row, "upr:A/HRC/8/29:69.1"));
    assert_eq!(row.date.as_deref(), Some("2008"));
    assert!(
        row.id.starts_with("upr-year:"),
        "a different id family than UPR Info"
    );
    assert!(rows
        .iter()
        .all(|d| !d.paragraphs[0].text.contains('\u{fffd}')));
}

#[test]
fn upr_report_pdf_has_state_year_and_symbol() {
    hrlex_testkit::require_dev_corpus!();
    let report = documents("upr/reports/algeria2008.pdf").remove(0);
    assert_eq!(report.mechanism, Mechanism::Upr);
    assert_eq!(report.doc_type, DocType::Report);
    assert_eq!(report.states, vec!["Algeria"]);
    assert_eq!(report.year(), Some(2008));
    assert_eq!(report.symbol.as_deref(), Some("A/HRC/8/29"));
    assert!(has_key(&report, "un:A/HRC/8/29"));
    // The 2008 report prints its recommendations as `1.`, `2.` under paragraph 69 (the
    // year-csv calls them 69.1, 69.2…); later reports print `129.1` themselves.
    assert!(report
        .paragraphs
        .iter()
        .any(|p| p.n.as_deref() == Some("69")));

    let later = documents("upr/reports/algeria2012.pdf").remove(0);
    assert_eq!(later.symbol.as_deref(), Some("A/HRC/21/13"));
    assert!(later
        .paragraphs
        .iter()
        .any(|p| p.n.as_deref() == Some("129.1")));

    assert!(skipped_reason("upr/reports-text/algeria2008.txt").contains("text extraction"));
}

#[test]
fn morocco_recommendation_is_one_work_in_french_and_arabic() {
    hrlex_testkit::require_dev_corpus!();
    let all = documents("recommendations-morocco/recommendations.jsonl");
    assert_eq!(all.iter().filter(|d| d.lang == Lang::Fr).count(), 1124);
    assert_eq!(all.iter().filter(|d| d.lang == Lang::Ar).count(), 855);
    let versions: Vec<&Document> = all.iter().filter(|d| d.work_id == "morocco:1").collect();
    assert_eq!(versions.len(), 2);
    let french = versions.iter().find(|d| d.lang == Lang::Fr).unwrap();
    let arabic = versions.iter().find(|d| d.lang == Lang::Ar).unwrap();
    assert!(french.paragraphs[0]
        .text
        .starts_with("Envisager de ratifier"));
    assert!(arabic.paragraphs[0]
        .text
        .starts_with("التفكير في التصديق على المعاهدات"));
    for version in [french, arabic] {
        assert_eq!(version.mechanism, Mechanism::Cerd);
        assert_eq!(version.doc_type, DocType::Recommendation);
        assert_eq!(version.states, vec!["Morocco"]);
        let recommendation = version.recommendation.as_ref().unwrap();
        assert_eq!(
            recommendation.implementation,
            Some(ImplementationStatus::Implemented)
        );
    }
    assert_eq!(
        arabic
            .recommendation
            .as_ref()
            .unwrap()
            .recommending_body
            .as_deref(),
        Some("لجنة القضاء على التمييز العنصري (CERD)")
    );
    assert!(arabic
        .themes
        .iter()
        .any(|theme| theme.contains("المنظومة الأممية")));
    // Every mechanism family is present, and special procedures name their mandate.
    assert!(all.iter().any(|d| d.mechanism == Mechanism::Upr
        && !d
            .recommendation
            .as_ref()
            .unwrap()
            .recommending_states
            .is_empty()));
    assert!(all
        .iter()
        .any(|d| d.mechanism == Mechanism::SpecialProcedures
            && d.body
                .as_deref()
                .is_some_and(|body| body.contains("torture"))));
    for status in [
        ImplementationStatus::InProgress,
        ImplementationStatus::NotImplemented,
    ] {
        assert!(all
            .iter()
            .any(|d| d.recommendation.as_ref().unwrap().implementation == Some(status)));
    }
    assert!(skipped_reason("recommendations-morocco/didh.sqlite").contains("source database"));
}

#[test]
fn hudoc_english_and_french_versions_share_a_work() {
    hrlex_testkit::require_dev_corpus!();
    let english = documents("echr/hudoc-texts/standard_001-57534_ENG.txt").remove(0);
    let french = documents("echr/hudoc-texts/standard_001-62092_FRE.txt").remove(0);
    assert_eq!(english.id, "hudoc:001-57534");
    assert_eq!(french.id, "hudoc:001-62092");
    assert_eq!(english.lang, Lang::En);
    assert_eq!(french.lang, Lang::Fr);
    for judgment in [&english, &french] {
        assert_eq!(judgment.mechanism, Mechanism::Ecthr);
        assert_eq!(judgment.doc_type, DocType::Judgment);
        assert!(
            has_key(judgment, "ecthr:app:6833/74"),
            "{:?}",
            judgment.identifiers
        );
        assert_eq!(judgment.states, vec!["Belgium"]);
        assert_eq!(judgment.date.as_deref(), Some("1979-06-13"));
    }
    assert!(has_key(&english, "hudoc:001-57534"));
    assert_eq!(english.work_id, french.work_id);
    assert_eq!(english.case_name.as_deref(), Some("Marckx v. Belgium"));
    assert_eq!(french.case_name.as_deref(), Some("Marckx c. Belgique"));
    assert!(english
        .paragraphs
        .iter()
        .any(|p| p.n.as_deref() == Some("31")));

    let commission = documents("echr/hudoc-texts/commission_decision_001-24502_FRE.txt").remove(0);
    assert_eq!(commission.mechanism, Mechanism::EcommHR);
    assert_eq!(
        commission.body.as_deref(),
        Some("European Commission of Human Rights")
    );
    assert_eq!(commission.doc_type, DocType::AdmissibilityDecision);
    assert!(has_key(&commission, "ecthr:app:14607/89"));

    // Filed as a "commission decision", but decided by the Court.
    let court = documents("echr/hudoc-texts/commission_decision_001-108905_ENG.txt").remove(0);
    assert_eq!(court.mechanism, Mechanism::Ecthr);
    for number in ["22257/04", "38559/04", "44990/04"] {
        assert!(has_key(&court, &format!("ecthr:app:{number}")));
    }

    let communicated = documents("echr/hudoc-texts/communicated_case_001-109455_ENG.txt").remove(0);
    assert_eq!(communicated.doc_type, DocType::CommunicatedCase);
    assert!(has_key(&communicated, "ecthr:app:13381/07"));
    assert_eq!(communicated.states, vec!["Ukraine"]);

    let note = documents("echr/hudoc-texts/info_note_002-11349_ENG.txt").remove(0);
    assert_eq!(note.doc_type, DocType::InformationNote);
    assert_eq!(note.date.as_deref(), Some("2017-01-17"));

    assert!(skipped_reason("echr/citation_authority_eng.csv").contains("gazetteer"));
}

#[test]
fn iacthr_judgment_languages_are_one_work_with_series_c() {
    hrlex_testkit::require_dev_corpus!();
    let spanish = documents("iacthr/pdfs/98302.pdf").remove(0);
    let english = documents("iacthr/pdfs/98318.pdf").remove(0);
    assert_eq!(spanish.lang, Lang::Es);
    assert_eq!(english.lang, Lang::En);
    for judgment in [&spanish, &english] {
        assert_eq!(judgment.mechanism, Mechanism::Iacthr);
        assert_eq!(judgment.doc_type, DocType::Judgment);
        assert!(
            has_key(judgment, "iacthr:C:257"),
            "{:?}",
            judgment.identifiers
        );
        assert_eq!(judgment.date.as_deref(), Some("2012-11-28"));
        assert_eq!(judgment.states, vec!["Costa Rica"]);
        assert!(judgment.extra.contains_key("entity_shared_id"));
    }
    assert_eq!(spanish.work_id, english.work_id);

    let report = documents("iacthr/pdfs/100406.pdf").remove(0);
    assert_eq!(report.mechanism, Mechanism::Iachr);
    assert_eq!(report.doc_type, DocType::Report);
    assert!(has_key(&report, "iachr:report:47/02"));

    assert!(skipped_reason("iacthr/metadata/entities.jsonl").contains("matched"));
}

/// An order's date is a masthead line of its own (`DE 18 DE NOVIEMBRE DE 2010∗∗`), kept
/// out of the body but read first: dated by the judgment it supervises (2006), the
/// order was matched to the judgment's entity and became a version of it.
#[test]
fn iacthr_order_is_dated_by_its_masthead_and_is_not_the_judgment() {
    hrlex_testkit::require_dev_corpus!();
    let order = documents("iacthr/pdfs/1378.pdf").remove(0);
    let judgment = documents("iacthr/pdfs/1385.pdf").remove(0);
    assert_eq!(order.doc_type, DocType::Order);
    assert_eq!(order.date.as_deref(), Some("2010-11-18"));
    assert_eq!(judgment.date.as_deref(), Some("2006-09-26"));
    assert_ne!(order.work_id, judgment.work_id);
    assert!(
        order
            .paragraphs
            .iter()
            .all(|paragraph| !paragraph.text.contains("DE 18 DE NOVIEMBRE DE 2010")),
        "the date line is not a body paragraph"
    );
}

#[test]
fn african_sources() {
    hrlex_testkit::require_dev_corpus!();
    let fixture = documents("africa/sample_documents.json");
    assert_eq!(fixture.len(), 10);
    let obi = fixture
        .iter()
        .find(|d| d.case_name.as_deref() == Some("Obi vs Federal Republic of Nigeria"))
        .expect("ECOWAS judgment");
    assert_eq!(obi.mechanism, Mechanism::EcowasCourt);
    assert_eq!(obi.doc_type, DocType::Judgment);
    assert_eq!(obi.date.as_deref(), Some("2016-11-09"));
    assert_eq!(obi.states, vec!["Nigeria"]);
    assert!(has_key(obi, "ecowas:2016/52"));
    assert!(obi.notes.iter().any(|note| note.code == "metadata-only"));
    let charter = fixture
        .iter()
        .find(|d| d.title == "African Charter on Democracy, Elections and Governance")
        .unwrap();
    assert_eq!(charter.doc_type, DocType::Instrument);
    assert!(charter.paragraphs.len() > 50);

    // The PDF and the DOCX are two different South African judgments.
    let appeal = documents("africa/gauteng_judgment.pdf").remove(0);
    let high_court = documents("africa/zagpjhc_judgment.docx").remove(0);
    assert_eq!(appeal.mechanism, Mechanism::NationalCourt);
    assert_eq!(appeal.states, vec!["South Africa"]);
    assert_eq!(appeal.symbol.as_deref(), Some("[2024] ZASCA 21"));
    assert_eq!(appeal.date.as_deref(), Some("2024-03-05"));
    assert_eq!(high_court.mechanism, Mechanism::NationalCourt);
    assert_eq!(
        high_court.extra.get("case_number").map(String::as_str),
        Some("SS076/2018")
    );
    assert_ne!(appeal.work_id, high_court.work_id);

    let resolution = documents("africa/citations.pdf").remove(0);
    assert_eq!(resolution.mechanism, Mechanism::Achpr);
    assert_eq!(resolution.doc_type, DocType::Resolution);

    assert!(skipped_reason("africa/human-rights.json").contains("taxonomy"));
    assert!(skipped_reason("africa/LICENSE.repo.txt").contains("licence"));
}

#[test]
fn one_recommendation_in_both_upr_exports_is_one_work() {
    hrlex_testkit::require_dev_corpus!();
    // 2009 is sessions 4 to 6 of the review.
    let mut exported = documents("upr/recommendations/1-5.csv");
    exported.extend(documents("upr/recommendations/6-9.csv"));
    let rows = documents("upr/year-csvs/2009data.csv");
    let exported_works: std::collections::HashSet<&str> =
        exported.iter().map(|d| d.work_id.as_str()).collect();
    let cuba = rows
        .iter()
        .find(|d| {
            d.states == vec!["Cuba"]
                && d.paragraphs[0].text.starts_with(
                    "Ensure the right to equality before courts and tribunals, and to a fair trial",
                )
        })
        .expect("Cuba 2009, 131.16");
    assert!(
        exported_works.contains(cuba.work_id.as_str()),
        "{} is not a work of the UPR Info export",
        cuba.work_id
    );
    let shared = rows
        .iter()
        .filter(|d| exported_works.contains(d.work_id.as_str()))
        .count();
    // Measured: 2,012 of 4,195. The rest were reworded between the report and the
    // export ("centers"/"centres", "to take"/"take") and stay separate works.
    assert!(shared * 10 > rows.len() * 4, "{shared} of {}", rows.len());
    // Different words to the same State stay different works.
    let works: std::collections::HashSet<&str> = rows.iter().map(|d| d.work_id.as_str()).collect();
    assert!(
        works.len() * 10 > rows.len() * 8,
        "{} works of {} rows",
        works.len(),
        rows.len()
    );
}
