//! Microsoft Forms responses read through the shipped import profile
//! (`templates/import/msforms.toml`), written as Forms writes its Excel
//! file: one row per submitted response; first `ID`, `Start time`,
//! `Completion time`, `Email`, `Name`, `Last modified time` (or the German
//! headings), then one column per question headed by its text; a Likert
//! question gives one column per statement, headed by the statement alone;
//! answers are the text of the chosen option. Forms may put the columns
//! in another order than the questions, so the test shuffles them.

use qdfh::catalog::Catalog;
use qdfh::diagnostics::column_letters;
use qdfh::model::Answer;

use crate::common::exports::{
    Person, assert_first_shown_count, assert_same_sheets, build_form_and_export, form_respondents, inputs_with_export,
    people, qdfh, seen, shipped_profile,
};
use crate::common::workbooks::{self as wb, V, n, s};

const FILE: &str = "msforms-auenfeld-2026.xlsx";
const SHEET: &str = "Sheet1";

const SECTOR_QUESTION: &str = "In welchem Arbeitsfeld sind Sie tätig?";
const LEVEL_QUESTION: &str = "Auf welcher Ebene arbeiten Sie im Netzwerk?";

/// The headings Forms writes before the questions.
#[derive(Clone, Copy, PartialEq)]
enum Language {
    English,
    German,
}

fn leading(language: Language) -> [&'static str; 6] {
    match language {
        Language::English => ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"],
        Language::German => ["ID", "Startzeit", "Fertigstellungszeit", "E-Mail", "Name", "Letzte Änderungszeit"],
    }
}

/// The headings of the documented form: sector, level and function
/// questions, one statement per goal ("3.1 Relevante Partner …"), one
/// per dimension for the need ("QD3 Netzwerk"), the comment.
fn header(catalog: &Catalog, language: Language) -> Vec<String> {
    let mut all: Vec<String> = leading(language).iter().map(|h| h.to_string()).collect();
    all.extend([SECTOR_QUESTION, LEVEL_QUESTION, "Welche Funktion haben Sie?"].map(String::from));
    all.extend(catalog.goals().map(|(_, goal)| format!("{} {}", goal.id, goal.kurz)));
    all.extend(catalog.framework.dimensions.iter().map(|dim| dim.label()));
    all.push("Möchten Sie noch etwas anmerken?".into());
    all
}

/// An answer as the text of the option chosen, blank when skipped.
fn label(answer: Answer, scale: &qdfh::catalog::Scale) -> V {
    match answer {
        Answer::Value(v) => s(scale.label(v).unwrap()),
        Answer::DontKnow => s("weiß nicht"),
        Answer::Blank => V::E,
    }
}

fn response(catalog: &Catalog, p: &Person, i: usize) -> Vec<V> {
    let (rating, need) = (catalog.scale("zustimmung"), catalog.scale("bedarf"));
    let mut row = vec![
        n(f64::from(p.id)),
        V::D(2026, 3, 2 + i as u8),
        V::D(2026, 3, 2 + i as u8),
        s("anonymous"),
        V::E,
        V::E,
        s(p.sector_name(catalog)),
        s(p.level()),
        V::E,
    ];
    row.extend(p.ratings.iter().map(|a| label(*a, rating)));
    row.extend(p.needs.iter().map(|a| label(*a, need)));
    row.push(V::E);
    row
}

/// The rows of the export: heading and one row per person.
fn export_rows(catalog: &Catalog, people: &[Person], language: Language) -> Vec<Vec<V>> {
    let mut rows = vec![header(catalog, language).iter().map(|h| s(h)).collect::<Vec<_>>()];
    rows.extend(people.iter().enumerate().map(|(i, p)| response(catalog, p, i)));
    rows
}

/// A row typed into the workbook by hand after the download: no
/// completion time, so not a submitted response.
fn typed_row(catalog: &Catalog, width: usize) -> Vec<V> {
    let mut row = vec![V::E; width];
    row[0] = n(108.0);
    row[6] = s(&catalog.material.sectors[1].name);
    row[9] = s("stimme voll zu");
    row
}

/// The same columns in another order: Forms does not promise to keep
/// the order of the questions (needs first, then the goals backwards).
fn shuffled(rows: &[Vec<V>], goals: usize) -> Vec<Vec<V>> {
    let order: Vec<usize> = (0..9).chain(9 + goals..rows[0].len()).chain((9..9 + goals).rev()).collect();
    rows.iter().map(|row| order.iter().map(|&i| row[i].clone()).collect()).collect()
}

fn write_export(rows: Vec<Vec<V>>) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.xlsx");
    wb::write_book(&path, &[wb::sheet(SHEET, rows)]);
    std::fs::read(path).unwrap()
}

#[test]
fn every_forms_export_reads_like_the_same_answers_in_the_form() {
    let catalog = wb::catalog();
    let profile = shipped_profile(&catalog, "msforms");
    let people = people(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let expected = seen(&form_respondents(&catalog, &people, dir.path()));
    assert_eq!(expected.len(), 7);
    let english = export_rows(&catalog, &people, Language::English);
    let goals = catalog.goals().count();
    let variants = [
        ("English headings", english.clone()),
        ("German headings", export_rows(&catalog, &people, Language::German)),
        ("columns out of order", shuffled(&english, goals)),
    ];
    for (what, rows) in variants {
        let case = tempfile::tempdir().unwrap();
        let path = inputs_with_export(case.path(), FILE, &write_export(rows));
        let reading = qdfh::ingest::read_export(&path, &catalog, &profile);
        assert_eq!(wb::messages(&reading.diagnostics, case.path()), Vec::<String>::new(), "{what}");
        let survey = &reading.inputs.years[&2026].surveys[0];
        assert_eq!(survey.municipality, "auenfeld", "{what}");
        assert_eq!(seen(&survey.respondents), expected, "{what}");
    }
}

#[test]
fn a_row_without_completion_time_is_left_out_and_counted() {
    let catalog = wb::catalog();
    let people = people(&catalog);
    let mut rows = export_rows(&catalog, &people, Language::German);
    let width = rows[0].len();
    rows.push(typed_row(&catalog, width));
    let dir = tempfile::tempdir().unwrap();
    let path = inputs_with_export(dir.path(), FILE, &write_export(rows));
    let reading = qdfh::ingest::read_export(&path, &catalog, &shipped_profile(&catalog, "msforms"));
    assert_eq!(
        wb::messages(&reading.diagnostics, dir.path()),
        [format!("Warnung: inputs/2026/{FILE} › {SHEET}: 1 unvollständige Antwort (Zeile 9) wird nicht gezählt")]
    );
    assert_eq!(reading.inputs.years[&2026].surveys[0].respondents.len(), 7);
}

/// Where a heading is, in A1 letters.
fn column_of(rows: &[Vec<V>], heading: &str) -> (usize, String) {
    let index = rows[0].iter().position(|h| matches!(h, V::S(t) if t == heading)).unwrap();
    (index, column_letters(index as u32))
}

#[test]
fn check_names_file_column_and_cell_of_what_the_profile_does_not_know() {
    let catalog = wb::catalog();
    let mut rows = export_rows(&catalog, &people(&catalog), Language::English);
    // An option the scale lacks (third person, goal 2.3), a sector that
    // is not in the catalog (fifth person).
    let goal = catalog.goals().find(|(_, g)| g.id == "2.3").map(|(_, g)| format!("2.3 {}", g.kurz)).unwrap();
    let (goal_index, goal_col) = column_of(&rows, &goal);
    rows[3][goal_index] = s("stimme teilweise zu");
    let (sector_index, sector_col) = column_of(&rows, SECTOR_QUESTION);
    rows[5][sector_index] = s("Schule");
    // The last goal's statement is missing, the statement of goal 1.1
    // is there twice, and a question of another survey is there.
    let (last_goal, last_kurz) = catalog.goals().last().map(|(_, g)| (g.id.clone(), g.kurz.clone())).unwrap();
    let (last_index, _) = column_of(&rows, &format!("{last_goal} {last_kurz}"));
    let first = catalog.goals().next().map(|(_, g)| format!("{} {}", g.id, g.kurz)).unwrap();
    let (first_index, _) = column_of(&rows, &first);
    for row in &mut rows {
        row.remove(last_index);
        let copy = row[first_index].clone();
        row.push(copy);
        row.push(s("Zeitung"));
    }
    *rows[0].last_mut().unwrap() = s("Wie haben Sie von der Befragung erfahren?");
    let dir = tempfile::tempdir().unwrap();
    let path = inputs_with_export(dir.path(), FILE, &write_export(rows.clone()));
    let assert = qdfh().current_dir(dir.path()).arg("check").arg(&path).assert().code(1);
    let stdout =
        String::from_utf8_lossy(&assert.get_output().stdout).replace(&format!("{}/", dir.path().display()), "");
    let lines: Vec<&str> = stdout.lines().collect();
    let place = format!("inputs/2026/{FILE} › {SHEET}");
    let duplicate_col = column_letters(rows[0].len() as u32 - 2);
    let unknown_col = column_letters(rows[0].len() as u32 - 1);
    let expected = [
        format!("Fehler: {place}: Spalte für Entwicklungsziel {last_goal} "),
        format!("Fehler: {place} › {duplicate_col}1: Spalte „1.1 "),
        format!("Warnung: {place} › {unknown_col}1: unbekannte Spalte „Wie haben Sie von der Befragung erfahren?“"),
        format!(
            "Fehler: {place} › {goal_col}4: „stimme teilweise zu“ ist keine gültige Antwort (erlaubt laut Profil Microsoft Forms: 1–6, stimme gar nicht zu … stimme voll zu, weiß nicht)"
        ),
        format!(
            "Fehler: {place} › {sector_col}6: „Schule“ ist kein bekannter Sektor (erlaubt laut Profil Microsoft Forms: Netzwerkkoordination, "
        ),
    ];
    assert_eq!(lines.len(), expected.len() + 1, "{stdout}");
    for (line, start) in lines.iter().zip(&expected) {
        assert!(line.starts_with(start.as_str()), "expected {start}…\n{stdout}");
    }
    assert!(lines[0].contains(&format!("Fragetext „{last_goal}*“")), "{stdout}");
    assert_eq!(lines[expected.len()], "1 Datei geprüft, 4 Fehler, 1 Warnung");
}

#[test]
fn a_forms_export_gives_the_same_summary_as_the_form() {
    let catalog = wb::catalog();
    let people = people(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let export = write_export(export_rows(&catalog, &people, Language::German));
    let (sheets_form, sheets_export, _) = build_form_and_export(&catalog, &people, dir.path(), FILE, &export);
    assert_same_sheets(&sheets_form, &sheets_export, &[]);
    assert_first_shown_count(&catalog, &people, &sheets_export);
}
