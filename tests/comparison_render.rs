//! Cluster comparison and state overview compiled from the fixture.

mod common;

use common::render::{FixtureDocs, engine, pdf_text, settings};
use qdfh::render::PdfProfile;
use qdfh::report::comparison::{cluster_data, state_data};

#[test]
fn cluster_comparison_shows_members_and_cluster_mean() {
    let docs = FixtureDocs::new();
    let data = cluster_data(&docs.year, &docs.year.clusters[0], &docs.ctx()).unwrap();
    let pdf =
        engine().compile_pdf("cluster.typ", &data, &settings(PdfProfile::UaA2a)).unwrap_or_else(|e| panic!("{e}"));
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
    let docs = FixtureDocs::new();
    let data = state_data(&docs.year, &docs.ctx()).unwrap();
    let pdf = engine().compile_pdf("land.typ", &data, &settings(PdfProfile::UaA2a)).unwrap_or_else(|e| panic!("{e}"));
    if let Ok(path) = std::env::var("QDFH_STATE_OUT") {
        std::fs::write(path, &pdf).unwrap();
    }
    let Some(text) = pdf_text(&pdf) else { return };
    assert!(text.contains("Landesübersicht Frühe Hilfen 2026"), "{text}");
    for name in ["Kommune a", "Kommune b", "Kommune c", "Kommune d"] {
        assert!(text.contains(name), "{name} missing");
    }
    // State QD3 mean 10.25 / 3 = 3.4166… → "3,4".
    assert!(text.contains("3,4"), "{text}");
}
