//! Standards: a municipality's self-assessment against the quality
//! standards of the catalog in one year, laid out as a form (one standard
//! per row, id in column A, rating in column C).

use std::collections::BTreeMap;

use super::context::Context;
use super::fields::Fields;
use super::info::Info;
use super::schema::{self, ColumnKey, standards_columns};
use super::table::Table;
use super::value;
use super::workbook::Book;
use crate::catalog::StandardRating;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::StandardsAssessment;

/// Reads a Standards workbook. Every standard of the catalog needs a row
/// with a rating; a missing row, a blank or unknown rating and a repeated
/// row are errors, so the caller leaves the workbook out. A row whose id
/// the catalog does not know is a warning (an older catalog's standard).
pub fn read(book: &mut Book, info: &Info, ctx: &Context, diags: &mut Diagnostics) -> Option<StandardsAssessment> {
    let municipality = ctx.info_municipality(info.municipality.as_ref(), diags);
    let year = ctx.info_year(info, diags);
    if ctx.catalog.standards.is_none() {
        let message = format!(
            "Der Katalog enthält keine Qualitätsstandards (templates/katalog/{}); das Formular „Standards“ kann \
             nicht gelesen werden",
            crate::catalog::STANDARDS_FILE
        );
        diags.push(Diagnostic::error(ctx.file, message));
        return None;
    }
    let (sheet, range) = match book.sheet(schema::sheet::STANDARDS) {
        Ok(Some(found)) => found,
        Ok(None) => {
            diags.push(Diagnostic::error(ctx.file, format!("Blatt „{}“ fehlt", schema::sheet::STANDARDS)));
            return None;
        }
        Err(diag) => {
            diags.push(diag);
            return None;
        }
    };
    let columns = standards_columns(ctx.catalog);
    let table = Table::read_form(&range, &sheet, &columns, ctx.file, diags);
    ctx.warn_unchecked(diags);
    let mut fields = Fields { file: ctx.file, catalog: ctx.catalog, table: &table, diags };
    let mut ratings = BTreeMap::new();
    for column in &columns {
        let ColumnKey::Standard(id) = &column.key else { continue };
        if let Some(rating) = rating(&mut fields, &column.key, id) {
            ratings.insert(id.clone(), rating);
        }
    }
    let file = ctx.file.to_path_buf();
    Some(StandardsAssessment { municipality: municipality?, year: year?, file, ratings })
}

/// The rating of one standard, reporting a blank or unknown one at its cell.
fn rating(fields: &mut Fields<'_>, key: &ColumnKey, id: &str) -> Option<StandardRating> {
    let table = fields.table;
    let row = table.rows.first()?;
    let (data, cell) = table.get(row, key)?;
    // `Fields::cell` reports a formula error itself; only a blank is left.
    if fields.cell(row, key).is_none() {
        if value::is_blank(data) {
            let message = format!("Standard {id}: Bewertung fehlt (erlaubt: {})", StandardRating::allowed());
            fields.error(cell, message);
        }
        return None;
    }
    let text = value::display(data);
    let found = StandardRating::parse(&text);
    if found.is_none() {
        let message =
            format!("Standard {id}: „{text}“ ist keine gültige Bewertung (erlaubt: {})", StandardRating::allowed());
        fields.error(cell, message);
    }
    found
}
