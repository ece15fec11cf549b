//! Quality standards: the Standards workbook (form, reader, findings with
//! file › sheet › cell, duplicates, rejection) and the figures the handout,
//! the cluster comparison, the state overview and the summary workbook
//! show, computed by hand for a small catalog.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use StandardRating::{Met, NotApplicable, NotMet, Partly};
use calamine::{Data, Reader, Xlsx};
use qdfh::catalog::{Catalog, StandardRating};
use qdfh::documents::{DocumentError, Subject};
use qdfh::forms::{FormData, FormInfo, Row, Value, write_form};
use qdfh::ingest::Workbook;
use qdfh::ingest::schema::{ColumnKey, FormKind, sheet};
use qdfh::model::{Rejected, RejectedKind, StandardsAssessment};

use crate::common::render::{FixtureDocs, engine, pdf_text};
use crate::common::workbooks::{self as wb, V, s};

/// Five minimum requirements (T1.1, T1.2, T2.1, T2.2, T2.3) and three
/// "Mehr" steps (T1.3, T2.4, T2.5).
const SMALL_CATALOG: &str = r#"
[[thema]]
id = "T1"
titel = "Koordination"
standard = [
  { id = "T1.1", text = "Eine Koordinierungsstelle ist benannt.", stufe = "mindest", dimension = "QD5" },
  { id = "T1.2", text = "Die Koordination hat eine Aufgabenbeschreibung.", stufe = "mindest", dimension = "QD5" },
  { id = "T1.3", text = "Die Koordination berichtet im Ausschuss.", stufe = "mehr", dimension = "QD5" },
]

[[thema]]
id = "T2"
titel = "Netzwerk"
standard = [
  { id = "T2.1", text = "Das Netzwerk trifft sich zweimal im Jahr.", stufe = "mindest", dimension = "QD3" },
  { id = "T2.2", text = "Das Gesundheitswesen ist vertreten.", stufe = "mindest", dimension = "QD3" },
  { id = "T2.3", text = "Es gibt eine Übersicht der Angebote.", stufe = "mindest", dimension = "QD8" },
  { id = "T2.4", text = "Es gibt eine Vereinbarung zur Zusammenarbeit.", stufe = "mehr", dimension = "QD3" },
  { id = "T2.5", text = "Familien wirken an der Planung mit.", stufe = "mehr", dimension = "QD11" },
]
"#;

fn assessment(municipality: &str, ratings: &[(&str, StandardRating)]) -> StandardsAssessment {
    StandardsAssessment {
        municipality: municipality.into(),
        year: 2026,
        file: PathBuf::from(format!("standards-{municipality}.xlsx")),
        ratings: ratings.iter().map(|(id, r)| (id.to_string(), *r)).collect(),
    }
}

/// The fixture with the small catalog. Municipality a (cluster K1):
/// minimum 3 erfüllt (T1.1, T2.1, T2.3), 1 teilweise (T1.2), 1 nicht
/// zutreffend (T2.2) → 3 of 4 = 75 %; "Mehr" T1.3 erfüllt, T2.4 nicht
/// erfüllt, T2.5 nicht zutreffend → 1 of 2. Municipality c (cluster K2):
/// minimum 4 erfüllt, T2.3 nicht erfüllt → 4 of 5 = 80 %. b and d sent none.
fn docs() -> FixtureDocs {
    let mut docs = FixtureDocs::new();
    docs.catalog = Catalog { standards: None, ..docs.catalog }.with_standards_text(SMALL_CATALOG).unwrap();
    let a = [("T1.1", Met), ("T1.2", Partly), ("T1.3", Met), ("T2.1", Met), ("T2.2", NotApplicable)];
    let a_rest = [("T2.3", Met), ("T2.4", NotMet), ("T2.5", NotApplicable)];
    let c = [("T1.1", Met), ("T1.2", Met), ("T1.3", Met), ("T2.1", Met), ("T2.2", Met), ("T2.3", NotMet)];
    let c_rest = [("T2.4", Met), ("T2.5", Met)];
    let year = docs.inputs.years.get_mut(&2026).unwrap();
    year.standards =
        vec![assessment("a", &[&a[..], &a_rest[..]].concat()), assessment("c", &[&c[..], &c_rest[..]].concat())];
    docs
}

#[test]
fn analysis_counts_minimum_requirements_without_not_applicable() {
    let docs = docs();
    let year = docs.year();
    let a = year.report.municipalities.iter().find(|m| m.id == "a").unwrap();
    let st = a.standards.as_ref().unwrap();
    assert_eq!((st.minimum.met, st.minimum.applicable, st.minimum.not_applicable), (3, 4, 1));
    assert_eq!(st.minimum.share, Some(0.75));
    let open: Vec<(&str, &str)> = st.minimum_open.iter().map(|i| (i.id.as_str(), i.rating_label.as_str())).collect();
    assert_eq!(open, [("T1.2", "teilweise")]);
    let reached: Vec<&str> = st.beyond_reached.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(reached, ["T1.3"]);
    assert_eq!((st.beyond.met, st.beyond.applicable), (1, 2));
    let b = year.report.municipalities.iter().find(|m| m.id == "b").unwrap();
    assert!(b.standards.is_none());
}

#[test]
fn handout_lists_open_minimum_requirements_and_reached_steps() {
    let docs = docs();
    let Some(text) = pdf_text(&docs.make("handout", Subject::Municipality("a".into()))) else { return };
    // The heading, then the count; the section ends before the methods note.
    let start = text.find("Qualitätsstandards 3 von 4 Mindestvoraussetzungen erfüllt (75 %)");
    let section = &text[start.unwrap_or_else(|| panic!("{text}"))..text.rfind("Methodische Hinweise").unwrap()];
    assert!(section.contains("1 Mindestvoraussetzung ist als „nicht zutreffend“ bewertet und zählt nicht mit"));
    let open = &section[section.find("Noch nicht erfüllte").unwrap()..section.find("Erreichte Schritte").unwrap()];
    assert!(open.contains("T1.2 Die Koordination hat eine Aufgabenbeschreibung."), "{open}");
    assert!(open.contains("teilweise"));
    for not_listed in ["T1.1", "T2.1", "T2.2", "T2.3"] {
        assert!(!open.contains(not_listed), "{not_listed} is met or not applicable: {open}");
    }
    let beyond = &section[section.find("Erreichte Schritte").unwrap()..];
    assert!(beyond.contains("1 von 2 Schritten erreicht"), "{beyond}");
    assert!(beyond.contains("T1.3 Die Koordination berichtet im Ausschuss."));
    assert!(!beyond.contains("T2.4") && !beyond.contains("T2.5"));
    // "Auf einen Blick" sums it up: 3 of 4 met, T1.2 open, 1 of 2 steps.
    let glance = text.find("Auf einen Blick").unwrap();
    let sentence = "Qualitätsstandards (Selbsteinschätzung): 3 von 4 Mindestvoraussetzungen erfüllt (75 %), \
                    noch offen: 1; „das Mehr“: 1 von 2 Schritten erreicht.";
    assert!(text[glance..start.unwrap()].contains(sentence), "{text}");
    let b = pdf_text(&docs.make("handout", Subject::Municipality("b".into()))).unwrap();
    assert!(!b.contains("Mindestvoraussetzungen erfüllt"), "b sent no Standards workbook");
    assert!(!b.contains("Qualitätsstandards (Selbsteinschätzung)"), "{b}");
}

#[test]
fn cluster_and_state_show_the_share_per_municipality() {
    let docs = docs();
    let Some(cluster) = pdf_text(&docs.make("cluster", Subject::Cluster("K1".into()))) else { return };
    let table = &cluster[cluster.rfind("Kommune Mindestvoraussetzungen erfüllt Anteil erfüllt").expect(&cluster)..];
    assert!(
        table.starts_with("Kommune Mindestvoraussetzungen erfüllt Anteil erfüllt Kommune a 3 von 4 75 % Kommune b – –"),
        "{table}"
    );
    let state = pdf_text(&docs.make("land", Subject::State)).unwrap();
    let table = &state[state.rfind("Kommune Mindestvoraussetzungen erfüllt Anteil erfüllt").expect(&state)..];
    let expected = "Kommune Mindestvoraussetzungen erfüllt Anteil erfüllt Kommune a 3 von 4 75 % Kommune b – – Kommune c 4 von 5 80 % Kommune d – –";
    assert!(table.starts_with(expected), "{table}");
}

fn summary_sheet(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut xlsx = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    xlsx.worksheet_range(name).unwrap().rows().map(<[Data]>::to_vec).collect()
}

#[test]
fn summary_has_a_row_per_municipality_and_standard_and_the_shares() {
    let docs = docs();
    let bytes = docs.make("zusammenfassung", Subject::State);
    let rows = summary_sheet(&bytes, "Standards");
    let text = |row: &[Data]| row.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    assert_eq!(text(&rows[0])[..7], ["ID", "Kommune", "Standard", "Thema", "Stufe", "Dimension", "Bewertung"]);
    assert_eq!(rows.len(), 1 + 8 + 8, "a and c, eight standards each");
    let qd5 = docs.catalog.dimension("QD5").unwrap().label();
    let t12 = rows.iter().find(|r| r[0] == "a" && r[2] == "T1.2").unwrap();
    assert_eq!(
        text(t12)[..7],
        ["a", "Kommune a", "T1.2", "T1 Koordination", "Mindestvoraussetzung", &qd5, "teilweise"]
    );
    let shares = summary_sheet(&bytes, "Standards je Kommune");
    let a = shares.iter().find(|r| r[0] == "a").unwrap();
    let numbers = [3.0, 4.0, 1.0, 0.75, 1.0, 2.0].map(Data::Float);
    assert_eq!(a[2..8], numbers);
    let b = shares.iter().find(|r| r[0] == "b").unwrap();
    assert!(b[2..].iter().all(|c| *c == Data::Empty), "{b:?}");
}

#[test]
fn a_rejected_standards_workbook_blocks_the_handout() {
    let mut docs = docs();
    let rejected = |m: &str| Rejected {
        file: PathBuf::from(format!("inputs/2026/standards-{m}.xlsx")),
        years: vec![2026],
        kind: RejectedKind::Standards,
        municipalities: vec![m.to_string()],
    };
    docs.inputs.rejected = vec![rejected("b"), rejected("a"), rejected("c")];
    docs.inputs.years.get_mut(&2026).unwrap().standards.retain(|a| a.municipality != "a");
    let year = docs.year();
    let plan = year.plan().unwrap();
    let handout = |id: &str| {
        let subject = Subject::Municipality(id.into());
        plan.iter().find(|d| d.kind.name() == "handout" && d.subject == subject).unwrap().make(&year, engine())
    };
    assert!(
        matches!(handout("b"), Err(DocumentError::RejectedInput { ref file, .. }) if file.ends_with("standards-b.xlsx"))
    );
    assert!(
        matches!(handout("a"), Err(DocumentError::RejectedInput { ref file, .. }) if file.ends_with("standards-a.xlsx"))
    );
    assert!(handout("c").is_ok(), "a valid Standards workbook stands in its place");
    assert!(handout("d").is_ok(), "a rejected workbook of another municipality does not block");
}

/// A Standards workbook of auenfeld 2026 as a user may leave it: the
/// heading row in row 1, then one row per entry (id, text, rating).
fn standards_book(entries: &[(&str, V)]) -> Vec<wb::Sheet> {
    let info = wb::info("Standards", &[("Kommune", s("auenfeld")), ("Jahr", wb::n(2026.0))]);
    let mut rows = vec![vec![s("Nr."), s("Standard"), s("Bewertung")]];
    rows.extend(entries.iter().map(|(id, rating)| vec![s(id), V::E, rating.clone()]));
    vec![info, wb::sheet(sheet::STANDARDS, rows)]
}

/// Every standard of the shipped catalog rated "erfüllt".
fn all_met(catalog: &Catalog) -> Vec<(String, V)> {
    catalog.standards.as_ref().unwrap().items().map(|(_, i)| (i.id.clone(), s("erfüllt"))).collect()
}

fn inputs_with(dir: &Path, books: &[(&str, Vec<wb::Sheet>)]) -> PathBuf {
    let inputs = dir.join("inputs");
    wb::write_book(&inputs.join("stammdaten.xlsx"), &wb::standard_stammdaten());
    for (name, sheets) in books {
        wb::write_book(&inputs.join("2026").join(name), sheets);
    }
    inputs
}

#[test]
fn reader_findings_name_file_sheet_and_cell() {
    let catalog = wb::catalog();
    let mut entries = all_met(&catalog);
    let last = entries.pop().unwrap().0;
    entries[1].1 = s("ja");
    entries[2].1 = V::E;
    entries.push(("S9.9".into(), s("erfüllt")));
    entries.push((entries[0].0.clone(), s("teilweise")));
    let borrowed: Vec<(&str, V)> = entries.iter().map(|(id, v)| (id.as_str(), v.clone())).collect();
    let dir = tempfile::tempdir().unwrap();
    let inputs = inputs_with(dir.path(), &[("standards-auenfeld.xlsx", standards_book(&borrowed))]);
    let reading = qdfh::ingest::read(&inputs, &catalog);
    let found = wb::messages(&reading.diagnostics, dir.path());
    let file = "inputs/2026/standards-auenfeld.xlsx › Standards";
    // Row 1 is the heading: entry k stands in row k + 2.
    let (second, third) = (&entries[1].0, &entries[2].0);
    let (unknown_row, duplicate_row) = (entries.len(), entries.len() + 1);
    let allowed = "erfüllt, teilweise, nicht erfüllt, nicht zutreffend";
    assert_eq!(
        found,
        [
            format!("Fehler: {file}: Die Zeile „{last}“ fehlt (Spalte A)"),
            format!("Fehler: {file} › C3: Standard {second}: „ja“ ist keine gültige Bewertung (erlaubt: {allowed})"),
            format!("Fehler: {file} › C4: Standard {third}: Bewertung fehlt (erlaubt: {allowed})"),
            format!("Warnung: {file} › A{unknown_row}: unbekannte Zeile „S9.9“ wird ignoriert"),
            format!(
                "Fehler: {file} › A{duplicate_row}: Zeile „{}“ kommt doppelt vor (auch in Zeile 2); bitte eine davon löschen",
                entries[0].0
            ),
        ]
    );
    let rejected = &reading.inputs.rejected;
    assert_eq!(rejected.len(), 1);
    assert_eq!(
        (rejected[0].kind, rejected[0].municipalities.clone()),
        (RejectedKind::Standards, vec!["auenfeld".into()])
    );
    assert!(reading.inputs.years.get(&2026).is_none_or(|y| y.standards.is_empty()));
}

#[test]
fn two_standards_workbooks_of_one_municipality_and_year_are_both_errors() {
    let catalog = wb::catalog();
    let entries = all_met(&catalog);
    let borrowed: Vec<(&str, V)> = entries.iter().map(|(id, v)| (id.as_str(), v.clone())).collect();
    let dir = tempfile::tempdir().unwrap();
    let books = [("standards-auenfeld.xlsx", standards_book(&borrowed)), ("kopie.xlsx", standards_book(&borrowed))];
    let inputs = inputs_with(dir.path(), &books);
    let reading = qdfh::ingest::read(&inputs, &catalog);
    let found = wb::messages(&reading.diagnostics, dir.path());
    let (a, b) = ("inputs/2026/kopie.xlsx", "inputs/2026/standards-auenfeld.xlsx");
    let message = |this: &str, other: &str| {
        format!(
            "Fehler: {this}: Für Kommune „auenfeld“ gibt es 2026 mehrere Standards-Dateien (auch {other}); bitte nur eine Datei je Kommune und Jahr ablegen"
        )
    };
    assert_eq!(found, [message(a, b), message(b, a)]);
    assert_eq!(reading.inputs.rejected.len(), 2);
}

/// A Standards form of `municipality` 2026 as qdfh's own form writes it,
/// the ratings cycling through all four from `offset` on; with the
/// ratings it holds.
pub(crate) fn standards_form(
    catalog: &Catalog,
    municipality: &str,
    offset: usize,
) -> (FormData, BTreeMap<String, StandardRating>) {
    let cycle = [Met, Partly, NotMet, NotApplicable];
    let ratings: BTreeMap<String, StandardRating> = (catalog.standards.as_ref().unwrap().items())
        .enumerate()
        .map(|(i, (_, item))| (item.id.clone(), cycle[(i + offset) % cycle.len()]))
        .collect();
    let info =
        FormInfo { municipality: Some(municipality.into()), year: Some(2026), ..FormInfo::blank(FormKind::Standards) };
    let mut form = FormData::new(info);
    let row: Row = ratings.iter().map(|(id, r)| (ColumnKey::Standard(id.clone()), Value::from(r.label()))).collect();
    form.sheet(sheet::STANDARDS).push(row);
    (form, ratings)
}

#[test]
fn blank_form_round_trip() {
    let catalog = wb::catalog();
    let dir = tempfile::tempdir().unwrap();
    let blank = qdfh::forms::write_blank_forms(dir.path(), &catalog).unwrap();
    assert!(blank.iter().any(|p| p.ends_with("standards.xlsx")));
    let (form, expected) = standards_form(&catalog, "auenfeld", 0);
    let path = dir.path().join("2026/standards-auenfeld.xlsx");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    write_form(&path, &catalog, &form).unwrap();
    let municipalities = qdfh::ingest::read(&inputs_with(dir.path(), &[]), &catalog).inputs.municipalities;
    let (workbook, diags) = qdfh::ingest::read_workbook(&path, &catalog, Some(&municipalities));
    assert_eq!(diags.error_count(), 0, "{diags:?}");
    let Some(Workbook::Standards(read)) = workbook else { panic!("not read as Standards: {workbook:?}") };
    assert_eq!((read.municipality.as_str(), read.year), ("auenfeld", 2026));
    assert_eq!(read.ratings, expected);
}

#[test]
fn without_standards_in_the_catalog_there_is_no_standards_form() {
    let catalog = Catalog { standards: None, ..wb::catalog() };
    let dir = tempfile::tempdir().unwrap();
    let blank = qdfh::forms::write_blank_forms(dir.path(), &catalog).unwrap();
    assert!(!blank.iter().any(|p| p.ends_with("standards.xlsx")), "{blank:?}");
}

#[test]
fn without_standards_in_the_catalog_no_document_shows_any() {
    let mut docs = docs();
    docs.catalog.standards = None;
    let year = docs.year();
    assert!(year.report.municipalities.iter().all(|m| m.standards.is_none()), "the assessments are not used");
    let cluster = year.report.clusters.iter().find(|c| c.name == "K1").unwrap();
    assert!(qdfh::documents::cluster::cluster_data(cluster, &year).unwrap().standards.is_none());
    assert!(qdfh::documents::state::state_data(&year).unwrap().standards.is_none());
    let bytes = docs.make("zusammenfassung", Subject::State);
    let xlsx = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert!(!xlsx.sheet_names().iter().any(|n| n.starts_with("Standards")), "{:?}", xlsx.sheet_names());
}

#[test]
fn check_reports_a_standard_whose_dimension_the_framework_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let _inputs = wb::standard_inputs(dir.path());
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/katalog");
    let katalog = dir.path().join("templates/katalog");
    std::fs::create_dir_all(&katalog).unwrap();
    for name in ["qualitaetsrahmen.toml", "skalen.toml", "material.toml", "standards.toml"] {
        std::fs::copy(shipped.join(name), katalog.join(name)).unwrap();
    }
    let text = std::fs::read_to_string(katalog.join("standards.toml")).unwrap();
    std::fs::write(katalog.join("standards.toml"), text.replacen("dimension = \"QD3\"", "dimension = \"QD12\"", 1))
        .unwrap();
    let output = assert_cmd::Command::cargo_bin("qdfh").unwrap().current_dir(dir.path()).arg("check").output().unwrap();
    let all = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert_ne!(output.status.code(), Some(0), "{all}");
    assert!(all.contains("Standard S2.1: Qualitätsdimension „QD12“ gibt es im Qualitätsrahmen nicht"), "{all}");
}

#[test]
fn the_example_inputs_have_standards_for_three_municipalities_of_four() {
    let catalog = wb::catalog();
    let root = crate::common::repo_root().join("inputs");
    let (inputs, diagnostics) = qdfh::ingest::read_inputs(&root, &catalog);
    assert_eq!(diagnostics.items.len(), 0, "{}", diagnostics.to_text(false));
    let standards = &inputs.years[&2026].standards;
    // Every fourth of the 20 municipalities, in Stammdaten order, sent none.
    let expected: Vec<&str> =
        inputs.municipalities.iter().enumerate().filter(|(i, _)| i % 4 != 3).map(|(_, m)| m.id.as_str()).collect();
    let sent: Vec<&str> = standards.iter().map(|a| a.municipality.as_str()).collect();
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();
    assert_eq!(sent, expected_sorted);
    let count = catalog.standards.as_ref().unwrap().items().count();
    assert!(standards.iter().all(|a| a.ratings.len() == count));
    assert!(inputs.years[&2025].standards.is_empty());
}

#[test]
fn a_standards_workbook_belongs_in_the_year_folder_of_its_year() {
    let catalog = wb::catalog();
    let entries = all_met(&catalog);
    let borrowed: Vec<(&str, V)> = entries.iter().map(|(id, v)| (id.as_str(), v.clone())).collect();
    let mut wrong_year = standards_book(&borrowed);
    wrong_year[0] = wb::info("Standards", &[("Kommune", s("auenfeld")), ("Jahr", wb::n(2025.0))]);
    let dir = tempfile::tempdir().unwrap();
    let inputs = inputs_with(dir.path(), &[("standards-auenfeld.xlsx", wrong_year)]);
    wb::write_book(&inputs.join("standards-oben.xlsx"), &standards_book(&borrowed));
    let reading = qdfh::ingest::read(&inputs, &catalog);
    let found = wb::messages(&reading.diagnostics, dir.path());
    // Info: Formular in row 1, Kommune in row 2, Jahr in row 3.
    assert_eq!(
        found,
        [
            "Fehler: inputs/standards-oben.xlsx › Info › B1: Diese Datei (Formular Standards) gehört in einen Jahresordner wie inputs/2026/, nicht direkt nach inputs/",
            "Fehler: inputs/2026/standards-auenfeld.xlsx › Info › B3: Jahr 2025 passt nicht zum Ordner 2026/; bitte das Jahr oder den Ablageort korrigieren",
        ]
    );
    assert!(reading.inputs.years.values().all(|y| y.standards.is_empty()));
}
