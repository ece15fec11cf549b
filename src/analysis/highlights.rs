//! Short findings for "Auf einen Blick": strengths, greatest development
//! needs, disagreement, change, state of the action plan.

use serde::Serialize;

use super::year::MunicipalityReport;

/// How many items each list holds.
const TOP: usize = 3;
/// A change of a mean is called notable from this size on (scale points).
pub const NOTABLE_CHANGE: f64 = 0.5;
/// A difference between groups is called notable from this size on.
pub const NOTABLE_GAP: f64 = 0.8;

/// A goal named in a finding.
#[derive(Debug, Clone, Serialize)]
pub struct GoalFinding {
    /// Goal id.
    pub id: String,
    /// Short label.
    pub short: String,
    /// Dimension name.
    pub dimension: String,
    /// The value the finding is about (mean, SD, gap or change).
    pub value: f64,
    /// For group gaps: the higher and the lower group.
    pub groups: Option<(String, String)>,
}

/// A dimension named in a finding.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionFinding {
    /// Dimension id.
    pub id: String,
    /// Label "QD3 Netzwerk".
    pub label: String,
    /// The value (need mean or score change).
    pub value: f64,
}

/// Findings of one municipality.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Highlights {
    /// Goals with the highest means.
    pub strengths: Vec<GoalFinding>,
    /// Goals with the lowest means.
    pub weakest: Vec<GoalFinding>,
    /// Dimensions with the greatest development need.
    pub needs: Vec<DimensionFinding>,
    /// Goals with the largest spread (SD).
    pub disagreement: Vec<GoalFinding>,
    /// Goals with a notable gap between areas or levels.
    pub group_gaps: Vec<GoalFinding>,
    /// Dimensions whose printed mean changed notably since last year (the
    /// difference of the values rounded to one decimal), largest first.
    pub changes: Vec<DimensionFinding>,
    /// Number of actions.
    pub actions_total: usize,
    /// Number of closed actions (status marked `erledigt` in the catalog).
    pub actions_done: usize,
    /// Number of overdue actions.
    pub actions_overdue: usize,
    /// The closed actions by status name, sorted by name:
    /// ("umgesetzt", 2), ("verworfen", 1).
    pub actions_closed: Vec<(String, usize)>,
}

/// Derives the findings from a report whose references are filled.
pub fn highlights(report: &MunicipalityReport) -> Highlights {
    let mut h = Highlights::default();
    if let Some(survey) = &report.survey {
        let goals: Vec<_> = survey.dimensions.iter().flat_map(|d| d.goals.iter().map(move |g| (d, g))).collect();
        let finding = |d: &super::survey::DimensionResult, g: &super::survey::GoalResult, value: f64| GoalFinding {
            id: g.id.clone(),
            short: g.short.clone(),
            dimension: d.name.clone(),
            value,
            groups: None,
        };
        let mut by_mean: Vec<GoalFinding> =
            goals.iter().filter_map(|(d, g)| g.stats.shown().map(|s| finding(d, g, s.mean))).collect();
        by_mean.sort_by(|a, b| b.value.total_cmp(&a.value));
        h.strengths = by_mean.iter().take(TOP).cloned().collect();
        h.weakest = by_mean.iter().rev().take(TOP).cloned().collect();
        let mut by_sd: Vec<GoalFinding> =
            goals.iter().filter_map(|(d, g)| g.stats.shown().and_then(|s| s.sd).map(|sd| finding(d, g, sd))).collect();
        by_sd.sort_by(|a, b| b.value.total_cmp(&a.value));
        h.disagreement = by_sd.into_iter().take(TOP).collect();
        h.group_gaps = group_gaps(&goals);
        let mut needs: Vec<DimensionFinding> = survey
            .dimensions
            .iter()
            .filter_map(|d| {
                d.need.shown().map(|s| DimensionFinding { id: d.id.clone(), label: label(d), value: s.mean })
            })
            .collect();
        needs.sort_by(|a, b| b.value.total_cmp(&a.value));
        h.needs = needs.into_iter().take(TOP).collect();
        let mut changes: Vec<DimensionFinding> = survey
            .dimensions
            .iter()
            .filter_map(|d| {
                let now = d.score.shown()?.mean;
                let value = printed_change(now, d.refs.previous?);
                Some(DimensionFinding { id: d.id.clone(), label: label(d), value })
            })
            .filter(|f| f.value.abs() >= NOTABLE_CHANGE)
            .collect();
        changes.sort_by(|a, b| b.value.abs().total_cmp(&a.value.abs()));
        // Every notable change: a sentence that stopped at three would
        // leave a reader looking for the others.
        h.changes = changes;
    }
    if let Some(ws) = &report.workshop {
        h.actions_total = ws.actions.len();
        h.actions_done = ws.actions.iter().filter(|a| a.done).count();
        h.actions_closed = closed_by_status(&ws.actions);
        h.actions_overdue = ws.overdue;
    }
    h
}

/// Closed actions counted per status name, so that "umgesetzt" and
/// "verworfen" are not one number.
fn closed_by_status(actions: &[super::workshop::ActionRow]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for action in actions.iter().filter(|a| a.done) {
        match out.iter_mut().find(|(name, _)| *name == action.status_name) {
            Some((_, count)) => *count += 1,
            None => out.push((action.status_name.clone(), 1)),
        }
    }
    out.sort();
    out
}

/// The change between two means as the handout prints them (one decimal),
/// so that a sentence about it agrees with the printed values: 3,4 against
/// 3,9 is a change of −0,5 even when the exact one is −0,46.
fn printed_change(now: f64, before: f64) -> f64 {
    let tenths = |x: f64| (x * 10.0).round();
    (tenths(now) - tenths(before)) / 10.0
}

fn label(d: &super::survey::DimensionResult) -> String {
    crate::catalog::dimension_label(d.number, &d.name)
}

/// Goals where areas or levels differ by at least [`NOTABLE_GAP`], largest first.
fn group_gaps(goals: &[(&super::survey::DimensionResult, &super::survey::GoalResult)]) -> Vec<GoalFinding> {
    let mut out = Vec::new();
    for (d, g) in goals {
        for groups in [&g.by_area, &g.by_level] {
            let shown: Vec<_> = groups.iter().filter_map(|x| x.mean.shown().map(|m| (x.name.clone(), *m))).collect();
            let hi = shown.iter().max_by(|a, b| a.1.total_cmp(&b.1));
            let lo = shown.iter().min_by(|a, b| a.1.total_cmp(&b.1));
            if let (Some(hi), Some(lo)) = (hi, lo)
                && hi.1 - lo.1 >= NOTABLE_GAP
            {
                out.push(GoalFinding {
                    id: g.id.clone(),
                    short: g.short.clone(),
                    dimension: d.name.clone(),
                    value: hi.1 - lo.1,
                    groups: Some((hi.0.clone(), lo.0.clone())),
                });
            }
        }
    }
    out.sort_by(|a, b| b.value.total_cmp(&a.value));
    out.truncate(TOP);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_the_difference_of_the_printed_means() {
        // 3,44 prints 3,4 and 3,9 prints 3,9: a change of −0,5, notable,
        // though the exact one is −0,46.
        assert!((printed_change(3.44, 3.9) + 0.5).abs() < 1e-12);
        // 3,46 prints 3,5: −0,4, not notable.
        assert!((printed_change(3.46, 3.9) + 0.4).abs() < 1e-12);
        assert!(printed_change(3.44, 3.9).abs() >= NOTABLE_CHANGE);
        assert!(printed_change(3.46, 3.9).abs() < NOTABLE_CHANGE);
    }
}
