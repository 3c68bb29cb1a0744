//! `hrlex index` run unattended from cron (issue 6), through the binary. Properties:
//!
//! 1. A second run on a locked index exits at once with code 3 and names the holder; the
//!    lock of a killed run is taken over by the next run.
//! 2. A run killed with SIGKILL at any step (every step of an incremental run, with and
//!    without checkpoint commits, and steps of a first run) leaves an index that opens and
//!    answers with the documents of its last commit; the next run ends with exactly the
//!    corpus' documents.
//! 3. Hostile inputs (every PDF edge case, random bytes, a truncated PDF, a 200 MB file,
//!    deep HTML, a zip bomb, a path that is not UTF-8, a symlink) are each reported
//!    with a reason, and every good document of the same run is indexed.
//! 4. A file that vanishes or changes while the run is under way is reported or indexed
//!    as it is, and the next run settles the index to the corpus.
//! 5. A server keeps answering while another process reindexes, and then serves the new
//!    commit.
//! 6. `hrlex status` shows the generation, counts per system and language, the last run.

use crate::helpers::{dev_corpus, hrlex, http_get, path_str, run, start_server};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A word every generated test document holds, to list them all with one query.
const MARKER: &str = "cronsetmarker";
/// A word of the Russian UN Charter (the non-Latin document of every corpus here).
const RUSSIAN_WORD: &str = "Объединенных";
const RUSSIAN_CHARTER_ID: &str = "charter_ru.txt";

/// Writes `name` (a short decision) and its sidecar giving it the id `id`.
fn write_document(folder: &Path, name: &str, id: &str) {
    let text = format!(
        "Views of the Human Rights Committee, {MARKER} {id}.\n\n\
         1. The author claims that the State party violated article 7 of the Covenant by \
         deporting him to a country where he faced a real risk of torture.\n\n\
         2. The Committee considers that the facts before it disclose a violation of article 7 \
         of the International Covenant on Civil and Political Rights ({id}).\n"
    );
    std::fs::write(folder.join(name), text).unwrap();
    let sidecar = serde_json::json!({
        "id": id, "title": format!("Views {id}"), "lang": "en",
        "mechanism": "ccpr", "doc_type": "views",
    });
    std::fs::write(
        folder.join(format!("{name}.meta.json")),
        sidecar.to_string(),
    )
    .unwrap();
}

fn remove_document(folder: &Path, name: &str) {
    std::fs::remove_file(folder.join(name)).unwrap();
    std::fs::remove_file(folder.join(format!("{name}.meta.json"))).unwrap();
}

fn copy_russian_charter(folder: &Path) {
    let charter = dev_corpus().join("multilingual/un-charter/raw_un_charter_ru.txt");
    std::fs::copy(charter, folder.join(RUSSIAN_CHARTER_ID)).unwrap();
}

fn ids(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|name| name.to_string()).collect()
}

/// The ids of every test document in the index (generated ones and the Russian charter),
/// or why the index could not be searched.
fn document_ids(index: &Path) -> Result<BTreeSet<String>, String> {
    let query = format!("{MARKER} OR {RUSSIAN_WORD}");
    let (code, stdout, stderr) = run(&[
        "search",
        "--index",
        path_str(index),
        "--json",
        "--limit",
        "200",
        &query,
    ]);
    if code != 0 {
        return Err(format!("search exited {code}: {stderr}"));
    }
    let response: Value = serde_json::from_str(&stdout).map_err(|error| error.to_string())?;
    Ok(response["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|hit| hit["id"].as_str().expect("id").to_string())
        .collect())
}

fn index_args<'a>(corpus: &'a Path, index: &'a Path) -> Vec<&'a str> {
    vec![
        "index",
        "--corpus",
        path_str(corpus),
        "--index",
        path_str(index),
    ]
}

/// Starts `hrlex index` with `extra` arguments and stderr piped; stderr lines arrive on
/// the returned channel.
fn spawn_index(corpus: &Path, index: &Path, extra: &[&str]) -> (Child, mpsc::Receiver<String>) {
    let mut child = hrlex()
        .args(index_args(corpus, index))
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hrlex starts");
    let stderr = child.stderr.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    (child, receiver)
}

/// Waits for the "test pause at step" line; `None` when the run ended first.
fn wait_for_pause(lines: &mpsc::Receiver<String>) -> Option<String> {
    loop {
        match lines.recv_timeout(Duration::from_secs(120)) {
            Ok(line) if line.contains("test pause at step") => return Some(line),
            Ok(_) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
            Err(mpsc::RecvTimeoutError::Timeout) => panic!("hrlex index neither paused nor ended"),
        }
    }
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

fn status_json(index: &Path) -> Value {
    let (code, stdout, stderr) = run(&["status", "--index", path_str(index), "--json"]);
    assert_eq!(code, 0, "status: {stderr}");
    serde_json::from_str(&stdout).unwrap()
}

/// The corpus of the kill tests before (`S1`) and after (`S2`) the nightly change: two
/// decisions replaced by new versions, one removed, two added.
struct TwoVersionCorpus {
    folder: tempfile::TempDir,
    before: BTreeSet<String>,
    after: BTreeSet<String>,
    /// (old id, new id) of the replaced decisions.
    replaced: Vec<(String, String)>,
}

impl TwoVersionCorpus {
    fn new() -> TwoVersionCorpus {
        let folder = tempfile::tempdir().unwrap();
        copy_russian_charter(folder.path());
        let mut before = ids(&[RUSSIAN_CHARTER_ID]);
        for number in 0..10 {
            let id = format!("views-{number}-v1");
            write_document(folder.path(), &format!("views-{number}.txt"), &id);
            before.insert(id);
        }
        TwoVersionCorpus {
            folder,
            after: BTreeSet::new(),
            before,
            replaced: Vec::new(),
        }
    }

    fn apply_nightly_change(&mut self) {
        let folder = self.folder.path();
        let mut after = self.before.clone();
        for number in 0..2 {
            let (old, new) = (format!("views-{number}-v1"), format!("views-{number}-v2"));
            write_document(folder, &format!("views-{number}.txt"), &new);
            after.remove(&old);
            after.insert(new.clone());
            self.replaced.push((old, new));
        }
        for number in 2..3 {
            remove_document(folder, &format!("views-{number}.txt"));
            after.remove(&format!("views-{number}-v1"));
        }
        for number in 10..12 {
            let id = format!("views-{number}-v1");
            write_document(folder, &format!("views-{number}.txt"), &id);
            after.insert(id);
        }
        self.after = after;
    }

    /// What a reader may see after a kill when checkpoints were on: every file either
    /// as before or as after, never half of one, and untouched files always there.
    fn assert_file_consistent(&self, seen: &BTreeSet<String>, context: &str) {
        for id in self.before.intersection(&self.after) {
            assert!(
                seen.contains(id),
                "{context}: unchanged {id} missing from {seen:?}"
            );
        }
        for id in seen {
            assert!(
                self.before.contains(id) || self.after.contains(id),
                "{context}: {id} belongs to no corpus version"
            );
        }
        for (old, new) in &self.replaced {
            assert!(
                seen.contains(old) != seen.contains(new),
                "{context}: exactly one version of {old}/{new} expected in {seen:?}"
            );
        }
    }
}

#[test]
fn a_second_run_on_a_locked_index_exits_with_code_3_naming_the_holder() {
    hrlex_testkit::require_dev_corpus!();
    let corpus = TwoVersionCorpus::new();
    let index_folder = tempfile::tempdir().unwrap();
    let index = index_folder.path().join("index");
    let (code, _, stderr) = run(&index_args(corpus.folder.path(), &index));
    assert_eq!(code, 0, "{stderr}");

    let (mut holder, lines) =
        spawn_index(corpus.folder.path(), &index, &["--test-pause-at-step", "1"]);
    wait_for_pause(&lines).expect("the first run pauses holding the lock");
    let started = Instant::now();
    let (code, _, stderr) = run(&index_args(corpus.folder.path(), &index));
    assert_eq!(code, 3, "lock held: exit code 3; stderr: {stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "the second run must not wait for the lock"
    );
    assert!(stderr.contains(&format!("pid {}", holder.id())), "{stderr}");
    assert!(stderr.contains("locked"), "{stderr}");
    assert_eq!(status_json(&index)["lock_state"], "running");

    holder.kill().unwrap();
    holder.wait().unwrap();
    assert_eq!(status_json(&index)["lock_state"], "stale");
    let (code, stdout, stderr) = run(&index_args(corpus.folder.path(), &index));
    assert_eq!(code, 0, "the killed holder's lock is taken over; {stderr}");
    assert!(stdout.contains("took over the lock"), "{stdout}");
    assert_eq!(status_json(&index)["lock_state"], "free");
    assert_eq!(document_ids(&index).unwrap(), corpus.before);
}

#[test]
fn runs_killed_at_every_step_leave_the_last_commit_and_the_next_run_completes() {
    hrlex_testkit::require_dev_corpus!();
    let mut corpus = TwoVersionCorpus::new();
    let work = tempfile::tempdir().unwrap();
    let base_index = work.path().join("base");
    let (code, _, stderr) = run(&index_args(corpus.folder.path(), &base_index));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(document_ids(&base_index).unwrap(), corpus.before);
    corpus.apply_nightly_change();

    let started = Instant::now();
    let mut kills = 0;
    // Every step of a one-commit run; every other step of a run committing every two
    // files (each batch of two is one file pair, a checkpoint, and its commit).
    for (checkpoint_files, stride) in [("0", 1), ("2", 2)] {
        for step in (1..).step_by(stride) {
            let index = work
                .path()
                .join(format!("killed-{checkpoint_files}-{step}"));
            copy_folder(&base_index, &index);
            let step_text = step.to_string();
            let (mut child, lines) = spawn_index(
                corpus.folder.path(),
                &index,
                &[
                    "--checkpoint-files",
                    checkpoint_files,
                    "--test-pause-at-step",
                    &step_text,
                ],
            );
            let Some(pause) = wait_for_pause(&lines) else {
                // Past the last step: the run finished normally.
                assert_eq!(child.wait().unwrap().code(), Some(0));
                assert_eq!(document_ids(&index).unwrap(), corpus.after);
                break;
            };
            child.kill().unwrap();
            child.wait().unwrap();
            kills += 1;
            let context = format!("checkpoints {checkpoint_files}, killed at: {pause}");
            let seen = document_ids(&index)
                .unwrap_or_else(|error| panic!("{context}: the index must open: {error}"));
            if checkpoint_files == "0" {
                let committed = pause.contains("committed generation")
                    || pause.contains("last-run record written");
                let expected = if committed {
                    &corpus.after
                } else {
                    &corpus.before
                };
                assert_eq!(&seen, expected, "{context}");
            } else {
                corpus.assert_file_consistent(&seen, &context);
            }

            let (code, stdout, stderr) = run(&index_args(corpus.folder.path(), &index));
            assert_eq!(code, 0, "{context}: the next run succeeds; {stderr}");
            assert!(stdout.contains("took over the lock"), "{context}: {stdout}");
            assert_eq!(document_ids(&index).unwrap(), corpus.after, "{context}");
            if kills == 1 {
                let status = status_json(&index);
                assert_eq!(status["last_run"]["outcome"], "success");
                assert_eq!(status["documents_by_lang"]["ru"], 1);
                assert_eq!(status["documents_by_lang"]["en"], corpus.after.len() - 1);
                assert!(status["generation"].as_u64().unwrap() > 0);
            }
            std::fs::remove_dir_all(&index).unwrap();
        }
    }
    assert!(kills >= 20, "only {kills} kill points");
    eprintln!("{kills} kills in {:?}", started.elapsed());
}

#[test]
fn a_first_run_killed_before_its_commit_is_completed_by_the_next_run() {
    hrlex_testkit::require_dev_corpus!();
    let corpus = TwoVersionCorpus::new();
    let work = tempfile::tempdir().unwrap();
    for step in ["1", "4", "9"] {
        let index = work.path().join(format!("first-{step}"));
        let (mut child, lines) = spawn_index(
            corpus.folder.path(),
            &index,
            &["--test-pause-at-step", step],
        );
        let pause = wait_for_pause(&lines).expect("a first run has more than 9 steps");
        child.kill().unwrap();
        child.wait().unwrap();
        let (code, _, stderr) = run(&index_args(corpus.folder.path(), &index));
        assert_eq!(code, 0, "after a kill at {pause}: {stderr}");
        assert_eq!(
            document_ids(&index).unwrap(),
            corpus.before,
            "killed at {pause}"
        );
    }
}

/// A ZIP whose `word/document.xml` inflates to `inflated` bytes of zeros from a few
/// hundred kilobytes: a raw deflate block with fixed codes, one literal then repeated
/// 258-byte back-references at distance 1.
fn zip_bomb_docx(inflated: u64) -> Vec<u8> {
    let mut deflate: Vec<u8> = Vec::new();
    let (mut bit_buffer, mut bit_count) = (0u64, 0u32);
    let mut put_bits = |value: u64, count: u32, out: &mut Vec<u8>| {
        bit_buffer |= value << bit_count;
        bit_count += count;
        while bit_count >= 8 {
            out.push(bit_buffer as u8);
            bit_buffer >>= 8;
            bit_count -= 8;
        }
    };
    // Huffman codes are sent most significant bit first.
    let reversed =
        |code: u64, length: u32| (0..length).fold(0, |acc, i| (acc << 1) | (code >> i & 1));
    put_bits(0b011, 3, &mut deflate); // final block, fixed codes
    put_bits(reversed(0x30, 8), 8, &mut deflate); // literal 0
    for _ in 0..(inflated - 1) / 258 {
        put_bits(reversed(0xC5, 8), 8, &mut deflate); // length 258
        put_bits(0, 5, &mut deflate); // distance 1
    }
    put_bits(0, 7, &mut deflate); // end of block
    put_bits(0, 7, &mut deflate); // pad to a byte

    let name = b"word/document.xml";
    let mut zip = Vec::new();
    let entry_header = |zip: &mut Vec<u8>, central: bool| {
        let signature: u32 = if central { 0x0201_4b50 } else { 0x0403_4b50 };
        zip.extend_from_slice(&signature.to_le_bytes());
        if central {
            zip.extend_from_slice(&20u16.to_le_bytes());
        }
        for value in [20u16, 0, 8, 0, 0x21] {
            zip.extend_from_slice(&value.to_le_bytes()); // version, flags, deflate, time, date
        }
        zip.extend_from_slice(&0u32.to_le_bytes()); // crc
        zip.extend_from_slice(&(deflate.len() as u32).to_le_bytes());
        zip.extend_from_slice(&(inflated as u32).to_le_bytes());
        zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
        zip.extend_from_slice(&0u16.to_le_bytes());
        if central {
            zip.extend_from_slice(&[0u8; 14]); // comment, disk, attributes, offset 0
        }
        zip.extend_from_slice(name);
    };
    entry_header(&mut zip, false);
    zip.extend_from_slice(&deflate);
    let central_start = zip.len();
    entry_header(&mut zip, true);
    let central_size = zip.len() - central_start;
    zip.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    zip.extend_from_slice(&[0u8; 4]);
    zip.extend_from_slice(&1u16.to_le_bytes());
    zip.extend_from_slice(&1u16.to_le_bytes());
    zip.extend_from_slice(&(central_size as u32).to_le_bytes());
    zip.extend_from_slice(&(central_start as u32).to_le_bytes());
    zip.extend_from_slice(&0u16.to_le_bytes());
    zip
}

fn copy_tree(from: &Path, to: &Path) -> usize {
    std::fs::create_dir_all(to).unwrap();
    let mut count = 0;
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            count += copy_tree(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
            count += 1;
        }
    }
    count
}

#[test]
fn hostile_inputs_are_each_reported_and_the_good_documents_indexed() {
    hrlex_testkit::require_dev_corpus!();
    use std::os::unix::ffi::OsStrExt;
    let corpus = tempfile::tempdir().unwrap();
    let root = corpus.path();
    copy_russian_charter(root);
    let mut good = ids(&[RUSSIAN_CHARTER_ID]);
    for number in 0..3 {
        let id = format!("good-{number}");
        write_document(root, &format!("good-{number}.txt"), &id);
        good.insert(id);
    }
    let edge_cases = copy_tree(
        &dev_corpus().join("pdf-edge-cases"),
        &root.join("edge-cases"),
    );
    let mut random = Vec::with_capacity(64 * 1024);
    let mut state = 0x2545_f491_4f6c_dd1du64;
    while random.len() < 64 * 1024 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        random.extend_from_slice(&state.to_le_bytes());
    }
    std::fs::write(root.join("random.pdf"), &random).unwrap();
    let regular = std::fs::read(dev_corpus().join("pdf-edge-cases/regular.pdf")).unwrap();
    std::fs::write(root.join("truncated.pdf"), &regular[..regular.len() / 3]).unwrap();
    // 200 MB, sparse: created instantly, refused by size before anything reads it.
    std::fs::File::create(root.join("huge.pdf"))
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let nested = format!(
        "<html><body>{}<p>Deep {MARKER} text.</p></body></html>",
        "<div>".repeat(200_000)
    );
    std::fs::write(root.join("nested.html"), nested).unwrap();
    std::fs::write(root.join("bomb.docx"), zip_bomb_docx(300 * 1024 * 1024)).unwrap();
    let not_utf8 = root.join(std::ffi::OsStr::from_bytes(b"d\xe9cision-latin1.txt"));
    std::fs::write(
        &not_utf8,
        format!("1. A decision whose file name is Latin-1 ({MARKER} latin1 name).\n\n2. The Committee finds no violation of article 14 of the Covenant.\n"),
    )
    .unwrap();
    std::os::unix::fs::symlink(".", root.join("loop")).unwrap();

    let index_folder = tempfile::tempdir().unwrap();
    let index = index_folder.path().join("index");
    let started = Instant::now();
    let (code, stdout, stderr) = run(&[
        "index",
        "--json",
        "--no-ocr",
        "--tool-timeout",
        "30",
        "--corpus",
        path_str(root),
        "--index",
        path_str(&index),
    ]);
    let elapsed = started.elapsed();
    assert_eq!(code, 1, "per-file failures: exit code 1; stderr: {stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let failed = report["failed"].as_array().unwrap();
    let failure_of = |name: &str| {
        failed
            .iter()
            .find(|failure| failure["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} is not reported: {failed:#?}"))
    };
    for failure in failed {
        assert!(!failure["code"].as_str().unwrap().is_empty());
        assert!(!failure["reason"].as_str().unwrap().is_empty());
    }
    assert_eq!(failure_of("huge.pdf")["code"], "too-large");
    assert!(failure_of("bomb.docx")["reason"]
        .as_str()
        .unwrap()
        .contains("zip bomb"));
    failure_of("random.pdf");
    failure_of("truncated.pdf");
    failure_of("not_a_pdf.pdf");
    // A link is not followed by default (issue 18): the loop is reported as a link.
    assert_eq!(failure_of("loop")["code"], "symlink");

    // A name that is not UTF-8 is refused (issue 18, defect 2: it cannot give an
    // injective id), and reported.
    assert_eq!(failure_of("cision-latin1.txt")["code"], "file-name");

    // Every good document is there, and the deeply nested HTML (the streaming tokenizer
    // keeps its text).
    let seen = document_ids(&index).unwrap();
    for id in &good {
        assert!(seen.contains(id), "{id} missing: {seen:?}");
    }
    assert_eq!(seen.len(), good.len() + 1, "plus nested.html: {seen:?}");

    // Every file is accounted for: recorded in the index (documents or not-a-document)
    // or reported as failed. (The sidecars of the good files are recorded too.)
    // good files, their 3 sidecars, 6 hostile files.
    let files_walked = edge_cases + good.len() + 3 + 6;
    let status = status_json(&index);
    let recorded = status["files"].as_u64().unwrap() as usize;
    let failed_files = failed
        .iter()
        .filter(|failure| failure["code"] != "walk" && failure["code"] != "symlink")
        .count();
    assert_eq!(
        recorded + failed_files,
        files_walked,
        "recorded {recorded} + failed {failed_files}; {failed:#?}"
    );
    assert!(
        elapsed < Duration::from_secs(300),
        "hostile run took {elapsed:?}"
    );
}

#[test]
fn files_that_vanish_or_change_during_a_run_are_settled_by_the_next_run() {
    let corpus = tempfile::tempdir().unwrap();
    for number in 0..5 {
        write_document(
            corpus.path(),
            &format!("views-{number}.txt"),
            &format!("views-{number}-v1"),
        );
    }
    let index_folder = tempfile::tempdir().unwrap();
    let index = index_folder.path().join("index");
    // Pause after the walk and the size/mtime pass, change the corpus, resume.
    let (mut child, lines) = spawn_index(
        corpus.path(),
        &index,
        &["--test-pause-at-step", "1", "--test-pause-ms", "1500"],
    );
    wait_for_pause(&lines).expect("pauses after planning");
    std::fs::remove_file(corpus.path().join("views-1.txt")).unwrap();
    write_document(corpus.path(), "views-2.txt", "views-2-v2");
    let failures: Vec<String> = lines.iter().collect();
    let exit = child.wait().unwrap();
    assert_eq!(
        exit.code(),
        Some(1),
        "the vanished file fails the run partially"
    );
    let seen = document_ids(&index).unwrap();
    assert!(
        seen.contains("views-0-v1") && !seen.contains("views-1-v1"),
        "{seen:?} {failures:?}"
    );
    assert!(
        seen.contains("views-2-v1") != seen.contains("views-2-v2"),
        "{seen:?}"
    );
    let status = status_json(&index);
    assert_eq!(status["last_run"]["outcome"], "partial");
    let reported = status["last_run"]["report"]["failed"].to_string();
    assert!(reported.contains("views-1.txt"), "{reported}");

    let (code, _, stderr) = run(&index_args(corpus.path(), &index));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        document_ids(&index).unwrap(),
        ids(&["views-0-v1", "views-2-v2", "views-3-v1", "views-4-v1"])
    );
}

fn served_ids(address: &str) -> BTreeSet<String> {
    let (status, body) = http_get(address, &format!("/api/search?q={MARKER}&limit=50"));
    assert_eq!(status, 200, "{body}");
    let response: Value = serde_json::from_str(&body).unwrap();
    response["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].as_str().unwrap().to_string())
        .collect()
}

/// After an upgrade that changes the index format, the README's `hrlex serve` rebuilds the
/// index it keeps for the corpus instead of refusing to start, then serves it (the
/// Russian charter included).
#[test]
fn serve_rebuilds_an_index_of_another_schema_version_and_serves_it() {
    hrlex_testkit::require_dev_corpus!();
    let corpus = TwoVersionCorpus::new();
    let index_folder = tempfile::tempdir().unwrap();
    let index: PathBuf = index_folder.path().join("index");
    let (code, _, stderr) = run(&index_args(corpus.folder.path(), &index));
    assert_eq!(code, 0, "{stderr}");
    // Stamp the committed index as written by an older build (the version sits in
    // tantivy's meta.json payload). Rewriting meta.json also makes it newer than the
    // corpus, so only the version can trigger the rebuild.
    let meta_path = index.join("meta.json");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    assert!(meta.contains(hrlex_index::SCHEMA_VERSION), "{meta}");
    std::fs::write(
        &meta_path,
        meta.replace(hrlex_index::SCHEMA_VERSION, "hrlex-index-0"),
    )
    .unwrap();
    assert!(
        document_ids(&index).is_err(),
        "the old index must be refused"
    );

    let (_server, address, said) = start_server(&[
        "--index",
        path_str(&index),
        "--corpus",
        path_str(corpus.folder.path()),
    ]);
    assert!(
        said.iter().any(|line| line.contains("rebuilding")),
        "serve should say why it rebuilds: {said:?}"
    );
    let english: BTreeSet<String> = corpus
        .before
        .iter()
        .filter(|id| id.as_str() != RUSSIAN_CHARTER_ID)
        .cloned()
        .collect();
    assert_eq!(served_ids(&address), english);
    assert_eq!(document_ids(&index).unwrap(), corpus.before);
}

#[test]
fn a_server_keeps_answering_during_a_reindex_and_then_serves_the_new_commit() {
    hrlex_testkit::require_dev_corpus!();
    let mut corpus = TwoVersionCorpus::new();
    let index_folder = tempfile::tempdir().unwrap();
    let index: PathBuf = index_folder.path().join("index");
    let (code, _, stderr) = run(&index_args(corpus.folder.path(), &index));
    assert_eq!(code, 0, "{stderr}");
    let english = |set: &BTreeSet<String>| -> BTreeSet<String> {
        set.iter()
            .filter(|id| id.as_str() != RUSSIAN_CHARTER_ID)
            .cloned()
            .collect()
    };

    let (_server, address, _) = start_server(&["--no-update", "--index", path_str(&index)]);
    assert_eq!(served_ids(&address), english(&corpus.before));

    corpus.apply_nightly_change();
    let (mut reindex, _lines) =
        spawn_index(corpus.folder.path(), &index, &["--checkpoint-files", "1"]);
    let mut answered = 0;
    loop {
        let seen = served_ids(&address);
        answered += 1;
        corpus.assert_file_consistent(
            &seen
                .iter()
                .cloned()
                .chain([RUSSIAN_CHARTER_ID.to_string()])
                .collect(),
            "served during reindex",
        );
        if let Some(exit) = reindex.try_wait().unwrap() {
            assert_eq!(exit.code(), Some(0));
            break;
        }
    }
    assert!(answered >= 1);
    // The server reloads within about a second of a commit.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let seen = served_ids(&address);
        if seen == english(&corpus.after) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "new commit never served: {seen:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}
