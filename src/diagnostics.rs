//! One type for every message a user sees about the inputs: where (file,
//! sheet, cell), how bad (error or warning) and what to do.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The value cannot be used; `qdfh check` exits with 1.
    Fehler,
    /// Worth a look; the input is still used.
    Warnung,
}

impl Severity {
    /// German label.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Fehler => "Fehler",
            Severity::Warnung => "Warnung",
        }
    }
}

/// A zero-based cell position, shown in A1 notation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cell {
    /// Zero-based row.
    pub row: u32,
    /// Zero-based column.
    pub col: u32,
}

impl Cell {
    /// Creates a cell position.
    pub fn new(row: u32, col: u32) -> Cell {
        Cell { row, col }
    }
}

/// The letters of a zero-based column index: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", column_letters(self.col), self.row + 1)
    }
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// One finding about the inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, as given relative to where qdfh was started.
    pub file: PathBuf,
    /// The sheet, if the finding is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The cell, if the finding is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<Cell>,
    /// What is wrong and what is allowed, in German.
    pub message: String,
}

impl Diagnostic {
    /// An error about a whole file.
    pub fn error(file: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Fehler,
            file: file.to_path_buf(),
            sheet: None,
            cell: None,
            message: message.into(),
        }
    }

    /// A warning about a whole file.
    pub fn warning(file: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warnung, ..Diagnostic::error(file, message) }
    }

    /// Narrows the finding to a sheet.
    pub fn in_sheet(mut self, sheet: &str) -> Diagnostic {
        self.sheet = Some(sheet.to_string());
        self
    }

    /// Narrows the finding to a cell.
    pub fn at(mut self, cell: Cell) -> Diagnostic {
        self.cell = Some(cell);
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Fehler
    }
}

impl fmt::Display for Diagnostic {
    /// `inputs/2026/auenfeld.xlsx › Befragung › F7: „vielleicht“ ist keine gültige Antwort …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(sheet) = &self.sheet {
            write!(f, " › {sheet}")?;
        }
        if let Some(cell) = &self.cell {
            write!(f, " › {cell}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Findings collected while reading, in the order they were found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Diagnostics {
    /// All findings.
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds a finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds all findings of another collection.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// True if a file has an error, so its contents must not be used.
    pub fn has_error_in(&self, file: &Path) -> bool {
        self.items.iter().any(|d| d.is_error() && d.file == file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn display_names_file_sheet_and_cell() {
        let d = Diagnostic::error(Path::new("inputs/2026/auenfeld.xlsx"), "„vielleicht“ ist keine gültige Antwort")
            .in_sheet("Befragung")
            .at(Cell::new(6, 5));
        assert_eq!(d.to_string(), "inputs/2026/auenfeld.xlsx › Befragung › F7: „vielleicht“ ist keine gültige Antwort");
    }
}
