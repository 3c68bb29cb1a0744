//! The `hrlex` command line: parses arguments, calls the library crates, maps errors to
//! exit codes. See `hrlex --help`.

mod cli;
mod commands;
mod terminal;

fn main() {
    let code = cli::run();
    std::process::exit(code);
}
