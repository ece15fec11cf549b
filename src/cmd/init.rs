//! `qdfh init`: a fresh project from the defaults embedded in the binary.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use include_dir::Dir;

use crate::cli::{Cli, InitArgs};
use crate::config::CONFIG_FILE;
use crate::project::{self, DEFAULT_CONFIG, DEFAULT_TEMPLATES};

use super::CmdError;

/// What `qdfh init` creates; if any of these exists, it refuses.
const CREATED: [&str; 4] = [CONFIG_FILE, "templates", "inputs", "output"];

/// Runs `qdfh init`: writes `qdfh.toml`, `templates/`, example `inputs/`
/// and an empty `output/` into the target folder. Never overwrites: it
/// refuses when the folder already holds any of these.
pub fn run(cli: &Cli, args: &InitArgs) -> Result<ExitCode, CmdError> {
    let root = &args.dir;
    if let Some(existing) = CREATED.iter().map(|name| root.join(name)).find(|path| path.exists()) {
        return Err(format!(
            "{} gibt es schon – qdfh init legt ein neues Projekt nur in einem Ordner ohne qdfh.toml, templates/, \
             inputs/ und output/ an und überschreibt nichts. Wählen Sie einen anderen Ordner, z. B. \
             „qdfh init mein-projekt“.",
            existing.display()
        )
        .into());
    }
    create_dir(root)?;
    write_new(&root.join(CONFIG_FILE), DEFAULT_CONFIG.as_bytes())?;
    let templates = write_templates(&DEFAULT_TEMPLATES, &root.join("templates"))?;
    let inputs = crate::example::write_example_inputs(&root.join("inputs"), &project::default_catalog())?;
    create_dir(&root.join("output"))?;
    if !cli.quiet {
        println!("Projekt angelegt in {}:", root.display());
        println!("  {CONFIG_FILE}");
        println!("  templates/  ({templates} Dateien: Katalog, Vorlagen, Texte, Schriften)");
        println!("  inputs/     ({} synthetische Beispiel-Eingaben)", inputs.len());
        println!("  output/");
        println!("Als Nächstes: „qdfh -C {} check“, dann „qdfh -C {} build“.", root.display(), root.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes every embedded file below `dir`, keeping the folder structure;
/// returns the number of files.
fn write_templates(embedded: &Dir, dir: &Path) -> Result<usize, CmdError> {
    create_dir(dir)?;
    let mut count = 0;
    for file in embedded.files() {
        write_new(&dir.join(file_name(file.path())), file.contents())?;
        count += 1;
    }
    for sub in embedded.dirs() {
        count += write_templates(sub, &dir.join(file_name(sub.path())))?;
    }
    Ok(count)
}

/// The last component of an embedded path (embedded paths are relative to
/// the templates root, e.g. "katalog/skalen.toml").
fn file_name(path: &Path) -> PathBuf {
    path.file_name().map(PathBuf::from).unwrap_or_default()
}

fn create_dir(dir: &Path) -> Result<(), CmdError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("{}: Ordner kann nicht angelegt werden: {e}", dir.display()).into())
}

/// Creates a file that must not exist yet (`create_new`), so that init can
/// never overwrite anything, even if a file appears while it runs.
fn write_new(path: &Path, contents: &[u8]) -> Result<(), CmdError> {
    let fail =
        |e: std::io::Error| -> CmdError { format!("{}: kann nicht geschrieben werden: {e}", path.display()).into() };
    let mut file = OpenOptions::new().write(true).create_new(true).open(path).map_err(fail)?;
    file.write_all(contents).map_err(fail)
}
