//! `qdfh check`.

use std::process::ExitCode;

use crate::cli::{Cli, CheckArgs};

use super::CmdError;

/// Runs `qdfh check`.
pub fn run(_cli: &Cli, _args: &CheckArgs) -> Result<ExitCode, CmdError> {
    Err("noch nicht umgesetzt".into())
}
