//! Cluster comparisons and the state overview, built from the
//! municipality reports (same suppression: only shown values are used).

use serde::Serialize;

use super::course::{GroupCourse, group_course};
use super::indicators::{GroupIndicator, group_indicators};
use super::stats::mean_of;
use super::suppress::{Gate, Tally};
use super::survey::Score;
use super::year::MunicipalityReport;
use crate::catalog::Catalog;

/// One municipality's dimension score in a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// Municipality id.
    pub id: String,
    /// The score, gated; `NoData` also when the municipality sent no survey.
    pub score: Gate<Score>,
}

impl Cell {
    /// The mean, when it may be shown.
    pub fn mean(&self) -> Option<f64> {
        self.score.shown().map(|s| s.mean)
    }
}

/// One dimension across municipalities.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionRow {
    /// Dimension id.
    pub id: String,
    /// Label "QD3 Netzwerk".
    pub label: String,
    /// Score per member, in member order.
    pub cells: Vec<Cell>,
    /// Mean of shown member scores.
    pub mean: Option<f64>,
    /// Need per member (mean, gated), in member order.
    pub needs: Vec<Gate<f64>>,
}

/// A member of a cluster or of the state.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    /// Municipality id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Cluster.
    pub cluster: String,
    /// Respondents, as the rule for small totals allows.
    pub respondents: Tally,
    /// Focus dimensions.
    pub focus: Vec<super::FocusDimension>,
}

/// The comparison of one cluster.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterReport {
    /// Cluster name.
    pub name: String,
    /// Members ordered by id.
    pub members: Vec<Member>,
    /// Dimensions × members.
    pub dimensions: Vec<DimensionRow>,
    /// The report years of the course; empty below three report years.
    pub course_years: Vec<i32>,
    /// The cluster's dimension means per year.
    pub course: Vec<GroupCourse>,
    /// The years of the key figures, oldest first, up to the report year.
    pub indicator_years: Vec<i32>,
    /// Each key figure with every member's values and target.
    pub indicators: Vec<GroupIndicator>,
}

/// The state overview.
#[derive(Debug, Clone, Serialize)]
pub struct StateReport {
    /// All municipalities.
    pub members: Vec<Member>,
    /// Dimensions × municipalities.
    pub dimensions: Vec<DimensionRow>,
    /// The report years of the course; empty below three report years.
    pub course_years: Vec<i32>,
    /// The state's dimension means per year.
    pub course: Vec<GroupCourse>,
    /// The years of the key figures, oldest first, up to the report year.
    pub indicator_years: Vec<i32>,
    /// Each key figure: per year how many reported and their median, and
    /// how many met their target.
    pub indicators: Vec<GroupIndicator>,
    /// Cluster names in order.
    pub clusters: Vec<String>,
    /// Dimensions × clusters: mean of shown member scores per cluster.
    pub cluster_means: Vec<(String, Vec<Option<f64>>)>,
    /// How many municipalities chose each dimension as focus: (label, count).
    pub focus_counts: Vec<(String, usize)>,
}

fn member(r: &MunicipalityReport) -> Member {
    Member {
        id: r.id.clone(),
        name: r.name.clone(),
        cluster: r.cluster.clone(),
        respondents: r.survey.as_ref().map_or(Tally::Exact(0), |s| s.count),
        focus: r.focus.clone(),
    }
}

fn dimension_rows<'a>(reports: &[&'a MunicipalityReport], catalog: &Catalog) -> Vec<DimensionRow> {
    catalog
        .framework
        .dimensions
        .iter()
        .map(|d| {
            let dim_of =
                |r: &'a MunicipalityReport| r.survey.as_ref().and_then(|s| s.dimensions.iter().find(|x| x.id == d.id));
            let cells: Vec<Cell> = reports
                .iter()
                .map(|r| {
                    let score = dim_of(r).map_or(Gate::NoData, |x| x.score.clone());
                    Cell { id: r.id.clone(), score }
                })
                .collect();
            DimensionRow {
                id: d.id.clone(),
                label: d.label(),
                mean: mean_of(cells.iter().filter_map(Cell::mean)),
                needs: reports
                    .iter()
                    .map(|r| dim_of(r).map_or(Gate::NoData, |x| x.need.clone().map(|s| s.mean)))
                    .collect(),
                cells,
            }
        })
        .collect()
}

/// The names of the clusters, sorted; municipalities without a cluster
/// (an empty name) form none.
pub fn cluster_names(reports: &[MunicipalityReport]) -> std::collections::BTreeSet<&str> {
    reports.iter().map(|r| r.cluster.as_str()).filter(|c| !c.is_empty()).collect()
}

/// One report per cluster, ordered by cluster name.
pub fn cluster_reports(reports: &[MunicipalityReport], catalog: &Catalog) -> Vec<ClusterReport> {
    let names = cluster_names(reports);
    names
        .into_iter()
        .map(|name| {
            let members: Vec<&MunicipalityReport> = reports.iter().filter(|r| r.cluster == name).collect();
            let (course_years, course) = group_course(members.iter().map(|r| r.course.as_slice()));
            let (indicator_years, indicators) = group_indicators(&members);
            ClusterReport {
                name: name.to_string(),
                members: members.iter().map(|r| member(r)).collect(),
                dimensions: dimension_rows(&members, catalog),
                course_years,
                course,
                indicator_years,
                indicators,
            }
        })
        .collect()
}

/// The state overview of the year.
pub fn state_report(reports: &[MunicipalityReport], catalog: &Catalog) -> StateReport {
    let all: Vec<&MunicipalityReport> = reports.iter().collect();
    let dimensions = dimension_rows(&all, catalog);
    let clusters: Vec<String> = cluster_names(reports).into_iter().map(str::to_string).collect();
    let cluster_means = dimensions
        .iter()
        .map(|row| {
            let per_cluster = clusters
                .iter()
                .map(|c| {
                    mean_of(
                        row.cells.iter().zip(&all).filter(|(_, r)| &r.cluster == c).filter_map(|(cell, _)| cell.mean()),
                    )
                })
                .collect();
            (row.label.clone(), per_cluster)
        })
        .collect();
    let (course_years, course) = group_course(all.iter().map(|r| r.course.as_slice()));
    let (indicator_years, indicators) = group_indicators(&all);
    StateReport {
        course_years,
        course,
        indicator_years,
        indicators,
        members: all.iter().map(|r| member(r)).collect(),
        focus_counts: catalog
            .framework
            .dimensions
            .iter()
            .map(|d| {
                let count = reports.iter().filter(|r| r.focus.iter().any(|f| f.id == d.id)).count();
                (d.label(), count)
            })
            .collect(),
        dimensions,
        clusters,
        cluster_means,
    }
}
