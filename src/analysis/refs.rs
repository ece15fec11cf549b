//! Reference values: the cluster's and the state's means of the shown
//! municipality values, and the municipality's own previous year.
//!
//! References are means of municipality means (every municipality weighs
//! the same) and use only municipalities whose own value is shown, so that a
//! hidden municipality can never be recovered from a reference.

use std::collections::BTreeMap;

use super::stats::mean_of;
use super::survey::References;
use super::year::MunicipalityReport;

/// Key of a figure across municipalities.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Figure {
    Score(String),
    Need(String),
    Goal(String),
    Pair(String),
}

/// Every shown figure of a report, by key.
fn shown_figures(report: &MunicipalityReport) -> Vec<(Figure, f64)> {
    let mut out = Vec::new();
    if let Some(survey) = &report.survey {
        for dim in &survey.dimensions {
            if let Some(s) = dim.score.shown() {
                out.push((Figure::Score(dim.id.clone()), s.mean));
            }
            if let Some(s) = dim.need.shown() {
                out.push((Figure::Need(dim.id.clone()), s.mean));
            }
            for goal in &dim.goals {
                if let Some(s) = goal.stats.shown() {
                    out.push((Figure::Goal(goal.id.clone()), s.mean));
                }
            }
        }
    }
    if let Some(ws) = &report.workshop {
        for pair in &ws.polarity {
            if let Some(s) = pair.stats.shown() {
                out.push((Figure::Pair(pair.id.clone()), s.mean));
            }
        }
    }
    out
}

fn means_by_figure<'a>(reports: impl Iterator<Item = &'a MunicipalityReport>) -> BTreeMap<Figure, f64> {
    let mut values: BTreeMap<Figure, Vec<f64>> = BTreeMap::new();
    for report in reports {
        for (figure, v) in shown_figures(report) {
            values.entry(figure).or_default().push(v);
        }
    }
    values.into_iter().filter_map(|(k, v)| mean_of(v).map(|m| (k, m))).collect()
}

/// Fills cluster and state references into every report.
pub fn fill_references(reports: &mut [MunicipalityReport]) {
    let state = means_by_figure(reports.iter());
    let clusters: BTreeMap<String, BTreeMap<Figure, f64>> = super::compare::cluster_names(reports)
        .into_iter()
        .map(|c| (c.to_string(), means_by_figure(reports.iter().filter(|r| r.cluster == c))))
        .collect();
    let no_cluster = BTreeMap::new();
    for report in reports.iter_mut() {
        // Without a cluster there is no cluster reference.
        let cluster = clusters.get(&report.cluster).unwrap_or(&no_cluster);
        visit(report, |figure, refs| {
            refs.cluster = cluster.get(&figure).copied();
            refs.state = state.get(&figure).copied();
        });
        if let Some(ws) = &mut report.workshop {
            for pair in &mut ws.polarity {
                pair.cluster_mean = cluster.get(&Figure::Pair(pair.id.clone())).copied();
            }
        }
    }
}

/// Fills last year's values and the change into every report.
pub fn fill_previous(reports: &mut [MunicipalityReport], previous: &[MunicipalityReport]) {
    for report in reports.iter_mut() {
        let Some(before) = previous.iter().find(|p| p.id == report.id) else { continue };
        let old: BTreeMap<Figure, f64> = shown_figures(before).into_iter().collect();
        let now: BTreeMap<Figure, f64> = shown_figures(report).into_iter().collect();
        visit(report, |figure, refs| {
            refs.previous = old.get(&figure).copied();
            refs.change = now.get(&figure).zip(refs.previous).map(|(a, b)| a - b);
        });
    }
}

/// Calls `f` with every survey figure's key and its references.
fn visit(report: &mut MunicipalityReport, mut f: impl FnMut(Figure, &mut References)) {
    let Some(survey) = &mut report.survey else { return };
    for dim in &mut survey.dimensions {
        f(Figure::Score(dim.id.clone()), &mut dim.refs);
        f(Figure::Need(dim.id.clone()), &mut dim.need_refs);
        for goal in &mut dim.goals {
            f(Figure::Goal(goal.id.clone()), &mut goal.refs);
        }
    }
}
