//! `hrlex audit --log FILE [--since TIME] [--json]`: the server's audit log (answers that
//! showed a token non-public documents; `hrlex_access::AuditLog`), one line per entry:
//! time, token name, endpoint, document ids; `--json` prints the log's own lines.
use crate::cli::exit;
use crate::terminal::printable;
use clap::Args;
use hrlex_access::{read_audit_log, Since};
use std::path::PathBuf;

#[derive(Args)]
#[command(
    after_help = "Exit codes: 0 done, 1 some lines of the log are not audit entries (each \
reported), 2 bad usage (unreadable --since), 4 the log cannot be read"
)]
pub struct AuditArgs {
    /// The audit log (`hrlex serve --audit-log`, by default `audit.log` beside the token file).
    #[arg(long)]
    log: PathBuf,
    /// Only entries from this time on: a date (`2026-12-01`, from its start, UTC) or a
    /// UTC time (`2026-12-01T10:00:00Z`).
    #[arg(long)]
    since: Option<String>,
    /// The log's JSON lines as they are.
    #[arg(long)]
    json: bool,
}

pub fn run(args: AuditArgs) -> anyhow::Result<i32> {
    let since = match args.since.as_deref().map(Since::parse).transpose() {
        Ok(since) => since,
        Err(error) => {
            eprintln!("hrlex audit: {error}");
            return Ok(exit::USAGE);
        }
    };
    let lines = match read_audit_log(&args.log) {
        Ok(lines) => lines,
        Err(error) => {
            eprintln!("hrlex audit: {}", printable(&error.to_string()));
            return Ok(exit::FATAL);
        }
    };
    let mut unreadable = 0;
    for line in lines {
        let Some(entry) = line.entry else {
            unreadable += 1;
            eprintln!(
                "hrlex audit: line {} of {} is not an audit entry",
                line.number,
                args.log.display()
            );
            continue;
        };
        if since.as_ref().is_some_and(|since| !since.admits(&entry)) {
            continue;
        }
        if args.json {
            println!("{}", line.text);
        } else {
            println!(
                "{}\t{}\t{}\t{}",
                entry.time,
                printable(&entry.token),
                printable(&entry.endpoint),
                printable(&entry.documents.join(","))
            );
        }
    }
    Ok(if unreadable == 0 {
        exit::SUCCESS
    } else {
        exit::PARTIAL
    })
}
