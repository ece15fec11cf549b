//! `qdfh forms`: writes the blank input forms.

use std::process::ExitCode;

use crate::catalog::Catalog;
use crate::cli::{Cli, FormsArgs};
use crate::project::{self, Project};

use super::CmdError;

/// Runs `qdfh forms`: one blank workbook per input kind into `--out`.
pub fn run(cli: &Cli, args: &FormsArgs) -> Result<ExitCode, CmdError> {
    let catalog = project_catalog(cli)?;
    let written = crate::forms::write_blank_forms(&args.out, &catalog)?;
    if !cli.quiet {
        println!("{} leere Formulare geschrieben nach {}:", written.len(), args.out.display());
        for path in &written {
            println!("  {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The project's catalog, or the shipped one when the project has no
/// catalog folder (forms can then be written outside any project).
fn project_catalog(cli: &Cli) -> Result<Catalog, CmdError> {
    let project = Project::open(&cli.project)?;
    if project.templates_dir().join("katalog").is_dir() {
        Ok(project.catalog()?)
    } else {
        Ok(project::default_catalog())
    }
}
