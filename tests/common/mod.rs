//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod exports;
pub mod fixture;
pub mod outputs;
pub mod render;
pub mod workbooks;

use std::path::PathBuf;
use std::process::Command;

/// Returns true when the outside program `name` can be run.
///
/// When it is missing the test is skipped with a clear message, except under
/// CI (`CI=true`), where `.ci/run` installs every such program: there a
/// missing program fails the test so that no check silently stops running.
pub fn require_tool(name: &str) -> bool {
    let found = Command::new(name).arg("-v").output().or_else(|_| Command::new(name).arg("--version").output()).is_ok();
    if found {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("outside program `{name}` is missing; .ci/run must install it");
    }
    eprintln!("SKIPPED: outside program `{name}` is not installed; this check did not run");
    false
}

/// The root of the repository (where Cargo.toml lives).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
