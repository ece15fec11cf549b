//! The Info sheet: key in column A, value in column B, hint in column C.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::layout::info_keys;
use super::style::Formats;
use super::{FormInfo, validation};
use crate::ingest::schema::{self, FormKind};

/// Writes the Info sheet. "Formular" is locked so a form cannot be turned
/// into another kind by accident; the other values are unlocked.
pub(super) fn info_sheet(info: &FormInfo, formats: &Formats) -> Result<Worksheet, XlsxError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(schema::INFO_SHEET)?;
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 26)?;
    sheet.set_column_width(2, 100)?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 1);

    sheet.write_string_with_format(0, 0, schema::INFO_FORM, &formats.key)?;
    sheet.write_string_with_format(0, 1, info.kind.label(), &formats.fixed_value)?;
    let mut form_hint = "bitte nicht ändern".to_string();
    if let Some(note) = &info.note {
        form_hint = format!("{form_hint} · {note}");
    }
    sheet.write_string_with_format(0, 2, &form_hint, &formats.hint)?;

    for (index, key) in info_keys(info.kind).iter().enumerate() {
        let row = index as u32 + 1;
        sheet.write_string_with_format(row, 0, *key, &formats.key)?;
        write_value(&mut sheet, row, key, info, formats)?;
        sheet.write_string_with_format(row, 2, hint(info.kind, key), &formats.hint)?;
    }
    sheet.protect();
    Ok(sheet)
}

fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    key: &str,
    info: &FormInfo,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match key {
        schema::INFO_YEAR => {
            match info.year {
                Some(year) => sheet.write_number_with_format(row, 1, year, &formats.value)?,
                None => sheet.write_blank(row, 1, &formats.value)?,
            };
            sheet.add_data_validation(row, 1, row, 1, &validation::year()?)?;
        }
        schema::INFO_DATE => {
            match info.date {
                Some(date) => {
                    sheet.write_datetime_with_format(row, 1, crate::format::excel_date(date)?, &formats.value_date)?
                }
                None => sheet.write_blank(row, 1, &formats.value_date)?,
            };
            sheet.add_data_validation(row, 1, row, 1, &validation::date()?)?;
        }
        _ => {
            let text = match key {
                schema::INFO_MUNICIPALITY => info.municipality.as_deref(),
                schema::INFO_CLUSTER => info.cluster.as_deref(),
                _ => None,
            };
            match text {
                Some(text) => sheet.write_string_with_format(row, 1, text, &formats.value)?,
                None => sheet.write_blank(row, 1, &formats.value)?,
            };
        }
    }
    Ok(())
}

fn hint(kind: FormKind, key: &str) -> &'static str {
    match (kind, key) {
        (FormKind::Werkstatt, schema::INFO_MUNICIPALITY) => {
            "ID der Kommune aus den Stammdaten, z. B. auenfeld – leer lassen bei einer Cluster-Werkstatt"
        }
        (_, schema::INFO_MUNICIPALITY) => "ID der Kommune aus den Stammdaten, z. B. auenfeld",
        (_, schema::INFO_CLUSTER) => {
            "nur bei einer Cluster-Werkstatt statt „Kommune“; dann in jedem Blatt die Spalte „Kommune“ ausfüllen"
        }
        (_, schema::INFO_YEAR) => "vierstellig, z. B. 2026; muss zum Ordner inputs/<Jahr>/ passen",
        (_, schema::INFO_DATE) => "Datum der Werkstatt, z. B. 12.03.2026",
        _ => "",
    }
}
