//! The UN structured importers on real files of the development corpus:
//!
//! - treaty-body decisions: one document per decision with symbol, communication key,
//!   State, outcome, type, adoption date and printed paragraph numbers (CCPR with its
//!   `jurisprudence_info.json` record; CAT enriched from the OHCHR XML);
//! - metadata files, licences and readmes are skipped with a reason;
//! - general comments: symbol, `gc:` keys (joint comments get one per committee);
//! - special-procedure reports: symbol from the file name, mandate as body;
//! - the OHCHR XML: every one of its 2,043 records accounted for;
//! - the UN Charter: one work in six languages, articles numbered in every script;
//! - the UN Parallel Corpus: documents grouped by symbol, aligned across languages;
//! - the UDHR in Arabic and Chinese through the HTML extractor.
//!
//! Only one decision shard is read per test: the shards are large.

use hrlex_ingest::{extract_file, importers, FileOutcome, IngestOptions};
use hrlex_model::{group_into_works, CitationKey, DocType, Document, Lang, Mechanism};
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

/// The importer alone, without the pipeline's citation pass (slow in debug builds):
/// for the tests that read many files.
fn imported(relative: &str) -> Vec<Document> {
    let path = corpus().join(relative);
    let head = hrlex_ingest::pipeline::read_head(&path).unwrap();
    let importer = importers::find(&path, &head).unwrap_or_else(|| panic!("{relative}: unclaimed"));
    let options = IngestOptions::default();
    let context = importers::ImportContext { options: &options };
    match importer.import(&path, &context) {
        Ok(FileOutcome::Documents(documents)) => documents,
        Ok(FileOutcome::Skipped { reason }) => panic!("{relative} skipped: {reason}"),
        Err(error) => panic!("{relative}: {error}"),
    }
}

fn skip_reason(relative: &str) -> String {
    match outcome(relative) {
        FileOutcome::Skipped { reason } => reason,
        FileOutcome::Documents(documents) => {
            panic!("{relative} gave {} documents", documents.len())
        }
    }
}

fn find<'a>(documents: &'a [Document], id: &str) -> &'a Document {
    documents
        .iter()
        .find(|document| document.id == id)
        .unwrap_or_else(|| panic!("no document {id}"))
}

fn has_key(document: &Document, key: &str) -> bool {
    document.identifiers.contains(&CitationKey::new(key))
}

fn paragraph<'a>(document: &'a Document, n: &str) -> &'a str {
    document
        .paragraphs
        .iter()
        .find(|paragraph| paragraph.n.as_deref() == Some(n))
        .map(|paragraph| paragraph.text.as_str())
        .unwrap_or_else(|| panic!("{}: no paragraph {n}", document.id))
}

#[test]
fn ccpr_decision_has_symbol_keys_state_outcome_and_numbered_paragraphs() {
    hrlex_testkit::require_dev_corpus!();
    let relative = "treaty-bodies/decisions/jur_CCPR_1978-1979.json";
    let decisions = documents(relative);
    assert_eq!(
        decisions.len(),
        24,
        "one document per decision of the shard"
    );
    let ids: HashSet<&str> = decisions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), decisions.len(), "ids are unique");

    let views = find(&decisions, "tb:ccpr-c-12-d-35-1978");
    assert_eq!(views.symbol.as_deref(), Some("CCPR/C/12/D/35/1978"));
    assert!(has_key(views, "un:CCPR/C/12/D/35/1978"));
    assert!(has_key(views, "comm:CCPR:35/1978"));
    assert_eq!(views.mechanism, Mechanism::Ccpr);
    assert_eq!(views.doc_type, DocType::Views);
    assert_eq!(views.outcome.as_deref(), Some("violation"));
    assert_eq!(views.states, vec!["Mauritius"]);
    assert_eq!(views.date.as_deref(), Some("1981-04-09"));
    assert_eq!(views.lang, Lang::En);
    assert_eq!(
        views.case_name.as_deref(),
        Some("Aumeeruddy-Cziffra et al. v. Mauritius")
    );
    assert!(views
        .articles
        .iter()
        .any(|article| article == "CCPR art. 26"));
    assert!(paragraph(views, "10.1").contains("articles 2 (1), 3 and 26"));
    assert!(paragraph(views, "11").contains("Immigration (Amendment) Act"));
    assert_eq!(views.source.path, relative);
    assert_eq!(views.source.record.as_deref(), Some("ccpr-c-12-d-35-1978"));
    assert_eq!(views.source.importer, "treaty_bodies");

    let no_violation = find(&decisions, "tb:ccpr-c-12-d-58-1979");
    assert_eq!(no_violation.outcome.as_deref(), Some("no violation"));
    assert_eq!(no_violation.states, vec!["Sweden"]);
}

#[test]
fn cat_decisions_are_enriched_from_the_ohchr_export() {
    hrlex_testkit::require_dev_corpus!();
    let decisions = documents("treaty-bodies/decisions/jur_CAT_1990-1994.json");
    assert_eq!(decisions.len(), 9);

    // Mutombo v. Switzerland has no jurisprudence_info record: date, articles and
    // issues come from the OHCHR XML.
    let mutombo = find(&decisions, "tb:cat-c-12-d-13-1993");
    assert_eq!(mutombo.mechanism, Mechanism::Cat);
    assert_eq!(mutombo.symbol.as_deref(), Some("CAT/C/12/D/13/1993"));
    assert!(has_key(mutombo, "comm:CAT:13/1993"));
    assert_eq!(mutombo.outcome.as_deref(), Some("violation"));
    assert_eq!(mutombo.date.as_deref(), Some("1994-04-27"));
    assert_eq!(mutombo.case_name.as_deref(), Some("Mutombo v. Switzerland"));
    assert!(mutombo
        .themes
        .iter()
        .any(|theme| theme == "non-refoulement"));
    assert!(mutombo
        .articles
        .iter()
        .any(|article| article == "CAT art. 3(1)"));
    assert_eq!(mutombo.paragraphs[0].n.as_deref(), Some("1"));

    let inadmissible = find(&decisions, "tb:cat-c-13-d-10-1993");
    assert_eq!(inadmissible.doc_type, DocType::Inadmissibility);
    assert_eq!(inadmissible.outcome.as_deref(), Some("inadmissible"));
    assert_eq!(inadmissible.states, vec!["Spain"]);

    // An old scanned decision: unnumbered OCR paragraphs, flagged.
    let scanned = find(&decisions, "tb:cat-c-14-d-6-1990");
    assert!(scanned.notes.iter().any(|note| note.code == "ocr"));
    assert!(scanned.paragraphs.len() > 50);
}

#[test]
fn metadata_files_licences_and_readmes_are_skipped_with_a_reason() {
    hrlex_testkit::require_dev_corpus!();
    assert!(skip_reason("treaty-bodies/jurisprudence_info.json").contains("treaty-body decisions"));
    assert!(skip_reason("treaty-bodies/general-comments/GC-info.json").contains("general comments"));
    assert!(skip_reason("treaty-bodies/LICENSE-DATA").contains("licence"));
    assert!(skip_reason("treaty-bodies/UPSTREAM-README.md").contains("readme"));
    assert!(skip_reason("treaty-bodies/general-comments/LICENSE.md").contains("licence"));
    assert!(skip_reason("multilingual/un-parallel-corpus/README").contains("Parallel Corpus"));
    assert!(skip_reason("multilingual/un-parallel-corpus/DISCLAIMER").contains("terms of use"));
    assert!(
        skip_reason("multilingual/un-parallel-corpus/devset/UNv1.0.devset.ids").contains("ids")
    );
}

#[test]
fn general_comment_has_symbol_and_gc_key() {
    hrlex_testkit::require_dev_corpus!();
    let comment = documents("treaty-bodies/general-comments/Annotated_CCPR_GC36_life.json");
    assert_eq!(comment.len(), 1);
    let comment = &comment[0];
    assert_eq!(comment.id, "gc:ccpr-36");
    assert_eq!(comment.doc_type, DocType::GeneralComment);
    assert_eq!(comment.mechanism, Mechanism::Ccpr);
    assert_eq!(comment.symbol.as_deref(), Some("CCPR/C/GC/36"));
    assert!(has_key(comment, "gc:CCPR:36"));
    assert!(has_key(comment, "un:CCPR/C/GC/36"));
    assert_eq!(comment.date.as_deref(), Some("2019-09-03"));
    assert!(paragraph(comment, "2").starts_with("Article 6 of the International Covenant"));
    assert!(comment
        .themes
        .iter()
        .any(|theme| theme == "Persons affected by armed conflict"));

    // A joint comment gets a key per committee.
    let joint =
        documents("treaty-bodies/general-comments/Annotated_CRC-CMW-GC22-MigPrinciples.json");
    assert!(has_key(&joint[0], "gc:CRC:22"));
    assert!(has_key(&joint[0], "gc:CMW:3"));
    assert!(has_key(&joint[0], "un:CMW/C/GC/3"));

    // An early comment printed in a compilation: no `un:` key for the compilation.
    let early = documents("treaty-bodies/general-comments/Annotated_CCPR_GC20_art.7.json");
    assert!(has_key(&early[0], "gc:CCPR:20"));
    assert!(!early[0]
        .identifiers
        .iter()
        .any(|key| key.as_str().starts_with("un:HRI/")));
}

#[test]
fn every_general_comment_gets_a_distinct_id() {
    hrlex_testkit::require_dev_corpus!();
    let folder = corpus().join("treaty-bodies/general-comments");
    let mut ids = HashSet::new();
    let mut count = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !name.starts_with("Annotated_") {
            continue;
        }
        for document in imported(&format!("treaty-bodies/general-comments/{name}")) {
            assert!(
                document
                    .identifiers
                    .iter()
                    .any(|k| k.as_str().starts_with("gc:")),
                "{name}: no gc: key"
            );
            assert!(
                ids.insert(document.id.clone()),
                "{name}: duplicate id {}",
                document.id
            );
            count += 1;
        }
    }
    assert_eq!(count, 180);
}

#[test]
fn special_procedure_report_has_its_symbol() {
    hrlex_testkit::require_dev_corpus!();
    let report = documents("special-procedures/SR_Education_A_65_162.json");
    let report = &report[0];
    assert_eq!(report.id, "sp:a-65-162");
    assert_eq!(report.symbol.as_deref(), Some("A/65/162"));
    assert!(has_key(report, "un:A/65/162"));
    assert_eq!(report.mechanism, Mechanism::SpecialProcedures);
    assert_eq!(report.doc_type, DocType::Report);
    assert_eq!(
        report.body.as_deref(),
        Some("Special Rapporteur on the right to education")
    );
    assert_eq!(report.date.as_deref(), Some("2010"));
    assert!(paragraph(report, "1").contains("Human Rights Council resolution 8/4"));

    let commission = documents("special-procedures/SR_Torture_E_CN_4_1986_15.json");
    assert_eq!(commission[0].symbol.as_deref(), Some("E/CN.4/1986/15"));
    assert!(has_key(&commission[0], "un:E/CN.4/1986/15"));
}

#[test]
fn ohchr_export_accounts_for_every_record() {
    hrlex_testkit::require_dev_corpus!();
    let records = documents("treaty-bodies/ohchr-2016-05-07-v02.xml");
    assert_eq!(records.len(), 2043);
    let ids: HashSet<&str> = records.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), 2043, "duplicate symbols still get distinct ids");
    assert!(records.iter().all(|record| record
        .notes
        .iter()
        .any(|note| note.code == "metadata-only")
        && record.paragraphs.is_empty()
        && record.source.format == "xml"));
    let mutombo = find(&records, "ohchr:cat-c-12-d-13-1993");
    assert!(has_key(mutombo, "comm:CAT:13/1993"));
    assert_eq!(mutombo.states, vec!["Switzerland"]);
    assert_eq!(mutombo.doc_type, DocType::Views);
    assert_eq!(mutombo.title, "Mutombo v. Switzerland (CAT/C/12/D/13/1993)");
    let committees: HashSet<Mechanism> = records.iter().map(|r| r.mechanism).collect();
    for expected in [
        Mechanism::Ccpr,
        Mechanism::Cat,
        Mechanism::Cerd,
        Mechanism::Cedaw,
    ] {
        assert!(committees.contains(&expected), "{expected:?} missing");
    }
}

#[test]
fn un_charter_is_one_work_in_six_languages() {
    hrlex_testkit::require_dev_corpus!();
    let mut all = Vec::new();
    for code in ["ar", "en", "es", "fr", "ru", "zh"] {
        let charter = documents(&format!(
            "multilingual/un-charter/raw_un_charter_{code}.txt"
        ));
        assert_eq!(charter.len(), 1);
        let numbered = charter[0]
            .paragraphs
            .iter()
            .filter(|paragraph| paragraph.n.is_some())
            .count();
        assert_eq!(numbered, 111, "{code}: 111 articles");
        assert_eq!(charter[0].doc_type, DocType::Instrument);
        all.extend(charter);
    }
    let works = group_into_works(all);
    assert_eq!(works.len(), 1);
    assert_eq!(works[0].id, "un-charter");
    assert_eq!(
        works[0].languages(),
        vec![Lang::Ar, Lang::En, Lang::Es, Lang::Fr, Lang::Ru, Lang::Zh]
    );
    let by_lang = |lang: Lang| {
        works[0]
            .documents
            .iter()
            .find(|document| document.lang == lang)
            .unwrap()
    };
    assert!(paragraph(by_lang(Lang::Ru), "1").starts_with("Статья 1\n"));
    assert!(paragraph(by_lang(Lang::Ru), "51").contains("самооборону"));
    assert!(paragraph(by_lang(Lang::Zh), "1").starts_with("第一条"));
    assert!(paragraph(by_lang(Lang::Zh), "102").starts_with("第一百零二条"));
    assert!(paragraph(by_lang(Lang::Ar), "1").starts_with("المادة 1"));
    assert!(paragraph(by_lang(Lang::Es), "111").starts_with("Artículo 111"));
}

#[test]
fn parallel_corpus_groups_sentences_by_symbol_across_languages() {
    hrlex_testkit::require_dev_corpus!();
    let chinese = imported("multilingual/un-parallel-corpus/devset/UNv1.0.devset.zh");
    let arabic = imported("multilingual/un-parallel-corpus/devset/UNv1.0.devset.ar");
    let english = imported("multilingual/un-parallel-corpus/devset/UNv1.0.devset.en");
    assert_eq!(chinese.len(), arabic.len());
    assert!(chinese.len() > 500, "{} documents", chinese.len());
    let ids: HashSet<&str> = chinese.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), chinese.len());

    let zh = find(&chinese, "uncorpus:a-69-767:zh");
    let ar = find(&arabic, "uncorpus:a-69-767:ar");
    let en = find(&english, "uncorpus:a-69-767:en");
    assert_eq!(zh.lang, Lang::Zh);
    assert_eq!(ar.lang, Lang::Ar);
    assert_eq!(zh.symbol.as_deref(), Some("A/69/767"));
    assert!(has_key(ar, "un:A/69/767"));
    assert_eq!(zh.mechanism, Mechanism::GeneralAssembly);
    assert_eq!(zh.paragraphs.len(), ar.paragraphs.len());
    assert_eq!(zh.paragraphs.len(), en.paragraphs.len());
    // Aligned: the paragraph that is "Sixty-ninth session" in English is 第六十九届会议.
    let index = en
        .paragraphs
        .iter()
        .position(|p| p.text == "Sixty-ninth session")
        .expect("English heading");
    assert_eq!(zh.paragraphs[index].text, "第六十九届会议");
    assert!(ar.paragraphs[index].text.contains("التاسعة والستون"));

    let works = group_into_works(vec![zh.clone(), ar.clone(), en.clone()]);
    assert_eq!(works.len(), 1);

    let symbol = find(&chinese, "uncorpus:a-ac-182-l-139:zh");
    assert_eq!(symbol.symbol.as_deref(), Some("A/AC.182/L.139"));
}

#[test]
fn parallel_corpus_paper_is_left_to_the_generic_path() {
    hrlex_testkit::require_dev_corpus!();
    let paper = corpus().join("multilingual/un-parallel-corpus/UNv1.0.pdf");
    let head = hrlex_ingest::pipeline::read_head(&paper).unwrap();
    assert!(importers::find(&paper, &head).is_none());
}

#[test]
fn udhr_arabic_and_chinese_are_numbered_by_article() {
    hrlex_testkit::require_dev_corpus!();
    let arabic = documents("multilingual/udhr/arb.html");
    let arabic = &arabic[0];
    assert_eq!(arabic.id, "udhr:arb");
    assert_eq!(arabic.work_id, "udhr");
    assert_eq!(arabic.lang, Lang::Ar);
    assert_eq!(arabic.mechanism, Mechanism::GeneralAssembly);
    assert_eq!(arabic.doc_type, DocType::Instrument);
    assert_eq!(arabic.symbol.as_deref(), Some("A/RES/217(III)"));
    assert!(has_key(arabic, "un:A/RES/217(III)"));
    assert_eq!(arabic.title, "الإعلان العالمي لحقوق الإنسان");
    let article_1 = paragraph(arabic, "1");
    assert!(article_1.starts_with("المادة 1"), "{article_1}");
    assert!(article_1.contains("يولد جميع الناس أحرارًا"));
    assert!(paragraph(arabic, "30").contains("هذا الإعلان"));
    assert_eq!(arabic.source.path, "multilingual/udhr/arb.html");

    let chinese = documents("multilingual/udhr/cmn_hans.html");
    assert_eq!(chinese[0].lang, Lang::Zh);
    assert!(paragraph(&chinese[0], "1").contains("人人生而自由"));
}
