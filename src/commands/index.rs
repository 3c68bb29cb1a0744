//! `hrlex index`: build or update the search index from corpus folders.
//!
//! Incremental by default: new files are added, changed files (size/mtime, then content
//! hash) re-indexed, vanished files removed, unchanged files skipped without being read.
//! Everything a run does is committed at once; a killed run leaves the previous index.
use crate::cli::{exit, ExtractOptionsArgs};
use crate::terminal::printable;
use clap::Args;
use hrlex_index::{
    update_index_observed, CorpusEntry, Extraction, FileFailure, IndexError, IndexEvent,
    IndexRunOptions, IndexRunReport, LockHolder,
};
use hrlex_ingest::walk::{self, CorpusFile};
use hrlex_ingest::FileOutcome;
use std::path::PathBuf;

#[derive(Args)]
#[command(
    after_help = "Exit codes: 0 success, 1 some files failed (listed), 2 bad usage, \
3 another run holds the index lock, 4 fatal error"
)]
pub struct IndexArgs {
    /// Corpus folder(s); the index mirrors exactly the files under them.
    #[arg(long = "corpus", default_value = "corpus")]
    corpus: Vec<PathBuf>,
    /// Index folder (created when missing).
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Rebuild everything instead of updating incrementally.
    #[arg(long)]
    full: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// Commit after every this many re-read files (0: only at the end), so that a long
    /// run that is killed keeps its progress. Not used with --full.
    #[arg(long, default_value_t = 2000)]
    checkpoint_files: usize,
    /// Index writer threads (0: one per core, up to 8). One thread writes the same
    /// documents in the same order on every run, which makes two indexes of one corpus
    /// comparable record for record.
    #[arg(long, default_value_t = 0)]
    writer_threads: usize,
    /// Test hook: stop (sleep forever) at this step of the run, after printing
    /// "test pause at step N" on stderr, so that tests can kill the run there.
    #[arg(long, hide = true)]
    test_pause_at_step: Option<usize>,
    /// Test hook: with --test-pause-at-step, resume after this many milliseconds instead
    /// of sleeping forever (to change files under a running run).
    #[arg(long, hide = true)]
    test_pause_ms: Option<u64>,
    #[command(flatten)]
    options: ExtractOptionsArgs,
}

pub fn run(args: IndexArgs) -> anyhow::Result<i32> {
    for root in &args.corpus {
        if !root.is_dir() {
            eprintln!(
                "hrlex index: corpus folder {} does not exist",
                root.display()
            );
            return Ok(exit::USAGE);
        }
    }
    let ingest_options = args.options.to_options_for(&args.corpus)?;
    let (files, problems) = walk::list_files_with(&args.corpus, &ingest_options.symlinks);
    let entries: Vec<CorpusEntry> = files
        .into_iter()
        .map(|file| {
            let mut entry = CorpusEntry::new(file.path.clone(), file.relative);
            entry.companions = vec![hrlex_ingest::sidecar::sidecar_path(&file.path)];
            entry
        })
        .collect();
    // Folders the walk could not read keep what the index has from them; entries refused
    // for their kind are reported, and whatever the index had from them goes.
    let (unreadable, refused): (Vec<_>, Vec<_>) = problems
        .into_iter()
        .partition(|problem| problem.hides_files());
    let problems = unreadable
        .into_iter()
        .map(|problem| (problem.path, problem.reason))
        .collect();
    let mut options =
        IndexRunOptions::new(&args.index, args.corpus.clone(), env!("CARGO_PKG_VERSION"));
    options.refused_entries = refused
        .into_iter()
        .map(|problem| FileFailure {
            path: problem.path.display().to_string(),
            code: problem.code.to_string(),
            reason: problem.reason,
        })
        .collect();
    options.full = args.full;
    options.writer_threads = args.writer_threads;
    options.max_file_bytes = ingest_options.max_file_bytes;
    options.checkpoint_files = args.checkpoint_files;
    options.holder = LockHolder::this_process(host_name(), command_line());
    let extract = |batch: &[CorpusEntry]| -> Vec<Extraction> {
        let files = batch
            .iter()
            .map(|entry| CorpusFile {
                path: entry.path.clone(),
                relative: entry.relative.clone(),
            })
            .collect();
        walk::extract_all(files, &ingest_options, |_| {})
            .into_iter()
            .map(|report| match report.result {
                Ok(FileOutcome::Documents(documents)) => Extraction::Documents(documents),
                Ok(FileOutcome::Skipped { reason }) => Extraction::Skipped(reason),
                Err(error) => Extraction::Failed {
                    code: error.code().to_string(),
                    reason: error.to_string(),
                },
            })
            .collect()
    };
    let progress = crate::cli::progress_bar(0);
    let mut step = 0;
    let observe = |event: &IndexEvent| {
        step += 1;
        tracing::debug!(step, event = %event, "index step");
        if let Some(progress) = &progress {
            match event {
                IndexEvent::Planned { to_check, .. } => progress.set_length(*to_check as u64),
                IndexEvent::FileDone { done, .. } => progress.set_position(*done as u64),
                IndexEvent::Committing { .. } => progress.set_message("committing"),
                _ => {}
            }
        }
        if args.test_pause_at_step == Some(step) {
            eprintln!("hrlex index: test pause at step {step}: {event}");
            match args.test_pause_ms {
                Some(milliseconds) => {
                    std::thread::sleep(std::time::Duration::from_millis(milliseconds))
                }
                None => loop {
                    std::thread::sleep(std::time::Duration::from_secs(3600));
                },
            }
        }
    };
    let result = update_index_observed(&options, entries, problems, extract, observe);
    if let Some(progress) = &progress {
        progress.finish_and_clear();
    }
    let report = match result {
        Ok(report) => report,
        Err(error @ IndexError::Locked { .. }) => {
            eprintln!("hrlex index: {error}");
            return Ok(exit::LOCKED);
        }
        Err(error @ IndexError::InvalidRequest(_)) => {
            eprintln!("hrlex index: {error}");
            return Ok(exit::USAGE);
        }
        Err(error) => return Err(error.into()),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report);
    }
    Ok(if report.failed.is_empty() {
        exit::SUCCESS
    } else {
        exit::PARTIAL
    })
}

fn print_report(report: &IndexRunReport) {
    println!(
        "{}: {} added, {} updated, {} removed, {} unchanged, {} not documents, {} failed; \
         {} documents written, {} in the index (generation {}, {} ms)",
        if report.full_rebuild {
            "full rebuild"
        } else {
            "incremental update"
        },
        report.added,
        report.updated,
        report.removed,
        report.unchanged,
        report.skipped,
        report.failed.len(),
        report.documents_written,
        report.documents_total,
        report.generation,
        report.duration_ms,
    );
    if let Some(stale) = &report.took_over_stale_lock {
        println!(
            "took over the lock left by a run that did not finish: {}",
            printable(&stale.to_string())
        );
    }
    if !report.identical.is_empty() {
        println!("not indexed, byte-identical to a file that is:");
        for copy in &report.identical {
            println!("  {} (same as {})", copy.path, copy.same_as);
        }
    }
    if !report.failed.is_empty() {
        println!("failed:");
        for failure in &report.failed {
            println!(
                "  {} [{}] {}",
                printable(&failure.path),
                failure.code,
                printable(&failure.reason)
            );
        }
    }
}

/// This machine's name, for the lock file (so that a second run can name the holder).
fn host_name() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|path| {
            std::fs::read_to_string(path)
                .ok()
                .map(|name| name.trim().to_string())
                .filter(|name| !name.is_empty())
        })
        .unwrap_or_default()
}

fn command_line() -> String {
    std::env::args_os()
        .map(|argument| argument.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
