//! Reading one workbook file: open it, read Info, check where it lies, and
//! hand it to the reader of its kind.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use super::context::Context;
use super::info::{Info, read_info};
use super::kennzahlen::{self, KeyFigures};
use super::register::Register;
use super::schema::FormKind;
use super::stammdaten::{self, Stammdaten};
use super::workbook::Book;
use super::{befragung, fragebogen, standards, werkstatt};
use crate::catalog::Catalog;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{StandardsAssessment, Survey, Workshop};

/// The contents of one workbook, by kind.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Workbook {
    /// The municipality register (rows with errors already dropped).
    Stammdaten(Stammdaten),
    /// A survey.
    Befragung(Survey),
    /// A workshop.
    Werkstatt(Workshop),
    /// Key figures of one year.
    Kennzahlen(KeyFigures),
    /// One person's questionnaire: a survey with one respondent.
    Fragebogen(Survey),
    /// A municipality's self-assessment against the quality standards.
    Standards(StandardsAssessment),
}

/// Where a file lies, which decides what it may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Place {
    /// Directly in the inputs folder: only Stammdaten belong here.
    Top,
    /// In a year folder: everything but Stammdaten.
    Year(i32),
    /// A single file checked on its own; `Some(year)` if its folder is
    /// named like a year.
    Loose(Option<i32>),
}

/// What to read of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Want {
    /// Everything.
    All,
    /// Only Stammdaten; other kinds stop after the Info sheet, silently.
    Stammdaten,
}

/// The outcome of reading one file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FileResult {
    /// The file.
    pub path: PathBuf,
    /// Its kind, if Info could be read.
    pub kind: Option<FormKind>,
    /// Its contents; `None` when it could not be read.
    pub content: Option<Workbook>,
    /// Everything found about it.
    pub diags: Diagnostics,
}

/// Reads one file. Never panics: a panic inside a reader (a malformed file
/// calamine did not expect) becomes an error about that file.
pub fn read_file(path: &Path, catalog: &Catalog, register: &Register, place: Place, want: Want) -> FileResult {
    if let Some((profile, _)) = super::export::profile_for(&catalog.imports, path) {
        if want == Want::Stammdaten {
            let diags = Diagnostics::default();
            return FileResult { path: path.to_path_buf(), kind: Some(FormKind::Befragung), content: None, diags };
        }
        return super::export::read_export(path, profile, catalog, register, place);
    }
    let run = || {
        let mut diags = Diagnostics::default();
        let (kind, content) = read_checked(path, catalog, register, place, want, &mut diags);
        FileResult { path: path.to_path_buf(), kind, content, diags }
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|_| {
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::error(
            path,
            "Die Datei kann nicht gelesen werden (unerwarteter Aufbau); bitte in Excel oder LibreOffice öffnen und neu speichern",
        ));
        FileResult { path: path.to_path_buf(), kind: None, content: None, diags }
    })
}

fn read_checked(
    path: &Path,
    catalog: &Catalog,
    register: &Register,
    place: Place,
    want: Want,
    diags: &mut Diagnostics,
) -> (Option<FormKind>, Option<Workbook>) {
    let mut book = match Book::open(path) {
        Ok(book) => book,
        Err(diag) => {
            diags.push(diag);
            return (None, None);
        }
    };
    if let Some(info) = super::export::export_info(&mut book) {
        if want == Want::Stammdaten {
            return (Some(FormKind::Befragung), None);
        }
        let ctx = Context { file: path, catalog, register };
        let survey = super::export::read_with_info(&mut book, &info, &ctx, place, diags);
        return (Some(FormKind::Befragung), survey.map(Workbook::Befragung));
    }
    let Some(info) = read_info(&mut book, diags) else { return (None, None) };
    if want == Want::Stammdaten && info.form != FormKind::Stammdaten {
        return (Some(info.form), None);
    }
    let ctx = Context { file: path, catalog, register };
    if !placement_ok(&info, place, &ctx, diags) {
        return (Some(info.form), None);
    }
    let content = match info.form {
        FormKind::Stammdaten => stammdaten::read(&mut book, &ctx, diags).map(Workbook::Stammdaten),
        FormKind::Befragung => befragung::read(&mut book, &info, &ctx, diags).map(Workbook::Befragung),
        FormKind::Werkstatt => werkstatt::read(&mut book, &info, &ctx, diags).map(Workbook::Werkstatt),
        FormKind::Kennzahlen => kennzahlen::read(&mut book, &info, &ctx, diags).map(Workbook::Kennzahlen),
        FormKind::Fragebogen => fragebogen::read(&mut book, &info, &ctx, diags).map(Workbook::Fragebogen),
        FormKind::Standards => standards::read(&mut book, &info, &ctx, diags).map(Workbook::Standards),
    };
    (Some(info.form), content)
}

/// Stammdaten lie directly in the inputs folder, everything else in a
/// year folder whose name agrees with Info › Jahr.
fn placement_ok(info: &Info, place: Place, ctx: &Context, diags: &mut Diagnostics) -> bool {
    let folder = ctx.file.parent().map(|p| p.display().to_string()).unwrap_or_default();
    let stammdaten = info.form == FormKind::Stammdaten;
    let message = match place {
        Place::Top if !stammdaten => format!(
            "Diese Datei (Formular {}) gehört in einen Jahresordner wie {folder}/2026/, nicht direkt nach {folder}/",
            info.form.label()
        ),
        Place::Year(year) | Place::Loose(Some(year)) if stammdaten => {
            let top = ctx.file.parent().and_then(Path::parent).map(|p| p.display().to_string()).unwrap_or_default();
            format!("Stammdaten gehören direkt in den Eingabeordner ({top}/), nicht in den Jahresordner {year}/")
        }
        Place::Year(folder_year) | Place::Loose(Some(folder_year)) => match &info.year {
            Some(year) if year.value != folder_year => {
                let message = format!(
                    "Jahr {} passt nicht zum Ordner {folder_year}/; bitte das Jahr oder den Ablageort korrigieren",
                    year.value
                );
                // Reading goes on, so every problem of the file is shown at once.
                diags.push(ctx.info_error(message, Some(year.cell)));
                return true;
            }
            _ => return true,
        },
        _ => return true,
    };
    diags.push(ctx.info_error(message, Some(info.form_cell)));
    false
}
