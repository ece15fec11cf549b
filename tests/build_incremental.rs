//! Incremental builds: a re-run makes exactly the documents whose data,
//! templates or files changed; `--check`, `--only` and `--shard`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::common::outputs::{reports, rewritten};
use crate::common::workbooks::*;

fn qdfh(project: &Path) -> Command {
    let mut cmd = Command::cargo_bin("qdfh").unwrap();
    cmd.current_dir(project).env("SOURCE_DATE_EPOCH", "1795000000");
    cmd
}

/// Builds and returns the closing summary line.
fn build(project: &Path, args: &[&str]) -> String {
    let out = qdfh(project).arg("build").args(args).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    stderr.lines().last().unwrap_or_default().to_string()
}

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

const ALL: [&str; 10] = [
    "2026/handouts/handout-auenfeld-2026.pdf",
    "2026/handouts/handout-birkental-2026.pdf",
    "2026/handouts/handout-cedernau-2026.pdf",
    "2026/poster/poster-auenfeld-2026.pdf",
    "2026/poster/poster-birkental-2026.pdf",
    "2026/poster/poster-cedernau-2026.pdf",
    "2026/cluster/cluster-A-2026.pdf",
    "2026/cluster/cluster-B-2026.pdf",
    "2026/landesuebersicht-2026.pdf",
    "2026/zusammenfassung.xlsx",
];

#[test]
fn a_rerun_without_changes_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    let first = build(&project, &[]);
    assert!(first.starts_with("10 Dokumente geschrieben, 0 unverändert"), "{first}");
    let before = reports(&project);
    assert_eq!(before.keys().cloned().collect::<BTreeSet<_>>(), names(&ALL));
    let second = build(&project, &[]);
    assert!(second.starts_with("0 Dokumente geschrieben, 10 unverändert, 0 fehlgeschlagen"), "{second}");
    assert!(rewritten(&before, &reports(&project)).is_empty());
    let forced = build(&project, &["--force"]);
    assert!(forced.starts_with("10 Dokumente geschrieben"), "{forced}");
    assert_eq!(rewritten(&before, &reports(&project)), names(&ALL));
}

#[test]
fn a_changed_action_text_rewrites_the_documents_that_print_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    build(&project, &[]);
    let before = reports(&project);
    // The action plan's text is printed in auenfeld's handout and poster and
    // listed in the summary workbook; cluster and state count actions, not texts.
    let mut werkstatt = standard_werkstatt();
    werkstatt[3].rows[1][2] = s("Netzwerkkarte, zweite Fassung");
    write_book(&project.join("inputs/2026/werkstatt-auenfeld.xlsx"), &werkstatt);
    let summary = build(&project, &[]);
    assert!(summary.starts_with("3 Dokumente geschrieben, 7 unverändert"), "{summary}");
    let expected = [
        "2026/handouts/handout-auenfeld-2026.pdf",
        "2026/poster/poster-auenfeld-2026.pdf",
        "2026/zusammenfassung.xlsx",
    ];
    assert_eq!(rewritten(&before, &reports(&project)), names(&expected));
}

#[test]
fn a_changed_template_rewrites_exactly_the_documents_that_read_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    build(&project, &[]);
    let before = reports(&project);
    let cluster = project.join("templates/cluster.typ");
    let text = std::fs::read_to_string(&cluster).unwrap();
    std::fs::write(&cluster, format!("{text}\n// edited\n")).unwrap();
    build(&project, &[]);
    let cluster_pdfs = ["2026/cluster/cluster-A-2026.pdf", "2026/cluster/cluster-B-2026.pdf"];
    assert_eq!(rewritten(&before, &reports(&project)), names(&cluster_pdfs));

    // The charts library is read by every PDF, never by the workbook.
    let before = reports(&project);
    let charts = project.join("templates/lib/charts.typ");
    let text = std::fs::read_to_string(&charts).unwrap();
    std::fs::write(&charts, format!("{text}\n// edited\n")).unwrap();
    build(&project, &[]);
    let pdfs: Vec<&str> = ALL.iter().copied().filter(|p| p.ends_with(".pdf")).collect();
    assert_eq!(rewritten(&before, &reports(&project)), names(&pdfs));
}

#[test]
fn an_output_edited_or_deleted_by_hand_is_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    build(&project, &[]);
    let output = project.join("output/2026");
    std::fs::write(output.join("landesuebersicht-2026.pdf"), b"kaputt").unwrap();
    std::fs::remove_file(output.join("cluster/cluster-B-2026.pdf")).unwrap();
    let check = qdfh(&project).args(["build", "--check"]).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    let listed = String::from_utf8(check.stdout).unwrap();
    assert!(
        listed.contains("nicht aktuell: output/2026/landesuebersicht-2026.pdf (Datei wurde verändert)"),
        "{listed}"
    );
    assert!(listed.contains("nicht aktuell: output/2026/cluster/cluster-B-2026.pdf (Datei fehlt)"), "{listed}");
    assert!(listed.contains("2 von 10 Ausgaben sind nicht aktuell."), "{listed}");
    assert!(!output.join("cluster/cluster-B-2026.pdf").exists(), "--check wrote something");
    let summary = build(&project, &[]);
    assert!(summary.starts_with("2 Dokumente geschrieben, 8 unverändert"), "{summary}");
    assert!(std::fs::read(output.join("landesuebersicht-2026.pdf")).unwrap().starts_with(b"%PDF"));
    let check = qdfh(&project).args(["build", "--check"]).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
}

#[test]
fn outputs_whose_inputs_are_gone_are_removed_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    build(&project, &[]);
    // Cedernau leaves the Stammdaten: its handout, its poster and cluster B go.
    let rows = [
        ["auenfeld", "Stadt Auenfeld", "kreisfreie Stadt", "Beispielland", "A", "QD3, QD2"],
        ["birkental", "Landkreis Birkental", "Landkreis", "Beispielland", "A", ""],
    ];
    write_book(&project.join("inputs/stammdaten.xlsx"), &stammdaten(&rows));
    let check = qdfh(&project).args(["build", "--check"]).output().unwrap();
    let listed = String::from_utf8(check.stdout).unwrap();
    assert!(listed.contains("überflüssig: output/2026/handouts/handout-cedernau-2026.pdf"), "{listed}");
    let summary = build(&project, &[]);
    assert!(summary.contains(", 3 veraltete entfernt;"), "{summary}");
    let left: BTreeSet<String> = reports(&project).keys().cloned().collect();
    let gone = [
        "2026/handouts/handout-cedernau-2026.pdf",
        "2026/poster/poster-cedernau-2026.pdf",
        "2026/cluster/cluster-B-2026.pdf",
    ];
    assert_eq!(left, names(&ALL).difference(&names(&gone)).cloned().collect());
}

#[test]
fn shards_together_write_exactly_the_full_build_and_only_picks_a_subject() {
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    let mut seen = BTreeSet::new();
    for k in 1..=3 {
        let before = reports(&project);
        build(&project, &["--shard", &format!("{k}/3")]);
        let new = rewritten(&before, &reports(&project));
        assert!(new.len() == 3 || new.len() == 4, "shards are even: {new:?}");
        assert!(seen.is_disjoint(&new), "{seen:?} and {new:?}");
        seen.extend(new);
    }
    assert_eq!(seen, names(&ALL));

    std::fs::remove_dir_all(project.join("output")).unwrap();
    build(&project, &["--only", "Birkental", "--only", "b"]);
    let made: BTreeSet<String> = reports(&project).keys().cloned().collect();
    let birkental_and_b = [
        "2026/handouts/handout-birkental-2026.pdf",
        "2026/poster/poster-birkental-2026.pdf",
        "2026/cluster/cluster-B-2026.pdf",
    ];
    assert_eq!(made, names(&birkental_and_b));
    let unknown = qdfh(&project).args(["build", "--only", "xanten"]).output().unwrap();
    assert_eq!(unknown.status.code(), Some(1));
    let message = String::from_utf8(unknown.stderr).unwrap();
    assert!(message.contains("--only xanten: keine Kommune (ID) und kein Cluster dieses Namens"), "{message}");
    let bad = qdfh(&project).args(["build", "--shard", "4/3"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// Every file below `dir`, relative.
fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for path in std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().path()) {
            if path.is_dir() { stack.push(path) } else { found.push(path.strip_prefix(dir).unwrap().to_path_buf()) }
        }
    }
    found
}

/// Every PDF below `dir` passes `qpdf --check`; every other file is a report
/// or a hidden leftover no one takes for one.
fn assert_outputs_sound(dir: &Path) {
    for file in all_files(dir) {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with('.') {
            assert!(name.ends_with(".tmp") || name.starts_with(".qdfh-"), "{}", file.display());
        } else if name.ends_with(".pdf") {
            let status = std::process::Command::new("qpdf").arg("--check").arg(dir.join(&file)).output().unwrap();
            assert!(
                status.status.success(),
                "{} is damaged: {}",
                file.display(),
                String::from_utf8_lossy(&status.stdout)
            );
        } else {
            assert!(name.ends_with(".xlsx"), "{}", file.display());
        }
    }
}

#[test]
fn a_killed_build_leaves_complete_reports_and_the_next_build_repairs_everything() {
    if !crate::common::require_tool("qpdf") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("projekt");
    Command::cargo_bin("qdfh").unwrap().arg("init").arg(&project).assert().success();
    let output = project.join("output");
    // Killed while the first, the middle and the last documents are written.
    for reports_before_kill in [1, 20, 45] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("qdfh"))
            .current_dir(&project)
            .args(["build", "--force", "-q"])
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
        while output.is_dir()
            && all_files(&output).iter().filter(|f| !f.to_string_lossy().contains("/.")).count() < reports_before_kill
            && std::time::Instant::now() < deadline
        {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        assert_outputs_sound(&output);
    }
    let repaired = build(&project, &[]);
    assert!(repaired.contains(" 0 fehlgeschlagen"), "{repaired}");
    assert_outputs_sound(&output);
    assert!(all_files(&output).iter().all(|f| !f.to_string_lossy().ends_with(".tmp")), "leftovers stay");
    let check = qdfh(&project).args(["build", "--check"]).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
}

#[test]
fn a_workbook_changed_behind_the_same_time_stamp_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    build(&project, &[]);
    assert!(project.join("output/.qdfh-eingaben.json").is_file(), "the parsed workbooks are kept");
    let workshop = project.join("inputs/2026/werkstatt-auenfeld.xlsx");
    let stamp = workshop.metadata().unwrap().modified().unwrap();
    write_book(&workshop, &{
        let mut werkstatt = standard_werkstatt();
        werkstatt[3].rows[1][2] = s("Gleiche Zeit, anderer Inhalt");
        werkstatt
    });
    std::fs::File::options().write(true).open(&workshop).unwrap().set_modified(stamp).unwrap();
    let summary = build(&project, &[]);
    assert!(summary.starts_with("3 Dokumente geschrieben"), "the cache went by path and time: {summary}");
}

#[test]
fn template_data_is_laid_out_beside_the_build_as_typst_gets_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    let data_dir = dir.path().join("daten");
    build(&project, &["--daten", data_dir.to_str().unwrap()]);
    let pdfs: BTreeSet<String> =
        ALL.iter().filter(|n| n.ends_with(".pdf")).map(|n| n.replace(".pdf", ".json")).collect();
    let dumped: BTreeSet<String> = all_files(&data_dir).iter().map(|p| p.to_string_lossy().into_owned()).collect();
    assert_eq!(dumped, pdfs, "one JSON per PDF, none for the workbook");

    // The dumped data compiled with the same template gives the same text.
    let name = "2026/handouts/handout-birkental-2026";
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data_dir.join(format!("{name}.json"))).unwrap()).unwrap();
    let date = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap().date_naive();
    let settings =
        qdfh::render::PdfSettings { date, ..crate::common::render::settings(qdfh::render::PdfProfile::Plain) };
    let pdf = crate::common::render::engine().compile_pdf("handout.typ", &data, &settings).unwrap();
    let built = std::fs::read(project.join(format!("output/{name}.pdf"))).unwrap();
    let (Some(from_dump), Some(from_build)) =
        (crate::common::render::pdf_text(&pdf), crate::common::render::pdf_text(&built))
    else {
        return;
    };
    assert!(from_build.contains("Birkental"), "{from_build}");
    assert_eq!(from_dump, from_build);
}
