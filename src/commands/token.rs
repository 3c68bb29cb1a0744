//! `hrlex token add|list|revoke`: the API tokens of a token file (`hrlex_access`). A
//! token's secret is printed once, by `add`; the file keeps only its Argon2id hash.
use crate::cli::exit;
use crate::terminal::printable;
use clap::{Args, Subcommand};
use hrlex_access::{AccessError, TokenFile};
use hrlex_index::format_unix_utc;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Args)]
#[command(
    after_help = "Exit codes: 0 done, 2 bad usage (invalid name or group, duplicate or \
unknown name), 4 the token file could not be read or written"
)]
pub struct TokenArgs {
    #[command(subcommand)]
    action: TokenAction,
}

#[derive(Subcommand)]
enum TokenAction {
    /// Make a token; prints its secret once (the file keeps only a slow salted hash).
    Add {
        /// The token file (created, mode 0600, when missing).
        #[arg(long)]
        tokens: PathBuf,
        /// Who holds the token (a person, an office, a mechanism); unique among active tokens.
        #[arg(long)]
        name: String,
        /// The groups it belongs to, comma-separated (`spt,cat`; `admin` sees everything).
        #[arg(long, value_delimiter = ',', required = true)]
        groups: Vec<String>,
    },
    /// List the tokens (names, groups, ids, dates; never secrets).
    List {
        #[arg(long)]
        tokens: PathBuf,
        /// One JSON object per token.
        #[arg(long)]
        json: bool,
    },
    /// Revoke the active token with this name: it authenticates no one from then on.
    Revoke {
        #[arg(long)]
        tokens: PathBuf,
        #[arg(long)]
        name: String,
    },
}

pub fn run(args: TokenArgs) -> anyhow::Result<i32> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |duration| duration.as_secs());
    let result = match args.action {
        TokenAction::Add {
            tokens,
            name,
            groups,
        } => TokenFile::update(&tokens, |file| file.add(&name, &groups, now)).map(|secret| {
            println!("{secret}");
            eprintln!(
                "hrlex token: made the token {:?} ({}); its secret is printed above, once: \
                 it is kept nowhere",
                printable(name.trim()),
                groups.join(", ")
            );
        }),
        TokenAction::List { tokens, json } => {
            TokenFile::load(&tokens).map(|file| list(&file, json))
        }
        TokenAction::Revoke { tokens, name } => {
            TokenFile::update(&tokens, |file| file.revoke(&name, now)).map(|()| {
                eprintln!("hrlex token: revoked {:?}", printable(name.trim()));
            })
        }
    };
    match result {
        Ok(()) => Ok(exit::SUCCESS),
        Err(error) => {
            eprintln!("hrlex token: {}", printable(&error.to_string()));
            Ok(match error {
                AccessError::Io { .. } | AccessError::Corrupt { .. } | AccessError::Hash(_) => {
                    exit::FATAL
                }
                _ => exit::USAGE,
            })
        }
    }
}

fn list(file: &TokenFile, json: bool) {
    for token in file.tokens() {
        if json {
            let line = serde_json::json!({
                "name": token.name,
                "id": token.id,
                "groups": token.groups,
                "created_at": token.created_at,
                "revoked_at": token.revoked_at,
            });
            println!("{line}");
        } else {
            let state = match token.revoked_at {
                Some(revoked) => format!("revoked {}", format_unix_utc(revoked)),
                None => "active".to_string(),
            };
            println!(
                "{}\t{}\t{}\tmade {}\t{state}",
                printable(&token.name),
                token.id,
                token.groups.join(","),
                format_unix_utc(token.created_at)
            );
        }
    }
}
