//! `qdfh examples`.

use std::process::ExitCode;

use crate::cli::{Cli, ExamplesArgs};

use super::CmdError;

/// Runs `qdfh examples`.
pub fn run(_cli: &Cli, _args: &ExamplesArgs) -> Result<ExitCode, CmdError> {
    Err("noch nicht umgesetzt".into())
}
