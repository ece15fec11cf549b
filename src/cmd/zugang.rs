//! `qdfh zugang`: access codes for the shared drop page.
//!
//! Without `--erneuern` every municipality of the Stammdaten and the LaKo
//! that has no code yet gets one; `--erneuern` makes new codes for the named
//! ones (the old codes stop working). The new codes are written once, in
//! plain text, to a CSV file for the LaKo to send out; only their hashes
//! stay in `zugang.json`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdError;
use crate::catalog::fold_key;
use crate::cli::{Cli, ZugangArgs};
use crate::project::Project;
use crate::serve::access::{AccessCodes, IssuedCode, Role};

/// Runs `qdfh zugang`.
pub fn run(cli: &Cli, args: &ZugangArgs) -> Result<ExitCode, CmdError> {
    let project = Project::open(&cli.project)?;
    let catalog = project.catalog_or_default()?;
    let (inputs, _) = crate::ingest::read_inputs(&project.inputs_dir(), &catalog);
    if inputs.municipalities.is_empty() {
        return Err(format!("keine Kommunen in den Stammdaten unter {}", project.inputs_dir().display()).into());
    }
    let path = AccessCodes::path(&project.root);
    let mut codes = AccessCodes::load(&path)?;
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let wanted: Vec<Role> = if args.erneuern.is_empty() {
        std::iter::once(Role::Lako)
            .chain(inputs.municipalities.iter().map(|m| Role::Municipality(m.id.clone())))
            .filter(|role| !codes.has(role))
            .collect()
    } else {
        let mut roles = Vec::new();
        for name in &args.erneuern {
            if fold_key(name) == "lako" {
                roles.push(Role::Lako);
            } else if let Some(m) = inputs.municipalities.iter().find(|m| fold_key(&m.id) == fold_key(name)) {
                roles.push(Role::Municipality(m.id.clone()));
            } else {
                return Err(format!("--erneuern {name}: keine Kommune mit dieser ID in den Stammdaten").into());
            }
        }
        roles
    };
    if wanted.is_empty() {
        eprintln!("Alle Kommunen und die LaKo haben schon einen Code; einzelne erneuert „--erneuern ID“.");
        return Ok(ExitCode::SUCCESS);
    }
    let issued: Vec<IssuedCode> = wanted.into_iter().map(|role| codes.issue(role, &today)).collect::<Result<_, _>>()?;
    let csv = args.csv.clone().unwrap_or_else(|| {
        project.root.join(format!("zugangscodes-{}.csv", chrono::Local::now().format("%Y-%m-%d-%H%M%S")))
    });
    write_csv(&csv, &issued, &inputs.municipalities)?;
    codes.save(&path)?;
    eprintln!(
        "{} Zugangscodes erstellt und in {} geschrieben. Bitte die Datei nach dem Versenden löschen; \
         qdfh bewahrt nur die Prüfsummen auf ({}).",
        issued.len(),
        csv.display(),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes the codes as `;`-separated CSV with a BOM (so Excel reads the
/// umlauts); never over an existing file.
fn write_csv(
    path: &PathBuf,
    issued: &[IssuedCode],
    municipalities: &[crate::model::Municipality],
) -> Result<(), CmdError> {
    let mut text = String::from("\u{feff}Kommune-ID;Name;Zugangscode\r\n");
    for code in issued {
        let (id, name) = match &code.role {
            Role::Lako => ("lako".to_string(), "Landeskoordinierungsstelle".to_string()),
            Role::Municipality(id) => {
                let name = municipalities.iter().find(|m| &m.id == id).map_or(id.clone(), |m| m.name.clone());
                (id.clone(), name)
            }
        };
        // A leading = + - @ would make a spreadsheet read the field as a formula.
        let quote = |s: &str| {
            let guarded = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
            format!("\"{}\"", guarded.replace('"', "\"\""))
        };
        text.push_str(&format!("{};{};{}\r\n", quote(&id), quote(&name), code.code));
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(())
}
