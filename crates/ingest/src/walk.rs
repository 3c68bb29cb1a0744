//! Walks corpus folders and extracts every file in parallel; one bad file never stops
//! the batch.

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

/// A walk problem that is not a file's content (unreadable folder, symlink loop).
#[derive(Debug, Clone)]
pub struct WalkProblem {
    pub path: PathBuf,
    pub reason: String,
}

/// Lists the files under each root, sorted, skipping hidden entries. Problems (loops,
/// permissions) are returned beside the files, never abort the walk.
pub fn list_files(roots: &[PathBuf]) -> (Vec<CorpusFile>, Vec<WalkProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for root in roots {
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
            });
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
                    let relative = if relative.as_os_str().is_empty() {
                        entry
                            .path()
                            .file_name()
                            .map(PathBuf::from)
                            .unwrap_or_default()
                    } else {
                        relative.to_path_buf()
                    };
                    // A lossy name would give two files one id and one source path.
                    let Some(relative) = relative.to_str() else {
                        problems.push(WalkProblem {
                            path: entry.path().to_path_buf(),
                            reason: "the file name is not valid UTF-8; rename the file to index it"
                                .to_string(),
                        });
                        continue;
                    };
                    files.push(CorpusFile {
                        path: entry.path().to_path_buf(),
                        relative: relative.replace('\\', "/"),
                    });
                }
                Ok(_) => {}
                Err(error) => problems.push(WalkProblem {
                    path: error
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone()),
                    reason: error.to_string(),
                }),
            }
        }
    }
    (files, problems)
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
        *self.failures_by_code.entry("walk".into()).or_default() += 1;
        self.failures.push(FailureLine {
            path: problem.path.display().to_string(),
            code: "walk".into(),
            reason: problem.reason.clone(),
        });
    }
}
