//! The output folder: checked before anything is made, cleared of
//! temporary files an interrupted run left, and of reports whose inputs are
//! gone.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::CmdError;
use crate::documents::Document;

/// Creates the output folder and every folder a document goes to, and checks
/// that each can be written, so an unusable output folder is one German
/// message before anything is made, not an operating-system error per
/// document. Temporary files of an interrupted run are removed on the way.
pub(super) fn prepare_folders<'a>(
    output: &Path,
    documents: impl Iterator<Item = &'a Document>,
) -> Result<(), CmdError> {
    let parents = documents.filter_map(|d| output.join(&d.output).parent().map(Path::to_path_buf));
    let folders: BTreeSet<PathBuf> = std::iter::once(output.to_path_buf()).chain(parents).collect();
    for folder in folders {
        writable_folder(&folder)
            .map_err(|e| format!("der Ausgabeordner {} ist nicht nutzbar: {}", folder.display(), io_reason(&e)))?;
        remove_leftovers(&folder);
    }
    Ok(())
}

/// Creates `folder` if needed and writes and removes an empty probe file.
fn writable_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let probe = folder.join(format!(".qdfh-probe.{}.tmp", std::process::id()));
    std::fs::write(&probe, b"")?;
    std::fs::remove_file(&probe)
}

/// Removes the hidden `.….tmp` files [`crate::files::write_atomically`]
/// leaves when a run is killed mid-write. Another qdfh writing into the same
/// folder at this moment would lose its file and fail with a message.
fn remove_leftovers(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') && name.ends_with(".tmp") && path.is_file() {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// What an operating-system error means for a folder, in German.
fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::AlreadyExists | ErrorKind::NotADirectory => {
            "an seiner Stelle oder darüber liegt eine Datei, kein Ordner".into()
        }
        ErrorKind::PermissionDenied => "keine Schreibrechte".into(),
        ErrorKind::ReadOnlyFilesystem => "das Dateisystem ist schreibgeschützt".into(),
        ErrorKind::StorageFull => "der Datenträger ist voll".into(),
        _ => format!("das Betriebssystem meldet: {e}"),
    }
}
