//! `hrlex serve` (being written).
use clap::Args;

#[derive(Args)]
pub struct ServeArgs {}

pub fn run(_args: ServeArgs) -> anyhow::Result<i32> {
    eprintln!("hrlex serve: not available in this build yet");
    Ok(crate::cli::exit::FATAL)
}
