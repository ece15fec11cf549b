//! The closing lines of a build: warnings and failures per document, then
//! one line with the counts and the time.

use std::path::Path;
use std::time::Duration;

use super::Outcome;
use crate::diagnostics::Diagnostics;
use crate::documents::Document;
use crate::format::{de_num, shortened};
use crate::manifest::Stale;

/// Characters of a document title shown in messages.
pub(super) const TITLE_CHARS: usize = 100;

/// A document that could not be made.
pub(crate) struct Failure {
    /// Its report year.
    pub year: i32,
    /// Its title, shortened for messages.
    pub title: String,
    /// Why, in German.
    pub message: String,
}

impl Failure {
    /// "Fehler: <title> konnte nicht erstellt werden:" and the reason.
    pub fn text(&self) -> String {
        format!("Fehler: {} konnte nicht erstellt werden:\n{}", self.title, self.message)
    }
}

/// Counts of a build, printed at its end.
#[derive(Default)]
pub(crate) struct Summary {
    pub written: usize,
    pub unchanged: usize,
    /// Documents not made, in plan order.
    pub failures: Vec<Failure>,
    /// (document title, warnings) in plan order.
    pub warnings: Vec<(String, String)>,
    /// (output path, reason) of outputs `--check` found not current.
    pub stale: Vec<(String, Stale)>,
    /// Output paths of reports removed because their inputs are gone (with
    /// `--check`: that would be removed).
    pub removed: Vec<String>,
}

impl Summary {
    pub fn add(&mut self, documents: &[Document], outcomes: &[Outcome]) {
        for (document, outcome) in documents.iter().zip(outcomes) {
            let title = || shortened(&document.title, TITLE_CHARS);
            let path = || crate::manifest::key(&document.output);
            match outcome {
                Outcome::Written { warnings, .. } | Outcome::Unchanged { warnings } => {
                    match outcome {
                        Outcome::Written { .. } => self.written += 1,
                        _ => self.unchanged += 1,
                    }
                    if !warnings.is_empty() {
                        self.warnings.push((title(), warnings.clone()));
                    }
                }
                Outcome::Stale(reason) => self.stale.push((path(), *reason)),
                Outcome::Failed(message) => {
                    self.failures.push(Failure { year: document.year, title: title(), message: message.clone() })
                }
            }
        }
    }

    /// Whether `--check` found everything current.
    pub fn all_current(&self) -> bool {
        self.stale.is_empty() && self.removed.is_empty() && self.failures.is_empty()
    }

    pub fn print(&self, diagnostics: &Diagnostics, quiet: bool, took: Duration) {
        if !quiet {
            for (title, warnings) in &self.warnings {
                eprintln!("Warnung: {title} enthält Hinweise der Vorlage:\n{warnings}");
            }
        }
        for failure in &self.failures {
            eprintln!("{}", failure.text());
        }
        if !quiet || !self.failures.is_empty() {
            eprintln!("{}", self.closing_line(diagnostics, took));
        }
    }

    /// "3 Dokumente geschrieben, 4 unverändert, … ; Eingaben: …; 1,2 s."
    pub fn closing_line(&self, diagnostics: &Diagnostics, took: Duration) -> String {
        let removed = match self.removed.len() {
            0 => String::new(),
            n => format!(", {n} veraltete entfernt"),
        };
        format!(
            "{} Dokumente geschrieben, {} unverändert, {} fehlgeschlagen, {} mit Warnungen{removed}; Eingaben: {}; {} s.",
            self.written,
            self.unchanged,
            self.failures.len(),
            self.warnings.len(),
            diagnostics.counts_text(),
            de_num(took.as_secs_f64(), 1)
        )
    }

    /// The report of `--check`: one line per output that is not current.
    pub fn print_check(&self, output: &Path, quiet: bool) {
        for (path, reason) in &self.stale {
            println!("nicht aktuell: {} ({})", output.join(path).display(), reason.reason());
        }
        for path in &self.removed {
            println!("überflüssig: {} (keine Eingaben mehr dafür)", output.join(path).display());
        }
        for Failure { title, message, .. } in &self.failures {
            println!("nicht erstellbar: {title}: {}", message.lines().next().unwrap_or_default());
        }
        if !quiet || !self.all_current() {
            let open = self.stale.len() + self.removed.len() + self.failures.len();
            match open {
                0 => println!("Alle {} Ausgaben sind aktuell.", self.unchanged),
                _ => println!("{open} von {} Ausgaben sind nicht aktuell.", open + self.unchanged),
            }
        }
    }
}
