//! `hrlex index` (being written).
use clap::Args;

#[derive(Args)]
pub struct IndexArgs {}

pub fn run(_args: IndexArgs) -> anyhow::Result<i32> {
    eprintln!("hrlex index: not available in this build yet");
    Ok(crate::cli::exit::FATAL)
}
