//! Surveys from online-survey tools: an export (CSV or Excel) read through
//! an import profile (`templates/import/*.toml`) into the same
//! [`Survey`] as qdfh's own Befragung workbook, with findings that name
//! file, column header and cell.
//!
//! The municipality and year come from the export's file name, by the
//! profile's pattern (`limesurvey-<kommune>-<jahr>.csv`). Incomplete
//! responses are left out and counted in a warning.

mod columns;
mod form;
mod grid;
mod pattern;
mod profile;
mod rows;
mod sidecar;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

pub use form::survey_form;
pub use pattern::Captures;
pub use profile::{
    EXPORT_EXTENSIONS, Mapped, PROFILES_DIR, Profile, ProfileError, find_profile, load_profiles, parse_profile,
    profile_for, shipped_profiles,
};
pub use sidecar::{EXPORT_FORM, INFO_PROFILE, export_info};

use super::context::{Context, canonical};
use super::file::{FileResult, Place, Workbook};
use super::register::{Register, lookup_problem};
use super::schema::FormKind;
use super::value::YEARS;
use super::workbook::Book;
use crate::catalog::Catalog;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Survey;

/// Reads one export as a survey. Never panics: a panic while reading
/// becomes an error about the file.
pub(super) fn read_export(
    path: &Path,
    profile: &Profile,
    catalog: &Catalog,
    register: &Register,
    place: Place,
) -> FileResult {
    let run = || {
        let mut diags = Diagnostics::default();
        let ctx = Context { file: path, catalog, register };
        let survey = read_checked(&ctx, profile, place, &mut diags);
        FileResult {
            path: path.to_path_buf(),
            kind: Some(FormKind::Befragung),
            content: survey.map(Workbook::Befragung),
            diags,
        }
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|_| {
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::error(path, "Der Export kann nicht gelesen werden (unerwarteter Aufbau)"));
        FileResult { path: path.to_path_buf(), kind: Some(FormKind::Befragung), content: None, diags }
    })
}

fn read_checked(ctx: &Context, profile: &Profile, place: Place, diags: &mut Diagnostics) -> Option<Survey> {
    let subject = subject(ctx, profile, place, diags);
    survey(ctx, profile, grid::read_grid(ctx.file), subject, diags)
}

/// Reads an Excel export whose own Info sheet (`info`) names its profile,
/// municipality and year; its answers are on the first other sheet.
pub(super) fn read_with_info(
    book: &mut Book,
    info: &calamine::Range<calamine::Data>,
    ctx: &Context,
    place: Place,
    diags: &mut Diagnostics,
) -> Option<Survey> {
    let (profile, municipality, year) = sidecar::info_subject(info, &ctx.catalog.imports, ctx, place, diags)?;
    let grid = grid::read_book(book, Some(super::schema::INFO_SHEET));
    survey(ctx, profile, grid, (municipality, year), diags)
}

/// The survey of an export's cells (or why they could not be read) for the
/// municipality and year found elsewhere.
fn survey(
    ctx: &Context,
    profile: &Profile,
    grid: Result<grid::Grid, Diagnostic>,
    (municipality, year): (Option<String>, Option<i32>),
    diags: &mut Diagnostics,
) -> Option<Survey> {
    let grid = grid.map_err(|diag| diags.push(diag)).ok()?;
    let Some(found) = columns::find_columns(&grid, profile, ctx.catalog, ctx.file, diags) else {
        let message = "Der Export ist leer: die Kopfzeile mit den Fragecodes fehlt";
        diags.push(grid.place(Diagnostic::error(ctx.file, message), None));
        return None;
    };
    ctx.warn_unchecked(diags);
    let respondents =
        rows::Rows { file: ctx.file, grid: &grid, found: &found, profile, catalog: ctx.catalog, diags }.read();
    Some(Survey { municipality: municipality?, year: year?, file: ctx.file.to_path_buf(), respondents })
}

/// The municipality and year the file name gives, checked against the
/// Stammdaten and the year folder.
fn subject(ctx: &Context, profile: &Profile, place: Place, diags: &mut Diagnostics) -> (Option<String>, Option<i32>) {
    let Some(found) = profile.file_name(ctx.file) else {
        let message = format!(
            "Der Dateiname passt nicht zum Import-Profil {}: erwartet wird {} (Kommune und Jahr stehen im Namen)",
            profile.name,
            profile.file_name_example()
        );
        diags.push(Diagnostic::error(ctx.file, message));
        return (None, None);
    };
    let lookup = ctx.register.lookup(&found.municipality);
    let municipality = match lookup_problem(&lookup, &found.municipality) {
        Some((message, link)) => {
            diags.push(Diagnostic::error(ctx.file, format!("Dateiname: {message}")).linked(link));
            None
        }
        None => Some(canonical(&lookup, &found.municipality)),
    };
    if !YEARS.contains(&found.year) {
        let message = format!("Dateiname: {} ist keine gültige Jahreszahl (erlaubt: z. B. 2026)", found.year);
        diags.push(Diagnostic::error(ctx.file, message));
        return (municipality, None);
    }
    if place == Place::Top {
        let message = "Ein Umfrage-Export gehört in einen Jahresordner wie 2026/, nicht direkt in den Eingabeordner";
        diags.push(Diagnostic::error(ctx.file, message));
    }
    if let Place::Year(folder) | Place::Loose(Some(folder)) = place
        && folder != found.year
    {
        let message = format!(
            "Jahr {} im Dateinamen passt nicht zum Ordner {folder}/; bitte den Namen oder den Ablageort korrigieren",
            found.year
        );
        diags.push(Diagnostic::error(ctx.file, message));
    }
    (municipality, Some(found.year))
}
