//! `qdfh init`.

use std::process::ExitCode;

use crate::cli::{Cli, InitArgs};

use super::CmdError;

/// Runs `qdfh init`.
pub fn run(_cli: &Cli, _args: &InitArgs) -> Result<ExitCode, CmdError> {
    Err("noch nicht umgesetzt".into())
}
