//! A sidecar's `access` and `groups`: who may see a confidential document is read, its
//! groups normalized, and a sidecar that gives groups to a document it leaves public is
//! refused with the reason (its author meant something to be confidential).

use hrlex_ingest::{FileOutcome, IngestOptions};
use hrlex_model::Access;

fn extract(text: &str, sidecar: &str) -> Result<FileOutcome, String> {
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("visit.txt");
    std::fs::write(&path, text).expect("file");
    std::fs::write(folder.path().join("visit.txt.meta.json"), sidecar).expect("sidecar");
    hrlex_ingest::extract_file(&path, "visit.txt", &IngestOptions::default())
        .map_err(|error| error.to_string())
}

const REPORT: &str =
    "Доклад о посещении места лишения свободы.\n\nПодкомитет посетил учреждение.\n";

#[test]
fn a_confidential_document_carries_its_groups() {
    let outcome = extract(
        REPORT,
        r#"{"access": "confidential", "groups": ["SPT", "Подкомитет", "spt"]}"#,
    )
    .expect("extracted");
    let FileOutcome::Documents(documents) = outcome else {
        panic!("skipped");
    };
    assert_eq!(documents[0].access, Access::Confidential);
    assert_eq!(documents[0].groups, ["spt", "подкомитет"]);
}

#[test]
fn groups_on_a_public_document_or_bad_group_names_are_refused() {
    let error = extract(REPORT, r#"{"groups": ["spt"]}"#).expect_err("refused");
    assert!(error.contains("visit.txt.meta.json"), "{error}");
    assert!(error.contains("the document is public"), "{error}");
    let error = extract(REPORT, r#"{"access": "public", "groups": ["spt"]}"#).expect_err("refused");
    assert!(error.contains("the document is public"), "{error}");
    let error = extract(
        REPORT,
        r#"{"access": "restricted", "groups": ["two words"]}"#,
    )
    .expect_err("refused");
    assert!(error.contains("group \"two words\""), "{error}");
}
