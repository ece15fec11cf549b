//! `qdfh check` as users run it: the real binary on folders in temporary
//! directories; text and JSON output, exit codes 0, 1 and 2.

use std::path::Path;

use crate::common::workbooks::*;
use assert_cmd::Command;
use serde_json::Value;

fn qdfh(dir: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("qdfh"));
    cmd.current_dir(dir);
    cmd
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The standard folder with one broken file of every kind.
fn broken_folder(dir: &Path) {
    let inputs = standard_inputs(dir);
    let c = catalog();
    let mut bad = survey_row(&c, "1", "Arzt", "operativ", n(4.0), n(2.0));
    bad[4] = s("vielleicht");
    write_book(&inputs.join("2026/befragung-cedernau.xlsx"), &befragung("cedernau", 2026.0, vec![bad]));
    write_book(&inputs.join("2026/befragung-xanten.xlsx"), &befragung("xanten", 2025.0, vec![]));
    std::fs::write(inputs.join("2026/leer.xlsx"), b"").unwrap();
    std::fs::write(inputs.join("2026/geschuetzt.xlsx"), encrypted_ooxml()).unwrap();
    std::fs::write(inputs.join("2026/~$befragung-auenfeld.xlsx"), b"lock").unwrap();
    std::fs::write(inputs.join("README.txt"), b"Hinweise").unwrap();
}

#[test]
fn a_clean_folder_passes_with_exit_code_0() {
    let dir = tempfile::tempdir().unwrap();
    standard_inputs(dir.path());
    let output = qdfh(dir.path()).args(["check", "inputs"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "6 Dateien geprüft, 0 Fehler, 0 Warnungen\n");
}

#[test]
fn the_default_path_is_the_projects_inputs_folder() {
    let dir = tempfile::tempdir().unwrap();
    standard_inputs(&dir.path().join("projekt"));
    let output = qdfh(dir.path()).args(["-C", "projekt", "check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(stdout(&output), "6 Dateien geprüft, 0 Fehler, 0 Warnungen\n");
}

#[test]
fn a_broken_folder_lists_every_finding_and_exits_with_1() {
    let dir = tempfile::tempdir().unwrap();
    broken_folder(dir.path());
    let output = qdfh(dir.path()).args(["check", "inputs"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!("broken_folder_text", stdout(&output));
}

#[test]
fn quiet_leaves_out_warnings_but_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    broken_folder(dir.path());
    let output = qdfh(dir.path()).args(["check", "-q", "inputs"]).output().unwrap();
    let text = stdout(&output);
    assert!(!text.contains("Warnung:"), "{text}");
    assert!(text.ends_with("10 Dateien geprüft, 6 Fehler, 2 Warnungen\n"), "{text}");
}

#[test]
fn json_lists_findings_with_place_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    broken_folder(dir.path());
    let output = qdfh(dir.path()).args(["check", "inputs", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["files"], 10);
    assert_eq!(json["errors"], 6);
    assert_eq!(json["warnings"], 2);
    let items = json["diagnostics"].as_array().unwrap();
    assert_eq!(items.len(), 8);
    for item in items {
        let keys: Vec<&str> = item.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["cell", "file", "message", "severity", "sheet"]);
    }
    let cell = items.iter().find(|i| i["cell"] == "E2").unwrap();
    assert_eq!(cell["severity"], "fehler");
    assert_eq!(cell["file"], "inputs/2026/befragung-cedernau.xlsx");
    assert_eq!(cell["sheet"], "Befragung");
    assert_eq!(
        cell["message"],
        "„vielleicht“ ist keine gültige Antwort (erlaubt: 1–6, stimme gar nicht zu … stimme voll zu, weiß nicht)"
    );
    let whole_file = items.iter().find(|i| i["file"] == "inputs/2026/leer.xlsx").unwrap();
    assert_eq!((whole_file["sheet"].clone(), whole_file["cell"].clone()), (Value::Null, Value::Null));
    insta::assert_snapshot!("broken_folder_json", stdout(&output));
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = qdfh(dir.path()).args(["check", "--format", "xml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
}

#[test]
fn a_missing_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = qdfh(dir.path()).args(["check", "gibt-es-nicht"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "Fehler: gibt-es-nicht: Ordner oder Datei nicht gefunden\n0 Dateien geprüft, 1 Fehler, 0 Warnungen\n"
    );
}

#[test]
fn a_coordinator_checks_one_file_without_stammdaten() {
    let dir = tempfile::tempdir().unwrap();
    write_book(&dir.path().join("befragung-auenfeld.xlsx"), &standard_befragung("auenfeld"));
    let output = qdfh(dir.path()).args(["check", "befragung-auenfeld.xlsx"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "Warnung: befragung-auenfeld.xlsx: Die Kommune konnte nicht mit den Stammdaten abgeglichen werden: keine Stammdaten im Ordner der Datei oder in den zwei Ordnern darüber gefunden\n\
         1 Datei geprüft, 0 Fehler, 1 Warnung\n"
    );
}

#[test]
fn one_file_in_the_inputs_folder_is_checked_against_its_stammdaten() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    write_book(&inputs.join("2026/befragung-xanten.xlsx"), &standard_befragung("xanten"));
    let ok = qdfh(dir.path()).args(["check", "inputs/2026/befragung-auenfeld.xlsx"]).output().unwrap();
    assert_eq!(stdout(&ok), "1 Datei geprüft, 0 Fehler, 0 Warnungen\n");
    let bad = qdfh(&inputs.join("2026")).args(["check", "befragung-xanten.xlsx"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(
        stdout(&bad),
        "Fehler: befragung-xanten.xlsx › Info › B2: Kommune „xanten“ steht nicht in den Stammdaten (Spalte ID)\n\
         1 Datei geprüft, 1 Fehler, 0 Warnungen\n"
    );
}

#[test]
fn a_year_folder_is_checked_with_the_stammdaten_above_it() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    write_book(&inputs.join("2026/befragung-cedernau.xlsx"), &befragung("cedernau", 2025.0, vec![]));
    let output = qdfh(dir.path()).args(["check", "inputs/2026"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "Fehler: inputs/2026/befragung-cedernau.xlsx › Info › B3: Jahr 2025 passt nicht zum Ordner 2026/; bitte das Jahr oder den Ablageort korrigieren\n\
         Warnung: inputs/2026/befragung-cedernau.xlsx › Befragung: Die Befragung enthält keine Antworten\n\
         6 Dateien geprüft, 1 Fehler, 1 Warnung\n"
    );
}

#[test]
fn a_project_catalog_is_used_when_present() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    let katalog = dir.path().join("templates/katalog");
    std::fs::create_dir_all(&katalog).unwrap();
    for name in ["qualitaetsrahmen.toml", "skalen.toml", "material.toml"] {
        let text = std::fs::read_to_string(common_root().join("templates/katalog").join(name)).unwrap();
        // A LaKo renames a status: the old name in the workbook is now wrong.
        let text = text.replace("name = \"in Arbeit\"", "name = \"läuft\"");
        std::fs::write(katalog.join(name), text).unwrap();
    }
    let output = qdfh(dir.path()).args(["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("„in Arbeit“ ist kein bekannter Status (erlaubt: geplant, läuft, umgesetzt"));
    drop(inputs);
}

fn common_root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn characters_no_report_font_shows_are_named_with_their_cell() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    let mut werkstatt = standard_werkstatt();
    // Row 2, column C of "Maßnahmen": emoji and Hebrew print, the CJK characters do not.
    werkstatt[3].rows[1][2] = s("Netzwerkkarte ☕ 😀 שלום 漢字 漢");
    write_book(&inputs.join("2026/werkstatt-auenfeld.xlsx"), &werkstatt);
    let output = qdfh(dir.path()).args(["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "only a warning: {}", stdout(&output));
    let text = stdout(&output);
    let warning = "Warnung: inputs/2026/werkstatt-auenfeld.xlsx › Maßnahmen › C2: Die Zeichen „漢“ (U+6F22) und „字“ (U+5B57) \
                   können mit den Schriften der Berichte nicht dargestellt werden; dort steht „[?]“\n";
    assert!(text.contains(warning), "{text}");
    assert_eq!(text.matches("Schriften der Berichte").count(), 1, "{text}");
}

#[test]
fn json_nests_consequences_under_their_cause() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    let rows = [
        ["auenfeld", "Stadt Auenfeld", "kreisfreie Stadt", "Beispielland", "A", ""],
        ["birkental", "Landkreis Birkental", "Landkreis", "Beispielland", "A", ""],
        ["cedernau", "Stadt Cedernau", "Gemeinde", "Beispielland", "B", ""],
    ];
    write_book(&inputs.join("stammdaten.xlsx"), &stammdaten(&rows));
    write_book(&inputs.join("2026/befragung-cedernau.xlsx"), &standard_befragung("cedernau"));
    let output = qdfh(dir.path()).args(["check", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let findings = report["diagnostics"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{report:#}");
    assert_eq!(findings[0]["cell"], "C4");
    let consequences = findings[0]["consequences"].as_array().unwrap();
    assert_eq!(consequences.len(), 1, "{report:#}");
    assert_eq!(consequences[0]["file"], "inputs/2026/befragung-cedernau.xlsx");
    assert_eq!(consequences[0]["cell"], "B2");
    assert_eq!((report["errors"].as_u64(), report["consequences"].as_u64()), (Some(1), Some(1)));
}
