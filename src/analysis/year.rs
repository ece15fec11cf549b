//! Assembles the analyses of one year.

use serde::Serialize;

use super::compare::{ClusterReport, StateReport, cluster_reports, state_report};
use super::course::{DimensionCourse, dimension_course};
use super::highlights::{Highlights, highlights};
use super::refs::{fill_previous, fill_references};
use super::standards::{StandardsResult, analyse_standards};
use super::survey::{SurveyResult, analyse_survey};
use super::workshop::{WorkshopResult, analyse_workshops};
use crate::catalog::{Catalog, Direction};
use crate::model::{Inputs, KeyFigureValue, Municipality};
use crate::settings::Settings;

/// A key figure with last year's value.
#[derive(Debug, Clone, Serialize)]
pub struct KeyFigureRow {
    /// Key figure id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// This year's value.
    pub value: Option<f64>,
    /// Last year's value.
    pub previous: Option<f64>,
    /// Change.
    pub change: Option<f64>,
    /// Which direction is better.
    pub direction: Direction,
    /// The dimension it gives evidence for ("QD3 Netzwerk"), if any.
    pub dimension: Option<String>,
    /// The development goal it gives evidence for ("3.1"), if any.
    pub goal: Option<String>,
    /// The municipality's target value for the report year, if set.
    pub target: Option<f64>,
    /// Whether this year's value meets the target (by the direction);
    /// `None` without value, target or direction.
    pub on_target: Option<bool>,
    /// The value in every year of the inputs up to the report year, oldest
    /// first.
    pub series: Vec<YearValue>,
}

/// A value in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearValue {
    /// The year.
    pub year: i32,
    /// The value; `None` when none was given.
    pub value: Option<f64>,
}

/// A focus dimension of a municipality: compared by id, printed by label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FocusDimension {
    /// Dimension id, e.g. "QD3".
    pub id: String,
    /// Label, e.g. "QD3 Netzwerk".
    pub label: String,
    /// The catalog's questions for the dialogue with the strategic-political
    /// level about this dimension.
    pub dialog: Vec<String>,
}

/// Everything the handout of one municipality shows.
#[derive(Debug, Clone, Serialize)]
pub struct MunicipalityReport {
    /// Municipality id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind label.
    pub kind: String,
    /// Bundesland.
    pub state: String,
    /// Cluster.
    pub cluster: String,
    /// Report year.
    pub year: i32,
    /// Focus dimensions, in the order the Stammdaten name them.
    pub focus: Vec<FocusDimension>,
    /// Survey result, if a survey was read.
    pub survey: Option<SurveyResult>,
    /// Workshop result, if any workshop mentions the municipality.
    pub workshop: Option<WorkshopResult>,
    /// Key figures.
    pub key_figures: Vec<KeyFigureRow>,
    /// Dimension scores over all years with a survey, from three such years.
    pub course: Vec<DimensionCourse>,
    /// Standing against the quality standards, when the catalog has
    /// standards and the municipality sent a Standards workbook.
    pub standards: Option<StandardsResult>,
    /// Short findings for "Auf einen Blick".
    pub highlights: Highlights,
}

/// The analyses of one year.
#[derive(Debug, Clone, Serialize)]
pub struct YearReport {
    /// The year.
    pub year: i32,
    /// Per municipality, ordered by id.
    pub municipalities: Vec<MunicipalityReport>,
    /// Per cluster, ordered by name.
    pub clusters: Vec<ClusterReport>,
    /// The whole state.
    pub state: StateReport,
}

/// Analyses one year of the inputs, with references to the cluster, the state
/// and the previous year where its inputs exist.
pub fn analyse_year(inputs: &Inputs, year: i32, catalog: &Catalog, settings: &Settings) -> YearReport {
    // Only the report year's documents show the course; last year's
    // reports below serve as references and need none.
    let mut reports: Vec<MunicipalityReport> = inputs
        .municipalities
        .iter()
        .map(|m| MunicipalityReport {
            course: dimension_course(inputs, m, year, catalog, settings),
            ..municipality_report(inputs, m, year, catalog, settings)
        })
        .collect();
    reports.sort_by(|a, b| a.id.cmp(&b.id));
    let previous: Vec<MunicipalityReport> = if inputs.years.contains_key(&(year - 1)) {
        inputs.municipalities.iter().map(|m| municipality_report(inputs, m, year - 1, catalog, settings)).collect()
    } else {
        Vec::new()
    };
    fill_previous(&mut reports, &previous);
    fill_references(&mut reports);
    for report in &mut reports {
        report.highlights = highlights(report);
    }
    let clusters = cluster_reports(&reports, catalog);
    let state = state_report(&reports, catalog);
    YearReport { year, municipalities: reports, clusters, state }
}

fn municipality_report(
    inputs: &Inputs,
    m: &Municipality,
    year: i32,
    catalog: &Catalog,
    s: &Settings,
) -> MunicipalityReport {
    let year_inputs = inputs.years.get(&year);
    let survey = year_inputs
        .and_then(|y| y.surveys.iter().find(|sv| sv.municipality == m.id))
        .map(|sv| analyse_survey(sv, catalog, &m.focus, s));
    let workshops: Vec<_> = year_inputs
        .map(|y| y.workshops.iter().filter(|w| w.municipalities.contains(&m.id)).collect())
        .unwrap_or_default();
    let workshop = (!workshops.is_empty()).then(|| analyse_workshops(&m.id, &workshops, catalog, s, year));
    let standards = catalog.standards.as_ref().and_then(|standards| {
        let assessment = year_inputs?.standards.iter().find(|a| a.municipality == m.id)?;
        Some(analyse_standards(assessment, standards, catalog))
    });
    MunicipalityReport {
        id: m.id.clone(),
        name: m.name.clone(),
        kind: m.kind.label().to_string(),
        state: m.state.clone(),
        cluster: m.cluster.clone(),
        year,
        focus: m
            .focus
            .iter()
            .filter_map(|id| catalog.dimension(id))
            .map(|d| FocusDimension { id: d.id.clone(), label: d.label(), dialog: d.dialog.clone() })
            .collect(),
        survey,
        workshop,
        key_figures: key_figures(inputs, &m.id, year, catalog),
        course: Vec::new(),
        standards,
        highlights: Highlights::default(),
    }
}

fn key_figures(inputs: &Inputs, municipality: &str, year: i32, catalog: &Catalog) -> Vec<KeyFigureRow> {
    let find = |list: &[KeyFigureValue], id: &str| {
        list.iter().find(|k| k.municipality == municipality && k.figure == id).map(|k| k.value)
    };
    let value = |y: i32, id: &str| inputs.years.get(&y).and_then(|yi| find(&yi.key_figures, id));
    let target = |id: &str| inputs.years.get(&year).and_then(|yi| find(&yi.key_figure_targets, id));
    let years: Vec<i32> = inputs.years.keys().copied().filter(|y| *y <= year).collect();
    catalog
        .material
        .key_figures
        .iter()
        .map(|k| {
            let (now, before, goal) = (value(year, &k.id), value(year - 1, &k.id), target(&k.id));
            KeyFigureRow {
                id: k.id.clone(),
                name: k.name.clone(),
                unit: k.einheit.clone(),
                value: now,
                previous: before,
                change: now.zip(before).map(|(a, b)| a - b),
                direction: k.richtung,
                dimension: k.dimension.as_deref().and_then(|d| catalog.dimension(d)).map(|d| d.label()),
                goal: k.ziel.clone(),
                target: goal,
                on_target: now.zip(goal).and_then(|(v, t)| k.richtung.meets(v, t)),
                series: years.iter().map(|&y| YearValue { year: y, value: value(y, &k.id) }).collect(),
            }
        })
        .collect()
}
