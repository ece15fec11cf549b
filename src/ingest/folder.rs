//! The inputs folder: which files are read, which are skipped, and which
//! subfolders are years.
//!
//! Skipped silently: Office lock files (`~$x.xlsx`, `.~lock.x.xlsx#`), hidden
//! files (`.DS_Store`) and the system files `Thumbs.db` and `desktop.ini` –
//! they appear whenever someone opens a folder or a workbook and say nothing
//! about the inputs. Skipped with a warning: every other file that is not a
//! spreadsheet (`README.txt`, `bericht.pdf`, `daten.csv`), so a workbook
//! saved in the wrong format is noticed – unless it is an online-survey
//! export named after an import profile (see [`list_with`]).

use std::path::{Path, PathBuf};

use super::value::YEARS;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Extensions read as workbooks (lower case).
pub const SPREADSHEET_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "xlsb"];

/// What a file name says about a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileClass {
    /// A workbook to read.
    Spreadsheet,
    /// Lock, hidden or system file: skipped without a word.
    Ignored,
    /// Anything else: skipped with a warning.
    Other,
}

/// Classifies a file by its name.
pub fn classify(path: &Path) -> FileClass {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let lower = name.to_lowercase();
    if name.starts_with("~$") || name.starts_with('.') || lower == "thumbs.db" || lower == "desktop.ini" {
        return FileClass::Ignored;
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if SPREADSHEET_EXTENSIONS.contains(&ext.as_str()) { FileClass::Spreadsheet } else { FileClass::Other }
}

/// The warning for a skipped file that is not a spreadsheet.
pub fn skipped(path: &Path) -> Diagnostic {
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let message = if is_csv {
        "CSV-Datei wird übersprungen: bitte als Excel-Arbeitsmappe (.xlsx) speichern"
    } else {
        "Keine Tabellendatei, wird übersprungen (gelesen werden .xlsx, .xlsm, .xls und .ods)"
    };
    Diagnostic::warning(path, message)
}

/// The year a folder name stands for ("2026"), if any.
pub fn folder_year(path: &Path) -> Option<i32> {
    let name = path.file_name()?.to_str()?;
    let year: i32 = (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit())).then(|| name.parse().ok())??;
    YEARS.contains(&year).then_some(year)
}

/// The year a file belongs to by where it lies: its folder is a year
/// folder, or a folder of questionnaires inside one.
pub fn year_of_file(path: &Path) -> Option<i32> {
    let folder = path.parent()?;
    folder_year(folder).or_else(|| folder.parent().and_then(folder_year))
}

/// The folder of questionnaires a file lies in, if any: a folder directly
/// inside a year folder.
pub fn questionnaire_folder(path: &Path) -> Option<&Path> {
    let folder = path.parent()?;
    (folder_year(folder).is_none() && folder.parent().and_then(folder_year).is_some()).then_some(folder)
}

/// The contents of one folder.
#[derive(Debug, Default)]
pub struct Listing {
    /// Workbooks, sorted by name.
    pub files: Vec<PathBuf>,
    /// Year folders, sorted.
    pub years: Vec<(i32, PathBuf)>,
    /// Other subfolders (not hidden) of a folder that is not the inputs
    /// folder, sorted: in a year folder, folders of questionnaires.
    pub folders: Vec<PathBuf>,
}

/// Lists a folder. Year folders are collected when `top` (the inputs
/// folder); any other subfolder is skipped with a warning.
pub fn list(dir: &Path, top: bool, diags: &mut Diagnostics) -> Listing {
    list_with(dir, top, &|_| false, diags)
}

/// Lists a folder like [`list`]; files that are no spreadsheet but for which
/// `is_export` holds (online-survey exports named after an import profile)
/// are listed as files instead of being skipped.
pub fn list_with(dir: &Path, top: bool, is_export: &dyn Fn(&Path) -> bool, diags: &mut Diagnostics) -> Listing {
    let mut listing = Listing::default();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            diags.push(Diagnostic::error(
                dir,
                format!("Der Ordner kann nicht gelesen werden: {}", super::workbook::io_reason(&e)),
            ));
            return listing;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            list_dir(path, top, &mut listing, diags);
        } else {
            match classify(&path) {
                FileClass::Spreadsheet => listing.files.push(path),
                FileClass::Ignored => {}
                FileClass::Other if is_export(&path) => listing.files.push(path),
                FileClass::Other => diags.push(skipped(&path)),
            }
        }
    }
    listing.years.sort();
    listing
}

fn list_dir(path: PathBuf, top: bool, listing: &mut Listing, diags: &mut Diagnostics) {
    let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
    match (top, folder_year(&path)) {
        _ if hidden => {}
        (true, Some(year)) => listing.years.push((year, path)),
        (true, None) => {
            diags.push(Diagnostic::warning(
                &path,
                "Ordner wird übersprungen: Jahresordner heißen wie das Jahr, z. B. 2026",
            ));
        }
        (false, _) => listing.folders.push(path),
    }
}

/// The workbooks of a year folder: its own files and those of its
/// subfolders (a folder of questionnaires per municipality, see
/// `docs/eingaben.md`). Folders below those are skipped with a warning.
pub fn list_year(dir: &Path, is_export: &dyn Fn(&Path) -> bool, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let listing = list_with(dir, false, is_export, diags);
    let mut files = listing.files;
    for folder in listing.folders {
        let inner = list_with(&folder, false, is_export, diags);
        files.extend(inner.files);
        for deeper in inner.folders {
            let message = "Ordner wird übersprungen: Fragebögen gehören in einen Ordner direkt im Jahresordner, \
                           z. B. 2026/fragebogen-auenfeld/";
            diags.push(Diagnostic::warning(&deeper, message));
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_classified_by_name() {
        assert_eq!(classify(Path::new("a/befragung.XLSX")), FileClass::Spreadsheet);
        assert_eq!(classify(Path::new("a/b.ods")), FileClass::Spreadsheet);
        assert_eq!(classify(Path::new("a/~$befragung.xlsx")), FileClass::Ignored);
        assert_eq!(classify(Path::new("a/.~lock.befragung.xlsx#")), FileClass::Ignored);
        assert_eq!(classify(Path::new("a/.DS_Store")), FileClass::Ignored);
        assert_eq!(classify(Path::new("a/Thumbs.db")), FileClass::Ignored);
        assert_eq!(classify(Path::new("a/README.txt")), FileClass::Other);
        assert_eq!(classify(Path::new("a/README")), FileClass::Other);
    }

    #[test]
    fn year_folders_have_four_digits() {
        assert_eq!(folder_year(Path::new("inputs/2026")), Some(2026));
        assert_eq!(folder_year(Path::new("inputs/26")), None);
        assert_eq!(folder_year(Path::new("inputs/alt")), None);
        assert_eq!(folder_year(Path::new("inputs/0001")), None);
    }
}
