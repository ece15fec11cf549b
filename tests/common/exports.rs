//! Shared pieces of the import-profile tests: network actors with answers
//! that differ by person and goal, the same answers in qdfh's own
//! Befragung form, a project folder holding an export, and the summary
//! workbooks to compare cell by cell.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use qdfh::catalog::Catalog;
use qdfh::ingest::export::{Profile, find_profile, load_profiles};
use qdfh::model::{Answer, Respondent};

use super::workbooks::{self as wb, V, n, s};

/// The `qdfh` binary.
pub fn qdfh() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("qdfh").unwrap()
}

/// The shipped profile with this id.
pub fn shipped_profile(catalog: &Catalog, id: &str) -> Profile {
    let profiles = load_profiles(&super::repo_root().join("templates"), catalog).unwrap();
    find_profile(&profiles, id).unwrap().clone()
}

/// A network actor: sector by its position in the catalog, level, one
/// answer per goal and per dimension in catalog order.
pub struct Person {
    pub id: u32,
    pub sector: usize,
    pub strategic: bool,
    pub ratings: Vec<Answer>,
    pub needs: Vec<Answer>,
}

impl Person {
    /// The catalog name of the sector ("Netzwerkkoordination").
    pub fn sector_name<'c>(&self, catalog: &'c Catalog) -> &'c str {
        &catalog.material.sectors[self.sector].name
    }

    /// The level as the form writes it.
    pub fn level(&self) -> &'static str {
        if self.strategic { "strategisch" } else { "operativ" }
    }
}

/// Sectors of the people, by catalog position: Netzwerkkoordination,
/// Familienhebamme / FGKiKP, Kindertagesstätte, Jobcenter, Kinderarztpraxis.
const SECTORS: [usize; 5] = [0, 8, 3, 18, 10];

/// Seven respondents with answers that differ by person and goal, some
/// "weiß nicht" and some blank.
pub fn people(catalog: &Catalog) -> Vec<Person> {
    let goals = catalog.goals().count();
    let dims = catalog.framework.dimensions.len();
    let answer = |i: usize, k: usize, max: usize| match (i * 7 + k * 3 + i * k) % 11 {
        0 => Answer::DontKnow,
        1 if i.is_multiple_of(2) => Answer::Blank,
        x => Answer::Value(((x + i) % max + 1) as u8),
    };
    (0..7)
        .map(|i| Person {
            id: 101 + i as u32,
            sector: SECTORS[i % SECTORS.len()],
            strategic: i.is_multiple_of(3),
            ratings: (0..goals).map(|k| answer(i, k, 6)).collect(),
            needs: (0..dims).map(|k| answer(i, k + 5, 4)).collect(),
        })
        .collect()
}

/// The same answers in qdfh's own Befragung form.
pub fn form_sheets(catalog: &Catalog, people: &[Person]) -> Vec<wb::Sheet> {
    let cell = |a: &Answer| match a {
        Answer::Value(v) => n(f64::from(*v)),
        Answer::DontKnow => s("weiß nicht"),
        Answer::Blank => V::E,
    };
    let rows = people
        .iter()
        .map(|p| {
            let mut row = vec![s(&p.id.to_string()), s(p.sector_name(catalog)), s(p.level()), V::E];
            row.extend(p.ratings.iter().map(cell));
            row.extend(p.needs.iter().map(cell));
            row.push(V::E);
            row
        })
        .collect();
    wb::befragung("auenfeld", 2026.0, rows)
}

/// A folder with Stammdaten and the export in `inputs/2026/`.
pub fn inputs_with_export(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let inputs = dir.join("inputs");
    wb::write_book(&inputs.join("stammdaten.xlsx"), &wb::standard_stammdaten());
    let path = inputs.join("2026").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// What a respondent holds: id, sector, level, ratings, needs.
pub type Seen = (String, String, String, Vec<(String, Answer)>, Vec<(String, Answer)>);

/// The respondents as comparable values.
pub fn seen(respondents: &[Respondent]) -> Vec<Seen> {
    respondents
        .iter()
        .map(|r| {
            let ratings = r.ratings.iter().map(|(k, v)| (k.clone(), *v)).collect();
            let needs = r.needs.iter().map(|(k, v)| (k.clone(), *v)).collect();
            (r.id.clone(), r.sector.clone(), r.level.clone(), ratings, needs)
        })
        .collect()
}

/// The respondents of the form with the same answers.
pub fn form_respondents(catalog: &Catalog, people: &[Person], dir: &Path) -> Vec<Respondent> {
    let path = dir.join("form/befragung-auenfeld.xlsx");
    wb::write_book(&path, &form_sheets(catalog, people));
    let (workbook, diags) = qdfh::ingest::read_workbook(&path, catalog, None);
    assert_eq!(diags.error_count(), 0, "{}", diags.to_text(false));
    match workbook {
        Some(qdfh::ingest::Workbook::Befragung(survey)) => survey.respondents,
        other => panic!("no survey: {other:?}"),
    }
}

/// The sheets of a workbook: name and rows of cells.
pub type Sheets = Vec<(String, Vec<Vec<Data>>)>;

/// Every sheet of a workbook with its cells.
pub fn summary_sheets(path: &Path) -> Sheets {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            (name, range.rows().map(<[Data]>::to_vec).collect())
        })
        .collect()
}

/// Asserts that two summary workbooks hold the same cells, sheet by sheet
/// and row by row, except in the sheets named in `except`.
pub fn assert_same_sheets(a: &Sheets, b: &Sheets, except: &[&str]) {
    assert_eq!(a.len(), b.len());
    for ((name_a, rows_a), (name_b, rows_b)) in a.iter().zip(b) {
        assert_eq!(name_a, name_b);
        if except.contains(&name_a.as_str()) {
            continue;
        }
        assert_eq!(rows_a.len(), rows_b.len(), "sheet {name_a}");
        for (r, (row_a, row_b)) in rows_a.iter().zip(rows_b).enumerate() {
            assert_eq!(row_a, row_b, "sheet {name_a}, row {}", r + 1);
        }
    }
}

/// Exit code of `qdfh build` run inside a project (so file names in the
/// check report are the same relative paths).
pub fn build(project: &Path) -> Option<i32> {
    qdfh().current_dir(project).arg("build").output().unwrap().status.code()
}

/// A statement row's `n` in the summary is the count of values typed for
/// the first goal that has at least five: proof the figures are shown,
/// not hidden.
pub fn assert_first_shown_count(catalog: &Catalog, people: &[Person], sheets: &Sheets) {
    let (index, count) = (0..people[0].ratings.len())
        .map(|k| (k, people.iter().filter(|p| p.ratings[k].value().is_some()).count()))
        .find(|(_, count)| *count >= 5)
        .unwrap();
    let goal = catalog.goals().nth(index).unwrap().1.id.clone();
    let statements = &sheets.iter().find(|(name, _)| name == "Aussagen").unwrap().1;
    let header: Vec<String> = statements[0].iter().map(ToString::to_string).collect();
    let at = |h: &str| header.iter().position(|x| x == h).unwrap();
    let row = statements.iter().find(|r| r[0] == "auenfeld" && r[at("Ziel-Nr.")] == goal.as_str()).unwrap();
    assert_eq!(row[at("n")], Data::Float(count as f64));
}

/// Projects A (the answers in qdfh's form) and B (the export itself in
/// the year folder) built; returns their summary sheets and B's check
/// listing.
pub fn build_form_and_export(
    catalog: &Catalog,
    people: &[Person],
    dir: &Path,
    export_name: &str,
    export: &[u8],
) -> (Sheets, Sheets, String) {
    let a = wb::small_project(&dir.join("a"));
    wb::write_book(&a.join("inputs/2026/befragung-auenfeld.xlsx"), &form_sheets(catalog, people));
    let b = wb::small_project(&dir.join("b"));
    std::fs::remove_file(b.join("inputs/2026/befragung-auenfeld.xlsx")).unwrap();
    std::fs::write(b.join("inputs/2026").join(export_name), export).unwrap();
    let check = qdfh().arg("-C").arg(&b).arg("check").output().unwrap();
    let listed = String::from_utf8_lossy(&check.stdout).to_string();
    assert!(check.status.success(), "{listed}");
    assert_eq!(build(&a), build(&b));
    let sheets_a = summary_sheets(&a.join("output/2026/zusammenfassung.xlsx"));
    let sheets_b = summary_sheets(&b.join("output/2026/zusammenfassung.xlsx"));
    (sheets_a, sheets_b, listed)
}
