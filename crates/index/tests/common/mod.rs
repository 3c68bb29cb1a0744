//! Shared by the integration tests of one decision held twice (`graph_twins.rs`,
//! `search_twins.rs`): the Committee against Torture's views in Mutombo v. Switzerland
//! (CAT/C/12/D/13/1993) as the importers make them from `treaty-bodies/`, once as full
//! text and once as the OHCHR export's metadata-only record, and an index built from
//! documents in memory.
#![allow(dead_code)] // each test binary uses its own part of this module

use hrlex_index::{update_index, CorpusEntry, Extraction, IndexRunOptions, SearchIndex};
use hrlex_model::{CitationKey, DocType, Document, ExtractionNote, Lang, Mechanism};

pub const FULL_TEXT_EN: &str = "tb:cat-c-12-d-13-1993";
pub const FULL_TEXT_RU: &str = "tb:cat-c-12-d-13-1993:ru";
pub const RECORD: &str = "ohchr:cat-c-12-d-13-1993";
pub const ONLY_RECORD: &str = "ohchr:cat-c-13-d-17-1994";

/// A CAT decision bearing its symbol, communication and case-name keys.
pub fn decision(id: &str, lang: Lang, symbol: &str, number: &str, case_name: &str) -> Document {
    let mut document = Document::new(id, lang);
    document.mechanism = Mechanism::Cat;
    document.doc_type = DocType::Views;
    document.symbol = Some(symbol.to_string());
    document.title = format!("{case_name} ({symbol})");
    document.case_name = Some(case_name.to_string());
    document.states = vec!["Switzerland".to_string()];
    document.date = Some("1994-04-27".to_string());
    document.add_identifier(CitationKey::new(format!("un:{symbol}")));
    document.add_identifier(CitationKey::new(format!("comm:CAT:{number}")));
    document.add_identifier(hrlex_cite::case_name_key(case_name).expect("a case name"));
    document
}

/// As `ohchr_xml` makes it: metadata and issues, no paragraph, the `metadata-only` note.
pub fn record(id: &str, symbol: &str, number: &str, case_name: &str) -> Document {
    let mut document = decision(id, Lang::En, symbol, number, case_name);
    document.themes = vec!["non-refoulement".to_string(), "torture".to_string()];
    document.notes.push(ExtractionNote::new(
        "metadata-only",
        "record of the OHCHR jurisprudence database (2016 export): metadata without the decision's text",
    ));
    document
}

/// `documents` indexed by `hrlex index`'s writer as the extraction of one file.
pub fn index_of(documents: Vec<Document>) -> (tempfile::TempDir, SearchIndex) {
    let corpus = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let file = corpus.path().join("decisions.json");
    std::fs::write(&file, "x").unwrap();
    let options = IndexRunOptions::new(index_dir.path(), vec![corpus.path().to_path_buf()], "test");
    update_index(
        &options,
        vec![CorpusEntry::new(file, "decisions.json")],
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
}
