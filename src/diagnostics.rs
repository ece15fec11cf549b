//! One type for every message a user sees about the inputs: where (file,
//! sheet, cell), how bad (error or warning) and what to do.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
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

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Cell, D::Error> {
        let text = String::deserialize(d)?;
        Cell::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("no cell: {text}")))
    }
}

impl Cell {
    /// Reads A1 notation ("C2", "AA10").
    pub fn parse(text: &str) -> Option<Cell> {
        let split = text.find(|c: char| c.is_ascii_digit())?;
        let (letters, digits) = text.split_at(split);
        if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let col = letters.bytes().try_fold(0u32, |n, b| n.checked_mul(26)?.checked_add((b - b'A' + 1) as u32))?;
        let row: u32 = digits.parse().ok()?;
        Some(Cell::new(row.checked_sub(1)?, col - 1))
    }
}

/// One finding about the inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The finding this one follows from, or that follows from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<Link>,
}

/// How a finding relates to others: a broken Stammdaten row is the cause,
/// each workbook naming its municipality is a consequence. Both carry the
/// same key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Link {
    /// Other findings follow from this one.
    Cause(String),
    /// This finding follows from the cause with this key.
    Consequence(String),
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
            link: None,
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

    /// Links the finding to its cause or its consequences.
    pub fn linked(mut self, link: Option<Link>) -> Diagnostic {
        self.link = link;
        self
    }

    /// True if it follows from another finding.
    pub fn is_consequence(&self) -> bool {
        matches!(self.link, Some(Link::Consequence(_)))
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

/// A finding with the findings that follow from it.
#[derive(Debug)]
pub struct Group<'a> {
    /// The finding.
    pub finding: &'a Diagnostic,
    /// Findings that follow from it, in order.
    pub consequences: Vec<&'a Diagnostic>,
}

/// Findings collected while reading, in the order they were found.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
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

    /// The findings in order, each consequence moved under the first
    /// finding that is its cause. A consequence whose cause is not among
    /// the findings stays in its place.
    pub fn grouped(&self) -> Vec<Group<'_>> {
        let causes: BTreeMap<&str, usize> = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, d)| match &d.link {
                Some(Link::Cause(key)) => Some((key.as_str(), i)),
                _ => None,
            })
            .rev()
            .collect();
        let cause_of = |d: &Diagnostic| match &d.link {
            Some(Link::Consequence(key)) => causes.get(key.as_str()).copied(),
            _ => None,
        };
        let mut groups = Vec::new();
        let mut group_of_item = BTreeMap::new();
        for (i, d) in self.items.iter().enumerate() {
            if cause_of(d).is_none() {
                group_of_item.insert(i, groups.len());
                groups.push(Group { finding: d, consequences: Vec::new() });
            }
        }
        for d in &self.items {
            if let Some(cause) = cause_of(d) {
                groups[group_of_item[&cause]].consequences.push(d);
            }
        }
        groups
    }

    /// One line per finding ("Fehler: …"), its consequences indented below
    /// it ("  → Folgefehler: …"). `quiet` leaves out warnings.
    pub fn to_text(&self, quiet: bool) -> String {
        let mut out = String::new();
        for group in self.grouped() {
            if quiet && !group.finding.is_error() {
                continue;
            }
            out.push_str(&format!("{}: {}\n", group.finding.severity.label(), group.finding));
            for d in group.consequences.iter().filter(|d| d.is_error() || !quiet) {
                let label = if d.is_error() { "Folgefehler" } else { "Folgewarnung" };
                out.push_str(&format!("  → {label}: {d}\n"));
            }
        }
        out
    }

    /// The counts as users read them: "2 Fehler, 1 Warnung", and
    /// ", 3 Folgemeldungen" when findings were listed under their cause.
    pub fn counts_text(&self) -> String {
        let grouped = self.grouped();
        let errors = grouped.iter().filter(|g| g.finding.is_error()).count();
        let warnings = grouped.len() - errors;
        let consequences: usize = grouped.iter().map(|g| g.consequences.len()).sum();
        let count = |n: usize| crate::ingest::format_number(n as f64);
        let warning_noun = if warnings == 1 { "Warnung" } else { "Warnungen" };
        let mut text = format!("{} Fehler, {} {warning_noun}", count(errors), count(warnings));
        if consequences > 0 {
            let noun = if consequences == 1 { "Folgemeldung" } else { "Folgemeldungen" };
            text.push_str(&format!(", {} {noun}", count(consequences)));
        }
        text
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

    #[test]
    fn consequences_move_under_their_first_cause_and_orphans_stay() {
        let file = Path::new("a.xlsx");
        let cause = |key: &str| Some(Link::Cause(key.into()));
        let follows = |key: &str| Some(Link::Consequence(key.into()));
        let diags = Diagnostics {
            items: vec![
                Diagnostic::error(file, "1").linked(cause("x")),
                Diagnostic::error(file, "2").linked(cause("x")),
                Diagnostic::warning(file, "3"),
                Diagnostic::error(file, "4").linked(follows("x")),
                Diagnostic::error(file, "5").linked(follows("y")),
                Diagnostic::warning(file, "6").linked(follows("x")),
            ],
        };
        let shape: Vec<(&str, Vec<&str>)> = diags
            .grouped()
            .iter()
            .map(|g| (g.finding.message.as_str(), g.consequences.iter().map(|d| d.message.as_str()).collect()))
            .collect();
        assert_eq!(shape, [("1", vec!["4", "6"]), ("2", vec![]), ("3", vec![]), ("5", vec![])]);
        assert_eq!(diags.counts_text(), "3 Fehler, 1 Warnung, 2 Folgemeldungen");
        assert_eq!(
            diags.to_text(true),
            "Fehler: a.xlsx: 1\n  → Folgefehler: a.xlsx: 4\nFehler: a.xlsx: 2\nFehler: a.xlsx: 5\n"
        );
    }

    #[test]
    fn cells_read_back_from_a1_notation() {
        for cell in [Cell::new(0, 0), Cell::new(1, 2), Cell::new(9, 26), Cell::new(99, 702)] {
            assert_eq!(Cell::parse(&cell.to_string()), Some(cell));
        }
        assert_eq!(Cell::parse("A0"), None);
        assert_eq!(Cell::parse("12"), None);
        assert_eq!(Cell::parse("a1"), None);
    }
}
