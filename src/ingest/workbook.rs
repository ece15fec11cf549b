//! Opening a workbook file: telling spreadsheets from everything else by
//! content, and turning calamine's failures into German messages.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use calamine::{Data, Ods, OdsError, Range, Reader, Sheets, Xls, XlsError, Xlsb, Xlsx, XlsxError, open_workbook};

use super::schema::Column;
use super::table::Table;
use crate::catalog::fold_key;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// An opened workbook.
pub struct Book {
    /// The file, as shown in messages.
    pub path: PathBuf,
    sheets: Sheets<BufReader<File>>,
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    /// A ZIP container: .xlsx, .xlsm or .ods (or a Word file, or broken).
    Zip,
    /// An OLE compound file: .xls, or an encrypted .xlsx.
    Ole,
    /// A PDF document.
    Pdf,
    /// Anything else (text, images …).
    Other,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl Book {
    /// Opens a workbook; the reader is chosen by the file's content, so a
    /// workbook saved with the wrong extension still opens.
    pub fn open(path: &Path) -> Result<Book, Diagnostic> {
        let fail = |message: String| Diagnostic::error(path, message);
        let head =
            read_head(path).map_err(|e| fail(format!("Die Datei kann nicht gelesen werden: {}", io_reason(&e))))?;
        if head.is_empty() {
            return Err(fail(
                "Die Datei ist leer (0 Byte); bitte die ausgefüllte Arbeitsmappe erneut speichern".into(),
            ));
        }
        let sheets = match sniff(&head) {
            Content::Zip => open_zip(path),
            Content::Ole => open_ole(path),
            Content::Pdf => {
                Err("Die Datei ist ein PDF-Dokument, keine Tabelle; bitte die Excel- oder ODS-Datei ablegen"
                    .to_string())
            }
            Content::Other => {
                Err("Die Datei ist keine Tabelle (weder Excel noch OpenDocument); bitte als .xlsx speichern"
                    .to_string())
            }
        };
        sheets.map(|sheets| Book { path: path.to_path_buf(), sheets }).map_err(fail)
    }

    /// Names of all sheets, in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    /// Names of the sheets a person sees (not hidden), in workbook order.
    pub fn visible_sheet_names(&self) -> Vec<String> {
        let visible = |s: &&calamine::Sheet| s.visible == calamine::SheetVisible::Visible;
        self.sheets.sheets_metadata().iter().filter(visible).map(|s| s.name.clone()).collect()
    }

    /// The sheet whose name matches `name` leniently ("Massnahmen" for
    /// "Maßnahmen"), with its name as written. `Ok(None)` if absent.
    pub fn sheet(&mut self, name: &str) -> Result<Option<(String, Range<Data>)>, Diagnostic> {
        let wanted = fold_key(name);
        let Some(actual) = self.sheet_names().into_iter().find(|n| fold_key(n) == wanted) else {
            return Ok(None);
        };
        match self.sheets.worksheet_range(&actual) {
            Ok(range) => Ok(Some((actual, range))),
            Err(_) => Err(Diagnostic::error(
                &self.path,
                "Das Blatt kann nicht gelesen werden; die Datei ist vermutlich beschädigt – bitte in Excel oder LibreOffice öffnen und neu speichern",
            )
            .in_sheet(&actual)),
        }
    }
}

impl Book {
    /// Reads a data sheet as a table of `schema` columns. A missing or empty
    /// sheet is an error when `required`, else simply `None`.
    pub fn table(&mut self, name: &str, schema: &[Column], required: bool, diags: &mut Diagnostics) -> Option<Table> {
        let (sheet, range) = match self.sheet(name) {
            Ok(Some(found)) => found,
            Ok(None) => {
                if required {
                    diags.push(Diagnostic::error(&self.path, format!("Blatt „{name}“ fehlt")));
                }
                return None;
            }
            Err(diag) => {
                diags.push(diag);
                return None;
            }
        };
        let table = Table::read(&range, &sheet, schema, &self.path, diags);
        if table.is_none() && required {
            diags.push(
                Diagnostic::error(&self.path, "Das Blatt ist leer: die Kopfzeile mit den Spaltennamen fehlt")
                    .in_sheet(&sheet),
            );
        }
        table
    }
}

/// The German reason of an I/O error; rare ones keep the system's text.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "keine Leseberechtigung".into(),
        std::io::ErrorKind::NotFound => "nicht gefunden".into(),
        _ => e.to_string(),
    }
}

fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(8);
    File::open(path)?.take(8).read_to_end(&mut head)?;
    Ok(head)
}

fn sniff(head: &[u8]) -> Content {
    if head.starts_with(ZIP_MAGIC) {
        Content::Zip
    } else if head.starts_with(OLE_MAGIC) {
        Content::Ole
    } else if head.starts_with(b"%PDF") {
        Content::Pdf
    } else {
        Content::Other
    }
}

// calamine's own messages are English and technical, so they are not shown.
const BROKEN: &str = "Die Datei ist beschädigt oder keine Excel-/ODS-Arbeitsmappe und kann nicht gelesen werden";
const PASSWORD: &str = "Die Datei ist mit einem Kennwort geschützt; bitte ohne Kennwort (Dateischutz) speichern";

/// ZIP containers are .xlsx/.xlsm or .ods; the ODS mimetype entry decides.
fn open_zip(path: &Path) -> Result<Sheets<BufReader<File>>, String> {
    if is_ods(path) {
        return match open_workbook::<Ods<_>, _>(path) {
            Ok(book) => Ok(Sheets::Ods(book)),
            Err(OdsError::Password) => Err(PASSWORD.into()),
            Err(_) => Err(BROKEN.into()),
        };
    }
    match open_workbook::<Xlsx<_>, _>(path) {
        Ok(book) => Ok(Sheets::Xlsx(book)),
        Err(XlsxError::Password) => Err(PASSWORD.into()),
        Err(_) => match open_workbook::<Xlsb<_>, _>(path) {
            Ok(book) => Ok(Sheets::Xlsb(book)),
            Err(_) => Err(BROKEN.into()),
        },
    }
}

/// An ODS file stores its mimetype uncompressed as the first ZIP entry.
fn is_ods(path: &Path) -> bool {
    let mut head = Vec::with_capacity(100);
    let read = File::open(path).and_then(|f| f.take(100).read_to_end(&mut head));
    read.is_ok() && head.windows(39).any(|w| w == b"application/vnd.oasis.opendocument.spre")
}

/// OLE files are .xls workbooks, or .xlsx files encrypted with a password
/// (those wrap the ZIP in an OLE container).
fn open_ole(path: &Path) -> Result<Sheets<BufReader<File>>, String> {
    match open_workbook::<Xls<_>, _>(path) {
        Ok(book) => Ok(Sheets::Xls(book)),
        Err(XlsError::Password) => Err(PASSWORD.into()),
        Err(_) => match open_workbook::<Xlsx<_>, _>(path) {
            Err(XlsxError::Password) => Err(PASSWORD.into()),
            _ => Err(BROKEN.into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_told_by_its_first_bytes() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Content::Zip);
        assert_eq!(sniff(OLE_MAGIC), Content::Ole);
        assert_eq!(sniff(b"%PDF-1.7"), Content::Pdf);
        assert_eq!(sniff(b"ID;Name"), Content::Other);
    }

    #[test]
    fn non_spreadsheets_fail_with_a_german_message() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(&str, &[u8], &str); 4] = [
            ("leer.xlsx", b"", "Die Datei ist leer (0 Byte)"),
            ("text.xlsx", b"Hallo", "Die Datei ist keine Tabelle"),
            ("doc.xlsx", b"%PDF-1.4\n", "Die Datei ist ein PDF-Dokument"),
            ("kaputt.xlsx", b"PK\x03\x04abc", "Die Datei ist beschädigt"),
        ];
        for (name, bytes, start) in cases {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let err = Book::open(&path).err().expect(name);
            assert!(err.message.starts_with(start), "{name}: {}", err.message);
            assert!(err.is_error());
        }
    }
}
