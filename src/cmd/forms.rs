//! `qdfh forms`.

use std::process::ExitCode;

use crate::cli::{Cli, FormsArgs};

use super::CmdError;

/// Runs `qdfh forms`.
pub fn run(_cli: &Cli, _args: &FormsArgs) -> Result<ExitCode, CmdError> {
    Err("noch nicht umgesetzt".into())
}
