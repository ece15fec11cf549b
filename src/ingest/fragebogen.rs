//! Fragebogen: one person's answers to the survey, laid out as a form
//! (one entry per row). The questionnaires of a municipality and year
//! together are its survey; [`super::collect`] puts them together.

use super::befragung::read_row;
use super::context::Context;
use super::fields::Fields;
use super::info::Info;
use super::schema::{self, fragebogen_columns};
use super::table::Table;
use super::workbook::Book;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Answer, Survey};

/// Reads a questionnaire as a survey with one respondent, named after the
/// file. Problems are reported in `diags`; the caller drops the survey of
/// its municipality and year if any of them is an error.
pub fn read(book: &mut Book, info: &Info, ctx: &Context, diags: &mut Diagnostics) -> Option<Survey> {
    let municipality = ctx.info_municipality(info.municipality.as_ref(), diags);
    let year = ctx.info_year(info, diags);
    let (sheet, range) = match book.sheet(schema::sheet::FRAGEBOGEN) {
        Ok(Some(found)) => found,
        Ok(None) => {
            diags.push(Diagnostic::error(ctx.file, format!("Blatt „{}“ fehlt", schema::sheet::FRAGEBOGEN)));
            return None;
        }
        Err(diag) => {
            diags.push(diag);
            return None;
        }
    };
    let table = Table::read_form(&range, &sheet, &fragebogen_columns(ctx.catalog), ctx.file, diags);
    ctx.warn_unchecked(diags);
    let mut fields = Fields { file: ctx.file, catalog: ctx.catalog, table: &table, diags };
    let mut respondent = read_row(&mut fields, &table.rows[0]);
    respondent.id = ctx.file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let answered = respondent.ratings.values().chain(respondent.needs.values()).any(|a| *a != Answer::Blank);
    if !answered {
        let message = "Der Fragebogen enthält keine Einschätzung: Spalte C ist bei allen Zielen leer";
        diags.push(Diagnostic::warning(ctx.file, message).in_sheet(&table.sheet));
    }
    let file = ctx.file.to_path_buf();
    Some(Survey { municipality: municipality?, year: year?, file, respondents: vec![respondent] })
}
