//! Command-line arguments (clap types only).
//!
//! The doc comments on arguments are the German help text users see in
//! `qdfh --help`, so they are written in German.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// qdfh – Qualitätsberichte für Netzwerke Frühe Hilfen.
#[derive(Debug, Parser)]
#[command(name = "qdfh", version, about = "Qualitätsberichte für Netzwerke Frühe Hilfen aus Excel-Eingaben")]
pub struct Cli {
    /// Unterbefehl.
    #[command(subcommand)]
    pub command: Command,
    /// Projektordner (mit qdfh.toml, templates/, inputs/, output/).
    #[arg(long, short = 'C', global = true, default_value = ".", value_name = "ORDNER")]
    pub project: PathBuf,
    /// Nur Fehler ausgeben.
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
    /// Übernimmt einen Umfrage-Export (z. B. LimeSurvey) als Befragungs-Arbeitsmappe.
    Import(ImportArgs),
    /// Erstellt alle Berichte: Handouts, Cluster-Vergleiche, Landesübersicht, Excel.
    Build(BuildArgs),
    /// Beobachtet inputs/ und templates/ und erstellt betroffene Berichte bei jeder Änderung neu.
    Watch(WatchArgs),
    /// Startet die Ablage-Seite im Browser: Arbeitsmappen hochladen, prüfen, Berichte abholen.
    Serve(ServeArgs),
    /// Erstellt Zugangscodes für die freigegebene Ablage-Seite (qdfh serve --freigabe).
    Zugang(ZugangArgs),
    /// Schreibt die synthetischen Beispiel-Eingaben neu (für Entwickler).
    #[command(hide = true)]
    Examples(ExamplesArgs),
}

/// Output format of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Deutscher Text zum Lesen.
    Text,
    /// JSON für Programme.
    Json,
}

/// Arguments of `qdfh check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Eingabeordner, Jahresordner oder eine einzelne Arbeitsmappe (Standard: inputs/ des Projekts).
    #[arg(value_name = "PFAD")]
    pub path: Option<PathBuf>,
    /// Ausgabeformat.
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
}

/// Arguments of `qdfh forms`.
#[derive(Debug, Args)]
pub struct FormsArgs {
    /// Ordner für die leeren Formulare.
    #[arg(long, default_value = "formulare", value_name = "ORDNER")]
    pub out: PathBuf,
}

/// Arguments of `qdfh init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Ordner des neuen Projekts (wird angelegt; darf noch kein Projekt enthalten).
    #[arg(value_name = "ORDNER", default_value = ".")]
    pub dir: PathBuf,
}

/// Arguments of `qdfh import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Import-Profil: Name einer Datei in templates/import/ (z. B. limesurvey) oder Pfad einer .toml-Datei.
    #[arg(value_name = "PROFIL")]
    pub profil: String,
    /// Der Export (CSV oder Excel), benannt nach dem Muster des Profils, z. B. limesurvey-auenfeld-2026.csv.
    #[arg(value_name = "DATEI")]
    pub datei: PathBuf,
    /// Zieldatei (Standard: befragung-<Kommune>.xlsx im Ordner des Exports).
    #[arg(long, value_name = "DATEI")]
    pub out: Option<PathBuf>,
}

/// Arguments of `qdfh build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Nur dieses Berichtsjahr (Standard: alle Jahre in inputs/).
    #[arg(long)]
    pub year: Option<i32>,
    /// PDF-Profil: ua-a2a (Standard: barrierefrei und archivfähig), plain, a2b, a3b (mit Daten als Anhang).
    #[arg(long)]
    pub pdf: Option<String>,
    /// Alle Dokumente neu erstellen, auch unveränderte.
    #[arg(long)]
    pub force: bool,
    /// Nichts schreiben: nur prüfen, ob alle Ausgaben aktuell sind (Exit-Code 1, wenn nicht).
    #[arg(long, conflicts_with = "force")]
    pub check: bool,
    /// Nur die Dokumente dieser Kommune (ID) oder dieses Clusters; mehrfach angebbar.
    #[arg(long, value_name = "KOMMUNE|CLUSTER")]
    pub only: Vec<String>,
    /// Nur Teil k von n (z. B. 2/4), für parallele CI-Läufe; zusammen ergeben alle Teile den ganzen Lauf.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
    /// Legt zusätzlich die Daten jedes PDFs (/data.json) unter ORDNER ab, z. B. um eine Vorlage
    /// mit der typst-Kommandozeile zu bearbeiten.
    #[arg(long, value_name = "ORDNER")]
    pub daten: Option<std::path::PathBuf>,
}

/// One of `count` equal parts of a build (`--shard k/n`), `index` from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which part, from 1.
    pub index: usize,
    /// How many parts.
    pub count: usize,
}

impl Shard {
    /// Whether the document at `position` of the sorted plan belongs here.
    pub fn takes(self, position: usize) -> bool {
        position % self.count == self.index - 1
    }
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    let wrong = || format!("„{text}“ ist kein Teil wie 2/4 (k von n, 1 ≤ k ≤ n)");
    let (k, n) = text.split_once('/').ok_or_else(wrong)?;
    let (index, count) = (k.trim().parse().map_err(|_| wrong())?, n.trim().parse().map_err(|_| wrong())?);
    if index == 0 || count == 0 || index > count {
        return Err(wrong());
    }
    Ok(Shard { index, count })
}

/// Arguments of the hidden `qdfh examples`.
#[derive(Debug, Args)]
pub struct ExamplesArgs {
    /// Ordner für die Beispiel-Eingaben.
    #[arg(long, default_value = "inputs", value_name = "ORDNER")]
    pub out: PathBuf,
    /// Landesgroßes Beispiel mit so vielen Kommunen (Cluster zu je vier); ohne: die 20 festen Beispielkommunen.
    #[arg(long, value_name = "ANZAHL", value_parser = parse_municipalities)]
    pub kommunen: Option<usize>,
}

fn parse_municipalities(text: &str) -> Result<usize, String> {
    let max = crate::example::MAX_MUNICIPALITIES;
    match text.trim().parse() {
        Ok(count) if (1..=max).contains(&count) => Ok(count),
        _ => Err(format!("„{text}“ ist keine Anzahl von 1 bis {max}")),
    }
}

/// Arguments of `qdfh watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Nur dieses Berichtsjahr (Standard: alle Jahre in inputs/).
    #[arg(long)]
    pub year: Option<i32>,
}

/// Arguments of `qdfh serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Im Netz freigeben: Anmeldung mit Zugangscode (siehe qdfh zugang); sonst nur auf diesem Rechner.
    #[arg(long)]
    pub freigabe: bool,
    /// Adresse und Port (Standard: 127.0.0.1:8080; ohne --freigabe nur 127.0.0.1 oder ::1).
    #[arg(long, value_name = "ADRESSE:PORT")]
    pub adresse: Option<std::net::SocketAddr>,
    /// Größte angenommene Datei in MB.
    #[arg(long, default_value_t = 20, value_name = "MB", value_parser = clap::value_parser!(u32).range(1..=500))]
    pub max_mb: u32,
    /// Den Browser nicht öffnen.
    #[arg(long)]
    pub kein_browser: bool,
    /// Läuft hinter einem HTTPS-Reverse-Proxy, der die Adresse des Besuchers in X-Forwarded-For
    /// einträgt (für die Sperre nach Fehlversuchen und das Protokoll).
    #[arg(long, requires = "freigabe")]
    pub hinter_proxy: bool,
}

/// Arguments of `qdfh zugang`.
#[derive(Debug, Args)]
pub struct ZugangArgs {
    /// Nur diese Codes erneuern: Kommune-ID oder „lako“; mehrfach angebbar. Ohne Angabe erhalten alle
    /// Kommunen und die LaKo, die noch keinen Code haben, einen.
    #[arg(long, value_name = "KOMMUNE|lako")]
    pub erneuern: Vec<String>,
    /// Datei für die neuen Codes im Klartext (CSV; Standard: zugangscodes-<Zeitpunkt>.csv im Projekt).
    #[arg(long, value_name = "DATEI")]
    pub csv: Option<PathBuf>,
}
