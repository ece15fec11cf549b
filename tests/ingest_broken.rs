//! Broken and misplaced files: each gives one exact German message, never a
//! panic, and every other workbook of the folder is still read.

use std::path::Path;

use crate::common::workbooks::*;
use qdfh::diagnostics::Diagnostics;
use qdfh::model::Inputs;

/// Writes the standard folder plus one extra file, reads it, and checks
/// that the extra file got exactly `expected` and nothing else changed.
fn check_extra(name: &str, bytes: &[u8], expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    let path = inputs.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    let (read, diags) = read(dir.path());
    assert_eq!(messages(&diags, dir.path()), expected);
    assert_standard_read(&read);
}

fn read(root: &Path) -> (Inputs, Diagnostics) {
    qdfh::ingest::read_inputs(&root.join("inputs"), &catalog())
}

fn xlsx_bytes(sheets: &[Sheet]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.xlsx");
    write_book(&path, sheets);
    std::fs::read(path).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest").join(name)).unwrap()
}

#[test]
fn a_truncated_xlsx_is_reported_as_broken() {
    let mut bytes = xlsx_bytes(&standard_befragung("cedernau"));
    bytes.truncate(bytes.len() / 2);
    check_extra(
        "2026/kaputt.xlsx",
        &bytes,
        &[
            "Fehler: inputs/2026/kaputt.xlsx: Die Datei ist beschädigt oder keine Excel-/ODS-Arbeitsmappe und kann nicht gelesen werden",
        ],
    );
}

#[test]
fn a_password_protected_xlsx_asks_for_saving_without_password() {
    check_extra(
        "2026/geschuetzt.xlsx",
        &encrypted_ooxml(),
        &[
            "Fehler: inputs/2026/geschuetzt.xlsx: Die Datei ist mit einem Kennwort geschützt; bitte ohne Kennwort (Dateischutz) speichern",
        ],
    );
}

#[test]
fn password_protected_xls_and_ods_made_by_libreoffice_are_reported() {
    for name in ["kennwort.xls", "kennwort.ods"] {
        let message = format!(
            "Fehler: inputs/2026/{name}: Die Datei ist mit einem Kennwort geschützt; bitte ohne Kennwort (Dateischutz) speichern"
        );
        check_extra(&format!("2026/{name}"), &fixture(name), &[&message]);
    }
}

#[test]
fn an_empty_file_is_reported() {
    check_extra(
        "2026/leer.xlsx",
        b"",
        &[
            "Fehler: inputs/2026/leer.xlsx: Die Datei ist leer (0 Byte); bitte die ausgefüllte Arbeitsmappe erneut speichern",
        ],
    );
}

#[test]
fn a_text_file_renamed_to_xlsx_is_not_a_spreadsheet() {
    check_extra(
        "2026/notizen.xlsx",
        "Person;Sektor\n1;Kita\n".as_bytes(),
        &[
            "Fehler: inputs/2026/notizen.xlsx: Die Datei ist keine Tabelle (weder Excel noch OpenDocument); bitte als .xlsx speichern",
        ],
    );
}

#[test]
fn a_pdf_renamed_to_xlsx_is_not_a_spreadsheet() {
    check_extra(
        "2026/bericht.xlsx",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        &[
            "Fehler: inputs/2026/bericht.xlsx: Die Datei ist ein PDF-Dokument, keine Tabelle; bitte die Excel- oder ODS-Datei ablegen",
        ],
    );
}

#[test]
fn a_workbook_without_info_sheet_is_reported() {
    let mut sheets = standard_befragung("cedernau");
    sheets.remove(0);
    check_extra(
        "2026/ohne-info.xlsx",
        &xlsx_bytes(&sheets),
        &[
            "Fehler: inputs/2026/ohne-info.xlsx: Blatt „Info“ fehlt (vorhandene Blätter: Befragung); ohne Info › Formular ist unklar, was die Datei enthält – bitte ein Formular aus „qdfh forms“ verwenden",
        ],
    );
}

#[test]
fn a_survey_without_its_data_sheet_is_reported() {
    let mut sheets = standard_befragung("cedernau");
    sheets.truncate(1);
    check_extra(
        "2026/ohne-daten.xlsx",
        &xlsx_bytes(&sheets),
        &["Fehler: inputs/2026/ohne-daten.xlsx: Blatt „Befragung“ fehlt"],
    );
}

#[test]
fn an_unknown_form_is_reported_at_its_cell() {
    let mut sheets = standard_befragung("cedernau");
    sheets[0] = info("Umfrage", &[]);
    check_extra(
        "2026/umfrage.xlsx",
        &xlsx_bytes(&sheets),
        &[
            "Fehler: inputs/2026/umfrage.xlsx › Info › B1: „Umfrage“ ist kein bekanntes Formular (erlaubt: Stammdaten, Befragung, Werkstatt, Kennzahlen, Fragebogen, Standards)",
        ],
    );
}

#[test]
fn office_lock_files_and_hidden_files_are_skipped_silently() {
    check_extra("2026/~$befragung-auenfeld.xlsx", b"lock", &[]);
    check_extra("2026/.~lock.befragung-auenfeld.xlsx#", b"lock", &[]);
    check_extra(".DS_Store", b"\0\0\0\x01Bud1", &[]);
    check_extra("2026/Thumbs.db", b"x", &[]);
}

#[test]
fn other_files_are_skipped_with_a_warning() {
    check_extra(
        "README.txt",
        b"Hinweise",
        &[
            "Warnung: inputs/README.txt: Keine Tabellendatei, wird übersprungen (gelesen werden .xlsx, .xlsm, .xls und .ods)",
        ],
    );
    check_extra(
        "2026/export.csv",
        b"a;b",
        &[
            "Warnung: inputs/2026/export.csv: CSV-Datei wird übersprungen: bitte als Excel-Arbeitsmappe (.xlsx) speichern",
        ],
    );
}

#[test]
fn a_survey_at_the_top_level_belongs_in_a_year_folder() {
    check_extra(
        "befragung-cedernau.xlsx",
        &xlsx_bytes(&standard_befragung("cedernau")),
        &[
            "Fehler: inputs/befragung-cedernau.xlsx › Info › B1: Diese Datei (Formular Befragung) gehört in einen Jahresordner wie inputs/2026/, nicht direkt nach inputs/",
        ],
    );
}

#[test]
fn stammdaten_in_a_year_folder_are_misplaced() {
    check_extra(
        "2026/stammdaten-kopie.xlsx",
        &xlsx_bytes(&standard_stammdaten()),
        &[
            "Fehler: inputs/2026/stammdaten-kopie.xlsx › Info › B1: Stammdaten gehören direkt in den Eingabeordner (inputs/), nicht in den Jahresordner 2026/",
        ],
    );
}

#[test]
fn a_year_that_disagrees_with_its_folder_is_an_error() {
    check_extra(
        "2026/befragung-cedernau.xlsx",
        &xlsx_bytes(&befragung("cedernau", 2025.0, vec![])),
        &[
            "Fehler: inputs/2026/befragung-cedernau.xlsx › Info › B3: Jahr 2025 passt nicht zum Ordner 2026/; bitte das Jahr oder den Ablageort korrigieren",
            "Warnung: inputs/2026/befragung-cedernau.xlsx › Befragung: Die Befragung enthält keine Antworten",
        ],
    );
}

#[test]
fn unexpected_folders_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    write_book(&inputs.join("alt/befragung-cedernau.xlsx"), &standard_befragung("cedernau"));
    write_book(&inputs.join("2026/entwurf/befragung-cedernau.xlsx"), &standard_befragung("cedernau"));
    std::fs::create_dir_all(inputs.join(".git")).unwrap();
    let (read, diags) = read(dir.path());
    assert_eq!(
        messages(&diags, dir.path()),
        [
            "Warnung: inputs/alt: Ordner wird übersprungen: Jahresordner heißen wie das Jahr, z. B. 2026",
            "Warnung: inputs/2026/entwurf: Ordner wird übersprungen: in Ordnern im Jahresordner werden nur Fragebögen gelesen; andere Dateien gehören direkt in den Jahresordner",
        ]
    );
    assert_standard_read(&read);
}

#[test]
fn a_folder_without_stammdaten_is_an_error_once() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    std::fs::remove_file(inputs.join("stammdaten.xlsx")).unwrap();
    let (read, diags) = read(dir.path());
    assert_eq!(
        messages(&diags, dir.path()),
        [
            "Fehler: inputs: Keine Stammdaten gefunden: eine Arbeitsmappe mit Info › Formular „Stammdaten“ gehört direkt in inputs/"
        ]
    );
    assert!(read.municipalities.is_empty());
    assert_eq!(read.years[&2026].surveys.len(), 2);
}

#[test]
fn a_missing_path_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (_, diags) = read(dir.path());
    assert_eq!(messages(&diags, dir.path()), ["Fehler: inputs: Ordner oder Datei nicht gefunden"]);
}

#[test]
fn many_broken_files_together_leave_the_good_ones_readable() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    let mut truncated = xlsx_bytes(&standard_befragung("cedernau"));
    truncated.truncate(300);
    for (name, bytes) in [
        ("2026/a.xlsx", truncated),
        ("2026/b.xlsx", Vec::new()),
        ("2026/c.xlsx", encrypted_ooxml()),
        ("2026/d.xls", b"plain text".to_vec()),
        ("2026/e.ods", b"%PDF-1.4".to_vec()),
        ("2026/f.xlsm", vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]),
    ] {
        std::fs::write(inputs.join(name), bytes).unwrap();
    }
    let (read, diags) = read(dir.path());
    let files: Vec<String> = messages(&diags, dir.path()).iter().map(|m| m[..23].to_string()).collect();
    assert_eq!(
        files,
        [
            "Fehler: inputs/2026/a.x",
            "Fehler: inputs/2026/b.x",
            "Fehler: inputs/2026/c.x",
            "Fehler: inputs/2026/d.x",
            "Fehler: inputs/2026/e.o",
            "Fehler: inputs/2026/f.x",
        ]
    );
    assert_standard_read(&read);
}
