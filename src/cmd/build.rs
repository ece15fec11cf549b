//! `qdfh build`: read inputs, analyse every year, write all reports.
//!
//! One bad workbook never stops the batch: ingest leaves it out and reports
//! it, and a document that fails to compile is reported while the others are
//! still written. Every file is written to a temporary name in its folder
//! and renamed, so no half-written file is ever left in `output/`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use super::CmdError;
use crate::analysis::compare::ClusterReport;
use crate::analysis::{MunicipalityReport, Settings, YearReport, analyse_year};
use crate::cli::{BuildArgs, Cli};
use crate::diagnostics::Diagnostics;
use crate::export::{SummaryContext, summary_workbook};
use crate::model::{Inputs, Rejected};
use crate::project::Project;
use crate::render::{Engine, PdfProfile, PdfSettings, RenderError, Texts, document_date};
use crate::report::DocumentContext;
use crate::report::comparison::{cluster_data, state_data};
use crate::report::handout::handout_data;

/// One document that could not be written.
struct Failure {
    what: String,
    message: String,
}

/// Runs `qdfh build`.
pub fn run(cli: &Cli, args: &BuildArgs) -> Result<ExitCode, CmdError> {
    let project = Project::open(&cli.project)?;
    let catalog = project.catalog()?;
    let (inputs, diagnostics) = crate::ingest::read_inputs(&project.inputs_dir(), &catalog);
    report_diagnostics(&diagnostics, cli.quiet);
    let profile: PdfProfile = args.pdf.as_deref().unwrap_or(&project.config.bericht.pdf).parse()?;
    let engine = Engine::new(&project.templates_dir())?;
    let texts = Texts::load(&project.templates_dir().join("texte"))?;
    let years: Vec<i32> = inputs.years.keys().copied().filter(|y| args.year.is_none_or(|only| only == *y)).collect();
    if years.is_empty() {
        return Err(
            format!("keine Eingaben für ein Berichtsjahr gefunden in {}", project.inputs_dir().display()).into()
        );
    }
    let mut failures = Vec::new();
    let mut written = 0;
    for year in years {
        let run = YearRun::new(&project, &inputs, year, &catalog, &texts, &engine, profile);
        let (count, failed) = run.write_all(&diagnostics);
        written += count;
        failures.extend(failed);
    }
    print_summary(written, &failures, &diagnostics, cli.quiet);
    Ok(if failures.is_empty() && diagnostics.error_count() == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Everything needed to write the documents of one year.
struct YearRun<'a> {
    report: YearReport,
    has_previous: bool,
    ctx: DocumentContext<'a>,
    engine: &'a Engine,
    profile: PdfProfile,
    output: PathBuf,
    rejected: Vec<Rejected>,
}

impl<'a> YearRun<'a> {
    fn new(
        project: &'a Project,
        inputs: &Inputs,
        year: i32,
        catalog: &'a crate::catalog::Catalog,
        texts: &'a Texts,
        engine: &'a Engine,
        profile: PdfProfile,
    ) -> YearRun<'a> {
        let config = &project.config;
        let reference_date = config.bericht.stichtag.unwrap_or_else(|| year_end(year));
        let settings = Settings {
            min_n: config.datenschutz.min_n as usize,
            reference_date,
            print_free_text: config.datenschutz.freitext_drucken,
        };
        YearRun {
            report: analyse_year(inputs, year, catalog, settings),
            has_previous: inputs.years.contains_key(&(year - 1)),
            ctx: DocumentContext {
                catalog,
                texts,
                land: &config.land,
                min_n: settings.min_n,
                print_free_text: settings.print_free_text,
                reference_date,
                date: document_date(Some(year)),
            },
            engine,
            profile,
            output: project.output_dir(),
            rejected: inputs.rejected.iter().filter(|r| r.year == year).cloned().collect(),
        }
    }

    /// Writes every document of the year: handouts and cluster comparisons
    /// in parallel (see [`on_plain_threads`]), then the state overview and the Excel summary.
    fn write_all(&self, diagnostics: &Diagnostics) -> (usize, Vec<Failure>) {
        let total = self.report.municipalities.len() + self.report.clusters.len() + 2;
        // indicatif draws nothing when stderr is not a terminal (CI, pipes).
        let progress = ProgressBar::new(total as u64).with_style(
            ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} Dokumente").expect("valid template"),
        );
        progress.set_prefix(format!("Berichtsjahr {}", self.report.year));
        let mut results = on_plain_threads(&self.report.municipalities, |m| {
            let result = self.write_handout(m);
            progress.inc(1);
            result
        });
        results.extend(on_plain_threads(&self.report.clusters, |c| {
            let result = self.write_cluster(c);
            progress.inc(1);
            result
        }));
        results.push(self.write_state());
        results.push(self.write_summary(diagnostics));
        progress.finish_and_clear();
        let written = results.iter().filter(|r| r.is_ok()).count();
        (written, results.into_iter().filter_map(Result::err).collect())
    }

    /// Compiles `template` with `data` and writes it to the path the text
    /// `name_text` renders from `name_data`.
    fn write_pdf(
        &self,
        what: String,
        template: &str,
        data: Result<serde_json::Value, RenderError>,
        name: (&str, serde_json::Value),
        ident: String,
        attachment: Option<(String, Vec<u8>)>,
    ) -> Result<PathBuf, Failure> {
        let fail = |message: String| Failure { what: what.clone(), message };
        let data = data.map_err(|e| fail(e.to_string()))?;
        let file = self.ctx.texts.render(name.0, &name.1).map_err(|e| fail(e.to_string()))?;
        let settings = PdfSettings {
            profile: self.profile,
            ident,
            date: self.ctx.date,
            attachment: attachment.filter(|_| self.profile.allows_attachment()),
        };
        let path = self.output.join(file);
        let pdf = self.engine.compile_pdf(template, &data, &settings).map_err(|e| {
            // A report from an earlier run must not pass for this run's.
            let _ = std::fs::remove_file(&path);
            fail(e.to_string())
        })?;
        write_atomically(&path, &pdf).map_err(|e| fail(format!("{}: {e}", path.display())))?;
        Ok(path)
    }

    fn write_cluster(&self, cluster: &ClusterReport) -> Result<PathBuf, Failure> {
        let year = self.report.year;
        self.write_pdf(
            format!("Cluster-Vergleich {} {year}", cluster.name),
            "cluster.typ",
            cluster_data(&self.report, cluster, &self.ctx),
            ("dateiname_cluster", json!({ "jahr": year, "cluster_id": file_safe(&cluster.name) })),
            format!("qdfh-cluster-{}-{year}", cluster.name),
            None,
        )
    }

    fn write_state(&self) -> Result<PathBuf, Failure> {
        let year = self.report.year;
        self.write_pdf(
            format!("Landesübersicht {year}"),
            "land.typ",
            state_data(&self.report, &self.ctx),
            ("dateiname_land", json!({ "jahr": year })),
            format!("qdfh-land-{year}"),
            None,
        )
    }

    fn write_summary(&self, diagnostics: &Diagnostics) -> Result<PathBuf, Failure> {
        let year = self.report.year;
        let fail = |message: String| Failure { what: format!("Excel-Zusammenfassung {year}"), message };
        let ctx = SummaryContext { catalog: self.ctx.catalog, diagnostics, land: self.ctx.land, date: self.ctx.date };
        let bytes = summary_workbook(&self.report, &ctx).map_err(|e| fail(e.to_string()))?;
        let path = self.output.join(year.to_string()).join("zusammenfassung.xlsx");
        write_atomically(&path, &bytes).map_err(|e| fail(format!("{}: {e}", path.display())))?;
        Ok(path)
    }

    fn write_handout(&self, m: &MunicipalityReport) -> Result<PathBuf, Failure> {
        // A handout without the rejected workbook would tell the network it
        // sent nothing; the error list says what to fix instead.
        if let Some(rejected) = self.rejected.iter().find(|r| r.municipalities.contains(&m.id)) {
            return Err(Failure {
                what: format!("Handout {} {}", m.name, m.year),
                message: format!("die Eingabedatei {} enthält Fehler (siehe oben)", rejected.file.display()),
            });
        }
        self.write_pdf(
            format!("Handout {} {}", m.name, m.year),
            "handout.typ",
            handout_data(m, self.has_previous, &self.ctx),
            ("dateiname_handout", json!({ "jahr": m.year, "kommune_id": file_safe(&m.id) })),
            format!("qdfh-handout-{}-{}", m.id, m.year),
            Some((
                format!("daten-{}-{}.json", file_safe(&m.id), m.year),
                serde_json::to_vec_pretty(m).unwrap_or_default(),
            )),
        )
    }
}

/// Keeps letters, digits, `-` and `_` so that an id or cluster name is a
/// safe file-name part (no path separators, no leading dots).
fn file_safe(text: &str) -> String {
    let safe: String =
        text.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if safe.is_empty() { "unbenannt".into() } else { safe }
}

/// Runs `job` for every item on plain threads, one per core, and returns
/// the results in item order.
///
/// Deliberately not rayon: typst parallelises inside a compile with rayon,
/// and a rayon worker waiting for that inner work steals the next document
/// and compiles it on the same stack. The nested compiles keep each other's
/// memory alive: measured 770 MiB peak for 20 handouts on rayon against
/// 170 MiB on plain threads, at the same speed.
fn on_plain_threads<T: Sync, R: Send>(items: &[T], job: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, items.len().max(1));
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        done.push((index, job(item)));
                    }
                    done
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a document thread panicked")).collect()
    });
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// 31 December of a year.
fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists in every year")
}

/// Writes `bytes` to a temporary file beside `path`, then renames it, so a
/// reader never sees a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("ausgabe");
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn report_diagnostics(diagnostics: &Diagnostics, quiet: bool) {
    for d in &diagnostics.items {
        if d.is_error() || !quiet {
            eprintln!("{}: {d}", d.severity.label());
        }
    }
}

fn print_summary(written: usize, failures: &[Failure], diagnostics: &Diagnostics, quiet: bool) {
    for f in failures {
        eprintln!("Fehler: {} konnte nicht erstellt werden:\n{}", f.what, f.message);
    }
    if !quiet || !failures.is_empty() {
        eprintln!(
            "{written} Dokumente geschrieben, {} fehlgeschlagen; Eingaben: {} Fehler, {} Warnungen.",
            failures.len(),
            diagnostics.error_count(),
            diagnostics.warning_count()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_threads_keep_item_order_and_miss_nothing() {
        let items: Vec<u32> = (0..101).collect();
        assert_eq!(on_plain_threads(&items, |x| x * 2), items.iter().map(|x| x * 2).collect::<Vec<_>>());
        assert!(on_plain_threads(&Vec::<u32>::new(), |x| *x).is_empty());
    }

    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(file_safe("Cluster A/../x"), "Cluster_A____x");
        assert_eq!(file_safe(""), "unbenannt");
        assert_eq!(file_safe("kraehenwald"), "kraehenwald");
    }
}
