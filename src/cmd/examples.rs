//! `qdfh examples` (hidden): regenerates the synthetic example inputs.

use std::process::ExitCode;

use crate::cli::{Cli, ExamplesArgs};
use crate::{example, project};

use super::CmdError;

/// Runs `qdfh examples`: writes the example inputs into `--out` with the
/// shipped catalog, so the examples always match what `qdfh init` installs;
/// with `--kommunen N` a state-sized example with N municipalities.
pub fn run(cli: &Cli, args: &ExamplesArgs) -> Result<ExitCode, CmdError> {
    let catalog = project::default_catalog();
    let written = match args.kommunen {
        Some(count) => example::write_state_example_inputs(&args.out, &catalog, count)?,
        None => example::write_example_inputs(&args.out, &catalog)?,
    };
    if !cli.quiet {
        let municipalities = args.kommunen.map(|n| format!(" für {n} Kommunen")).unwrap_or_default();
        println!("{} Beispiel-Eingaben{municipalities} geschrieben nach {}", written.len(), args.out.display());
    }
    Ok(ExitCode::SUCCESS)
}
