//! `qdfh examples` (hidden): regenerates the synthetic example inputs.

use std::process::ExitCode;

use crate::cli::{Cli, ExamplesArgs};
use crate::project;

use super::CmdError;

/// Runs `qdfh examples`: writes the example inputs into `--out` with the
/// shipped catalog, so the examples always match what `qdfh init` installs.
pub fn run(cli: &Cli, args: &ExamplesArgs) -> Result<ExitCode, CmdError> {
    let written = crate::example::write_example_inputs(&args.out, &project::default_catalog())?;
    if !cli.quiet {
        println!("{} Beispiel-Eingaben geschrieben nach {}", written.len(), args.out.display());
    }
    Ok(ExitCode::SUCCESS)
}
