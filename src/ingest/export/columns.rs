//! Finding the columns of an export by the profile: each header is matched
//! against the question codes and text patterns of every column qdfh needs.

use std::collections::BTreeMap;
use std::path::Path;

use super::super::value;
use super::grid::Grid;
use super::pattern::{Pattern, code_matches};
use super::profile::{Profile, Spec};
use crate::catalog::{Catalog, fold_key};
use crate::diagnostics::{Cell, Diagnostic, Diagnostics, column_letters};

/// What a column of an export holds.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// A development goal's rating, by goal id.
    Goal(String),
    /// A dimension's development need, by dimension id.
    Need(String),
    /// The sector.
    Sector,
    /// The level.
    Level,
    /// The function.
    Function,
    /// The comment.
    Comment,
    /// The respondent id.
    Person,
    /// The submission date.
    Submitted,
    /// The completion status.
    Finished,
    /// The last page reached.
    LastPage,
}

/// A column qdfh looks for, with how to find it.
struct Wanted {
    role: Role,
    /// Folded question codes.
    codes: Vec<String>,
    /// Full-text patterns.
    texts: Vec<Pattern>,
    /// The first code or pattern as written, for messages.
    shown: String,
    /// What the column is, for messages ("Entwicklungsziel 3.1").
    label: String,
    required: bool,
}

impl Wanted {
    fn new(role: Role, spec: &Spec, vars: &[(&str, &str)], label: String, required: bool) -> Wanted {
        let fill = |template: &str| {
            vars.iter().fold(template.to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
        };
        let codes = spec.code.iter().map(|c| fold_key(&fill(c))).collect();
        let texts = spec.text.iter().filter_map(|t| Pattern::header(t, vars).ok()).collect();
        let shown = match (spec.code.first(), spec.text.first()) {
            (Some(code), Some(text)) => format!("Fragecode „{}“ oder Fragetext „{}“", fill(code), fill(text)),
            (Some(code), None) => format!("Fragecode „{}“", fill(code)),
            (None, Some(text)) => format!("Fragetext „{}“", fill(text)),
            (None, None) => String::new(),
        };
        Wanted { role, codes, texts, shown, label, required }
    }

    fn matches(&self, header: &str) -> bool {
        self.codes.iter().any(|c| code_matches(c, header)) || self.texts.iter().any(|p| p.matches(header))
    }
}

/// The columns found: role → absolute column index.
#[derive(Debug, Default)]
pub struct Found {
    /// Columns by role.
    pub columns: BTreeMap<Role, u32>,
    /// The header row (absolute, zero-based).
    pub header_row: u32,
}

impl Found {
    /// The cell of `role` in `row`, if the export has that column.
    pub fn cell(&self, role: &Role, row: u32) -> Option<Cell> {
        self.columns.get(role).map(|&col| Cell::new(row, col))
    }
}

/// Everything qdfh looks for, goals and needs first: their patterns are
/// the most specific.
fn wanted(profile: &Profile, catalog: &Catalog) -> Vec<Wanted> {
    let c = &profile.spalten;
    let mut all = Vec::new();
    for dim in &catalog.framework.dimensions {
        let (nr, nr2) = (dim.nummer.to_string(), format!("{:02}", dim.nummer));
        for (m, goal) in dim.topics.iter().flat_map(|t| &t.goals).enumerate() {
            let (m, m2) = ((m + 1).to_string(), format!("{:02}", m + 1));
            let vars = [
                ("nr", nr.as_str()),
                ("nr2", nr2.as_str()),
                ("dim", dim.id.as_str()),
                ("m", m.as_str()),
                ("m2", m2.as_str()),
                ("ziel", goal.id.as_str()),
            ];
            let label = format!("Entwicklungsziel {} „{}“", goal.id, goal.kurz);
            all.push(Wanted::new(Role::Goal(goal.id.clone()), &c.ziel, &vars, label, true));
        }
    }
    for dim in &catalog.framework.dimensions {
        let (nr, nr2) = (dim.nummer.to_string(), format!("{:02}", dim.nummer));
        let vars = [("nr", nr.as_str()), ("nr2", nr2.as_str()), ("dim", dim.id.as_str())];
        let label = format!("Entwicklungsbedarf {}", dim.label());
        all.push(Wanted::new(Role::Need(dim.id.clone()), &c.bedarf, &vars, label, true));
    }
    all.push(Wanted::new(Role::Sector, &c.sektor, &[], "Sektor".into(), true));
    all.push(Wanted::new(Role::Level, &c.ebene, &[], "Ebene".into(), true));
    let optional = [
        (Role::Function, &c.funktion, "Funktion"),
        (Role::Comment, &c.anmerkung, "Anmerkung"),
        (Role::Person, &c.person, "Antwort-ID"),
        (Role::Submitted, &c.abgeschickt, "Abschlussdatum"),
        (Role::Finished, &c.fertig, "Abschlussstatus"),
        (Role::LastPage, &c.letzte_seite, "Letzte Seite"),
    ];
    for (role, spec, label) in optional {
        if let Some(spec) = spec {
            all.push(Wanted::new(role, spec, &[], label.into(), false));
        }
    }
    all
}

/// Maps the header row (the first row with content) to roles. A header
/// found twice is an error at its cell, a header the profile does not know
/// a warning (unless the profile ignores it), a missing required column an
/// error naming the code or text it needs.
pub fn find_columns(
    grid: &Grid,
    profile: &Profile,
    catalog: &Catalog,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<Found> {
    let header_row = grid.filled_rows().next()?;
    let wanted = wanted(profile, catalog);
    let ignored: Vec<Pattern> = profile.ignorieren.iter().filter_map(|p| Pattern::header(p, &[]).ok()).collect();
    let mut found = Found { header_row, ..Found::default() };
    for col in grid.filled_columns(header_row) {
        let cell = Cell::new(header_row, col);
        let header = value::display(grid.get(cell));
        let Some(column) = wanted.iter().find(|w| w.matches(&header)) else {
            if !ignored.iter().any(|p| p.matches(&header)) {
                let message = format!(
                    "unbekannte Spalte „{header}“ wird ignoriert (passt zu keiner Spalte des Profils {})",
                    profile.name
                );
                diags.push(grid.place(Diagnostic::warning(file, message), Some(cell)));
            }
            continue;
        };
        if let Some(&first) = found.columns.get(&column.role) {
            let message = format!(
                "Spalte „{header}“ ({}) kommt doppelt vor (auch in Spalte {}); bitte eine davon löschen",
                column.label,
                column_letters(first)
            );
            diags.push(grid.place(Diagnostic::error(file, message), Some(cell)));
            continue;
        }
        found.columns.insert(column.role.clone(), col);
    }
    report_missing(&wanted, &found, profile, grid, file, diags);
    Some(found)
}

/// Whether a role is of one kind (goal, need).
type RoleTest = fn(&Role) -> bool;

/// A missing required column is an error naming the code or text it needs;
/// when not one goal (or need) column was found, a single error says so
/// instead of one per goal: the export then has other codes or headings.
fn report_missing(
    wanted: &[Wanted],
    found: &Found,
    profile: &Profile,
    grid: &Grid,
    file: &Path,
    diags: &mut Diagnostics,
) {
    let missing: Vec<&Wanted> = wanted.iter().filter(|w| w.required && !found.columns.contains_key(&w.role)).collect();
    let kinds: [(RoleTest, &str); 2] = [
        (|r| matches!(r, Role::Goal(_)), "die Entwicklungsziele"),
        (|r| matches!(r, Role::Need(_)), "den Entwicklungsbedarf"),
    ];
    let mut summarised = Vec::new();
    for (is_kind, what) in kinds {
        let all = wanted.iter().filter(|w| is_kind(&w.role)).count();
        let first = missing.iter().find(|w| is_kind(&w.role));
        if let Some(first) = first.filter(|_| all > 1 && missing.iter().filter(|w| is_kind(&w.role)).count() == all) {
            let message = format!(
                "Keine Spalte für {what} gefunden (erwartet z. B. {}); passen die Fragecodes der Umfrage und die Überschriften des Exports zum Profil {}?",
                first.shown, profile.name
            );
            diags.push(grid.place(Diagnostic::error(file, message), None));
            summarised.push(is_kind);
        }
    }
    for column in missing.iter().filter(|w| !summarised.iter().any(|is_kind| is_kind(&w.role))) {
        let message = format!("Spalte für {} fehlt (erwartet: {})", column.label, column.shown);
        diags.push(grid.place(Diagnostic::error(file, message), None));
    }
}
