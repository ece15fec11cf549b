//! Cluster comparison and state overview compiled from the fixture.

mod common;

use chrono::NaiveDate;
use qdfh::analysis::{Settings, YearReport, analyse_year};
use qdfh::render::{Engine, PdfProfile, PdfSettings, Texts};
use qdfh::report::DocumentContext;
use qdfh::report::comparison::{cluster_data, state_data};

fn with_context<T>(f: impl FnOnce(&YearReport, &DocumentContext, &Engine) -> T) -> T {
    let root = common::repo_root();
    let catalog = qdfh::project::default_catalog();
    let reference_date = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let settings = Settings { min_n: 3, reference_date, print_free_text: false };
    let year = analyse_year(&common::fixture::inputs(), 2026, &catalog, settings);
    let texts = Texts::load(&root.join("templates/texte")).unwrap();
    let ctx = DocumentContext {
        catalog: &catalog,
        texts: &texts,
        land: "Testland",
        min_n: 3,
        print_free_text: false,
        reference_date,
        date: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    };
    let engine = Engine::new(&root.join("templates")).unwrap();
    f(&year, &ctx, &engine)
}

fn settings() -> PdfSettings {
    PdfSettings {
        profile: PdfProfile::UaA2a,
        ident: "test".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        attachment: None,
    }
}

fn text_of(pdf: &[u8]) -> Option<String> {
    if !common::require_tool("pdftotext") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
    Some(String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" "))
}

#[test]
fn cluster_comparison_shows_members_and_cluster_mean() {
    let pdf = with_context(|year, ctx, engine| {
        let data = cluster_data(year, &year.clusters[0], ctx).unwrap();
        engine.compile_pdf("cluster.typ", &data, &settings()).unwrap_or_else(|e| panic!("{e}"))
    });
    if let Ok(path) = std::env::var("QDFH_CLUSTER_OUT") {
        std::fs::write(path, &pdf).unwrap();
    }
    let Some(text) = text_of(&pdf) else { return };
    assert!(text.contains("Cluster-Vergleich K1"), "{text}");
    assert!(text.contains("Kommune a") && text.contains("Kommune b"), "{text}");
    // QD3: a 4.25 → "4,3", b 3 → "3,0", cluster mean 3.625 → "3,6".
    assert!(text.contains("4,3") && text.contains("3,0") && text.contains("3,6"), "{text}");
}

#[test]
fn state_overview_compiles_with_all_members() {
    let pdf = with_context(|year, ctx, engine| {
        let data = state_data(year, ctx).unwrap();
        engine.compile_pdf("land.typ", &data, &settings()).unwrap_or_else(|e| panic!("{e}"))
    });
    if let Ok(path) = std::env::var("QDFH_STATE_OUT") {
        std::fs::write(path, &pdf).unwrap();
    }
    let Some(text) = text_of(&pdf) else { return };
    assert!(text.contains("Landesübersicht Frühe Hilfen 2026"), "{text}");
    for name in ["Kommune a", "Kommune b", "Kommune c", "Kommune d"] {
        assert!(text.contains(name), "{name} missing");
    }
    // State QD3 mean 10.25 / 3 = 3.4166… → "3,4"; previous year (only a: 2,0).
    assert!(text.contains("3,4"), "{text}");
}
