use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The development corpus beside the checkout (`../shared/corpus`).
pub fn shared_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// The embedded sample corpus.
pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

pub fn hrlex() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hrlex"));
    command.env_remove("HRLEX_LOG");
    command
}

/// Runs hrlex with `args`; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let output: Output = hrlex().args(args).output().expect("hrlex runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}
