//! `hrlex cite` (being written).
use clap::Args;

#[derive(Args)]
pub struct CiteArgs {}

pub fn run(_args: CiteArgs) -> anyhow::Result<i32> {
    eprintln!("hrlex cite: not available in this build yet");
    Ok(crate::cli::exit::FATAL)
}
