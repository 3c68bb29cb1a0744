//! `hrlex serve`: the web interface and JSON API over an index. With no arguments it
//! first indexes `corpus/` into `index/` when the index is missing or older than the
//! corpus (through `hrlex index`, so the same extraction and report), then serves it on
//! 127.0.0.1:8080. Commits made later by `hrlex index` in another process are picked up
//! without restart.
//!
//! With `--tokens FILE`, callers with a token of that file (bearer header, or signed in
//! on the web page) see the restricted and confidential documents of their groups, and
//! every answer that showed them one is recorded in the audit log; the file is reloaded
//! when `hrlex token` changes it. Without it, every caller is anonymous.
use crate::cli::exit;
use clap::{Args, FromArgMatches};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

#[derive(Args)]
#[command(
    after_help = "Exit codes: 0 stopped cleanly (Ctrl-C), 2 bad usage, 4 fatal error \
(index unreadable, address in use)"
)]
pub struct ServeArgs {
    /// Index folder.
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Corpus folder(s) indexed first when the index is missing or older than them.
    #[arg(long = "corpus", default_value = "corpus")]
    corpus: Vec<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Serve the index as it is, without indexing the corpus first.
    #[arg(long)]
    no_update: bool,
    /// Follow symbolic links whose target is inside a corpus folder (as `hrlex index
    /// --follow-symlinks`).
    #[arg(long)]
    follow_symlinks: bool,
    /// Token file (`hrlex token add`): its tokens see their groups' documents. Without
    /// it every caller is anonymous and a request carrying a token is refused (401).
    #[arg(long)]
    tokens: Option<PathBuf>,
    /// Where answers that showed non-public documents are recorded, one JSON line each
    /// (default: `audit.log` beside the token file).
    #[arg(long, requires = "tokens")]
    audit_log: Option<PathBuf>,
}

/// The newest modification time of any file under `roots`.
fn newest_corpus_change(roots: &[PathBuf], follow_symlinks: bool) -> Option<SystemTime> {
    let symlinks = if follow_symlinks {
        hrlex_ingest::file_kind::SymlinkPolicy::inside_roots(roots)
    } else {
        hrlex_ingest::file_kind::SymlinkPolicy::never()
    };
    let (files, _) = hrlex_ingest::walk::list_files_with(roots, &symlinks);
    let mut newest = roots
        .iter()
        .filter_map(|root| {
            std::fs::metadata(root)
                .and_then(|metadata| metadata.modified())
                .ok()
        })
        .max();
    for file in files {
        if let Ok(modified) = std::fs::metadata(&file.path).and_then(|metadata| metadata.modified())
        {
            newest = newest.max(Some(modified));
        }
    }
    newest
}

fn index_needs_update(index: &Path, corpus: &[PathBuf], follow_symlinks: bool) -> bool {
    let Ok(committed) =
        std::fs::metadata(index.join("meta.json")).and_then(|metadata| metadata.modified())
    else {
        return true;
    };
    newest_corpus_change(corpus, follow_symlinks).is_some_and(|newest| newest > committed)
}

/// The index was written by a build of another schema version: `hrlex serve` owns the
/// index it builds from the corpus, so it rebuilds it (`--full`, which swaps the folders
/// only once the new index is committed) instead of failing after an upgrade.
fn index_of_another_version(index: &Path) -> bool {
    matches!(
        hrlex_index::SearchIndex::open(index),
        Err(hrlex_index::IndexError::SchemaMismatch { .. })
    )
}

/// Runs `hrlex index --corpus … --index … [--full]` in this process.
fn update_index(
    index: &Path,
    corpus: &[PathBuf],
    full: bool,
    follow_symlinks: bool,
) -> anyhow::Result<i32> {
    let mut argv: Vec<std::ffi::OsString> = vec!["index".into(), "--index".into(), index.into()];
    if full {
        argv.push("--full".into());
    }
    if follow_symlinks {
        argv.push("--follow-symlinks".into());
    }
    for root in corpus {
        argv.push("--corpus".into());
        argv.push(root.into());
    }
    let command =
        <crate::commands::index::IndexArgs as Args>::augment_args(clap::Command::new("index"));
    let matches = command.try_get_matches_from(argv)?;
    let index_args = crate::commands::index::IndexArgs::from_arg_matches(&matches)?;
    crate::commands::index::run(index_args)
}

pub fn run(args: ServeArgs) -> anyhow::Result<i32> {
    let outdated = !args.no_update && index_of_another_version(&args.index);
    if !args.no_update
        && (outdated || index_needs_update(&args.index, &args.corpus, args.follow_symlinks))
    {
        let missing: Vec<&PathBuf> = args.corpus.iter().filter(|root| !root.is_dir()).collect();
        if !missing.is_empty() && !args.index.join("meta.json").exists() {
            eprintln!(
                "hrlex serve: no index at {} and corpus folder {} does not exist",
                args.index.display(),
                missing[0].display()
            );
            return Ok(exit::USAGE);
        }
        if missing.is_empty() {
            eprintln!(
                "hrlex serve: {} {} into {}",
                if outdated {
                    "rebuilding (index of another schema version)"
                } else {
                    "indexing"
                },
                display_roots(&args.corpus),
                args.index.display()
            );
            let code = update_index(&args.index, &args.corpus, outdated, args.follow_symlinks)?;
            match code {
                exit::SUCCESS | exit::PARTIAL => {}
                // Another run (cron) holds the lock: serve what is committed.
                exit::LOCKED if args.index.join("meta.json").exists() => {}
                other => return Ok(other),
            }
        }
    }
    let limits = connection_limits_for(raise_open_file_limit());
    let auth = match hrlex_server::Auth::new(&hrlex_server::AuthConfig {
        tokens: args.tokens.clone(),
        audit_log: args.audit_log.clone(),
    }) {
        Ok(auth) => auth,
        Err(error) => {
            eprintln!("hrlex serve: {error}");
            return Ok(exit::FATAL);
        }
    };
    if let (Some(tokens), Some(log)) = (auth.tokens_path(), auth.audit_log()) {
        eprintln!(
            "hrlex serve: tokens from {}, audit log {}",
            tokens.display(),
            log.path().display()
        );
    }
    let state = match hrlex_server::AppState::open_with_auth(&args.index, limits, auth) {
        Ok(state) => state,
        Err(error) => {
            eprintln!("hrlex serve: {error}");
            return Ok(exit::FATAL);
        }
    };
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(args.addr).await {
            Ok(listener) => listener,
            Err(error) => {
                eprintln!("hrlex serve: cannot listen on {}: {error}", args.addr);
                return Ok(exit::FATAL);
            }
        };
        let address = listener.local_addr()?;
        eprintln!("hrlex serve: http://{address}/ (JSON API under /api/, Ctrl-C to stop)");
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        hrlex_server::serve(listener, state, shutdown).await?;
        Ok(exit::SUCCESS)
    })
}

/// File descriptors kept free of connections: the index (segment files, reloads, the
/// swap of a rebuild), the lock file, logs.
const DESCRIPTORS_FOR_THE_INDEX: u64 = 256;
/// Never fewer connections than this, whatever the descriptor limit says.
const MIN_CONNECTIONS: usize = 16;

/// The default limits, with at most as many connections as the descriptor limit leaves
/// room for beside the index (at the limit, reloads used to fail with "Too many open
/// files" and `/healthz` timed out).
fn connection_limits_for(open_file_limit: Option<u64>) -> hrlex_server::ServerLimits {
    let mut limits = hrlex_server::ServerLimits::default();
    if let Some(open_file_limit) = open_file_limit {
        let room = open_file_limit.saturating_sub(DESCRIPTORS_FOR_THE_INDEX);
        let room = usize::try_from(room).unwrap_or(usize::MAX);
        limits.max_connections = limits.max_connections.min(room).max(MIN_CONNECTIONS);
    }
    limits
}

/// Raises the soft limit of open files to the hard limit (allowed without privileges)
/// and returns the soft limit now in effect; `None` where it cannot be read.
#[cfg(unix)]
#[allow(unsafe_code)]
fn raise_open_file_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `limit` is a valid, writable rlimit for getrlimit to fill; setrlimit only
    // reads it. Neither keeps the pointer.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return None;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit = raised;
            }
        }
    }
    // `rlim_t` is u64 on Linux and macOS but i64 on FreeBSD.
    #[allow(clippy::useless_conversion)]
    Some(u64::try_from(limit.rlim_cur).unwrap_or(u64::MAX))
}

#[cfg(not(unix))]
fn raise_open_file_limit() -> Option<u64> {
    None
}

fn display_roots(roots: &[PathBuf]) -> String {
    roots
        .iter()
        .map(|root| root.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
