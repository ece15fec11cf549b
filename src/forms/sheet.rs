//! A data sheet: protected header row, unlocked data cells, drop-downs.

use rust_xlsxwriter::{ProtectionOptions, Worksheet, XlsxError};

use super::layout::SheetSpec;
use super::style::{Formats, wrapped_height};
use super::validation::{self, Lists};
use super::{DATA_ROWS, Row, Value};
use crate::catalog::Catalog;
use crate::ingest::schema::ColumnKind;

/// Sheets wider than this keep their first two columns in view while
/// scrolling sideways (e.g. Person and Sektor in the survey).
const WIDE_SHEET: usize = 12;

/// Writes one data sheet with its rows. Cells of `rows` whose key is not a
/// column of the sheet are reported by the caller before this runs.
pub(super) fn data_sheet(
    spec: &SheetSpec,
    rows: &[Row],
    catalog: &Catalog,
    lists: &mut Lists,
    formats: &Formats,
) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(spec.name)?;
    for (index, column) in spec.columns.iter().enumerate() {
        let col = index as u16;
        sheet.set_column_width(col, column.width)?;
        // Unlocking whole columns lets users type in every data row while the
        // sheet protection keeps the header row (written locked) intact.
        let format = if column.kind == ColumnKind::Date { &formats.input_date } else { &formats.input };
        sheet.set_column_format(col, format)?;
        sheet.write_string_with_format(0, col, &column.header, &formats.header)?;
        if let Some(check) = validation::for_column(column, catalog, lists)? {
            sheet.add_data_validation(1, col, DATA_ROWS, col, &check)?;
        }
    }
    let header_height = spec.columns.iter().map(|c| wrapped_height(&c.header, c.width)).fold(0.0, f64::max);
    sheet.set_row_height(0, header_height)?;
    let freeze_cols = if spec.columns.len() > WIDE_SHEET { 2 } else { 0 };
    sheet.set_freeze_panes(1, freeze_cols)?;
    sheet.set_landscape();
    sheet.set_repeat_rows(0, 0)?;
    sheet.protect_with_options(&protection());
    write_rows(&mut sheet, spec, rows, formats)?;
    Ok(sheet)
}

fn write_rows(sheet: &mut Worksheet, spec: &SheetSpec, rows: &[Row], formats: &Formats) -> Result<(), XlsxError> {
    for (index, row) in rows.iter().enumerate() {
        let r = index as u32 + 1;
        for (col, column) in spec.columns.iter().enumerate() {
            let Some(value) = row.get(&column.key) else { continue };
            let col = col as u16;
            match value {
                Value::Text(text) => sheet.write_string_with_format(r, col, text, &formats.input)?,
                Value::Number(number) => sheet.write_number_with_format(r, col, *number, &formats.input)?,
                Value::Date(date) => {
                    sheet.write_datetime_with_format(r, col, crate::format::excel_date(*date)?, &formats.input_date)?
                }
            };
        }
    }
    Ok(())
}

/// What users may still do on a protected data sheet: resize, insert,
/// delete and sort rows – everything but editing the header row.
fn protection() -> ProtectionOptions {
    ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        delete_rows: true,
        sort: true,
        use_autofilter: true,
        ..ProtectionOptions::new()
    }
}
