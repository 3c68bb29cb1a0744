use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use hrlex_ingest::extract::pdf::tool_is_installed;
use hrlex_ingest::file_kind::SymlinkPolicy;
use hrlex_ingest::walk::{self, Summary};
use hrlex_ingest::{FileOutcome, IngestOptions};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

/// Exit codes, stable for scripts and cron.
pub mod exit {
    pub const SUCCESS: i32 = 0;
    /// The run finished but some files failed (each is listed with its reason).
    pub const PARTIAL: i32 = 1;
    /// Bad usage (unknown flag, missing argument).
    pub const USAGE: i32 = 2;
    /// Another run holds the index lock.
    pub const LOCKED: i32 = 3;
    /// Fatal error: nothing useful was done.
    pub const FATAL: i32 = 4;
}

pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  finished, but some files failed (listed with path and reason)
  2  bad usage
  3  another run holds the index lock
  4  fatal error";

#[derive(Parser)]
#[command(name = "hrlex", version, about = "Search UN and regional human-rights case law and recommendations", after_help = EXIT_CODES_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Log as JSON lines (for cron and log collectors) instead of human text.
    #[arg(long, global = true)]
    log_json: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Print the canonical document(s) that ingest makes of one file.
    Extract(crate::commands::extract::ExtractArgs),
    /// Extract every file of one or more corpus folders; print a summary.
    Ingest(IngestArgs),
    /// Build or update the search index from corpus folders (incremental; cron-safe).
    Index(crate::commands::index::IndexArgs),
    /// Search the index.
    Search(crate::commands::search::SearchArgs),
    /// Extract citations from a file or standard input, one JSON object per line.
    Cite(crate::commands::cite::CiteArgs),
    /// Serve the web interface and the JSON API (indexes corpus/ first if needed).
    Serve(crate::commands::serve::ServeArgs),
    /// Show an index's generation, document counts and last run (for operators, cron).
    Status(crate::commands::status::StatusArgs),
    /// What a document cites: each key, where (paragraph, pinpoint), resolved to documents.
    Cites(crate::commands::graph::CitesArgs),
    /// What cites a document or a citation key, across systems, with the citing paragraphs.
    CitedBy(crate::commands::graph::CitedByArgs),
    /// Make, list and revoke API tokens (name, groups) in a token file.
    Token(crate::commands::token::TokenArgs),
    /// Print the server's audit log: which token was shown which non-public documents.
    Audit(crate::commands::audit::AuditArgs),
    /// Internal: the pdf-extract child process of the other commands (pages of FILE on
    /// standard output, separated by form feeds).
    #[command(name = "pdf-extract-pages", hide = true)]
    PdfExtractPages { file: PathBuf },
}

#[derive(Args, Clone)]
pub struct ExtractOptionsArgs {
    /// Do not OCR image-only PDFs (they are then reported as needing OCR).
    #[arg(long)]
    no_ocr: bool,
    /// Per-file time limit for external tools (pdftotext, tesseract), in seconds.
    #[arg(long, default_value_t = 60)]
    tool_timeout: u64,
    /// Files larger than this many MiB are skipped and reported.
    #[arg(long, default_value_t = 100)]
    max_file_mb: u64,
    /// Read PDFs with the built-in pdf-extract (in a child process, with the tool time
    /// limit) instead of poppler's pdftotext, even when pdftotext is installed.
    #[arg(long)]
    no_pdftotext: bool,
    /// ECtHR case-name gazetteer (the citation authority CSV): cases cited by name
    /// without their application number (`M.S.S. v. Belgium and Greece`) resolve through
    /// it. Default: <corpus>/echr/citation_authority_eng.csv when that file exists under
    /// a corpus folder.
    #[arg(long, value_name = "PATH")]
    gazetteer: Option<PathBuf>,
    /// Do not resolve case names through a gazetteer (numbered citations only).
    #[arg(long, conflicts_with = "gazetteer")]
    no_gazetteer: bool,
    /// Follow symbolic links (files, folders, sidecars) whose target is inside a corpus
    /// folder. By default no link is followed; either way links out of the corpus
    /// folders are reported and not read.
    #[arg(long)]
    pub follow_symlinks: bool,
}

/// What a missing extraction tool costs, said once per process at the start of `ingest`,
/// `index` and `serve` (not when the option that would use the tool is off).
fn warn_about_missing_tools(options: &IngestOptions) {
    static WARNED: std::sync::Once = std::sync::Once::new();
    WARNED.call_once(|| {
        for warning in missing_tool_warnings(options, tool_is_installed) {
            eprintln!("hrlex: warning: {warning}");
        }
    });
}

fn missing_tool_warnings(
    options: &IngestOptions,
    installed: impl Fn(&'static str) -> bool,
) -> Vec<&'static str> {
    let mut warnings = Vec::new();
    if options.use_pdftotext && !installed("pdftotext") {
        warnings.push(
            "pdftotext is not installed: PDFs are read by the built-in extractor, which \
             gives Arabic text in reversed order, so Arabic PDFs are refused and other PDFs \
             lose their layout. Install poppler-utils (`sudo apt-get install poppler-utils`, \
             or scripts/install-deps.sh --runtime).",
        );
    }
    if options.ocr && !installed("tesseract") {
        warnings.push(
            "tesseract is not installed: scanned (image-only) PDFs are skipped and reported. \
             Install tesseract-ocr and its language packs (tesseract-ocr-ara, -chi-sim, \
             -fra, -rus, -spa, -por; or scripts/install-deps.sh --runtime), or pass --no-ocr.",
        );
    }
    warnings
}

/// pdf-extract runs in a child process (`hrlex pdf-extract-pages FILE`), so that its time
/// limit can end it and its memory goes with it.
fn pdf_extract_child_command() -> Option<Vec<std::ffi::OsString>> {
    let program = std::env::current_exe().ok()?;
    Some(vec![
        program.into_os_string(),
        PDF_EXTRACT_SUBCOMMAND.into(),
    ])
}

const PDF_EXTRACT_SUBCOMMAND: &str = "pdf-extract-pages";

/// Where a corpus folder keeps the ECtHR gazetteer.
pub const GAZETTEER_IN_CORPUS: &str = "echr/citation_authority_eng.csv";

impl ExtractOptionsArgs {
    pub fn to_options(&self) -> IngestOptions {
        IngestOptions {
            ocr: !self.no_ocr,
            tool_timeout: Duration::from_secs(self.tool_timeout),
            max_file_bytes: self.max_file_mb * 1024 * 1024,
            use_pdftotext: !self.no_pdftotext,
            pdf_extract_command: pdf_extract_child_command(),
            ..IngestOptions::default()
        }
    }

    /// [`Self::to_options`] with the gazetteer loaded: `--gazetteer PATH` (an error when
    /// unreadable), else the first `<root>/echr/citation_authority_eng.csv` of `corpora`
    /// (a warning when unreadable), unless `--no-gazetteer`.
    pub fn to_options_for(&self, corpora: &[PathBuf]) -> Result<IngestOptions> {
        let mut options = self.to_options();
        warn_about_missing_tools(&options);
        if self.follow_symlinks {
            options.symlinks = SymlinkPolicy::inside_roots(corpora);
        }
        if self.no_gazetteer {
            return Ok(options);
        }
        if let Some(path) = &self.gazetteer {
            let gazetteer = load_gazetteer(path)
                .with_context(|| format!("reading the gazetteer {}", path.display()))?;
            options.gazetteer = Some(std::sync::Arc::new(gazetteer));
            return Ok(options);
        }
        let default = corpora
            .iter()
            .map(|root| root.join(GAZETTEER_IN_CORPUS))
            .find(|path| path.is_file());
        if let Some(path) = default {
            match load_gazetteer(&path) {
                Ok(gazetteer) => {
                    tracing::debug!(path = %path.display(), entries = gazetteer.len(), "gazetteer loaded");
                    options.gazetteer = Some(std::sync::Arc::new(gazetteer));
                }
                Err(error) => {
                    tracing::warn!(path = %path.display(), error = %format!("{error:#}"), "gazetteer not usable, case names will not resolve");
                }
            }
        }
        Ok(options)
    }
}

fn load_gazetteer(path: &std::path::Path) -> Result<hrlex_cite::Gazetteer> {
    let file = std::fs::File::open(path)?;
    Ok(hrlex_cite::Gazetteer::from_csv(std::io::BufReader::new(
        file,
    ))?)
}

#[derive(Args)]
#[command(after_help = EXIT_CODES_HELP)]
struct IngestArgs {
    /// Corpus folder(s) to walk.
    #[arg(long = "corpus", required = true)]
    corpus: Vec<PathBuf>,
    /// Write the documents as JSON lines to this file.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    options: ExtractOptionsArgs,
}

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                exit::USAGE
            } else {
                exit::SUCCESS
            };
            let _ = error.print();
            return code;
        }
    };
    init_logging(cli.log_json);
    if !matches!(cli.command, Command::Serve(_) | Command::Index(_)) {
        end_quietly_on_closed_pipe();
    }
    let result = match cli.command {
        Command::Extract(args) => crate::commands::extract::run(args),
        Command::Ingest(args) => run_ingest(args),
        Command::Index(args) => crate::commands::index::run(args),
        Command::Search(args) => crate::commands::search::run(args),
        Command::Cite(args) => crate::commands::cite::run(args),
        Command::Serve(args) => crate::commands::serve::run(args),
        Command::Status(args) => crate::commands::status::run(args),
        Command::Cites(args) => crate::commands::graph::run_cites(args),
        Command::CitedBy(args) => crate::commands::graph::run_cited_by(args),
        Command::Token(args) => crate::commands::token::run(args),
        Command::Audit(args) => crate::commands::audit::run(args),
        Command::PdfExtractPages { file } => run_pdf_extract_pages(&file),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!(
                "hrlex: error: {}",
                crate::terminal::printable(&format!("{error:#}"))
            );
            exit::FATAL
        }
    }
}

/// Rust starts programs with SIGPIPE ignored, so `hrlex cites X | head` panicked on the
/// first write after `head` had exited. The commands that print results end quietly
/// instead, like other Unix filters. `serve` (sockets) and `index` (cron; it must finish
/// its commit) keep the default of ignoring it.
#[allow(unsafe_code)]
fn end_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: runs on the main thread before any other thread is started; SIG_DFL is a
    // valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("HRLEX_LOG").unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("warn,html5ever=error,selectors=error")
    });
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn run_pdf_extract_pages(file: &std::path::Path) -> Result<i32> {
    match hrlex_ingest::extract::pdf::pdf_extract_pages(file) {
        Ok(pages) => {
            let mut out = std::io::stdout().lock();
            out.write_all(pages.join("\u{000C}").as_bytes())?;
            out.flush()?;
            Ok(exit::SUCCESS)
        }
        Err(error) => {
            eprintln!("{error}");
            Ok(exit::PARTIAL)
        }
    }
}

fn run_ingest(args: IngestArgs) -> Result<i32> {
    let options = args.options.to_options_for(&args.corpus)?;
    for root in &args.corpus {
        if !root.exists() {
            eprintln!("hrlex: corpus folder {} does not exist", root.display());
            return Ok(exit::USAGE);
        }
    }
    let (files, problems) = walk::list_files_with(&args.corpus, &options.symlinks);
    let progress = progress_bar(files.len() as u64);
    let mut writer = match &args.out {
        Some(path) => Some(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => None,
    };
    let reports = walk::extract_all(files, &options, |_| {
        if let Some(progress) = &progress {
            progress.inc(1);
        }
    });
    if let Some(progress) = &progress {
        progress.finish_and_clear();
    }
    let mut summary = Summary::default();
    for problem in &problems {
        summary.add_walk_problem(problem);
    }
    for report in &reports {
        summary.add(report);
        if let (Some(writer), Ok(FileOutcome::Documents(documents))) =
            (writer.as_mut(), &report.result)
        {
            for document in documents {
                serde_json::to_writer(&mut *writer, document)?;
                writeln!(writer)?;
            }
        }
    }
    if let Some(mut writer) = writer {
        writer.flush()?;
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        print_summary(&summary);
    }
    Ok(if summary.failed > 0 {
        exit::PARTIAL
    } else {
        exit::SUCCESS
    })
}

pub(crate) fn progress_bar(total: u64) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

fn print_summary(summary: &Summary) {
    println!(
        "{} files: {} documents, {} skipped, {} failed",
        summary.files, summary.documents, summary.skipped, summary.failed
    );
    let print_counts = |label: &str, counts: &std::collections::BTreeMap<String, usize>| {
        let line: Vec<String> = counts
            .iter()
            .map(|(key, count)| format!("{key} {count}"))
            .collect();
        println!("  {label}: {}", line.join(", "));
    };
    print_counts("by source", &summary.by_source);
    print_counts("by format", &summary.by_format);
    print_counts("by language", &summary.by_lang);
    print_counts("by mechanism", &summary.by_mechanism);
    if !summary.failures.is_empty() {
        print_counts("failures by reason", &summary.failures_by_code);
        println!("failures:");
        for failure in &summary.failures {
            println!(
                "  [{}] {}",
                failure.code,
                crate::terminal::printable(&failure.reason)
            );
        }
    }
}
