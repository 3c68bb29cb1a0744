//! The citation graph through the binary (`hrlex cites`, `hrlex cited-by`) after
//! `hrlex index --corpus corpus`. Properties:
//!
//! 1. "What cites K.N.L.H. v. Peru (CCPR/C/85/D/1153/2003)?" — asked by document id, by
//!    symbol or by communication key — returns the Inter-American Court's Artavia
//!    Murillo judgment in its three language versions and the Special Rapporteurs'
//!    reports A/HRC/4/28 and A/HRC/22/53, each with the citing paragraph's number, and
//!    counts per system (3 Inter-American documents of 1 work, 2 UN documents).
//! 2. "What does Artavia Murillo cite?" resolves the CCPR views across systems and keeps
//!    keys naming nothing in the index as dangling; the judgment's own Series C number
//!    is not a citation.
//! 3. A Strasbourg case the judgment names without its number (`Sabri Günes v.
//!    Turkey`) is resolved through the gazetteer to `ecthr:app:27396/06`, and "cited by"
//!    works for that dangling key.
//! 4. CAT general comment No. 2 (CAT/C/GC/2) is cited by the Special Rapporteur on
//!    torture (A/63/175): the symbol and the `gc:CAT:2` key meet.
//! 5. Reindexing updates edges both ways: removing a citing file removes its edge;
//!    removing the cited file leaves its key dangling while "cited by" still finds the
//!    citing documents.
//! 6. A case named without any number resolves through the names of the documents in
//!    the index: the Committee against Torture's X v. the Netherlands names "Mutombo v.
//!    Switzerland, Views adopted on 27 April 1994, paragraph 9.3"; Mutombo's views bear
//!    that case name (from the OHCHR record), so "what cites Mutombo?" lists the
//!    footnote with its pinpoint, "what does X v. the Netherlands cite?" resolves the
//!    name, and the case can be asked about by name in another language.
//! 7. One decision, one target: Mutombo's views are in the sample twice, as full text
//!    (`tb:`) and as the OHCHR export's metadata-only record (`ohchr:`), with the same
//!    symbol, communication and name keys. "What does X v. the Netherlands cite?"
//!    resolves Mutombo to the full-text views alone; asked by name, by symbol or by the
//!    record's id, "what cites Mutombo?" answers for the full-text views (issue #4).

use crate::helpers::{path_str, run, sample_corpus};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

const KNLH_ID: &str = "tb:ccpr-c-85-d-1153-2003";
const KNLH_SYMBOL: &str = "CCPR/C/85/D/1153/2003";
const ARTAVIA_EN: &str = "iacthr:98318";
const ARTAVIA_VERSIONS: [&str; 3] = ["iacthr:98302", "iacthr:98318", "iacthr:98334"];
const SR_HEALTH: &str = "sp:a-hrc-4-28";
const SR_TORTURE: &str = "sp:a-hrc-22-53";

/// The sample corpus indexed once for this module's tests (and `graph_contract`'s).
pub(crate) fn sample_index() -> &'static Path {
    static INDEX: OnceLock<tempfile::TempDir> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let index = tempfile::tempdir().unwrap();
            let corpus = sample_corpus();
            let (code, _, stderr) = run(&[
                "index",
                "--corpus",
                path_str(&corpus),
                "--index",
                path_str(index.path()),
            ]);
            assert!(code == 0 || code == 1, "index failed ({code}): {stderr}");
            index
        })
        .path()
}

fn json(args: &[&str]) -> Value {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "hrlex {args:?} failed: {stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|error| panic!("{error}: {stdout}"))
}

fn cited_by(index: &Path, target: &str) -> Value {
    json(&["cited-by", "--json", "--index", path_str(index), target])
}

fn cites(index: &Path, id: &str) -> Value {
    json(&["cites", "--json", "--index", path_str(index), id])
}

/// The groups of an answer (`systems`) and what each lists under `field`, flattened.
fn listed<'a>(response: &'a Value, field: &'a str) -> impl Iterator<Item = &'a Value> {
    response["systems"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(move |group| group[field].as_array().unwrap())
}

fn citing_ids(response: &Value) -> BTreeSet<String> {
    listed(response, "documents")
        .map(|document| document["id"].as_str().unwrap().to_string())
        .collect()
}

fn citing<'a>(response: &'a Value, id: &str) -> &'a Value {
    listed(response, "documents")
        .find(|document| document["id"] == id)
        .unwrap_or_else(|| panic!("{id} does not cite: {response:#}"))
}

fn paragraph_numbers(document: &Value) -> Vec<String> {
    document["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|paragraph| paragraph["n"].as_str().map(str::to_string))
        .collect()
}

fn system_count(response: &Value, system: &str) -> (u64, u64) {
    response["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|group| group["system"] == system)
        .map(|group| {
            (
                group["count"].as_u64().unwrap(),
                group["works"].as_u64().unwrap(),
            )
        })
        .unwrap_or((0, 0))
}

fn cited_key<'a>(response: &'a Value, key: &str) -> Option<&'a Value> {
    listed(response, "citations").find(|cited| cited["key"] == key)
}

/// The system `key` is cited into (the group listing it).
fn cited_system<'a>(response: &'a Value, key: &str) -> &'a Value {
    let group = response["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|group| {
            group["citations"]
                .as_array()
                .unwrap()
                .iter()
                .any(|cited| cited["key"] == key)
        })
        .unwrap_or_else(|| panic!("{key} is not cited: {response:#}"));
    &group["system"]
}

#[test]
fn what_cites_knlh_v_peru_across_systems_and_languages() {
    let index = sample_index();
    let expected: BTreeSet<String> = ARTAVIA_VERSIONS
        .iter()
        .chain([SR_HEALTH, SR_TORTURE].iter())
        .map(|id| id.to_string())
        .collect();

    let by_id = cited_by(index, KNLH_ID);
    assert_eq!(by_id["document"]["id"], KNLH_ID);
    assert_eq!(citing_ids(&by_id), expected, "{by_id:#}");
    assert_eq!(by_id["total"], 5);
    // The judgment in three languages is one citing work (as the HTTP API counts).
    assert_eq!(by_id["works"], 3);
    assert_eq!(system_count(&by_id, "inter-american"), (3, 1));
    assert_eq!(system_count(&by_id, "un"), (2, 2));

    // Paragraph numbers as printed, with the cited key and its pinpoint.
    let torture = citing(&by_id, SR_TORTURE);
    assert_eq!(paragraph_numbers(torture), ["50"]);
    assert_eq!(torture["paragraphs"][0]["key"], "comm:CCPR:1153/2003");
    assert_eq!(torture["paragraphs"][0]["pin"][0], "para:6.3");
    let health = citing(&by_id, SR_HEALTH);
    assert_eq!(paragraph_numbers(health), ["93"]);
    // The Special Rapporteur names no committee: `comm:?:` resolves all the same.
    assert_eq!(health["paragraphs"][0]["key"], "comm:?:1153/2003");
    // The judgment cites it in a footnote, a paragraph of its own in every language
    // (the layout's blocks keep it apart from paragraph 230 above it): its page says where.
    let portuguese = citing(&by_id, "iacthr:98334");
    assert_eq!(portuguese["paragraphs"][0]["n"], Value::Null);
    assert_eq!(portuguese["paragraphs"][0]["page"], 70);
    // "Caso K.L. Vs. Peru, CDH, Com. nº 1153/2003, Doc. ONU CCPR/C/85/D/1153/2003": the
    // Portuguese communication form comes first, with the committee read from "CDH".
    assert_eq!(portuguese["paragraphs"][0]["key"], "comm:CCPR:1153/2003");
    assert!(portuguese["paragraphs"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("<mark>Com. nº 1153/2003</mark>"));
    // The English judgment's footnote is unnumbered: its page says where.
    let english = citing(&by_id, ARTAVIA_EN);
    assert!(english["paragraphs"][0]["page"].as_u64().is_some());

    // The same question by symbol and by communication key.
    let by_symbol = cited_by(index, KNLH_SYMBOL);
    assert_eq!(citing_ids(&by_symbol), expected);
    let by_key = cited_by(index, "comm:CCPR:1153/2003");
    assert_eq!(citing_ids(&by_key), expected);

    // Readable: the counts, then one line per citing paragraph.
    let (code, stdout, _) = run(&["cited-by", "--index", path_str(index), KNLH_SYMBOL]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("cited by 3 Inter-American documents, 2 UN documents"),
        "{stdout}"
    );
    assert!(
        stdout.contains("A/HRC/22/53, para. 50, at para. 6.3: "),
        "{stdout}"
    );
    assert!(stdout.contains("Series C No. 257, p. 70: "), "{stdout}");
}

#[test]
fn what_artavia_murillo_cites_resolved_or_dangling() {
    let index = sample_index();
    let response = cites(index, ARTAVIA_EN);
    assert_eq!(response["document"]["id"], ARTAVIA_EN);
    let knlh = cited_key(&response, "comm:CCPR:1153/2003").expect("the CCPR views are cited");
    assert_eq!(knlh["dangling"], false);
    assert_eq!(cited_system(&response, "comm:CCPR:1153/2003"), "un");
    let targets: Vec<&str> = knlh["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|target| target["id"].as_str().unwrap())
        .collect();
    assert!(targets.contains(&KNLH_ID), "{knlh:#}");
    assert!(knlh["documents"][0]["mechanism"] == "ccpr" || targets.len() > 1);
    let occurrence = &knlh["paragraphs"][0];
    assert_eq!(occurrence["surface"], "Communication No. 1153/2003");

    // Another Inter-American judgment the index does not hold stays dangling.
    let dangling = cited_key(&response, "iacthr:C:1").expect("Series C No. 1 is cited");
    assert_eq!(dangling["dangling"], true);
    assert_eq!(cited_system(&response, "iacthr:C:1"), "inter-american");
    assert!(dangling["documents"].as_array().unwrap().is_empty());
    // Its own Series C number is not a citation.
    assert!(cited_key(&response, "iacthr:C:257").is_none());
    assert!(response["resolved"].as_u64().unwrap() >= 1);
    assert_eq!(
        response["total"].as_u64().unwrap() as usize,
        listed(&response, "citations").count()
    );

    // Asked by identifier: the judgment's Series C number names it.
    let (code, stdout, stderr) = run(&["cites", "--index", path_str(index), "iacthr:C:257"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("CCPR/C/85/D/1153/2003 → "), "{stdout}");
    assert!(stdout.contains(KNLH_ID), "{stdout}");

    // An unknown document is bad usage.
    let (code, _, stderr) = run(&["cites", "--index", path_str(index), "no-such-document"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no document"), "{stderr}");
}

#[test]
fn a_strasbourg_case_named_without_its_number_resolves_through_the_gazetteer() {
    let index = sample_index();
    // corpus/iacthr/pdfs/98318.pdf: "ECHR, Sabri Günes v. Turkey, Grand Chamber,
    // judgment of 29 June 2012" — no application number, a diacritic missing.
    let response = cites(index, ARTAVIA_EN);
    let sabri = cited_key(&response, "ecthr:app:27396/06").expect("resolved by name");
    assert_eq!(sabri["paragraphs"][0]["surface"], "Sabri Günes v. Turkey");
    assert_eq!(cited_system(&response, "ecthr:app:27396/06"), "european");
    assert_eq!(sabri["dangling"], true);
    // Named with its number (`Case of Evans v. United Kingdom, (No. 6339/05)`): the
    // number is the citation.
    let evans = cited_key(&response, "ecthr:app:6339/05").expect("Evans is cited");
    assert!(evans["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|occurrence| occurrence["surface"] != "Evans v. United Kingdom"));

    // "Cited by" works for a key no document of the index bears. The Spanish and
    // Portuguese versions print the number (`casos Sabri Günes v. Turkey, Gran Cámara,
    // (No. 27396/06)`): the name resolved in English agrees with it.
    let by_key = cited_by(index, "ecthr:app:27396/06");
    let versions: BTreeSet<String> = ARTAVIA_VERSIONS.iter().map(|id| id.to_string()).collect();
    assert_eq!(citing_ids(&by_key), versions);
    assert_eq!(
        citing(&by_key, ARTAVIA_EN)["paragraphs"][0]["surface"],
        "Sabri Günes v. Turkey"
    );
    assert_eq!(
        citing(&by_key, "iacthr:98302")["paragraphs"][0]["surface"],
        "No. 27396/06"
    );
    assert_eq!(system_count(&by_key, "inter-american"), (3, 1));
}

#[test]
fn a_general_comment_is_cited_by_the_special_rapporteur() {
    let index = sample_index();
    let response = cited_by(index, "CAT/C/GC/2");
    assert!(
        citing_ids(&response).contains("sp:a-63-175"),
        "{response:#}"
    );
    let by_key = cited_by(index, "gc:CAT:2");
    assert!(citing_ids(&by_key).contains("sp:a-63-175"));
}

const MUTOMBO_ID: &str = "tb:cat-c-12-d-13-1993";
const X_NETHERLANDS_ID: &str = "tb:cat-c-16-d-36-1995";
const MUTOMBO_NAME_KEY: &str = "name:mutombo v switzerland";
const MUTOMBO_RECORD_ID: &str = "ohchr:cat-c-12-d-13-1993";

#[test]
fn a_case_named_without_its_number_resolves_through_the_names_of_documents() {
    let index = sample_index();
    // corpus/treaty-bodies/decisions/jur_CAT_1995-1999.json, CAT/C/16/D/36/1995, a
    // footnote: "+ Mutombo v. Switzerland, Views adopted on 27 April 1994, paragraph
    // 9.3." — no communication number.
    let by_document = cited_by(index, MUTOMBO_ID);
    assert_eq!(by_document["document"]["id"], MUTOMBO_ID);
    assert!(
        by_document["keys"]
            .as_array()
            .unwrap()
            .iter()
            .any(|key| key == MUTOMBO_NAME_KEY),
        "Mutombo bears its case name: {by_document:#}"
    );
    let citing_paragraphs = citing(&by_document, X_NETHERLANDS_ID)["paragraphs"]
        .as_array()
        .unwrap()
        .clone();
    let named = citing_paragraphs
        .iter()
        .find(|paragraph| paragraph["key"] == MUTOMBO_NAME_KEY)
        .unwrap_or_else(|| panic!("no citation by name: {citing_paragraphs:#?}"));
    assert_eq!(named["surface"], "Mutombo v. Switzerland");
    assert_eq!(named["pin"][0], "para:9.3");
    assert!(named["snippet"]
        .as_str()
        .unwrap()
        .contains("<mark>Mutombo v. Switzerland</mark>, Views adopted on 27 April 1994"));

    // The other way: what X v. the Netherlands cites, the name resolved to the views.
    let response = cites(index, X_NETHERLANDS_ID);
    let cited = cited_key(&response, MUTOMBO_NAME_KEY).expect("cited by name");
    assert_eq!(cited["dangling"], false);
    assert_eq!(cited_system(&response, MUTOMBO_NAME_KEY), "un");
    assert!(cited["documents"]
        .as_array()
        .unwrap()
        .iter()
        .any(|target| target["id"] == MUTOMBO_ID));
    assert_eq!(cited["paragraphs"][0]["surface"], "Mutombo v. Switzerland");

    // Asked by the case name, written in French: the same citing document.
    let by_french_name = cited_by(index, "Mutombo c. Suisse");
    assert!(
        citing_ids(&by_french_name).contains(X_NETHERLANDS_ID),
        "{by_french_name:#}"
    );

    // Readable: the name as written, then where it resolves.
    let (code, stdout, stderr) = run(&["cites", "--index", path_str(index), X_NETHERLANDS_ID]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!(
            "Mutombo v. Switzerland (by name: {MUTOMBO_NAME_KEY}) → "
        )),
        "{stdout}"
    );
}

fn target_ids(cited: &Value) -> Vec<&str> {
    cited["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|target| target["id"].as_str().unwrap())
        .collect()
}

#[test]
fn mutombo_is_one_target_the_full_text_views_not_its_metadata_record() {
    let index = sample_index();
    // The record is indexed (a decision the index knows by its metadata).
    let record = cited_by(index, MUTOMBO_RECORD_ID);
    let response = cites(index, X_NETHERLANDS_ID);
    for key in [MUTOMBO_NAME_KEY, "comm:CAT:13/1993"] {
        let cited = cited_key(&response, key).unwrap_or_else(|| panic!("{key} cited"));
        assert_eq!(target_ids(cited), [MUTOMBO_ID], "{cited:#}");
    }

    // "What cites Mutombo?" by name, in English and French, by symbol, by the full
    // text's id and by the record's id: one answer, about the full-text views.
    let by_document = cited_by(index, MUTOMBO_ID);
    assert_eq!(by_document["total"], 3, "{by_document:#}");
    for asked in [
        "Mutombo v. Switzerland",
        "Mutombo c. Suisse",
        "CAT/C/12/D/13/1993",
    ] {
        assert_eq!(cited_by(index, asked), by_document, "{asked}");
    }
    assert_eq!(record, by_document);
    assert_eq!(record["document"]["id"], MUTOMBO_ID);

    // Readable: one target after the arrow.
    let (code, stdout, stderr) = run(&["cites", "--index", path_str(index), X_NETHERLANDS_ID]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!(
            "Mutombo v. Switzerland (by name: {MUTOMBO_NAME_KEY}) → {MUTOMBO_ID} [cat, en]\n"
        )),
        "{stdout}"
    );
    // What Mutombo cites, asked by its symbol, is what the views cite (the record has
    // no text).
    let by_symbol = cites(index, "CAT/C/12/D/13/1993");
    assert_eq!(by_symbol["document"]["id"], MUTOMBO_ID);
    let (code, stdout, stderr) = run(&[
        "cites",
        "--json",
        "--index",
        path_str(index),
        MUTOMBO_RECORD_ID,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("metadata-only record"), "{stderr}");
    assert_eq!(serde_json::from_str::<Value>(&stdout).unwrap(), by_symbol);
}

fn copy_file(corpus: &Path, relative: &str, into: &Path) {
    let target = into.join(relative);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::copy(corpus.join(relative), target).unwrap();
}

fn index_corpus(corpus: &Path, index: &Path) {
    let (code, stdout, stderr) = run(&[
        "index",
        "--corpus",
        path_str(corpus),
        "--index",
        path_str(index),
    ]);
    assert_eq!(code, 0, "index failed: {stdout}{stderr}");
}

#[test]
fn reindexing_updates_edges_both_ways() {
    let sample = sample_corpus();
    let corpus = tempfile::tempdir().unwrap();
    for relative in [
        "treaty-bodies/decisions/jur_CCPR_2002-2003.json",
        "treaty-bodies/jurisprudence_info.json",
        "special-procedures/SR_Health_A_HRC_4_28.json",
        "special-procedures/SR_Torture_A_HRC_22_53.json",
        "iacthr/pdfs/98334.pdf",
        "iacthr/metadata/entities.jsonl",
    ] {
        copy_file(&sample, relative, corpus.path());
    }
    let index = tempfile::tempdir().unwrap();
    index_corpus(corpus.path(), index.path());
    let before = cited_by(index.path(), KNLH_ID);
    assert_eq!(
        citing_ids(&before),
        BTreeSet::from([
            "iacthr:98334".to_string(),
            SR_HEALTH.to_string(),
            SR_TORTURE.to_string()
        ])
    );

    // The citing report goes: its edge goes with it.
    std::fs::remove_file(
        corpus
            .path()
            .join("special-procedures/SR_Health_A_HRC_4_28.json"),
    )
    .unwrap();
    index_corpus(corpus.path(), index.path());
    let after = cited_by(index.path(), KNLH_ID);
    assert_eq!(
        citing_ids(&after),
        BTreeSet::from(["iacthr:98334".to_string(), SR_TORTURE.to_string()])
    );
    assert_eq!(system_count(&after, "un"), (1, 1));

    // The cited views go: the judgment's citation is dangling, and "cited by" the key
    // still finds who cites it.
    let response = cites(index.path(), "iacthr:98334");
    assert_eq!(
        cited_key(&response, &format!("un:{KNLH_SYMBOL}")).unwrap()["dangling"],
        false
    );
    std::fs::remove_file(
        corpus
            .path()
            .join("treaty-bodies/decisions/jur_CCPR_2002-2003.json"),
    )
    .unwrap();
    index_corpus(corpus.path(), index.path());
    let response = cites(index.path(), "iacthr:98334");
    let knlh = cited_key(&response, &format!("un:{KNLH_SYMBOL}")).unwrap();
    assert_eq!(knlh["dangling"], true);
    let (code, _, _) = run(&["cited-by", "--index", path_str(index.path()), KNLH_ID]);
    assert_eq!(code, 0);
    let by_key = cited_by(index.path(), KNLH_SYMBOL);
    assert_eq!(
        citing_ids(&by_key),
        BTreeSet::from(["iacthr:98334".to_string(), SR_TORTURE.to_string()])
    );
}

/// `hrlex cited-by … | head` and `hrlex search … | head`: when the reader goes away, the
/// command ends quietly (killed by SIGPIPE, like other Unix filters), never with a Rust
/// panic about a broken pipe.
#[cfg(unix)]
#[test]
fn a_closed_output_pipe_ends_the_command_quietly() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;

    let index = sample_index();
    for args in [
        vec!["cited-by", "--index", path_str(index), KNLH_ID],
        vec!["search", "--index", path_str(index), "права человека"],
    ] {
        let mut child = crate::helpers::hrlex()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("hrlex starts");
        // The reader is gone before hrlex writes its first line.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("hrlex ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "hrlex {args:?}: {stderr}");
        let quiet = output.status.success() || output.status.signal() == Some(libc::SIGPIPE);
        assert!(
            quiet,
            "hrlex {args:?} ended with {:?}: {stderr}",
            output.status
        );
    }
}
