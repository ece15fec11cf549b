//! Reading the responses of an export: incomplete ones are left out and
//! counted, every other cell is read through the profile's answer codes or,
//! failing that, like a cell of qdfh's own Befragung form.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use calamine::Data;

use super::super::value;
use super::columns::{Found, Role};
use super::grid::Grid;
use super::pattern::Pattern;
use super::profile::{Mapped, Profile, lookup, mapped_answer, mapped_text};
use crate::catalog::{Catalog, Scale};
use crate::diagnostics::{Cell, Diagnostic, Diagnostics};
use crate::model::{Answer, Origin, Respondent};

/// Reads the responses below the header row.
pub struct Rows<'a> {
    /// The export, as shown in messages.
    pub file: &'a Path,
    /// Its cells.
    pub grid: &'a Grid,
    /// Its columns.
    pub found: &'a Found,
    /// The profile.
    pub profile: &'a Profile,
    /// The catalog.
    pub catalog: &'a Catalog,
    /// Where findings go.
    pub diags: &'a mut Diagnostics,
}

impl Rows<'_> {
    /// The complete responses; incomplete ones are counted in a warning.
    pub fn read(&mut self) -> Vec<Respondent> {
        let mut rows: Vec<u32> = self.grid.filled_rows().filter(|&r| r > self.found.header_row).collect();
        if rows.first().is_some_and(|&first| self.describes_variables(first)) {
            rows.remove(0);
        }
        let mut incomplete = Vec::new();
        let mut respondents = Vec::new();
        let mut seen: HashMap<String, u32> = HashMap::new();
        for row in rows {
            if !self.complete(row) {
                incomplete.push(row + 1);
                continue;
            }
            let respondent = self.respondent(row);
            if let Some(cell) = self.found.cell(&Role::Person, row).filter(|&c| !value::is_blank(self.grid.get(c))) {
                match seen.get(&respondent.id) {
                    Some(first) => {
                        let message =
                            format!("Antwort-ID „{}“ kommt mehrfach vor (auch in Zeile {first})", respondent.id);
                        self.warn(cell, message);
                    }
                    None => {
                        seen.insert(respondent.id.clone(), row + 1);
                    }
                }
            }
            respondents.push(respondent);
        }
        self.report_incomplete(&incomplete);
        if respondents.is_empty() {
            let message = "Der Export enthält keine vollständige Antwort";
            self.diags.push(self.grid.place(Diagnostic::warning(self.file, message), None));
        }
        respondents
    }

    fn report_incomplete(&mut self, rows: &[u32]) {
        if rows.is_empty() {
            return;
        }
        let listed = rows.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
        let message = match rows.len() {
            1 => format!("1 unvollständige Antwort (Zeile {listed}) wird nicht gezählt"),
            n => format!("{n} unvollständige Antworten (Zeilen {listed}) werden nicht gezählt"),
        };
        self.diags.push(self.grid.place(Diagnostic::warning(self.file, message), None));
    }

    /// True if the row holds the descriptions of the variables (a respondent
    /// id that fits the profile's `beschreibungszeile`), not a response.
    fn describes_variables(&self, row: u32) -> bool {
        let Some(id) = self.found.cell(&Role::Person, row).map(|cell| value::display(self.grid.get(cell))) else {
            return false;
        };
        let patterns = &self.profile.beschreibungszeile;
        patterns.iter().filter_map(|p| Pattern::header(p, &[]).ok()).any(|p| p.matches(&id))
    }

    /// Complete: submitted and marked finished (when the export has these
    /// columns) and, when the profile asks for it, the last page reached.
    fn complete(&self, row: u32) -> bool {
        let submitted = self.found.cell(&Role::Submitted, row).is_none_or(|cell| !value::is_blank(self.grid.get(cell)));
        let finished = self
            .found
            .cell(&Role::Finished, row)
            .is_none_or(|cell| self.profile.is_finished(&value::display(self.grid.get(cell))));
        let last_page = match (self.profile.abschluss.letzte_seite, self.found.cell(&Role::LastPage, row)) {
            (Some(needed), Some(cell)) => {
                value::number(self.grid.get(cell)).ok().flatten().is_some_and(|page| page >= f64::from(needed))
            }
            _ => true,
        };
        submitted && finished && last_page
    }

    fn respondent(&mut self, row: u32) -> Respondent {
        let (catalog, profile) = (self.catalog, self.profile);
        let id = self.text(row, &Role::Person).unwrap_or_else(|| format!("Zeile {}", row + 1));
        let sector = self.sector(row).unwrap_or_default();
        let level = self.level(row).unwrap_or_default();
        let role = self.text(row, &Role::Function).unwrap_or_default();
        let rating = catalog.scale(&catalog.scales.verwendung.befragung);
        let need = catalog.scale(&catalog.scales.verwendung.bedarf);
        let mut ratings = BTreeMap::new();
        for (_, goal) in catalog.goals() {
            let role = Role::Goal(goal.id.clone());
            if let Some(answer) = self.answer(row, &role, rating, &profile.antworten.ziel) {
                ratings.insert(goal.id.clone(), answer);
            }
        }
        let mut needs = BTreeMap::new();
        for dim in &catalog.framework.dimensions {
            let role = Role::Need(dim.id.clone());
            if let Some(answer) = self.answer(row, &role, need, &profile.antworten.bedarf) {
                needs.insert(dim.id.clone(), answer);
            }
        }
        let comment = self.text(row, &Role::Comment);
        let sheet = self.grid.sheet.clone().unwrap_or_default();
        let origin = Origin { file: self.file.to_path_buf(), sheet, row };
        Respondent { id, sector, level, role, ratings, needs, comment, origin }
    }

    fn warn(&mut self, cell: Cell, message: String) {
        self.diags.push(self.grid.place(Diagnostic::warning(self.file, message), Some(cell)));
    }

    fn error(&mut self, cell: Cell, message: String) {
        self.diags.push(self.grid.place(Diagnostic::error(self.file, message), Some(cell)));
    }

    /// The non-blank cell of a column; a value the profile lists as
    /// missing (`fehlend`) counts as blank.
    fn cell(&self, row: u32, role: &Role) -> Option<(&Data, Cell)> {
        let cell = self.found.cell(role, row)?;
        let data = self.grid.get(cell);
        let blank = value::is_blank(data) || self.profile.is_missing(&value::display(data));
        (!blank).then_some((data, cell))
    }

    fn text(&self, row: u32, role: &Role) -> Option<String> {
        self.cell(row, role).and_then(|(data, _)| value::text(data))
    }

    /// An answer: a code of the profile, else a label, number or "weiß
    /// nicht" as in the form. `None` when the export lacks the column.
    fn answer(&mut self, row: u32, role: &Role, scale: &Scale, codes: &BTreeMap<String, Mapped>) -> Option<Answer> {
        self.found.cell(role, row)?;
        let Some((data, cell)) = self.cell(row, role) else { return Some(Answer::Blank) };
        let text = value::display(data);
        if let Some(answer) = lookup(codes, &text).and_then(|m| mapped_answer(scale, m)) {
            return Some(answer);
        }
        if let Ok(answer) = value::answer(scale, data) {
            return Some(answer);
        }
        let codes: Vec<&str> = codes.keys().map(String::as_str).collect();
        let allowed = match codes.is_empty() {
            true => scale.allowed_description(),
            false => format!("{} oder {}", codes.join(", "), scale.allowed_description()),
        };
        let message =
            format!("„{text}“ ist keine gültige Antwort (erlaubt laut Profil {}: {allowed})", self.profile.name);
        self.error(cell, message);
        Some(Answer::Blank)
    }

    fn sector(&mut self, row: u32) -> Option<String> {
        let (catalog, profile) = (self.catalog, self.profile);
        let codes = &profile.antworten.sektor;
        let find = |text: &str| {
            let by_code = lookup(codes, text).and_then(mapped_text).and_then(|t| catalog.find_sector(t));
            by_code.or_else(|| catalog.find_sector(text)).map(|s| s.id.clone())
        };
        let names = catalog.material.sectors.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ");
        self.coded(row, &Role::Sector, "Sektor", find, "kein bekannter Sektor", &names)
    }

    fn level(&mut self, row: u32) -> Option<String> {
        let (catalog, profile) = (self.catalog, self.profile);
        let codes = &profile.antworten.ebene;
        let find = |text: &str| {
            let by_code = lookup(codes, text).and_then(mapped_text).and_then(|t| catalog.find_level(t));
            by_code.or_else(|| catalog.find_level(text)).map(|l| l.id.clone())
        };
        let names = catalog.material.levels.iter().map(|l| l.name.as_str()).collect::<Vec<_>>().join(", ");
        self.coded(row, &Role::Level, "Ebene", find, "keine bekannte Ebene", &names)
    }

    /// A required answer looked up by code or name.
    fn coded(
        &mut self,
        row: u32,
        role: &Role,
        name: &str,
        find: impl Fn(&str) -> Option<String>,
        unknown: &str,
        names: &str,
    ) -> Option<String> {
        let Some((data, cell)) = self.cell(row, role) else {
            if let Some(cell) = self.found.cell(role, row) {
                self.error(cell, format!("Pflichtangabe „{name}“ fehlt"));
            }
            return None;
        };
        let text = value::display(data);
        let found = find(&text);
        if found.is_none() {
            let profile = self.profile;
            let codes = match role {
                Role::Sector => &profile.antworten.sektor,
                _ => &profile.antworten.ebene,
            };
            let codes: Vec<&str> = codes.keys().map(String::as_str).collect();
            let allowed =
                if codes.is_empty() { names.to_string() } else { format!("Codes {} oder {names}", codes.join(", ")) };
            let message = format!("„{text}“ ist {unknown} (erlaubt laut Profil {}: {allowed})", profile.name);
            self.error(cell, message);
        }
        found
    }
}
