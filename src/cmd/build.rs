//! `qdfh build`.

use std::process::ExitCode;

use crate::cli::{Cli, BuildArgs};

use super::CmdError;

/// Runs `qdfh build`.
pub fn run(_cli: &Cli, _args: &BuildArgs) -> Result<ExitCode, CmdError> {
    Err("noch nicht umgesetzt".into())
}
