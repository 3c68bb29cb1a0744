//! `hrlex status`: what an operator (or a monitoring script) asks of an index that cron
//! maintains: its commit generation, document counts per system and language, the last
//! run (time, duration, outcome, failures with reasons) and whether a run holds the lock.
use crate::cli::exit;
use crate::terminal::printable;
use clap::Args;
use hrlex_index::{format_unix_utc, index_status, IndexError, IndexStatus, LockHolder, RunOutcome};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Args)]
#[command(after_help = "Exit codes: 0 status printed, 2 bad usage, 4 no readable index")]
pub struct StatusArgs {
    /// Index folder.
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Print the status as one JSON object.
    #[arg(long)]
    json: bool,
}

/// What the lock file says, checked against the running processes of this host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
enum LockState {
    /// No run holds the index.
    Free,
    /// A run on this host holds it now.
    Running,
    /// The run recorded in the lock file is gone (killed); the next run takes over.
    Stale,
    /// Recorded by a run on another host: cannot be checked from here.
    OtherHost,
}

pub fn run(args: StatusArgs) -> anyhow::Result<i32> {
    let status = match index_status(&args.index) {
        Ok(status) => status,
        Err(error @ (IndexError::NotFound { .. } | IndexError::SchemaMismatch { .. })) => {
            eprintln!("hrlex status: {error}");
            return Ok(exit::FATAL);
        }
        Err(error) => return Err(error.into()),
    };
    let lock_state = lock_state(status.lock_record.as_ref());
    if args.json {
        let mut value = serde_json::to_value(&status)?;
        value["lock_state"] = serde_json::to_value(lock_state)?;
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        print_status(&status, lock_state);
    }
    Ok(exit::SUCCESS)
}

fn lock_state(record: Option<&LockHolder>) -> LockState {
    let Some(holder) = record else {
        return LockState::Free;
    };
    let this_host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|name| name.trim().to_string())
        .unwrap_or_default();
    if !holder.host.is_empty() && holder.host != this_host {
        return LockState::OtherHost;
    }
    if std::path::Path::new(&format!("/proc/{}", holder.pid)).exists() {
        LockState::Running
    } else {
        LockState::Stale
    }
}

fn join_counts(counts: &BTreeMap<String, u64>) -> String {
    if counts.is_empty() {
        return "none".to_string();
    }
    counts
        .iter()
        .map(|(value, count)| format!("{value} {count}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_status(status: &IndexStatus, lock_state: LockState) {
    print!(
        "index {} (generation {}",
        printable(&status.path.display().to_string()),
        status.generation
    );
    if let Some(stamp) = &status.stamp {
        print!(
            ", committed {} by hrlex {}, schema {}",
            format_unix_utc(stamp.committed_at),
            stamp.hrlex_version,
            stamp.schema_version
        );
    }
    println!(")");
    println!(
        "documents: {} ({} paragraphs) from {} corpus files",
        status.documents, status.paragraphs, status.files
    );
    println!("  by system: {}", join_counts(&status.documents_by_system));
    println!("  by language: {}", join_counts(&status.documents_by_lang));
    match &status.last_run {
        None => println!("last run: none recorded"),
        Some(run) => {
            let outcome = match run.outcome {
                RunOutcome::Success => "success",
                RunOutcome::Partial => "finished with failures",
                RunOutcome::Fatal => "FAILED (nothing committed)",
            };
            println!(
                "last run: {outcome}, started {}, took {:.1} s, by {}",
                format_unix_utc(run.started_at),
                run.duration_ms as f64 / 1000.0,
                printable(&run.holder.to_string())
            );
            if let Some(error) = &run.error {
                println!("  error: {}", printable(error));
            }
            if let Some(report) = &run.report {
                println!(
                    "  {} added, {} updated, {} removed, {} unchanged, {} not documents, {} failed; generation {}",
                    report.added,
                    report.updated,
                    report.removed,
                    report.unchanged,
                    report.skipped,
                    report.failed.len(),
                    report.generation
                );
                for failure in &report.failed {
                    println!(
                        "  failed: {} [{}] {}",
                        printable(&failure.path),
                        failure.code,
                        printable(&failure.reason)
                    );
                }
            }
            if status.last_run_is_older_than_index {
                println!(
                    "  (a later run committed generation {} but was stopped before recording itself)",
                    status.generation
                );
            }
        }
    }
    match (lock_state, &status.lock_record) {
        (LockState::Free, _) | (_, None) => println!("lock: free"),
        (LockState::Running, Some(holder)) => println!(
            "lock: a run is in progress: {}",
            printable(&holder.to_string())
        ),
        (LockState::Stale, Some(holder)) => println!(
            "lock: left by a run that was killed ({}); the next run takes it over",
            printable(&holder.to_string())
        ),
        (LockState::OtherHost, Some(holder)) => println!(
            "lock: recorded by a run on another host: {}",
            printable(&holder.to_string())
        ),
    }
}
