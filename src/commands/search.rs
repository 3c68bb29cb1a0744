//! `hrlex search` (being written).
use clap::Args;

#[derive(Args)]
pub struct SearchArgs {}

pub fn run(_args: SearchArgs) -> anyhow::Result<i32> {
    eprintln!("hrlex search: not available in this build yet");
    Ok(crate::cli::exit::FATAL)
}
