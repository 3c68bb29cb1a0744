//! `hrlex extract` and `hrlex ingest`: the canonical document of a real file, a batch
//! with broken files that are reported and skipped, exit codes.

use crate::helpers::{dev_corpus, path_str, run};
use serde_json::Value;

#[test]
fn extract_prints_the_canonical_document_of_a_hudoc_judgment() {
    hrlex_testkit::require_dev_corpus!();
    let file = dev_corpus().join("echr/hudoc-texts/standard_001-57534_ENG.txt");
    let (code, stdout, stderr) = run(&["extract", "--json", path_str(&file)]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let document: Value = serde_json::from_str(stdout.lines().next().expect("one line")).unwrap();
    assert_eq!(document["lang"], "en");
    assert_eq!(document["mechanism"], "ecthr");
    assert_eq!(document["doc_type"], "judgment");
    let paragraphs = document["paragraphs"].as_array().expect("paragraphs");
    assert!(
        paragraphs.len() > 50,
        "Marckx v. Belgium has many paragraphs, got {}",
        paragraphs.len()
    );
    // Paragraph numbers are kept as printed ("1.", "2.", … in HUDOC judgments).
    assert!(paragraphs.iter().any(|p| p["n"] == "1"));
    assert!(paragraphs.iter().any(|p| p["n"] == "31"));
}

#[test]
fn extract_reads_an_arabic_html_declaration() {
    hrlex_testkit::require_dev_corpus!();
    let file = dev_corpus().join("multilingual/udhr/arb.html");
    let (code, stdout, stderr) = run(&["extract", "--json", path_str(&file)]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let document: Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(document["lang"], "ar");
    let text: String = document["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap_or("").to_string())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("الإنسان"), "Arabic text in reading order");
}

#[test]
fn ingest_reports_broken_files_and_keeps_the_good_ones() {
    hrlex_testkit::require_dev_corpus!();
    let folder = tempfile::tempdir().unwrap();
    let good = dev_corpus().join("multilingual/un-charter/raw_un_charter_ru.txt");
    std::fs::copy(&good, folder.path().join("charter_ru.txt")).unwrap();
    std::fs::write(folder.path().join("zero.pdf"), b"").unwrap();
    std::fs::write(
        folder.path().join("random.pdf"),
        [0u8, 1, 2, 3, 250, 251, 252, 7, 8, 9].repeat(50),
    )
    .unwrap();
    std::fs::write(
        folder.path().join("truncated.pdf"),
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog",
    )
    .unwrap();

    let (code, stdout, stderr) = run(&["ingest", "--json", "--corpus", path_str(folder.path())]);
    assert_eq!(code, 1, "some files failed: exit code 1; stderr: {stderr}");
    let summary: Value = serde_json::from_str(&stdout).expect("JSON summary");
    assert_eq!(summary["files"], 4);
    assert_eq!(summary["failed"], 3);
    assert!(summary["documents"].as_u64().unwrap() >= 1);
    assert_eq!(summary["by_lang"]["ru"], summary["documents"]);
    let failures = summary["failures"].as_array().unwrap();
    for name in ["zero.pdf", "random.pdf", "truncated.pdf"] {
        let failure = failures
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} is reported"));
        assert!(!failure["reason"].as_str().unwrap().is_empty());
    }
}

#[test]
fn ingest_writes_documents_as_json_lines() {
    hrlex_testkit::require_dev_corpus!();
    let folder = tempfile::tempdir().unwrap();
    let corpus = dev_corpus().join("multilingual/un-charter");
    let out = folder.path().join("docs.jsonl");
    let (code, _stdout, stderr) = run(&[
        "ingest",
        "--corpus",
        path_str(&corpus),
        "--out",
        path_str(&out),
    ]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let lines = std::fs::read_to_string(&out).unwrap();
    let languages: std::collections::BTreeSet<String> = lines
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["lang"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let expected: std::collections::BTreeSet<String> = ["ar", "en", "es", "fr", "ru", "zh"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(languages, expected);
}

#[test]
fn usage_errors_have_their_own_exit_code() {
    let (code, _, stderr) = run(&["ingest", "--corpus", "/definitely/not/here"]);
    assert_eq!(code, 2, "stderr: {stderr}");
    assert!(stderr.contains("/definitely/not/here"));
    let (code, _, _) = run(&["no-such-command"]);
    assert_eq!(code, 2);
    let (code, stdout, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Exit codes"));
}

/// Runs `hrlex ingest` over the Arabic PDFs with a PATH without poppler and tesseract.
fn ingest_without_tools(extra: &[&str]) -> (i32, String) {
    let empty_path = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let corpus = dev_corpus().join("pdf-edge-cases/arabic");
    let out = folder.path().join("docs.jsonl");
    let mut args = vec![
        "ingest",
        "--corpus",
        path_str(&corpus),
        "--out",
        path_str(&out),
    ];
    args.extend_from_slice(extra);
    let output = crate::helpers::hrlex()
        .args(&args)
        .env("PATH", empty_path.path())
        .output()
        .expect("hrlex runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn missing_pdftotext_and_tesseract_are_announced_once_with_their_cost() {
    hrlex_testkit::require_dev_corpus!();
    let (_code, stderr) = ingest_without_tools(&[]);
    let pdftotext: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("hrlex: warning: pdftotext is not installed"))
        .collect();
    assert_eq!(pdftotext.len(), 1, "{stderr}");
    assert!(pdftotext[0].contains("Arabic PDFs are refused"), "{stderr}");
    assert!(pdftotext[0].contains("poppler-utils"), "{stderr}");
    let tesseract = stderr
        .lines()
        .filter(|line| line.starts_with("hrlex: warning: tesseract is not installed"))
        .count();
    assert_eq!(tesseract, 1, "{stderr}");
    // Not said when the option that would use the tool is off.
    let (_code, stderr) = ingest_without_tools(&["--no-ocr", "--no-pdftotext"]);
    assert!(!stderr.contains("is not installed: "), "{stderr}");
}

/// The rows of `hrlex extract --explain --json FILE`: (field, value) → the row.
fn explained_fields(file: &std::path::Path) -> Vec<Value> {
    let (code, stdout, stderr) =
        run(&["extract", "--explain", "--json", "--no-ocr", path_str(file)]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let explained: Value = serde_json::from_str(stdout.lines().next().expect("one line")).unwrap();
    explained["fields"].as_array().expect("fields").clone()
}

fn row<'a>(rows: &'a [Value], field: &str, value: &str) -> &'a Value {
    rows.iter()
        .find(|row| row["field"] == field && row["value"] == value)
        .unwrap_or_else(|| panic!("no {field} = {value} in {rows:#?}"))
}

#[test]
fn explain_names_the_masthead_line_the_sidecar_and_the_importer_of_each_value() {
    hrlex_testkit::require_dev_corpus!();
    // A UPR Working Group report in a plain folder, with a sidecar for its themes.
    let folder = tempfile::tempdir().unwrap();
    let pdf = folder.path().join("report.pdf");
    std::fs::copy(dev_corpus().join("upr/reports/algeria2008.pdf"), &pdf).unwrap();
    std::fs::write(
        folder.path().join("report.pdf.meta.json"),
        r#"{"themes": ["torture"]}"#,
    )
    .unwrap();
    let rows = explained_fields(&pdf);
    let symbol = row(&rows, "symbol", "A/HRC/8/29");
    assert_eq!(symbol["stage"], "masthead");
    assert_eq!(symbol["evidence"]["page"], 1);
    assert!(symbol["evidence"]["text"]
        .as_str()
        .unwrap()
        .contains("A/HRC/8/29"));
    let date = row(&rows, "date", "2008-05-23");
    assert_eq!(date["stage"], "masthead");
    assert!(date["evidence"]["line"].as_u64().unwrap() >= 1);
    assert_eq!(row(&rows, "states", "Algeria")["stage"], "masthead");
    let themes = row(&rows, "themes", "torture");
    assert_eq!(themes["stage"], "sidecar");
    assert_eq!(themes["path"], "report.pdf.meta.json");
    assert_eq!(row(&rows, "lang", "en")["stage"], "extraction");

    // A Russian masthead (lines of the UN Parallel Corpus devset) in a text file.
    let russian = folder.path().join("doklad.txt");
    std::fs::write(
        &russian,
        "A/HRC/WG.6/34/ITA/3\n\nГенеральная Ассамблея\n\nСовет по правам человека\n\
         28 октября 2014 года\n\nОбобщенное резюме материалов, представленных \
         заинтересованными сторонами по Италии\n\nНастоящий доклад представляет собой \
         резюме материалов, представленных заинтересованными сторонами в рамках \
         универсального периодического обзора.\n",
    )
    .unwrap();
    let rows = explained_fields(&russian);
    let date = row(&rows, "date", "2014-10-28");
    assert_eq!(date["stage"], "masthead");
    assert_eq!(date["evidence"]["text"], "28 октября 2014 года");
    assert_eq!(row(&rows, "states", "Italy")["evidence"]["line"], 1);
    assert_eq!(row(&rows, "mechanism", "upr")["stage"], "masthead");

    // A file of a known source layout: its values come from the importer.
    let hudoc = dev_corpus().join("echr/hudoc-texts/standard_001-57534_ENG.txt");
    let rows = explained_fields(&hudoc);
    let mechanism = row(&rows, "mechanism", "ecthr");
    assert_eq!(mechanism["stage"], "importer");
    assert!(mechanism["importer"]
        .as_str()
        .is_some_and(|name| !name.is_empty()));
}
