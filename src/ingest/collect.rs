//! Putting the workbooks of a run together: the register from Stammdaten,
//! checks across files, and the [`Inputs`] made of workbooks without errors.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::Reading;
use super::file::{FileResult, Workbook};
use super::register::Register;
use super::stammdaten;
use crate::catalog::fold_key;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ingest::schema::FormKind;
use crate::model::{Inputs, Rejected, RejectedKind, Survey};

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

/// Keeps of the files in folders inside a year folder only what belongs
/// there: questionnaires, and – in a folder holding any – files that could
/// not be read (they may be anyone's questionnaire). A folder without a
/// questionnaire (a draft, an archive) is skipped with one warning, as
/// before questionnaires existed; another kind of workbook beside
/// questionnaires is skipped with a warning of its own.
pub fn only_questionnaires_in_folders(results: Vec<FileResult>, diags: &mut Diagnostics) -> Vec<FileResult> {
    let with_questionnaires: BTreeSet<PathBuf> = results
        .iter()
        .filter(|r| r.kind == Some(FormKind::Fragebogen))
        .filter_map(|r| super::folder::questionnaire_folder(&r.path).map(Path::to_path_buf))
        .collect();
    let mut skipped_folders = BTreeSet::new();
    let mut kept = Vec::new();
    for result in results {
        let Some(folder) = super::folder::questionnaire_folder(&result.path).map(Path::to_path_buf) else {
            kept.push(result);
            continue;
        };
        match result.kind {
            Some(FormKind::Fragebogen) => kept.push(result),
            _ if !with_questionnaires.contains(&folder) => {
                if skipped_folders.insert(folder.clone()) {
                    let message = "Ordner wird übersprungen: in Ordnern im Jahresordner werden nur Fragebögen \
                                   gelesen; andere Dateien gehören direkt in den Jahresordner";
                    diags.push(Diagnostic::warning(&folder, message));
                }
            }
            None => kept.push(result),
            Some(kind) => {
                let message = format!(
                    "Formular {}: wird übersprungen, weil in diesem Ordner nur Fragebögen gelesen werden; die Datei gehört direkt in den Jahresordner",
                    kind.label()
                );
                diags.push(Diagnostic::warning(&result.path, message));
            }
        }
    }
    kept
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
    duplicate_standards(&results, &mut diags);
    let mut inputs = Inputs { municipalities: register.municipalities().to_vec(), ..Inputs::default() };
    for survey in questionnaire_surveys(&results, &diags) {
        inputs.years.entry(survey.year).or_default().surveys.push(survey);
    }
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
                let year = inputs.years.entry(figures.year).or_default();
                year.key_figures.extend(figures.values);
                year.key_figure_targets.extend(figures.targets);
            }
            Some(Workbook::Standards(assessment)) => {
                inputs.years.entry(assessment.year).or_default().standards.push(assessment)
            }
            Some(Workbook::Stammdaten(_) | Workbook::Fragebogen(_)) | None => {}
        }
    }
    for year in inputs.years.values_mut() {
        year.surveys.sort_by(|a, b| a.municipality.cmp(&b.municipality));
        year.standards.sort_by(|a, b| a.municipality.cmp(&b.municipality));
        year.workshops.sort_by(|a, b| a.file.cmp(&b.file));
    }
    Reading { inputs, diagnostics: diags, files }
}

/// What a workbook with errors was about, as far as it could be read.
/// Stammdaten are not listed: their errors drop single municipalities.
fn rejected(result: &FileResult) -> Option<Rejected> {
    let folder_year = super::folder::year_of_file(&result.path);
    let (kind, year, municipalities) = match &result.content {
        Some(Workbook::Befragung(s) | Workbook::Fragebogen(s)) => {
            (RejectedKind::Survey, Some(s.year), vec![s.municipality.clone()])
        }
        Some(Workbook::Werkstatt(w)) => (RejectedKind::Workshop, Some(w.year), w.municipalities.clone()),
        Some(Workbook::Kennzahlen(k)) => (RejectedKind::KeyFigures, Some(k.year), k.municipalities.clone()),
        Some(Workbook::Standards(a)) => (RejectedKind::Standards, Some(a.year), vec![a.municipality.clone()]),
        Some(Workbook::Stammdaten(_)) => return None,
        None if result.kind == Some(FormKind::Stammdaten) => return None,
        None => (RejectedKind::Unknown, None, Vec::new()),
    };
    let mut years: Vec<i32> = folder_year.into_iter().chain(year).collect();
    years.dedup();
    (!years.is_empty()).then(|| Rejected { file: result.path.clone(), years, kind, municipalities })
}

/// The survey of each municipality and year made of questionnaires, one
/// respondent per file in file order. One questionnaire with an error
/// holds back the whole survey, so no report counts fewer people than
/// answered; the faulty file is listed as rejected and blocks the handout.
fn questionnaire_surveys(results: &[FileResult], diags: &Diagnostics) -> Vec<Survey> {
    let mut groups: BTreeMap<(String, i32), Vec<(&PathBuf, &Survey)>> = BTreeMap::new();
    let mut faulty: BTreeSet<(String, i32)> = BTreeSet::new();
    // A file in a folder of questionnaires that could not be read may be
    // any of its people: the folder's surveys wait until it is fixed.
    let faulty_folders: BTreeSet<&Path> = results
        .iter()
        .filter(|r| diags.has_error_in(&r.path))
        .filter_map(|r| super::folder::questionnaire_folder(&r.path))
        .collect();
    for result in results {
        if let Some(Workbook::Fragebogen(survey)) = &result.content {
            let key = (fold_key(&survey.municipality), survey.year);
            let in_faulty_folder =
                super::folder::questionnaire_folder(&result.path).is_some_and(|f| faulty_folders.contains(f));
            if diags.has_error_in(&result.path) || in_faulty_folder {
                faulty.insert(key.clone());
            }
            groups.entry(key).or_default().push((&result.path, survey));
        }
    }
    groups
        .into_iter()
        .filter(|(key, _)| !faulty.contains(key))
        .map(|(_, mut files)| {
            files.sort_by(|a, b| a.0.cmp(b.0));
            let (first, survey) = files[0];
            Survey {
                municipality: survey.municipality.clone(),
                year: survey.year,
                file: first.parent().map(Path::to_path_buf).unwrap_or_default(),
                respondents: files.iter().flat_map(|(_, s)| s.respondents.iter().cloned()).collect(),
            }
        })
        .collect()
}

/// Two surveys of the same municipality and year: neither can be trusted
/// to be the right one, so both are errors. A survey with errors of its own
/// (a year that disagrees with its folder, a wrong cell) is left out by
/// those and does not make a good one a duplicate. The questionnaires of a
/// municipality count as one survey; the first of them carries the error.
fn duplicate_surveys(results: &[FileResult], diags: &mut Diagnostics) {
    let mut by_key: BTreeMap<(String, i32), Vec<(&PathBuf, &str)>> = BTreeMap::new();
    let mut questionnaires: BTreeSet<(String, i32)> = BTreeSet::new();
    for r in results.iter().filter(|r| r.diags.error_count() == 0) {
        match &r.content {
            Some(Workbook::Befragung(s)) => {
                by_key.entry((fold_key(&s.municipality), s.year)).or_default().push((&r.path, &s.municipality));
            }
            Some(Workbook::Fragebogen(s)) if questionnaires.insert((fold_key(&s.municipality), s.year)) => {
                by_key.entry((fold_key(&s.municipality), s.year)).or_default().push((&r.path, &s.municipality));
            }
            _ => {}
        }
    }
    report_duplicates(by_key, diags, |municipality, year, others| {
        format!(
            "Für Kommune „{municipality}“ gibt es {year} mehrere Befragungen (auch {others}); bitte nur eine Datei je Kommune und Jahr ablegen"
        )
    });
}

/// An error on every file of a key (municipality, year) held by more than
/// one file, worded by `message(municipality, year, the other files)`.
fn report_duplicates(
    by_key: BTreeMap<(String, i32), Vec<(&PathBuf, &str)>>,
    diags: &mut Diagnostics,
    message: impl Fn(&str, i32, &str) -> String,
) {
    for ((_, year), files) in by_key.into_iter().filter(|(_, f)| f.len() > 1) {
        for (path, municipality) in &files {
            diags.push(Diagnostic::error(path, message(municipality, year, &others(&files, path))));
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
    report_duplicates(by_key, diags, |municipality, year, others| {
        format!(
            "Kommune „{municipality}“ steht {year} in mehreren Kennzahlen-Dateien (auch {others}); bitte nur einmal eintragen"
        )
    });
}

/// Two Standards workbooks of the same municipality and year: neither can
/// be trusted to be the right one, so both are errors. As with surveys, a
/// workbook with errors of its own does not make a good one a duplicate.
fn duplicate_standards(results: &[FileResult], diags: &mut Diagnostics) {
    let mut by_key: BTreeMap<(String, i32), Vec<(&PathBuf, &str)>> = BTreeMap::new();
    for r in results.iter().filter(|r| r.diags.error_count() == 0) {
        if let Some(Workbook::Standards(a)) = &r.content {
            by_key.entry((fold_key(&a.municipality), a.year)).or_default().push((&r.path, &a.municipality));
        }
    }
    report_duplicates(by_key, diags, |municipality, year, others| {
        format!(
            "Für Kommune „{municipality}“ gibt es {year} mehrere Standards-Dateien (auch {others}); bitte nur eine Datei je Kommune und Jahr ablegen"
        )
    });
}

fn others(files: &[(&PathBuf, &str)], this: &PathBuf) -> String {
    let names: Vec<String> = files.iter().filter(|(p, _)| p != &this).map(|(p, _)| p.display().to_string()).collect();
    names.join(", ")
}
