//! Content rules: invalid values, missing and unknown columns, municipalities
//! and Stammdaten, duplicates; which workbooks are left out and which stay.

use std::path::Path;

use crate::common::workbooks::*;
use qdfh::diagnostics::{Diagnostics, column_letters};
use qdfh::model::Inputs;

fn read(root: &Path) -> (Inputs, Diagnostics) {
    qdfh::ingest::read_inputs(&root.join("inputs"), &catalog())
}

/// The standard folder plus extra workbooks; returns findings and inputs.
fn with_extra(extra: &[(&str, Vec<Sheet>)]) -> (Vec<String>, Inputs) {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    for (name, sheets) in extra {
        write_book(&inputs.join(name), sheets);
    }
    let (read, diags) = read(dir.path());
    (messages(&diags, dir.path()), read)
}

/// The standard folder with these Stammdaten rows (ID, Name, Typ,
/// Bundesland, Cluster, Schwerpunkte) instead of the standard ones; returns
/// the inputs read and the findings as `messages` prints them.
/// The standard inputs with these Stammdaten rows: what was read, the
/// findings one by one, and the findings as `qdfh check` lists them.
fn with_stammdaten(rows: &[[&str; 6]]) -> (Inputs, Vec<String>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    write_book(&inputs.join("stammdaten.xlsx"), &stammdaten(rows));
    let (read, diags) = read(dir.path());
    (read, messages(&diags, dir.path()), listed(&diags, dir.path()))
}

fn surveyed(inputs: &Inputs) -> Vec<&str> {
    inputs.years.get(&2026).map_or(vec![], |y| y.surveys.iter().map(|s| s.municipality.as_str()).collect())
}

const FILE: &str = "inputs/2026/befragung-cedernau.xlsx";

#[test]
fn an_invalid_answer_names_cell_and_allowed_values_and_drops_the_survey() {
    let c = catalog();
    let mut bad = survey_row(&c, "2", "Arztpraxis", "operativ", n(4.0), n(1.0));
    bad[4] = s("vielleicht");
    let rows = vec![survey_row(&c, "1", "Kindertagesstätte", "operativ", n(4.0), n(1.0)), bad];
    let (found, read) = with_extra(&[("2026/befragung-cedernau.xlsx", befragung("cedernau", 2026.0, rows))]);
    assert_eq!(
        found,
        [
            format!("Fehler: {FILE} › Befragung › B3: „Arztpraxis“ ist kein bekannter Sektor (erlaubt: {})", sectors()),
            format!(
                "Fehler: {FILE} › Befragung › E3: „vielleicht“ ist keine gültige Antwort (erlaubt: 1–6, stimme gar nicht zu … stimme voll zu, weiß nicht)"
            ),
        ]
    );
    assert_eq!(surveyed(&read), ["auenfeld", "birkental"]);
    assert_standard_read(&read);
}

fn sectors() -> String {
    catalog().material.sectors.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ")
}

#[test]
fn sector_level_and_need_errors_say_what_is_allowed() {
    let c = catalog();
    let need_col = column_letters(4 + c.goals().count() as u32);
    let rows = vec![
        survey_row(&c, "1", "", "mittel", n(4.0), n(7.0)),
        survey_row(&c, "2", "hebamme", "OPERATIV", n(4.0), n(2.0)),
    ];
    let (found, _) = with_extra(&[("2026/befragung-cedernau.xlsx", befragung("cedernau", 2026.0, rows))]);
    let mut expected = vec![
        format!("Fehler: {FILE} › Befragung › B2: Pflichtangabe „Sektor“ fehlt"),
        format!("Fehler: {FILE} › Befragung › C2: „mittel“ ist keine bekannte Ebene (erlaubt: strategisch, operativ)"),
    ];
    let first_need = need_col_index(&c);
    for i in 0..c.framework.dimensions.len() as u32 {
        expected.push(format!(
            "Fehler: {FILE} › Befragung › {}2: „7“ ist keine gültige Antwort (erlaubt: 1–4, kein Bedarf … hoher Bedarf, weiß nicht)",
            column_letters(first_need + i)
        ));
    }
    assert_eq!(found, expected);
    assert_eq!(need_col, column_letters(first_need));
}

fn need_col_index(c: &qdfh::catalog::Catalog) -> u32 {
    4 + c.goals().count() as u32
}

#[test]
fn a_missing_required_column_is_an_error_and_an_unknown_one_a_warning() {
    let c = catalog();
    let mut header = survey_header(&c);
    header.remove(2);
    header.push(s("Alter"));
    let mut row = survey_row(&c, "1", "Hebamme", "operativ", n(4.0), n(2.0));
    row.remove(2);
    row.push(n(44.0));
    let mut sheets = befragung("cedernau", 2026.0, vec![row]);
    sheets[1].rows = vec![header.clone(), sheets[1].rows[1].clone()];
    let (found, read) = with_extra(&[("2026/befragung-cedernau.xlsx", sheets)]);
    assert_eq!(
        found,
        [
            format!("Fehler: {FILE} › Befragung: Pflichtspalte „Ebene“ fehlt"),
            format!(
                "Warnung: {FILE} › Befragung › {}1: unbekannte Spalte „Alter“ wird ignoriert",
                column_letters(header.len() as u32 - 1)
            ),
        ]
    );
    assert_eq!(surveyed(&read), ["auenfeld", "birkental"]);
}

#[test]
fn an_unknown_column_alone_keeps_the_survey() {
    let c = catalog();
    let mut sheets = standard_befragung("cedernau");
    sheets[1].rows[0].push(s("Alter"));
    let (found, read) = with_extra(&[("2026/befragung-cedernau.xlsx", sheets)]);
    let col = column_letters(survey_header(&c).len() as u32);
    assert_eq!(found, [format!("Warnung: {FILE} › Befragung › {col}1: unbekannte Spalte „Alter“ wird ignoriert")]);
    assert_eq!(surveyed(&read), ["auenfeld", "birkental", "cedernau"]);
}

#[test]
fn a_municipality_missing_from_stammdaten_is_an_error() {
    let (found, read) = with_extra(&[("2026/befragung-xanten.xlsx", standard_befragung("xanten"))]);
    assert_eq!(
        found,
        [
            "Fehler: inputs/2026/befragung-xanten.xlsx › Info › B2: Kommune „xanten“ steht nicht in den Stammdaten (Spalte ID)"
        ]
    );
    assert_standard_read(&read);
}

#[test]
fn duplicate_person_ids_warn_but_keep_the_survey() {
    let c = catalog();
    let rows = vec![
        survey_row(&c, "1", "Hebamme", "operativ", n(4.0), n(2.0)),
        survey_row(&c, "2", "Hebamme", "operativ", n(4.0), n(2.0)),
        survey_row(&c, "1", "Hebamme", "operativ", n(5.0), n(2.0)),
        survey_row(&c, "", "Hebamme", "operativ", n(5.0), n(2.0)),
        survey_row(&c, "", "Hebamme", "operativ", n(5.0), n(2.0)),
    ];
    let (found, read) = with_extra(&[("2026/befragung-cedernau.xlsx", befragung("cedernau", 2026.0, rows))]);
    assert_eq!(found, [format!("Warnung: {FILE} › Befragung › A4: Person „1“ kommt mehrfach vor (auch in Zeile 2)")]);
    let survey = read.years[&2026].surveys.iter().find(|s| s.municipality == "cedernau").unwrap();
    let ids: Vec<&str> = survey.respondents.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "1", "Zeile 5", "Zeile 6"]);
}

#[test]
fn a_survey_without_answers_warns_and_prefilled_person_numbers_do_not_count() {
    let rows = vec![vec![s("1")], vec![n(2.0)], vec![s("  ")]];
    let (found, read) = with_extra(&[("2026/befragung-cedernau.xlsx", befragung("cedernau", 2026.0, rows))]);
    assert_eq!(found, [format!("Warnung: {FILE} › Befragung: Die Befragung enthält keine Antworten")]);
    assert_eq!(surveyed(&read), ["auenfeld", "birkental", "cedernau"]);
}

#[test]
fn two_surveys_of_one_municipality_and_year_are_both_errors() {
    let (found, read) = with_extra(&[("2026/befragung-auenfeld-2.xlsx", standard_befragung("Auenfeld"))]);
    assert_eq!(
        found,
        [
            "Fehler: inputs/2026/befragung-auenfeld-2.xlsx: Für Kommune „auenfeld“ gibt es 2026 mehrere Befragungen (auch inputs/2026/befragung-auenfeld.xlsx); bitte nur eine Datei je Kommune und Jahr ablegen",
            "Fehler: inputs/2026/befragung-auenfeld.xlsx: Für Kommune „auenfeld“ gibt es 2026 mehrere Befragungen (auch inputs/2026/befragung-auenfeld-2.xlsx); bitte nur eine Datei je Kommune und Jahr ablegen",
        ]
    );
    assert_eq!(surveyed(&read), ["birkental"]);
    assert_eq!(read.years[&2026].workshops.len(), 2);
}

#[test]
fn a_stammdaten_row_with_an_error_drops_only_that_municipality() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    let rows = [
        ["auenfeld", "Stadt Auenfeld", "kreisfreie Stadt", "Beispielland", "A", "QD3, QD2"],
        ["birkental", "Landkreis Birkental", "Landkreis", "Beispielland", "A", ""],
        ["cedernau", "Stadt Cedernau", "Gemeinde", "Beispielland", "B", "QD12"],
        ["dornbach", "Stadt Dornbach", "Landkreis", "Beispielland", "", ""],
    ];
    write_book(&inputs.join("stammdaten.xlsx"), &stammdaten(&rows));
    write_book(&inputs.join("2026/befragung-cedernau.xlsx"), &standard_befragung("cedernau"));
    let (read, diags) = read(dir.path());
    assert_eq!(
        messages(&diags, dir.path()),
        [
            // The cause (the Stammdaten) comes first, its consequence after it.
            "Fehler: inputs/stammdaten.xlsx › Kommunen › C4: „Gemeinde“ ist kein bekannter Typ (erlaubt: kreisfreie Stadt, Landkreis, kreisangehörige Stadt, Stadt und Landkreis)",
            "Fehler: inputs/stammdaten.xlsx › Kommunen › F4: „QD12“ ist keine bekannte Qualitätsdimension (erlaubt: QD1–QD11, die Nummer oder der Name, z. B. QD3, 3 oder Netzwerk)",
            "Warnung: inputs/stammdaten.xlsx › Kommunen › E5: Cluster fehlt: die Kommune erscheint in keinem Cluster-Vergleich",
            "Fehler: inputs/2026/befragung-cedernau.xlsx › Info › B2: Kommune „cedernau“ ist in den Stammdaten fehlerhaft eingetragen und wird nicht verwendet; bitte zuerst die Stammdaten korrigieren",
        ]
    );
    // As listed, the consequence stands under the first error of its row.
    assert_eq!(
        listed(&diags, dir.path())[..2],
        [
            "Fehler: inputs/stammdaten.xlsx › Kommunen › C4: „Gemeinde“ ist kein bekannter Typ (erlaubt: kreisfreie Stadt, Landkreis, kreisangehörige Stadt, Stadt und Landkreis)",
            "  → Folgefehler: inputs/2026/befragung-cedernau.xlsx › Info › B2: Kommune „cedernau“ ist in den Stammdaten fehlerhaft eingetragen und wird nicht verwendet; bitte zuerst die Stammdaten korrigieren",
        ]
    );
    assert_eq!(diags.counts_text(), "2 Fehler, 1 Warnung, 1 Folgemeldung");
    let ids: Vec<&str> = read.municipalities.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["auenfeld", "birkental", "dornbach"]);
    assert_eq!(read.municipalities[0].focus, ["QD3", "QD2"]);
    assert_eq!(surveyed(&read), ["auenfeld", "birkental"]);
}

#[test]
fn a_duplicate_id_in_stammdaten_is_an_error_and_drops_that_municipality() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    let rows = [
        ["auenfeld", "Stadt Auenfeld", "kreisfreie Stadt", "Beispielland", "A", ""],
        ["birkental", "Landkreis Birkental", "Landkreis", "Beispielland", "A", ""],
        ["cedernau", "Stadt Cedernau", "Landkreis", "Beispielland", "B", ""],
        ["Cedernau", "Stadt Cedernau", "Landkreis", "Beispielland", "B", ""],
    ];
    write_book(&inputs.join("stammdaten.xlsx"), &stammdaten(&rows));
    let (read, diags) = read(dir.path());
    assert_eq!(
        messages(&diags, dir.path()),
        [
            "Fehler: inputs/stammdaten.xlsx › Kommunen › A5: ID „Cedernau“ kommt mehrfach vor (auch in Zeile 4); IDs müssen eindeutig sein"
        ]
    );
    let ids: Vec<&str> = read.municipalities.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["auenfeld", "birkental"]);
}

fn werkstatt(info_pairs: &[(&str, V)], sheets: Vec<Sheet>) -> Vec<Sheet> {
    let mut all = vec![info("Werkstatt", info_pairs)];
    all.extend(sheets);
    all
}

#[test]
fn workshop_values_are_checked_per_cell() {
    let sheets = werkstatt(
        &[("Kommune", s("cedernau")), ("Jahr", n(2026.0)), ("Datum", s("12.3.2026"))],
        vec![
            sheet(
                "Teilnahme",
                vec![
                    vec![s("Kommune"), s("Institution"), s("Sektor")],
                    vec![s("auenfeld"), s("Jugendamt"), s("Netzwerkkoordination")],
                ],
            ),
            sheet(
                "Punktabfrage",
                vec![
                    vec![s("Dimension oder Thema"), s("Punkte")],
                    vec![s("QD12"), s("2,5")],
                    vec![s("Netzwerk"), V::F("=3+4".into(), "7".into())],
                ],
            ),
            sheet(
                "Maßnahmen",
                vec![
                    vec![s("Ziel"), s("Maßnahme"), s("Dimension"), s("verantwortlich"), s("Termin"), s("Status")],
                    vec![s("Ziel"), s("Maßnahme"), V::E, s("Koordination"), s("31.13.2026"), s("fertig")],
                ],
            ),
            sheet("Rückmeldung", vec![vec![s("Zufriedenheit")], vec![V::F("=1/0".into(), "#DIV/0!".into())]]),
        ],
    );
    let (found, read) = with_extra(&[("2026/werkstatt-cedernau.xlsx", sheets)]);
    let f = "Fehler: inputs/2026/werkstatt-cedernau.xlsx";
    assert_eq!(
        found,
        [
            format!("{f} › Maßnahmen › C2: Pflichtangabe „Dimension“ fehlt"),
            format!(
                "{f} › Maßnahmen › E2: „31.13.2026“ ist kein gültiges Datum (erlaubt: Datum wie 31.12.2026 oder 31. Dezember 2026)"
            ),
            format!(
                "{f} › Maßnahmen › F2: „fertig“ ist kein bekannter Status (erlaubt: geplant, in Arbeit, umgesetzt, zurückgestellt, verworfen)"
            ),
            format!(
                "{f} › Punktabfrage › A2: „QD12“ ist weder eine bekannte Qualitätsdimension noch ein Thema (erlaubt: QD1–QD11, Name der Dimension oder Themen-ID wie 3b)"
            ),
            format!("{f} › Punktabfrage › B2: „2,5“ ist keine gültige Anzahl (erlaubt: ganze Zahl ab 0)"),
            format!(
                "{f} › Rückmeldung › A2: Die Formel ergibt den Fehler #DIV/0!; bitte die Formel oder den Wert korrigieren"
            ),
            format!(
                "{f} › Teilnahme › A2: Kommune „auenfeld“ passt nicht zu Info › Kommune „cedernau“; in der Werkstatt einer Kommune bleibt die Spalte leer oder nennt dieselbe Kommune"
            ),
        ]
    );
    assert_standard_read(&read);
}

#[test]
fn a_cluster_workshop_needs_a_known_municipality_in_every_row() {
    let sheets = werkstatt(
        &[("Cluster", s("a")), ("Jahr", n(2026.0))],
        vec![sheet(
            "Rückmeldung",
            vec![
                vec![s("Kommune"), s("Zufriedenheit")],
                vec![V::E, n(5.0)],
                vec![s("Cedernau"), n(4.0)],
                vec![s("xanten"), n(3.0)],
                vec![s("birkental"), n(9.0)],
            ],
        )],
    );
    let (found, read) = with_extra(&[("2026/werkstatt-cluster-a-2.xlsx", sheets)]);
    let f = "inputs/2026/werkstatt-cluster-a-2.xlsx › Rückmeldung";
    assert_eq!(
        found,
        [
            format!(
                "Fehler: {f} › A2: Pflichtangabe „Kommune“ fehlt: in einer Cluster-Werkstatt nennt jede Zeile ihre Kommune"
            ),
            format!("Warnung: {f} › A3: Kommune „cedernau“ gehört laut Stammdaten zu Cluster „B“, nicht zu „a“"),
            format!("Fehler: {f} › A4: Kommune „xanten“ steht nicht in den Stammdaten (Spalte ID)"),
            format!(
                "Fehler: {f} › B5: „9“ ist keine gültige Antwort (erlaubt: 1–5, gar nicht zufrieden … sehr zufrieden, weiß nicht)"
            ),
        ]
    );
    assert_standard_read(&read);
}

#[test]
fn a_cluster_workshop_lists_its_municipalities() {
    let (found, read) = with_extra(&[]);
    assert!(found.is_empty());
    let cluster = read.years[&2026].workshops.iter().find(|w| w.file.ends_with("werkstatt-cluster-a.xlsx")).unwrap();
    assert_eq!(cluster.municipalities, ["auenfeld", "birkental"]);
    let own = read.years[&2026].workshops.iter().find(|w| w.file.ends_with("werkstatt-auenfeld.xlsx")).unwrap();
    assert_eq!(own.municipalities, ["auenfeld"]);
    assert_eq!(own.date, chrono::NaiveDate::from_ymd_opt(2026, 3, 12));
    assert_eq!(own.dots.iter().map(|d| d.target.as_str()).collect::<Vec<_>>(), ["QD3", "3b"]);
    assert_eq!(own.actions[0].dimension, "QD3");
    assert_eq!(own.actions[0].status, "in_arbeit");
    assert_eq!(own.actions[0].due, chrono::NaiveDate::from_ymd_opt(2026, 12, 31));
    assert_eq!(own.actions[0].start, chrono::NaiveDate::from_ymd_opt(2026, 4, 1));
    assert_eq!(own.participants[1].sector, "geburtsklinik");
}

#[test]
fn workshop_info_must_name_a_municipality_or_a_known_cluster() {
    let rows = || vec![sheet("Rückmeldung", vec![vec![s("Zufriedenheit")], vec![n(5.0)]])];
    let (found, _) = with_extra(&[
        ("2026/w1.xlsx", werkstatt(&[("Cluster", s("Z")), ("Jahr", n(2026.0))], rows())),
        ("2026/w2.xlsx", werkstatt(&[("Kommune", s("auenfeld")), ("Cluster", s("A")), ("Jahr", n(2026.0))], rows())),
        ("2026/w3.xlsx", werkstatt(&[("Jahr", s("zweitausend"))], rows())),
        ("2026/w4.xlsx", werkstatt(&[("Kommune", s("auenfeld")), ("Jahr", n(2026.0))], vec![])),
    ]);
    assert_eq!(
        found,
        [
            "Fehler: inputs/2026/w1.xlsx › Info › B2: Cluster „Z“ steht nicht in den Stammdaten (bekannt: A, B)",
            "Fehler: inputs/2026/w2.xlsx › Info › B3: Info nennt Kommune und Cluster: bitte nur eines ausfüllen (Kommune für die Werkstatt einer Kommune, Cluster für eine Cluster-Werkstatt)",
            "Fehler: inputs/2026/w3.xlsx › Info: „Kommune“ oder „Cluster“ fehlt: bitte die ID der Kommune oder den Namen des Clusters eintragen",
            "Fehler: inputs/2026/w3.xlsx › Info: „Jahr“ fehlt: bitte das Jahr vierstellig eintragen, z. B. 2026",
            "Fehler: inputs/2026/w3.xlsx › Info › B2: „zweitausend“ ist keine gültige Jahreszahl (erlaubt: vierstellig, z. B. 2026)",
            "Fehler: inputs/2026/w4.xlsx: Keines der Werkstatt-Blätter ist vorhanden (erwartet: Teilnahme, Polaritätsprofil, Erfolgsfaktoren, Punktabfrage, Maßnahmen, Rückmeldung)",
        ]
    );
}

#[test]
fn key_figures_are_numbers_of_known_municipalities_given_once() {
    let figures = vec![
        info("Kennzahlen", &[("Jahr", n(2026.0))]),
        sheet(
            "Kennzahlen",
            vec![
                vec![s("Kommune"), s("Netzwerkpartner"), s("familien_lab")],
                vec![s("cedernau"), s("-3"), s("viele")],
                vec![s("xanten"), n(1.0), V::E],
                vec![s("cedernau"), n(1.0), V::E],
                vec![s("birkental"), n(1.0), V::E],
            ],
        ),
    ];
    let (found, read) = with_extra(&[("2026/kennzahlen-2.xlsx", figures)]);
    let f = "inputs/2026/kennzahlen-2.xlsx";
    assert_eq!(
        found,
        [
            format!(
                "Fehler: {f}: Kommune „birkental“ steht 2026 in mehreren Kennzahlen-Dateien (auch inputs/2026/kennzahlen.xlsx); bitte nur einmal eintragen"
            ),
            format!("Fehler: {f} › Kennzahlen › B2: „-3“ ist keine gültige Zahl (erlaubt: Zahl ab 0, z. B. 12 oder 1,5)"),
            format!("Fehler: {f} › Kennzahlen › C2: „viele“ ist keine gültige Zahl (erlaubt: Zahl ab 0, z. B. 12 oder 1,5)"),
            format!("Fehler: {f} › Kennzahlen › A3: Kommune „xanten“ steht nicht in den Stammdaten (Spalte ID)"),
            format!("Fehler: {f} › Kennzahlen › A4: Kommune „cedernau“ kommt mehrfach vor (auch in Zeile 2)"),
            "Fehler: inputs/2026/kennzahlen.xlsx: Kommune „birkental“ steht 2026 in mehreren Kennzahlen-Dateien (auch inputs/2026/kennzahlen-2.xlsx); bitte nur einmal eintragen".to_string(),
        ]
    );
    let year = &read.years[&2026];
    assert!(year.key_figures.is_empty());
    assert_eq!(year.surveys.len(), 2);
}

#[test]
fn key_figure_values_are_read_with_german_decimals() {
    let (_, read) = with_extra(&[]);
    let values: Vec<(&str, &str, f64)> =
        read.years[&2026].key_figures.iter().map(|k| (k.municipality.as_str(), k.figure.as_str(), k.value)).collect();
    assert_eq!(
        values,
        [
            ("auenfeld", "netzwerkpartner", 42.0),
            ("auenfeld", "netzwerktreffen", 4.0),
            ("auenfeld", "gfk_vze", 1.5),
            ("birkental", "netzwerkpartner", 30.0),
            ("birkental", "gfk_vze", 0.8),
        ]
    );
}

#[test]
fn diagnostics_are_sorted_by_file_sheet_and_cell() {
    let c = catalog();
    let mut bad = survey_row(&c, "1", "Arzt", "oben", s("x"), n(1.0));
    bad.truncate(6);
    let (found, _) = with_extra(&[
        ("2026/z.xlsx", befragung("cedernau", 2026.0, vec![bad.clone(), bad.clone()])),
        ("2026/a.xlsx", befragung("cedernau", 2026.0, vec![bad])),
    ]);
    let files: Vec<&str> = found.iter().map(|m| if m.contains(": inputs/2026/a.xlsx") { "a" } else { "z" }).collect();
    // Four cell errors; no "mehrere Befragungen": each file is already left
    // out by its own errors, so neither makes the other a duplicate.
    assert_eq!(files.iter().filter(|f| **f == "a").count(), 4);
    assert!(files.windows(2).all(|w| w[0] <= w[1]), "all of a.xlsx before z.xlsx: {found:?}");
    let z_cells: Vec<&str> = found
        .iter()
        .filter(|m| m.contains("z.xlsx › Befragung › "))
        .map(|m| m.split(" › ").nth(2).unwrap().split(':').next().unwrap())
        .collect();
    assert_eq!(z_cells, ["B2", "C2", "E2", "F2", "A3", "B3", "C3", "E3", "F3"]);
}

#[test]
fn cluster_names_compare_like_ids_and_keep_the_first_spelling() {
    let (read, found, _) = with_stammdaten(&[
        ["auenfeld", "Stadt Auenfeld", "kreisfreie Stadt", "Beispielland", "A", "QD3"],
        ["birkental", "Landkreis Birkental", "Landkreis", "Beispielland", " a ", ""],
        ["cedernau", "Stadt Cedernau", "kreisangehörige Stadt", "Beispielland", "B", "3"],
    ]);
    let clusters: Vec<&str> = read.municipalities.iter().map(|m| m.cluster.as_str()).collect();
    assert_eq!(clusters, ["A", "A", "B"]);
    assert!(
        found.contains(&"Warnung: inputs/stammdaten.xlsx: Cluster „a“ bei Kommune „birkental“ wird als „A“ gelesen: Clusternamen werden ohne Unterschied von Groß- und Kleinschreibung und Leerzeichen verglichen".to_string()),
        "{found:#?}"
    );
}

#[test]
fn ids_that_give_the_same_or_a_too_long_file_name_are_pointed_out() {
    let long = "l".repeat(70);
    let (_, found, _) = with_stammdaten(&[
        ["auenfeld", "Stadt Auenfeld", "kreisfreie Stadt", "Beispielland", "A", "QD3"],
        ["birkental", "Landkreis Birkental", "Landkreis", "Beispielland", "A", ""],
        ["cedernau", "Stadt Cedernau", "kreisangehörige Stadt", "Beispielland", "B", "3"],
        ["st.georgen", "St. Georgen", "Landkreis", "Beispielland", "B", ""],
        ["St Georgen", "St Georgen", "Landkreis", "Beispielland", "B", ""],
        [long.as_str(), "Lang", "Landkreis", "Beispielland", "B", ""],
    ]);
    let found: Vec<String> = found.into_iter().filter(|m| m.contains("Namensteil")).collect();
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found.iter().any(|m| m.starts_with(
            "Warnung: inputs/stammdaten.xlsx: ID „st.georgen“ ergibt denselben Dateinamen wie „St Georgen“"
        )),
        "{found:#?}"
    );
    assert!(found.iter().any(|m| m.contains(&format!("ID „{long}“ ist länger als 60 Zeichen"))), "{found:#?}");
}

#[test]
fn a_title_row_above_the_header_is_skipped_with_a_warning() {
    let mut sheets = standard_befragung("cedernau");
    // People dress up sheets: a title, a blank row, then the header.
    sheets[1].rows.insert(0, vec![s("Gesamteinschätzung Netzwerk Frühe Hilfen Cedernau 2026")]);
    sheets[1].rows.insert(1, vec![V::E]);
    let (found, read) = with_extra(&[("2026/befragung-cedernau.xlsx", sheets)]);
    assert_eq!(
        found,
        [
            "Warnung: inputs/2026/befragung-cedernau.xlsx › Befragung: Die Überschriften stehen in Zeile 3; die Zeilen darüber werden als Titel übergangen"
        ]
    );
    let survey = read.years[&2026].surveys.iter().find(|s| s.municipality == "cedernau").unwrap();
    assert_eq!(survey.respondents.len(), 4);
    // Zero-based: the first respondent is in Excel row 4.
    assert_eq!(survey.respondents[0].origin.row, 3);
}

#[test]
fn a_broken_stammdaten_row_costs_a_cluster_workshop_only_its_rows() {
    let (read, found, listed) = with_stammdaten(&[
        ["auenfeld", "Stadt Auenfeld", "kreisfreie Stadt", "Beispielland", "A", "QD3"],
        ["birkental", "Landkreis Birkental", "Gemeinde", "Beispielland", "A", ""],
        ["cedernau", "Stadt Cedernau", "kreisangehörige Stadt", "Beispielland", "B", "3"],
    ]);
    assert!(
        found[0].starts_with("Fehler: inputs/stammdaten.xlsx › Kommunen › C3: „Gemeinde“"),
        "cause first: {found:#?}"
    );
    assert!(
        found.iter().any(|m| m.starts_with("Warnung: inputs/2026/werkstatt-cluster-a.xlsx")
            && m.contains("Kommune „birkental“ ist in den Stammdaten fehlerhaft eingetragen (siehe dort)")),
        "{found:#?}"
    );
    assert!(!found.iter().any(|m| m.starts_with("Fehler: inputs/2026/werkstatt-cluster-a.xlsx")), "{found:#?}");
    let consequences: Vec<&String> = listed.iter().skip(1).take_while(|l| l.starts_with("  → ")).collect();
    assert!(!consequences.is_empty(), "consequences under the cause: {listed:#?}");
    assert!(consequences.iter().any(|l| l.contains("werkstatt-cluster-a.xlsx")), "{listed:#?}");
    assert!(consequences.iter().all(|l| l.contains("birkental")), "{listed:#?}");
    let cluster = read.years[&2026].workshops.iter().find(|w| w.file.ends_with("werkstatt-cluster-a.xlsx"));
    let cluster = cluster.expect("the cluster workshop is kept for its other members");
    assert_eq!(cluster.municipalities, ["auenfeld"]);
}

#[test]
fn key_figure_targets_are_read_from_their_own_columns() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    let rows = vec![
        vec![s("Kommune"), s("Netzwerkpartner"), s("Zielwert Netzwerkpartner"), s("Zielwert gfk_vze")],
        vec![s("auenfeld"), n(42.0), n(45.0), s("1,5")],
        vec![s("birkental"), n(30.0), V::E, s("viel")],
    ];
    let book = vec![info("Kennzahlen", &[("Jahr", n(2026.0))]), sheet("Kennzahlen", rows)];
    write_book(&inputs.join("2026/kennzahlen.xlsx"), &book);
    let (read, diags) = qdfh::ingest::read_inputs(&inputs, &catalog());
    let found = messages(&diags, dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("Fehler: inputs/2026/kennzahlen.xlsx › Kennzahlen › D3: „viel“"), "{found:?}");
    // With an error the workbook is left out, targets and all.
    assert!(read.years[&2026].key_figure_targets.is_empty());
    let rows = vec![
        vec![s("Kommune"), s("Netzwerkpartner"), s("Zielwert Netzwerkpartner"), s("Zielwert gfk_vze")],
        vec![s("auenfeld"), n(42.0), n(45.0), s("1,5")],
    ];
    write_book(
        &inputs.join("2026/kennzahlen.xlsx"),
        &[info("Kennzahlen", &[("Jahr", n(2026.0))]), sheet("Kennzahlen", rows)],
    );
    let (read, diags) = qdfh::ingest::read_inputs(&inputs, &catalog());
    assert_eq!(diags.error_count(), 0, "{}", diags.to_text(false));
    let targets: Vec<(&str, &str, f64)> = read.years[&2026]
        .key_figure_targets
        .iter()
        .map(|t| (t.municipality.as_str(), t.figure.as_str(), t.value))
        .collect();
    assert_eq!(targets, [("auenfeld", "netzwerkpartner", 45.0), ("auenfeld", "gfk_vze", 1.5)]);
}
