//! Command-line arguments (clap types only).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// qdfh – Qualitätsberichte für Netzwerke Frühe Hilfen.
#[derive(Debug, Parser)]
#[command(name = "qdfh", version, about = "Qualitätsberichte für Netzwerke Frühe Hilfen aus Excel-Eingaben")]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
    /// Project folder (with qdfh.toml, templates/, inputs/, output/).
    #[arg(long, short = 'C', global = true, default_value = ".", value_name = "ORDNER")]
    pub project: PathBuf,
    /// Print only errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Prüft alle Eingaben und meldet Fehler mit Datei, Blatt und Zelle.
    Check(CheckArgs),
    /// Schreibt leere Eingabe-Formulare (Excel) mit Auswahllisten.
    Forms(FormsArgs),
    /// Legt ein neues Projekt mit Vorlagen, Katalog und Beispieldaten an.
    Init(InitArgs),
    /// Erstellt alle Berichte: Handouts, Cluster-Vergleiche, Landesübersicht, Excel.
    Build(BuildArgs),
    /// Schreibt die synthetischen Beispiel-Eingaben neu (für Entwickler).
    #[command(hide = true)]
    Examples(ExamplesArgs),
}

/// Output format of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// German text for people.
    Text,
    /// JSON for machines.
    Json,
}

/// Arguments of `qdfh check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Inputs folder or a single workbook (default: the project's inputs/).
    #[arg(value_name = "PFAD")]
    pub path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
}

/// Arguments of `qdfh forms`.
#[derive(Debug, Args)]
pub struct FormsArgs {
    /// Folder the blank forms are written to.
    #[arg(long, default_value = "formulare", value_name = "ORDNER")]
    pub out: PathBuf,
}

/// Arguments of `qdfh init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder of the new project (created if missing; must be empty).
    #[arg(value_name = "ORDNER", default_value = ".")]
    pub dir: PathBuf,
}

/// Arguments of `qdfh build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Only this year (default: every year in inputs/).
    #[arg(long)]
    pub year: Option<i32>,
    /// PDF profile: ua-a2a (default), plain, a2b, a3b.
    #[arg(long)]
    pub pdf: Option<String>,
}

/// Arguments of the hidden `qdfh examples`.
#[derive(Debug, Args)]
pub struct ExamplesArgs {
    /// Folder the example inputs are written to.
    #[arg(long, default_value = "inputs", value_name = "ORDNER")]
    pub out: PathBuf,
}
