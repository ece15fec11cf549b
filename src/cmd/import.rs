//! `qdfh import PROFIL DATEI`: converts an online-survey export into qdfh's
//! own Befragung workbook. Findings are listed as by `qdfh check`; with an
//! error nothing is written and the exit code is 1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::CmdError;
use crate::cli::{Cli, ImportArgs};
use crate::ingest::{self, export};
use crate::project::Project;

/// Runs `qdfh import`.
pub fn run(cli: &Cli, args: &ImportArgs) -> Result<ExitCode, CmdError> {
    let project = Project::open(&cli.project)?;
    let catalog = project.catalog_or_default()?;
    let profile = profile(&catalog, &args.profil)?;
    if !args.datei.is_file() {
        return Err(format!("{}: Datei nicht gefunden", args.datei.display()).into());
    }
    let reading = ingest::read_export(&args.datei, &catalog, &profile);
    eprint!("{}", reading.diagnostics.to_text(cli.quiet));
    let survey = reading.inputs.years.values().flat_map(|y| &y.surveys).next();
    let Some(survey) = survey.filter(|_| reading.diagnostics.error_count() == 0) else {
        eprintln!(
            "Nicht übernommen: {} in {}; bitte den Export oder das Profil korrigieren",
            reading.diagnostics.counts_text(),
            args.datei.display()
        );
        return Ok(ExitCode::FAILURE);
    };
    let out = args.out.clone().unwrap_or_else(|| default_out(&args.datei, &survey.municipality));
    let file_name = args.datei.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let note = format!("Übernommen aus {file_name} (Import-Profil {})", profile.name);
    let form = export::survey_form(survey, &catalog, Some(note));
    crate::forms::write_form(&out, &catalog, &form)?;
    if !cli.quiet {
        let count = survey.respondents.len();
        let noun = if count == 1 { "Antwort" } else { "Antworten" };
        println!(
            "{} geschrieben: Befragung {} {}, {count} {noun} ({})",
            out.display(),
            survey.municipality,
            survey.year,
            reading.diagnostics.counts_text()
        );
    }
    let same_folder =
        out.parent().and_then(|p| p.canonicalize().ok()) == args.datei.parent().and_then(|p| p.canonicalize().ok());
    if same_folder && out.parent().and_then(ingest::folder::folder_year).is_some() {
        eprintln!(
            "Hinweis: {} und {} liegen im selben Jahresordner und wären zwei Befragungen derselben Kommune; bitte eine der beiden Dateien dort entfernen",
            args.datei.display(),
            out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The profile named on the command line: a file `templates/import/<name>.toml`
/// of the project (or a shipped one), or the path of a profile file.
fn profile(catalog: &crate::catalog::Catalog, name: &str) -> Result<export::Profile, CmdError> {
    let path = Path::new(name);
    if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
        return Ok(export::parse_profile(path, &text, catalog)?);
    }
    let profiles = &catalog.imports;
    export::find_profile(profiles, name).cloned().ok_or_else(|| {
        let known: Vec<&str> = profiles.iter().map(|p| p.id.as_str()).collect();
        format!("Import-Profil „{name}“ nicht gefunden (vorhanden: {})", known.join(", ")).into()
    })
}

/// `befragung-<kommune>.xlsx` next to the export.
fn default_out(export: &Path, municipality: &str) -> PathBuf {
    let dir = export.parent().unwrap_or(Path::new("."));
    dir.join(format!("befragung-{municipality}.xlsx"))
}
