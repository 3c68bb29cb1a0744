//! Hostile corpus files and write failures of issue 18, through the binary. Each test is
//! named after the defect it guards (`regression_18_<defect>_…`). Properties:
//!
//! 1. (18.3) No symbolic link is followed by default; with `--follow-symlinks` only links
//!    whose target is inside a corpus folder are. Refused links are reported.
//! 2. (18.4) FIFOs, sockets and devices, in the corpus or as sidecars, are reported with
//!    their kind and never opened: the run ends, the lock is released.
//! 3. (18.5) A run that fills the disk removes what it wrote, records the failure in
//!    `last-run.json` with its cause, and the next run succeeds once there is room.
//! 4. (18.6) Extracted text is bounded per document and per paragraph (with notes), and no
//!    real document of the development corpus reaches the bounds.
//! 5. (18.9) A kill at each step of the schema-rebuild swap leaves an index at the path,
//!    and the next run leaves no folder beside it.
//! 6. (18.10) Control characters of file names are printed escaped by `search` and
//!    `status`; a long malformed query is not echoed whole; the pdf-extract fallback
//!    stops at the tool time limit.

use crate::helpers::{dev_corpus, hrlex, path_str, run};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A word only the test documents hold.
const MARKER: &str = "hostilefilesmarker";

/// Writes a short English decision holding `word` (and the marker).
fn write_decision(path: &Path, word: &str) {
    let text = format!(
        "Views of the Human Rights Committee ({MARKER} {word}).\n\n\
         1. The author claims a violation of article 7 of the Covenant: he faced a real \
         risk of torture if deported.\n\n\
         2. The Committee finds a violation of article 7 ({word}).\n"
    );
    std::fs::write(path, text).unwrap();
}

fn copy_russian_charter(folder: &Path) -> PathBuf {
    let target = folder.join("charter_ru.txt");
    std::fs::copy(
        dev_corpus().join("multilingual/un-charter/raw_un_charter_ru.txt"),
        &target,
    )
    .unwrap();
    target
}

/// Runs hrlex with `args`, killing it (and failing the test) after `limit`.
fn run_within(args: &[&str], limit: Duration) -> (i32, String, String) {
    let mut child = hrlex()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hrlex runs");
    let stdout = read_in_background(child.stdout.take().unwrap());
    let stderr = read_in_background(child.stderr.take().unwrap());
    let started = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code().unwrap_or(-1);
        }
        if started.elapsed() > limit {
            kill(&mut child);
            panic!("hrlex {args:?} still running after {limit:?}: it blocked or spun");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    (code, stdout.join().unwrap(), stderr.join().unwrap())
}

fn read_in_background(
    stream: impl std::io::Read + Send + 'static,
) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        let mut reader = BufReader::new(stream);
        let _ = std::io::Read::read_to_string(&mut reader, &mut text);
        text
    })
}

fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn index_json(corpus: &Path, index: &Path, extra: &[&str]) -> (i32, Value, String) {
    let mut args = vec![
        "index",
        "--json",
        "--no-ocr",
        "--corpus",
        path_str(corpus),
        "--index",
        path_str(index),
    ];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run_within(&args, Duration::from_secs(120));
    let report = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (code, report, stderr)
}

/// The failure reported for the path ending in `name`, if any.
fn failure<'a>(report: &'a Value, name: &str) -> Option<&'a Value> {
    report["failed"].as_array()?.iter().find(|failure| {
        failure["path"]
            .as_str()
            .is_some_and(|path| path.ends_with(name))
    })
}

fn search_ids(index: &Path, query: &str) -> Vec<String> {
    let (code, stdout, stderr) = run(&["search", "--index", path_str(index), "--json", query]);
    assert_eq!(code, 0, "search {query}: {stderr}");
    let response: Value = serde_json::from_str(&stdout).unwrap();
    response["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn regression_18_3_symlink_outside_corpus_is_not_followed() {
    hrlex_testkit::require_dev_corpus!();
    let outside = tempfile::tempdir().unwrap();
    write_decision(&outside.path().join("secret.txt"), "outsidesecretfile");
    std::fs::create_dir(outside.path().join("folder")).unwrap();
    write_decision(
        &outside.path().join("folder/decision.txt"),
        "outsidesecretfolder",
    );
    let corpus = tempfile::tempdir().unwrap();
    let root = corpus.path();
    copy_russian_charter(root);
    write_decision(&root.join("good.txt"), "insidegood");
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("passwd.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("folder"), root.join("linked-folder")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", root.join("etc-passwd.txt")).unwrap();
    // A link inside the corpus, to a file the walk does not list itself (hidden folder).
    std::fs::create_dir(root.join(".drafts")).unwrap();
    write_decision(&root.join(".drafts/linked.txt"), "insidelinked");
    std::os::unix::fs::symlink(root.join(".drafts/linked.txt"), root.join("linked.txt")).unwrap();
    let index_folder = tempfile::tempdir().unwrap();
    let index = index_folder.path().join("index");

    let (code, report, stderr) = index_json(root, &index, &[]);
    assert_eq!(code, 1, "links are reported as failures; {stderr}");
    for name in [
        "passwd.txt",
        "linked-folder",
        "etc-passwd.txt",
        "linked.txt",
    ] {
        let refused = failure(&report, name).unwrap_or_else(|| panic!("{name}: {report:#}"));
        assert_eq!(refused["code"], "symlink", "{refused}");
        assert!(
            refused["reason"]
                .as_str()
                .unwrap()
                .contains("--follow-symlinks"),
            "{refused}"
        );
    }
    for word in [
        "outsidesecretfile",
        "outsidesecretfolder",
        "insidelinked",
        "root",
    ] {
        assert!(search_ids(&index, word).is_empty(), "{word} was indexed");
    }
    assert_eq!(search_ids(&index, "insidegood").len(), 1);
    assert_eq!(search_ids(&index, "Объединенных").len(), 1);

    let (code, report, stderr) = index_json(root, &index, &["--follow-symlinks"]);
    assert_eq!(code, 1, "{stderr}");
    for name in ["passwd.txt", "linked-folder", "etc-passwd.txt"] {
        let refused = failure(&report, name).unwrap_or_else(|| panic!("{name}: {report:#}"));
        assert_eq!(refused["code"], "symlink");
        assert!(
            refused["reason"]
                .as_str()
                .unwrap()
                .contains("outside the corpus"),
            "{refused}"
        );
    }
    assert!(failure(&report, "linked.txt").is_none(), "{report:#}");
    assert_eq!(search_ids(&index, "insidelinked").len(), 1);
    for word in ["outsidesecretfile", "outsidesecretfolder", "root"] {
        assert!(search_ids(&index, word).is_empty(), "{word} was indexed");
    }
}

#[test]
fn regression_18_4_fifo_and_dev_zero_sidecars_do_not_stall_the_indexer() {
    hrlex_testkit::require_dev_corpus!();
    let corpus = tempfile::tempdir().unwrap();
    let root = corpus.path();
    copy_russian_charter(root);
    write_decision(&root.join("good.txt"), "goodneighbour");
    write_decision(&root.join("stalled.txt"), "stalledbyfifo");
    write_decision(&root.join("spinning.txt"), "spinningonzero");
    let mkfifo = |path: &Path| {
        let status = std::process::Command::new("mkfifo").arg(path).status();
        assert!(
            status.is_ok_and(|status| status.success()),
            "mkfifo {path:?}"
        );
    };
    mkfifo(&root.join("stalled.txt.meta.json"));
    mkfifo(&root.join("pipe.txt"));
    std::os::unix::fs::symlink("/dev/zero", root.join("spinning.txt.meta.json")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(root.join("socket.txt")).unwrap();
    let index_folder = tempfile::tempdir().unwrap();
    let index = index_folder.path().join("index");

    for extra in [&[][..], &["--follow-symlinks"][..]] {
        let (code, report, stderr) = index_json(root, &index, extra);
        assert_eq!(code, 1, "{extra:?}: {stderr}");
        let code_of = |name: &str| {
            failure(&report, name).unwrap_or_else(|| panic!("{name}: {report:#}"))["code"]
                .as_str()
                .unwrap()
                .to_string()
        };
        assert_eq!(code_of("stalled.txt"), "fifo");
        assert_eq!(code_of("pipe.txt"), "fifo");
        assert_eq!(code_of("socket.txt"), "socket");
        assert_eq!(code_of("spinning.txt"), "symlink");
        assert!(failure(&report, "stalled.txt").unwrap()["reason"]
            .as_str()
            .unwrap()
            .contains("stalled.txt.meta.json"));
        assert_eq!(search_ids(&index, "goodneighbour").len(), 1);
        assert_eq!(search_ids(&index, "Объединенных").len(), 1);
        // A document whose sidecar cannot be read is not indexed without it (the sidecar
        // may be what makes it confidential).
        assert!(search_ids(&index, "stalledbyfifo").is_empty());
        assert!(search_ids(&index, "spinningonzero").is_empty());
    }
    let (code, stdout, stderr) = run(&["status", "--index", path_str(&index), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let status: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(status["lock_state"], "free");

    let (code, _, stderr) = run_within(&["extract", "/dev/zero"], Duration::from_secs(30));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("a device, not a regular file"), "{stderr}");
}

/// A tmpfs of `size` mounted on a fresh folder, unmounted on drop; `None` (with the reason
/// printed) where this process may not mount.
struct SmallFilesystem {
    _folder: tempfile::TempDir,
    mount_point: PathBuf,
}

impl SmallFilesystem {
    fn mount(size: &str) -> Option<SmallFilesystem> {
        let folder = tempfile::tempdir().unwrap();
        let mount_point = folder.path().join("small");
        std::fs::create_dir(&mount_point).unwrap();
        let output = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&mount_point)
            .output();
        match output {
            Ok(output) if output.status.success() => Some(SmallFilesystem {
                _folder: folder,
                mount_point,
            }),
            Ok(output) => {
                eprintln!(
                    "skipped: cannot mount a tmpfs here ({})",
                    String::from_utf8_lossy(&output.stderr).trim()
                );
                None
            }
            Err(error) => {
                eprintln!("skipped: cannot run mount ({error})");
                None
            }
        }
    }
}

impl Drop for SmallFilesystem {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(&self.mount_point)
            .status();
    }
}

fn folder_bytes(folder: &Path) -> u64 {
    std::fs::read_dir(folder)
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|entry| entry.metadata().ok())
        .filter(|metadata| metadata.is_file())
        .map(|metadata| metadata.len())
        .sum()
}

/// Fills the file system of `folder` with a ballast file, then gives back `leave` bytes.
fn fill_leaving(folder: &Path, leave: u64) -> PathBuf {
    use std::io::Write;
    let ballast = folder.join("ballast");
    let mut file = std::fs::File::create(&ballast).unwrap();
    let chunk = vec![0x5a_u8; 64 * 1024];
    while file.write_all(&chunk).is_ok() {}
    let _ = file.flush();
    let written = file.metadata().unwrap().len();
    file.set_len(written.saturating_sub(leave)).unwrap();
    ballast
}

#[test]
fn regression_18_5_disk_full_leaves_no_orphan_segments_and_is_recorded() {
    hrlex_testkit::require_dev_corpus!();
    let Some(small) = SmallFilesystem::mount("4m") else {
        return;
    };
    let corpus = tempfile::tempdir().unwrap();
    copy_russian_charter(corpus.path());
    write_decision(&corpus.path().join("good.txt"), "beforediskfull");
    let index = small.mount_point.join("index");
    let (code, _, stderr) = index_json(corpus.path(), &index, &[]);
    assert_eq!(code, 0, "the small corpus fits: {stderr}");
    let committed_bytes = folder_bytes(&index);
    let ballast = fill_leaving(&small.mount_point, 256 * 1024);

    // Six HUDOC judgments (0.8 MB of text) do not fit in the 256 KiB left.
    let more = tempfile::tempdir().unwrap();
    let mut hudoc: Vec<(u64, PathBuf)> = std::fs::read_dir(dev_corpus().join("echr/hudoc-texts"))
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (entry.metadata().unwrap().len(), entry.path())
        })
        .collect();
    hudoc.sort();
    for (_, path) in hudoc.iter().rev().take(6) {
        std::fs::copy(path, more.path().join(path.file_name().unwrap())).unwrap();
    }
    let (code, _, stderr) = run_within(
        &[
            "index",
            "--corpus",
            path_str(corpus.path()),
            "--corpus",
            path_str(more.path()),
            "--index",
            path_str(&index),
        ],
        Duration::from_secs(300),
    );
    assert_eq!(code, 4, "{stderr}");
    assert!(
        stderr.contains(&format!("no space left on device at {}", index.display())),
        "{stderr}"
    );
    let after_failure = folder_bytes(&index);
    assert!(
        after_failure < committed_bytes + 64 * 1024,
        "{after_failure} bytes left after the failure, {committed_bytes} committed"
    );
    let (code, stdout, stderr) = run(&["status", "--index", path_str(&index), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let status: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(status["last_run"]["outcome"], "fatal", "{status:#}");
    assert!(status["last_run"]["error"]
        .as_str()
        .unwrap()
        .contains("no space left on device"));
    assert_eq!(search_ids(&index, "beforediskfull").len(), 1);
    assert_eq!(search_ids(&index, "Объединенных").len(), 1);

    // The disk is as full as before the failed run: a run with nothing new succeeds.
    let (code, _, stderr) = index_json(corpus.path(), &index, &[]);
    assert_eq!(code, 0, "{stderr}");
    std::fs::remove_file(ballast).unwrap();
    write_decision(&corpus.path().join("later.txt"), "afterdiskfull");
    let (code, _, stderr) = index_json(corpus.path(), &index, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(search_ids(&index, "afterdiskfull").len(), 1);
}

fn extract_json(file: &Path, extra: &[&str]) -> (i32, Vec<Value>, String) {
    let mut args = vec!["extract", "--json", "--no-ocr"];
    args.extend_from_slice(extra);
    args.push(path_str(file));
    let (code, stdout, stderr) = run_within(&args, Duration::from_secs(300));
    let documents = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    (code, documents, stderr)
}

fn note_codes(document: &Value) -> Vec<String> {
    document["notes"]
        .as_array()
        .map(|notes| {
            notes
                .iter()
                .map(|note| note["code"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn regression_18_6_extracted_text_is_bounded_per_document_and_paragraph() {
    hrlex_testkit::require_dev_corpus!();
    let folder = tempfile::tempdir().unwrap();
    // 9 MB of Russian text without a blank line: one paragraph as extracted.
    let sentence = "Комитет считает, что высылка автора подвергла бы его реальному риску пыток. ";
    let file = folder.path().join("огромный.txt");
    std::fs::write(&file, sentence.repeat(9 * 1024 * 1024 / sentence.len())).unwrap();
    let (code, documents, stderr) = extract_json(&file, &[]);
    assert_eq!(code, 0, "{stderr}");
    let paragraphs = documents[0]["paragraphs"].as_array().unwrap();
    let lengths: Vec<usize> = paragraphs
        .iter()
        .map(|paragraph| paragraph["text"].as_str().unwrap().len())
        .collect();
    let total: usize = lengths.iter().sum();
    assert!(
        total <= hrlex_ingest::DEFAULT_MAX_DOCUMENT_TEXT_BYTES,
        "{total}"
    );
    assert!(
        total > hrlex_ingest::DEFAULT_MAX_DOCUMENT_TEXT_BYTES / 2,
        "{total}"
    );
    assert!(
        lengths
            .iter()
            .all(|length| *length <= hrlex_ingest::DEFAULT_MAX_PARAGRAPH_TEXT_BYTES),
        "{lengths:?}"
    );
    let notes = note_codes(&documents[0]);
    assert!(notes.contains(&"text-truncated".to_string()), "{notes:?}");
    assert!(notes.contains(&"paragraph-split".to_string()), "{notes:?}");

    // The largest real document (838 KB of text) and paragraph (222 KB) of the
    // development corpus are not cut.
    for real in [
        "special-procedures/SR_Torture_E_CN_4_2001_66.json",
        "special-procedures/SR_Torture_E_CN_4_2000_9.json",
    ] {
        let (code, documents, stderr) = extract_json(&dev_corpus().join(real), &[]);
        assert_eq!(code, 0, "{real}: {stderr}");
        for document in &documents {
            let notes = note_codes(document);
            assert!(
                !notes
                    .iter()
                    .any(|code| code == "text-truncated" || code == "paragraph-split"),
                "{real} reached a bound: {notes:?}"
            );
        }
    }
}

/// A valid one-page PDF whose content stream draws `runs` lines of text (uncompressed).
fn pdf_with_text_runs(runs: usize) -> Vec<u8> {
    let mut content = String::new();
    for number in 0..runs {
        content.push_str(&format!(
            "BT /F1 10 Tf 72 {} Td (Line {number} of a very long decision on torture) Tj ET\n",
            700 - (number % 60) * 10
        ));
    }
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[test]
fn regression_18_10_the_pdf_extract_fallback_stops_at_the_tool_time_limit() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("long.pdf");
    std::fs::write(&file, pdf_with_text_runs(200_000)).unwrap();
    let started = Instant::now();
    let (code, _, stderr) = extract_json(&file, &["--no-pdftotext", "--tool-timeout", "1"]);
    let elapsed = started.elapsed();
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("pdf-extract timed out after 1 s"),
        "{stderr}"
    );
    assert!(elapsed < Duration::from_secs(20), "{elapsed:?}");

    // A small PDF goes through the same child process within the limit.
    std::fs::write(&file, pdf_with_text_runs(30)).unwrap();
    let (code, documents, stderr) = extract_json(&file, &["--no-pdftotext"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(documents[0]["paragraphs"].to_string().contains("Line 29"));
    assert!(note_codes(&documents[0]).contains(&"fallback-extractor".to_string()));
}

#[test]
fn regression_18_10_control_characters_of_file_names_are_printed_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let corpus = tempfile::tempdir().unwrap();
    let root = corpus.path();
    let evil_name = b"evil\x1b]0;pwned\x07\x1b[2J\xd1\x80\xd0\xb5\xd1\x88.txt";
    write_decision(
        &root.join(std::ffi::OsStr::from_bytes(evil_name)),
        "escapednameword",
    );
    std::fs::write(
        root.join(std::ffi::OsStr::from_bytes(b"empty\x1b[31m.pdf")),
        b"",
    )
    .unwrap();
    let index_folder = tempfile::tempdir().unwrap();
    let index = index_folder.path().join("index");
    let (code, _, stderr) = index_json(root, &index, &[]);
    assert_eq!(code, 1, "the empty PDF fails: {stderr}");

    let (code, stdout, stderr) = run(&["search", "--index", path_str(&index), "escapednameword"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(stdout.contains("\\u{1b}]0;pwned"), "{stdout}");
    let (code, stdout, stderr) = run(&["status", "--index", path_str(&index)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(stdout.contains("empty\\u{1b}[31m.pdf"), "{stdout}");
}

#[test]
fn regression_18_10_a_long_malformed_query_is_not_echoed_whole() {
    let corpus = tempfile::tempdir().unwrap();
    write_decision(&corpus.path().join("views.txt"), "querylimitword");
    let index_folder = tempfile::tempdir().unwrap();
    let index = index_folder.path().join("index");
    let (code, _, stderr) = index_json(corpus.path(), &index, &[]);
    assert_eq!(code, 0, "{stderr}");
    let query = format!("{}(пытки", "torture ".repeat(250));
    assert!(query.len() > 2000);
    let (code, _, stderr) = run(&["search", "--index", path_str(&index), &query]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.len() < 800, "{} bytes: {stderr}", stderr.len());
    assert!(stderr.contains('…'), "{stderr}");
}

/// The steps `hrlex index ARGS` goes through, as its debug log numbers them.
fn numbered_steps(args: &[&str]) -> Vec<(usize, String)> {
    let output = hrlex()
        .args(args)
        .env("HRLEX_LOG", "hrlex=debug")
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&output.stderr).into_owned();
    log.lines()
        .filter(|line| line.contains("index step"))
        .filter_map(|line| {
            let step = line.split("step=").nth(1)?.split_whitespace().next()?;
            Some((step.parse().ok()?, line.to_string()))
        })
        .collect()
}

fn as_strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// Stamps the committed index at `index` as written by an older schema version.
fn stamp_as_older_schema(index: &Path) {
    let meta_path = index.join("meta.json");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    assert!(meta.contains(hrlex_index::SCHEMA_VERSION), "{meta}");
    std::fs::write(
        &meta_path,
        meta.replace(hrlex_index::SCHEMA_VERSION, "hrlex-index-0"),
    )
    .unwrap();
}

fn copy_flat(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn regression_18_9_a_kill_at_each_step_of_the_schema_rebuild_swap_leaves_an_index() {
    hrlex_testkit::require_dev_corpus!();
    let corpus = tempfile::tempdir().unwrap();
    copy_russian_charter(corpus.path());
    write_decision(&corpus.path().join("views.txt"), "swapword");
    let work = tempfile::tempdir().unwrap();
    let base = work.path().join("base");
    let index_args = |index: &Path| {
        vec![
            "index".to_string(),
            "--full".to_string(),
            "--corpus".to_string(),
            path_str(corpus.path()).to_string(),
            "--index".to_string(),
            path_str(index).to_string(),
        ]
    };
    let (code, _, stderr) = run(&as_strs(&index_args(&base)));
    assert_eq!(code, 0, "{stderr}");
    stamp_as_older_schema(&base);

    let probe = work.path().join("probe");
    copy_flat(&base, &probe);
    let steps = numbered_steps(&as_strs(&index_args(&probe)));
    let swap_steps: Vec<usize> = steps
        .iter()
        .filter(|(_, line)| line.contains("committed generation") || line.contains("swap"))
        .map(|(step, _)| *step)
        .collect();
    assert!(
        steps
            .iter()
            .any(|(_, line)| line.contains("rebuilt index swapped in")),
        "the rebuild has a swap step: {steps:#?}"
    );
    for step in swap_steps {
        let parent = work.path().join(format!("killed-{step}"));
        let index = parent.join("index");
        copy_flat(&base, &index);
        let mut args = index_args(&index);
        args.extend(["--test-pause-at-step".to_string(), step.to_string()]);
        let mut child = hrlex()
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let paused = BufReader::new(child.stderr.take().unwrap())
            .lines()
            .map_while(Result::ok)
            .find(|line| line.contains("test pause at step"))
            .unwrap_or_else(|| panic!("no pause at step {step}"));
        kill(&mut child);
        // An index is at the path: the old one (refused for its version) or the new one.
        assert!(
            index.join("meta.json").exists(),
            "no index after a kill at {paused}"
        );
        let (code, _, stderr) = run(&["search", "--index", path_str(&index), "swapword"]);
        assert!(
            code == 0 || stderr.contains("schema version hrlex-index-0"),
            "after a kill at {paused}: search exited {code}: {stderr}"
        );
        let (code, _, stderr) = run(&as_strs(&index_args(&index)));
        assert_eq!(code, 0, "the next run after a kill at {paused}: {stderr}");
        assert_eq!(search_ids(&index, "swapword").len(), 1, "{paused}");
        let mut left: Vec<String> = std::fs::read_dir(&parent)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["index"], "after a kill at {paused}");
    }
}
