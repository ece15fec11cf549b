//! The Info sheet every workbook starts with: key in column A, value in
//! column B (column C holds hints for people and is ignored).

use std::path::Path;

use calamine::{Data, Range};
use chrono::NaiveDate;

use super::schema::{self, FormKind};
use super::table::cell_at;
use super::value;
use super::workbook::Book;
use crate::catalog::fold_key;
use crate::diagnostics::{Cell, Diagnostic, Diagnostics};

/// A text value of the Info sheet with the cell it came from.
#[derive(Debug, Clone)]
pub struct InfoValue<T> {
    /// The value.
    pub value: T,
    /// Its cell (column B).
    pub cell: Cell,
}

/// The values of the Info sheet. Blank values count as absent.
#[derive(Debug, Clone)]
pub struct Info {
    /// The kind of workbook.
    pub form: FormKind,
    /// Cell of the "Formular" value.
    pub form_cell: Cell,
    /// "Kommune".
    pub municipality: Option<InfoValue<String>>,
    /// "Cluster".
    pub cluster: Option<InfoValue<String>>,
    /// "Jahr".
    pub year: Option<InfoValue<i32>>,
    /// "Datum".
    pub date: Option<NaiveDate>,
}

/// Reads the Info sheet. `None` (with an error) when the sheet or its
/// "Formular" is missing or unknown: then nothing else can be read.
pub fn read_info(book: &mut Book, diags: &mut Diagnostics) -> Option<Info> {
    let file = book.path.clone();
    let (sheet, range) = match book.sheet(schema::INFO_SHEET) {
        Ok(Some(found)) => found,
        Ok(None) => {
            diags.push(missing_info(&file, &book.sheet_names()));
            return None;
        }
        Err(diag) => {
            diags.push(diag);
            return None;
        }
    };
    let find = |key: &str| find_value(&range, key);
    let error = |message: String, cell: Option<Cell>| {
        let diag = Diagnostic::error(&file, message).in_sheet(&sheet);
        match cell {
            Some(cell) => diag.at(cell),
            None => diag,
        }
    };
    let Some((form_data, form_cell)) = find(schema::INFO_FORM).filter(|(d, _)| !value::is_blank(d)) else {
        diags.push(error(format!("„{}“ fehlt (erlaubt: {})", schema::INFO_FORM, form_names()), None));
        return None;
    };
    let form_text = value::display(form_data);
    let Some(form) = FormKind::parse(&form_text) else {
        let message = format!("„{form_text}“ ist kein bekanntes Formular (erlaubt: {})", form_names());
        diags.push(error(message, Some(form_cell)));
        return None;
    };
    let text = |key: &str| find(key).and_then(|(d, cell)| value::text(d).map(|value| InfoValue { value, cell }));
    let mut info = Info {
        form,
        form_cell,
        municipality: text(schema::INFO_MUNICIPALITY),
        cluster: text(schema::INFO_CLUSTER),
        year: None,
        date: None,
    };
    if let Some((data, cell)) = find(schema::INFO_YEAR) {
        match value::year(data) {
            Ok(year) => info.year = year.map(|value| InfoValue { value, cell }),
            Err(()) => diags.push(error(
                format!("„{}“ ist keine gültige Jahreszahl (erlaubt: vierstellig, z. B. 2026)", value::display(data)),
                Some(cell),
            )),
        }
    }
    if let Some((data, cell)) = find(schema::INFO_DATE) {
        match value::date(data) {
            Ok(date) => info.date = date,
            Err(()) => diags.push(error(invalid_date(data), Some(cell))),
        }
    }
    Some(info)
}

/// The message for a cell that is not a date.
pub fn invalid_date(data: &Data) -> String {
    format!("„{}“ ist kein gültiges Datum (erlaubt: Datum wie 31.12.2026 oder 31. Dezember 2026)", value::display(data))
}

fn missing_info(file: &Path, names: &[String]) -> Diagnostic {
    let found = if names.is_empty() { "keine".to_string() } else { names.join(", ") };
    Diagnostic::error(
        file,
        format!(
            "Blatt „{}“ fehlt (vorhandene Blätter: {found}); ohne Info › Formular ist unklar, was die Datei enthält – bitte ein Formular aus „qdfh forms“ verwenden",
            schema::INFO_SHEET
        ),
    )
}

fn form_names() -> String {
    FormKind::ALL.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ")
}

/// The value cell (column B) of the first row whose column A is `key`.
pub(super) fn find_value<'r>(range: &'r Range<Data>, key: &str) -> Option<(&'r Data, Cell)> {
    let (start, end) = (range.start()?, range.end()?);
    let wanted = fold_key(key);
    let row = (start.0..=end.0).find(|&r| {
        cell_at(range, r, 0).and_then(value::text).is_some_and(|k| fold_key(k.trim_end_matches(':')) == wanted)
    })?;
    static EMPTY: Data = Data::Empty;
    Some((cell_at(range, row, 1).unwrap_or(&EMPTY), Cell::new(row, 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_found_by_key_in_column_a() {
        let mut range = Range::new((0, 0), (2, 2));
        range.set_value((0, 0), Data::String("Formular".into()));
        range.set_value((0, 1), Data::String("Befragung".into()));
        range.set_value((2, 0), Data::String("JAHR:".into()));
        range.set_value((2, 1), Data::Float(2026.0));
        let (data, cell) = find_value(&range, "Jahr").unwrap();
        assert_eq!(data, &Data::Float(2026.0));
        assert_eq!(cell.to_string(), "B3");
        assert!(find_value(&range, "Kommune").is_none());
    }
}
