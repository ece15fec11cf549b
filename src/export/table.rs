//! Writing one sheet as an Excel table of typed cells.

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, ConditionalFormat3ColorScale, Format, FormatAlign, Note, Table, TableColumn, TableStyle, Workbook,
    Worksheet, XlsxError,
};

/// The note on every suppressed cell.
pub const HIDDEN_NOTE: &str = "zu wenige Angaben: aus Datenschutzgründen nicht gezeigt";

/// One cell value.
#[derive(Debug, Clone)]
pub enum Value {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A mean or other decimal, shown with one or two decimals.
    Dec(f64),
    /// A share in percent (0–100), stored as a fraction with a % format.
    Pct(f64),
    /// A date.
    Date(NaiveDate),
    /// Hidden by the data-protection rule: empty with a note.
    Hidden,
    /// Nothing to show.
    Empty,
}

impl Value {
    /// Text cell.
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    /// A decimal or empty.
    pub fn dec(x: Option<f64>) -> Value {
        x.map_or(Value::Empty, Value::Dec)
    }
}

/// A column: header and width.
pub struct Col {
    /// Header text.
    pub header: &'static str,
    /// Width in characters.
    pub width: f64,
}

/// Short constructor for columns.
pub const fn col(header: &'static str, width: f64) -> Col {
    Col { header, width }
}

/// Column headers may be built at run time (one per dimension).
pub struct DynCol {
    /// Header text.
    pub header: String,
    /// Width in characters.
    pub width: f64,
}

/// Writes `rows` under `columns` as an Excel table on a new sheet named
/// `name`, with a frozen header and a filter. Returns the sheet for extras.
pub fn write_table<'a>(
    workbook: &'a mut Workbook,
    name: &str,
    columns: &[DynCol],
    rows: &[Vec<Value>],
) -> Result<&'a mut Worksheet, XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    let formats = Formats::new();
    for (c, column) in columns.iter().enumerate() {
        sheet.set_column_width(c as u16, column.width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            write_value(sheet, (r + 1) as u32, c as u16, value, &formats)?;
        }
    }
    let last_row = rows.len().max(1) as u32;
    let table = Table::new()
        .set_style(TableStyle::Medium2)
        .set_name(table_name(name))
        .set_columns(&columns.iter().map(|c| TableColumn::new().set_header(&c.header)).collect::<Vec<_>>());
    sheet.add_table(0, 0, last_row, (columns.len() - 1) as u16, &table)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(sheet)
}

/// Excel table names allow letters, digits and underscores only.
fn table_name(sheet: &str) -> String {
    let ascii: String = crate::catalog::fold_key(sheet).chars().filter(char::is_ascii_alphanumeric).collect();
    format!("T_{ascii}")
}

/// Cell formats used by every sheet.
pub struct Formats {
    dec: Format,
    pct: Format,
    date: Format,
    wrap: Format,
}

impl Formats {
    /// The shared formats.
    pub fn new() -> Formats {
        Formats {
            dec: Format::new().set_num_format("0.00"),
            pct: Format::new().set_num_format("0%"),
            date: Format::new().set_num_format("dd.mm.yyyy").set_align(FormatAlign::Left),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

fn write_value(sheet: &mut Worksheet, row: u32, col: u16, value: &Value, f: &Formats) -> Result<(), XlsxError> {
    match value {
        Value::Text(s) if s.len() > 60 => sheet.write_string_with_format(row, col, s, &f.wrap).map(|_| ()),
        Value::Text(s) => sheet.write_string(row, col, s).map(|_| ()),
        Value::Int(i) => sheet.write_number(row, col, *i as f64).map(|_| ()),
        Value::Dec(x) => sheet.write_number_with_format(row, col, *x, &f.dec).map(|_| ()),
        Value::Pct(x) => sheet.write_number_with_format(row, col, *x / 100.0, &f.pct).map(|_| ()),
        Value::Date(d) => sheet.write_date_with_format(row, col, &crate::format::excel_date(*d)?, &f.date).map(|_| ()),
        Value::Hidden => sheet.insert_note(row, col, &Note::new(HIDDEN_NOTE).set_author("qdfh")).map(|_| ()),
        Value::Empty => Ok(()),
    }
}

/// A red-to-green colour scale on a block of mean cells.
pub fn color_scale(sheet: &mut Worksheet, rows: (u32, u32), cols: (u16, u16)) -> Result<(), XlsxError> {
    let scale = ConditionalFormat3ColorScale::new()
        .set_minimum_color(Color::RGB(0xF8696B))
        .set_midpoint_color(Color::RGB(0xFFEB84))
        .set_maximum_color(Color::RGB(0x63BE7B));
    sheet.add_conditional_format(rows.0, cols.0, rows.1, cols.1, &scale)?;
    Ok(())
}

/// Turns static columns into run-time columns.
pub fn cols(columns: &[Col]) -> Vec<DynCol> {
    columns.iter().map(|c| DynCol { header: c.header.to_string(), width: c.width }).collect()
}
