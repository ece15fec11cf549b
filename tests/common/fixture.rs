//! A small hand-computable fixture shared by the analysis and handout tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
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

pub fn survey(municipality: &str, year: i32, values_3_1: &[u8]) -> Survey {
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

pub fn action(status: &str, due: (i32, u32, u32)) -> Action {
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

/// Municipality a against the shipped example standards: minimum
/// requirements 5 erfüllt, 1 teilweise, 1 nicht erfüllt, 1 nicht
/// zutreffend (5 of 7); "Mehr" 2 erfüllt, 1 nicht erfüllt, 1 nicht
/// zutreffend (2 of 3). Tests with hand-computed standards use their own
/// catalog (tests/standards.rs).
fn standards_a() -> StandardsAssessment {
    use qdfh::catalog::StandardRating::{Met, NotApplicable, NotMet, Partly};
    let ratings = [
        ("S1.1", Met),
        ("S1.2", Partly),
        ("S1.3", Met),
        ("S2.1", Met),
        ("S2.2", NotMet),
        ("S2.3", NotMet),
        ("S3.1", Met),
        ("S3.2", NotApplicable),
        ("S3.3", NotApplicable),
        ("S4.1", Met),
        ("S4.2", Met),
        ("S4.3", Met),
    ];
    StandardsAssessment {
        municipality: "a".into(),
        year: 2026,
        file: PathBuf::from("standards-a.xlsx"),
        ratings: ratings.iter().map(|(id, r)| (id.to_string(), *r)).collect(),
    }
}

pub fn inputs() -> Inputs {
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
        // Satisfaction 5, 4, 4, 2 on the 5-step scale: n 4, mean 15/4 = 3,75,
        // "zufrieden" or "sehr zufrieden" (4, 5): 3 of 4 = 75 %.
        feedback: [5u8, 4, 4, 2]
            .iter()
            .map(|v| Feedback { municipality: "a".into(), satisfaction: Value(*v), text: None })
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
        standards: vec![standards_a()],
        ..YearInputs::default()
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
        rejected: Vec::new(),
    }
}
