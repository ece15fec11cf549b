//! `qdfh build`: read inputs, analyse every year, write the reports that
//! changed.
//!
//! One bad workbook never stops the batch: ingest leaves it out and reports
//! it, and a document that fails to compile is reported while the others are
//! still written. Every file is written to a temporary name in its folder
//! and renamed, so no half-written file is ever left in `output/`.
//!
//! Builds are incremental: the record in the output folder
//! ([`crate::manifest`]) says what each output was made from, and a document
//! is compiled only when that changed or its file is missing or edited.
//! `--check` writes nothing and lists what is not current; `--only` and
//! `--shard` build a part.

mod folders;
mod summary;

pub(crate) use self::summary::{Failure, Summary};

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use self::summary::TITLE_CHARS;
use super::CmdError;
use crate::catalog::fold_key;
use crate::cli::{BuildArgs, Cli};
use crate::diagnostics::Diagnostics;
use crate::documents::{Document, Prepared, Subject, YearContext, clashes, output_key};
use crate::files::write_atomically;
use crate::format::shortened;
use crate::ingest::WorkbookCache;
use crate::manifest::{self, Entry, Manifest, Stale};
use crate::project::Project;
use crate::render::{Engine, Texts, content_hash};
use crate::settings::Settings;

/// The parsed workbooks of the last build, in the output folder.
pub const INPUT_CACHE: &str = ".qdfh-eingaben.json";

/// What happened to one document.
pub(crate) enum Outcome {
    /// Made and written, with typst's warnings (empty when there were none).
    Written { warnings: String, entry: Box<Entry> },
    /// Current: its file was kept.
    Unchanged { warnings: String },
    /// Not current (only with `--check`, which makes nothing).
    Stale(Stale),
    /// Not written, with the German reason.
    Failed(String),
}

/// How a run treats current documents.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Make what is not current.
    Build,
    /// Make everything (`--force`).
    Force,
    /// Make nothing, report what is not current (`--check`).
    Check,
}

/// Runs `qdfh build`.
pub fn run(cli: &Cli, args: &BuildArgs) -> Result<ExitCode, CmdError> {
    let project = Project::open(&cli.project)?;
    let built = build(&project, args, |diagnostics| {
        if !args.check {
            report_diagnostics(diagnostics, cli.quiet);
        }
    })?;
    if args.check {
        built.summary.print_check(&project.output_dir(), cli.quiet);
        return Ok(if built.summary.all_current() { ExitCode::SUCCESS } else { ExitCode::FAILURE });
    }
    built.summary.print(&built.diagnostics, cli.quiet, built.took);
    Ok(if built.succeeded() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// The result of one build.
pub(crate) struct Built {
    /// Everything found in the inputs.
    pub diagnostics: Diagnostics,
    /// What happened to the documents.
    pub summary: Summary,
    /// The report years built.
    pub years: Vec<i32>,
    /// How long it took.
    pub took: std::time::Duration,
    /// The inputs read.
    pub inputs: crate::model::Inputs,
    /// Every document of the years built, as `qdfh serve` lists them.
    pub reports: Vec<crate::serve::Report>,
}

impl Built {
    /// No document failed and the inputs had no error.
    pub fn succeeded(&self) -> bool {
        self.summary.failures.is_empty() && self.diagnostics.error_count() == 0
    }
}

/// Reads the inputs, hands their findings to `on_read`, and makes (or with
/// `--check`, checks) the documents `args` select. Prints only progress.
pub(crate) fn build(
    project: &Project,
    args: &BuildArgs,
    on_read: impl FnOnce(&Diagnostics),
) -> Result<Built, CmdError> {
    let started = Instant::now();
    let mode = if args.check {
        Mode::Check
    } else if args.force {
        Mode::Force
    } else {
        Mode::Build
    };
    let settings = Settings::resolve(&project.config, args.pdf.as_deref())?;
    let catalog = project.catalog()?;
    let cache_path = project.output_dir().join(INPUT_CACHE);
    let cache = WorkbookCache::load(&cache_path);
    let (inputs, diagnostics) = crate::ingest::read_inputs_cached(&project.inputs_dir(), &catalog, &cache);
    let read = started.elapsed();
    on_read(&diagnostics);
    let engine = Engine::new(&project.templates_dir())?;
    let texts = Texts::load(&project.templates_dir().join("texte"))?;
    let years: Vec<i32> = inputs.years.keys().copied().filter(|y| args.year.is_none_or(|only| only == *y)).collect();
    if years.is_empty() {
        return Err(
            format!("keine Eingaben für ein Berichtsjahr gefunden in {}", project.inputs_dir().display()).into()
        );
    }
    let analysing = Instant::now();
    let mut planned = Vec::new();
    for year in &years {
        let year = YearContext::new(&inputs, *year, &catalog, &texts, &settings, &diagnostics);
        let documents = year.plan()?;
        planned.push((year, documents));
    }
    let analysed = analysing.elapsed();
    let output = project.output_dir();
    let clashing = clashing_outputs(planned.iter().flat_map(|(_, documents)| documents));
    let whole = select(&mut planned, args)?;
    if mode != Mode::Check {
        folders::prepare_folders(&output, planned.iter().flat_map(|(_, documents)| documents))?;
        // Without it the next run only parses every workbook again.
        let _ = cache.save(&cache_path);
    }
    let mut manifest = Manifest::load(&output);
    let mut summary = Summary::default();
    let run = Run {
        engine: &engine,
        output: &output,
        clashing: &clashing,
        manifest: &manifest,
        mode,
        times: StageTimes::default(),
        data_dir: args.daten.as_deref(),
    };
    let outcomes: Vec<Vec<Outcome>> = planned.iter().map(|(year, documents)| run.documents(year, documents)).collect();
    for ((_, documents), outcomes) in planned.iter().zip(&outcomes) {
        summary.add(documents, outcomes);
    }
    if std::env::var_os("QDFH_STAGE_TIMES").is_some() {
        run.times.print(read, analysed, engine.stage_times());
    }
    if whole {
        summary.removed = outdated(&manifest, &planned, args.year);
    }
    if mode != Mode::Check {
        record(&mut manifest, &planned, outcomes, &summary.removed, &output);
    }
    let reports = planned.iter().flat_map(|(_, documents)| documents.iter().map(report_of)).collect();
    drop(planned);
    Ok(Built { diagnostics, summary, years, took: started.elapsed(), inputs, reports })
}

/// A planned document as `qdfh serve` lists it.
fn report_of(document: &Document) -> crate::serve::Report {
    crate::serve::Report {
        year: document.year,
        kind: document.kind.name(),
        subject: document.subject.clone(),
        title: document.title.clone(),
        output: document.output.clone(),
    }
}

/// Keeps the documents `--only` and `--shard` ask for; true when the run
/// covers every document of its years (then outputs of documents no longer
/// planned may be removed).
fn select(planned: &mut [(YearContext, Vec<Document>)], args: &BuildArgs) -> Result<bool, CmdError> {
    if !args.only.is_empty() {
        let wanted: BTreeSet<String> = args.only.iter().map(|o| fold_key(o)).collect();
        let subject_key = |d: &Document| match &d.subject {
            Subject::Municipality(id) | Subject::Cluster(id) => Some(fold_key(id)),
            Subject::State => None,
        };
        let found: BTreeSet<String> =
            planned.iter().flat_map(|(_, documents)| documents.iter().filter_map(subject_key)).collect();
        if let Some(unknown) = args.only.iter().find(|o| !found.contains(&fold_key(o))) {
            return Err(
                format!("--only {unknown}: keine Kommune (ID) und kein Cluster dieses Namens hat Dokumente").into()
            );
        }
        let named = |d: &Document| subject_key(d).is_some_and(|key| wanted.contains(&key));
        planned.iter_mut().for_each(|(_, documents)| documents.retain(named));
    }
    if let Some(shard) = args.shard {
        let mut position = 0;
        for (_, documents) in planned.iter_mut() {
            documents.retain(|_| {
                position += 1;
                shard.takes(position - 1)
            });
        }
    }
    Ok(args.only.is_empty() && args.shard.is_none())
}

/// The run's shared state for making documents.
struct Run<'a> {
    engine: &'a Engine,
    output: &'a Path,
    clashing: &'a BTreeMap<String, String>,
    manifest: &'a Manifest,
    mode: Mode,
    times: StageTimes,
    /// Where `--daten` puts each PDF's template data.
    data_dir: Option<&'a Path>,
}

/// Thread time spent preparing document data, in nanoseconds: of PDFs (the
/// template data) and of files (the Excel summary).
#[derive(Default)]
struct StageTimes {
    pdf_data_ns: AtomicU64,
    files_ns: AtomicU64,
}

impl StageTimes {
    /// One line for `QDFH_STAGE_TIMES=1`, used by the benchmark script.
    fn print(&self, read: Duration, analysed: Duration, (layout, export): (Duration, Duration)) {
        let secs = |d: Duration| crate::format::de_num(d.as_secs_f64(), 2);
        let ns = |n: &AtomicU64| Duration::from_nanos(n.load(Ordering::Relaxed));
        eprintln!(
            "Zeiten: Lesen {} s, Auswertung {} s, Vorlagendaten {} s, Satz (typst) {} s, PDF-Export {} s, Excel {} s (Summen über alle Threads)",
            secs(read),
            secs(analysed),
            secs(ns(&self.pdf_data_ns)),
            secs(layout),
            secs(export),
            secs(ns(&self.files_ns))
        );
    }
}

impl Run<'_> {
    /// Makes and writes the documents of one year on plain threads (see
    /// [`on_plain_threads`]), with a progress bar on a terminal.
    fn documents(&self, year: &YearContext, documents: &[Document]) -> Vec<Outcome> {
        // indicatif draws nothing when stderr is not a terminal (CI, pipes).
        let progress = ProgressBar::new(documents.len() as u64).with_style(
            ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} Dokumente").expect("valid template"),
        );
        progress.set_prefix(format!("Berichtsjahr {}", year.year()));
        let outcomes = on_plain_threads(documents, |document| {
            let outcome = match self.clashing.get(&output_key(&document.output)) {
                Some(message) => Outcome::Failed(message.clone()),
                None => self.document(year, document),
            };
            progress.inc(1);
            outcome
        });
        progress.finish_and_clear();
        outcomes
    }

    fn document(&self, year: &YearContext, document: &Document) -> Outcome {
        let path = self.output.join(&document.output);
        let preparing = Instant::now();
        let prepared = document.prepare(year, self.engine);
        let spent = preparing.elapsed().as_nanos() as u64;
        let stage = if document.output.extension().is_some_and(|e| e == "pdf") {
            &self.times.pdf_data_ns
        } else {
            &self.times.files_ns
        };
        stage.fetch_add(spent, Ordering::Relaxed);
        let prepared = match prepared {
            Ok(prepared) => prepared,
            Err(e) => return self.failed(&path, e.to_string()),
        };
        if let Some(folder) = &self.data_dir
            && let Err(e) = save_template_data(folder, document, &prepared)
        {
            return Outcome::Failed(e);
        }
        let key = manifest::key(&document.output);
        let current = self.manifest.check(self.output, &key, &prepared.input_key, self.engine);
        match (self.mode, current) {
            (Mode::Build | Mode::Check, Ok(entry)) => return Outcome::Unchanged { warnings: entry.warnings.clone() },
            (Mode::Check, Err(stale)) => return Outcome::Stale(stale),
            _ => {}
        }
        let input = prepared.input_key.clone();
        let made = match prepared.make(self.engine) {
            Ok(made) => made,
            Err(e) => return self.failed(&path, e.to_string()),
        };
        if let Err(e) = write_atomically(&path, &made.bytes) {
            return Outcome::Failed(format!("{}: {e}", path.display()));
        }
        let entry = Entry {
            year: document.year,
            title: shortened(&document.title, TITLE_CHARS),
            input,
            dependencies: made.dependencies,
            output: content_hash(&made.bytes),
            warnings: made.warnings.clone(),
        };
        Outcome::Written { warnings: made.warnings, entry: Box::new(entry) }
    }

    /// A document that cannot be made: a report from an earlier run must not
    /// pass for this run's, so its file goes (not with `--check`).
    fn failed(&self, path: &Path, message: String) -> Outcome {
        if self.mode != Mode::Check {
            let _ = std::fs::remove_file(path);
        }
        Outcome::Failed(message)
    }
}

/// Writes a PDF's `/data.json` for `--daten` to `<folder>/<output>.json`.
fn save_template_data(folder: &Path, document: &Document, prepared: &Prepared) -> Result<(), String> {
    let Some((_, data)) = prepared.template_data() else { return Ok(()) };
    let path = folder.join(document.output.with_extension("json"));
    let failed = |e: std::io::Error| format!("{}: {e}", path.display());
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(failed)?;
    }
    let bytes = serde_json::to_vec(data).map_err(|e| format!("{}: {e}", path.display()))?;
    write_atomically(&path, &bytes).map_err(failed)
}

/// Outputs recorded (for the one year built, if `--year` was given) whose
/// documents are no longer planned, because their inputs were removed; as
/// manifest keys.
fn outdated(manifest: &Manifest, planned: &[(YearContext, Vec<Document>)], year: Option<i32>) -> Vec<String> {
    let planned: BTreeSet<String> =
        planned.iter().flat_map(|(_, documents)| documents.iter().map(|d| manifest::key(&d.output))).collect();
    manifest
        .entries
        .iter()
        .filter(|(key, entry)| year.is_none_or(|y| y == entry.year) && !planned.contains(*key))
        .map(|(key, _)| key.clone())
        .collect()
}

/// Updates the record with this run's outcomes, removes the outdated
/// outputs and saves it. A record that cannot be saved only costs the next
/// run its shortcut.
fn record(
    manifest: &mut Manifest,
    planned: &[(YearContext, Vec<Document>)],
    outcomes: Vec<Vec<Outcome>>,
    removed: &[String],
    output: &Path,
) {
    for ((_, documents), outcomes) in planned.iter().zip(outcomes) {
        for (document, outcome) in documents.iter().zip(outcomes) {
            let key = manifest::key(&document.output);
            match outcome {
                Outcome::Written { entry, .. } => {
                    manifest.entries.insert(key, *entry);
                }
                Outcome::Failed(_) | Outcome::Stale(_) => {
                    manifest.entries.remove(&key);
                }
                Outcome::Unchanged { .. } => {}
            }
        }
    }
    for key in removed {
        let _ = std::fs::remove_file(output.join(key));
        manifest.entries.remove(key);
    }
    if let Err(e) = manifest.save(output) {
        eprintln!(
            "Warnung: {} konnte nicht gespeichert werden ({e}); der nächste Lauf erstellt alles neu",
            manifest::FILE_NAME
        );
    }
}

/// Output paths (as [`output_key`]) that several documents would write, with
/// the German message each of them fails with: which one is right cannot be
/// known, so neither is written. qdfh's own names never clash (see
/// [`crate::files::FileNames`]); a file-name text edited in
/// `templates/texte/` can make them.
fn clashing_outputs<'a>(documents: impl IntoIterator<Item = &'a Document>) -> BTreeMap<String, String> {
    clashes(documents)
        .into_iter()
        .map(|(key, group)| {
            let titles: Vec<String> = group.iter().map(|d| shortened(&d.title, TITLE_CHARS)).collect();
            let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
            let message = format!(
                "{} hätten dieselbe Ausgabedatei {} (Groß- und Kleinschreibung zählen nicht); bitte die Dateinamen-Texte unter templates/texte/ prüfen",
                crate::format::de_join(&titles),
                group[0].output.display()
            );
            (key, message)
        })
        .collect()
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

fn report_diagnostics(diagnostics: &Diagnostics, quiet: bool) {
    eprint!("{}", diagnostics.to_text(quiet));
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
}
