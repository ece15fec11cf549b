//! Which data sheets each kind of form has, taken from the schema.

use crate::catalog::{Catalog, Dimension};
use crate::ingest::schema::{self, Column, FormKind, sheet};

/// One data sheet of a form: its name and columns, in order.
#[derive(Debug, Clone)]
pub struct SheetSpec {
    /// Sheet name, one of [`crate::ingest::schema::sheet`].
    pub name: &'static str,
    /// Columns in form order.
    pub columns: Vec<Column>,
    /// Laid out for one person: one row per column, key in A, question in
    /// B, answer in C (the questionnaire).
    pub form: bool,
}

/// The data sheets of a form kind, in the order they appear after the
/// guide and the Info sheet.
pub fn sheets_of(kind: FormKind, catalog: &Catalog) -> Vec<SheetSpec> {
    let spec = |name, columns| SheetSpec { name, columns, form: false };
    match kind {
        FormKind::Stammdaten => vec![spec(sheet::KOMMUNEN, schema::kommunen_columns())],
        FormKind::Befragung => vec![spec(sheet::BEFRAGUNG, schema::befragung_columns(catalog))],
        FormKind::Werkstatt => vec![
            spec(sheet::TEILNAHME, schema::teilnahme_columns()),
            spec(sheet::POLARITAET, schema::polaritaet_columns(catalog)),
            spec(sheet::ERFOLGSFAKTOREN, schema::erfolgsfaktoren_columns(catalog)),
            spec(sheet::PUNKTABFRAGE, schema::punktabfrage_columns()),
            spec(sheet::MASSNAHMEN, schema::massnahmen_columns()),
            spec(sheet::RUECKMELDUNG, schema::rueckmeldung_columns(catalog)),
        ],
        FormKind::Kennzahlen => vec![spec(sheet::KENNZAHLEN, schema::kennzahlen_columns(catalog))],
        FormKind::Fragebogen => {
            vec![SheetSpec { name: sheet::FRAGEBOGEN, columns: schema::fragebogen_columns(catalog), form: true }]
        }
        FormKind::Standards => {
            vec![SheetSpec { name: sheet::STANDARDS, columns: schema::standards_columns(catalog), form: true }]
        }
    }
}

/// How a dimension is offered in drop-downs: "QD3 Netzwerk". The readers
/// accept this as well as the bare id, number or name.
pub fn dimension_label(dimension: &Dimension) -> String {
    format!("{} {}", dimension.id, dimension.name)
}

/// File name of the blank form of a kind.
pub fn blank_file_name(kind: FormKind) -> &'static str {
    match kind {
        FormKind::Stammdaten => "stammdaten.xlsx",
        FormKind::Befragung => "befragung.xlsx",
        FormKind::Werkstatt => "werkstatt.xlsx",
        FormKind::Kennzahlen => "kennzahlen.xlsx",
        FormKind::Fragebogen => "fragebogen.xlsx",
        FormKind::Standards => "standards.xlsx",
    }
}

/// Info keys a kind asks for, besides "Formular", in sheet order.
pub(super) fn info_keys(kind: FormKind) -> &'static [&'static str] {
    match kind {
        FormKind::Stammdaten => &[],
        FormKind::Befragung | FormKind::Fragebogen | FormKind::Standards => {
            &[schema::INFO_MUNICIPALITY, schema::INFO_YEAR]
        }
        FormKind::Werkstatt => &[schema::INFO_MUNICIPALITY, schema::INFO_CLUSTER, schema::INFO_YEAR, schema::INFO_DATE],
        FormKind::Kennzahlen => &[schema::INFO_YEAR],
    }
}

/// Where a filled form of this kind belongs, for the guide.
pub(super) fn destination(kind: FormKind) -> &'static str {
    match kind {
        FormKind::Stammdaten => "inputs/stammdaten.xlsx (direkt im Ordner inputs/, ohne Jahresordner)",
        FormKind::Befragung => "inputs/<Jahr>/, z. B. inputs/2026/befragung-auenfeld.xlsx",
        FormKind::Werkstatt => {
            "inputs/<Jahr>/, z. B. inputs/2026/werkstatt-auenfeld.xlsx oder inputs/2026/werkstatt-cluster-a.xlsx"
        }
        FormKind::Kennzahlen => "inputs/<Jahr>/kennzahlen.xlsx, z. B. inputs/2026/kennzahlen.xlsx",
        FormKind::Fragebogen => {
            "inputs/<Jahr>/fragebogen-<Kommune>/, eine Datei je Person, z. B. \
             inputs/2026/fragebogen-auenfeld/person-07.xlsx (oder senden Sie sie an Ihre Netzwerkkoordination)"
        }
        FormKind::Standards => "inputs/<Jahr>/, z. B. inputs/2026/standards-auenfeld.xlsx",
    }
}
