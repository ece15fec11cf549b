//! LimeSurvey exports read through the shipped import profile
//! (`templates/import/limesurvey.toml`): CSV in the tool's own format
//! (UTF-8 with byte order mark, every value quoted, CRLF, a blank line at
//! the end), the same with full question texts and answer labels, in
//! Windows-1252 and as Excel; the findings of `qdfh check` on an export
//! that does not match; and `qdfh import`, whose workbook gives the same
//! summary workbook as the same answers typed into qdfh's own form.

use std::path::Path;

use qdfh::catalog::Catalog;
use qdfh::diagnostics::column_letters;
use qdfh::ingest::export::Profile;
use qdfh::model::Answer;

use crate::common::exports::{
    Person, assert_first_shown_count, assert_same_sheets, build, form_respondents, form_sheets, inputs_with_export,
    people, qdfh, seen, shipped_profile, summary_sheets,
};
use crate::common::workbooks::{self as wb, V, s};

const FILE: &str = "limesurvey-auenfeld-2026.csv";

fn profile(catalog: &Catalog) -> Profile {
    shipped_profile(catalog, "limesurvey")
}

/// How the export names columns and answers.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    /// "Fragencode" headings and "Antwortcodes".
    Codes,
    /// "Vollständiger Fragetext" headings and "Vollständige Antworten".
    Texts,
}

/// The export as rows of cells; `None` is a NULL value (written unquoted).
fn export_rows(catalog: &Catalog, people: &[Person], style: Style) -> Vec<Vec<Option<String>>> {
    let text = |code: &str, full: &str| Some(if style == Style::Codes { code } else { full }.to_string());
    let mut header = vec![
        text("id", "Antwort ID"),
        text("submitdate", "Datum Abgeschickt"),
        text("lastpage", "Letzte Seite"),
        text("startlanguage", "Start-Sprache"),
        text("seed", "Zufallsstartwert"),
        text("startdate", "Datum gestartet"),
        text("datestamp", "Datum letzte Aktivität"),
        text("SEKTOR", "In welchem Arbeitsfeld sind Sie tätig?"),
        text("EBENE", "Auf welcher Ebene arbeiten Sie im Netzwerk?"),
    ];
    for dim in &catalog.framework.dimensions {
        for (m, goal) in dim.topics.iter().flat_map(|t| &t.goals).enumerate() {
            let full =
                format!("Wie schätzen Sie die Qualitätsdimension {} ein? [{} {}]", dim.label(), goal.id, goal.kurz);
            header.push(text(&format!("QD{}[Z{}]", dim.nummer, m + 1), &full));
        }
    }
    for dim in &catalog.framework.dimensions {
        let full = format!("Wie hoch ist der Entwicklungsbedarf in diesen Qualitätsdimensionen? [{}]", dim.label());
        header.push(text(&format!("BEDARF[QD{}]", dim.nummer), &full));
    }
    let rating = catalog.scale("zustimmung");
    let need = catalog.scale("bedarf");
    let answer = |a: Answer, scale: &qdfh::catalog::Scale| match (a, style) {
        (Answer::Value(v), Style::Codes) => format!("A{v}"),
        (Answer::Value(v), Style::Texts) => scale.label(v).unwrap().to_string(),
        (Answer::DontKnow, Style::Codes) => "WN".into(),
        (Answer::DontKnow, Style::Texts) => "weiß nicht".into(),
        (Answer::Blank, _) => String::new(),
    };
    let mut rows = vec![header];
    for (i, p) in people.iter().enumerate() {
        let level = if p.strategic { ("A1", "strategisch") } else { ("A2", "operativ") };
        let sector_code = format!("S{:02}", p.sector + 1);
        let mut row = vec![
            Some(p.id.to_string()),
            Some(format!("2026-03-{:02} 10:{:02}:00", i + 2, i * 7)),
            Some("13".into()),
            Some("de".into()),
            Some(format!("{}", 1_234_567 + i * 98_765)),
            Some(format!("2026-03-{:02} 09:50:00", i + 2)),
            Some(format!("2026-03-{:02} 10:{:02}:00", i + 2, i * 7)),
            text(&sector_code, p.sector_name(catalog)),
            text(level.0, level.1),
        ];
        row.extend(p.ratings.iter().map(|a| Some(answer(*a, rating))));
        row.extend(p.needs.iter().map(|a| Some(answer(*a, need))));
        rows.push(row);
    }
    rows.push(incomplete_response(&rows[0], style));
    rows
}

/// Someone who stopped on page 3: no submission date, a sector, a few
/// answers (some of them not even valid), the rest NULL.
fn incomplete_response(header: &[Option<String>], style: Style) -> Vec<Option<String>> {
    let mut row: Vec<Option<String>> = vec![None; header.len()];
    row[0] = Some("108".into());
    row[2] = Some("3".into());
    row[3] = Some("de".into());
    row[7] = Some(if style == Style::Codes { "S02" } else { "Allgemeiner Sozialer Dienst" }.into());
    row[9] = Some("A9".into());
    row[10] = Some("A2".into());
    row
}

/// CSV as LimeSurvey writes it: every value quoted, NULL unquoted empty.
fn csv(rows: &[Vec<Option<String>>], separator: &str) -> String {
    let quote = |v: &Option<String>| v.as_ref().map(|t| format!("\"{}\"", t.replace('"', "\"\""))).unwrap_or_default();
    let lines: Vec<String> = rows.iter().map(|r| r.iter().map(quote).collect::<Vec<_>>().join(separator)).collect();
    format!("{}\r\n\r\n", lines.join("\r\n"))
}

/// A LimeSurvey CSV export (codes, semicolon, UTF-8 with BOM) of the
/// shared people, with one incomplete response: for the drop page tests.
pub(crate) fn limesurvey_csv(catalog: &Catalog, people: &[Person]) -> Vec<u8> {
    with_bom(&csv(&export_rows(catalog, people, Style::Codes), ";"))
}

fn with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(text.as_bytes());
    bytes
}

#[test]
fn every_kind_of_export_reads_like_the_same_answers_in_the_form() {
    let catalog = wb::catalog();
    let profile = profile(&catalog);
    let people = people(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let expected = seen(&form_respondents(&catalog, &people, dir.path()));
    assert_eq!(expected.len(), 7);
    let codes = export_rows(&catalog, &people, Style::Codes);
    let texts = export_rows(&catalog, &people, Style::Texts);
    let texts_csv = csv(&texts, ";");
    let (latin, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&texts_csv);
    assert!(!unmappable);
    let variants: Vec<(&str, &str, Vec<u8>)> = vec![
        ("codes, semicolon, UTF-8 with BOM", FILE, with_bom(&csv(&codes, ";"))),
        ("codes, comma, UTF-8", FILE, csv(&codes, ",").into_bytes()),
        ("full texts, comma, UTF-8 with BOM", FILE, with_bom(&csv(&texts, ","))),
        ("full texts, semicolon, Windows-1252", FILE, latin.into_owned()),
    ];
    for (what, name, bytes) in variants {
        let case = tempfile::tempdir().unwrap();
        let path = inputs_with_export(case.path(), name, &bytes);
        let reading = qdfh::ingest::read_export(&path, &catalog, &profile);
        let messages = wb::messages(&reading.diagnostics, case.path());
        let incomplete =
            "Warnung: inputs/2026/limesurvey-auenfeld-2026.csv: 1 unvollständige Antwort (Zeile 9) wird nicht gezählt";
        assert_eq!(messages, [incomplete], "{what}");
        let survey = &reading.inputs.years[&2026].surveys[0];
        assert_eq!(survey.municipality, "auenfeld", "{what}");
        assert_eq!(seen(&survey.respondents), expected, "{what}");
    }
    // LimeSurvey's Excel export: one sheet named after the survey, all text.
    let case = tempfile::tempdir().unwrap();
    let path = case.path().join("inputs/2026/limesurvey-auenfeld-2026.xlsx");
    wb::write_book(&case.path().join("inputs/stammdaten.xlsx"), &wb::standard_stammdaten());
    let cells = |rows: &[Vec<Option<String>>]| -> Vec<Vec<V>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.as_deref().filter(|t| !t.is_empty()).map_or(V::E, s)).collect())
            .collect()
    };
    wb::write_book(&path, &[wb::sheet("Befragung Frühe Hilfen 2026", cells(&codes))]);
    let reading = qdfh::ingest::read_export(&path, &catalog, &profile);
    let messages = wb::messages(&reading.diagnostics, case.path());
    assert_eq!(
        messages,
        [
            "Warnung: inputs/2026/limesurvey-auenfeld-2026.xlsx › Befragung Frühe Hilfen 2026: 1 unvollständige Antwort (Zeile 9) wird nicht gezählt"
        ]
    );
    assert_eq!(seen(&reading.inputs.years[&2026].surveys[0].respondents), expected);
}

/// Where a header is, in A1 letters.
fn column_of(rows: &[Vec<Option<String>>], header: &str) -> String {
    let index = rows[0].iter().position(|h| h.as_deref() == Some(header)).unwrap_or_else(|| panic!("{header}"));
    column_letters(index as u32)
}

#[test]
fn check_names_file_column_and_cell_of_what_the_profile_does_not_know() {
    let catalog = wb::catalog();
    let people = people(&catalog);
    let mut rows = export_rows(&catalog, &people, Style::Codes);
    // An answer code the profile does not know (third person, goal 2.3),
    // a sector code it does not know (fifth person).
    let goal_col = rows[0].iter().position(|h| h.as_deref() == Some("QD2[Z3]")).unwrap();
    rows[3][goal_col] = Some("A9".into());
    rows[5][7] = Some("S99".into());
    // The last goal's column is missing, goal 1.1 comes twice, and a
    // column of another question is there.
    let (last_dim, last_goal) = catalog.goals().last().map(|(d, g)| (d.nummer, g.id.clone())).unwrap();
    let positions = catalog.framework.dimensions.last().unwrap().topics.iter().flat_map(|t| &t.goals).count();
    let last_code = format!("QD{last_dim}[Z{positions}]");
    let last_col = rows[0].iter().position(|h| h.as_deref() == Some(last_code.as_str())).unwrap();
    for row in &mut rows {
        row.remove(last_col);
        let first_goal = row[9].clone();
        row.push(first_goal);
        row.push(Some("x".into()));
    }
    rows[0].last_mut().unwrap().replace("Q99".into());
    let dir = tempfile::tempdir().unwrap();
    let path = inputs_with_export(dir.path(), FILE, &with_bom(&csv(&rows, ";")));
    let assert = qdfh().current_dir(dir.path()).arg("check").arg(&path).assert().code(1);
    let stdout =
        String::from_utf8_lossy(&assert.get_output().stdout).replace(&format!("{}/", dir.path().display()), "");
    let lines: Vec<&str> = stdout.lines().collect();
    let file = "inputs/2026/limesurvey-auenfeld-2026.csv";
    let duplicate_col = column_letters(rows[0].len() as u32 - 2);
    let unknown_col = column_letters(rows[0].len() as u32 - 1);
    let expected = [
        format!("Fehler: {file}: Spalte für Entwicklungsziel {last_goal} "),
        format!("Warnung: {file}: 1 unvollständige Antwort (Zeile 9) wird nicht gezählt"),
        format!("Fehler: {file} › {duplicate_col}1: Spalte „QD1[Z1]“ (Entwicklungsziel 1.1 "),
        format!("Warnung: {file} › {unknown_col}1: unbekannte Spalte „Q99“ wird ignoriert"),
        format!(
            "Fehler: {file} › {}4: „A9“ ist keine gültige Antwort (erlaubt laut Profil LimeSurvey: A1, ",
            column_of(&rows, "QD2[Z3]")
        ),
        format!("Fehler: {file} › H6: „S99“ ist kein bekannter Sektor (erlaubt laut Profil LimeSurvey: Codes "),
    ];
    assert_eq!(lines.len(), expected.len() + 1, "{stdout}");
    for (line, start) in lines.iter().zip(&expected) {
        assert!(line.starts_with(start.as_str()), "expected {start}…\n{stdout}");
    }
    assert!(lines[0].contains(&format!("Fragecode „{last_code}“")), "{stdout}");
    assert_eq!(lines[expected.len()], "1 Datei geprüft, 4 Fehler, 2 Warnungen");
}

#[test]
fn a_file_name_without_municipality_and_year_is_explained() {
    let catalog = wb::catalog();
    let rows = export_rows(&catalog, &people(&catalog), Style::Codes);
    let dir = tempfile::tempdir().unwrap();
    let path = inputs_with_export(dir.path(), "limesurvey-nirgendwo-2025.csv", &with_bom(&csv(&rows, ";")));
    let reading = qdfh::ingest::read_export(&path, &catalog, &profile(&catalog));
    let messages = wb::messages(&reading.diagnostics, dir.path());
    let file = "inputs/2026/limesurvey-nirgendwo-2025.csv";
    assert_eq!(
        messages[..2],
        [
            format!("Fehler: {file}: Dateiname: Kommune „nirgendwo“ steht nicht in den Stammdaten (Spalte ID)"),
            format!(
                "Fehler: {file}: Jahr 2025 im Dateinamen passt nicht zum Ordner 2026/; bitte den Namen oder den Ablageort korrigieren"
            ),
        ]
    );
    assert!(reading.inputs.years.is_empty());
}

#[test]
fn a_profile_may_also_require_the_last_page() {
    let catalog = wb::catalog();
    let shipped = std::fs::read_to_string(crate::common::repo_root().join("templates/import/limesurvey.toml")).unwrap();
    assert!(shipped.contains("# letzte_seite = 13"));
    let text = shipped.replace("# letzte_seite = 13", "letzte_seite = 13");
    let strict = qdfh::ingest::export::parse_profile(Path::new("streng.toml"), &text, &catalog).unwrap();
    let mut rows = export_rows(&catalog, &people(&catalog), Style::Codes);
    // The second person was submitted but reached only page 12.
    rows[2][2] = Some("12".into());
    let dir = tempfile::tempdir().unwrap();
    let path = inputs_with_export(dir.path(), FILE, &with_bom(&csv(&rows, ";")));
    let reading = qdfh::ingest::read_export(&path, &catalog, &strict);
    assert_eq!(
        wb::messages(&reading.diagnostics, dir.path()),
        [
            "Warnung: inputs/2026/limesurvey-auenfeld-2026.csv: 2 unvollständige Antworten (Zeilen 3, 9) werden nicht gezählt"
        ]
    );
    let ids: Vec<&str> = reading.inputs.years[&2026].surveys[0].respondents.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["101", "103", "104", "105", "106", "107"]);
}

#[test]
fn an_export_with_other_codes_gets_one_message_per_kind_of_column() {
    let catalog = wb::catalog();
    let dir = tempfile::tempdir().unwrap();
    let text = "\"id\";\"submitdate\";\"SEKTOR\";\"EBENE\";\"G01Q01[SQ001]\"\r\n\"1\";\"2026-03-02\";\"S01\";\"A1\";\"A5\"\r\n";
    let path = inputs_with_export(dir.path(), FILE, text.as_bytes());
    let reading = qdfh::ingest::read_export(&path, &catalog, &profile(&catalog));
    let messages = wb::messages(&reading.diagnostics, dir.path());
    let file = "inputs/2026/limesurvey-auenfeld-2026.csv";
    assert_eq!(
        messages,
        [
            format!(
                "Fehler: {file}: Keine Spalte für die Entwicklungsziele gefunden (erwartet z. B. Fragecode „QD1[Z1]“ oder Fragetext „*[1.1*]“); passen die Fragecodes der Umfrage und die Überschriften des Exports zum Profil LimeSurvey?"
            ),
            format!(
                "Fehler: {file}: Keine Spalte für den Entwicklungsbedarf gefunden (erwartet z. B. Fragecode „BEDARF[QD1]“ oder Fragetext „*Entwicklungsbedarf*[QD1*]“); passen die Fragecodes der Umfrage und die Überschriften des Exports zum Profil LimeSurvey?"
            ),
            format!(
                "Warnung: {file} › E1: unbekannte Spalte „G01Q01[SQ001]“ wird ignoriert (passt zu keiner Spalte des Profils LimeSurvey)"
            ),
        ]
    );
}

#[test]
fn an_imported_export_gives_the_same_summary_as_the_form() {
    let catalog = wb::catalog();
    let people = people(&catalog);
    let dir = tempfile::tempdir().unwrap();
    // Project A: the answers typed into qdfh's own form.
    let a = wb::small_project(&dir.path().join("a"));
    wb::write_book(&a.join("inputs/2026/befragung-auenfeld.xlsx"), &form_sheets(&catalog, &people));
    // Project B: the same answers exported from LimeSurvey, with one
    // incomplete response, converted with `qdfh import`.
    let b = wb::small_project(&dir.path().join("b"));
    std::fs::remove_file(b.join("inputs/2026/befragung-auenfeld.xlsx")).unwrap();
    let export = b.join("exporte").join(FILE);
    std::fs::create_dir_all(export.parent().unwrap()).unwrap();
    std::fs::write(&export, with_bom(&csv(&export_rows(&catalog, &people, Style::Codes), ";"))).unwrap();
    let converted = b.join("inputs/2026/befragung-auenfeld.xlsx");
    let assert =
        qdfh().arg("-C").arg(&b).arg("import").arg("limesurvey").arg(&export).arg("--out").arg(&converted).assert();
    let output = assert.success().get_output().clone();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Befragung auenfeld 2026, 7 Antworten"), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("1 unvollständige Antwort (Zeile 9) wird nicht gezählt"), "{stderr}");
    assert_eq!(build(&a), build(&b));
    let sheets_a = summary_sheets(&a.join("output/2026/zusammenfassung.xlsx"));
    let sheets_b = summary_sheets(&b.join("output/2026/zusammenfassung.xlsx"));
    assert_same_sheets(&sheets_a, &sheets_b, &[]);
    // Project C: the export itself in the year folder, read as the survey.
    // Only the check report differs: it names the incomplete response.
    let c = wb::small_project(&dir.path().join("c"));
    std::fs::remove_file(c.join("inputs/2026/befragung-auenfeld.xlsx")).unwrap();
    std::fs::copy(&export, c.join("inputs/2026").join(FILE)).unwrap();
    let check = qdfh().arg("-C").arg(&c).arg("check").output().unwrap();
    let listed = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{listed}");
    assert!(listed.contains(&format!("{FILE}: 1 unvollständige Antwort (Zeile 9) wird nicht gezählt")), "{listed}");
    assert_eq!(build(&c), build(&a));
    let sheets_c = summary_sheets(&c.join("output/2026/zusammenfassung.xlsx"));
    assert_same_sheets(&sheets_a, &sheets_c, &["Prüfbericht"]);
    let report = &sheets_c.iter().find(|(name, _)| name == "Prüfbericht").unwrap().1;
    assert!(report.iter().flatten().any(|cell| cell.to_string().contains("unvollständige Antwort")), "{report:?}");
    // The figures are there, not hidden: a goal with at least five values
    // shows its count in the statements sheet.
    assert_first_shown_count(&catalog, &people, &sheets_b);
}
