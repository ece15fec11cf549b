//! Shared set-up of the render tests: the engine over `templates/`, the
//! sample data, PDF settings, the fixture's documents (planned and made by
//! the library, as a build does) and PDF text.
#![allow(dead_code)]

use std::sync::OnceLock;

use chrono::NaiveDate;
use qdfh::catalog::Catalog;
use qdfh::diagnostics::Diagnostics;
use qdfh::documents::{Subject, YearContext};
use qdfh::model::Inputs;
use qdfh::render::{Engine, PdfProfile, PdfSettings, Texts};
use qdfh::settings::Settings;
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

/// The hand-computed fixture with what its documents need: `min_n` 3,
/// the default reference date (31 December), a fixed document date.
pub struct FixtureDocs {
    /// The shipped catalog.
    pub catalog: Catalog,
    /// The shipped texts.
    pub texts: Texts,
    /// The settings.
    pub settings: Settings,
    /// The fixture's inputs.
    pub inputs: Inputs,
    /// No findings.
    pub diagnostics: Diagnostics,
}

impl FixtureDocs {
    /// The fixture and the shipped catalog and texts.
    pub fn new() -> FixtureDocs {
        FixtureDocs {
            catalog: qdfh::project::default_catalog(),
            texts: Texts::load(&repo_root().join("templates/texte")).unwrap(),
            settings: Settings::fixed("Testland", 3, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
            inputs: super::fixture::inputs(),
            diagnostics: Diagnostics::default(),
        }
    }

    /// The analysed year 2026.
    pub fn year(&self) -> YearContext<'_> {
        YearContext::new(&self.inputs, 2026, &self.catalog, &self.texts, &self.settings, &self.diagnostics)
    }

    /// The bytes of the 2026 document of kind `kind` about `subject`,
    /// planned and made as `qdfh build` does.
    pub fn make(&self, kind: &str, subject: Subject) -> Vec<u8> {
        let year = self.year();
        let document = year
            .plan()
            .unwrap()
            .into_iter()
            .find(|d| d.kind.name() == kind && d.subject == subject)
            .unwrap_or_else(|| panic!("no {kind} document about {subject:?}"));
        document.make(&year, engine()).unwrap_or_else(|e| panic!("{e}")).bytes
    }
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
