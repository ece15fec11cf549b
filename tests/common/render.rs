//! Shared set-up of the render tests: the engine over `templates/`, the
//! sample data, PDF settings, the fixture's documents and PDF text.
#![allow(dead_code)]

use std::sync::OnceLock;

use chrono::NaiveDate;
use qdfh::analysis::{Settings, YearReport, analyse_year};
use qdfh::catalog::Catalog;
use qdfh::render::{Engine, PdfProfile, PdfSettings, Texts};
use qdfh::report::DocumentContext;
use serde_json::Value;

use super::repo_root;

/// One engine over the shipped templates per test binary, as one run uses it.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(&repo_root().join("templates")).expect("engine for templates/"))
}

/// The sample document's data, `templates/muster.json`.
pub fn muster_data() -> Value {
    let text = std::fs::read_to_string(repo_root().join("templates/muster.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Export settings with a fixed date.
pub fn settings(profile: PdfProfile) -> PdfSettings {
    PdfSettings {
        profile,
        ident: "muster".into(),
        date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        attachment: None,
    }
}

/// The hand-computed fixture analysed for 2026 with `min_n` 3, and what
/// its documents need.
pub struct FixtureDocs {
    /// The shipped catalog.
    pub catalog: Catalog,
    /// The shipped texts.
    pub texts: Texts,
    /// The analysed year.
    pub year: YearReport,
}

impl FixtureDocs {
    /// Analyses the fixture.
    pub fn new() -> FixtureDocs {
        let catalog = qdfh::project::default_catalog();
        let settings = Settings { min_n: 3, reference_date: reference_date(), print_free_text: false };
        let year = analyse_year(&super::fixture::inputs(), 2026, &catalog, settings);
        let texts = Texts::load(&repo_root().join("templates/texte")).unwrap();
        FixtureDocs { catalog, texts, year }
    }

    /// The document context of the fixture.
    pub fn ctx(&self) -> DocumentContext<'_> {
        DocumentContext {
            catalog: &self.catalog,
            texts: &self.texts,
            land: "Testland",
            min_n: 3,
            print_free_text: false,
            reference_date: reference_date(),
            date: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        }
    }
}

fn reference_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
}

/// The text of a PDF by `pdftotext`, white space collapsed; `None` (with a
/// clear message) when pdftotext is missing outside CI.
pub fn pdf_text(pdf: &[u8]) -> Option<String> {
    if !super::require_tool("pdftotext") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
    Some(String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" "))
}
