//! Input workbooks written with rust_xlsxwriter: blank forms for users and
//! filled forms for the example generator and tests.
//!
//! A form is laid out from [`crate::ingest::schema`] and the catalog, so the
//! readers and the forms cannot drift apart: a guide sheet "Anleitung", the
//! sheet "Info", the data sheets with a protected header row, drop-down lists
//! and input checks, and a hidden sheet "Listen" for lists too long for
//! Excel's inline limit. A filled form is the blank form with rows typed in,
//! exactly what a user would produce.
//!
//! Files are deterministic (fixed document dates) and written atomically.

mod guide;
mod info;
mod layout;
mod questionnaire;
mod sheet;
mod style;
mod validation;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

pub use layout::{SheetSpec, blank_file_name, dimension_label, sheets_of};

use crate::catalog::{Catalog, Scale};
use crate::ingest::schema::{ColumnKey, FormKind};
use crate::model::Answer;

/// Name of the guide sheet that opens every form.
pub const GUIDE_SHEET: &str = "Anleitung";
/// Name of the hidden sheet holding long drop-down lists.
pub const LISTS_SHEET: &str = "Listen";
/// Data rows (below the header) that get drop-downs and input checks.
pub const DATA_ROWS: u32 = 1000;
/// Document date of forms without a year, so that output is reproducible.
const DEFAULT_CREATED: (u16, u8, u8) = (2025, 1, 1);

/// A value typed into a form cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text, e.g. a label chosen from a drop-down.
    Text(String),
    /// A number.
    Number(f64),
    /// A date, written as an Excel date.
    Date(NaiveDate),
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_string())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

impl From<f64> for Value {
    fn from(number: f64) -> Value {
        Value::Number(number)
    }
}

impl From<u32> for Value {
    fn from(number: u32) -> Value {
        Value::Number(number.into())
    }
}

impl From<NaiveDate> for Value {
    fn from(date: NaiveDate) -> Value {
        Value::Date(date)
    }
}

/// One filled data row: column → value; absent columns stay blank.
pub type Row = BTreeMap<ColumnKey, Value>;

/// The Info sheet of a form.
#[derive(Debug, Clone, PartialEq)]
pub struct FormInfo {
    /// The kind ("Formular").
    pub kind: FormKind,
    /// Municipality id ("Kommune").
    pub municipality: Option<String>,
    /// Cluster of a cluster workshop ("Cluster").
    pub cluster: Option<String>,
    /// Year ("Jahr").
    pub year: Option<i32>,
    /// Workshop date ("Datum").
    pub date: Option<NaiveDate>,
    /// A notice shown in the guide and the Info sheet, e.g.
    /// "Synthetische Beispieldaten".
    pub note: Option<String>,
}

impl FormInfo {
    /// Info of a blank form: only the kind is set.
    pub fn blank(kind: FormKind) -> FormInfo {
        FormInfo { kind, municipality: None, cluster: None, year: None, date: None, note: None }
    }
}

/// A form with its Info values and data rows per sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct FormData {
    /// The Info sheet.
    pub info: FormInfo,
    /// Rows per data sheet name; sheets without rows stay blank.
    pub rows: BTreeMap<&'static str, Vec<Row>>,
}

impl FormData {
    /// A form without rows.
    pub fn new(info: FormInfo) -> FormData {
        FormData { info, rows: BTreeMap::new() }
    }

    /// The rows of a data sheet, to push to.
    pub fn sheet(&mut self, name: &'static str) -> &mut Vec<Row> {
        self.rows.entry(name).or_default()
    }
}

/// A form could not be written.
#[derive(Debug, thiserror::Error)]
pub enum FormsError {
    /// Creating the folder or writing the file failed.
    #[error("{path}: kann nicht geschrieben werden: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The workbook could not be assembled.
    #[error("{path}: Arbeitsmappe kann nicht erstellt werden: {source}")]
    Xlsx {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: XlsxError,
    },
    /// Rows name a sheet or column the form does not have (a programming error).
    #[error("{path}: Formular „{kind}“ hat {what}")]
    Layout {
        /// The file.
        path: PathBuf,
        /// The form kind.
        kind: &'static str,
        /// What is missing, in German.
        what: String,
    },
}

/// Writes one blank form per kind into `out_dir` (created if missing):
/// `stammdaten.xlsx`, `befragung.xlsx`, `werkstatt.xlsx`, `kennzahlen.xlsx`,
/// `fragebogen.xlsx` and, when the catalog has standards, `standards.xlsx`.
pub fn write_blank_forms(out_dir: &Path, catalog: &Catalog) -> Result<Vec<PathBuf>, FormsError> {
    std::fs::create_dir_all(out_dir).map_err(|source| FormsError::Io { path: out_dir.to_path_buf(), source })?;
    let mut written = Vec::new();
    for kind in FormKind::ALL.into_iter().filter(|k| *k != FormKind::Standards || catalog.standards.is_some()) {
        let path = out_dir.join(blank_file_name(kind));
        write_form(&path, catalog, &FormData::new(FormInfo::blank(kind)))?;
        written.push(path);
    }
    Ok(written)
}

/// Writes a form with its rows to `path`, atomically: the workbook goes to a
/// temporary file in the same folder first and is then renamed, so no
/// half-written workbook is ever left behind.
pub fn write_form(path: &Path, catalog: &Catalog, form: &FormData) -> Result<(), FormsError> {
    let bytes = form_bytes(path, catalog, form)?;
    crate::files::write_atomically(path, &bytes).map_err(|source| FormsError::Io { path: path.to_path_buf(), source })
}

/// The cell value a user produces for an answer: the drop-down label, or
/// the typed number when `typed` is true; `None` for a blank cell.
pub fn answer_value(scale: &Scale, answer: Answer, typed: bool) -> Option<Value> {
    match answer {
        Answer::Value(v) if typed => Some(Value::Number(v.into())),
        Answer::Value(v) => scale.label(v).map(Value::from),
        Answer::DontKnow => Some(Value::from(scale.dont_know_label())),
        Answer::Blank => None,
    }
}

/// A form's workbook in memory, e.g. for a download; `name` only names it
/// in errors.
pub fn form_workbook(name: &str, catalog: &Catalog, form: &FormData) -> Result<Vec<u8>, FormsError> {
    form_bytes(Path::new(name), catalog, form)
}

/// Builds the workbook in memory; `path` only names it in errors.
fn form_bytes(path: &Path, catalog: &Catalog, form: &FormData) -> Result<Vec<u8>, FormsError> {
    let specs = sheets_of(form.info.kind, catalog);
    check_layout(path, &specs, form)?;
    let xlsx = |source| FormsError::Xlsx { path: path.to_path_buf(), source };
    build(catalog, form, &specs).map_err(xlsx)
}

fn build(catalog: &Catalog, form: &FormData, specs: &[SheetSpec]) -> Result<Vec<u8>, XlsxError> {
    let formats = style::Formats::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(&form.info)?);
    workbook.push_worksheet(guide::guide_sheet(form.info.kind, catalog, form.info.note.as_deref(), &formats)?);
    workbook.push_worksheet(info::info_sheet(&form.info, &formats)?);
    let mut lists = validation::Lists::default();
    for spec in specs {
        let rows = form.rows.get(spec.name).map(Vec::as_slice).unwrap_or_default();
        let sheet = if spec.form {
            questionnaire::questionnaire_sheet(spec, rows.first(), catalog, &mut lists, &formats)?
        } else {
            sheet::data_sheet(spec, rows, catalog, &mut lists, &formats)?
        };
        workbook.push_worksheet(sheet);
    }
    if let Some(list_sheet) = lists.into_sheet(&formats)? {
        workbook.push_worksheet(list_sheet);
    }
    workbook.save_to_buffer()
}

/// Every sheet and column named in the rows exists in the form.
fn check_layout(path: &Path, specs: &[SheetSpec], form: &FormData) -> Result<(), FormsError> {
    let problem = |what: String| FormsError::Layout { path: path.to_path_buf(), kind: form.info.kind.label(), what };
    for (name, rows) in &form.rows {
        let spec = specs.iter().find(|s| s.name == *name).ok_or_else(|| problem(format!("kein Blatt „{name}“")))?;
        if spec.form && rows.len() > 1 {
            return Err(problem(format!("im Blatt „{name}“ nur eine Person, nicht {}", rows.len())));
        }
        for key in rows.iter().flat_map(|r| r.keys()) {
            if !spec.columns.iter().any(|c| c.key == *key) {
                return Err(problem(format!("im Blatt „{name}“ keine Spalte {key:?}")));
            }
        }
    }
    Ok(())
}

/// Document properties with a fixed creation date – 1 January of the form's
/// year – because rust_xlsxwriter would otherwise stamp the current time and
/// the same inputs would not give the same bytes.
fn properties(info: &FormInfo) -> Result<DocProperties, XlsxError> {
    let created = match info.year.and_then(|y| u16::try_from(y).ok()) {
        Some(year) => ExcelDateTime::from_ymd(year, 1, 1)?,
        None => ExcelDateTime::from_ymd(DEFAULT_CREATED.0, DEFAULT_CREATED.1, DEFAULT_CREATED.2)?,
    };
    let mut properties = DocProperties::new()
        .set_title(format!("qdfh – Formular {}", info.kind.label()))
        .set_subject("Eingaben für Qualitätsberichte Frühe Hilfen")
        .set_author("qdfh")
        .set_creation_datetime(&created);
    if let Some(note) = &info.note {
        properties = properties.set_comment(note);
    }
    Ok(properties)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::schema::sheet;
    use crate::project::default_catalog;

    #[test]
    fn same_form_gives_same_bytes() {
        let catalog = default_catalog();
        let mut form = FormData::new(FormInfo { year: Some(2026), ..FormInfo::blank(FormKind::Werkstatt) });
        let mut row = Row::new();
        row.insert(ColumnKey::Fixed("Termin"), Value::Date(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()));
        form.sheet(sheet::MASSNAHMEN).push(row);
        let first = form_bytes(Path::new("a.xlsx"), &catalog, &form).unwrap();
        let second = form_bytes(Path::new("a.xlsx"), &catalog, &form).unwrap();
        assert_eq!(first, second);
    }

    #[test]
    fn rows_for_unknown_columns_are_refused() {
        let catalog = default_catalog();
        let mut form = FormData::new(FormInfo::blank(FormKind::Kennzahlen));
        let mut row = Row::new();
        row.insert(ColumnKey::Fixed("Sektor"), Value::from("ASD"));
        form.sheet(sheet::KENNZAHLEN).push(row);
        assert!(matches!(form_bytes(Path::new("k.xlsx"), &catalog, &form), Err(FormsError::Layout { .. })));
        let mut form = FormData::new(FormInfo::blank(FormKind::Kennzahlen));
        form.sheet(sheet::BEFRAGUNG);
        assert!(matches!(form_bytes(Path::new("k.xlsx"), &catalog, &form), Err(FormsError::Layout { .. })));
    }

    #[test]
    fn answers_become_labels_or_numbers() {
        let catalog = default_catalog();
        let scale = catalog.scale("zustimmung");
        assert_eq!(answer_value(scale, Answer::Value(6), false), Some(Value::from("stimme voll zu")));
        assert_eq!(answer_value(scale, Answer::Value(6), true), Some(Value::Number(6.0)));
        assert_eq!(answer_value(scale, Answer::DontKnow, true), Some(Value::from("weiß nicht")));
        assert_eq!(answer_value(scale, Answer::Blank, false), None);
    }
}
