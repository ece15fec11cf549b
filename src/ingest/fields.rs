//! Typed reading of the cells of a table row, with one German message per
//! rejected value that says what is allowed.

use std::path::Path;

use calamine::Data;
use chrono::NaiveDate;

use super::info::invalid_date;
use super::schema::ColumnKey;
use super::table::{Row, Table};
use super::value;
use crate::catalog::{Catalog, Scale, fold_key};
use crate::diagnostics::{Cell, Diagnostic, Diagnostics, Link};
use crate::model::{Answer, MunicipalityKind};

/// Reads the cells of one table, reporting rejected values.
pub struct Fields<'a> {
    /// The workbook, for messages.
    pub file: &'a Path,
    /// The catalog that defines sectors, levels, statuses and dimensions.
    pub catalog: &'a Catalog,
    /// The table being read.
    pub table: &'a Table,
    /// Where messages go.
    pub diags: &'a mut Diagnostics,
}

/// A fixed column by its canonical header.
pub fn fixed(name: &'static str) -> ColumnKey {
    ColumnKey::Fixed(name)
}

impl Fields<'_> {
    /// Reports an error at a cell of this table.
    pub fn error(&mut self, cell: Cell, message: String) {
        self.linked_error(cell, message, None);
    }

    /// Reports an error at a cell, linked to its cause or consequences.
    pub fn linked_error(&mut self, cell: Cell, message: String, link: Option<Link>) {
        self.diags.push(Diagnostic::error(self.file, message).in_sheet(&self.table.sheet).at(cell).linked(link));
    }

    /// Reports a warning at a cell of this table.
    pub fn warning(&mut self, cell: Cell, message: String) {
        self.linked_warning(cell, message, None);
    }

    /// Reports a warning at a cell, linked to its cause or consequences.
    pub fn linked_warning(&mut self, cell: Cell, message: String, link: Option<Link>) {
        self.diags.push(Diagnostic::warning(self.file, message).in_sheet(&self.table.sheet).at(cell).linked(link));
    }

    /// The non-blank cell of a column. Formula errors (#DIV/0! …) are
    /// reported here once, so no reader has to know about them.
    pub fn cell<'r>(&mut self, row: &'r Row, key: &ColumnKey) -> Option<(&'r Data, Cell)> {
        let (data, cell) = self.table.get(row, key)?;
        if let Data::Error(e) = data {
            self.error(cell, format!("Die Formel ergibt den Fehler {e}; bitte die Formel oder den Wert korrigieren"));
            return None;
        }
        (!value::is_blank(data)).then_some((data, cell))
    }

    /// Free text; `None` when blank.
    pub fn text(&mut self, row: &Row, key: &ColumnKey) -> Option<String> {
        self.cell(row, key).and_then(|(d, _)| value::text(d))
    }

    /// Free text; empty when blank.
    pub fn text_or_empty(&mut self, row: &Row, key: &ColumnKey) -> String {
        self.text(row, key).unwrap_or_default()
    }

    /// A value that must be given: reports "Pflichtangabe fehlt" when blank.
    fn required<'r>(&mut self, row: &'r Row, key: &ColumnKey) -> Option<(&'r Data, Cell)> {
        let found = self.cell(row, key);
        if found.is_none()
            && let Some((data, cell)) = self.table.get(row, key)
            && !matches!(data, Data::Error(_))
        {
            self.error(cell, format!("Pflichtangabe „{}“ fehlt", column_name(key)));
        }
        found
    }

    /// Text that must be given.
    pub fn required_text(&mut self, row: &Row, key: &ColumnKey) -> Option<String> {
        self.required(row, key).and_then(|(d, _)| value::text(d))
    }

    /// An answer on `scale`; blank is [`Answer::Blank`].
    pub fn answer(&mut self, row: &Row, key: &ColumnKey, scale: &Scale) -> Answer {
        let Some((data, cell)) = self.cell(row, key) else { return Answer::Blank };
        value::answer(scale, data).unwrap_or_else(|()| {
            let message = format!(
                "„{}“ ist keine gültige Antwort (erlaubt: {})",
                value::display(data),
                scale.allowed_description()
            );
            self.error(cell, message);
            Answer::Blank
        })
    }

    /// A required cell looked up with `find`; when nothing matches, an error
    /// "„text“ ist {unknown} (erlaubt: {allowed})".
    fn lookup<T>(
        &mut self,
        row: &Row,
        key: &ColumnKey,
        find: impl Fn(&str) -> Option<T>,
        unknown: &str,
        allowed: impl FnOnce() -> String,
    ) -> Option<T> {
        let (data, cell) = self.required(row, key)?;
        let text = value::display(data);
        let found = find(&text);
        if found.is_none() {
            self.error(cell, format!("„{text}“ ist {unknown} (erlaubt: {})", allowed()));
        }
        found
    }

    /// A sector id from the catalog (required).
    pub fn sector(&mut self, row: &Row, key: &ColumnKey) -> Option<String> {
        let catalog = self.catalog;
        self.lookup(
            row,
            key,
            |t| catalog.find_sector(t).map(|s| s.id.clone()),
            "kein bekannter Sektor",
            || join(catalog.material.sectors.iter().map(|s| s.name.as_str())),
        )
    }

    /// A level id from the catalog (required).
    pub fn level(&mut self, row: &Row, key: &ColumnKey) -> Option<String> {
        let catalog = self.catalog;
        self.lookup(
            row,
            key,
            |t| catalog.find_level(t).map(|l| l.id.clone()),
            "keine bekannte Ebene",
            || join(catalog.material.levels.iter().map(|l| l.name.as_str())),
        )
    }

    /// An action-plan status id from the catalog (required).
    pub fn status(&mut self, row: &Row, key: &ColumnKey) -> Option<String> {
        let catalog = self.catalog;
        self.lookup(
            row,
            key,
            |t| catalog.find_status(t).map(|s| s.id.clone()),
            "kein bekannter Status",
            || join(catalog.material.status.iter().map(|s| s.name.as_str())),
        )
    }

    /// The kind of municipality (required).
    pub fn municipality_kind(&mut self, row: &Row, key: &ColumnKey) -> Option<MunicipalityKind> {
        self.lookup(row, key, MunicipalityKind::parse, "kein bekannter Typ", || {
            join(MunicipalityKind::ALL.iter().map(|k| k.label()))
        })
    }

    /// One dimension id (required): "QD3", "3" or "Netzwerk".
    pub fn dimension(&mut self, row: &Row, key: &ColumnKey) -> Option<String> {
        let (data, cell) = self.required(row, key)?;
        let text = value::display(data);
        let found = self.catalog.find_dimension(&text).map(|d| d.id.clone());
        if found.is_none() {
            self.error(cell, unknown_dimension(self.catalog, &text));
        }
        found
    }

    /// Dimension ids separated by commas or semicolons; blank is empty.
    pub fn dimension_list(&mut self, row: &Row, key: &ColumnKey) -> Vec<String> {
        let Some((data, cell)) = self.cell(row, key) else { return Vec::new() };
        let mut ids = Vec::new();
        for part in value::display(data).split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
            match self.catalog.find_dimension(part) {
                Some(d) if !ids.contains(&d.id) => ids.push(d.id.clone()),
                Some(_) => {}
                None => self.error(cell, unknown_dimension(self.catalog, part)),
            }
        }
        ids
    }

    /// A dimension id or a topic id ("3b") for dot voting (required).
    pub fn dimension_or_topic(&mut self, row: &Row, key: &ColumnKey) -> Option<String> {
        let (data, cell) = self.required(row, key)?;
        let text = value::display(data);
        if let Some(d) = self.catalog.find_dimension(&text) {
            return Some(d.id.clone());
        }
        let wanted = fold_key(&text);
        let topic = self
            .catalog
            .framework
            .dimensions
            .iter()
            .flat_map(|d| &d.topics)
            .find(|t| fold_key(&t.id) == wanted || fold_key(&t.titel) == wanted);
        if topic.is_none() {
            let message = format!(
                "„{text}“ ist weder eine bekannte Qualitätsdimension noch ein Thema (erlaubt: {}, Name der Dimension oder Themen-ID wie 3b)",
                dimension_range(self.catalog)
            );
            self.error(cell, message);
        }
        topic.map(|t| t.id.clone())
    }

    /// A date; blank is `None`.
    pub fn date(&mut self, row: &Row, key: &ColumnKey) -> Option<NaiveDate> {
        let (data, cell) = self.cell(row, key)?;
        value::date(data).unwrap_or_else(|()| {
            self.error(cell, invalid_date(data));
            None
        })
    }

    /// A whole number ≥ 0 (required).
    pub fn count(&mut self, row: &Row, key: &ColumnKey) -> Option<u32> {
        let (data, cell) = self.required(row, key)?;
        value::count(data).unwrap_or_else(|()| {
            let message = format!("„{}“ ist keine gültige Anzahl (erlaubt: ganze Zahl ab 0)", value::display(data));
            self.error(cell, message);
            None
        })
    }

    /// A number ≥ 0; blank is `None`.
    pub fn number(&mut self, row: &Row, key: &ColumnKey) -> Option<f64> {
        let (data, cell) = self.cell(row, key)?;
        value::non_negative(data).unwrap_or_else(|()| {
            let message =
                format!("„{}“ ist keine gültige Zahl (erlaubt: Zahl ab 0, z. B. 12 oder 1,5)", value::display(data));
            self.error(cell, message);
            None
        })
    }
}

/// The header a column is known by, for "Pflichtangabe … fehlt".
fn column_name(key: &ColumnKey) -> String {
    match key {
        ColumnKey::Fixed(name) => (*name).to_string(),
        ColumnKey::Goal(id)
        | ColumnKey::Need(id)
        | ColumnKey::Pair(id)
        | ColumnKey::FactorState(id)
        | ColumnKey::FactorImportance(id)
        | ColumnKey::KeyFigure(id)
        | ColumnKey::Standard(id) => id.clone(),
        ColumnKey::KeyFigureTarget(id) => format!("Zielwert {id}"),
    }
}

fn join<'s>(names: impl Iterator<Item = &'s str>) -> String {
    names.collect::<Vec<_>>().join(", ")
}

/// "QD1–QD11", from the catalog.
fn dimension_range(catalog: &Catalog) -> String {
    let dims = &catalog.framework.dimensions;
    match (dims.first(), dims.last()) {
        (Some(first), Some(last)) => format!("{}–{}", first.id, last.id),
        _ => String::new(),
    }
}

fn unknown_dimension(catalog: &Catalog, text: &str) -> String {
    format!(
        "„{text}“ ist keine bekannte Qualitätsdimension (erlaubt: {}, die Nummer oder der Name, z. B. QD3, 3 oder Netzwerk)",
        dimension_range(catalog)
    )
}
