//! The overview of the whole state (`templates/land.typ`).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;

use super::standards::{StandardsRow, standards_rows};
use super::{Content, Document, DocumentError, Kind, Meta, PdfJob, Subject, YearContext};
use crate::analysis::YearReport;
use crate::analysis::compare::StateReport;
use crate::analysis::stats::mean_of;
use crate::catalog::dimension_label;
use crate::render::RenderError;

/// The state-overview kind: one per year.
pub struct State;

/// The `/data.json` of the state overview.
#[derive(Debug, Serialize)]
pub struct StateData<'a> {
    /// Shared metadata.
    pub meta: Meta,
    /// All municipalities and dimensions.
    pub state: &'a StateReport,
    /// Per dimension, the answers of all shown goals pooled.
    pub distribution: Vec<Distribution>,
    /// Per dimension, the state mean against last year's.
    pub changes: Vec<Change>,
    /// The clusters with their sizes.
    pub clusters: Vec<ClusterSize>,
    /// Each municipality's minimum requirements met; `None` when no
    /// municipality of the year sent a Standards workbook.
    pub standards: Option<Vec<StandardsRow>>,
}

/// Pooled answer counts of one dimension.
#[derive(Debug, Serialize)]
pub struct Distribution {
    /// Dimension label.
    pub label: String,
    /// All answers counted.
    pub n: usize,
    /// Answers per scale step, lowest first.
    pub values: Vec<usize>,
}

/// One dimension's state mean now and last year.
#[derive(Debug, Serialize)]
pub struct Change {
    /// Dimension label.
    pub label: String,
    /// This year's state mean.
    pub now: Option<f64>,
    /// Last year's state mean.
    pub before: Option<f64>,
    /// Now minus before.
    pub diff: Option<f64>,
    /// The municipalities shown in both years, over which both means run.
    pub members: usize,
}

/// The state's change in one dimension over the same municipalities: those
/// whose score is shown this year and last year, so that one joining or
/// dropping below `min_n` does not move it.
fn paired_change(report: &YearReport, id: &str, label: &str) -> Change {
    let pairs: Vec<(f64, f64)> = report
        .municipalities
        .iter()
        .filter_map(|m| {
            let d = m.survey.as_ref()?.dimensions.iter().find(|d| d.id == id)?;
            Some((d.score.shown()?.mean, d.refs.previous?))
        })
        .collect();
    let now = mean_of(pairs.iter().map(|p| p.0));
    let before = mean_of(pairs.iter().map(|p| p.1));
    Change { label: label.to_string(), now, before, diff: now.zip(before).map(|(a, b)| a - b), members: pairs.len() }
}

/// A cluster and its number of members.
#[derive(Debug, Serialize)]
pub struct ClusterSize {
    /// Cluster name.
    pub name: String,
    /// Members.
    pub members: usize,
}

impl Kind for State {
    /// "land": the name is part of every PDF's document ID, so it stays.
    fn name(&self) -> &'static str {
        "land"
    }

    fn plan(&self, year: &YearContext) -> Result<Vec<Document>, DocumentError> {
        let y = year.year();
        Ok(vec![Document {
            kind: &State,
            year: y,
            subject: Subject::State,
            title: format!("Landesübersicht {y}"),
            output: year.output_path("dateiname_land", &json!({ "year": y }))?,
        }])
    }

    fn content(&self, _document: &Document, year: &YearContext) -> Result<Content, DocumentError> {
        Ok(Content::Pdf(PdfJob::new("land.typ", &state_data(year)?)?))
    }
}

/// The data of the state overview.
pub fn state_data<'a>(year: &'a YearContext) -> Result<StateData<'a>, RenderError> {
    let state = &year.report.state;
    let changes = state.dimensions.iter().map(|d| paired_change(&year.report, &d.id, &d.label)).collect();
    Ok(StateData {
        meta: year.meta()?,
        state,
        distribution: pooled_distributions(&year.report),
        changes,
        clusters: year
            .report
            .clusters
            .iter()
            .map(|c| ClusterSize { name: c.name.clone(), members: c.members.len() })
            .collect(),
        standards: standards_rows(year.report.municipalities.iter(), &year.report),
    })
}

/// Per dimension, the answer counts of all shown goals of all municipalities.
fn pooled_distributions(year: &YearReport) -> Vec<Distribution> {
    let mut by_dimension: BTreeMap<(u32, String), Vec<usize>> = BTreeMap::new();
    for survey in year.municipalities.iter().filter_map(|m| m.survey.as_ref()) {
        for d in &survey.dimensions {
            for stats in d.goals.iter().filter_map(|g| g.stats.shown()) {
                let counts = by_dimension.entry((d.number, dimension_label(d.number, &d.name))).or_default();
                counts.resize(stats.counts.len(), 0);
                for (total, c) in counts.iter_mut().zip(&stats.counts) {
                    *total += c;
                }
            }
        }
    }
    by_dimension
        .into_iter()
        .map(|((_, label), values)| Distribution { label, n: values.iter().sum(), values })
        .collect()
}
