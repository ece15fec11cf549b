//! The server's picture of the project after the last build: which
//! municipalities exist, which workbooks each has sent per year, which of
//! those have errors, and which reports exist.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Serialize;

use crate::diagnostics::Diagnostics;
use crate::documents::Subject;
use crate::model::{Inputs, Municipality, RejectedKind};

/// A report the last build planned.
#[derive(Debug, Clone)]
pub struct Report {
    /// The report year.
    pub year: i32,
    /// The kind's name: "handout", "cluster", "state", "summary".
    pub kind: &'static str,
    /// Whom it is about.
    pub subject: Subject,
    /// Its title, e.g. "Handout Auenfeld 2026".
    pub title: String,
    /// Its file, relative to the output folder.
    pub output: PathBuf,
}

impl Report {
    /// The part of its address after `/bericht/<year>/<kind>/`.
    pub fn subject_key(&self) -> &str {
        match &self.subject {
            Subject::Municipality(id) | Subject::Cluster(id) => id,
            Subject::State => "-",
        }
    }
}

/// One workbook in `inputs/`.
#[derive(Debug, Clone)]
struct InputFile {
    year: i32,
    kind: &'static str,
    municipalities: BTreeSet<String>,
    path: PathBuf,
    /// Left out of the build because of errors.
    rejected: bool,
    /// For a folder of questionnaires: how many were read.
    questionnaires: Option<usize>,
}

impl InputFile {
    /// A workbook the build took, of `kind` about `municipalities`.
    fn read<'a>(
        year: i32,
        kind: &'static str,
        municipalities: impl IntoIterator<Item = &'a String>,
        path: &Path,
    ) -> Self {
        InputFile {
            year,
            kind,
            municipalities: municipalities.into_iter().cloned().collect(),
            path: path.to_path_buf(),
            rejected: false,
            questionnaires: None,
        }
    }
}

/// What the pages show and the intake needs.
#[derive(Debug, Default)]
pub struct Overview {
    /// The register.
    pub municipalities: Vec<Municipality>,
    /// Workbooks directly in `inputs/` (Stammdaten).
    pub stammdaten_files: Vec<PathBuf>,
    /// The report years found.
    pub years: Vec<i32>,
    /// Every finding of the last read.
    pub diagnostics: Diagnostics,
    /// The reports planned by the last build.
    pub reports: Vec<Report>,
    files: Vec<InputFile>,
}

/// One workbook as a page lists it.
#[derive(Debug, Serialize)]
pub struct FileRow {
    /// "Befragung", "Werkstatt".
    pub kind: &'static str,
    /// The file name.
    pub name: String,
    /// When it last changed, e.g. "27.11.2026 14:05".
    pub changed: String,
    /// Errors found in it.
    pub errors: usize,
    /// Warnings found in it.
    pub warnings: usize,
    /// Whether the build left it out.
    pub rejected: bool,
    /// When it last changed.
    #[serde(skip)]
    pub modified: Option<SystemTime>,
}

impl Overview {
    /// The picture after reading `inputs` (from `inputs_dir`) and planning `reports`.
    pub fn new(inputs_dir: &Path, inputs: Inputs, diagnostics: Diagnostics, reports: Vec<Report>) -> Overview {
        let mut files = Vec::new();
        for (year, year_inputs) in &inputs.years {
            for survey in &year_inputs.surveys {
                files.push(InputFile {
                    questionnaires: survey.file.is_dir().then_some(survey.respondents.len()),
                    ..InputFile::read(*year, "Befragung", [&survey.municipality], &survey.file)
                });
            }
            for assessment in &year_inputs.standards {
                files.push(InputFile::read(*year, "Standards", [&assessment.municipality], &assessment.file));
            }
            for workshop in &year_inputs.workshops {
                files.push(InputFile::read(*year, "Werkstatt", &workshop.municipalities, &workshop.file));
            }
        }
        for rejected in &inputs.rejected {
            let kind = match rejected.kind {
                RejectedKind::Survey => "Befragung",
                RejectedKind::Workshop => "Werkstatt",
                RejectedKind::Standards => "Standards",
                _ => "Arbeitsmappe",
            };
            for year in &rejected.years {
                let file = InputFile::read(*year, kind, &rejected.municipalities, &rejected.file);
                files.push(InputFile { rejected: true, ..file });
            }
        }
        let mut ignored = Diagnostics::default();
        let stammdaten_files = crate::ingest::folder::list(inputs_dir, true, &mut ignored).files;
        Overview {
            municipalities: inputs.municipalities,
            stammdaten_files,
            years: inputs.years.keys().copied().collect(),
            diagnostics,
            reports,
            files,
        }
    }

    /// The name of municipality `id`, or the id when it is not registered.
    pub fn municipality_name(&self, id: &str) -> String {
        self.municipalities.iter().find(|m| m.id == id).map_or_else(|| id.to_string(), |m| m.name.clone())
    }

    /// The newest report year, if any.
    pub fn newest_year(&self) -> Option<i32> {
        self.years.last().copied()
    }

    /// The files of a year folder holding a survey of `municipality`.
    pub fn survey_files(&self, year: i32, municipality: &str) -> Vec<PathBuf> {
        self.matching(year, "Befragung", &BTreeSet::from([municipality.to_string()]))
    }

    /// The files of a year folder holding the Standards workbook of `municipality`.
    pub fn standards_files(&self, year: i32, municipality: &str) -> Vec<PathBuf> {
        self.matching(year, "Standards", &BTreeSet::from([municipality.to_string()]))
    }

    /// The files of a year folder holding a workshop of exactly these municipalities.
    pub fn workshop_files(&self, year: i32, municipalities: &[String]) -> Vec<PathBuf> {
        self.matching(year, "Werkstatt", &municipalities.iter().cloned().collect())
    }

    fn matching(&self, year: i32, kind: &str, municipalities: &BTreeSet<String>) -> Vec<PathBuf> {
        let in_year_folder = |p: &Path| p.parent().and_then(|d| d.file_name()).is_some_and(|n| n == &*year.to_string());
        let mut found: Vec<PathBuf> = self
            .files
            .iter()
            .filter(|f| f.year == year && f.kind == kind && &f.municipalities == municipalities)
            // A folder of questionnaires is never replaced by one upload.
            .filter(|f| in_year_folder(&f.path) && !f.path.is_dir())
            .map(|f| f.path.clone())
            .collect();
        found.sort();
        found.dedup();
        found
    }

    /// The cluster all these municipalities belong to, if they share one.
    pub fn cluster_of(&self, municipalities: &[String]) -> Option<String> {
        let clusters: BTreeSet<&str> = municipalities
            .iter()
            .filter_map(|id| self.municipalities.iter().find(|m| &m.id == id))
            .map(|m| m.cluster.as_str())
            .collect();
        (clusters.len() == 1).then(|| clusters.into_iter().next().expect("one").to_string())
    }

    /// The workbooks of `municipality` in `year`, as the pages list them.
    pub fn files_of(&self, year: i32, municipality: &str) -> Vec<FileRow> {
        let mut rows: Vec<FileRow> = self
            .files
            .iter()
            .filter(|f| f.year == year && f.municipalities.contains(municipality))
            .map(|f| {
                let modified = std::fs::metadata(&f.path).and_then(|m| m.modified()).ok();
                FileRow {
                    kind: f.kind,
                    name: listed_name(f),
                    changed: german_time(modified),
                    modified,
                    errors: self.count(&f.path, true),
                    warnings: self.count(&f.path, false),
                    rejected: f.rejected,
                }
            })
            .collect();
        rows.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
        rows.dedup_by(|a, b| a.kind == b.kind && a.name == b.name);
        rows
    }

    /// The findings about the workbooks of `municipality` in `year`.
    pub fn findings_of(&self, year: i32, municipality: &str) -> Vec<super::intake::Finding> {
        let paths: BTreeSet<&PathBuf> = self
            .files
            .iter()
            .filter(|f| f.year == year && f.municipalities.contains(municipality))
            .map(|f| &f.path)
            .collect();
        self.diagnostics
            .items
            .iter()
            .filter(|d| paths.contains(&d.file))
            .map(|d| {
                let name = d.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                super::intake::Finding::of(d, name)
            })
            .collect()
    }

    fn count(&self, path: &Path, errors: bool) -> usize {
        self.diagnostics.items.iter().filter(|d| d.file == path && d.is_error() == errors).count()
    }

    /// The report of `kind` about `key` in `year`.
    pub fn report(&self, year: i32, kind: &str, key: &str) -> Option<&Report> {
        self.reports.iter().find(|r| r.year == year && r.kind == kind && r.subject_key() == key)
    }
}

/// A time as "27.11.2026 14:05"; "–" when unknown.
pub fn german_time(time: Option<SystemTime>) -> String {
    time.map_or("–".into(), |time| chrono::DateTime::<chrono::Local>::from(time).format("%d.%m.%Y %H:%M").to_string())
}

/// The file name; a folder of questionnaires with a slash and how many it
/// holds: "fragebogen-auenfeld/ (12 Fragebögen)".
fn listed_name(file: &InputFile) -> String {
    let name = file.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match file.questionnaires {
        Some(1) => format!("{name}/ (1 Fragebogen)"),
        Some(count) => format!("{name}/ ({count} Fragebögen)"),
        None => name,
    }
}
