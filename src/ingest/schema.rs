//! The workbook formats: which sheets and columns each input kind has.
//!
//! This is the single contract between the readers in [`crate::ingest`] and
//! the blank forms written by [`crate::forms`]. Fixed columns are listed here;
//! columns per goal, dimension, polarity pair, success factor and key figure
//! come from the catalog.

use crate::catalog::{Catalog, fold_key};

/// Name of the metadata sheet every workbook starts with.
pub const INFO_SHEET: &str = "Info";
/// Info keys (first column of the Info sheet; the value is in the second).
pub const INFO_FORM: &str = "Formular";
/// Info key: municipality id.
pub const INFO_MUNICIPALITY: &str = "Kommune";
/// Info key: cluster (for a cluster workshop instead of one municipality).
pub const INFO_CLUSTER: &str = "Cluster";
/// Info key: year.
pub const INFO_YEAR: &str = "Jahr";
/// Info key: workshop date.
pub const INFO_DATE: &str = "Datum";

/// The column holding each entry's key in a form (A).
pub const FORM_KEY_COL: u32 = 0;
/// The heading of a form's key column, passed over when reading.
pub const FORM_KEY_HEADING: &str = "Nr.";
/// The column holding each entry's answer in a form (C).
pub const FORM_ANSWER_COL: u32 = 2;

/// The kinds of input workbook, named by the Info sheet's "Formular" value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FormKind {
    /// Municipality register.
    Stammdaten,
    /// Survey (Gesamteinschätzung) of one municipality and year.
    Befragung,
    /// Workshop (Werkstatt) of one municipality or one cluster.
    Werkstatt,
    /// Key figures of one year.
    Kennzahlen,
    /// One person's answers to the survey (Gesamteinschätzung); the
    /// questionnaires of a municipality and year together are its survey.
    Fragebogen,
    /// A municipality's self-assessment against the quality standards of
    /// one year; exists only when the catalog has standards.
    Standards,
}

impl FormKind {
    /// All kinds.
    pub const ALL: [FormKind; 6] = [
        FormKind::Stammdaten,
        FormKind::Befragung,
        FormKind::Werkstatt,
        FormKind::Kennzahlen,
        FormKind::Fragebogen,
        FormKind::Standards,
    ];

    /// The "Formular" value in the Info sheet.
    pub fn label(self) -> &'static str {
        match self {
            FormKind::Stammdaten => "Stammdaten",
            FormKind::Befragung => "Befragung",
            FormKind::Werkstatt => "Werkstatt",
            FormKind::Kennzahlen => "Kennzahlen",
            FormKind::Fragebogen => "Fragebogen",
            FormKind::Standards => "Standards",
        }
    }

    /// Reads the "Formular" value leniently.
    pub fn parse(text: &str) -> Option<FormKind> {
        Self::ALL.into_iter().find(|k| fold_key(k.label()) == fold_key(text))
    }
}

/// Sheet names.
pub mod sheet {
    /// Stammdaten: the register.
    pub const KOMMUNEN: &str = "Kommunen";
    /// Survey answers.
    pub const BEFRAGUNG: &str = "Befragung";
    /// Workshop attendance.
    pub const TEILNAHME: &str = "Teilnahme";
    /// Workshop Polaritätsprofil.
    pub const POLARITAET: &str = "Polaritätsprofil";
    /// Workshop Erfolgsfaktoren.
    pub const ERFOLGSFAKTOREN: &str = "Erfolgsfaktoren";
    /// Workshop dot voting.
    pub const PUNKTABFRAGE: &str = "Punktabfrage";
    /// Workshop action plan.
    pub const MASSNAHMEN: &str = "Maßnahmen";
    /// Workshop feedback.
    pub const RUECKMELDUNG: &str = "Rückmeldung";
    /// Key figures.
    pub const KENNZAHLEN: &str = "Kennzahlen";
    /// One person's questionnaire.
    pub const FRAGEBOGEN: &str = "Fragebogen";
    /// Self-assessment against the quality standards.
    pub const STANDARDS: &str = "Standards";
}

/// What a column holds, which decides how a cell is read and which
/// drop-down a blank form offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnKind {
    /// Free text.
    Text,
    /// Free text that is personal data (comments).
    FreeText,
    /// A municipality id from Stammdaten.
    Municipality,
    /// Kind of municipality.
    MunicipalityKind,
    /// A sector name from the catalog.
    Sector,
    /// A level name from the catalog.
    Level,
    /// An answer on the scale with this catalog id.
    Scale(String),
    /// A dimension ("QD3", "3" or its name); several separated by commas
    /// when `list` is true.
    Dimension {
        /// Several allowed, comma-separated.
        list: bool,
    },
    /// A dimension or topic id (dot voting).
    DimensionOrTopic,
    /// An action-plan status.
    Status,
    /// A date (Excel date or German text "31.12.2026").
    Date,
    /// A whole number ≥ 0.
    Count,
    /// A number ≥ 0 (German decimal comma accepted in text).
    Number,
    /// How far a quality standard is met (a fixed set of ratings).
    StandardRating,
}

/// What a column means, independent of its header text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ColumnKey {
    /// A fixed column, by its canonical header.
    Fixed(&'static str),
    /// Survey rating of a goal id.
    Goal(String),
    /// Survey development need of a dimension id.
    Need(String),
    /// Polaritätsprofil pair id.
    Pair(String),
    /// Erfolgsfaktor id, current state.
    FactorState(String),
    /// Erfolgsfaktor id, importance.
    FactorImportance(String),
    /// Key figure id.
    KeyFigure(String),
    /// The municipality's target value of a key figure, by id.
    KeyFigureTarget(String),
    /// Quality standard id.
    Standard(String),
}

/// One expected column of a sheet.
#[derive(Debug, Clone)]
pub struct Column {
    /// Header written into blank forms.
    pub header: String,
    /// What it means.
    pub key: ColumnKey,
    /// A missing required column is an error; a missing optional one is not.
    pub required: bool,
    /// How cells are read.
    pub kind: ColumnKind,
    /// Column width in forms (characters).
    pub width: f64,
}

fn fixed(header: &'static str, required: bool, kind: ColumnKind, width: f64) -> Column {
    Column { header: header.to_string(), key: ColumnKey::Fixed(header), required, kind, width }
}

/// Columns of the Stammdaten sheet "Kommunen".
pub fn kommunen_columns() -> Vec<Column> {
    vec![
        fixed("ID", true, ColumnKind::Text, 16.0),
        fixed("Name", true, ColumnKind::Text, 30.0),
        fixed("Typ", true, ColumnKind::MunicipalityKind, 22.0),
        fixed("Bundesland", true, ColumnKind::Text, 18.0),
        fixed("Cluster", true, ColumnKind::Text, 14.0),
        fixed("Schwerpunkte", false, ColumnKind::Dimension { list: true }, 20.0),
        fixed("Koordination", false, ColumnKind::Text, 24.0),
        fixed("E-Mail", false, ColumnKind::Text, 28.0),
    ]
}

/// Columns of the survey sheet "Befragung".
pub fn befragung_columns(catalog: &Catalog) -> Vec<Column> {
    let rating = ColumnKind::Scale(catalog.scales.verwendung.befragung.clone());
    let need = ColumnKind::Scale(catalog.scales.verwendung.bedarf.clone());
    let mut columns = vec![
        fixed("Person", false, ColumnKind::Text, 9.0),
        fixed("Sektor", true, ColumnKind::Sector, 26.0),
        fixed("Ebene", true, ColumnKind::Level, 12.0),
        fixed("Funktion", false, ColumnKind::Text, 20.0),
    ];
    for (_, goal) in catalog.goals() {
        columns.push(Column {
            header: format!("{} {}", goal.id, goal.kurz),
            key: ColumnKey::Goal(goal.id.clone()),
            required: true,
            kind: rating.clone(),
            width: 16.0,
        });
    }
    for dim in &catalog.framework.dimensions {
        columns.push(Column {
            header: format!("Bedarf {} {}", dim.id, dim.name),
            key: ColumnKey::Need(dim.id.clone()),
            required: true,
            kind: need.clone(),
            width: 16.0,
        });
    }
    columns.push(fixed("Anmerkung", false, ColumnKind::FreeText, 30.0));
    columns
}

/// The entries of a questionnaire ("Fragebogen"): the survey columns
/// without "Person" (one person per file), one row each, with each
/// dimension's need right after its goals.
pub fn fragebogen_columns(catalog: &Catalog) -> Vec<Column> {
    let mut survey = befragung_columns(catalog);
    survey.retain(|c| c.key != ColumnKey::Fixed("Person"));
    let (answers, fixed): (Vec<Column>, Vec<Column>) =
        survey.into_iter().partition(|c| matches!(c.key, ColumnKey::Goal(_) | ColumnKey::Need(_)));
    let mut columns: Vec<Column> = fixed.iter().filter(|c| c.key != ColumnKey::Fixed("Anmerkung")).cloned().collect();
    for dim in &catalog.framework.dimensions {
        let goal_ids: Vec<&str> = dim.topics.iter().flat_map(|t| &t.goals).map(|g| g.id.as_str()).collect();
        let of_dimension = |c: &&Column| match &c.key {
            ColumnKey::Goal(id) => goal_ids.contains(&id.as_str()),
            ColumnKey::Need(id) => *id == dim.id,
            _ => false,
        };
        columns.extend(answers.iter().filter(of_dimension).cloned());
    }
    columns.extend(fixed.into_iter().filter(|c| c.key == ColumnKey::Fixed("Anmerkung")));
    columns
}

/// Optional "Kommune" column of workshop sheets (cluster workshops).
fn workshop_municipality() -> Column {
    fixed("Kommune", false, ColumnKind::Municipality, 14.0)
}

/// Columns of the workshop sheet "Teilnahme".
pub fn teilnahme_columns() -> Vec<Column> {
    vec![
        workshop_municipality(),
        fixed("Institution", true, ColumnKind::Text, 30.0),
        fixed("Sektor", true, ColumnKind::Sector, 26.0),
        fixed("Funktion", false, ColumnKind::Text, 20.0),
    ]
}

/// Columns of the workshop sheet "Polaritätsprofil".
pub fn polaritaet_columns(catalog: &Catalog) -> Vec<Column> {
    let scale = ColumnKind::Scale(catalog.scales.verwendung.polaritaet.clone());
    let mut columns = vec![workshop_municipality(), fixed("Person", false, ColumnKind::Text, 9.0)];
    for pair in &catalog.material.polarity {
        columns.push(Column {
            header: format!("{} {} – {}", pair.id, pair.links, pair.rechts),
            key: ColumnKey::Pair(pair.id.clone()),
            required: true,
            kind: scale.clone(),
            width: 18.0,
        });
    }
    columns
}

/// Columns of the workshop sheet "Erfolgsfaktoren" (one row per person).
pub fn erfolgsfaktoren_columns(catalog: &Catalog) -> Vec<Column> {
    let state = ColumnKind::Scale(catalog.scales.verwendung.erfolgsfaktor_stand.clone());
    let importance = ColumnKind::Scale(catalog.scales.verwendung.erfolgsfaktor_wichtigkeit.clone());
    let mut columns = vec![workshop_municipality(), fixed("Person", false, ColumnKind::Text, 9.0)];
    for factor in &catalog.material.factors {
        columns.push(Column {
            header: format!("{} Stand: {}", factor.id, factor.text),
            key: ColumnKey::FactorState(factor.id.clone()),
            required: true,
            kind: state.clone(),
            width: 18.0,
        });
        columns.push(Column {
            header: format!("{} Wichtigkeit: {}", factor.id, factor.text),
            key: ColumnKey::FactorImportance(factor.id.clone()),
            required: true,
            kind: importance.clone(),
            width: 18.0,
        });
    }
    columns
}

/// Columns of the workshop sheet "Punktabfrage".
pub fn punktabfrage_columns() -> Vec<Column> {
    vec![
        workshop_municipality(),
        fixed("Dimension oder Thema", true, ColumnKind::DimensionOrTopic, 26.0),
        fixed("Punkte", true, ColumnKind::Count, 10.0),
    ]
}

/// Columns of the workshop sheet "Maßnahmen".
pub fn massnahmen_columns() -> Vec<Column> {
    vec![
        workshop_municipality(),
        fixed("Ziel", true, ColumnKind::Text, 30.0),
        fixed("Maßnahme", true, ColumnKind::Text, 34.0),
        fixed("Dimension", true, ColumnKind::Dimension { list: false }, 16.0),
        fixed("verantwortlich", true, ColumnKind::Text, 20.0),
        fixed("Beteiligte", false, ColumnKind::Text, 24.0),
        fixed("Beginn", false, ColumnKind::Date, 12.0),
        fixed("Termin", true, ColumnKind::Date, 12.0),
        fixed("Status", true, ColumnKind::Status, 14.0),
        fixed("Indikator", false, ColumnKind::Text, 30.0),
    ]
}

/// Columns of the workshop sheet "Rückmeldung".
pub fn rueckmeldung_columns(catalog: &Catalog) -> Vec<Column> {
    vec![
        workshop_municipality(),
        fixed("Zufriedenheit", true, ColumnKind::Scale(catalog.scales.verwendung.rueckmeldung.clone()), 20.0),
        fixed("Kommentar", false, ColumnKind::FreeText, 40.0),
    ]
}

/// Columns of the sheet "Kennzahlen" (one row per municipality).
pub fn kennzahlen_columns(catalog: &Catalog) -> Vec<Column> {
    let mut columns = vec![fixed("Kommune", true, ColumnKind::Municipality, 16.0)];
    for figure in &catalog.material.key_figures {
        columns.push(Column {
            header: figure.name.clone(),
            key: ColumnKey::KeyFigure(figure.id.clone()),
            required: false,
            kind: ColumnKind::Number,
            width: 18.0,
        });
    }
    for figure in &catalog.material.key_figures {
        columns.push(Column {
            header: format!("Zielwert {}", figure.name),
            key: ColumnKey::KeyFigureTarget(figure.id.clone()),
            required: false,
            kind: ColumnKind::Number,
            width: 18.0,
        });
    }
    columns
}

/// The entries of the Standards form: one row per standard of the catalog,
/// rated in column C; none when the catalog has no standards.
pub fn standards_columns(catalog: &Catalog) -> Vec<Column> {
    let Some(standards) = &catalog.standards else { return Vec::new() };
    (standards.items())
        .map(|(_, item)| Column {
            header: item.id.clone(),
            key: ColumnKey::Standard(item.id.clone()),
            required: true,
            kind: ColumnKind::StandardRating,
            width: 18.0,
        })
        .collect()
}

/// Does a header cell's text name this column? Lenient about case, spaces,
/// ß/ss and umlauts. Columns per catalog item match by their leading id
/// ("3.1", "Bedarf QD3", "P1", "E1 Stand"), so the wording after the id may be
/// shortened or edited by the user; key figures match by id or name.
pub fn header_matches(column: &Column, header: &str) -> bool {
    let found = fold_key(header);
    let starts_with_token = |prefix: &str| {
        let prefix = fold_key(prefix);
        found == prefix || found.strip_prefix(&prefix).is_some_and(|rest| rest.starts_with([' ', ':', '-', '–']))
    };
    match &column.key {
        ColumnKey::Fixed(name) => found == fold_key(name),
        ColumnKey::Goal(id) | ColumnKey::Pair(id) | ColumnKey::Standard(id) => starts_with_token(id),
        ColumnKey::Need(id) => starts_with_token(&format!("Bedarf {id}")),
        ColumnKey::FactorState(id) => starts_with_token(&format!("{id} Stand")),
        ColumnKey::FactorImportance(id) => starts_with_token(&format!("{id} Wichtigkeit")),
        ColumnKey::KeyFigure(id) => found == fold_key(id) || found == fold_key(&column.header),
        ColumnKey::KeyFigureTarget(id) => {
            found == fold_key(&format!("Zielwert {id}")) || found == fold_key(&column.header)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(key: ColumnKey) -> Column {
        Column { header: "Netzwerkpartner".into(), key, required: true, kind: ColumnKind::Text, width: 1.0 }
    }

    #[test]
    fn headers_match_leniently() {
        assert!(header_matches(&col(ColumnKey::Fixed("Maßnahme")), "  MASSNAHME "));
        assert!(header_matches(&col(ColumnKey::Goal("3.1".into())), "3.1 Relevante Partner"));
        assert!(header_matches(&col(ColumnKey::Goal("3.1".into())), "3.1"));
        assert!(!header_matches(&col(ColumnKey::Goal("3.1".into())), "3.10 Andere"));
        assert!(header_matches(&col(ColumnKey::Need("QD3".into())), "Bedarf QD3 Netzwerk"));
        assert!(!header_matches(&col(ColumnKey::Need("QD1".into())), "Bedarf QD10"));
        assert!(header_matches(&col(ColumnKey::FactorState("E1".into())), "E1 Stand: Klare Zuständigkeiten"));
        assert!(header_matches(&col(ColumnKey::KeyFigure("netzwerkpartner".into())), "Netzwerkpartner"));
    }
}
