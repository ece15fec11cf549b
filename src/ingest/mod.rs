//! Reading input workbooks (calamine) into the typed [`crate::model`], with
//! diagnostics that name file, sheet and cell.
//!
//! Rules for using data: a workbook with any error is left out of the
//! [`Inputs`] entirely, so no number is ever computed from it, while every
//! other workbook is still read. In Stammdaten an error in a row drops only
//! that municipality (and every workbook that names it). Warnings never
//! leave anything out. Which files are read or skipped is described in
//! [`folder`].

mod befragung;
mod cache;
mod collect;
mod context;
pub mod export;
mod fields;
mod file;
pub mod folder;
mod fragebogen;
mod glyphs;
mod info;
mod kennzahlen;
mod register;
pub mod schema;
mod stammdaten;
mod standards;
mod table;
mod value;
mod werkstatt;
mod workbook;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use cache::WorkbookCache;
pub use file::Workbook;
pub use glyphs::Prints;
pub use kennzahlen::KeyFigures;
pub use stammdaten::Stammdaten;
pub use value::format_number;

use crate::catalog::Catalog;
use crate::diagnostics::{self, Diagnostic, Diagnostics};
use crate::model::{Inputs, Municipality};
use file::{FileResult, Place, Want, read_file};
use register::Register;

/// Everything `qdfh check` needs to know about a run over the inputs.
#[derive(Debug, Default)]
pub struct Reading {
    /// The usable inputs.
    pub inputs: Inputs,
    /// All findings, sorted by file, sheet and cell.
    pub diagnostics: Diagnostics,
    /// The workbooks that were read (or tried), sorted.
    pub files: Vec<PathBuf>,
}

/// Reads an inputs folder (Stammdaten at the top, year folders `NNNN/`), a
/// single year folder, or a single workbook. See [`read`].
pub fn read_inputs(path: &Path, catalog: &Catalog) -> (Inputs, Diagnostics) {
    let reading = read(path, catalog);
    (reading.inputs, reading.diagnostics)
}

/// Reads an inputs folder like [`read_inputs`], taking workbooks that did
/// not change from `cache` (see [`WorkbookCache`]).
pub fn read_inputs_cached(path: &Path, catalog: &Catalog, cache: &WorkbookCache) -> (Inputs, Diagnostics) {
    if !path.is_dir() || folder::folder_year(path).is_some() {
        return read_inputs(path, catalog);
    }
    let mut reading = read_folder(path, catalog, Some(cache));
    sort_diagnostics(&mut reading.diagnostics);
    (reading.inputs, reading.diagnostics)
}

/// Reads `path` like [`read_inputs`] and also lists the files read.
///
/// A single workbook or year folder is checked against the Stammdaten found
/// in its folder or the two folders above; without any, a warning says that
/// the municipality could not be checked.
pub fn read(path: &Path, catalog: &Catalog) -> Reading {
    let mut reading = if path.is_file() {
        read_single(path, catalog)
    } else if path.is_dir() {
        let parent_year = path.parent().and_then(folder::folder_year);
        match (folder::folder_year(path), parent_year) {
            (Some(year), _) => read_year_folder(path, year, catalog),
            (None, Some(year)) => read_questionnaire_folder(path, year, catalog),
            (None, None) => read_folder(path, catalog, None),
        }
    } else {
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::error(path, "Ordner oder Datei nicht gefunden"));
        Reading { diagnostics: diags, ..Reading::default() }
    };
    sort_diagnostics(&mut reading.diagnostics);
    reading.files.sort();
    reading
}

/// Reads one workbook without looking at its folder. `municipalities` are
/// the Stammdaten to check against (`None`: unchecked, with a warning).
/// Returns `None` when the workbook has an error, as [`read_inputs`] would
/// leave it out (Stammdaten keep their rows without errors).
pub fn read_workbook(
    path: &Path,
    catalog: &Catalog,
    municipalities: Option<&[Municipality]>,
) -> (Option<Workbook>, Diagnostics) {
    let register = match municipalities {
        Some(list) => Register::Known { municipalities: list.to_vec(), dropped: Default::default() },
        None => Register::Missing { warn: true },
    };
    let mut result = read_file(path, catalog, &register, Place::Loose(None), Want::All);
    sort_diagnostics(&mut result.diags);
    let usable = matches!(result.content, Some(Workbook::Stammdaten(_))) || result.diags.error_count() == 0;
    (result.content.filter(|_| usable), result.diags)
}

/// Reads one export of an online survey through its import profile, as
/// the survey of the municipality and year its file name gives, checked
/// against the Stammdaten found like those of a single workbook.
pub fn read_export(path: &Path, catalog: &Catalog, profile: &export::Profile) -> Reading {
    let parent = path.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p });
    let place = Place::Loose(parent.and_then(folder::folder_year));
    let register = find_register(parent, Some(path), catalog);
    let results = vec![export::read_export(path, profile, catalog, &register, place)];
    let mut reading = collect::finish(results, register, Diagnostics::default());
    sort_diagnostics(&mut reading.diagnostics);
    reading
}

/// The inputs folder: Stammdaten first (they are needed to check every other
/// workbook), then all year folders.
fn read_folder(dir: &Path, catalog: &Catalog, cache: Option<&WorkbookCache>) -> Reading {
    let mut diags = Diagnostics::default();
    let is_export = |p: &Path| export::profile_for(&catalog.imports, p).is_some();
    let listing = folder::list_with(dir, true, &is_export, &mut diags);
    let unchecked = Register::Missing { warn: false };
    let top = read_files(&listing.files, catalog, &unchecked, Place::Top, cache);
    let has_stammdaten = top.iter().any(|r| r.kind == Some(schema::FormKind::Stammdaten));
    if !has_stammdaten {
        let message = format!(
            "Keine Stammdaten gefunden: eine Arbeitsmappe mit Info › Formular „Stammdaten“ gehört direkt in {}/",
            dir.display()
        );
        diags.push(Diagnostic::error(dir, message));
    }
    let register = collect::register(&top, &mut diags, false);
    let mut results = top;
    for (year, year_dir) in &listing.years {
        let files = folder::list_year(year_dir, &is_export, &mut diags);
        let read = read_files(&files, catalog, &register, Place::Year(*year), cache);
        results.extend(collect::only_questionnaires_in_folders(read, &mut diags));
    }
    collect::finish(results, register, diags)
}

/// A year folder given on its own: Stammdaten come from the folders above.
fn read_year_folder(dir: &Path, year: i32, catalog: &Catalog) -> Reading {
    let mut diags = Diagnostics::default();
    let is_export = |p: &Path| export::profile_for(&catalog.imports, p).is_some();
    let files = folder::list_year(dir, &is_export, &mut diags);
    let register = find_register(dir.parent(), None, catalog);
    let read = read_files(&files, catalog, &register, Place::Year(year), None);
    let results = collect::only_questionnaires_in_folders(read, &mut diags);
    collect::finish(results, register, diags)
}

/// A folder of questionnaires inside a year folder, given on its own:
/// Stammdaten come from the folders above.
fn read_questionnaire_folder(dir: &Path, year: i32, catalog: &Catalog) -> Reading {
    let mut diags = Diagnostics::default();
    let is_export = |p: &Path| export::profile_for(&catalog.imports, p).is_some();
    let listing = folder::list_with(dir, false, &is_export, &mut diags);
    for deeper in &listing.folders {
        diags.push(Diagnostic::warning(deeper, "Ordner wird übersprungen: Fragebögen gehören direkt in diesen Ordner"));
    }
    let register = find_register(Some(dir), None, catalog);
    let read = read_files(&listing.files, catalog, &register, Place::Year(year), None);
    let results = collect::only_questionnaires_in_folders(read, &mut diags);
    collect::finish(results, register, diags)
}

/// A single file given on its own (a coordinator checking one form).
fn read_single(path: &Path, catalog: &Catalog) -> Reading {
    let mut diags = Diagnostics::default();
    let is_export = export::profile_for(&catalog.imports, path).is_some();
    match folder::classify(path) {
        _ if is_export => {}
        folder::FileClass::Spreadsheet => {}
        folder::FileClass::Ignored => {
            let message = "Sperr- oder Systemdatei, wird übersprungen (Office legt sie beim Öffnen an)";
            diags.push(Diagnostic::warning(path, message));
            return Reading { diagnostics: diags, ..Reading::default() };
        }
        folder::FileClass::Other => {
            diags.push(folder::skipped(path));
            return Reading { diagnostics: diags, ..Reading::default() };
        }
    }
    let parent = path.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p });
    let place = Place::Loose(parent.and_then(folder::folder_year));
    let register = find_register(parent, Some(path), catalog);
    let results = vec![read_file(path, catalog, &register, place, Want::All)];
    collect::finish(results, register, diags)
}

fn read_files(
    files: &[PathBuf],
    catalog: &Catalog,
    register: &Register,
    place: Place,
    cache: Option<&WorkbookCache>,
) -> Vec<FileResult> {
    match cache {
        Some(cache) => cache.read_all(files, catalog, register, place, Want::All),
        None => files.par_iter().map(|f| read_file(f, catalog, register, place, Want::All)).collect(),
    }
}

/// Looks for Stammdaten in `start` and up to two folders above it; the
/// first folder holding any wins. Problems in those Stammdaten are not
/// reported here (they are not the file being checked); their rows without
/// errors are used.
fn find_register(start: Option<&Path>, exclude: Option<&Path>, catalog: &Catalog) -> Register {
    let Some(start) = start.and_then(|s| std::path::absolute(s).ok()) else {
        return Register::Missing { warn: true };
    };
    let exclude = exclude.and_then(|e| std::path::absolute(e).ok());
    let unchecked = Register::Missing { warn: false };
    for dir in start.ancestors().take(3) {
        let mut ignored = Diagnostics::default();
        let files: Vec<PathBuf> =
            folder::list(dir, false, &mut ignored).files.into_iter().filter(|f| Some(f) != exclude.as_ref()).collect();
        let found: Vec<FileResult> = files
            .par_iter()
            .map(|f| read_file(f, catalog, &unchecked, Place::Loose(None), Want::Stammdaten))
            .filter(|r| matches!(r.content, Some(Workbook::Stammdaten(_))))
            .collect();
        if !found.is_empty() {
            return collect::register(&found, &mut ignored, true);
        }
    }
    Register::Missing { warn: true }
}

/// Adds a warning for every text cell of the files read that holds
/// characters the report fonts cannot show (see [`Prints`]).
pub fn check_printable(reading: &mut Reading, prints: Prints) {
    let found = glyphs::unprintable_characters(&reading.files, prints);
    reading.diagnostics.items.extend(found.items);
    sort_diagnostics(&mut reading.diagnostics);
}

/// Sorts findings by file, sheet and cell; findings about a whole file come
/// first, then the Info sheet (it says what the file is), then the other
/// sheets by name. The sort is stable, so findings at the same place keep
/// the order in which they were found.
fn sort_diagnostics(diags: &mut Diagnostics) {
    diags.items.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
}

/// Files outside year folders (the Stammdaten) first: their errors are
/// causes that other files' findings follow from. Then by file, with a
/// file's own findings before its Info sheet's and its data sheets'.
fn sort_key(d: &Diagnostic) -> (bool, &Path, u8, Option<&str>, Option<diagnostics::Cell>) {
    let in_year_folder = folder::year_of_file(&d.file).is_some();
    let rank = match d.sheet.as_deref() {
        None => 0,
        Some(schema::INFO_SHEET) => 1,
        Some(_) => 2,
    };
    (in_year_folder, &d.file, rank, d.sheet.as_deref(), d.cell)
}
