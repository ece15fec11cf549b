//! The handout compiled from the hand-computed fixture: the printed numbers
//! are the ones computed by hand in `analysis_hand.rs`.

mod common;

use chrono::NaiveDate;
use qdfh::analysis::{Settings, analyse_year};
use qdfh::render::{Engine, PdfProfile, PdfSettings, Texts};
use qdfh::report::DocumentContext;
use qdfh::report::handout::handout_data;

fn handout_pdf(index: usize) -> Vec<u8> {
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
    let data = handout_data(&year.municipalities[index], true, &ctx).unwrap();
    let engine = Engine::new(&root.join("templates")).unwrap();
    let settings = PdfSettings { profile: PdfProfile::UaA2a, ident: "test".into(), date: ctx.date, attachment: None };
    engine.compile_pdf("handout.typ", &data, &settings).unwrap_or_else(|e| panic!("{e}"))
}

fn pdf_text(pdf: &[u8], name: &str) -> Option<String> {
    if !common::require_tool("pdftotext") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn handout_prints_the_hand_computed_numbers() {
    let pdf = handout_pdf(0);
    let Some(text) = pdf_text(&pdf, "a.pdf") else { return };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Auf einen Blick"), "{flat}");
    // 4 respondents, 2 strategic and 2 operative.
    assert!(flat.contains("haben 4 Personen"), "{flat}");
    // Goal 3.1: mean 4.25 → "4,3", median 4,5, Top-2 50 %; change +2,25 → "2,3".
    assert!(flat.contains("4,3"), "{flat}");
    assert!(flat.contains("4,5"), "{flat}");
    assert!(flat.contains("50 %") || flat.contains("50\u{202f}%") || flat.contains("50\u{a0}%"), "{flat}");
    // QD3 need 11/3 → "3,7".
    assert!(flat.contains("3,7"), "{flat}");
    // Goal 3.2 has 2 answers: hidden.
    assert!(flat.contains("zu wenige Angaben"), "{flat}");
    assert!(flat.contains("überfällig"), "{flat}");
}

#[test]
fn municipality_with_too_few_answers_gets_a_plain_handout() {
    let pdf = handout_pdf(3);
    let Some(text) = pdf_text(&pdf, "d.pdf") else { return };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("zu wenige Angaben vor"), "{flat}");
    assert!(flat.contains("2 Personen haben geantwortet"), "{flat}");
}

/// Writes the fixture handout to `QDFH_HANDOUT_OUT` for looking at it.
#[test]
fn write_handout_for_inspection() {
    if let Ok(path) = std::env::var("QDFH_HANDOUT_OUT") {
        std::fs::write(path, handout_pdf(0)).unwrap();
    }
}
