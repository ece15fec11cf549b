//! Kennzahlen: key figures of one year, one row per municipality.

use std::collections::HashMap;

use super::context::{Context, canonical};
use super::fields::{Fields, fixed};
use super::info::Info;
use super::register::lookup_problem;
use super::schema::{self, ColumnKey, kennzahlen_columns};
use super::workbook::Book;
use crate::catalog::fold_key;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::KeyFigureValue;

/// The key figures of one workbook.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct KeyFigures {
    /// The year from Info.
    pub year: i32,
    /// Municipality ids with a row, in row order.
    pub municipalities: Vec<String>,
    /// The values given.
    pub values: Vec<KeyFigureValue>,
    /// The target values given (`value` is the target).
    #[serde(default)]
    pub targets: Vec<KeyFigureValue>,
}

/// Reads a key-figures workbook. Problems go to `diags`; the caller drops
/// the workbook on errors.
pub fn read(book: &mut Book, info: &Info, ctx: &Context, diags: &mut Diagnostics) -> Option<KeyFigures> {
    let year = ctx.info_year(info, diags);
    let columns = kennzahlen_columns(ctx.catalog);
    let table = book.table(schema::sheet::KENNZAHLEN, &columns, true, diags)?;
    ctx.warn_unchecked(diags);
    let figures: Vec<(String, ColumnKey)> = (ctx.catalog.material.key_figures.iter())
        .map(|f| (f.id.clone(), ColumnKey::KeyFigure(f.id.clone())))
        .filter(|(_, key)| table.has(key))
        .collect();
    if figures.is_empty() {
        let names: Vec<&str> = ctx.catalog.material.key_figures.iter().map(|f| f.name.as_str()).collect();
        let message = format!("Keine Kennzahl-Spalte gefunden (erwartet: {})", names.join(", "));
        diags.push(Diagnostic::warning(ctx.file, message).in_sheet(&table.sheet));
    }
    let mut fields = Fields { file: ctx.file, catalog: ctx.catalog, table: &table, diags };
    let targets: Vec<(String, ColumnKey)> = (ctx.catalog.material.key_figures.iter())
        .map(|f| (f.id.clone(), ColumnKey::KeyFigureTarget(f.id.clone())))
        .filter(|(_, key)| table.has(key))
        .collect();
    let mut out = KeyFigures { year: year.unwrap_or_default(), ..KeyFigures::default() };
    let mut first_row: HashMap<String, u32> = HashMap::new();
    for row in &table.rows {
        let typed = fields.required_text(row, &fixed("Kommune"));
        let values: Vec<(String, Option<f64>)> =
            figures.iter().map(|(id, key)| (id.clone(), fields.number(row, key))).collect();
        let goals: Vec<(String, Option<f64>)> =
            targets.iter().map(|(id, key)| (id.clone(), fields.number(row, key))).collect();
        let (Some(typed), Some((_, cell))) = (typed, table.get(row, &fixed("Kommune"))) else { continue };
        let lookup = ctx.register.lookup(&typed);
        if let Some((message, link)) = lookup_problem(&lookup, &typed) {
            fields.linked_error(cell, message, link);
            continue;
        }
        let municipality = canonical(&lookup, &typed);
        if let Some(first) = first_row.get(&fold_key(&municipality)) {
            let message = format!("Kommune „{typed}“ kommt mehrfach vor (auch in Zeile {})", first + 1);
            fields.error(cell, message);
            continue;
        }
        first_row.insert(fold_key(&municipality), row.row);
        out.municipalities.push(municipality.clone());
        let given = |list: Vec<(String, Option<f64>)>| {
            list.into_iter()
                .filter_map(|(figure, value)| value.map(|value| (figure, value)))
                .map(|(figure, value)| KeyFigureValue {
                    municipality: municipality.clone(),
                    year: out.year,
                    figure,
                    value,
                })
                .collect::<Vec<_>>()
        };
        out.values.extend(given(values));
        out.targets.extend(given(goals));
    }
    if table.rows.is_empty() {
        diags.push(Diagnostic::warning(ctx.file, "Die Kennzahlen enthalten keine Zeilen").in_sheet(&table.sheet));
    }
    year.map(|_| out)
}
