//! `qdfh build` run as a user would: on a fresh project made by `qdfh init`.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use qdfh::forms::{FormData, FormInfo, Value, write_form};
use qdfh::ingest::schema::{ColumnKey, FormKind, sheet};

fn qdfh(project: &Path) -> Command {
    let mut cmd = Command::cargo_bin("qdfh").unwrap();
    cmd.arg("-C").arg(project).env("SOURCE_DATE_EPOCH", "1795000000");
    cmd
}

fn fresh_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("qdfh").unwrap().arg("init").arg(dir.path()).assert().success();
    dir
}

fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if !path.file_name().unwrap().to_string_lossy().starts_with('.') {
                // Reports only: not qdfh's hidden build record.
                out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn build_writes_every_report_and_is_deterministic() {
    let project = fresh_project();
    qdfh(project.path()).arg("build").assert().success();
    let first = files_under(&project.path().join("output"));
    // 3 years × (20 handouts + 20 posters + 5 cluster comparisons + state overview + workbook).
    assert_eq!(first.len(), 141, "{:?}", first.keys().collect::<Vec<_>>());
    for name in [
        "2026/handouts/handout-auenfeld-2026.pdf",
        "2026/handouts/handout-nebelsee-2026.pdf",
        "2026/cluster/cluster-A-2026.pdf",
        "2026/landesuebersicht-2026.pdf",
        "2026/zusammenfassung.xlsx",
        "2025/zusammenfassung.xlsx",
    ] {
        assert!(first.contains_key(Path::new(name)), "{name} missing");
    }
    assert!(first.keys().all(|p| !p.to_string_lossy().contains(".tmp")), "temporary file left behind");
    assert!(
        first.iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "pdf")).all(|(_, b)| b.starts_with(b"%PDF"))
    );
    shows_the_practice_material(&first);
    // A second build of the same inputs gives the same bytes.
    qdfh(project.path()).arg("build").assert().success();
    let second = files_under(&project.path().join("output"));
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{} differs between two builds", path.display());
    }
}

/// Every part of the practice material is in the example's 2026 reports:
/// the course over three years, key figures with targets, standards, the
/// workshop feedback, the dialogue questions and the poster.
fn shows_the_practice_material(reports: &BTreeMap<PathBuf, Vec<u8>>) {
    let text = |name: &str| common::render::pdf_text(&reports[Path::new(name)]);
    let Some(handout) = text("2026/handouts/handout-auenfeld-2026.pdf") else { return };
    for part in [
        "Entwicklung über die Jahre",
        "Kennzahl 2024",
        "2025 2026 Zielwert 2026",
        "Qualitätsstandards",
        "Rückmeldung zur Werkstatt",
        "Fragen für das Gespräch mit Leitung und Politik",
    ] {
        assert!(handout.contains(part), "handout lacks {part}: {handout}");
    }
    let cluster = text("2026/cluster/cluster-A-2026.pdf").unwrap();
    for part in ["Entwicklung über die Jahre", "Zielwert 2026", "Qualitätsstandards", "Rückmeldung"] {
        assert!(cluster.contains(part), "cluster comparison lacks {part}: {cluster}");
    }
    let state = text("2026/landesuebersicht-2026.pdf").unwrap();
    for part in ["Entwicklung über die Jahre", "Zielwert 2026 erreicht", "Qualitätsstandards"] {
        assert!(state.contains(part), "state overview lacks {part}: {state}");
    }
    assert!(reports.contains_key(Path::new("2026/poster/poster-auenfeld-2026.pdf")), "{:?}", reports.keys());
}

#[test]
fn a_survey_with_errors_stops_only_its_own_handout() {
    let project = fresh_project();
    let bad = project.path().join("inputs/2026/befragung-auenfeld.xlsx");
    let mut row = BTreeMap::new();
    row.insert(ColumnKey::Fixed("Sektor"), Value::Text("Kindertagesstätte".into()));
    row.insert(ColumnKey::Fixed("Ebene"), Value::Text("operativ".into()));
    row.insert(ColumnKey::Goal("1.1".into()), Value::Text("vielleicht".into()));
    let catalog = qdfh::project::default_catalog();
    let info = FormInfo {
        kind: FormKind::Befragung,
        municipality: Some("auenfeld".into()),
        cluster: None,
        year: Some(2026),
        date: None,
        note: None,
    };
    write_form(&bad, &catalog, &FormData { info, rows: BTreeMap::from([(sheet::BEFRAGUNG, vec![row])]) }).unwrap();
    // A second broken file that is not a spreadsheet at all.
    std::fs::write(project.path().join("inputs/2026/befragung-kaputt.xlsx"), b"kein Excel").unwrap();

    let output = qdfh(project.path()).arg("build").assert().code(1).get_output().clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("befragung-auenfeld.xlsx › Befragung › "), "{stderr}");
    assert!(stderr.contains("„vielleicht“ ist keine gültige Antwort"), "{stderr}");
    assert!(stderr.contains("befragung-kaputt.xlsx"), "{stderr}");
    assert!(stderr.contains("Handout Stadt Auenfeld 2026 konnte nicht erstellt werden"), "{stderr}");
    let out = project.path().join("output/2026");
    assert!(!out.join("handouts/handout-auenfeld-2026.pdf").exists());
    assert!(out.join("handouts/handout-lindmoor-2026.pdf").exists());
    assert!(out.join("zusammenfassung.xlsx").exists());
    assert!(project.path().join("output/2025/handouts/handout-auenfeld-2025.pdf").exists());
    assert!(files_under(&project.path().join("output")).keys().all(|p| !p.to_string_lossy().contains(".tmp")));
}

#[test]
fn handout_of_the_example_names_its_numbers_in_german() {
    if !common::require_tool("pdftotext") {
        return;
    }
    let project = fresh_project();
    qdfh(project.path()).args(["build", "--year", "2026"]).assert().success();
    let pdf = project.path().join("output/2026/handouts/handout-nebelsee-2026.pdf");
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    // Nebelsee has 2 respondents: the survey is not shown.
    assert!(text.contains("zu wenige Angaben vor: 2 Personen haben geantwortet"), "{text}");
    assert!(!project.path().join("output/2025").exists(), "--year 2026 wrote 2025");
}

#[test]
fn a_broken_template_fails_its_documents_and_not_the_others() {
    let project = fresh_project();
    qdfh(project.path()).args(["build", "--year", "2026"]).assert().success();
    let cluster = project.path().join("templates/cluster.typ");
    let text = std::fs::read_to_string(&cluster).unwrap();
    std::fs::write(&cluster, text.replacen("#let c = data.cluster", "#let c = data.cluster.gibt-es-nicht", 1)).unwrap();
    let output = qdfh(project.path()).args(["build", "--year", "2026"]).assert().code(1).get_output().clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    // typst's own report: file, line and column, the source line, the message.
    assert!(stderr.contains("templates/cluster.typ:8:22"), "{stderr}");
    assert!(stderr.contains("#let c = data.cluster.gibt-es-nicht"), "{stderr}");
    assert!(stderr.contains("Cluster-Vergleich A 2026 konnte nicht erstellt werden"), "{stderr}");
    assert!(stderr.contains("5 fehlgeschlagen"), "{stderr}");
    let out = project.path().join("output/2026");
    // The reports of the earlier run are removed, the others rewritten.
    assert!(!out.join("cluster/cluster-A-2026.pdf").exists());
    assert!(out.join("handouts/handout-auenfeld-2026.pdf").exists());
    assert!(out.join("landesuebersicht-2026.pdf").exists());
}

#[test]
fn an_unusable_output_folder_is_one_german_message_before_anything_is_made() {
    let project = fresh_project();
    let output = project.path().join("output");
    std::fs::remove_dir_all(&output).unwrap();
    std::fs::write(&output, b"eine Datei, kein Ordner").unwrap();
    let result = qdfh(project.path()).arg("build").assert().code(1).get_output().clone();
    let stderr = String::from_utf8(result.stderr).unwrap();
    let complaints: Vec<&str> = stderr.lines().filter(|l| l.contains("Ausgabeordner")).collect();
    assert_eq!(complaints.len(), 1, "{stderr}");
    assert!(complaints[0].contains("liegt eine Datei, kein Ordner"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
    assert_eq!(std::fs::read(&output).unwrap(), b"eine Datei, kein Ordner");

    // A file where a year's folder should be: nothing is made either.
    std::fs::remove_file(&output).unwrap();
    std::fs::create_dir(&output).unwrap();
    std::fs::write(output.join("2026"), b"x").unwrap();
    let result = qdfh(project.path()).arg("build").assert().code(1).get_output().clone();
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(stderr.contains("2026"), "{stderr}");
    assert_eq!(stderr.lines().filter(|l| l.contains("Ausgabeordner")).count(), 1, "{stderr}");
    assert_eq!(files_under(&output).len(), 1, "something was written");
}

#[test]
fn an_unreadable_workbook_gets_no_false_handout() {
    let project = fresh_project();
    let inputs = project.path().join("inputs/2026");
    // Auenfeld's survey arrives broken: an empty file, as a failed download leaves it.
    std::fs::write(inputs.join("befragung-auenfeld.xlsx"), b"").unwrap();
    let result = qdfh(project.path()).args(["build", "--year", "2026"]).assert().code(1).get_output().clone();
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(stderr.contains("Handout Stadt Auenfeld 2026 konnte nicht erstellt werden"), "{stderr}");
    assert!(stderr.contains("befragung-auenfeld.xlsx ist nicht lesbar"), "{stderr}");
    // Handout and poster: neither may claim that no survey was sent.
    assert!(stderr.contains("2 fehlgeschlagen"), "{stderr}");
    let out = project.path().join("output/2026");
    assert!(!out.join("handouts/handout-auenfeld-2026.pdf").exists(), "a handout claims no survey was sent");
    // Municipalities with their survey and workshop in place are not touched.
    assert!(out.join("handouts/handout-lindmoor-2026.pdf").exists());
    assert!(out.join("landesuebersicht-2026.pdf").exists());
}

#[test]
fn a_misplaced_survey_is_left_out_alone() {
    let project = fresh_project();
    // The 2025 survey of Auenfeld is dropped a second time into 2026/.
    let misplaced = project.path().join("inputs/2026/befragung-auenfeld-alt.xlsx");
    std::fs::copy(project.path().join("inputs/2025/befragung-auenfeld.xlsx"), &misplaced).unwrap();
    let result = qdfh(project.path()).arg("build").assert().code(1).get_output().clone();
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(stderr.contains("befragung-auenfeld-alt.xlsx › Info"), "{stderr}");
    assert!(stderr.contains("passt nicht zum Ordner 2026/"), "{stderr}");
    assert!(!stderr.contains("mehrere Befragungen"), "the good surveys were taken as duplicates: {stderr}");
    assert!(stderr.contains("0 fehlgeschlagen"), "{stderr}");
    for year in ["2025", "2026"] {
        let handout = format!("output/{year}/handouts/handout-auenfeld-{year}.pdf");
        assert!(project.path().join(&handout).exists(), "{handout} missing");
    }
}

#[test]
fn documents_that_would_share_an_output_file_are_not_written() {
    let project = fresh_project();
    // An edited file-name text gives every cluster comparison the same name.
    std::fs::write(project.path().join("templates/texte/dateiname_cluster.hbs"), "{{year}}/cluster/Vergleich.pdf")
        .unwrap();
    let result = qdfh(project.path()).args(["build", "--year", "2026"]).assert().code(1).get_output().clone();
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(stderr.contains("hätten dieselbe Ausgabedatei 2026/cluster/Vergleich.pdf"), "{stderr}");
    assert!(stderr.contains("5 fehlgeschlagen"), "{stderr}");
    let out = project.path().join("output/2026");
    assert!(!out.join("cluster/Vergleich.pdf").exists(), "one comparison silently won");
    assert!(out.join("handouts/handout-auenfeld-2026.pdf").exists());
}
