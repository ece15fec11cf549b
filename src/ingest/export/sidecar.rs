//! An Excel export that carries its own small Info sheet (Formular
//! „Umfrage-Export“, Import-Profil, Kommune, Jahr): municipality and year
//! come from there instead of the file name, so the export keeps the name
//! the survey tool gave it.

use calamine::{Data, Range};

use super::super::context::Context;
use super::super::file::Place;
use super::super::info::{InfoValue, find_value};
use super::super::schema;
use super::super::value;
use super::super::workbook::Book;
use super::profile::{Profile, find_profile};
use crate::catalog::fold_key;
use crate::diagnostics::{Cell, Diagnostics};

/// The "Formular" value that marks an export's Info sheet.
pub const EXPORT_FORM: &str = "Umfrage-Export";
/// The Info key naming the import profile.
pub const INFO_PROFILE: &str = "Import-Profil";

/// The Info sheet of a workbook if it marks the workbook as an export.
pub fn export_info(book: &mut Book) -> Option<Range<Data>> {
    let (_, range) = book.sheet(schema::INFO_SHEET).ok().flatten()?;
    let (form, _) = find_value(&range, schema::INFO_FORM)?;
    (fold_key(&value::display(form)) == fold_key(EXPORT_FORM)).then_some(range)
}

/// What the export's Info sheet says: its profile, municipality and year.
/// Every problem is reported at its cell; `None` when no profile is named.
pub fn info_subject<'p>(
    info: &Range<Data>,
    profiles: &'p [Profile],
    ctx: &Context,
    place: Place,
    diags: &mut Diagnostics,
) -> Option<(&'p Profile, Option<String>, Option<i32>)> {
    let profile = match find_value(info, INFO_PROFILE).filter(|(d, _)| !value::is_blank(d)) {
        None => {
            let message = format!("„{INFO_PROFILE}“ fehlt (vorhanden: {})", names(profiles));
            diags.push(ctx.info_error(message, None));
            None
        }
        Some((data, cell)) => {
            let name = value::display(data);
            let found = find_profile(profiles, &name);
            if found.is_none() {
                let message = format!("„{name}“ ist kein bekanntes Import-Profil (vorhanden: {})", names(profiles));
                diags.push(ctx.info_error(message, Some(cell)));
            }
            found
        }
    };
    let text =
        |key: &str| find_value(info, key).and_then(|(d, cell)| value::text(d).map(|value| InfoValue { value, cell }));
    let municipality = ctx.info_municipality(text(schema::INFO_MUNICIPALITY).as_ref(), diags);
    let year = info_year(info, ctx, place, diags);
    Some((profile?, municipality, year))
}

fn info_year(info: &Range<Data>, ctx: &Context, place: Place, diags: &mut Diagnostics) -> Option<i32> {
    let Some((data, cell)) = find_value(info, schema::INFO_YEAR).filter(|(d, _)| !value::is_blank(d)) else {
        let message = format!("„{}“ fehlt: bitte das Jahr vierstellig eintragen, z. B. 2026", schema::INFO_YEAR);
        diags.push(ctx.info_error(message, None));
        return None;
    };
    let Ok(Some(year)) = value::year(data) else {
        let message =
            format!("„{}“ ist keine gültige Jahreszahl (erlaubt: vierstellig, z. B. 2026)", value::display(data));
        diags.push(ctx.info_error(message, Some(cell)));
        return None;
    };
    placement(year, cell, ctx, place, diags);
    Some(year)
}

fn placement(year: i32, cell: Cell, ctx: &Context, place: Place, diags: &mut Diagnostics) {
    let message = match place {
        Place::Top => {
            "Ein Umfrage-Export gehört in einen Jahresordner wie 2026/, nicht direkt in den Eingabeordner".to_string()
        }
        Place::Year(folder) | Place::Loose(Some(folder)) if folder != year => {
            format!("Jahr {year} passt nicht zum Ordner {folder}/; bitte das Jahr oder den Ablageort korrigieren")
        }
        _ => return,
    };
    diags.push(ctx.info_error(message, Some(cell)));
}

fn names(profiles: &[Profile]) -> String {
    profiles.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
}
