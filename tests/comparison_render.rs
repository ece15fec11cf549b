//! Cluster comparison and state overview compiled from the fixture.

use crate::common;

use common::render::{FixtureDocs, pdf_text};
use qdfh::documents::Subject;

#[test]
fn cluster_comparison_shows_members_and_cluster_mean() {
    let pdf = FixtureDocs::new().make("cluster", Subject::Cluster("K1".into()));
    if let Ok(path) = std::env::var("QDFH_CLUSTER_OUT") {
        std::fs::write(path, &pdf).unwrap();
    }
    let Some(text) = pdf_text(&pdf) else { return };
    assert!(text.contains("Cluster-Vergleich K1"), "{text}");
    assert!(text.contains("Kommune a") && text.contains("Kommune b"), "{text}");
    // QD3: a 4.25 → "4,3", b 3 → "3,0", cluster mean 3.625 → "3,6".
    assert!(text.contains("4,3") && text.contains("3,0") && text.contains("3,6"), "{text}");
}

#[test]
fn state_overview_compiles_with_all_members() {
    let pdf = FixtureDocs::new().make("land", Subject::State);
    if let Ok(path) = std::env::var("QDFH_STATE_OUT") {
        std::fs::write(path, &pdf).unwrap();
    }
    let Some(text) = pdf_text(&pdf) else { return };
    assert!(text.contains("Landesübersicht Frühe Hilfen 2026"), "{text}");
    for name in ["Kommune a", "Kommune b", "Kommune c", "Kommune d"] {
        assert!(text.contains(name), "{name} missing");
    }
    // QD3: K1 (a 4,25, b 3,0) 3,625 → "3,6"; K2 (c 3,0, d hidden) "3,0";
    // the state 10,25 / 3 = 3,4166… → "3,4".
    assert!(text.contains("QD3 Netzwerk 3,6 3,0 3,4"), "{text}");
}

#[test]
fn cluster_comparison_shows_the_workshop_feedback_gated() {
    let pdf = FixtureDocs::new().make("cluster", Subject::Cluster("K1".into()));
    let Some(flat) = pdf_text(&pdf) else { return };
    // a: feedback 5, 4, 4, 2 (min_n 3) → 4 forms, mean 3,75 → "3,8", 75 %.
    assert!(flat.contains("Rückmeldung zur Werkstatt"), "{flat}");
    assert!(flat.contains("Kommune a 4 3,8 75"), "{flat}");
    let mut docs = FixtureDocs::new();
    docs.settings.min_n = 5;
    let Some(flat) = pdf_text(&docs.make("cluster", Subject::Cluster("K1".into()))) else { return };
    assert!(flat.contains("Kommune a weniger als 5"), "{flat}");
    assert!(!flat.contains("3,8"), "{flat}");
}

#[test]
fn three_report_years_give_cluster_and_state_their_course() {
    let mut docs = FixtureDocs::new();
    docs.inputs = crate::analysis_hand::indicator_inputs();
    // The course is taken over the municipalities shown in every year: only
    // a (QD3 3,0; 2,0; 4,25 → "4,3"); b, c and d have 2026 only.
    let Some(cluster) = pdf_text(&docs.make("cluster", Subject::Cluster("K1".into()))) else { return };
    assert!(cluster.contains("QD3 Netzwerk 3,0 2,0 4,3 1"), "{cluster}");
    let Some(state) = pdf_text(&docs.make("land", Subject::State)) else { return };
    assert!(state.contains("QD3 Netzwerk 3,0 2,0 4,3 1"), "{state}");
    // b answers in 2024 (three at 4) and 2025 (three at 5) too: K1 over a
    // and b: 2024 (3 + 4) / 2 = 3,5; 2025 (2 + 5) / 2 = 3,5; 2026
    // (4,25 + 3) / 2 = 3,625 → "3,6"; 2 municipalities. The state adds
    // nobody (c and d have 2026 only).
    for (year, value) in [(2024, 4), (2025, 5)] {
        let survey = common::fixture::survey("b", year, &[value; 3]);
        docs.inputs.years.get_mut(&year).unwrap().surveys.push(survey);
    }
    let pdf = docs.make("cluster", Subject::Cluster("K1".into()));
    if let Ok(path) = std::env::var("QDFH_COURSE_OUT") {
        std::fs::write(path, &pdf).unwrap();
    }
    let Some(cluster) = pdf_text(&pdf) else { return };
    assert!(cluster.contains("Entwicklung über die Jahre"), "{cluster}");
    assert!(cluster.contains("QD3 Netzwerk 3,5 3,5 3,6 2"), "{cluster}");
    let Some(state) = pdf_text(&docs.make("land", Subject::State)) else { return };
    assert!(state.contains("QD3 Netzwerk 3,5 3,5 3,6 2"), "{state}");
    // Two report years: no course.
    let Some(plain) = pdf_text(&FixtureDocs::new().make("cluster", Subject::Cluster("K1".into()))) else { return };
    assert!(!plain.contains("Entwicklung über die Jahre"), "{plain}");
}

#[test]
fn cluster_and_state_print_the_key_figures_over_the_years() {
    let mut docs = FixtureDocs::new();
    docs.inputs = crate::analysis_hand::group_indicator_inputs();
    // Values and medians as computed in analysis_hand: K1 Netzwerkpartner
    // a 15, 20, 24 (target 30), b –, 10, 12 (target 11); the state's medians
    // 15, 15, 24 from 1, 2 and 3 municipalities, 1 of 2 targets reached.
    let Some(cluster) = pdf_text(&docs.make("cluster", Subject::Cluster("K1".into()))) else { return };
    assert!(cluster.contains("Kommune 2024 2025 2026 Zielwert 2026"), "{cluster}");
    assert!(cluster.contains("Kommune a 15 20 24 30 (noch nicht)"), "{cluster}");
    assert!(cluster.contains("Kommune b – 10 12 11 (erreicht)"), "{cluster}");
    assert!(cluster.contains("Gesundheitsfachkräfte (Vollzeitäquivalente) (belegt QD8"), "{cluster}");
    assert!(cluster.contains("Kommune a – – 1,5 1,0 (erreicht)"), "{cluster}");
    let Some(state) = pdf_text(&docs.make("land", Subject::State)) else { return };
    assert!(state.contains("Zielwert 2026 erreicht"), "{state}");
    // pdftotext reads the medians before the counts under them.
    assert!(state.contains("Netzwerkpartner 15 15 24"), "{state}");
    assert!(state.contains("1 Kommune 2 Kommunen 3 Kommunen"), "{state}");
    assert!(state.contains("– – 1,5 0 Kommunen 0 Kommunen 1 Kommune"), "{state}");
    assert!(state.contains("1 von 2") && state.contains("1 von 1"), "{state}");
    assert!(!state.contains("Netzwerktreffen"), "a key figure nobody gave is left out: {state}");
}

#[test]
fn the_change_against_last_year_runs_over_the_same_municipalities() {
    let docs = FixtureDocs::new();
    // QD3: 2025 only a answered (three at 2 → 2,0); 2026 a 4,25, b 3,0,
    // c 3,0. Over the same municipalities – a alone – the state went from
    // 2,0 to 4,25 (+2,25), not from 2,0 to (4,25 + 3 + 3) / 3.
    let year = docs.year();
    let data = qdfh::documents::state::state_data(&year).unwrap();
    let qd3 = data.changes.iter().find(|c| c.label == "QD3 Netzwerk").unwrap();
    assert_eq!((qd3.now, qd3.before, qd3.diff, qd3.members), (Some(4.25), Some(2.0), Some(2.25), 1));
    let qd1 = data.changes.iter().find(|c| c.label == "QD1 Grundidee").unwrap();
    assert_eq!((qd1.now, qd1.before, qd1.members), (None, None, 0));
    let Some(state) = pdf_text(&docs.make("land", Subject::State)) else { return };
    assert!(state.contains("QD3 Netzwerk 4,3 2,0 +2,3 1"), "{state}");
}
