//! `qdfh watch` with a real process and real file events in a temporary
//! project: changes are rebuilt, a burst is one build, a bad workbook gets a
//! Prüfbericht and disturbs nothing else, Ctrl-C ends cleanly.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::outputs::{reports, rewritten};
use crate::common::workbooks::*;

/// A running `qdfh watch` whose stderr goes to a file.
struct Watch {
    child: Child,
    log: PathBuf,
}

impl Watch {
    fn start(project: &Path) -> Watch {
        let log = project.join("watch.log");
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("qdfh"))
            .current_dir(project)
            .arg("watch")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let watch = Watch { child, log };
        watch.wait_for(|log| log.contains("Beobachte"), "the first build");
        watch
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until `done` holds for the log (60 s at most).
    fn wait_for(&self, done: impl Fn(&str) -> bool, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !done(&self.log()) {
            assert!(Instant::now() < deadline, "waited in vain for {what}:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `n` builds have finished.
    fn wait_for_builds(&self, n: usize) {
        self.wait_for(|log| builds(log) >= n, &format!("build {n}"));
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn builds(log: &str) -> usize {
    log.matches("Dokumente geschrieben").count()
}

fn werkstatt_with_action(text: &str) -> Vec<Sheet> {
    let mut werkstatt = standard_werkstatt();
    werkstatt[3].rows[1][2] = s(text);
    werkstatt
}

#[test]
fn watch_rebuilds_what_changed_and_stops_on_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    let watch = Watch::start(&project);
    assert_eq!(builds(&watch.log()), 1);
    let workshop = project.join("inputs/2026/werkstatt-auenfeld.xlsx");

    // A saved workbook: its handout, its poster and the summary workbook are made again.
    let before = reports(&project);
    write_book(&workshop, &werkstatt_with_action("Netzwerkkarte, neu"));
    watch.wait_for_builds(2);
    let expected = [
        "2026/handouts/handout-auenfeld-2026.pdf",
        "2026/poster/poster-auenfeld-2026.pdf",
        "2026/zusammenfassung.xlsx",
    ];
    assert_eq!(rewritten(&before, &reports(&project)), expected.map(String::from).into());

    // Five quick saves are one build.
    for i in 0..5 {
        write_book(&workshop, &werkstatt_with_action(&format!("Fassung {i}")));
    }
    watch.wait_for_builds(3);
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(builds(&watch.log()), 3, "{}", watch.log());

    // A broken workbook: reported in the Prüfbericht, the reports stay.
    let before = reports(&project);
    std::fs::write(project.join("inputs/2026/kaputt.xlsx"), b"kein Excel").unwrap();
    watch.wait_for_builds(4);
    let report = std::fs::read_to_string(project.join("output/2026/pruefbericht.txt")).unwrap();
    assert!(report.contains("inputs/2026/kaputt.xlsx: Die Datei ist keine Tabelle"), "{report}");
    assert!(watch.log().contains("kaputt.xlsx: Die Datei ist keine Tabelle"));
    let touched = rewritten(&before, &reports(&project));
    assert!(touched.iter().all(|p| p.ends_with("zusammenfassung.xlsx")), "{touched:?}");

    // A template edit is a live preview for template authors.
    let before = reports(&project);
    let cluster = project.join("templates/cluster.typ");
    let text = std::fs::read_to_string(&cluster).unwrap();
    std::fs::write(&cluster, format!("{text}\n// bearbeitet\n")).unwrap();
    watch.wait_for_builds(5);
    let cluster_pdfs = ["2026/cluster/cluster-A-2026.pdf", "2026/cluster/cluster-B-2026.pdf"];
    assert_eq!(rewritten(&before, &reports(&project)), cluster_pdfs.map(String::from).into());

    // Ctrl-C ends the watch with exit code 0.
    let pid = watch.child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let mut watch = watch;
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = watch.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "watch did not stop:\n{}", watch.log());
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{}", watch.log());
    assert!(watch.log().ends_with("Beendet.\n"), "{}", watch.log());
}
