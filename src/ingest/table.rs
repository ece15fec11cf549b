//! A data sheet as a table: the header row mapped to schema columns and the
//! data rows below it, with absolute cell positions for messages.

use std::collections::HashMap;
use std::path::Path;

use calamine::{Data, Range};

use super::schema::{Column, ColumnKey, FORM_ANSWER_COL, FORM_KEY_COL, FORM_KEY_HEADING, header_matches};
use super::value;
use crate::catalog::fold_key;
use crate::diagnostics::{Cell, Diagnostic, Diagnostics, column_letters};

/// How many non-blank rows from the top may hold the header row.
pub const HEADER_SEARCH_ROWS: usize = 10;

/// The row that names the most columns of `schema`, among the first
/// [`HEADER_SEARCH_ROWS`] non-blank rows from `first_row` on; the earliest
/// wins a tie, and `first_row` when no row names any column.
fn header_row(range: &Range<Data>, schema: &[Column], first_row: u32) -> u32 {
    let (Some(start), Some(end)) = (range.start(), range.end()) else { return first_row };
    let named = |row: u32| {
        (start.1..=end.1)
            .filter_map(|col| cell_at(range, row, col).and_then(value::text))
            .filter(|header| schema.iter().any(|c| header_matches(c, header)))
            .count()
    };
    let candidates = (first_row..=end.0).filter(|&r| !row_is_blank(range, r, start.1, end.1)).take(HEADER_SEARCH_ROWS);
    let (best, count) = candidates.fold((first_row, 0), |(best, most), row| {
        let count = named(row);
        if count > most { (row, count) } else { (best, most) }
    });
    if count == 0 { first_row } else { best }
}

/// One data row: its absolute row index and the cells of matched columns.
#[derive(Debug)]
pub struct Row {
    /// Zero-based absolute row in the sheet.
    pub row: u32,
    cells: Vec<Data>,
}

/// A sheet read against its expected columns.
#[derive(Debug)]
pub struct Table {
    /// The sheet's name as written in the workbook.
    pub sheet: String,
    /// Matched columns with the cell of their header: in a table the header
    /// row's cell, in a form (see [`Table::read_form`]) the answer cell.
    columns: Vec<(Column, Cell)>,
    /// Read as a form: one entry per row instead of one column per entry.
    form: bool,
    index: HashMap<ColumnKey, usize>,
    /// Rows with at least one non-blank cell in a matched column.
    pub rows: Vec<Row>,
}

impl Table {
    /// Reads `range` as a table of `schema` columns. The header row is the
    /// row among the first [`HEADER_SEARCH_ROWS`] non-blank rows that names
    /// the most schema columns (the first one with any content when none
    /// does), so a title row above the header is skipped with a warning.
    /// Missing required columns are errors, unknown and unnamed columns
    /// warnings. `None` if the sheet is empty.
    pub fn read(
        range: &Range<Data>,
        sheet: &str,
        schema: &[Column],
        file: &Path,
        diags: &mut Diagnostics,
    ) -> Option<Table> {
        let (start, end) = (range.start()?, range.end()?);
        let first_row = (start.0..=end.0).find(|&r| !row_is_blank(range, r, start.1, end.1))?;
        let header_row = header_row(range, schema, first_row);
        if header_row != first_row {
            let message = format!(
                "Die Überschriften stehen in Zeile {}; die Zeilen darüber werden als Titel übergangen",
                header_row + 1
            );
            diags.push(Diagnostic::warning(file, message).in_sheet(sheet));
        }
        let mut table = Table::empty(sheet, false);
        let mut unnamed = Vec::new();
        for col in start.1..=end.1 {
            let cell = Cell::new(header_row, col);
            match cell_at(range, header_row, col).and_then(value::text) {
                Some(header) => table.add_header(schema, &header, cell, file, diags),
                None => unnamed.push(col),
            }
        }
        table.report_missing(schema, file, diags);
        for row in header_row + 1..=end.0 {
            if let Some(data) = table.data_row(range, row) {
                table.rows.push(data);
            }
        }
        table.warn_unnamed(range, &unnamed, header_row, file, diags);
        Some(table)
    }

    /// Reads `range` as a form for one person: the key of each entry in
    /// column A (a schema header such as „Sektor“, „3.1“ or „Bedarf QD3“),
    /// its question in column B and the answer in column C. Rows down to the
    /// heading row („Nr.“ in column A) and rows whose column A is blank
    /// (dimension headings) are passed over. The result is a
    /// table with one row whose cells are the answers, so the same field
    /// readers apply; every finding names the answer cell.
    pub fn read_form(
        range: &Range<Data>,
        sheet: &str,
        schema: &[Column],
        file: &Path,
        diags: &mut Diagnostics,
    ) -> Table {
        let mut table = Table::empty(sheet, true);
        let (Some(start), Some(end)) = (range.start(), range.end()) else {
            table.report_missing(schema, file, diags);
            return table;
        };
        let key_at = |row: u32| cell_at(range, row, FORM_KEY_COL).and_then(value::text);
        // Title and instructions stand above the heading row ("Nr.").
        let heading =
            (start.0..=end.0).find(|&r| key_at(r).is_some_and(|k| fold_key(&k) == fold_key(FORM_KEY_HEADING)));
        let mut cells = Vec::new();
        for row in heading.map_or(start.0, |h| h + 1)..=end.0 {
            let Some(key) = key_at(row) else { continue };
            let before = table.columns.len();
            table.add_header(schema, &key, Cell::new(row, FORM_KEY_COL), file, diags);
            if let Some((_, cell)) = table.columns.get_mut(before) {
                *cell = Cell::new(row, FORM_ANSWER_COL);
                cells.push(cell_at(range, row, FORM_ANSWER_COL).cloned().unwrap_or(Data::Empty));
            }
        }
        table.report_missing(schema, file, diags);
        let first = table.columns.first().map_or(0, |(_, cell)| cell.row);
        table.rows.push(Row { row: first, cells });
        table
    }

    fn empty(sheet: &str, form: bool) -> Table {
        Table { sheet: sheet.to_string(), columns: Vec::new(), form, index: HashMap::new(), rows: Vec::new() }
    }

    fn report_missing(&self, schema: &[Column], file: &Path, diags: &mut Diagnostics) {
        for column in schema.iter().filter(|c| c.required && !self.index.contains_key(&c.key)) {
            let message = if self.form {
                format!("Die Zeile „{}“ fehlt (Spalte A)", column.header)
            } else {
                format!("Pflichtspalte „{}“ fehlt", column.header)
            };
            diags.push(Diagnostic::error(file, message).in_sheet(&self.sheet));
        }
    }

    fn add_header(&mut self, schema: &[Column], header: &str, cell: Cell, file: &Path, diags: &mut Diagnostics) {
        let Some(column) = schema.iter().find(|c| header_matches(c, header)) else {
            let what = if self.form { "Zeile" } else { "Spalte" };
            let message = format!("unbekannte {what} „{header}“ wird ignoriert");
            diags.push(Diagnostic::warning(file, message).in_sheet(&self.sheet).at(cell));
            return;
        };
        if let Some(&first) = self.index.get(&column.key) {
            let first = self.columns[first].1;
            let message = if self.form {
                format!(
                    "Zeile „{header}“ kommt doppelt vor (auch in Zeile {}); bitte eine davon löschen",
                    first.row + 1
                )
            } else {
                let first_col = column_letters(first.col);
                format!("Spalte „{header}“ kommt doppelt vor (auch in Spalte {first_col}); bitte eine davon löschen")
            };
            diags.push(Diagnostic::error(file, message).in_sheet(&self.sheet).at(cell));
            return;
        }
        self.index.insert(column.key.clone(), self.columns.len());
        self.columns.push((column.clone(), cell));
    }

    fn data_row(&self, range: &Range<Data>, row: u32) -> Option<Row> {
        let cells: Vec<Data> = self
            .columns
            .iter()
            .map(|(_, cell)| cell_at(range, row, cell.col).cloned().unwrap_or(Data::Empty))
            .collect();
        (!cells.iter().all(value::is_blank)).then_some(Row { row, cells })
    }

    /// Values below a blank header cannot be assigned to a column; say so
    /// once per column rather than dropping them silently.
    fn warn_unnamed(
        &self,
        range: &Range<Data>,
        unnamed: &[u32],
        header_row: u32,
        file: &Path,
        diags: &mut Diagnostics,
    ) {
        let end = range.end().map_or(header_row, |e| e.0);
        for &col in unnamed {
            let first = (header_row + 1..=end).find(|&r| cell_at(range, r, col).is_some_and(|d| !value::is_blank(d)));
            if let Some(row) = first {
                diags.push(
                    Diagnostic::warning(file, "Spalte ohne Überschrift: ihre Werte werden ignoriert")
                        .in_sheet(&self.sheet)
                        .at(Cell::new(row, col)),
                );
            }
        }
    }

    /// True if the sheet has this column.
    pub fn has(&self, key: &ColumnKey) -> bool {
        self.index.contains_key(key)
    }

    /// The cell of `row` in the column `key`, with its position; `None` when
    /// the sheet lacks the column.
    pub fn get<'r>(&self, row: &'r Row, key: &ColumnKey) -> Option<(&'r Data, Cell)> {
        let &i = self.index.get(key)?;
        let header = self.columns[i].1;
        let cell = if self.form { header } else { Cell::new(row.row, header.col) };
        Some((&row.cells[i], cell))
    }

    /// True if every cell of the row outside `keys` is blank: such a row
    /// holds only a pre-filled person number or municipality and no answer.
    pub fn only_has(&self, row: &Row, keys: &[ColumnKey]) -> bool {
        self.columns
            .iter()
            .zip(&row.cells)
            .all(|((column, _), data)| keys.contains(&column.key) || value::is_blank(data))
    }
}

/// The cell at an absolute position.
pub fn cell_at(range: &Range<Data>, row: u32, col: u32) -> Option<&Data> {
    range.get_value((row, col))
}

fn row_is_blank(range: &Range<Data>, row: u32, first_col: u32, last_col: u32) -> bool {
    (first_col..=last_col).all(|c| cell_at(range, row, c).is_none_or(value::is_blank))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::schema::{ColumnKind, punktabfrage_columns};

    fn range(start: (u32, u32), rows: &[&[&str]]) -> Range<Data> {
        let mut range = Range::new(start, (start.0 + rows.len() as u32 - 1, start.1 + rows[0].len() as u32 - 1));
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if !text.is_empty() {
                    range.set_value((start.0 + r as u32, start.1 + c as u32), Data::String((*text).into()));
                }
            }
        }
        range
    }

    #[test]
    fn reads_offset_sheets_with_absolute_positions() {
        let r = range(
            (2, 1),
            &[
                &["", "", "", ""],
                &["dimension oder thema", "PUNKTE", "Extra", ""],
                &["QD3", "4", "", ""],
                &["", "", "", ""],
                &["Netzwerk", "2", "", "x"],
                &["", "", "", ""],
            ],
        );
        let mut diags = Diagnostics::default();
        let table = Table::read(&r, "Punktabfrage", &punktabfrage_columns(), Path::new("f.xlsx"), &mut diags).unwrap();
        assert_eq!(table.rows.len(), 2);
        let (data, cell) = table.get(&table.rows[1], &ColumnKey::Fixed("Punkte")).unwrap();
        assert_eq!(data, &Data::String("2".into()));
        assert_eq!(cell.to_string(), "C7");
        let messages: Vec<String> = diags.items.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "f.xlsx › Punktabfrage › D4: unbekannte Spalte „Extra“ wird ignoriert",
                "f.xlsx › Punktabfrage › E7: Spalte ohne Überschrift: ihre Werte werden ignoriert",
            ]
        );
    }

    #[test]
    fn missing_and_duplicate_columns_are_errors() {
        let r = range((0, 0), &[&["Punkte", "punkte"], &["1", "2"]]);
        let mut diags = Diagnostics::default();
        Table::read(&r, "Punktabfrage", &punktabfrage_columns(), Path::new("f.xlsx"), &mut diags).unwrap();
        let messages: Vec<String> = diags.items.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "f.xlsx › Punktabfrage › B1: Spalte „punkte“ kommt doppelt vor (auch in Spalte A); bitte eine davon löschen",
                "f.xlsx › Punktabfrage: Pflichtspalte „Dimension oder Thema“ fehlt",
            ]
        );
        assert!(matches!(punktabfrage_columns()[1].kind, ColumnKind::DimensionOrTopic));
    }

    #[test]
    fn an_empty_sheet_has_no_table() {
        let r: Range<Data> = Range::empty();
        let mut diags = Diagnostics::default();
        assert!(Table::read(&r, "X", &punktabfrage_columns(), Path::new("f.xlsx"), &mut diags).is_none());
    }
}
