//! The analyses checked against values computed by hand for a small fixture.
//! The hand computation is written next to each assertion.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use qdfh::analysis::suppress::Gate;
use qdfh::analysis::{Settings, analyse_year};
use qdfh::model::Answer::{self, Blank, DontKnow, Value};
use qdfh::model::*;

fn person(id: &str, sector: &str, level: &str, ratings: &[(&str, Answer)], need3: Answer) -> Respondent {
    Respondent {
        id: id.into(),
        sector: sector.into(),
        level: level.into(),
        role: String::new(),
        ratings: ratings.iter().map(|(g, a)| (g.to_string(), *a)).collect(),
        needs: BTreeMap::from([("QD3".to_string(), need3)]),
        comment: None,
        origin: Origin { file: PathBuf::from("x.xlsx"), sheet: "Befragung".into(), row: 1 },
    }
}

fn survey(municipality: &str, year: i32, values_3_1: &[u8]) -> Survey {
    Survey {
        municipality: municipality.into(),
        year,
        file: PathBuf::from(format!("{municipality}.xlsx")),
        respondents: values_3_1
            .iter()
            .enumerate()
            .map(|(i, v)| person(&i.to_string(), "asd", "operativ", &[("3.1", Value(*v))], Blank))
            .collect(),
    }
}

fn municipality(id: &str, cluster: &str) -> Municipality {
    Municipality {
        id: id.into(),
        name: format!("Kommune {id}"),
        kind: MunicipalityKind::Landkreis,
        state: "Testland".into(),
        cluster: cluster.into(),
        focus: vec!["QD3".into()],
        coordinator: None,
        email: None,
    }
}

fn action(status: &str, due: (i32, u32, u32)) -> Action {
    Action {
        municipality: "a".into(),
        goal: "Ziel".into(),
        measure: format!("Maßnahme {status} {due:?}"),
        dimension: "QD3".into(),
        responsible: "Koordination".into(),
        involved: String::new(),
        start: None,
        due: NaiveDate::from_ymd_opt(due.0, due.1, due.2),
        status: status.into(),
        indicator: String::new(),
        origin: Origin { file: PathBuf::from("w.xlsx"), sheet: "Maßnahmen".into(), row: 1 },
    }
}

fn inputs() -> Inputs {
    let survey_a = Survey {
        municipality: "a".into(),
        year: 2026,
        file: PathBuf::from("a.xlsx"),
        respondents: vec![
            person("p1", "asd", "strategisch", &[("3.1", Value(6)), ("3.2", Value(5))], Value(4)),
            person("p2", "kita", "operativ", &[("3.1", Value(4)), ("3.2", DontKnow)], Value(3)),
            person("p3", "familienhebamme", "operativ", &[("3.1", Value(2)), ("3.2", Value(3))], Blank),
            person("p4", "koordination", "strategisch", &[("3.1", Value(5)), ("3.2", Blank)], Value(4)),
        ],
    };
    let workshop = Workshop {
        file: PathBuf::from("w.xlsx"),
        year: 2026,
        municipalities: vec!["a".into()],
        actions: vec![
            action("geplant", (2026, 6, 30)),
            action("umgesetzt", (2026, 6, 30)),
            action("in_arbeit", (2027, 3, 1)),
        ],
        polarity: [1u8, 7, 4]
            .iter()
            .enumerate()
            .map(|(i, v)| PolarityRating {
                municipality: "a".into(),
                participant: i.to_string(),
                pair: "P1".into(),
                answer: Value(*v),
            })
            .collect(),
        ..Workshop::default()
    };
    let y2026 = YearInputs {
        surveys: vec![
            survey_a,
            survey("b", 2026, &[3, 3, 3]),
            survey("c", 2026, &[1, 2, 3, 4, 5]),
            survey("d", 2026, &[6, 6]),
        ],
        workshops: vec![workshop],
        key_figures: vec![],
    };
    let y2025 = YearInputs { surveys: vec![survey("a", 2025, &[2, 2, 2])], ..YearInputs::default() };
    Inputs {
        municipalities: vec![
            municipality("a", "K1"),
            municipality("b", "K1"),
            municipality("c", "K2"),
            municipality("d", "K2"),
        ],
        years: BTreeMap::from([(2025, y2025), (2026, y2026)]),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn report() -> qdfh::analysis::YearReport {
    let catalog = qdfh::project::default_catalog();
    let settings =
        Settings { min_n: 3, reference_date: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(), print_free_text: false };
    analyse_year(&inputs(), 2026, &catalog, settings)
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
    assert!(g31.by_area.iter().all(|g| g.mean.is_none()));
    assert_eq!(g31.area_gap, None);
    // Levels: 2 strategic (6, 5), 2 operative (4, 2): both below 3.
    assert!(g31.by_level.iter().all(|g| g.mean.is_none()));
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
    assert_eq!(state.cells.iter().filter(|c| c.mean.is_none()).count(), 1, "d is hidden");
}
