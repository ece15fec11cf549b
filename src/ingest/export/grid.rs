//! The cells of an export: a CSV file (separator `;`, `,` or tab, UTF-8
//! with or without byte order mark, UTF-16 with one, or Windows-1252,
//! detected) or the first sheet of a workbook, with cell positions as a
//! spreadsheet program shows them.

use std::io::Read;
use std::path::Path;

use calamine::Data;

use super::super::value;
use super::super::workbook::{Book, io_reason};
use crate::diagnostics::{Cell, Diagnostic};

/// The cells of an export.
#[derive(Debug, Clone)]
pub struct Grid {
    /// The sheet of a workbook; `None` for CSV.
    pub sheet: Option<String>,
    /// Rows from the top, each with its cells from column A.
    rows: Vec<Vec<Data>>,
    /// Position of the first row and column (a workbook's used range may
    /// start below A1).
    origin: (u32, u32),
}

impl Grid {
    /// A grid of text rows starting at A1 (a CSV file).
    pub fn from_text(rows: Vec<Vec<String>>) -> Grid {
        let rows = rows
            .into_iter()
            .map(|row| row.into_iter().map(|t| if t.is_empty() { Data::Empty } else { Data::String(t) }).collect())
            .collect();
        Grid { sheet: None, rows, origin: (0, 0) }
    }

    /// The row indexes (absolute, zero-based) of rows with any content.
    pub fn filled_rows(&self) -> impl Iterator<Item = u32> + '_ {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, cells)| !cells.iter().all(value::is_blank))
            .map(|(i, _)| self.origin.0 + i as u32)
    }

    /// The columns (absolute, zero-based) of a row that hold anything.
    pub fn filled_columns(&self, row: u32) -> Vec<u32> {
        let Some(cells) = self.row(row) else { return Vec::new() };
        (0..cells.len() as u32).filter(|&c| !value::is_blank(&cells[c as usize])).map(|c| self.origin.1 + c).collect()
    }

    fn row(&self, row: u32) -> Option<&Vec<Data>> {
        self.rows.get(row.checked_sub(self.origin.0)? as usize)
    }

    /// The cell at an absolute position (empty when outside the grid).
    pub fn get(&self, cell: Cell) -> &Data {
        static EMPTY: Data = Data::Empty;
        let Some(col) = cell.col.checked_sub(self.origin.1) else { return &EMPTY };
        self.row(cell.row).and_then(|r| r.get(col as usize)).unwrap_or(&EMPTY)
    }

    /// A diagnostic narrowed to the sheet (for workbooks) and a cell.
    pub fn place(&self, diag: Diagnostic, cell: Option<Cell>) -> Diagnostic {
        let diag = match &self.sheet {
            Some(sheet) => diag.in_sheet(sheet),
            None => diag,
        };
        match cell {
            Some(cell) => diag.at(cell),
            None => diag,
        }
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads an export: a workbook by its content (the first visible sheet),
/// anything else as CSV text.
pub fn read_grid(path: &Path) -> Result<Grid, Diagnostic> {
    let fail = |message: String| Diagnostic::error(path, message);
    let mut head = Vec::with_capacity(8);
    std::fs::File::open(path)
        .and_then(|f| f.take(8).read_to_end(&mut head))
        .map_err(|e| fail(format!("Die Datei kann nicht gelesen werden: {}", io_reason(&e))))?;
    if head.is_empty() {
        return Err(fail("Die Datei ist leer (0 Byte); bitte den Export erneut herunterladen".into()));
    }
    if head.starts_with(ZIP_MAGIC) || head.starts_with(OLE_MAGIC) || head.starts_with(b"%PDF") {
        return read_workbook(path);
    }
    let bytes =
        std::fs::read(path).map_err(|e| fail(format!("Die Datei kann nicht gelesen werden: {}", io_reason(&e))))?;
    read_csv(&bytes).map_err(fail)
}

fn read_workbook(path: &Path) -> Result<Grid, Diagnostic> {
    read_book(&mut Book::open(path)?, None)
}

/// The first visible sheet of an open workbook, passing over the sheet
/// named `skip` (an export's own Info sheet).
pub fn read_book(book: &mut Book, skip: Option<&str>) -> Result<Grid, Diagnostic> {
    let path = book.path.clone();
    let wanted = |name: &&String| skip.is_none_or(|s| crate::catalog::fold_key(name) != crate::catalog::fold_key(s));
    let visible: Vec<String> = book.visible_sheet_names().into_iter().filter(|n| wanted(&n)).collect();
    let all: Vec<String> = book.sheet_names().into_iter().filter(|n| wanted(&n)).collect();
    let Some(first) = visible.first().or(all.first()).cloned() else {
        return Err(Diagnostic::error(&path, "Die Arbeitsmappe hat kein Blatt mit Antworten"));
    };
    let (sheet, range) = book.sheet(&first)?.ok_or_else(|| Diagnostic::error(&path, "Das Blatt fehlt"))?;
    let origin = range.start().unwrap_or((0, 0));
    let rows = range.rows().map(<[Data]>::to_vec).collect();
    Ok(Grid { sheet: Some(sheet), rows, origin })
}

/// Decodes and splits CSV bytes. `Err` is the German reason.
pub fn read_csv(bytes: &[u8]) -> Result<Grid, String> {
    let (text, _) = decode(bytes);
    let separator = separator(&text);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(separator).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record =
            record.map_err(|e| format!("Die CSV-Datei kann ab Zeile {} nicht gelesen werden: {e}", index + 1))?;
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok(Grid::from_text(rows))
}

/// The text of CSV bytes: by byte order mark, else UTF-8 if valid, else
/// Windows-1252 (what Excel writes as "CSV (Trennzeichen-getrennt)").
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), encoding.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// The separator of the header line: the most frequent of `;`, `,` and
/// tab outside quotes (`;` on a tie, as German Excel writes it).
fn separator(text: &str) -> u8 {
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in text.bytes() {
        match c {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(entry) = counts.iter_mut().find(|(s, _)| *s == c) {
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts.iter().fold((b';', 0), |best, &(s, n)| if n > best.1 { (s, n) } else { best }).0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(grid: &Grid) -> Vec<Vec<String>> {
        let filled = grid.rows.iter().filter(|r| !r.iter().all(value::is_blank));
        filled.map(|r| r.iter().map(value::display).collect()).collect()
    }

    #[test]
    fn separators_and_quotes_are_detected() {
        let grid = read_csv(b"\"id\";\"a,b\";\"c\"\r\n\"1\";\"x;y\";\r\n\r\n").unwrap();
        assert_eq!(texts(&grid), [vec!["id", "a,b", "c"], vec!["1", "x;y", ""]]);
        let grid = read_csv(b"id,\"a;b\",c\n1,2,3\n").unwrap();
        assert_eq!(texts(&grid), [vec!["id", "a;b", "c"], vec!["1", "2", "3"]]);
        let grid = read_csv(b"id\tq\n1\t2\n").unwrap();
        assert_eq!(texts(&grid)[1], ["1", "2"]);
    }

    #[test]
    fn encodings_are_detected() {
        let bom = "\u{feff}Sektor;Ebene\nFamilienhebamme / FGKiKP;Sü\n";
        assert_eq!(texts(&read_csv(bom.as_bytes()).unwrap())[0], ["Sektor", "Ebene"]);
        assert_eq!(decode(bom.as_bytes()).1, "UTF-8");
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Bedarf;weiß nicht;Fachkräfte\n");
        let grid = read_csv(&latin).unwrap();
        assert_eq!(texts(&grid)[0], ["Bedarf", "weiß nicht", "Fachkräfte"]);
        assert_eq!(decode(&latin).1, "Windows-1252");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("a\tä\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(texts(&read_csv(&utf16).unwrap())[0], ["a", "ä"]);
    }
}
