//! The typed inputs: municipalities, survey answers, workshops, key figures.
//!
//! Everything here has been read and validated by [`crate::ingest`]; ids refer
//! to the [`crate::catalog::Catalog`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One answer on a scale. Blank and "weiß nicht" are never counted as values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    /// A value on the scale.
    Value(u8),
    /// "weiß nicht / keine Angabe".
    DontKnow,
    /// The cell was empty.
    Blank,
}

impl Answer {
    /// The value, if the answer counts.
    pub fn value(self) -> Option<u8> {
        match self {
            Answer::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// Kind of municipality (Gebietskörperschaft).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MunicipalityKind {
    /// kreisfreie Stadt
    KreisfreieStadt,
    /// Landkreis
    Landkreis,
    /// kreisangehörige Stadt mit eigenem Jugendamt
    KreisangehoerigeStadt,
    /// two bodies reported as one unit, e.g. "Stadt und Landkreis Düren"
    StadtUndLandkreis,
}

impl MunicipalityKind {
    /// All kinds in form order.
    pub const ALL: [MunicipalityKind; 4] = [
        MunicipalityKind::KreisfreieStadt,
        MunicipalityKind::Landkreis,
        MunicipalityKind::KreisangehoerigeStadt,
        MunicipalityKind::StadtUndLandkreis,
    ];

    /// German label as used in forms.
    pub fn label(self) -> &'static str {
        match self {
            MunicipalityKind::KreisfreieStadt => "kreisfreie Stadt",
            MunicipalityKind::Landkreis => "Landkreis",
            MunicipalityKind::KreisangehoerigeStadt => "kreisangehörige Stadt",
            MunicipalityKind::StadtUndLandkreis => "Stadt und Landkreis",
        }
    }

    /// Reads a label leniently.
    pub fn parse(text: &str) -> Option<MunicipalityKind> {
        let key = crate::catalog::fold_key(text);
        Self::ALL.into_iter().find(|k| crate::catalog::fold_key(k.label()) == key)
    }
}

/// A municipality from the register (Stammdaten).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Municipality {
    /// Stable id, e.g. "auenfeld"; used in file names and in every workbook.
    pub id: String,
    /// Display name, e.g. "Stadt Auenfeld".
    pub name: String,
    /// Kind.
    pub kind: MunicipalityKind,
    /// Bundesland.
    pub state: String,
    /// Cluster name.
    pub cluster: String,
    /// Focus dimension ids (Schwerpunkte), e.g. ["QD3", "QD2"].
    pub focus: Vec<String>,
    /// Coordinator's name.
    pub coordinator: Option<String>,
    /// Coordinator's e-mail.
    pub email: Option<String>,
}

/// Where a record came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The workbook.
    pub file: PathBuf,
    /// The sheet.
    pub sheet: String,
    /// The zero-based row in the sheet.
    pub row: u32,
}

/// One respondent of the survey (Gesamteinschätzung).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Respondent {
    /// Respondent id as typed (may be generated from the row).
    pub id: String,
    /// Sector id from the catalog.
    pub sector: String,
    /// Level id (strategisch / operativ).
    pub level: String,
    /// Free-text role.
    pub role: String,
    /// Rating per goal id.
    pub ratings: BTreeMap<String, Answer>,
    /// Development need per dimension id.
    pub needs: BTreeMap<String, Answer>,
    /// Free-text comment (personal data: not printed unless configured).
    pub comment: Option<String>,
    /// Source row.
    pub origin: Origin,
}

/// The survey of one municipality in one year.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Survey {
    /// Municipality id.
    pub municipality: String,
    /// Survey year.
    pub year: i32,
    /// The workbook.
    pub file: PathBuf,
    /// Respondents in row order.
    pub respondents: Vec<Respondent>,
}

/// A workshop participant (Teilnahme).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Participant {
    /// Municipality id (a cluster workshop lists several).
    pub municipality: String,
    /// Institution.
    pub institution: String,
    /// Sector id.
    pub sector: String,
    /// Function.
    pub function: String,
}

/// One participant's Polaritätsprofil rating of one pair.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PolarityRating {
    /// Municipality id.
    pub municipality: String,
    /// Participant label (anonymous number or initials).
    pub participant: String,
    /// Pair id.
    pub pair: String,
    /// Rating on the polarity scale.
    pub answer: Answer,
}

/// One rating of an Erfolgsfaktor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FactorRating {
    /// Municipality id.
    pub municipality: String,
    /// Factor id.
    pub factor: String,
    /// Current state.
    pub state: Answer,
    /// Importance.
    pub importance: Answer,
}

/// Dot-voting points (Punktabfrage) for a dimension or topic.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DotVote {
    /// Municipality id.
    pub municipality: String,
    /// Dimension or topic id.
    pub target: String,
    /// Number of points.
    pub points: u32,
}

/// One row of the action plan (Maßnahmenplanung).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Action {
    /// Municipality id.
    pub municipality: String,
    /// Goal (Ziel) in the network's words.
    pub goal: String,
    /// Measure (Maßnahme).
    pub measure: String,
    /// Dimension id.
    pub dimension: String,
    /// Responsible person or body.
    pub responsible: String,
    /// Involved partners (Beteiligte).
    pub involved: String,
    /// Start date.
    pub start: Option<NaiveDate>,
    /// Due date (Termin).
    pub due: Option<NaiveDate>,
    /// Status id.
    pub status: String,
    /// Success indicator ("Woran erkennen wir Erfolg?").
    pub indicator: String,
    /// Source row.
    pub origin: Origin,
}

/// Workshop feedback (Rückmeldung).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Feedback {
    /// Municipality id.
    pub municipality: String,
    /// Satisfaction.
    pub satisfaction: Answer,
    /// Free text (personal data: not printed unless configured).
    pub text: Option<String>,
}

/// A workshop workbook (Werkstatt) for one municipality or one cluster.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Workshop {
    /// The workbook.
    pub file: PathBuf,
    /// Workshop year.
    pub year: i32,
    /// Municipality ids this workbook covers.
    pub municipalities: Vec<String>,
    /// Date of the workshop.
    pub date: Option<NaiveDate>,
    /// Attendance.
    pub participants: Vec<Participant>,
    /// Polaritätsprofil.
    pub polarity: Vec<PolarityRating>,
    /// Erfolgsfaktoren.
    pub factors: Vec<FactorRating>,
    /// Punktabfrage.
    pub dots: Vec<DotVote>,
    /// Maßnahmenplanung.
    pub actions: Vec<Action>,
    /// Rückmeldung.
    pub feedback: Vec<Feedback>,
}

/// A key figure of one municipality in one year.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyFigureValue {
    /// Municipality id.
    pub municipality: String,
    /// Year.
    pub year: i32,
    /// Key figure id.
    pub figure: String,
    /// Value.
    pub value: f64,
}

/// Everything read for one year.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct YearInputs {
    /// Surveys, one per municipality.
    pub surveys: Vec<Survey>,
    /// Workshops.
    pub workshops: Vec<Workshop>,
    /// Key figures.
    pub key_figures: Vec<KeyFigureValue>,
    /// Target values of key figures set by municipalities (`value` is the target).
    #[serde(default)]
    pub key_figure_targets: Vec<KeyFigureValue>,
    /// Self-assessments against the quality standards, one per municipality.
    #[serde(default)]
    pub standards: Vec<StandardsAssessment>,
}

/// A municipality's self-assessment against the quality standards of the
/// catalog in one year (the Standards workbook).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StandardsAssessment {
    /// Municipality id.
    pub municipality: String,
    /// Year.
    pub year: i32,
    /// The workbook.
    pub file: PathBuf,
    /// Rating per standard id; every standard of the catalog is rated.
    pub ratings: BTreeMap<String, crate::catalog::StandardRating>,
}

/// A workbook of a year folder left out because it has errors.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rejected {
    /// The workbook.
    pub file: PathBuf,
    /// The years it may belong to: its folder's and the one its Info names.
    pub years: Vec<i32>,
    /// What it holds, as far as it could be read.
    pub kind: RejectedKind,
    /// The municipalities it names; empty when it could not be read so far.
    pub municipalities: Vec<String>,
}

/// What a rejected workbook holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RejectedKind {
    /// A survey (Befragung).
    Survey,
    /// A workshop (Werkstatt).
    Workshop,
    /// Key figures (Kennzahlen).
    KeyFigures,
    /// A self-assessment against the quality standards (Standards).
    Standards,
    /// Unreadable, or its Info sheet could not be read: it may be anything.
    Unknown,
}

impl Rejected {
    /// Whether the handout of `municipality` in `year` may depend on this
    /// workbook, given which inputs that handout has. A survey or workshop
    /// it names blocks the handout unless a valid survey of the same kind
    /// stands in its place; a workbook that could not be read blocks every
    /// handout of its year that lacks a survey or a workshop, because it
    /// may be the missing one. A Standards workbook it names blocks the
    /// handout unless a valid one stands in its place, so no handout shows
    /// standards as unmet that were assessed in a rejected workbook.
    pub fn blocks(&self, municipality: &str, year: i32, has: HandoutInputs) -> bool {
        if !self.years.contains(&year) {
            return false;
        }
        let named = self.municipalities.iter().any(|m| m == municipality);
        match self.kind {
            RejectedKind::Survey => named && !has.survey,
            RejectedKind::Workshop => named,
            RejectedKind::KeyFigures => false,
            RejectedKind::Standards => named && !has.standards,
            RejectedKind::Unknown => !(has.survey && has.workshop),
        }
    }
}

/// Which inputs a handout has, for [`Rejected::blocks`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HandoutInputs {
    /// A valid survey.
    pub survey: bool,
    /// A workshop.
    pub workshop: bool,
    /// A valid Standards workbook.
    pub standards: bool,
}

/// Everything read from an inputs folder.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Inputs {
    /// The municipality register.
    pub municipalities: Vec<Municipality>,
    /// Inputs per year.
    pub years: BTreeMap<i32, YearInputs>,
    /// Survey and workshop workbooks left out because of errors, so that
    /// no report pretends their municipality sent nothing.
    pub rejected: Vec<Rejected>,
}

impl Inputs {
    /// The municipality with this id.
    pub fn municipality(&self, id: &str) -> Option<&Municipality> {
        self.municipalities.iter().find(|m| m.id == id)
    }
}

#[cfg(test)]
mod rejected_tests {
    use super::*;

    fn rejected(kind: RejectedKind, municipalities: &[&str]) -> Rejected {
        Rejected {
            file: "x.xlsx".into(),
            years: vec![2026, 2025],
            kind,
            municipalities: municipalities.iter().map(|m| m.to_string()).collect(),
        }
    }

    fn has(survey: bool, workshop: bool) -> HandoutInputs {
        HandoutInputs { survey, workshop, standards: false }
    }

    #[test]
    fn a_rejected_standards_workbook_blocks_only_a_handout_without_valid_standards() {
        let standards = rejected(RejectedKind::Standards, &["a"]);
        assert!(standards.blocks("a", 2026, has(true, true)));
        assert!(!standards.blocks("a", 2026, HandoutInputs { standards: true, ..has(true, true) }));
        assert!(!standards.blocks("b", 2026, has(true, true)), "another municipality");
    }

    #[test]
    fn a_rejected_survey_blocks_only_a_handout_without_a_valid_survey() {
        let survey = rejected(RejectedKind::Survey, &["a"]);
        assert!(survey.blocks("a", 2026, has(false, true)));
        assert!(!survey.blocks("a", 2026, has(true, true)), "a valid survey stands in its place");
        assert!(!survey.blocks("b", 2026, has(false, true)), "another municipality");
        assert!(!survey.blocks("a", 2024, has(false, true)), "another year");
    }

    #[test]
    fn a_rejected_workshop_blocks_each_municipality_it_names() {
        let workshop = rejected(RejectedKind::Workshop, &["a", "b"]);
        assert!(workshop.blocks("a", 2025, has(true, true)));
        assert!(workshop.blocks("b", 2026, has(true, false)));
        assert!(!workshop.blocks("c", 2026, has(true, false)));
    }

    #[test]
    fn an_unreadable_workbook_blocks_every_handout_that_lacks_an_input() {
        let unknown = rejected(RejectedKind::Unknown, &[]);
        assert!(unknown.blocks("a", 2026, has(false, true)));
        assert!(unknown.blocks("b", 2026, has(true, false)));
        assert!(!unknown.blocks("c", 2026, has(true, true)));
        assert!(!rejected(RejectedKind::KeyFigures, &["a"]).blocks("a", 2026, has(false, false)));
    }
}
