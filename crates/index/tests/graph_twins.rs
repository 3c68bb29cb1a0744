//! One decision, two documents: the Committee against Torture's views in Mutombo v.
//! Switzerland (CAT/C/12/D/13/1993) as full text (English and Russian versions of one
//! work) and as the metadata-only record of the OHCHR export (no paragraphs, a
//! `metadata-only` note), all bearing the same keys, as the importers make them from
//! `treaty-bodies/` (issue #4). Properties:
//!
//! 1. A key borne by both (symbol, communication, case name) resolves to the full text,
//!    both language versions: the record is dropped from the targets.
//! 2. A metadata-only record that is the only document bearing a key stays its target
//!    (X v. Switzerland, CAT/C/13/D/17/1994: the index knows the decision, not its text).
//! 3. A record with another symbol sharing the communication number (an admissibility
//!    decision on the same communication) is another decision: it stays a target.
//! 4. "What cites" the record answers exactly as "what cites" the full text, which it
//!    names as the document; citing documents in English and Arabic.
//! 5. A case name or symbol designates the full text, not the record; the text of the
//!    record's decision is the full text.

mod common;

use common::{decision, index_of, record, FULL_TEXT_EN, FULL_TEXT_RU, ONLY_RECORD, RECORD};
use hrlex_index::SearchIndex;
use hrlex_model::{
    CitationKey, DocType, Document, Lang, Mechanism, Paragraph, ParagraphCitation, Viewer,
};

const ADMISSIBILITY_RECORD: &str = "ohchr:cat-c-10-d-13-1993";
const CITING_EN: &str = "tb:cat-c-16-d-36-1995";
const CITING_AR: &str = "sp:a-hrc-4-33:ar";

fn cited(n: &str, text: &str, citations: &[(&str, &str)]) -> Paragraph {
    let mut paragraph = Paragraph::numbered(n, text);
    paragraph.citations = citations
        .iter()
        .map(|(key, surface)| ParagraphCitation {
            key: CitationKey::new(*key),
            pin: Vec::new(),
            surface: surface.to_string(),
        })
        .collect();
    paragraph
}

fn documents() -> Vec<Document> {
    let mut english = decision(
        FULL_TEXT_EN,
        Lang::En,
        "CAT/C/12/D/13/1993",
        "13/1993",
        "Mutombo v. Switzerland",
    );
    english.paragraphs.push(Paragraph::numbered(
        "9.3",
        "The Committee must decide, pursuant to paragraph 1 of article 3, whether there are \
         substantial grounds for believing that Mr. Mutombo would be in danger of being \
         subjected to torture.",
    ));
    let mut russian = decision(
        FULL_TEXT_RU,
        Lang::Ru,
        "CAT/C/12/D/13/1993",
        "13/1993",
        "Mutombo v. Switzerland",
    );
    russian.work_id = FULL_TEXT_EN.to_string();
    russian.paragraphs.push(Paragraph::numbered(
        "9.3",
        "Комитет должен решить в соответствии с пунктом 1 статьи 3, имеются ли серьезные \
         основания полагать, что г-ну Мутомбо будет угрожать применение пыток.",
    ));
    let mut citing = decision(
        CITING_EN,
        Lang::En,
        "CAT/C/16/D/36/1995",
        "36/1995",
        "X v. Netherlands",
    );
    citing.paragraphs.push(cited(
        "8",
        "Mutombo v. Switzerland, Views adopted on 27 April 1994, paragraph 9.3; \
         communication No. 13/1993; X v. Switzerland, communication No. 17/1994.",
        &[
            ("name:mutombo v switzerland", "Mutombo v. Switzerland"),
            ("comm:CAT:13/1993", "communication No. 13/1993"),
            ("comm:CAT:17/1994", "communication No. 17/1994"),
        ],
    ));
    let mut arabic = Document::new(CITING_AR, Lang::Ar);
    arabic.mechanism = Mechanism::SpecialProcedures;
    arabic.doc_type = DocType::Report;
    arabic.title = "تقرير المقرر الخاص المعني بمسألة التعذيب".to_string();
    arabic.paragraphs.push(cited(
        "40",
        "انظر البلاغ رقم 13/1993، موتومبو ضد سويسرا، CAT/C/12/D/13/1993.",
        &[
            ("comm:?:13/1993", "البلاغ رقم 13/1993"),
            ("un:CAT/C/12/D/13/1993", "CAT/C/12/D/13/1993"),
        ],
    ));
    vec![
        english,
        russian,
        record(
            RECORD,
            "CAT/C/12/D/13/1993",
            "13/1993",
            "Mutombo v. Switzerland",
        ),
        record(
            ADMISSIBILITY_RECORD,
            "CAT/C/10/D/13/1993",
            "13/1993",
            "Mutombo v. Switzerland",
        ),
        record(
            ONLY_RECORD,
            "CAT/C/13/D/17/1994",
            "17/1994",
            "X v. Switzerland",
        ),
        citing,
        arabic,
    ]
}

fn index() -> (tempfile::TempDir, SearchIndex) {
    index_of(documents())
}

fn targets(index: &SearchIndex, citing: &str, key: &str) -> Vec<String> {
    let response = index.cites(citing, &Viewer::Public).unwrap().unwrap();
    let cited = response
        .citations
        .iter()
        .find(|cited| cited.key == key)
        .unwrap_or_else(|| panic!("{key} not cited: {response:#?}"));
    assert_eq!(cited.dangling, cited.targets.is_empty());
    cited
        .targets
        .iter()
        .map(|target| target.id.clone())
        .collect()
}

#[test]
fn a_key_resolves_to_the_full_text_not_its_metadata_only_record() {
    let (_dir, index) = index();
    // The admissibility decision on the same communication (and of the same case
    // name) is another decision: it stays beside the views, by symbol too (a D-symbol
    // names its communication). The views' record does not.
    let views_and_admissibility = [ADMISSIBILITY_RECORD, FULL_TEXT_EN, FULL_TEXT_RU];
    assert_eq!(
        targets(&index, CITING_AR, "un:CAT/C/12/D/13/1993"),
        views_and_admissibility
    );
    assert_eq!(
        targets(&index, CITING_EN, "comm:CAT:13/1993"),
        views_and_admissibility
    );
    assert_eq!(
        targets(&index, CITING_EN, "name:mutombo v switzerland"),
        views_and_admissibility
    );
    // No text of X v. Switzerland in the index: its record is the target.
    assert_eq!(
        targets(&index, CITING_EN, "comm:CAT:17/1994"),
        [ONLY_RECORD]
    );
}

#[test]
fn cited_by_the_record_is_cited_by_the_decision() {
    let (_dir, index) = index();
    let by_record = index
        .cited_by_document(RECORD, &Viewer::Public, 0, 10)
        .unwrap()
        .unwrap();
    let by_full_text = index
        .cited_by_document(FULL_TEXT_EN, &Viewer::Public, 0, 10)
        .unwrap()
        .unwrap();
    assert_eq!(by_record, by_full_text);
    assert_eq!(by_record.document.as_ref().unwrap().id, FULL_TEXT_EN);
    let citing: Vec<&str> = by_record
        .documents
        .iter()
        .map(|citing| citing.document.id.as_str())
        .collect();
    assert_eq!(citing.len(), 2, "{by_record:#?}");
    assert!(citing.contains(&CITING_EN) && citing.contains(&CITING_AR));
    let arabic = by_record
        .documents
        .iter()
        .find(|citing| citing.document.id == CITING_AR)
        .unwrap();
    assert!(arabic.paragraphs[0]
        .snippet
        .contains("<mark>البلاغ رقم 13/1993</mark>"));

    // Asked from the Russian version: the same citing documents, the Russian document.
    let by_russian = index
        .cited_by_document(FULL_TEXT_RU, &Viewer::Public, 0, 10)
        .unwrap()
        .unwrap();
    assert_eq!(by_russian.documents, by_full_text.documents);
    assert_eq!(by_russian.document.unwrap().lang, "ru");

    // A record alone is asked about as itself.
    let only = index
        .cited_by_document(ONLY_RECORD, &Viewer::Public, 0, 10)
        .unwrap()
        .unwrap();
    assert_eq!(only.document.unwrap().id, ONLY_RECORD);
    assert_eq!(only.documents.len(), 1);
    assert_eq!(only.documents[0].document.id, CITING_EN);
}

#[test]
fn a_name_or_symbol_designates_the_full_text() {
    let (_dir, index) = index();
    for value in [
        "Mutombo v. Switzerland",
        "Mutombo c. Suisse",
        "CAT/C/12/D/13/1993",
        "un:CAT/C/12/D/13/1993",
    ] {
        assert_eq!(
            index.resolve_document_id(value, &Viewer::Public).unwrap(),
            Some(FULL_TEXT_EN.to_string()),
            "{value}"
        );
    }
    assert_eq!(
        index
            .resolve_document_id("CAT/C/13/D/17/1994", &Viewer::Public)
            .unwrap(),
        Some(ONLY_RECORD.to_string())
    );
    // A document id is itself.
    assert_eq!(
        index.resolve_document_id(RECORD, &Viewer::Public).unwrap(),
        Some(RECORD.to_string())
    );
    // Its text is the full text's (in its language); a record alone and a full text
    // are their own.
    for (id, text) in [
        (RECORD, FULL_TEXT_EN),
        (ONLY_RECORD, ONLY_RECORD),
        (FULL_TEXT_RU, FULL_TEXT_RU),
    ] {
        assert_eq!(
            index.decision_text_id(id, &Viewer::Public).unwrap(),
            Some(text.to_string()),
            "{id}"
        );
    }
    assert_eq!(
        index.decision_text_id("tb:none", &Viewer::Public).unwrap(),
        None
    );
}
