//! The binary as a user runs it from the project directory, for the CLI
//! tests. Its config and data directories point at a scratch directory, so
//! neither the user's `config.yaml` (a default backend, a style) nor their
//! session and log files come into a test.

use std::path::Path;
use std::process::{Command, Output};

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn run(args: &[&str]) -> Output {
    let data = std::env::temp_dir().join("patient-zero-test-data");
    Command::new(env!("CARGO_BIN_EXE_patient-zero"))
        .args(args)
        .env("XDG_DATA_HOME", &data)
        .env("XDG_CONFIG_HOME", data.join("no-config"))
        .current_dir(root())
        .output()
        .unwrap()
}

/// The shipped case files, in order.
#[allow(dead_code)]
pub fn shipped_paths() -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(root().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
}
