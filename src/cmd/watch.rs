//! `qdfh watch`: builds, then watches `inputs/` and `templates/` and builds
//! again (incrementally) whenever a file there changes, until Ctrl-C.
//!
//! A burst of saves becomes one build: changes are collected until the
//! folders have been quiet for a moment, and a changed file is read only
//! once its size and time stay put (longer while an office lock file says
//! it is open). Each build prints the findings and writes them beside the
//! year's reports as `pruefbericht.txt`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use super::CmdError;
use super::build::{Built, Failure, build};
use crate::cli::{BuildArgs, Cli, WatchArgs};
use crate::diagnostics::Diagnostics;
use crate::files::write_atomically;
use crate::ingest::folder::year_of_file;
use crate::project::Project;

/// The findings file written beside each year's reports.
pub const REPORT_FILE: &str = "pruefbericht.txt";

/// How long the folders must be quiet before a build starts.
const QUIET: Duration = Duration::from_millis(300);
/// How long a changed file must keep its size and time to count as written.
const STABLE: Duration = Duration::from_millis(300);
/// The same while an office lock file says the workbook is open.
const STABLE_WHILE_LOCKED: Duration = Duration::from_millis(1500);
/// The longest wait for a file that keeps changing.
const MAX_WAIT: Duration = Duration::from_secs(30);

/// What wakes the watch loop.
enum Signal {
    /// Files changed (or appeared, or went).
    Changed(Vec<PathBuf>),
    /// Ctrl-C.
    Stop,
}

/// Runs `qdfh watch`.
pub fn run(cli: &Cli, args: &WatchArgs) -> Result<ExitCode, CmdError> {
    let project = Project::open(&cli.project)?;
    let (sender, signals) = channel();
    let stop = sender.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Signal::Stop);
    })?;
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, EventKind::Access(_))
        {
            let _ = sender.send(Signal::Changed(event.paths));
        }
    })?;
    for folder in [project.inputs_dir(), project.templates_dir()] {
        watcher
            .watch(&folder, RecursiveMode::Recursive)
            .map_err(|e| format!("{} kann nicht beobachtet werden: {e}", folder.display()))?;
    }
    let build_args = BuildArgs {
        year: args.year,
        pdf: None,
        force: false,
        check: false,
        only: Vec::new(),
        shard: None,
        daten: None,
    };
    rebuild(&project, &build_args, cli.quiet);
    loop {
        eprintln!(
            "Beobachte {} und {}; Strg+C beendet.",
            project.inputs_dir().display(),
            project.templates_dir().display()
        );
        let Ok(Signal::Changed(first)) = signals.recv() else { break };
        let Some(changed) = settle(&signals, first) else { break };
        if !cli.quiet {
            let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
            eprintln!("Geändert: {}", names.join(", "));
        }
        rebuild(&project, &build_args, cli.quiet);
    }
    eprintln!("Beendet.");
    Ok(ExitCode::SUCCESS)
}

/// Collects changes until the folders are quiet and every changed file is
/// stable; `None` on Ctrl-C.
fn settle(signals: &Receiver<Signal>, first: Vec<PathBuf>) -> Option<BTreeSet<PathBuf>> {
    let mut changed: BTreeSet<PathBuf> = first.into_iter().filter(|p| !is_lock_file(p)).collect();
    loop {
        match signals.recv_timeout(QUIET) {
            Ok(Signal::Changed(paths)) => changed.extend(paths.into_iter().filter(|p| !is_lock_file(p))),
            Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
            Err(RecvTimeoutError::Timeout) => break,
        }
    }
    let deadline = Instant::now() + MAX_WAIT;
    for path in &changed {
        while !is_stable(path) && Instant::now() < deadline {
            if let Ok(Signal::Stop) = signals.try_recv() {
                return None;
            }
        }
    }
    Some(changed)
}

/// Whether `path` keeps its size and modification time for [`STABLE`]
/// (longer while it is open in an office program). A file that is gone is
/// stable: its removal is the change.
fn is_stable(path: &Path) -> bool {
    let stamp = |p: &Path| std::fs::metadata(p).ok().map(|m| (m.len(), m.modified().ok()));
    let before = stamp(path);
    std::thread::sleep(if is_open_in_office(path) { STABLE_WHILE_LOCKED } else { STABLE });
    before == stamp(path)
}

/// Excel (`~$name`) and LibreOffice (`.~lock.name#`) lock files.
fn is_lock_file(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.starts_with("~$") || (name.starts_with(".~lock.") && name.ends_with('#'))
}

/// Whether an office program has a lock file for `path` in its folder.
fn is_open_in_office(path: &Path) -> bool {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().map(|n| n.to_string_lossy().into_owned())) else {
        return false;
    };
    // Excel drops the first two characters of long names in its lock file.
    let excel_tail: String = name.chars().skip(2).collect();
    dir.join(format!(".~lock.{name}#")).exists()
        || dir.join(format!("~${name}")).exists()
        || dir.join(format!("~${excel_tail}")).exists()
}

/// Builds, prints the findings and writes them beside each year's reports.
/// A build that cannot run at all (a broken catalog) is reported and the
/// watch goes on.
fn rebuild(project: &Project, args: &BuildArgs, quiet: bool) {
    match build(project, args, |diagnostics| eprint!("{}", diagnostics.to_text(quiet))) {
        Ok(built) => {
            built.summary.print(&built.diagnostics, false, built.took);
            write_reports(project, &built);
        }
        Err(e) => eprintln!("Fehler: {e}"),
    }
}

/// Writes `pruefbericht.txt` into each year's output folder: the findings
/// about the Stammdaten and that year's workbooks, and the documents that
/// could not be made.
fn write_reports(project: &Project, built: &Built) {
    for year in &built.years {
        let text = report_text(&built.diagnostics, *year, &built.summary.failures);
        let path = project.output_dir().join(year.to_string()).join(REPORT_FILE);
        if let Err(e) = write_atomically(&path, text.as_bytes()) {
            eprintln!("Warnung: {} konnte nicht geschrieben werden: {e}", path.display());
        }
    }
}

/// The findings of one year as text.
fn report_text(diagnostics: &Diagnostics, year: i32, failures: &[Failure]) -> String {
    let of_year = Diagnostics {
        items: diagnostics.items.iter().filter(|d| year_of_file(&d.file).is_none_or(|y| y == year)).cloned().collect(),
    };
    let mut text = format!("Prüfbericht {year}\n\n");
    let findings = of_year.to_text(false);
    text.push_str(if findings.is_empty() { "Keine Befunde in den Eingaben.\n" } else { &findings });
    for failure in failures.iter().filter(|f| f.year == year) {
        text.push_str(&failure.text());
        text.push('\n');
    }
    text.push_str(&format!("\nEingaben: {}.\n", of_year.counts_text()));
    text
}
