//! The Excel summary read back with calamine: the analysis figures are found
//! exactly, suppressed figures are empty cells, and two builds are identical.

use crate::common;

use calamine::{Data, Reader, Xlsx};
use common::render::FixtureDocs;
use qdfh::documents::Subject;

fn workbook_bytes() -> Vec<u8> {
    FixtureDocs::new().make("zusammenfassung", Subject::State)
}

fn sheet(bytes: &[u8], name: &str) -> calamine::Range<Data> {
    let mut xlsx = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    xlsx.worksheet_range(name).unwrap()
}

fn find_row<'a>(range: &'a calamine::Range<Data>, first: &str, col: usize, value: &str) -> &'a [Data] {
    range.rows().find(|r| r[0] == first && r[col] == value).unwrap_or_else(|| panic!("no row {first}/{value}"))
}

#[test]
fn statements_sheet_holds_the_hand_computed_figures() {
    let bytes = workbook_bytes();
    let range = sheet(&bytes, "Aussagen");
    let headers: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let at = |h: &str| headers.iter().position(|x| x == h).unwrap();
    let row = find_row(&range, "a", at("Ziel-Nr."), "3.1");
    // Hand computation in analysis_hand.rs: n 4, mean 4.25, median 4.5,
    // sd sqrt(8.75/3), Top-2 50 % (stored as 0.5), cluster 3.625, change 2.25.
    assert_eq!(row[at("n")], Data::Float(4.0));
    assert_eq!(row[at("Mittelwert")], Data::Float(4.25));
    assert_eq!(row[at("Median")], Data::Float(4.5));
    assert_eq!(row[at("SD")], Data::Float((8.75f64 / 3.0).sqrt()));
    assert_eq!(row[at("Top-2")], Data::Float(0.5));
    assert_eq!(row[at("Cluster-MW")], Data::Float(3.625));
    assert_eq!(row[at("Veränderung")], Data::Float(2.25));
    // Goal 3.2 has 2 answers: hidden, so the cells are empty, never zero.
    let hidden = find_row(&range, "a", at("Ziel-Nr."), "3.2");
    assert_eq!(hidden[at("Status")].to_string(), "zu wenige Angaben");
    assert_eq!(hidden[at("Mittelwert")], Data::Empty);
    assert_eq!(hidden[at("n")], Data::Empty);
}

#[test]
fn overview_sheet_has_dimension_means_and_hidden_cells() {
    let bytes = workbook_bytes();
    let range = sheet(&bytes, "Übersicht");
    let headers: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let qd3 = headers.iter().position(|h| h == "QD3 Netzwerk").unwrap();
    let a = find_row(&range, "a", 0, "a");
    assert_eq!(a[qd3], Data::Float(4.25));
    // d has 2 respondents: hidden (empty cell).
    let d = find_row(&range, "d", 0, "d");
    assert_eq!(d[qd3], Data::Empty);
    // The state row: mean of a 4.25, b 3, c 3 = 10.25 / 3.
    let land = find_row(&range, "Land", 0, "Land");
    assert_eq!(land[qd3], Data::Float(10.25 / 3.0));
}

#[test]
fn actions_sheet_marks_overdue_rows() {
    let bytes = workbook_bytes();
    let range = sheet(&bytes, "Maßnahmen");
    let overdue: Vec<String> = range.rows().skip(1).map(|r| r[10].to_string()).collect();
    assert_eq!(overdue.iter().filter(|x| *x == "ja").count(), 1);
    assert_eq!(overdue.len(), 3);
}

#[test]
fn feedback_sheet_has_the_hand_computed_satisfaction() {
    let bytes = workbook_bytes();
    let range = sheet(&bytes, "Rückmeldung");
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(ToString::to_string).collect()).collect();
    assert_eq!(rows[0], ["ID", "Kommune", "Rückmeldebögen", "Zufriedenheit MW", "zufrieden (Top-2)", "Status"]);
    // Only a has a workshop: feedback 5, 4, 4, 2 → n 4, mean 3,75, 4 or 5: 75 %.
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][0], "a");
    assert_eq!(rows[1][2], "4");
    assert!((calamine::DataType::as_f64(range.get((1, 3)).unwrap()).unwrap() - 3.75).abs() < 1e-9);
    let share = calamine::DataType::as_f64(range.get((1, 4)).unwrap()).unwrap();
    assert!((share - 0.75).abs() < 1e-9 || (share - 75.0).abs() < 1e-9, "{share}");
    assert_eq!(rows[1][5], "gezeigt");
}

#[test]
fn every_required_sheet_exists() {
    let bytes = workbook_bytes();
    let xlsx = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let names = xlsx.sheet_names();
    for expected in [
        "Übersicht",
        "Aussagen",
        "Cluster",
        "Polaritätsprofil",
        "Erfolgsfaktoren",
        "Beteiligung",
        "Rückmeldung",
        "Kennzahlen",
        "Kennzahlen-Verlauf",
        "Maßnahmen",
        "Prüfbericht",
        "Methodik",
    ] {
        assert!(names.iter().any(|n| n == expected), "missing sheet {expected}: {names:?}");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    assert_eq!(workbook_bytes(), workbook_bytes());
}

#[test]
fn libreoffice_opens_the_workbook() {
    if !common::require_tool("soffice") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zusammenfassung.xlsx");
    std::fs::write(&path, workbook_bytes()).unwrap();
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    assert!(dir.path().join("zusammenfassung.pdf").exists(), "{status:?}");
}

#[test]
fn the_indicator_course_has_one_row_per_municipality_indicator_and_year() {
    let mut docs = FixtureDocs::new();
    docs.inputs = crate::analysis_hand::indicator_inputs();
    let bytes = docs.make("zusammenfassung", Subject::State);
    let range = sheet(&bytes, "Kennzahlen-Verlauf");
    let rows: Vec<Vec<String>> = range.rows().skip(1).map(|r| r.iter().map(ToString::to_string).collect()).collect();
    // a: Netzwerkpartner in 2024, 2025, 2026 (15, 20, 24), target 30 only in
    // 2026 and not reached; Gesundheitsfachkräfte in 2026 (1,5, target 1: reached).
    let partners: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .filter(|r| r[2] == "Netzwerkpartner")
        .map(|r| (r[6].as_str(), r[7].as_str(), r[8].as_str(), r[9].as_str()))
        .collect();
    assert_eq!(partners, [("2024", "15", "", ""), ("2025", "20", "", ""), ("2026", "24", "30", "nein")]);
    let staff: Vec<&Vec<String>> = rows.iter().filter(|r| r[2].starts_with("Gesundheitsfachkräfte")).collect();
    assert_eq!(staff.len(), 1);
    assert_eq!(
        (staff[0][6].as_str(), staff[0][7].as_str(), staff[0][8].as_str(), staff[0][9].as_str()),
        ("2026", "1.5", "1", "ja")
    );
    assert_eq!(rows[0][4], "höher ist besser");
    assert_eq!(rows[0][5], "QD3 Netzwerk");
    assert_eq!(rows.len(), 4, "{rows:?}");
}
