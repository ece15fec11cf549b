//! The key figures (indicators) of a group of municipalities over the years:
//! each member's series with its target in the cluster comparison, and per
//! year how many reported and their median in the state overview.
//!
//! Key figures describe the network, not people, so no `min_n` applies, as
//! in the handout's table.

use serde::Serialize;

use super::year::MunicipalityReport;
use crate::catalog::Direction;

/// One key figure across the members of a group.
#[derive(Debug, Clone, Serialize)]
pub struct GroupIndicator {
    /// Key figure id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Which direction is better.
    pub direction: Direction,
    /// The dimension it gives evidence for ("QD3 Netzwerk"), if any.
    pub dimension: Option<String>,
    /// Each member's values and target, in member order.
    pub members: Vec<MemberSeries>,
    /// Per year, oldest first: how many members reported and their median.
    pub years: Vec<IndicatorYear>,
    /// Members with a target for the report year.
    pub with_target: usize,
    /// Of them, the members whose value meets it.
    pub on_target: usize,
}

/// One member's values of a key figure.
#[derive(Debug, Clone, Serialize)]
pub struct MemberSeries {
    /// Municipality name.
    pub name: String,
    /// The value per year, oldest first; `None` where none was given.
    pub values: Vec<Option<f64>>,
    /// The member's target for the report year, if set.
    pub target: Option<f64>,
    /// Whether the report year's value meets the target.
    pub on_target: Option<bool>,
}

/// A key figure in one year across the members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorYear {
    /// The year.
    pub year: i32,
    /// Members that gave a value.
    pub reported: usize,
    /// Median of the given values; `None` when nobody reported.
    pub median: Option<f64>,
}

/// The years and the key figures of `members`, in catalog order; a key
/// figure no member gave in any year is left out.
pub fn group_indicators(members: &[&MunicipalityReport]) -> (Vec<i32>, Vec<GroupIndicator>) {
    let Some(first) = members.iter().find(|m| !m.key_figures.is_empty()) else { return (Vec::new(), Vec::new()) };
    let years: Vec<i32> = first.key_figures[0].series.iter().map(|s| s.year).collect();
    let indicators = first
        .key_figures
        .iter()
        .enumerate()
        .map(|(index, figure)| {
            let series: Vec<MemberSeries> = members
                .iter()
                .filter_map(|m| Some((m.key_figures.get(index)?, m)))
                .map(|(row, m)| MemberSeries {
                    name: m.name.clone(),
                    values: row.series.iter().map(|s| s.value).collect(),
                    target: row.target,
                    on_target: row.on_target,
                })
                .collect();
            GroupIndicator {
                id: figure.id.clone(),
                name: figure.name.clone(),
                unit: figure.unit.clone(),
                direction: figure.direction,
                dimension: figure.dimension.clone(),
                years: years
                    .iter()
                    .enumerate()
                    .map(|(y, &year)| {
                        year_summary(year, series.iter().filter_map(|s| s.values.get(y).copied().flatten()))
                    })
                    .collect(),
                with_target: series.iter().filter(|s| s.target.is_some()).count(),
                on_target: series.iter().filter(|s| s.on_target == Some(true)).count(),
                members: series,
            }
        })
        .filter(|indicator| indicator.years.iter().any(|y| y.reported > 0))
        .collect();
    (years, indicators)
}

fn year_summary(year: i32, values: impl Iterator<Item = f64>) -> IndicatorYear {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    let median = (!values.is_empty()).then(|| super::stats::median_sorted(&values));
    IndicatorYear { year, reported: values.len(), median }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts_and_of_none() {
        assert_eq!(year_summary(2026, [5.0, 1.0, 3.0].into_iter()).median, Some(3.0));
        assert_eq!(year_summary(2026, [4.0, 1.0, 2.0, 10.0].into_iter()).median, Some(3.0));
        assert_eq!(year_summary(2026, std::iter::empty()), IndicatorYear { year: 2026, reported: 0, median: None });
    }
}
