//! Walks corpus folders and extracts every file in parallel; one bad file never stops
//! the batch.

use crate::file_kind::{EntryKind, SymlinkPolicy};
use crate::{pipeline, FileOutcome, IngestError, IngestOptions};
use hrlex_model::Document;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A file found by the walk, with its path relative to its corpus root.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    pub path: PathBuf,
    pub relative: String,
}

/// A walk problem that is not a file's content: a folder that could not be read, a
/// symlink loop (code `walk`), or an entry refused for its kind (a FIFO, socket or device,
/// code `fifo`, `socket`, `device`; a symbolic link not followed, `symlink`).
#[derive(Debug, Clone)]
pub struct WalkProblem {
    pub path: PathBuf,
    pub code: &'static str,
    pub reason: String,
}

impl WalkProblem {
    /// True when the walk could not look under `path` (an index keeps what it had from
    /// there); false for an entry refused for its kind (what an index had from it goes).
    pub fn hides_files(&self) -> bool {
        self.code == "walk"
    }

    fn refused(path: &Path, kind: EntryKind) -> WalkProblem {
        WalkProblem {
            path: path.to_path_buf(),
            code: kind.code(),
            reason: format!("{}, not a regular file; not read", kind.description()),
        }
    }
}

/// Lists the files under each root, sorted, skipping hidden entries and following no
/// symbolic link ([`list_files_with`] with [`SymlinkPolicy::never`]).
pub fn list_files(roots: &[PathBuf]) -> (Vec<CorpusFile>, Vec<WalkProblem>) {
    list_files_with(roots, &SymlinkPolicy::never())
}

/// Lists the regular files under each root, sorted, skipping hidden entries. Symbolic
/// links are followed only as `symlinks` allows (never out of the roots); FIFOs,
/// sockets and devices are reported, never opened. Problems (loops, permissions, refused
/// entries) are returned beside the files, never abort the walk.
pub fn list_files_with(
    roots: &[PathBuf],
    symlinks: &SymlinkPolicy,
) -> (Vec<CorpusFile>, Vec<WalkProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for root in roots {
        let mut walker = walkdir::WalkDir::new(root)
            .follow_links(symlinks.follows_links())
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
            });
        while let Some(entry) = walker.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    problems.push(WalkProblem {
                        path: error
                            .path()
                            .map(Path::to_path_buf)
                            .unwrap_or_else(|| root.clone()),
                        code: "walk",
                        reason: error.to_string(),
                    });
                    continue;
                }
            };
            // The root is what the caller named; every link below it is checked.
            if entry.depth() > 0 && entry.path_is_symlink() {
                if let Err(reason) = symlinks.resolve(entry.path()) {
                    if entry.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                    problems.push(WalkProblem {
                        path: entry.path().to_path_buf(),
                        code: "symlink",
                        reason,
                    });
                    continue;
                }
            }
            match EntryKind::of(entry.file_type()) {
                EntryKind::Regular => match corpus_file(root, entry.path()) {
                    Some(file) => files.push(file),
                    // A lossy name would give two files one id and one source path.
                    None => problems.push(WalkProblem {
                        path: entry.path().to_path_buf(),
                        code: "file-name",
                        reason: "the file name is not valid UTF-8; rename the file to index it"
                            .to_string(),
                    }),
                },
                EntryKind::Directory => {}
                kind => problems.push(WalkProblem::refused(entry.path(), kind)),
            }
        }
    }
    (files, problems)
}

/// The file at `path` under `root`; `None` when its relative path is not UTF-8.
fn corpus_file(root: &Path, path: &Path) -> Option<CorpusFile> {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let relative = if relative.as_os_str().is_empty() {
        path.file_name().map(PathBuf::from).unwrap_or_default()
    } else {
        relative.to_path_buf()
    };
    Some(CorpusFile {
        path: path.to_path_buf(),
        relative: relative.to_str()?.replace('\\', "/"),
    })
}

/// What happened to one file.
#[derive(Debug)]
pub struct FileReport {
    pub file: CorpusFile,
    pub result: Result<FileOutcome, IngestError>,
}

/// Extracts every file in parallel, calling `on_file` as each finishes (for progress
/// bars and streaming output). Results come back in the order of `files`.
pub fn extract_all<F>(
    files: Vec<CorpusFile>,
    options: &IngestOptions,
    on_file: F,
) -> Vec<FileReport>
where
    F: Fn(&FileReport) + Sync,
{
    files
        .into_par_iter()
        .map(|file| {
            let result = pipeline::extract_file(&file.path, &file.relative, options);
            let report = FileReport { file, result };
            on_file(&report);
            report
        })
        .collect()
}

/// Counts for the end-of-run summary.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub documents: usize,
    pub skipped: usize,
    pub failed: usize,
    /// documents per importer / extractor
    pub by_source: BTreeMap<String, usize>,
    pub by_format: BTreeMap<String, usize>,
    pub by_lang: BTreeMap<String, usize>,
    pub by_mechanism: BTreeMap<String, usize>,
    /// failures per error code
    pub failures_by_code: BTreeMap<String, usize>,
    pub failures: Vec<FailureLine>,
    pub skipped_files: Vec<FailureLine>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FailureLine {
    pub path: String,
    pub code: String,
    pub reason: String,
}

impl Summary {
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        match &report.result {
            Ok(FileOutcome::Documents(documents)) => {
                self.documents += documents.len();
                for document in documents {
                    self.count_document(document);
                }
            }
            Ok(FileOutcome::Skipped { reason }) => {
                self.skipped += 1;
                self.skipped_files.push(FailureLine {
                    path: report.file.relative.clone(),
                    code: "skipped".into(),
                    reason: reason.clone(),
                });
            }
            Err(error) => {
                self.failed += 1;
                *self
                    .failures_by_code
                    .entry(error.code().to_string())
                    .or_default() += 1;
                self.failures.push(FailureLine {
                    path: report.file.path.display().to_string(),
                    code: error.code().to_string(),
                    reason: error.to_string(),
                });
            }
        }
    }

    fn count_document(&mut self, document: &Document) {
        *self
            .by_source
            .entry(document.source.importer.clone())
            .or_default() += 1;
        *self
            .by_format
            .entry(document.source.format.clone())
            .or_default() += 1;
        *self
            .by_lang
            .entry(document.lang.code().to_string())
            .or_default() += 1;
        *self
            .by_mechanism
            .entry(document.mechanism.code().to_string())
            .or_default() += 1;
    }

    pub fn add_walk_problem(&mut self, problem: &WalkProblem) {
        self.failed += 1;
        *self
            .failures_by_code
            .entry(problem.code.to_string())
            .or_default() += 1;
        self.failures.push(FailureLine {
            path: problem.path.display().to_string(),
            code: problem.code.to_string(),
            reason: problem.reason.clone(),
        });
    }
}
