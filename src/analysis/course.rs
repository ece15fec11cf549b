//! The course of a municipality's dimension scores over the report years:
//! from [`MIN_YEARS`] years with a survey on, every report shows it.

use serde::Serialize;

use super::suppress::Gate;
use super::survey::analyse_survey;
use crate::catalog::Catalog;
use crate::model::{Inputs, Municipality};
use crate::settings::Settings;

/// Years with a survey from which the course is shown; with two, the
/// comparison with the previous year says it all.
pub const MIN_YEARS: usize = 3;

/// One dimension's score in every year with a survey.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionCourse {
    /// Dimension id.
    pub id: String,
    /// Label, e.g. "QD3 Netzwerk".
    pub label: String,
    /// The score per year, oldest first, gated like every score.
    pub scores: Vec<YearScore>,
}

/// A gated score in one year.
#[derive(Debug, Clone, Serialize)]
pub struct YearScore {
    /// The year.
    pub year: i32,
    /// The mean of the respondents' means; hidden below `min_n`.
    pub score: Gate<f64>,
}

/// The course of `m`'s dimension scores up to `year`; empty with fewer than
/// [`MIN_YEARS`] years with a survey.
pub fn dimension_course(
    inputs: &Inputs,
    m: &Municipality,
    year: i32,
    catalog: &Catalog,
    settings: &Settings,
) -> Vec<DimensionCourse> {
    let surveys: Vec<(i32, super::survey::SurveyResult)> = inputs
        .years
        .range(..=year)
        .filter_map(|(y, inputs)| {
            let survey = inputs.surveys.iter().find(|s| s.municipality == m.id)?;
            Some((*y, analyse_survey(survey, catalog, &m.focus, settings)))
        })
        .collect();
    if surveys.len() < MIN_YEARS {
        return Vec::new();
    }
    catalog
        .framework
        .dimensions
        .iter()
        .map(|d| DimensionCourse {
            id: d.id.clone(),
            label: d.label(),
            scores: surveys
                .iter()
                .map(|(y, result)| YearScore {
                    year: *y,
                    score: result
                        .dimensions
                        .iter()
                        .find(|r| r.id == d.id)
                        .map_or(Gate::NoData, |r| r.score.clone().map(|s| s.mean)),
                })
                .collect(),
        })
        .collect()
}
