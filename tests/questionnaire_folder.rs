//! Questionnaires (`Fragebogen`, one person per file) in a folder of the
//! year: read as the municipality's survey with the same figures as the
//! same answers in the Befragung workbook, with findings that name file,
//! sheet and cell, and held back as a whole while one of them is faulty.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use qdfh::catalog::Catalog;
use qdfh::forms::{FormData, FormInfo, Row, Value, answer_value, write_form};
use qdfh::ingest::schema::{ColumnKey, FormKind, sheet};
use qdfh::model::Answer;

use crate::common::workbooks::{self as wb, V, n, s};

fn qdfh() -> Command {
    Command::cargo_bin("qdfh").unwrap()
}

/// One network actor's answers.
pub(crate) struct Person {
    id: String,
    sector: &'static str,
    level: &'static str,
    ratings: Vec<Answer>,
    needs: Vec<Answer>,
}

const SECTORS: [&str; 4] = ["Netzwerkkoordination", "Kindertagesstätte", "Jobcenter", "Kinderarztpraxis"];

/// Six people whose answers differ by person and item, with some "weiß
/// nicht" and some blank answers.
pub(crate) fn people(catalog: &Catalog) -> Vec<Person> {
    let answer = |i: usize, k: usize, max: usize| match (i * 5 + k * 7 + i * k) % 13 {
        0 => Answer::DontKnow,
        1 => Answer::Blank,
        x => Answer::Value(((x + i) % max + 1) as u8),
    };
    let goals = catalog.goals().count();
    let dims = catalog.framework.dimensions.len();
    (0..6)
        .map(|i| Person {
            id: format!("person-{:02}", i + 1),
            sector: SECTORS[i % SECTORS.len()],
            level: if i % 3 == 0 { "strategisch" } else { "operativ" },
            ratings: (0..goals).map(|k| answer(i, k, 6)).collect(),
            needs: (0..dims).map(|k| answer(i, k + 3, 4)).collect(),
        })
        .collect()
}

/// A person's questionnaire as qdfh's own form writes it; every second
/// person types numbers instead of choosing labels.
pub(crate) fn questionnaire(catalog: &Catalog, person: &Person, typed: bool) -> FormData {
    let info =
        FormInfo { municipality: Some("auenfeld".into()), year: Some(2026), ..FormInfo::blank(FormKind::Fragebogen) };
    let mut form = FormData::new(info);
    let mut row = Row::new();
    row.insert(ColumnKey::Fixed("Sektor"), Value::from(person.sector));
    row.insert(ColumnKey::Fixed("Ebene"), Value::from(person.level));
    let (rating, need) = (catalog.scale("zustimmung"), catalog.scale("bedarf"));
    for ((_, goal), answer) in catalog.goals().zip(&person.ratings) {
        if let Some(value) = answer_value(rating, *answer, typed) {
            row.insert(ColumnKey::Goal(goal.id.clone()), value);
        }
    }
    for (dim, answer) in catalog.framework.dimensions.iter().zip(&person.needs) {
        if let Some(value) = answer_value(need, *answer, typed) {
            row.insert(ColumnKey::Need(dim.id.clone()), value);
        }
    }
    form.sheet(sheet::FRAGEBOGEN).push(row);
    form
}

/// Writes one questionnaire per person into `folder`.
pub(crate) fn write_questionnaires(catalog: &Catalog, people: &[Person], folder: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(folder).unwrap();
    let mut paths = Vec::new();
    for (i, person) in people.iter().enumerate() {
        let path = folder.join(format!("{}.xlsx", person.id));
        write_form(&path, catalog, &questionnaire(catalog, person, i % 2 == 1)).unwrap();
        paths.push(path);
    }
    paths
}

/// The same answers in the Befragung workbook, one row per person.
fn survey_sheets(people: &[Person]) -> Vec<wb::Sheet> {
    let cell = |a: &Answer| match a {
        Answer::Value(v) => n(f64::from(*v)),
        Answer::DontKnow => s("weiß nicht"),
        Answer::Blank => V::E,
    };
    let rows = people
        .iter()
        .map(|p| {
            let mut row = vec![s(&p.id), s(p.sector), s(p.level), V::E];
            row.extend(p.ratings.iter().map(cell));
            row.extend(p.needs.iter().map(cell));
            row.push(V::E);
            row
        })
        .collect();
    wb::befragung("auenfeld", 2026.0, rows)
}

fn summary_sheets(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| (name.clone(), book.worksheet_range(&name).unwrap().rows().map(<[Data]>::to_vec).collect()))
        .collect()
}

/// The row (1-based) of the entry `key` in a questionnaire, read with
/// calamine rather than qdfh.
fn row_of(path: &Path, key: &str) -> u32 {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(sheet::FRAGEBOGEN).unwrap();
    let start = range.start().unwrap().0;
    let index = range.rows().position(|r| r[0] == key).unwrap();
    start + index as u32 + 1
}

/// Overwrites the answer cell of `key` in a written questionnaire by
/// writing the form again with that one value.
fn answer_in_file(catalog: &Catalog, person: &Person, folder: &Path, key: ColumnKey, value: &str) {
    let mut form = questionnaire(catalog, person, false);
    form.rows.get_mut(sheet::FRAGEBOGEN).unwrap()[0].insert(key, Value::from(value));
    write_form(&folder.join(format!("{}.xlsx", person.id)), catalog, &form).unwrap();
}

#[test]
fn questionnaires_give_the_same_summary_as_the_survey_workbook() {
    let catalog = wb::catalog();
    let people = people(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let a = wb::small_project(&dir.path().join("a"));
    wb::write_book(&a.join("inputs/2026/befragung-auenfeld.xlsx"), &survey_sheets(&people));
    let b = wb::small_project(&dir.path().join("b"));
    std::fs::remove_file(b.join("inputs/2026/befragung-auenfeld.xlsx")).unwrap();
    write_questionnaires(&catalog, &people, &b.join("inputs/2026/fragebogen-auenfeld"));
    let (inputs, diags) = qdfh::ingest::read_inputs(&b.join("inputs"), &catalog);
    let about_questionnaires: Vec<_> =
        diags.items.iter().filter(|d| d.file.to_string_lossy().contains("fragebogen")).collect();
    assert!(about_questionnaires.is_empty(), "{about_questionnaires:?}");
    let survey = inputs.years[&2026].surveys.iter().find(|s| s.municipality == "auenfeld").unwrap();
    let ids: Vec<&str> = survey.respondents.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["person-01", "person-02", "person-03", "person-04", "person-05", "person-06"]);
    for (respondent, person) in survey.respondents.iter().zip(&people) {
        let ratings: Vec<Answer> = catalog.goals().map(|(_, g)| respondent.ratings[&g.id]).collect();
        assert_eq!(ratings, person.ratings, "{}", person.id);
        let needs: Vec<Answer> = catalog.framework.dimensions.iter().map(|d| respondent.needs[&d.id]).collect();
        assert_eq!(needs, person.needs, "{}", person.id);
    }
    let build = |project: &Path| qdfh().current_dir(project).args(["build", "--daten", "daten"]).output().unwrap();
    let (built_a, built_b) = (build(&a), build(&b));
    assert!(built_a.status.success(), "{}", String::from_utf8_lossy(&built_a.stderr));
    assert!(built_b.status.success(), "{}", String::from_utf8_lossy(&built_b.stderr));
    let sheets_a = summary_sheets(&a.join("output/2026/zusammenfassung.xlsx"));
    let sheets_b = summary_sheets(&b.join("output/2026/zusammenfassung.xlsx"));
    assert_eq!(sheets_a.len(), sheets_b.len());
    for ((name_a, rows_a), (name_b, rows_b)) in sheets_a.iter().zip(&sheets_b) {
        assert_eq!(name_a, name_b);
        if name_a != "Prüfbericht" {
            assert_eq!(rows_a, rows_b, "sheet {name_a}");
        }
    }
    // The handout is made from the same data tree.
    let handout_data = |project: &Path| -> serde_json::Value {
        let path = project.join("daten/2026/handouts/handout-auenfeld-2026.json");
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
    };
    let (data_a, data_b) = (handout_data(&a), handout_data(&b));
    assert_eq!(data_a, data_b);
    assert_eq!(data_a["municipality"]["survey"]["count"], serde_json::json!({ "status": "exact", "value": 6 }));
}

#[test]
fn check_names_file_sheet_and_cell_of_a_wrong_answer() {
    let catalog = wb::catalog();
    let people = people(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let project = wb::small_project(dir.path());
    std::fs::remove_file(project.join("inputs/2026/befragung-auenfeld.xlsx")).unwrap();
    let folder = project.join("inputs/2026/fragebogen-auenfeld");
    write_questionnaires(&catalog, &people, &folder);
    answer_in_file(&catalog, &people[1], &folder, ColumnKey::Goal("3.1".into()), "sehr gut");
    answer_in_file(&catalog, &people[3], &folder, ColumnKey::Fixed("Sektor"), "Bäckerei");
    let row_goal = row_of(&folder.join("person-02.xlsx"), "3.1");
    let row_sector = row_of(&folder.join("person-04.xlsx"), "Sektor");
    // The folder checked on its own, as a coordinator would.
    let output = qdfh().current_dir(&project).arg("check").arg("inputs/2026/fragebogen-auenfeld").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{stdout}");
    let goal = format!(
        "inputs/2026/fragebogen-auenfeld/person-02.xlsx › Fragebogen › C{row_goal}: „sehr gut“ ist keine gültige Antwort"
    );
    let sector = format!("inputs/2026/fragebogen-auenfeld/person-04.xlsx › Fragebogen › C{row_sector}: „Bäckerei“");
    assert!(stdout.contains(&goal), "{stdout}");
    assert!(stdout.contains(&sector), "{stdout}");
    assert!(!stdout.contains("Keine Stammdaten"), "Stammdaten are found above the folder: {stdout}");
    // The same from the whole inputs folder.
    let output = qdfh().current_dir(&project).arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(&goal) && stdout.contains(&sector), "{stdout}");
}

#[test]
fn a_questionnaire_missing_an_entry_or_repeating_one_is_explained() {
    let catalog = wb::catalog();
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    wb::write_book(&inputs.join("stammdaten.xlsx"), &wb::standard_stammdaten());
    // Hand-made: no Sektor row, goal 1.1 twice, an unknown key.
    let mut rows = vec![vec![s("Nr."), s("Frage"), s("Ihre Antwort")], vec![s("Ebene"), V::E, s("operativ")]];
    for (_, goal) in catalog.goals() {
        rows.push(vec![s(&goal.id), s(&goal.text), n(4.0)]);
    }
    rows.push(vec![s("1.1"), V::E, n(2.0)]);
    rows.push(vec![s("9.9"), V::E, n(2.0)]);
    for dim in &catalog.framework.dimensions {
        rows.push(vec![s(&format!("Bedarf {}", dim.id)), V::E, n(2.0)]);
    }
    let info = wb::info("Fragebogen", &[("Kommune", s("auenfeld")), ("Jahr", n(2026.0))]);
    let path = inputs.join("2026/fragebogen-auenfeld/x.xlsx");
    wb::write_book(&path, &[info, wb::sheet("Fragebogen", rows)]);
    let goals = catalog.goals().count() as u32;
    let (first, second, unknown) = (3, goals + 3, goals + 4);
    let reading = qdfh::ingest::read(&path, &catalog);
    let messages = wb::messages(&reading.diagnostics, dir.path());
    assert_eq!(
        messages,
        [
            "Fehler: inputs/2026/fragebogen-auenfeld/x.xlsx › Fragebogen: Die Zeile „Sektor“ fehlt (Spalte A)"
                .to_string(),
            format!(
                "Fehler: inputs/2026/fragebogen-auenfeld/x.xlsx › Fragebogen › A{second}: Zeile „1.1“ kommt doppelt vor (auch in Zeile {first}); bitte eine davon löschen"
            ),
            format!(
                "Warnung: inputs/2026/fragebogen-auenfeld/x.xlsx › Fragebogen › A{unknown}: unbekannte Zeile „9.9“ wird ignoriert"
            ),
        ]
    );
    assert!(reading.inputs.years.get(&2026).is_none_or(|y| y.surveys.is_empty()));
}

#[test]
fn one_faulty_questionnaire_holds_back_the_survey_and_blocks_the_handout() {
    let catalog = wb::catalog();
    let people = people(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let project = wb::small_project(dir.path());
    std::fs::remove_file(project.join("inputs/2026/befragung-auenfeld.xlsx")).unwrap();
    let folder = project.join("inputs/2026/fragebogen-auenfeld");
    write_questionnaires(&catalog, &people, &folder);
    let read = || qdfh::ingest::read_inputs(&project.join("inputs"), &catalog);
    let surveyed =
        |inputs: &qdfh::model::Inputs| inputs.years[&2026].surveys.iter().any(|s| s.municipality == "auenfeld");
    assert!(surveyed(&read().0));
    // A wrong answer in one questionnaire: no survey, the file is rejected.
    answer_in_file(&catalog, &people[2], &folder, ColumnKey::Need("QD1".into()), "viel");
    let (inputs, diags) = read();
    assert_eq!(diags.error_count(), 1, "{}", diags.to_text(false));
    assert!(!surveyed(&inputs));
    let rejected: Vec<&Path> = inputs.rejected.iter().map(|r| r.file.as_path()).collect();
    assert_eq!(rejected, [folder.join("person-03.xlsx").as_path()]);
    let output = qdfh().current_dir(&project).arg("build").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("person-03.xlsx"), "{stderr}");
    assert!(!project.join("output/2026/handouts/handout-auenfeld-2026.pdf").exists(), "{stderr}");
    // Fixed, but a file that is no workbook lies beside: it may be anyone's.
    write_questionnaires(&catalog, &people, &folder);
    std::fs::write(folder.join("scan.xlsx"), b"not a workbook").unwrap();
    let (inputs, _) = read();
    assert!(!surveyed(&inputs));
    std::fs::remove_file(folder.join("scan.xlsx")).unwrap();
    assert!(surveyed(&read().0));
}

#[test]
fn questionnaires_beside_a_survey_workbook_of_the_same_municipality_are_an_error() {
    let catalog = wb::catalog();
    let people = people(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let inputs = wb::standard_inputs(dir.path());
    write_questionnaires(&catalog, &people[..2], &inputs.join("2026/fragebogen-auenfeld"));
    let (read, diags) = qdfh::ingest::read_inputs(&inputs, &catalog);
    let messages = wb::messages(&diags, dir.path());
    let errors: Vec<&String> = messages.iter().filter(|m| m.starts_with("Fehler")).collect();
    assert_eq!(errors.len(), 2, "{messages:?}");
    assert!(
        errors[0]
            .contains("inputs/2026/befragung-auenfeld.xlsx: Für Kommune „auenfeld“ gibt es 2026 mehrere Befragungen")
    );
    assert!(errors[1].contains("inputs/2026/fragebogen-auenfeld/person-01.xlsx: Für Kommune „auenfeld“"));
    assert!(!read.years[&2026].surveys.iter().any(|s| s.municipality == "auenfeld"));
}

#[test]
fn another_workbook_in_a_folder_of_questionnaires_is_skipped_with_a_warning() {
    let catalog = wb::catalog();
    let people = people(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let inputs = wb::standard_inputs(dir.path());
    std::fs::remove_file(inputs.join("2026/befragung-auenfeld.xlsx")).unwrap();
    let folder = inputs.join("2026/fragebogen-auenfeld");
    write_questionnaires(&catalog, &people[..3], &folder);
    wb::write_book(&folder.join("sammlung.xlsx"), &wb::standard_befragung("auenfeld"));
    let (read, diags) = qdfh::ingest::read_inputs(&inputs, &catalog);
    assert_eq!(
        wb::messages(&diags, dir.path()),
        [
            "Warnung: inputs/2026/fragebogen-auenfeld/sammlung.xlsx: Formular Befragung: wird übersprungen, weil in diesem Ordner nur Fragebögen gelesen werden; die Datei gehört direkt in den Jahresordner"
        ]
    );
    let survey = read.years[&2026].surveys.iter().find(|s| s.municipality == "auenfeld").unwrap();
    assert_eq!(survey.respondents.len(), 3);
}
