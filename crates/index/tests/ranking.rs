//! The order of results a lawyer trusts (issue 11), on the Committee against Torture's
//! Mutombo v. Switzerland (CAT/C/12/D/13/1993, English and Russian paragraphs of the
//! decision) beside documents that cite it and one-line UPR recommendations. Properties:
//!
//! 1. Known items first: the symbol, the bare communication number, the case name, and
//!    a general comment named as `GC 36` or `замечание общего порядка № 36` list the
//!    document bearing it before the documents citing it, however often they repeat it.
//! 2. Works before fragments: a decision on non-refoulement ranks above one-line
//!    recommendations that repeat the words, unless recommendations are asked for.
//! 3. A heading is never the paragraph shown; the Committee's reasoning is preferred to
//!    the summary of the parties' submissions.
//! 4. Paging through every result never repeats or drops a hit.

mod common;

use common::{decision, index_of, FULL_TEXT_EN, FULL_TEXT_RU};
use hrlex_index::{RequestFilter, SearchIndex, SearchRequest};
use hrlex_model::{CitationKey, DocType, Document, Lang, Mechanism, Paragraph};
use std::collections::HashSet;

const CITING: &str = "citing:report";
const GENERAL_COMMENT: &str = "gc:ccpr-36:ru";

fn mutombo() -> Vec<Document> {
    let symbol = "CAT/C/12/D/13/1993";
    let case_name = "Mutombo v. Switzerland";
    let mut english = decision(FULL_TEXT_EN, Lang::En, symbol, "13/1993", case_name);
    english.paragraphs = vec![
        Paragraph::unnumbered("The facts as submitted by the author"),
        Paragraph::numbered(
            "2.1",
            "The author states that he would be expelled to Zaire, where he fears torture; \
             he relies on the principle of non-refoulement and article 3 of the Convention.",
        ),
        Paragraph::unnumbered("Consideration of the merits"),
        Paragraph::numbered(
            "9.3",
            "The Committee must decide whether there are substantial grounds for believing \
             that Mr. Mutombo would be in danger of torture if expelled: the principle of \
             non-refoulement in article 3 applies, and his expulsion would violate it.",
        ),
    ];
    let mut russian = decision(FULL_TEXT_RU, Lang::Ru, symbol, "13/1993", case_name);
    russian.work_id = FULL_TEXT_EN.to_string();
    russian.paragraphs = vec![Paragraph::numbered(
        "9.3",
        "Комитет должен решить, имеются ли серьезные основания полагать, что г-ну Мутомбо \
         будет угрожать применение пыток в случае высылки.",
    )];
    vec![english, russian]
}

/// A report that cites the decision by symbol, number and name many times over.
fn citing_report() -> Document {
    let mut report = Document::new(CITING, Lang::En);
    report.doc_type = DocType::Report;
    report.mechanism = Mechanism::SpecialProcedures;
    report.title = "Report citing CAT/C/12/D/13/1993 and 13/1993".to_string();
    // As the extractor attaches them (`ParagraphCitation` is built through serde).
    let citation = |key: &str, surface: &str| {
        serde_json::from_value(serde_json::json!({"key": key, "surface": surface})).unwrap()
    };
    for n in 1..=6 {
        let mut paragraph = Paragraph::numbered(
            n.to_string(),
            "In Mutombo v. Switzerland (CAT/C/12/D/13/1993, communication No. 13/1993) the \
             Committee applied non-refoulement; Mutombo v. Switzerland, 13/1993, is cited again.",
        );
        paragraph.citations = vec![
            citation("un:CAT/C/12/D/13/1993", "CAT/C/12/D/13/1993"),
            citation("comm:CAT:13/1993", "communication No. 13/1993"),
        ];
        report.paragraphs.push(paragraph);
    }
    report
}

fn recommendations() -> Vec<Document> {
    (1..=12)
        .map(|n| {
            let mut recommendation = Document::new(format!("upr:rec-{n}"), Lang::En);
            recommendation.doc_type = DocType::Recommendation;
            recommendation.mechanism = Mechanism::Upr;
            recommendation.title = format!("Recommendation {n}");
            recommendation.paragraphs = vec![Paragraph::unnumbered(
                "Respect the principle of non-refoulement (Belgium)",
            )];
            recommendation
        })
        .collect()
}

/// The Human Rights Committee's general comment No. 36, in Russian.
fn general_comment() -> Document {
    let mut comment = Document::new(GENERAL_COMMENT, Lang::Ru);
    comment.doc_type = DocType::GeneralComment;
    comment.mechanism = Mechanism::Ccpr;
    comment.symbol = Some("CCPR/C/GC/36".to_string());
    comment.add_identifier(CitationKey::new("un:CCPR/C/GC/36"));
    comment.add_identifier(CitationKey::new("gc:CCPR:36"));
    comment.title = "Замечание общего порядка № 36. Статья 6: право на жизнь".to_string();
    comment.paragraphs = vec![Paragraph::numbered(
        "2",
        "Право на жизнь является высшим правом, отступление от которого не допускается \
         даже в ситуациях вооруженного конфликта и других чрезвычайных ситуаций.",
    )];
    comment
}

fn index() -> (tempfile::TempDir, SearchIndex) {
    let mut documents = mutombo();
    documents.push(citing_report());
    documents.extend(recommendations());
    documents.push(general_comment());
    index_of(documents)
}

fn first_id(index: &SearchIndex, request: SearchRequest) -> String {
    let response = index.search(&request).unwrap();
    response
        .hits
        .first()
        .map(|hit| hit.id.clone())
        .unwrap_or_default()
}

#[test]
fn the_document_a_query_names_comes_before_those_citing_it() {
    let (_dir, index) = index();
    for query in [
        "CAT/C/12/D/13/1993",
        "13/1993",
        "Mutombo v. Switzerland",
        "\"Mutombo v. Switzerland\"",
    ] {
        let response = index.search(&SearchRequest::new(query)).unwrap();
        let ids: Vec<&str> = response.hits.iter().map(|hit| hit.id.as_str()).collect();
        assert!(
            ids.first() == Some(&FULL_TEXT_EN) || ids.first() == Some(&FULL_TEXT_RU),
            "{query}: {ids:?}"
        );
        assert!(
            ids.contains(&CITING),
            "{query}: the citing report follows: {ids:?}"
        );
    }
    for query in [
        "GC 36",
        "замечание общего порядка № 36",
        "general comment No. 36",
    ] {
        assert_eq!(
            first_id(&index, SearchRequest::new(query)),
            GENERAL_COMMENT,
            "{query}"
        );
    }
}

#[test]
fn a_decision_ranks_above_one_line_recommendations_unless_they_are_asked_for() {
    let (_dir, index) = index();
    let response = index
        .search(&SearchRequest::new("non-refoulement"))
        .unwrap();
    assert_eq!(response.hits[0].id, FULL_TEXT_EN, "{:?}", response.hits);
    let mut request = SearchRequest::new("non-refoulement");
    request.filters.push(RequestFilter {
        field: "type".into(),
        value: "recommendation".into(),
    });
    assert!(first_id(&index, request).starts_with("upr:rec-"));
}

#[test]
fn the_paragraph_shown_is_the_reasoning_never_a_heading() {
    let (_dir, index) = index();
    let mut request = SearchRequest::new("expelled torture non-refoulement");
    request.prefer_lang = Some(Lang::En);
    let response = index.search(&request).unwrap();
    let hit = response
        .hits
        .iter()
        .find(|hit| hit.id == FULL_TEXT_EN)
        .expect("the decision");
    assert_eq!(
        hit.paragraphs[0].n.as_deref(),
        Some("9.3"),
        "{:?}",
        hit.paragraphs
    );
    let response = index.search(&SearchRequest::new("merits")).unwrap();
    for hit in &response.hits {
        assert!(
            hit.paragraphs
                .iter()
                .all(|paragraph| !paragraph.snippet.contains("Consideration")),
            "a heading shown: {:?}",
            hit.paragraphs
        );
    }
}

#[test]
fn paging_never_repeats_or_drops_a_hit() {
    let (_dir, index) = index();
    let query = "non-refoulement OR Mutombo OR право";
    let everything = {
        let mut request = SearchRequest::new(query);
        request.limit = 50;
        index.search(&request).unwrap()
    };
    let all: Vec<String> = everything.hits.iter().map(|hit| hit.id.clone()).collect();
    assert_eq!(all.len() as u64, everything.total);
    for page_size in [1, 2, 3, 5] {
        let mut seen = Vec::new();
        let mut offset = 0;
        loop {
            let mut request = SearchRequest::new(query);
            request.limit = page_size;
            request.offset = offset;
            let page = index.search(&request).unwrap();
            if page.hits.is_empty() {
                break;
            }
            seen.extend(page.hits.iter().map(|hit| hit.id.clone()));
            offset += page_size;
        }
        assert_eq!(seen, all, "pages of {page_size}");
        assert_eq!(seen.iter().collect::<HashSet<_>>().len(), seen.len());
    }
}

#[test]
fn a_long_query_no_document_fully_matches_finds_those_with_most_of_its_words() {
    let (_dir, index) = index();
    // No document has `квартира`; the decision's Russian version has the other words.
    let response = index
        .search(&SearchRequest::new("пыток высылки Мутомбо квартира"))
        .unwrap();
    assert!(response.relaxed, "{:?}", response.hits);
    assert_eq!(response.hits[0].id, FULL_TEXT_RU);
    let exact = index
        .search(&SearchRequest::new("пыток высылки Мутомбо"))
        .unwrap();
    assert!(!exact.relaxed && exact.total == 1);
}

#[test]
fn a_query_typing_a_whole_title_finds_that_instrument_before_the_documents_quoting_it() {
    let instrument = |id: &str, lang: Lang, title: &str, text: &str| {
        let mut document = Document::new(id, lang);
        document.doc_type = DocType::Instrument;
        document.title = title.to_string();
        document.paragraphs = vec![Paragraph::numbered("1", text)];
        document
    };
    let quoting = |id: &str, lang: Lang, sentence: &str| {
        let mut document = Document::new(id, lang);
        document.doc_type = DocType::Report;
        document.title = format!("{sentence} {sentence}");
        document.paragraphs = (1..=8)
            .map(|n| Paragraph::numbered(n.to_string(), format!("{sentence} {sentence}")))
            .collect();
        document
    };
    let mut documents = vec![
        instrument(
            "charter:zh",
            Lang::Zh,
            "联合国宪章",
            "我联合国人民同兹决心欲免后世再遭今代人类两度身历惨不堪言之战祸。",
        ),
        instrument(
            "udhr:ru",
            Lang::Ru,
            "Всеобщая декларация прав человека",
            "Все люди рождаются свободными и равными в своем достоинстве и правах.",
        ),
    ];
    for n in 0..5 {
        documents.push(quoting(
            &format!("report:zh:{n}"),
            Lang::Zh,
            "根据联合国宪章第五十五条，各国承诺促进人权。",
        ));
        documents.push(quoting(
            &format!("report:ru:{n}"),
            Lang::Ru,
            "Всеобщая декларация прав человека провозглашает право на жизнь.",
        ));
    }
    let (_dir, index) = index_of(documents);
    assert_eq!(
        first_id(&index, SearchRequest::new("联合国宪章")),
        "charter:zh"
    );
    assert_eq!(
        first_id(
            &index,
            SearchRequest::new("всеобщая декларация прав человека")
        ),
        "udhr:ru"
    );
}

#[test]
fn a_paragraph_with_the_words_together_outranks_one_where_they_are_scattered() {
    let views = |id: &str, lang: Lang, text: &str| {
        let mut document = Document::new(id, lang);
        document.doc_type = DocType::Views;
        document.mechanism = Mechanism::Ccpr;
        document.paragraphs = vec![Paragraph::numbered("1", text)];
        document
    };
    let documents = vec![
        views(
            "scattered:ru",
            Lang::Ru,
            "Телесные повреждения были описаны врачом. Автор указывает, что наказания, \
             назначенные судом, несоразмерны, а его детей лишили свиданий; телесные \
             наказания в тюрьме и судьба детей обсуждаются отдельно.",
        ),
        views(
            "together:ru",
            Lang::Ru,
            "Комитет напоминает, что телесные наказания детей несовместимы со статьей 7 Пакта.",
        ),
        views(
            "scattered:en",
            Lang::En,
            "Punishment was imposed by the court. The children were later heard; corporal \
             injuries were documented, and the punishment of the father and the children's \
             corporal integrity are discussed below.",
        ),
        views(
            "together:en",
            Lang::En,
            "The Committee recalls that corporal punishment of children is incompatible with article 7.",
        ),
    ];
    let (_dir, index) = index_of(documents);
    assert_eq!(
        first_id(&index, SearchRequest::new("телесные наказания детей")),
        "together:ru"
    );
    assert_eq!(
        first_id(
            &index,
            SearchRequest::new("corporal punishment of children")
        ),
        "together:en"
    );
}

#[test]
fn of_the_documents_a_case_name_names_the_judgment_comes_before_its_orders() {
    let case = |id: &str, doc_type: DocType, paragraphs: Vec<Paragraph>| {
        let mut document = Document::new(id, Lang::Es);
        document.doc_type = doc_type;
        document.mechanism = Mechanism::Iacthr;
        document.case_name = Some("Almonacid Arellano y otros vs. Chile".to_string());
        document.paragraphs = paragraphs;
        document
    };
    let long_reasoning: Vec<Paragraph> = (1..=30)
        .map(|n| {
            Paragraph::numbered(
                n.to_string(),
                "La Corte considera que el Estado violó los derechos a las garantías judiciales \
                 y a la protección judicial al aplicar el decreto ley de amnistía.",
            )
        })
        .collect();
    let (_dir, index) = index_of(vec![
        case("judgment", DocType::Judgment, long_reasoning),
        case(
            "order",
            DocType::Order,
            vec![Paragraph::numbered(
                "1",
                "Caso Almonacid Arellano y otros vs. Chile: supervisión de cumplimiento; \
                 Almonacid Arellano y otros vs. Chile.",
            )],
        ),
    ]);
    let response = index
        .search(&SearchRequest::new("Almonacid Arellano y otros vs. Chile"))
        .unwrap();
    let ids: Vec<&str> = response.hits.iter().map(|hit| hit.id.as_str()).collect();
    assert_eq!(ids, ["judgment", "order"]);
}

#[test]
fn a_bare_identifier_finds_the_document_it_names_then_those_that_print_it() {
    let mut own = Document::new("own", Lang::En);
    own.doc_type = DocType::Report;
    own.symbol = Some("A/HRC/WG.6/34/ITA/3".to_string());
    own.add_identifier(CitationKey::new("un:A/HRC/WG.6/34/ITA/3"));
    own.paragraphs = vec![Paragraph::numbered(
        "1",
        "Summary of stakeholders' submissions on Italy.",
    )];
    // Printed in the text, with no citation extracted from it.
    let mut printer = Document::new("printer:ru", Lang::Ru);
    printer.doc_type = DocType::Report;
    printer.paragraphs = vec![Paragraph::numbered(
        "4",
        "См. резюме заинтересованных сторон (A/HRC/WG.6/34/ITA/3), пункт 12, и жалобу 35918/21.",
    )];
    let (_dir, index) = index_of(vec![own, printer]);
    let ids = |query: &str| -> Vec<String> {
        let response = index.search(&SearchRequest::new(query)).unwrap();
        response.hits.into_iter().map(|hit| hit.id).collect()
    };
    assert_eq!(ids("A/HRC/WG.6/34/ITA/3"), ["own", "printer:ru"]);
    assert_eq!(ids("35918/21"), ["printer:ru"]);
    // Whole identifiers only: a symbol is not a piece of a longer one.
    assert!(ids("A/HRC/WG.6/34/ITA").is_empty());
}
