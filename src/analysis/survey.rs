//! Survey analysis of one municipality: per goal, per dimension, by area and
//! level, with suppression. References (cluster, state, previous year) are
//! filled in by [`super::year`].

use serde::Serialize;

use super::stats::{ItemStats, mean_of, sd_of, summarize};
use super::suppress::{Gate, Tally, gate, partition_visibility, tally_partition, tally_total};
use crate::catalog::{Catalog, Dimension, Goal};
use crate::model::{Answer, Respondent, Survey};
use crate::settings::Settings;

/// Mean of a subgroup (area or level) for one goal.
#[derive(Debug, Clone, Serialize)]
pub struct GroupMean {
    /// Group id.
    pub id: String,
    /// Group name.
    pub name: String,
    /// Valid answers in the group; not in the data, a small group's size
    /// must not be printed.
    #[serde(skip)]
    pub n: usize,
    /// Mean, gated: hidden when the group is too small or would reveal another.
    pub mean: Gate<f64>,
}

/// Reference values for a figure.
#[derive(Debug, Clone, Default, Serialize)]
pub struct References {
    /// Mean of the cluster's shown municipality means.
    pub cluster: Option<f64>,
    /// Mean of all shown municipality means of the state.
    pub state: Option<f64>,
    /// The municipality's own value last year.
    pub previous: Option<f64>,
    /// This year minus last year.
    pub change: Option<f64>,
}

/// Result for one development goal.
#[derive(Debug, Clone, Serialize)]
pub struct GoalResult {
    /// Goal id.
    pub id: String,
    /// Short label.
    pub short: String,
    /// Full statement.
    pub text: String,
    /// Statistics, gated by `min_n`.
    pub stats: Gate<ItemStats>,
    /// Means by area (Kinder- und Jugendhilfe, Gesundheitswesen, Sonstige).
    pub by_area: Vec<GroupMean>,
    /// Means by level (strategisch, operativ).
    pub by_level: Vec<GroupMean>,
    /// Largest difference between shown area means.
    pub area_gap: Option<f64>,
    /// Difference between shown level means (first minus second).
    pub level_gap: Option<f64>,
    /// Reference values.
    pub refs: References,
}

/// A dimension score: the mean of respondents' own means over the
/// dimension's goals, so every person weighs the same.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// Respondents with at least one valid answer in the dimension.
    pub n: usize,
    /// Mean of person means.
    pub mean: f64,
    /// Sample SD of person means.
    pub sd: Option<f64>,
}

/// Result for one dimension.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionResult {
    /// Dimension id.
    pub id: String,
    /// Number.
    pub number: u32,
    /// Name.
    pub name: String,
    /// A focus dimension of the municipality.
    pub focus: bool,
    /// Dimension score, gated.
    pub score: Gate<Score>,
    /// Development need, gated.
    pub need: Gate<ItemStats>,
    /// Goals in catalog order.
    pub goals: Vec<GoalResult>,
    /// References for the score.
    pub refs: References,
    /// References for the need mean.
    pub need_refs: References,
}

/// A group of people (a level, an area, a sector) and how many there are,
/// as the rule for small counts allows it to be printed.
#[derive(Debug, Clone, Serialize)]
pub struct GroupCount {
    /// Group id.
    pub id: String,
    /// Group name.
    pub name: String,
    /// Number of people.
    pub count: Tally,
}

/// Counts people per catalog group and applies the rule for small groups.
pub fn group_counts<'a>(
    groups: impl Iterator<Item = (&'a str, &'a str, usize)>,
    settings: &Settings,
) -> Vec<GroupCount> {
    let groups: Vec<(&str, &str, usize)> = groups.collect();
    let sizes: Vec<usize> = groups.iter().map(|g| g.2).collect();
    let tallies = tally_partition(&sizes, settings.small_groups, settings.min_n);
    groups
        .into_iter()
        .zip(tallies)
        .map(|((id, name, _), count)| GroupCount { id: id.to_string(), name: name.to_string(), count })
        .collect()
}

/// Survey result of one municipality and year.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyResult {
    /// Respondents (rows); never printed as such, see `count`.
    #[serde(skip)]
    pub respondents: usize,
    /// Respondents, as the rule for small totals allows.
    pub count: Tally,
    /// Respondents per area.
    pub by_area: Vec<GroupCount>,
    /// Respondents per level.
    pub by_level: Vec<GroupCount>,
    /// True when at least `min_n` people answered.
    pub enough: bool,
    /// Dimensions, focus dimensions first, then by number.
    pub dimensions: Vec<DimensionResult>,
    /// The respondents' comments, sorted so their order tells nothing;
    /// empty unless free text may be printed and the survey is shown.
    pub comments: Vec<String>,
}

/// Analyses one survey. `focus` lists the municipality's focus dimensions.
pub fn analyse_survey(survey: &Survey, catalog: &Catalog, focus: &[String], settings: &Settings) -> SurveyResult {
    let min_n = settings.min_n;
    let people = &survey.respondents;
    let mut dimensions: Vec<DimensionResult> = catalog
        .framework
        .dimensions
        .iter()
        .map(|d| analyse_dimension(d, people, catalog, focus.contains(&d.id), min_n))
        .collect();
    dimensions.sort_by_key(|d| (!d.focus, d.number));
    let count_area =
        |area: &str| people.iter().filter(|p| catalog.area_of(&p.sector).is_some_and(|a| a.id == area)).count();
    let count_level = |level: &str| people.iter().filter(|p| p.level == level).count();
    SurveyResult {
        respondents: people.len(),
        count: tally_total(people.len(), settings.small_totals, min_n),
        by_area: group_counts(
            catalog.material.areas.iter().map(|a| (a.id.as_str(), a.name.as_str(), count_area(&a.id))),
            settings,
        ),
        by_level: group_counts(
            catalog.material.levels.iter().map(|l| (l.id.as_str(), l.name.as_str(), count_level(&l.id))),
            settings,
        ),
        enough: people.len() >= min_n,
        dimensions,
        comments: if settings.print_free_text && people.len() >= min_n {
            sorted_texts(people.iter().filter_map(|p| p.comment.clone()))
        } else {
            Vec::new()
        },
    }
}

/// Non-empty free texts, sorted: the order of rows must not tell who wrote what.
pub fn sorted_texts(texts: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = texts.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
    out.sort();
    out
}

fn analyse_dimension(
    dim: &Dimension,
    people: &[Respondent],
    catalog: &Catalog,
    focus: bool,
    min_n: usize,
) -> DimensionResult {
    let goals: Vec<&Goal> = dim.topics.iter().flat_map(|t| &t.goals).collect();
    let person_means: Vec<f64> = people
        .iter()
        .filter_map(|p| mean_of(goals.iter().filter_map(|g| rating(p, &g.id).value().map(f64::from))))
        .collect();
    let score = mean_of(person_means.iter().copied()).map(|mean| Score {
        n: person_means.len(),
        mean,
        sd: sd_of(&person_means),
    });
    let needs: Vec<Answer> = people.iter().map(|p| p.needs.get(&dim.id).copied().unwrap_or(Answer::Blank)).collect();
    let need_stats = summarize(&needs, catalog.scale(&catalog.scales.verwendung.bedarf));
    let need_n = need_stats.as_ref().map_or(0, |s| s.n);
    DimensionResult {
        id: dim.id.clone(),
        number: dim.nummer,
        name: dim.name.clone(),
        focus,
        score: gate(score, person_means.len(), min_n),
        need: gate(need_stats, need_n, min_n),
        goals: goals.iter().map(|g| analyse_goal(g, people, catalog, min_n)).collect(),
        refs: References::default(),
        need_refs: References::default(),
    }
}

fn rating(person: &Respondent, goal: &str) -> Answer {
    person.ratings.get(goal).copied().unwrap_or(Answer::Blank)
}

fn analyse_goal(goal: &Goal, people: &[Respondent], catalog: &Catalog, min_n: usize) -> GoalResult {
    let scale = catalog.scale(&catalog.scales.verwendung.befragung);
    let answers: Vec<Answer> = people.iter().map(|p| rating(p, &goal.id)).collect();
    let stats = summarize(&answers, scale);
    let n = stats.as_ref().map_or(0, |s| s.n);
    let stats = gate(stats, n, min_n);
    let total_shown = stats.shown().is_some();
    let areas: Vec<(String, String)> = catalog.material.areas.iter().map(|a| (a.id.clone(), a.name.clone())).collect();
    let by_area = group_means(&areas, people, &goal.id, min_n, total_shown, |p, id| {
        catalog.area_of(&p.sector).is_some_and(|a| a.id == id)
    });
    let levels: Vec<(String, String)> =
        catalog.material.levels.iter().map(|l| (l.id.clone(), l.name.clone())).collect();
    let by_level = group_means(&levels, people, &goal.id, min_n, total_shown, |p, id| p.level == id);
    GoalResult {
        id: goal.id.clone(),
        short: goal.kurz.clone(),
        text: goal.text.clone(),
        stats,
        area_gap: gap(&by_area),
        level_gap: match (
            by_level.first().and_then(|g| g.mean.shown().copied()),
            by_level.get(1).and_then(|g| g.mean.shown().copied()),
        ) {
            (Some(a), Some(b)) => Some(a - b),
            _ => None,
        },
        by_area,
        by_level,
        refs: References::default(),
    }
}

/// Means per group with complementary suppression across the partition.
fn group_means(
    groups: &[(String, String)],
    people: &[Respondent],
    goal: &str,
    min_n: usize,
    total_shown: bool,
    member: impl Fn(&Respondent, &str) -> bool,
) -> Vec<GroupMean> {
    let values: Vec<Vec<f64>> = groups
        .iter()
        .map(|(id, _)| {
            people.iter().filter(|p| member(p, id)).filter_map(|p| rating(p, goal).value()).map(f64::from).collect()
        })
        .collect();
    let sizes: Vec<usize> = values.iter().map(Vec::len).collect();
    let visible = partition_visibility(&sizes, min_n);
    groups
        .iter()
        .zip(values)
        .zip(visible)
        .map(|(((id, name), vals), shown)| GroupMean {
            id: id.clone(),
            name: name.clone(),
            n: vals.len(),
            mean: match mean_of(vals) {
                None => Gate::NoData,
                Some(mean) if shown && total_shown => Gate::Shown(mean),
                Some(_) => Gate::TooFew,
            },
        })
        .collect()
}

/// Largest minus smallest shown group mean, when at least two are shown.
fn gap(groups: &[GroupMean]) -> Option<f64> {
    let means: Vec<f64> = groups.iter().filter_map(|g| g.mean.shown().copied()).collect();
    if means.len() < 2 {
        return None;
    }
    let max = means.iter().copied().fold(f64::MIN, f64::max);
    let min = means.iter().copied().fold(f64::MAX, f64::min);
    Some(max - min)
}
