//! Test support shared by the workspace's tests, benches and examples: where the
//! development corpus is, and what a test that needs it does when it is not there.
//!
//! The development corpus is a large collection of real documents that is not part of
//! the repository (the repository embeds a small sample of it in `corpus/`). It is found
//! by [`dev_corpus`]: the folder named by `HRLEX_DEV_CORPUS` (an absolute path, or one
//! relative to the workspace root), else `../shared/corpus` beside the workspace root.
//!
//! A test that needs it starts with [`require_dev_corpus!`]. Without the corpus the test
//! returns at once after reporting itself as skipped; with `HRLEX_REQUIRE_DEV_CORPUS=1`
//! (set by CI) a missing corpus is a failure instead, so nothing is skipped silently.
//!
//! ```no_run
//! #[test]
//! fn reads_the_un_charter() {
//!     let corpus = hrlex_testkit::require_dev_corpus!();
//!     let charter = corpus.join("multilingual/un-charter/raw_un_charter_en.txt");
//!     assert!(std::fs::read_to_string(charter).is_ok());
//! }
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};

/// Names the development corpus folder (absolute, or relative to the workspace root).
pub const DEV_CORPUS_VAR: &str = "HRLEX_DEV_CORPUS";
/// When `1`, a test that needs the development corpus fails instead of skipping.
pub const REQUIRE_DEV_CORPUS_VAR: &str = "HRLEX_REQUIRE_DEV_CORPUS";
/// When set, every skipped test appends its `SKIPPED …` line to this file too
/// (`scripts/test.sh` uses it to list the skipped tests at the end of a run).
pub const SKIP_LOG_VAR: &str = "HRLEX_SKIP_LOG";

/// The workspace root (the folder of the top-level `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    let testkit = Path::new(env!("CARGO_MANIFEST_DIR"));
    testkit
        .parent()
        .and_then(Path::parent)
        .expect("crates/testkit is two levels below the workspace root")
        .to_path_buf()
}

/// The default place of the development corpus: `../shared/corpus` from the workspace root.
pub fn default_dev_corpus() -> PathBuf {
    let root = workspace_root();
    root.parent().unwrap_or(&root).join("shared").join("corpus")
}

/// The development corpus folder, or `None` when it is absent.
///
/// # Panics
///
/// When `HRLEX_DEV_CORPUS` is set but does not name a folder: a misconfiguration is
/// reported, not mistaken for an absent corpus.
pub fn dev_corpus() -> Option<PathBuf> {
    match std::env::var_os(DEV_CORPUS_VAR).filter(|value| !value.is_empty()) {
        Some(value) => {
            let folder = workspace_root().join(value);
            assert!(
                folder.is_dir(),
                "{DEV_CORPUS_VAR}={} is not a folder",
                folder.display()
            );
            Some(folder)
        }
        None => Some(default_dev_corpus()).filter(|folder| folder.is_dir()),
    }
}

/// The development corpus folder, for helpers of tests that already called
/// [`require_dev_corpus!`].
///
/// # Panics
///
/// When the corpus is absent: the calling test lacks its [`require_dev_corpus!`].
pub fn expect_dev_corpus() -> PathBuf {
    dev_corpus().unwrap_or_else(|| {
        panic!(
            "the development corpus is absent ({}); a test that needs it must start with \
             hrlex_testkit::require_dev_corpus!()",
            how_to_provide()
        )
    })
}

/// True when `HRLEX_REQUIRE_DEV_CORPUS=1`: a missing corpus must fail the tests.
pub fn dev_corpus_required() -> bool {
    std::env::var_os(REQUIRE_DEV_CORPUS_VAR).is_some_and(|value| value == "1")
}

fn how_to_provide() -> String {
    format!(
        "set {DEV_CORPUS_VAR} or place it at {}",
        default_dev_corpus().display()
    )
}

/// What [`require_dev_corpus!`] calls: the corpus folder, or `None` after reporting
/// `test` as skipped (on stderr, past the test harness's output capture, and in the file
/// named by `HRLEX_SKIP_LOG`).
///
/// # Panics
///
/// When the corpus is absent and `HRLEX_REQUIRE_DEV_CORPUS=1`.
pub fn dev_corpus_or_skip(test: &str) -> Option<PathBuf> {
    if let Some(folder) = dev_corpus() {
        return Some(folder);
    }
    assert!(
        !dev_corpus_required(),
        "{test} needs the development corpus and {REQUIRE_DEV_CORPUS_VAR}=1: {}",
        how_to_provide()
    );
    let line = format!(
        "SKIPPED (needs the development corpus): {test} — {}\n",
        how_to_provide()
    );
    // `std::io::stderr()` directly, not `eprintln!`: the test harness captures the
    // macros' output of passing tests, and a skip must be seen.
    let _ = std::io::stderr().write_all(line.as_bytes());
    if let Some(log) = std::env::var_os(SKIP_LOG_VAR).filter(|value| !value.is_empty()) {
        // One `write` of one short line in append mode: lines of concurrent tests do not mix.
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .and_then(|mut file| file.write_all(line.as_bytes()));
        if let Err(error) = appended {
            let _ = writeln!(
                std::io::stderr(),
                "{SKIP_LOG_VAR}={}: {error}",
                Path::new(&log).display()
            );
        }
    }
    None
}

/// The path of the function this macro is expanded in, e.g.
/// `formats::udhr_arabic_is_right_to_left` (test binary, modules, function).
#[macro_export]
macro_rules! function_path {
    () => {{
        fn here() {}
        let path = ::std::any::type_name_of_val(&here);
        path.strip_suffix("::here").unwrap_or(path)
    }};
}

/// The development corpus folder, or an early `return` from the calling test after
/// reporting it as skipped (see [`dev_corpus_or_skip`]). A test returning a value names
/// what to return when skipped: `require_dev_corpus!(Ok(()))`.
#[macro_export]
macro_rules! require_dev_corpus {
    () => {
        $crate::require_dev_corpus!(())
    };
    ($skipped:expr) => {
        match $crate::dev_corpus_or_skip($crate::function_path!()) {
            ::std::option::Option::Some(folder) => folder,
            ::std::option::Option::None => return $skipped,
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_corpus_is_beside_the_workspace_root() {
        let root = workspace_root();
        assert!(root.join("Cargo.toml").is_file());
        assert!(root.join("crates/testkit").is_dir());
        assert_eq!(
            default_dev_corpus(),
            root.parent().unwrap().join("shared/corpus")
        );
    }

    #[test]
    fn the_macro_names_the_test() {
        assert_eq!(
            function_path!(),
            "hrlex_testkit::tests::the_macro_names_the_test"
        );
    }
}
