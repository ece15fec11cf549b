//! `qdfh check`: reads all inputs and reports every finding with file, sheet
//! and cell, then a German summary. Exit code 0 without errors, 1 with.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::CmdError;
use crate::cli::{CheckArgs, Cli, OutputFormat};
use crate::diagnostics::{Diagnostic, Severity};
use crate::ingest::{self, Reading};
use crate::project::{DEFAULT_TEMPLATES, Project};
use crate::render::Glyphs;

/// Runs `qdfh check`.
pub fn run(cli: &Cli, args: &CheckArgs) -> Result<ExitCode, CmdError> {
    let project = Project::open(&cli.project)?;
    let catalog = project.catalog_or_default()?;
    let path = args.path.clone().unwrap_or_else(|| project.inputs_dir());
    let mut reading = ingest::read(&path, &catalog);
    let glyphs = report_glyphs(&project);
    ingest::check_printable(&mut reading, &|c| glyphs.shows(c));
    let out = match args.format {
        OutputFormat::Text => text(&reading, cli.quiet),
        OutputFormat::Json => json(&reading)?,
    };
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(if reading.diagnostics.error_count() > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// What the reports' fonts can show: those of the project's templates, or
/// the shipped ones when checking outside a project (or when the project's
/// fonts are unusable, which `qdfh build` reports).
fn report_glyphs(project: &Project) -> Glyphs {
    let templates = project.templates_dir();
    if templates.join("fonts").is_dir()
        && let Ok(glyphs) = Glyphs::of_templates(&templates)
    {
        return glyphs;
    }
    let shipped = DEFAULT_TEMPLATES.get_dir("fonts").map(|d| d.files().map(|f| f.contents()).collect::<Vec<_>>());
    Glyphs::of_font_files(shipped.unwrap_or_default())
}

/// One line per finding ("Fehler: …", "Warnung: …"), consequences under
/// their cause, then the summary. `quiet` leaves out warnings but still
/// counts them.
fn text(reading: &Reading, quiet: bool) -> String {
    let mut out = reading.diagnostics.to_text(quiet);
    out.push_str(&summary(reading));
    out.push('\n');
    out
}

/// "12 Dateien geprüft, 0 Fehler, 3 Warnungen".
pub fn summary(reading: &Reading) -> String {
    let files = reading.files.len();
    let noun = if files == 1 { "Datei" } else { "Dateien" };
    format!("{} {noun} geprüft, {}", crate::ingest::format_number(files as f64), reading.diagnostics.counts_text())
}

/// The JSON document of `--format json`.
#[derive(Serialize)]
struct Report<'a> {
    diagnostics: Vec<Item<'a>>,
    files: usize,
    errors: usize,
    warnings: usize,
    consequences: usize,
}

/// One finding; `sheet` and `cell` are null for findings about a whole file.
#[derive(Serialize)]
struct Item<'a> {
    severity: Severity,
    file: &'a PathBuf,
    sheet: Option<&'a str>,
    cell: Option<String>,
    message: &'a str,
    /// Findings that follow from this one (e.g. workbooks naming a broken
    /// Stammdaten row).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    consequences: Vec<Item<'a>>,
}

impl<'a> From<&'a Diagnostic> for Item<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        Item {
            severity: d.severity,
            file: &d.file,
            sheet: d.sheet.as_deref(),
            cell: d.cell.map(|c| c.to_string()),
            message: &d.message,
            consequences: Vec::new(),
        }
    }
}

fn json(reading: &Reading) -> Result<String, CmdError> {
    let groups = reading.diagnostics.grouped();
    let diagnostics: Vec<Item> = groups
        .iter()
        .map(|g| Item {
            consequences: g.consequences.iter().copied().map(Item::from).collect(),
            ..Item::from(g.finding)
        })
        .collect();
    let errors = groups.iter().filter(|g| g.finding.is_error()).count();
    let report = Report {
        files: reading.files.len(),
        errors,
        warnings: groups.len() - errors,
        consequences: groups.iter().map(|g| g.consequences.len()).sum(),
        diagnostics,
    };
    Ok(serde_json::to_string_pretty(&report)? + "\n")
}
