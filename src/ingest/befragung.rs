//! Befragung: the survey (Gesamteinschätzung) of one municipality and year.

use std::collections::{BTreeMap, HashMap};

use super::context::Context;
use super::fields::{Fields, fixed};
use super::info::Info;
use super::schema::{self, ColumnKey, befragung_columns};
use super::table::Row;
use super::value;
use super::workbook::Book;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Origin, Respondent, Survey};

/// Reads a survey workbook. Problems are reported in `diags`; the caller
/// drops the survey if any of them is an error.
pub fn read(book: &mut Book, info: &Info, ctx: &Context, diags: &mut Diagnostics) -> Option<Survey> {
    let municipality = ctx.info_municipality(info.municipality.as_ref(), diags);
    let year = ctx.info_year(info, diags);
    let columns = befragung_columns(ctx.catalog);
    let table = book.table(schema::sheet::BEFRAGUNG, &columns, true, diags)?;
    ctx.warn_unchecked(diags);
    let mut fields = Fields { file: ctx.file, catalog: ctx.catalog, table: &table, diags };
    let mut respondents = Vec::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for row in table.rows.iter().filter(|r| !table.only_has(r, &[fixed("Person")])) {
        let respondent = read_row(&mut fields, row);
        // Generated ids ("Zeile 7") cannot repeat; only typed ones are checked.
        if let Some((data, cell)) = table.get(row, &fixed("Person"))
            && !value::is_blank(data)
        {
            if let Some(first) = seen.get(&respondent.id) {
                let message = format!("Person „{}“ kommt mehrfach vor (auch in Zeile {})", respondent.id, first + 1);
                fields.warning(cell, message);
            } else {
                seen.insert(respondent.id.clone(), row.row);
            }
        }
        respondents.push(respondent);
    }
    if respondents.is_empty() {
        diags.push(Diagnostic::warning(ctx.file, "Die Befragung enthält keine Antworten").in_sheet(&table.sheet));
    }
    Some(Survey { municipality: municipality?, year: year?, file: ctx.file.to_path_buf(), respondents })
}

pub(super) fn read_row(fields: &mut Fields<'_>, row: &Row) -> Respondent {
    let catalog = fields.catalog;
    let rating = catalog.scale(&catalog.scales.verwendung.befragung);
    let need = catalog.scale(&catalog.scales.verwendung.bedarf);
    let id = fields.text(row, &fixed("Person")).unwrap_or_else(|| format!("Zeile {}", row.row + 1));
    let sector = fields.sector(row, &fixed("Sektor")).unwrap_or_default();
    let level = fields.level(row, &fixed("Ebene")).unwrap_or_default();
    let role = fields.text_or_empty(row, &fixed("Funktion"));
    let mut ratings = BTreeMap::new();
    for (_, goal) in catalog.goals() {
        let key = ColumnKey::Goal(goal.id.clone());
        if fields.table.has(&key) {
            ratings.insert(goal.id.clone(), fields.answer(row, &key, rating));
        }
    }
    let mut needs = BTreeMap::new();
    for dim in &catalog.framework.dimensions {
        let key = ColumnKey::Need(dim.id.clone());
        if fields.table.has(&key) {
            needs.insert(dim.id.clone(), fields.answer(row, &key, need));
        }
    }
    let comment = fields.text(row, &fixed("Anmerkung"));
    let origin = Origin { file: fields.file.to_path_buf(), sheet: fields.table.sheet.clone(), row: row.row };
    Respondent { id, sector, level, role, ratings, needs, comment, origin }
}
