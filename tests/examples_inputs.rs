//! The shipped example inputs read cleanly and contain the edge cases the
//! reports must handle.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use qdfh::catalog::Catalog;
use qdfh::ingest::read_inputs;
use qdfh::model::{Answer, Inputs, MunicipalityKind};
use qdfh::project::default_catalog;

fn shipped() -> (Catalog, Inputs) {
    let catalog = default_catalog();
    let (inputs, diagnostics) = read_inputs(&common::repo_root().join("inputs"), &catalog);
    let messages: Vec<String> = diagnostics.items.iter().map(|d| d.to_string()).collect();
    assert!(messages.is_empty(), "example inputs read without findings:\n{}", messages.join("\n"));
    (catalog, inputs)
}

#[test]
fn twenty_municipalities_in_five_clusters_over_three_years() {
    let (_, inputs) = shipped();
    assert_eq!(inputs.municipalities.len(), 20);
    let mut clusters = BTreeMap::<&str, usize>::new();
    for m in &inputs.municipalities {
        *clusters.entry(m.cluster.as_str()).or_default() += 1;
        assert!(!m.focus.is_empty(), "{} has focus dimensions", m.id);
    }
    assert_eq!(clusters, BTreeMap::from([("A", 4), ("B", 4), ("C", 4), ("D", 4), ("E", 4)]));
    assert!(inputs.municipalities.iter().any(|m| m.kind == MunicipalityKind::StadtUndLandkreis));
    assert!(inputs.municipalities.iter().filter(|m| m.focus.contains(&"QD3".to_string())).count() >= 15);
    assert_eq!(inputs.years.keys().copied().collect::<Vec<_>>(), [2024, 2025, 2026]);
    // The baseline 2024 without Sommerfurt and Lerchwinkel, 2025 without
    // Lerchwinkel, 2026 complete.
    let surveys: Vec<usize> = inputs.years.values().map(|y| y.surveys.len()).collect();
    assert_eq!(surveys, [18, 19, 20]);
    assert!(inputs.years[&2024].workshops.is_empty(), "no workshop before the opening year");
    for year in inputs.years.values() {
        assert_eq!(year.key_figures.iter().map(|k| &k.municipality).collect::<BTreeSet<_>>().len(), 20);
    }
}

#[test]
fn small_surveys_dont_know_blank_and_single_person_sectors_are_present() {
    let (_, inputs) = shipped();
    let counts: Vec<usize> = inputs.years.values().flat_map(|y| &y.surveys).map(|s| s.respondents.len()).collect();
    assert!(counts.contains(&2), "a municipality with 2 respondents");
    assert!(counts.contains(&4), "a municipality with 4 respondents");
    assert!(counts.iter().filter(|n| (6..=25).contains(*n)).count() >= 30, "{counts:?}");
    let respondents = || inputs.years.values().flat_map(|y| &y.surveys).flat_map(|s| &s.respondents);
    assert!(respondents().flat_map(|r| r.ratings.values()).any(|a| *a == Answer::DontKnow));
    assert!(respondents().flat_map(|r| r.needs.values()).any(|a| *a == Answer::DontKnow));
    let goals = default_catalog().goals().count();
    let has_blank =
        |r: &qdfh::model::Respondent| r.ratings.len() < goals || r.ratings.values().any(|a| *a == Answer::Blank);
    assert!(respondents().any(has_blank), "some answers are blank");
    let single = inputs.years.values().flat_map(|y| &y.surveys).any(|s| {
        let mut per_sector = BTreeMap::<&str, usize>::new();
        for r in &s.respondents {
            *per_sector.entry(r.sector.as_str()).or_default() += 1;
        }
        s.respondents.len() >= 5 && per_sector.values().any(|n| *n == 1)
    });
    assert!(single, "a sector represented by a single person");
}

#[test]
fn health_and_youth_welfare_diverge_on_the_network() {
    let (catalog, inputs) = shipped();
    let mut by_area = BTreeMap::<String, (f64, f64)>::new();
    for r in inputs.years[&2026].surveys.iter().flat_map(|s| &s.respondents) {
        let area = catalog.area_of(&r.sector).unwrap().id.clone();
        for (goal, answer) in &r.ratings {
            if let (true, Some(v)) = (goal.starts_with("3."), answer.value()) {
                let entry = by_area.entry(area.clone()).or_default();
                *entry = (entry.0 + f64::from(v), entry.1 + 1.0);
            }
        }
    }
    let mean = |area: &str| by_area[area].0 / by_area[area].1;
    assert!(mean("jugendhilfe") - mean("gesundheit") > 0.5, "{by_area:?}");
}

#[test]
fn workshops_have_every_sheet_a_cluster_workshop_and_overdue_actions() {
    let (catalog, inputs) = shipped();
    let workshops = &inputs.years[&2026].workshops;
    assert_eq!(workshops.len(), 20, "one workshop per municipality in 2026");
    for w in workshops {
        assert!(!w.participants.is_empty() && !w.polarity.is_empty() && !w.factors.is_empty());
        assert!(!w.dots.is_empty() && !w.actions.is_empty() && !w.feedback.is_empty());
    }
    let cluster = inputs.years[&2025].workshops.iter().find(|w| w.municipalities.len() == 4);
    assert!(cluster.is_some(), "a cluster workshop covering four municipalities");
    let deadline = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let done = |status: &str| catalog.material.status.iter().any(|s| s.id == status && s.erledigt);
    let actions = || workshops.iter().flat_map(|w| &w.actions);
    let overdue = actions().filter(|a| a.due.is_some_and(|d| d < deadline) && !done(&a.status)).count();
    assert!(overdue >= 3, "{overdue} overdue actions");
    let statuses: BTreeSet<&str> = actions().map(|a| a.status.as_str()).collect();
    assert!(statuses.len() >= 4, "statuses are mixed: {statuses:?}");
}
