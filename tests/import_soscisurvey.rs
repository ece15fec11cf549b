//! SoSci Survey data sets read through the shipped import profile
//! (`templates/import/soscisurvey.toml`), written as SoSci Survey writes
//! them: variable names in the first row (`CASE`, `SERIAL`, `REF`,
//! `QUESTNNR`, `MODE`, `STARTED`, the questions' variables such as
//! `QD03_01`, then `TIME001` …, `FINISHED`, `Q_VIEWER`, `LASTPAGE`,
//! `MAXPAGE`, `MISSING`, `MISSREL`, `TIME_RSI`, `DEG_TIME`); scale steps as
//! 1 … n, the residual option ("weiß nicht") as -1, an item not answered
//! as -9, an item never shown as an empty cell. Three downloads: the data
//! file of the GNU R format (tab-separated UTF-8, strings quoted, FINISHED
//! as T/F), CSV for Excel (semicolon, Windows-1252, a row of variable
//! descriptions under the names, FINISHED as 1/0) and Excel (the same
//! rows, numbers as numbers).

use qdfh::catalog::Catalog;
use qdfh::diagnostics::column_letters;
use qdfh::model::Answer;

use crate::common::exports::{
    Person, assert_first_shown_count, assert_same_sheets, build_form_and_export, form_respondents, inputs_with_export,
    people, qdfh, seen, shipped_profile,
};
use crate::common::workbooks::{self as wb, V, n, s};

const CSV_FILE: &str = "sosci-auenfeld-2026.csv";
const XLSX_FILE: &str = "sosci-auenfeld-2026.xlsx";

/// One cell of the data set: a number or a text (quoted in the R format),
/// `None` when empty.
#[derive(Clone, Debug, PartialEq)]
enum Cell {
    Num(f64),
    Text(String),
}

type Row = Vec<Option<Cell>>;

fn num(value: f64) -> Option<Cell> {
    Some(Cell::Num(value))
}

fn text(value: &str) -> Option<Cell> {
    Some(Cell::Text(value.to_string()))
}

/// A column: variable name and its description (the second row of the
/// Excel download).
struct Column {
    name: String,
    description: String,
}

fn column(name: &str, description: &str) -> Column {
    Column { name: name.to_string(), description: description.to_string() }
}

const LEADING: [(&str, &str); 6] = [
    ("CASE", "Interview-Nummer (fortlaufend)"),
    ("SERIAL", "Personenkennung oder Teilnahmecode (sofern verwendet)"),
    ("REF", "Referenz (sofern im Link angegeben)"),
    ("QUESTNNR", "Fragebogen, der im Interview verwendet wurde"),
    ("MODE", "Interview-Modus"),
    ("STARTED", "Zeitpunkt zu dem das Interview begonnen hat (Europe/Berlin)"),
];

const TRAILING: [(&str, &str); 13] = [
    ("TIME001", "Verweildauer Seite 1"),
    ("TIME002", "Verweildauer Seite 2"),
    ("TIME_SUM", "Verweildauer gesamt (ohne Ausreißer)"),
    ("MAILSENT", "Versandzeitpunkt der Einladungsmail (nur für nicht-anonyme Adressaten)"),
    ("LASTDATA", "Zeitpunkt als der Datensatz das letzte mal geändert wurde"),
    ("FINISHED", "Wurde die Befragung abgeschlossen (letzte Seite erreicht)?"),
    ("Q_VIEWER", "Hat der Teilnehmer den Fragebogen nur angesehen, ohne die Pflichtfragen zu beantworten?"),
    ("LASTPAGE", "Seite, die der Teilnehmer zuletzt bearbeitet hat"),
    ("MAXPAGE", "Letzte Seite, die im Fragebogen bearbeitet wurde"),
    ("MISSING", "Anteil fehlender Antworten in Prozent"),
    ("MISSREL", "Anteil fehlender Antworten (gewichtet nach Relevanz)"),
    ("TIME_RSI", "Ausfüll-Geschwindigkeit (relativ)"),
    ("DEG_TIME", "Maluspunkte für schnelles Ausfüllen"),
];

/// The columns of the documented questionnaire.
fn columns(catalog: &Catalog) -> Vec<Column> {
    let mut all: Vec<Column> = LEADING.iter().map(|(name, d)| column(name, d)).collect();
    all.push(column("PE01", "Arbeitsfeld"));
    all.push(column("PE02", "Ebene"));
    all.push(column("PE03_01", "Funktion: [01]"));
    for dim in &catalog.framework.dimensions {
        for (m, goal) in dim.topics.iter().flat_map(|t| &t.goals).enumerate() {
            let description = format!("{}: {} {}", dim.name, goal.id, goal.kurz);
            all.push(column(&format!("QD{:02}_{:02}", dim.nummer, m + 1), &description));
        }
    }
    for dim in &catalog.framework.dimensions {
        all.push(column(&format!("BD01_{:02}", dim.nummer), &format!("Entwicklungsbedarf: {}", dim.label())));
    }
    all.push(column("PE04_01", "Anmerkung: [01]"));
    all.extend(TRAILING.iter().map(|(name, d)| column(name, d)));
    all
}

/// How a scale answer is coded: the step, -1 for the residual option,
/// -9 for an item shown but not answered.
fn coded(answer: Answer) -> Option<Cell> {
    match answer {
        Answer::Value(v) => num(f64::from(v)),
        Answer::DontKnow => num(-1.0),
        Answer::Blank => num(-9.0),
    }
}

/// `finished`: how the download writes FINISHED (1 or T).
fn response(p: &Person, i: usize, finished: &Cell) -> Row {
    let mut row = vec![
        num(f64::from(p.id)),
        None,
        None,
        text("base"),
        text("interview"),
        text(&format!("2026-03-{:02} 10:{:02}:00", i + 2, i * 7)),
        num((p.sector + 1) as f64),
        num(if p.strategic { 1.0 } else { 2.0 }),
        None,
    ];
    row.extend(p.ratings.iter().map(|a| coded(*a)));
    row.extend(p.needs.iter().map(|a| coded(*a)));
    row.push(None);
    row.extend([num(30.0 + i as f64), num(200.0), num(230.0 + i as f64), None]);
    row.push(text(&format!("2026-03-{:02} 10:{:02}:00", i + 2, i * 7 + 4)));
    row.extend([Some(finished.clone()), num(0.0), num(6.0), num(6.0), num(0.0), num(0.0), num(1.1), num(3.0)]);
    row
}

/// Someone who stopped on page 2: FINISHED 0 (or F), a sector, two
/// answers (one of them not even valid), the rest never shown.
fn incomplete(catalog: &Catalog, unfinished: &Cell) -> Row {
    let width = columns(catalog).len();
    let mut row: Row = vec![None; width];
    row[0] = num(108.0);
    row[3] = text("base");
    row[4] = text("interview");
    row[5] = text("2026-03-09 11:00:00");
    row[6] = num(2.0);
    row[9] = num(7.0);
    row[10] = num(-9.0);
    row[width - 8] = Some(unfinished.clone());
    row[width - 6] = num(2.0);
    row[width - 5] = num(2.0);
    row
}

/// The data rows: seven complete responses and one incomplete.
fn responses(catalog: &Catalog, people: &[Person], finished: (&Cell, &Cell)) -> Vec<Row> {
    let mut rows: Vec<Row> = people.iter().enumerate().map(|(i, p)| response(p, i, finished.0)).collect();
    rows.push(incomplete(catalog, finished.1));
    rows
}

/// The data file of the GNU R download: tab-separated UTF-8, names and
/// texts quoted, numbers bare, FINISHED as T/F, no description row.
fn r_data_file(catalog: &Catalog, people: &[Person]) -> Vec<u8> {
    let (t, f) = (Cell::Text("T".into()), Cell::Text("F".into()));
    let header: Vec<String> = columns(catalog).iter().map(|c| format!("\"{}\"", c.name)).collect();
    let mut lines = vec![header.join("\t")];
    for row in responses(catalog, people, (&t, &f)) {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                None => String::new(),
                Some(Cell::Num(v)) => v.to_string(),
                Some(Cell::Text(t)) if t == "T" || t == "F" => t.clone(),
                Some(Cell::Text(t)) => format!("\"{t}\""),
            })
            .collect();
        lines.push(cells.join("\t"));
    }
    format!("{}\n", lines.join("\n")).into_bytes()
}

/// The rows of the Excel-style downloads: names, descriptions, responses
/// with FINISHED as 1/0.
fn excel_rows(catalog: &Catalog, people: &[Person]) -> Vec<Row> {
    let columns = columns(catalog);
    let mut rows = vec![
        columns.iter().map(|c| text(&c.name)).collect::<Row>(),
        columns.iter().map(|c| text(&c.description)).collect(),
    ];
    rows.extend(responses(catalog, people, (&Cell::Num(1.0), &Cell::Num(0.0))));
    rows
}

/// CSV for Excel: semicolon, Windows-1252, decimal comma.
fn excel_csv(rows: &[Row]) -> Vec<u8> {
    let show = |cell: &Option<Cell>| match cell {
        None => String::new(),
        Some(Cell::Num(v)) => v.to_string().replace('.', ","),
        Some(Cell::Text(t)) if t.contains(';') => format!("\"{t}\""),
        Some(Cell::Text(t)) => t.clone(),
    };
    let lines: Vec<String> = rows.iter().map(|r| r.iter().map(show).collect::<Vec<_>>().join(";")).collect();
    let text = lines.join("\r\n");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn excel_sheet(rows: &[Row]) -> Vec<wb::Sheet> {
    let cells = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    None => V::E,
                    Some(Cell::Num(v)) => n(*v),
                    Some(Cell::Text(t)) => s(t),
                })
                .collect()
        })
        .collect();
    vec![wb::sheet("Daten", cells)]
}

fn excel_bytes(rows: &[Row]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.xlsx");
    wb::write_book(&path, &excel_sheet(rows));
    std::fs::read(path).unwrap()
}

#[test]
fn every_sosci_download_reads_like_the_same_answers_in_the_form() {
    let catalog = wb::catalog();
    let profile = shipped_profile(&catalog, "soscisurvey");
    let people = people(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let expected = seen(&form_respondents(&catalog, &people, dir.path()));
    assert_eq!(expected.len(), 7);
    let rows = excel_rows(&catalog, &people);
    let variants: Vec<(&str, &str, Vec<u8>, u32)> = vec![
        ("GNU R data file, tab, T/F", CSV_FILE, r_data_file(&catalog, &people), 9),
        ("CSV for Excel, semicolon, Windows-1252", CSV_FILE, excel_csv(&rows), 10),
        ("Excel", XLSX_FILE, excel_bytes(&rows), 10),
    ];
    for (what, name, bytes, incomplete_row) in variants {
        let case = tempfile::tempdir().unwrap();
        let path = inputs_with_export(case.path(), name, &bytes);
        let reading = qdfh::ingest::read_export(&path, &catalog, &profile);
        let sheet = if name.ends_with(".xlsx") { " › Daten" } else { "" };
        let incomplete = format!(
            "Warnung: inputs/2026/{name}{sheet}: 1 unvollständige Antwort (Zeile {incomplete_row}) wird nicht gezählt"
        );
        assert_eq!(wb::messages(&reading.diagnostics, case.path()), [incomplete], "{what}");
        let survey = &reading.inputs.years[&2026].surveys[0];
        assert_eq!(survey.municipality, "auenfeld", "{what}");
        assert_eq!(seen(&survey.respondents), expected, "{what}");
    }
}

/// Where a variable is, in A1 letters.
fn column_of(rows: &[Row], name: &str) -> String {
    let index = rows[0].iter().position(|h| *h == text(name)).unwrap_or_else(|| panic!("{name}"));
    column_letters(index as u32)
}

#[test]
fn check_names_file_column_and_cell_of_what_the_profile_does_not_know() {
    let catalog = wb::catalog();
    let mut rows = excel_rows(&catalog, &people(&catalog));
    let at = |rows: &[Row], name: &str| rows[0].iter().position(|h| *h == text(name)).unwrap();
    // The third person answered goal 2.3 with a code the scale lacks, the
    // fifth has a sector code the profile does not know, the sixth left
    // the sector unanswered (-9).
    let goal = at(&rows, "QD02_03");
    rows[4][goal] = num(7.0);
    rows[6][6] = num(23.0);
    rows[7][6] = num(-9.0);
    // The last goal's item is missing, goal 1.1 comes twice, and a
    // variable of another question is there.
    let (last_dim, last_goal) = catalog.goals().last().map(|(d, g)| (d.nummer, g.id.clone())).unwrap();
    let positions = catalog.framework.dimensions.last().unwrap().topics.iter().flat_map(|t| &t.goals).count();
    let last_name = format!("QD{last_dim:02}_{positions:02}");
    let last_col = at(&rows, &last_name);
    let first_goal = at(&rows, "QD01_01");
    for row in &mut rows {
        row.remove(last_col);
        let copy = row[first_goal].clone();
        row.push(copy);
        row.push(num(1.0));
    }
    rows[0].last_mut().unwrap().replace(Cell::Text("XY01_01".into()));
    rows[1].last_mut().unwrap().replace(Cell::Text("Andere Frage: [01]".into()));
    let dir = tempfile::tempdir().unwrap();
    let path = inputs_with_export(dir.path(), CSV_FILE, &excel_csv(&rows));
    let assert = qdfh().current_dir(dir.path()).arg("check").arg(&path).assert().code(1);
    let stdout =
        String::from_utf8_lossy(&assert.get_output().stdout).replace(&format!("{}/", dir.path().display()), "");
    let lines: Vec<&str> = stdout.lines().collect();
    let file = format!("inputs/2026/{CSV_FILE}");
    let duplicate_col = column_letters(rows[0].len() as u32 - 2);
    let unknown_col = column_letters(rows[0].len() as u32 - 1);
    let expected = [
        format!("Fehler: {file}: Spalte für Entwicklungsziel {last_goal} "),
        format!("Warnung: {file}: 1 unvollständige Antwort (Zeile 10) wird nicht gezählt"),
        format!("Fehler: {file} › {duplicate_col}1: Spalte „QD01_01“ (Entwicklungsziel 1.1 "),
        format!("Warnung: {file} › {unknown_col}1: unbekannte Spalte „XY01_01“ wird ignoriert"),
        format!(
            "Fehler: {file} › {}5: „7“ ist keine gültige Antwort (erlaubt laut Profil SoSci Survey: -1 oder 1–6, ",
            column_of(&rows, "QD02_03")
        ),
        format!("Fehler: {file} › G7: „23“ ist kein bekannter Sektor (erlaubt laut Profil SoSci Survey: Codes "),
        format!("Fehler: {file} › G8: Pflichtangabe „Sektor“ fehlt"),
    ];
    assert_eq!(lines.len(), expected.len() + 1, "{stdout}");
    for (line, start) in lines.iter().zip(&expected) {
        assert!(line.starts_with(start.as_str()), "expected {start}…\n{stdout}");
    }
    assert!(lines[0].contains(&format!("Fragecode „{last_name}“")), "{stdout}");
    assert_eq!(lines[expected.len()], "1 Datei geprüft, 5 Fehler, 2 Warnungen");
}

#[test]
fn a_response_without_finished_is_incomplete_whatever_it_holds() {
    let catalog = wb::catalog();
    let people = people(&catalog);
    let mut rows = excel_rows(&catalog, &people);
    // The second person answered everything but closed the browser on
    // the last page: FINISHED is 0.
    let finished = rows[0].iter().position(|h| *h == text("FINISHED")).unwrap();
    rows[3][finished] = num(0.0);
    let dir = tempfile::tempdir().unwrap();
    let path = inputs_with_export(dir.path(), XLSX_FILE, &excel_bytes(&rows));
    let reading = qdfh::ingest::read_export(&path, &catalog, &shipped_profile(&catalog, "soscisurvey"));
    assert_eq!(
        wb::messages(&reading.diagnostics, dir.path()),
        [format!(
            "Warnung: inputs/2026/{XLSX_FILE} › Daten: 2 unvollständige Antworten (Zeilen 4, 10) werden nicht gezählt"
        )]
    );
    let ids: Vec<&str> = reading.inputs.years[&2026].surveys[0].respondents.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["101", "103", "104", "105", "106", "107"]);
}

#[test]
fn a_sosci_export_gives_the_same_summary_as_the_form() {
    let catalog = wb::catalog();
    let people = people(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let export = excel_bytes(&excel_rows(&catalog, &people));
    let (sheets_form, sheets_export, listed) = build_form_and_export(&catalog, &people, dir.path(), XLSX_FILE, &export);
    assert!(listed.contains(&format!("{XLSX_FILE} › Daten: 1 unvollständige Antwort (Zeile 10)")), "{listed}");
    assert_same_sheets(&sheets_form, &sheets_export, &["Prüfbericht"]);
    assert_first_shown_count(&catalog, &people, &sheets_export);
}

/// The Excel download under the name SoSci gave it, with an Info sheet
/// added by the coordinator: read like the named export; a wrong profile,
/// municipality or year is named at its Info cell.
#[test]
fn an_excel_export_with_its_own_info_sheet_keeps_its_name() {
    let catalog = wb::catalog();
    let people = people(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let expected = seen(&form_respondents(&catalog, &people, dir.path()));
    let rows = excel_rows(&catalog, &people);
    let with_info = |profile: &str, municipality: &str, year: f64| {
        let info = wb::info(
            "Umfrage-Export",
            &[("Import-Profil", s(profile)), ("Kommune", s(municipality)), ("Jahr", n(year))],
        );
        let mut sheets = excel_sheet(&rows);
        sheets.insert(0, info);
        sheets
    };
    let case = tempfile::tempdir().unwrap();
    let inputs = case.path().join("inputs");
    wb::write_book(&inputs.join("stammdaten.xlsx"), &wb::standard_stammdaten());
    let path = inputs.join("2026/data_qdfh_2026-03-31_10-15.xlsx");
    wb::write_book(&path, &with_info("SoSci Survey", "auenfeld", 2026.0));
    let (read, diags) = qdfh::ingest::read_inputs(&inputs, &catalog);
    let name = "inputs/2026/data_qdfh_2026-03-31_10-15.xlsx";
    let incomplete = format!("Warnung: {name} › Daten: 1 unvollständige Antwort (Zeile 10) wird nicht gezählt");
    assert_eq!(wb::messages(&diags, case.path()), [incomplete]);
    let survey = &read.years[&2026].surveys[0];
    assert_eq!(survey.municipality, "auenfeld");
    assert_eq!(seen(&survey.respondents), expected);

    wb::write_book(&path, &with_info("Umfragetool", "atlantis", 2025.0));
    let (read, diags) = qdfh::ingest::read_inputs(&inputs, &catalog);
    let messages = wb::messages(&diags, case.path());
    assert_eq!(
        messages,
        [
            format!(
                "Fehler: {name} › Info › B2: „Umfragetool“ ist kein bekanntes Import-Profil (vorhanden: LimeSurvey, Microsoft Forms, SoSci Survey)"
            ),
            format!("Fehler: {name} › Info › B3: Kommune „atlantis“ steht nicht in den Stammdaten (Spalte ID)"),
            format!(
                "Fehler: {name} › Info › B4: Jahr 2025 passt nicht zum Ordner 2026/; bitte das Jahr oder den Ablageort korrigieren"
            ),
        ]
    );
    assert!(read.years.get(&2026).is_none_or(|y| y.surveys.is_empty()));
}
