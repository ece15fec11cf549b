//! `qdfh forms`: writes the blank input forms.

use std::process::ExitCode;

use crate::cli::{Cli, FormsArgs};
use crate::project::Project;

use super::CmdError;

/// Runs `qdfh forms`: one blank workbook per input kind into `--out`.
pub fn run(cli: &Cli, args: &FormsArgs) -> Result<ExitCode, CmdError> {
    let catalog = Project::open(&cli.project)?.catalog_or_default()?;
    let written = crate::forms::write_blank_forms(&args.out, &catalog)?;
    if !cli.quiet {
        println!("{} leere Formulare geschrieben nach {}:", written.len(), args.out.display());
        for path in &written {
            println!("  {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
