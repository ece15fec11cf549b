//! The analyses checked against values computed by hand for a small fixture.
//! The hand computation is written next to each assertion.

use crate::common;

use chrono::NaiveDate;
use common::fixture::inputs;
use qdfh::analysis::analyse_year;
use qdfh::analysis::suppress::{CountRule, Gate, Tally};
use qdfh::settings::Settings;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn report() -> qdfh::analysis::YearReport {
    let catalog = qdfh::project::default_catalog();
    // min_n 3; the reference date for overdue actions is 31 December 2026.
    let settings = Settings::fixed("Testland", 3, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    analyse_year(&inputs(), 2026, &catalog, &settings)
}

#[test]
fn goal_statistics_of_municipality_a() {
    let year = report();
    let a = &year.municipalities[0];
    let survey = a.survey.as_ref().unwrap();
    // Focus dimension QD3 comes first.
    let qd3 = &survey.dimensions[0];
    assert_eq!(qd3.id, "QD3");
    let g31 = &qd3.goals[0];
    let s = g31.stats.shown().expect("4 answers ≥ min_n 3");
    // 6, 4, 2, 5: n 4, mean 17/4 = 4.25, median (4+5)/2 = 4.5,
    // squares 3.0625 + 0.0625 + 5.0625 + 0.5625 = 8.75, sd = sqrt(8.75/3).
    assert_eq!(s.n, 4);
    assert!(close(s.mean, 4.25));
    assert!(close(s.median, 4.5));
    assert!(close(s.sd.unwrap(), (8.75f64 / 3.0).sqrt()));
    // Top-2 = values 5 and 6: 2 of 4 = 50 %.
    assert!(close(s.top_share, 50.0));
    // Goal 3.2: 5, 3 valid (1 weiß nicht, 1 blank) → n 2 < 3: hidden.
    assert_eq!(qd3.goals[1].stats, Gate::TooFew);
}

#[test]
fn subgroups_use_complementary_suppression() {
    let year = report();
    let g31 = &year.municipalities[0].survey.as_ref().unwrap().dimensions[0].goals[0];
    // Areas: Jugendhilfe 3 answers (6, 4, 5), Gesundheit 1, Sonstige 0.
    // Gesundheit is hidden (1 < 3); Jugendhilfe alone would reveal it as
    // total − Jugendhilfe, so it is hidden too.
    assert_eq!(g31.by_area.iter().map(|g| g.n).collect::<Vec<_>>(), vec![3, 1, 0]);
    assert_eq!(
        g31.by_area.iter().map(|g| g.mean.clone()).collect::<Vec<_>>(),
        [Gate::TooFew, Gate::TooFew, Gate::NoData]
    );
    assert_eq!(g31.area_gap, None);
    // Levels: 2 strategic (6, 5), 2 operative (4, 2): both below 3.
    assert_eq!(g31.by_level.iter().map(|g| g.mean.clone()).collect::<Vec<_>>(), [Gate::TooFew, Gate::TooFew]);
}

#[test]
fn dimension_score_and_need() {
    let year = report();
    let qd3 = &year.municipalities[0].survey.as_ref().unwrap().dimensions[0];
    // Person means over QD3: p1 (6+5)/2 = 5.5, p2 4, p3 (2+3)/2 = 2.5, p4 5.
    // Mean 17/4 = 4.25; squares 1.5625 + 0.0625 + 3.0625 + 0.5625 = 5.25; sd sqrt(5.25/3).
    let score = qd3.score.shown().unwrap();
    assert_eq!(score.n, 4);
    assert!(close(score.mean, 4.25));
    assert!(close(score.sd.unwrap(), 1.75f64.sqrt()));
    // Need: 4, 3, 4 (one blank): mean 11/3; top-2 (3, 4) = 100 %.
    let need = qd3.need.shown().unwrap();
    assert_eq!(need.n, 3);
    assert!(close(need.mean, 11.0 / 3.0));
    assert!(close(need.top_share, 100.0));
}

#[test]
fn references_use_only_shown_municipalities() {
    let year = report();
    let refs = &year.municipalities[0].survey.as_ref().unwrap().dimensions[0].goals[0].refs;
    // Cluster K1: a 4.25, b 3 → 3.625. State: a 4.25, b 3, c 3 (d has 2
    // answers and is hidden, so it is left out) → 10.25 / 3.
    assert!(close(refs.cluster.unwrap(), 3.625));
    assert!(close(refs.state.unwrap(), 10.25 / 3.0));
    // Previous year: 2, 2, 2 → 2; change 4.25 − 2 = 2.25.
    assert!(close(refs.previous.unwrap(), 2.0));
    assert!(close(refs.change.unwrap(), 2.25));
    let d = &year.municipalities[3];
    assert_eq!(d.survey.as_ref().unwrap().dimensions[0].goals[0].stats, Gate::TooFew);
    assert!(!d.survey.as_ref().unwrap().enough);
}

#[test]
fn actions_overdue_and_polarity() {
    let year = report();
    let ws = year.municipalities[0].workshop.as_ref().unwrap();
    // Reference 31.12.2026: "geplant" due 30.06.2026 is overdue; "umgesetzt"
    // is done; "in Arbeit" due 2027 is not yet due.
    assert_eq!(ws.overdue, 1);
    assert!(ws.actions[0].overdue && ws.actions[0].status == "geplant");
    let by_status: Vec<(String, usize)> = ws.actions_by_status.iter().map(|c| (c.id.clone(), c.count)).collect();
    assert_eq!(&by_status[..3], &[("geplant".into(), 1), ("in_arbeit".into(), 1), ("umgesetzt".into(), 1)]);
    // P1: 1, 7, 4 → mean 4, sd sqrt((9+9+0)/2) = 3.
    let p1 = ws.polarity[0].stats.shown().unwrap();
    assert!(close(p1.mean, 4.0) && close(p1.sd.unwrap(), 3.0));
    assert_eq!(year.municipalities[0].highlights.actions_overdue, 1);
    // Closed: only "umgesetzt" (erledigt = true in the catalog).
    assert_eq!(year.municipalities[0].highlights.actions_done, 1);
    assert_eq!(year.municipalities[0].highlights.actions_total, 3);
}

#[test]
fn cluster_and_state_comparisons() {
    let year = report();
    assert_eq!(year.clusters.len(), 2);
    let k1 = &year.clusters[0];
    let qd3 = k1.dimensions.iter().find(|d| d.id == "QD3").unwrap();
    // a's QD3 score 4.25, b's 3 (only goal 3.1 answered) → 3.625.
    assert!(close(qd3.mean.unwrap(), 3.625));
    let state = year.state.dimensions.iter().find(|d| d.id == "QD3").unwrap();
    // d has 2 respondents (< 3): its score is hidden, not absent.
    let hidden: Vec<&str> = state.cells.iter().filter(|c| c.score == Gate::TooFew).map(|c| c.id.as_str()).collect();
    assert_eq!(hidden, ["d"]);
    assert_eq!(state.cells.iter().filter(|c| c.mean().is_none()).count(), 1);
}

#[test]
fn a_municipality_without_cluster_has_no_cluster_and_no_cluster_references() {
    let catalog = qdfh::project::default_catalog();
    let mut inputs = inputs();
    inputs.municipalities[1].cluster = String::new(); // b leaves K1
    let settings = Settings::fixed("Testland", 3, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let year = analyse_year(&inputs, 2026, &catalog, &settings);
    let names: Vec<&str> = year.clusters.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["K1", "K2"], "no comparison for the empty cluster");
    assert_eq!(year.state.clusters, ["K1", "K2"]);
    let b = &year.municipalities[1];
    let qd3 = b.survey.as_ref().unwrap().dimensions.iter().find(|d| d.id == "QD3").unwrap();
    assert_eq!(qd3.refs.cluster, None);
    assert!(qd3.refs.state.is_some());
    // K1 is now a alone: its QD3 mean is a's score, 4.25.
    let k1 = year.clusters[0].dimensions.iter().find(|d| d.id == "QD3").unwrap();
    assert!(close(k1.mean.unwrap(), 4.25));
}

#[test]
fn counts_of_people_follow_the_rule_for_their_kind() {
    use Tally::{Exact, FewerThan, Hidden};
    let catalog = qdfh::project::default_catalog();
    let mut settings = Settings::fixed("Testland", 3, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let counts = |settings: &Settings| {
        let year = analyse_year(&inputs(), 2026, &catalog, settings);
        let a = year.municipalities[0].survey.clone().unwrap();
        let d = year.municipalities[3].survey.clone().unwrap();
        let tallies =
            |groups: &[qdfh::analysis::survey::GroupCount]| groups.iter().map(|g| g.count).collect::<Vec<_>>();
        (a.count, tallies(&a.by_level), tallies(&a.by_area), d.count)
    };
    // Defaults: totals shown, groups below min_n 3 as "weniger als".
    // a: 4 people; levels 2 strategic (p1, p4), 2 operative (p2, p3): both
    // small, they protect each other. Areas 3 (asd, kita, koordination),
    // 1 (familienhebamme), 0: the single small group takes the 3 along.
    // d: 2 people, a total: shown.
    assert_eq!(
        counts(&settings),
        (Exact(4), vec![FewerThan(3), FewerThan(3)], vec![Hidden, FewerThan(3), Exact(0)], Exact(2))
    );
    settings.small_totals = CountRule::WenigerAls;
    settings.small_groups = CountRule::Zeigen;
    assert_eq!(
        counts(&settings),
        (Exact(4), vec![Exact(2), Exact(2)], vec![Exact(3), Exact(1), Exact(0)], FewerThan(3))
    );
}

#[test]
fn raw_counts_of_people_are_not_in_the_data() {
    let year = report();
    let a = serde_json::to_value(&year.municipalities[0]).unwrap();
    let survey = &a["survey"];
    assert!(survey.get("respondents").is_none() && survey.get("respondents_by_level").is_none(), "{survey}");
    assert_eq!(survey["count"], serde_json::json!({ "status": "exact", "value": 4 }));
    let goal = &survey["dimensions"][0]["goals"][0]["by_level"][0];
    assert!(goal.get("n").is_none(), "{goal}");
    let workshop = &a["workshop"];
    assert!(workshop.get("participants").is_none(), "{workshop}");
}

/// The fixture with surveys and key figures of a in three years (2024 adds
/// a survey of three people rating goal 3.1 with 3) and a's targets for 2026.
fn inputs_with_indicators() -> qdfh::model::Inputs {
    use qdfh::model::{KeyFigureValue, YearInputs};
    let value = |year: i32, figure: &str, value: f64| KeyFigureValue {
        municipality: "a".into(),
        year,
        figure: figure.into(),
        value,
    };
    let mut inputs = inputs();
    inputs.years.insert(
        2024,
        YearInputs {
            surveys: vec![common::fixture::survey("a", 2024, &[3, 3, 3])],
            key_figures: vec![value(2024, "netzwerkpartner", 15.0)],
            ..YearInputs::default()
        },
    );
    inputs.years.get_mut(&2025).unwrap().key_figures.push(value(2025, "netzwerkpartner", 20.0));
    let y2026 = inputs.years.get_mut(&2026).unwrap();
    y2026.key_figures.extend([value(2026, "netzwerkpartner", 24.0), value(2026, "gfk_vze", 1.5)]);
    y2026.key_figure_targets.extend([value(2026, "netzwerkpartner", 30.0), value(2026, "gfk_vze", 1.0)]);
    inputs
}

pub(crate) fn indicator_inputs() -> qdfh::model::Inputs {
    inputs_with_indicators()
}

/// [`inputs_with_indicators`] plus Netzwerkpartner of b (2025: 10, 2026: 12,
/// target 11) and of c (2026: 40); d gives no key figures.
pub(crate) fn group_indicator_inputs() -> qdfh::model::Inputs {
    use qdfh::model::KeyFigureValue;
    let value = |municipality: &str, year: i32, value: f64| KeyFigureValue {
        municipality: municipality.into(),
        year,
        figure: "netzwerkpartner".into(),
        value,
    };
    let mut inputs = inputs_with_indicators();
    inputs.years.get_mut(&2025).unwrap().key_figures.push(value("b", 2025, 10.0));
    let y2026 = inputs.years.get_mut(&2026).unwrap();
    y2026.key_figures.extend([value("b", 2026, 12.0), value("c", 2026, 40.0)]);
    y2026.key_figure_targets.push(value("b", 2026, 11.0));
    inputs
}

#[test]
fn cluster_and_state_show_each_indicator_per_member_and_year() {
    use qdfh::analysis::indicators::IndicatorYear;
    let catalog = qdfh::project::default_catalog();
    let settings = Settings::fixed("Testland", 3, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let year = analyse_year(&group_indicator_inputs(), 2026, &catalog, &settings);
    let summary = |y: &IndicatorYear| (y.year, y.reported, y.median);
    // Netzwerktreffen and Familien: nobody gave a value, left out.
    let k1 = &year.clusters[0];
    assert_eq!(k1.indicator_years, [2024, 2025, 2026]);
    assert_eq!(k1.indicators.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["netzwerkpartner", "gfk_vze"]);
    let partners = &k1.indicators[0];
    // a: 15, 20, 24, target 30 not met; b: –, 10, 12, target 11 met (more is better).
    let rows: Vec<_> =
        partners.members.iter().map(|m| (m.name.as_str(), m.values.clone(), m.target, m.on_target)).collect();
    assert_eq!(
        rows,
        [
            ("Kommune a", vec![Some(15.0), Some(20.0), Some(24.0)], Some(30.0), Some(false)),
            ("Kommune b", vec![None, Some(10.0), Some(12.0)], Some(11.0), Some(true)),
        ]
    );
    // Medians: 2024 only a → 15; 2025 (10 + 20) / 2 = 15; 2026 (12 + 24) / 2 = 18.
    let per_year: Vec<_> = partners.years.iter().map(summary).collect();
    assert_eq!(per_year, [(2024, 1, Some(15.0)), (2025, 2, Some(15.0)), (2026, 2, Some(18.0))]);
    assert_eq!((partners.with_target, partners.on_target), (2, 1));
    // State: 2026 a 24, b 12, c 40 → sorted 12, 24, 40, median 24.
    let state = &year.state.indicators;
    let per_year: Vec<_> = state[0].years.iter().map(summary).collect();
    assert_eq!(per_year, [(2024, 1, Some(15.0)), (2025, 2, Some(15.0)), (2026, 3, Some(24.0))]);
    assert_eq!((state[0].with_target, state[0].on_target), (2, 1));
    // VZÄ: a alone in 2026, 1.5 against its target 1.0.
    let per_year: Vec<_> = state[1].years.iter().map(summary).collect();
    assert_eq!(per_year, [(2024, 0, None), (2025, 0, None), (2026, 1, Some(1.5))]);
    assert_eq!((state[1].with_target, state[1].on_target), (1, 1));
    // K2: c gave Netzwerkpartner only, d nothing.
    let k2 = &year.clusters[1];
    assert_eq!(k2.indicators.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["netzwerkpartner"]);
    assert_eq!(k2.indicators[0].members[1].values, [None, None, None]);
}

#[test]
fn indicators_carry_their_course_target_and_direction() {
    let catalog = qdfh::project::default_catalog();
    let settings = Settings::fixed("Testland", 3, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let year = analyse_year(&inputs_with_indicators(), 2026, &catalog, &settings);
    let a = &year.municipalities[0];
    let partners = a.key_figures.iter().find(|k| k.id == "netzwerkpartner").unwrap();
    // 2024: 15, 2025: 20, 2026: 24; change 24 − 20 = 4.
    let course: Vec<(i32, Option<f64>)> = partners.series.iter().map(|s| (s.year, s.value)).collect();
    assert_eq!(course, [(2024, Some(15.0)), (2025, Some(20.0)), (2026, Some(24.0))]);
    assert_eq!(partners.change, Some(4.0));
    // More is better and 24 < 30: not on target. The catalog ties it to QD3, goal 3.1.
    assert_eq!((partners.target, partners.on_target), (Some(30.0), Some(false)));
    assert_eq!(partners.dimension.as_deref(), Some("QD3 Netzwerk"));
    assert_eq!(partners.goal.as_deref(), Some("3.1"));
    // 1.5 VZÄ against a target of 1.0: reached; no earlier values.
    let staff = a.key_figures.iter().find(|k| k.id == "gfk_vze").unwrap();
    assert_eq!((staff.value, staff.target, staff.on_target), (Some(1.5), Some(1.0), Some(true)));
    assert_eq!(staff.series.iter().map(|s| s.value).collect::<Vec<_>>(), [None, None, Some(1.5)]);
    // b has no key figures: no target, nothing judged.
    let b = year.municipalities[1].key_figures.iter().find(|k| k.id == "netzwerkpartner").unwrap();
    assert_eq!((b.value, b.target, b.on_target), (None, None, None));
}

#[test]
fn a_direction_judges_a_target_both_ways() {
    use qdfh::catalog::Direction;
    assert_eq!(Direction::HoeherBesser.meets(30.0, 30.0), Some(true));
    assert_eq!(Direction::NiedrigerBesser.meets(31.0, 30.0), Some(false));
    assert_eq!(Direction::NiedrigerBesser.meets(29.0, 30.0), Some(true));
    assert_eq!(Direction::Neutral.meets(1.0, 2.0), None);
}

#[test]
fn three_report_years_give_the_course_of_the_dimension_scores() {
    let catalog = qdfh::project::default_catalog();
    let settings = Settings::fixed("Testland", 3, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let year = analyse_year(&inputs_with_indicators(), 2026, &catalog, &settings);
    let a = &year.municipalities[0];
    let qd3 = a.course.iter().find(|d| d.id == "QD3").unwrap();
    // QD3 of a: 2024 three people at 3 → 3.0; 2025 three at 2 → 2.0; 2026 the
    // person means 5.5, 4, 2.5, 5 → 17/4 = 4.25.
    let scores: Vec<(i32, Gate<f64>)> = qd3.scores.iter().map(|s| (s.year, s.score.clone())).collect();
    assert_eq!(scores, [(2024, Gate::Shown(3.0)), (2025, Gate::Shown(2.0)), (2026, Gate::Shown(4.25))]);
    let qd1 = a.course.iter().find(|d| d.id == "QD1").unwrap();
    assert!(qd1.scores.iter().all(|s| s.score == Gate::NoData));
    // b has a survey in 2026 only: its course has no data before.
    let b: Vec<Gate<f64>> = year.municipalities[1]
        .course
        .iter()
        .find(|d| d.id == "QD3")
        .unwrap()
        .scores
        .iter()
        .map(|s| s.score.clone())
        .collect();
    assert_eq!(b, [Gate::NoData, Gate::NoData, Gate::Shown(3.0)]);
    // With two years, no course either.
    assert!(report().municipalities[0].course.is_empty());
}

#[test]
fn a_small_group_alone_hides_the_empty_areas_beside_it() {
    use Tally::{Exact, FewerThan, Hidden};
    use qdfh::model::Participant;
    let catalog = qdfh::project::default_catalog();
    let settings = Settings::fixed("Testland", 3, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let person = |sector: &str| Participant {
        municipality: "a".into(),
        institution: String::new(),
        sector: sector.into(),
        function: String::new(),
    };
    let attendance = |people: Vec<Participant>| {
        let mut inputs = inputs();
        inputs.years.get_mut(&2026).unwrap().workshops[0].participants = people;
        let year = analyse_year(&inputs, 2026, &catalog, &settings);
        let ws = year.municipalities[0].workshop.clone().unwrap();
        (ws.attendance_by_area.iter().map(|g| g.count).collect::<Vec<_>>(), ws.missing_areas)
    };
    // Two people, both Jugendhilfe (ASD): 2 is below min_n 3, and printing
    // 0 for the other areas would give it away as the total 2.
    let (counts, missing) = attendance(vec![person("asd"), person("asd")]);
    assert_eq!(counts, [FewerThan(3), Hidden, Hidden]);
    assert!(missing.is_empty(), "{missing:?}");
    // Three from Jugendhilfe: shown, and the empty areas are named.
    let (counts, missing) = attendance(vec![person("asd"), person("kita"), person("asd")]);
    assert_eq!(counts, [Exact(3), Exact(0), Exact(0)]);
    assert_eq!(missing, ["Gesundheitswesen", "Sonstige"]);
}

#[test]
fn a_cluster_workshop_is_marked_as_shared() {
    let catalog = qdfh::project::default_catalog();
    let settings = Settings::fixed("Testland", 3, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    let shared = |members: &[&str]| {
        let mut inputs = inputs();
        inputs.years.get_mut(&2026).unwrap().workshops[0].municipalities =
            members.iter().map(|m| m.to_string()).collect();
        let year = analyse_year(&inputs, 2026, &catalog, &settings);
        year.municipalities[0].workshop.as_ref().unwrap().shared
    };
    assert!(!shared(&["a"]), "a's own workshop");
    assert!(shared(&["a", "b"]), "a workshop of a and b");
}

#[test]
fn ties_in_the_glance_keep_the_catalog_order() {
    use qdfh::model::Answer::Value;
    let catalog = qdfh::project::default_catalog();
    let settings = Settings::fixed("Testland", 3, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    // Three people rate 9.1 and 10.1 with 5 each: both means 5,0, the
    // highest. The catalog puts 9.1 before 10.1 (an id sort would not).
    let mut inputs = inputs();
    let survey = &mut inputs.years.get_mut(&2026).unwrap().surveys[1];
    for person in &mut survey.respondents {
        person.ratings.insert("10.1".into(), Value(5));
        person.ratings.insert("9.1".into(), Value(5));
    }
    let year = analyse_year(&inputs, 2026, &catalog, &settings);
    let b = year.municipalities.iter().find(|m| m.id == "b").unwrap();
    let strengths: Vec<&str> = b.highlights.strengths.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(strengths[..2], ["9.1", "10.1"]);
}
