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

/// The course of `m`'s dimension scores in every report year of the inputs
/// up to `year` (no data in a year without its survey); empty with fewer
/// than [`MIN_YEARS`] report years.
pub fn dimension_course(
    inputs: &Inputs,
    m: &Municipality,
    year: i32,
    catalog: &Catalog,
    settings: &Settings,
) -> Vec<DimensionCourse> {
    if inputs.years.range(..=year).count() < MIN_YEARS {
        return Vec::new();
    }
    let surveys: Vec<(i32, Option<super::survey::SurveyResult>)> = inputs
        .years
        .range(..=year)
        .map(|(y, inputs)| {
            let survey = inputs.surveys.iter().find(|s| s.municipality == m.id);
            (*y, survey.map(|survey| analyse_survey(survey, catalog, &m.focus, settings)))
        })
        .collect();
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
                        .iter()
                        .flat_map(|r| &r.dimensions)
                        .find(|r| r.id == d.id)
                        .map_or(Gate::NoData, |r| r.score.clone().map(|s| s.mean)),
                })
                .collect(),
        })
        .collect()
}

/// A group's (cluster's, state's) dimension means per year, over the same
/// municipalities in every year: those whose score is shown in all years of
/// the course. Otherwise a municipality joining or dropping below `min_n`
/// would move the mean without anything having changed.
#[derive(Debug, Clone, Serialize)]
pub struct GroupCourse {
    /// Dimension label.
    pub label: String,
    /// The mean per year, oldest first; `None` where no member is shown in
    /// every year.
    pub means: Vec<Option<f64>>,
    /// How many municipalities the means are taken over.
    pub members: usize,
}

/// The years and the group course of `members`' dimension courses; empty
/// when the members have no course.
pub fn group_course<'a>(members: impl Iterator<Item = &'a [DimensionCourse]> + Clone) -> (Vec<i32>, Vec<GroupCourse>) {
    let Some(first) = members.clone().find(|c| !c.is_empty()) else { return (Vec::new(), Vec::new()) };
    let years: Vec<i32> = first[0].scores.iter().map(|s| s.year).collect();
    let rows = first
        .iter()
        .enumerate()
        .map(|(d, dimension)| {
            // Each member's shown scores of this dimension, when complete.
            let complete: Vec<Vec<f64>> = members
                .clone()
                .filter_map(|c| c.get(d)?.scores.iter().map(|s| s.score.shown().copied()).collect::<Option<Vec<_>>>())
                .filter(|scores| scores.len() == years.len())
                .collect();
            GroupCourse {
                label: dimension.label.clone(),
                means: (0..years.len()).map(|y| super::stats::mean_of(complete.iter().map(|s| s[y]))).collect(),
                members: complete.len(),
            }
        })
        .collect();
    (years, rows)
}
