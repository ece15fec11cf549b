//! Putting the workbooks of a run together: the register from Stammdaten,
//! checks across files, and the [`Inputs`] made of workbooks without errors.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Reading;
use super::file::{FileResult, Workbook};
use super::register::Register;
use super::stammdaten;
use crate::catalog::fold_key;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ingest::schema::FormKind;
use crate::model::{Inputs, Rejected, RejectedKind};

/// The register from every Stammdaten workbook among `results`. Without
/// usable Stammdaten the municipalities stay unchecked; `warn` asks every
/// workbook to say so (single files), else the folder reported it once.
pub fn register(results: &[FileResult], diags: &mut Diagnostics, warn: bool) -> Register {
    let parts: Vec<(PathBuf, stammdaten::Stammdaten)> = results
        .iter()
        .filter_map(|r| match &r.content {
            Some(Workbook::Stammdaten(s)) => Some((r.path.clone(), s.clone())),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        return Register::Missing { warn };
    }
    let merged = stammdaten::merge(parts, diags);
    Register::Known { municipalities: merged.municipalities, dropped: merged.dropped }
}

/// Runs the checks across files and builds the inputs from every workbook
/// without errors.
pub fn finish(results: Vec<FileResult>, register: Register, mut diags: Diagnostics) -> Reading {
    let files = results.iter().map(|r| r.path.clone()).collect();
    for result in &results {
        diags.extend(result.diags.clone());
    }
    duplicate_surveys(&results, &mut diags);
    duplicate_key_figures(&results, &mut diags);
    let mut inputs = Inputs { municipalities: register.municipalities().to_vec(), ..Inputs::default() };
    for result in results {
        // Stammdaten were merged into the register; their row errors drop
        // single municipalities, not the whole register.
        if diags.has_error_in(&result.path) {
            if let Some(rejected) = rejected(&result) {
                inputs.rejected.push(rejected);
            }
            continue;
        }
        match result.content {
            Some(Workbook::Befragung(survey)) => inputs.years.entry(survey.year).or_default().surveys.push(survey),
            Some(Workbook::Werkstatt(workshop)) => {
                inputs.years.entry(workshop.year).or_default().workshops.push(workshop)
            }
            Some(Workbook::Kennzahlen(figures)) => {
                inputs.years.entry(figures.year).or_default().key_figures.extend(figures.values)
            }
            Some(Workbook::Stammdaten(_)) | None => {}
        }
    }
    for year in inputs.years.values_mut() {
        year.surveys.sort_by(|a, b| a.municipality.cmp(&b.municipality));
        year.workshops.sort_by(|a, b| a.file.cmp(&b.file));
    }
    Reading { inputs, diagnostics: diags, files }
}

/// What a workbook with errors was about, as far as it could be read.
/// Stammdaten are not listed: their errors drop single municipalities.
fn rejected(result: &FileResult) -> Option<Rejected> {
    let folder_year = result.path.parent().and_then(super::folder::folder_year);
    let (kind, year, municipalities) = match &result.content {
        Some(Workbook::Befragung(s)) => (RejectedKind::Survey, Some(s.year), vec![s.municipality.clone()]),
        Some(Workbook::Werkstatt(w)) => (RejectedKind::Workshop, Some(w.year), w.municipalities.clone()),
        Some(Workbook::Kennzahlen(k)) => (RejectedKind::KeyFigures, Some(k.year), k.municipalities.clone()),
        Some(Workbook::Stammdaten(_)) => return None,
        None if result.kind == Some(FormKind::Stammdaten) => return None,
        None => (RejectedKind::Unknown, None, Vec::new()),
    };
    let mut years: Vec<i32> = folder_year.into_iter().chain(year).collect();
    years.dedup();
    (!years.is_empty()).then(|| Rejected { file: result.path.clone(), years, kind, municipalities })
}

/// Two surveys of the same municipality and year: neither can be trusted
/// to be the right one, so both are errors. A survey with errors of its own
/// (a year that disagrees with its folder, a wrong cell) is left out by
/// those and does not make a good one a duplicate.
fn duplicate_surveys(results: &[FileResult], diags: &mut Diagnostics) {
    let mut by_key: BTreeMap<(String, i32), Vec<(&PathBuf, &str)>> = BTreeMap::new();
    for r in results.iter().filter(|r| r.diags.error_count() == 0) {
        if let Some(Workbook::Befragung(s)) = &r.content {
            by_key.entry((fold_key(&s.municipality), s.year)).or_default().push((&r.path, &s.municipality));
        }
    }
    for ((_, year), files) in by_key.into_iter().filter(|(_, f)| f.len() > 1) {
        for (path, municipality) in &files {
            let others = others(&files, path);
            let message = format!(
                "Für Kommune „{municipality}“ gibt es {year} mehrere Befragungen (auch {others}); bitte nur eine Datei je Kommune und Jahr ablegen"
            );
            diags.push(Diagnostic::error(path, message));
        }
    }
}

/// The same municipality in two key-figure workbooks of one year.
fn duplicate_key_figures(results: &[FileResult], diags: &mut Diagnostics) {
    let mut by_key: BTreeMap<(String, i32), Vec<(&PathBuf, &str)>> = BTreeMap::new();
    for r in results {
        if let Some(Workbook::Kennzahlen(k)) = &r.content {
            for m in &k.municipalities {
                by_key.entry((fold_key(m), k.year)).or_default().push((&r.path, m));
            }
        }
    }
    for ((_, year), files) in by_key.into_iter().filter(|(_, f)| f.len() > 1) {
        for (path, municipality) in &files {
            let others = others(&files, path);
            let message = format!(
                "Kommune „{municipality}“ steht {year} in mehreren Kennzahlen-Dateien (auch {others}); bitte nur einmal eintragen"
            );
            diags.push(Diagnostic::error(path, message));
        }
    }
}

fn others(files: &[(&PathBuf, &str)], this: &PathBuf) -> String {
    let names: Vec<String> = files.iter().filter(|(p, _)| p != &this).map(|(p, _)| p.display().to_string()).collect();
    names.join(", ")
}
