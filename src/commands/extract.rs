//! `hrlex extract FILE`: the document(s) ingest makes of one file, or with `--explain`
//! where each metadata value came from (importer, sidecar, or the masthead line read).

use crate::cli::{exit, ExtractOptionsArgs, EXIT_CODES_HELP};
use crate::terminal::printable;
use anyhow::Result;
use clap::Args;
use hrlex_ingest::file_kind::SymlinkPolicy;
use hrlex_ingest::provenance::{Explained, FieldSource, Stage, Trace};
use hrlex_ingest::FileOutcome;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
#[command(after_help = EXIT_CODES_HELP)]
pub struct ExtractArgs {
    file: PathBuf,
    /// One JSON object per document per line (the default prints JSON too, pretty).
    #[arg(long)]
    json: bool,
    /// Show, per metadata field, where its value came from: the importer and record,
    /// the sidecar, or the page and line of the masthead it was read from.
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    options: ExtractOptionsArgs,
}

/// Longest value shown in a row of `--explain` before it is cut.
const SHOWN_VALUE_CHARS: usize = 60;

pub fn run(args: ExtractArgs) -> Result<i32> {
    // The file's folder stands for the corpus (for `--follow-symlinks` of its sidecar).
    let folder = match args.file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut options = args.options.to_options_for(&[])?;
    if args.options.follow_symlinks {
        options.symlinks = SymlinkPolicy::inside_roots(&[folder]);
    }
    let relative = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut trace = if args.explain {
        Trace::enabled()
    } else {
        Trace::disabled()
    };
    let outcome = hrlex_ingest::extract_file_traced(&args.file, &relative, &options, &mut trace);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match outcome {
        Ok(FileOutcome::Documents(documents)) => {
            if args.explain {
                for explained in trace.explain(&documents) {
                    if args.json {
                        serde_json::to_writer(&mut out, &explained)?;
                        writeln!(out)?;
                    } else {
                        write_explained(&mut out, &explained)?;
                    }
                }
                return Ok(exit::SUCCESS);
            }
            for document in &documents {
                if args.json {
                    serde_json::to_writer(&mut out, document)?;
                } else {
                    serde_json::to_writer_pretty(&mut out, document)?;
                }
                writeln!(out)?;
            }
            Ok(exit::SUCCESS)
        }
        Ok(FileOutcome::Skipped { reason }) => {
            eprintln!(
                "hrlex: {}: skipped: {reason}",
                printable(&args.file.display().to_string())
            );
            Ok(exit::SUCCESS)
        }
        Err(error) => {
            eprintln!("hrlex: {}", printable(&error.to_string()));
            Ok(exit::PARTIAL)
        }
    }
}

/// One document as rows `field  value  source`, then its notes.
fn write_explained(out: &mut impl Write, explained: &Explained) -> std::io::Result<()> {
    writeln!(out, "document {}", printable(&explained.id))?;
    let width = explained
        .fields
        .iter()
        .map(|field| shown_value(&field.value).chars().count())
        .max()
        .unwrap_or(0);
    for field in &explained.fields {
        let value = shown_value(&field.value);
        let padding = width - value.chars().count();
        writeln!(
            out,
            "  {:<12} {}{}  {}",
            shown_field(field.field),
            printable(&value),
            " ".repeat(padding),
            printable(&source_of(field)),
        )?;
    }
    if !explained.notes.is_empty() {
        writeln!(out, "  notes")?;
        for note in &explained.notes {
            writeln!(out, "    {}: {}", note.code, printable(&note.message))?;
        }
    }
    writeln!(out)
}

fn shown_field(field: &str) -> &str {
    match field {
        "doc_type" => "type",
        "case_name" => "case name",
        "work_id" => "work",
        "lang" => "language",
        other => other,
    }
}

fn shown_value(value: &str) -> String {
    if value.chars().count() <= SHOWN_VALUE_CHARS {
        return value.to_string();
    }
    let cut: String = value.chars().take(SHOWN_VALUE_CHARS - 1).collect();
    format!("{cut}…")
}

/// Where a value came from, in words.
fn source_of(field: &FieldSource) -> String {
    match &field.stage {
        Stage::Extraction { extractor } => {
            format!("extraction ({extractor}): the file's own declaration or its text")
        }
        Stage::Masthead => match &field.evidence {
            Some(evidence) => format!(
                "recognized, page {} line {}: \"{}\"",
                evidence.page,
                evidence.line,
                shown_value(&evidence.text)
            ),
            None if field.from_file_name => "recognized from the file name".to_string(),
            None => "recognized from the masthead".to_string(),
        },
        Stage::Importer { importer, record } => match record {
            Some(record) => format!("importer {importer}, record {record}"),
            None => format!("importer {importer}"),
        },
        Stage::TextCheck => "checked against the text (see the notes)".to_string(),
        Stage::Sidecar { path } => format!("sidecar {path}"),
        Stage::Derived => "derived from the other fields".to_string(),
        Stage::Default => "default: nothing said otherwise".to_string(),
    }
}
