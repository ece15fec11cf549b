//! Test fixtures for the ingest and check tests: workbooks written with
//! rust_xlsxwriter into temporary folders, so no binary blobs are needed.
//!
//! Shared by the ingest and check tests; its own test checks that the
//! standard folder reads cleanly.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use qdfh::catalog::Catalog;
use qdfh::diagnostics::Diagnostics;
use qdfh::ingest::schema;
use qdfh::model::Inputs;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

/// One cell to write.
#[derive(Debug, Clone)]
pub enum V {
    /// Text.
    S(String),
    /// A number.
    N(f64),
    /// A formula with its cached result.
    F(String, String),
    /// An Excel date (year, month, day), formatted as a date.
    D(u16, u8, u8),
    /// Nothing.
    E,
}

/// Text cell.
pub fn s(text: &str) -> V {
    V::S(text.to_string())
}

/// Number cell.
pub fn n(value: f64) -> V {
    V::N(value)
}

/// A sheet: name, top-left position and rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub origin: (u32, u16),
    pub rows: Vec<Vec<V>>,
}

/// A sheet starting at A1.
pub fn sheet(name: &str, rows: Vec<Vec<V>>) -> Sheet {
    Sheet { name: name.to_string(), origin: (0, 0), rows }
}

/// The shipped catalog.
pub fn catalog() -> Catalog {
    qdfh::project::default_catalog()
}

/// Writes an .xlsx (or .xlsm: the same container) workbook.
pub fn write_book(path: &Path, sheets: &[Sheet]) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name).unwrap();
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let (r, c) = (sheet.origin.0 + r as u32, sheet.origin.1 + c as u16);
                match value {
                    V::S(text) => ws.write_string(r, c, text).map(|_| ()),
                    V::N(number) => ws.write_number(r, c, *number).map(|_| ()),
                    V::F(formula, result) => {
                        ws.write_formula(r, c, Formula::new(formula).set_result(result)).map(|_| ())
                    }
                    V::D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        ws.write_datetime_with_format(r, c, &dt, &date).map(|_| ())
                    }
                    V::E => Ok(()),
                }
                .unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

/// The Info sheet.
pub fn info(form: &str, pairs: &[(&str, V)]) -> Sheet {
    let mut rows = vec![vec![s("Formular"), s(form), s("bitte nicht ändern")]];
    rows.extend(pairs.iter().map(|(k, v)| vec![s(k), v.clone()]));
    sheet("Info", rows)
}

/// Stammdaten rows: ID, Name, Typ, Bundesland, Cluster, Schwerpunkte.
pub fn stammdaten(rows: &[[&str; 6]]) -> Vec<Sheet> {
    let header = ["ID", "Name", "Typ", "Bundesland", "Cluster", "Schwerpunkte"];
    let mut data = vec![header.iter().map(|h| s(h)).collect::<Vec<_>>()];
    data.extend(rows.iter().map(|r| r.iter().map(|c| if c.is_empty() { V::E } else { s(c) }).collect()));
    vec![info("Stammdaten", &[]), sheet("Kommunen", data)]
}

/// The three municipalities of the standard folder.
pub fn standard_stammdaten() -> Vec<Sheet> {
    stammdaten(&[
        ["auenfeld", "Stadt Auenfeld", "kreisfreie Stadt", "Beispielland", "A", "QD3, QD2"],
        ["birkental", "Landkreis Birkental", "Landkreis", "Beispielland", "A", ""],
        ["cedernau", "Stadt Cedernau", "kreisangehörige Stadt", "Beispielland", "B", "3"],
    ])
}

/// Survey headers from the schema (as the blank forms write them).
pub fn survey_header(catalog: &Catalog) -> Vec<V> {
    schema::befragung_columns(catalog).iter().map(|c| s(&c.header)).collect()
}

/// One survey row: the same answer for every goal and need.
pub fn survey_row(catalog: &Catalog, person: &str, sector: &str, level: &str, goal: V, need: V) -> Vec<V> {
    let mut row = vec![s(person), s(sector), s(level), s("Fachkraft")];
    row.extend(catalog.goals().map(|_| goal.clone()));
    row.extend(catalog.framework.dimensions.iter().map(|_| need.clone()));
    row.push(V::E);
    row
}

/// A survey workbook.
pub fn befragung(municipality: &str, year: f64, rows: Vec<Vec<V>>) -> Vec<Sheet> {
    let catalog = catalog();
    let mut data = vec![survey_header(&catalog)];
    data.extend(rows);
    vec![info("Befragung", &[("Kommune", s(municipality)), ("Jahr", n(year))]), sheet("Befragung", data)]
}

/// A survey with four plain respondents.
pub fn standard_befragung(municipality: &str) -> Vec<Sheet> {
    let c = catalog();
    befragung(
        municipality,
        2026.0,
        vec![
            survey_row(&c, "1", "Netzwerkkoordination", "strategisch", n(5.0), n(2.0)),
            survey_row(&c, "2", "Hebamme", "operativ", s("stimme voll zu"), s("hoher Bedarf")),
            survey_row(&c, "3", "Kindertagesstätte", "operativ", n(3.0), s("weiß nicht")),
            survey_row(&c, "4", "Jobcenter", "strategisch", s("4"), V::E),
        ],
    )
}

/// A workshop of one municipality with rows in three sheets.
pub fn standard_werkstatt() -> Vec<Sheet> {
    vec![
        info(
            "Werkstatt",
            &[("Kommune", s("auenfeld")), ("Cluster", V::E), ("Jahr", n(2026.0)), ("Datum", V::D(2026, 3, 12))],
        ),
        sheet(
            "Teilnahme",
            vec![
                vec![s("Kommune"), s("Institution"), s("Sektor"), s("Funktion")],
                vec![V::E, s("Jugendamt"), s("Netzwerkkoordination"), s("Koordination")],
                vec![V::E, s("Klinikum"), s("Geburtsklinik"), s("Pflege")],
            ],
        ),
        sheet(
            "Punktabfrage",
            vec![
                vec![s("Kommune"), s("Dimension oder Thema"), s("Punkte")],
                vec![V::E, s("QD3"), n(7.0)],
                vec![V::E, s("3b"), n(2.0)],
            ],
        ),
        sheet(
            "Maßnahmen",
            vec![
                vec![
                    s("Kommune"),
                    s("Ziel"),
                    s("Maßnahme"),
                    s("Dimension"),
                    s("verantwortlich"),
                    s("Beteiligte"),
                    s("Beginn"),
                    s("Termin"),
                    s("Status"),
                    s("Indikator"),
                ],
                vec![
                    V::E,
                    s("Partner kennen sich"),
                    s("Netzwerkkarte"),
                    s("Netzwerk"),
                    s("Koordination"),
                    s("alle"),
                    V::D(2026, 4, 1),
                    s("31.12.2026"),
                    s("in Arbeit"),
                    s("Karte liegt vor"),
                ],
            ],
        ),
    ]
}

/// A cluster workshop (Cluster A: auenfeld and birkental).
pub fn standard_cluster_werkstatt() -> Vec<Sheet> {
    vec![
        info("Werkstatt", &[("Kommune", V::E), ("Cluster", s("A")), ("Jahr", n(2026.0))]),
        sheet(
            "Rückmeldung",
            vec![
                vec![s("Kommune"), s("Zufriedenheit"), s("Kommentar")],
                vec![s("auenfeld"), s("sehr zufrieden"), V::E],
                vec![s("birkental"), n(4.0), s("gut")],
            ],
        ),
    ]
}

/// Key figures of auenfeld and birkental.
pub fn standard_kennzahlen() -> Vec<Sheet> {
    vec![
        info("Kennzahlen", &[("Jahr", n(2026.0))]),
        sheet(
            "Kennzahlen",
            vec![
                vec![s("Kommune"), s("Netzwerkpartner"), s("Netzwerktreffen im Jahr"), s("gfk_vze")],
                vec![s("auenfeld"), n(42.0), n(4.0), s("1,5")],
                vec![s("birkental"), n(30.0), V::E, n(0.8)],
            ],
        ),
    ]
}

/// Writes the standard inputs folder (`<dir>/inputs`) and returns it: three
/// municipalities, two surveys, two workshops and key figures in 2026.
pub fn standard_inputs(dir: &Path) -> PathBuf {
    let inputs = dir.join("inputs");
    write_book(&inputs.join("stammdaten.xlsx"), &standard_stammdaten());
    write_book(&inputs.join("2026/befragung-auenfeld.xlsx"), &standard_befragung("auenfeld"));
    write_book(&inputs.join("2026/befragung-birkental.xlsx"), &standard_befragung("birkental"));
    write_book(&inputs.join("2026/werkstatt-auenfeld.xlsx"), &standard_werkstatt());
    write_book(&inputs.join("2026/werkstatt-cluster-a.xlsx"), &standard_cluster_werkstatt());
    write_book(&inputs.join("2026/kennzahlen.xlsx"), &standard_kennzahlen());
    inputs
}

/// A project made by `qdfh init` in `dir/projekt` whose inputs are the
/// standard folder: 7 documents in about a second.
pub fn small_project(dir: &Path) -> PathBuf {
    let project = dir.join("projekt");
    assert_cmd::Command::cargo_bin("qdfh").unwrap().arg("init").arg(&project).assert().success();
    std::fs::remove_dir_all(project.join("inputs")).unwrap();
    standard_inputs(&project);
    project
}

/// Asserts that everything of the standard folder was read.
pub fn assert_standard_read(inputs: &Inputs) {
    let ids: Vec<&str> = inputs.municipalities.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["auenfeld", "birkental", "cedernau"]);
    let year = &inputs.years[&2026];
    let surveys: Vec<&str> = year.surveys.iter().map(|s| s.municipality.as_str()).collect();
    assert_eq!(surveys, ["auenfeld", "birkental"]);
    assert!(year.surveys.iter().all(|s| s.respondents.len() == 4));
    assert_eq!(year.workshops.len(), 2);
    assert_eq!(year.key_figures.len(), 5);
}

/// Findings as `Fehler: file › sheet › cell: message`, with `root/` cut
/// from file names so tests can compare exact text.
pub fn messages(diags: &Diagnostics, root: &Path) -> Vec<String> {
    let prefix = format!("{}/", root.display());
    diags.items.iter().map(|d| format!("{}: {d}", d.severity.label()).replace(&prefix, "")).collect()
}

/// The findings as `qdfh check` lists them (consequences indented under
/// their cause), one line each, with `root/` cut from file names.
pub fn listed(diags: &Diagnostics, root: &Path) -> Vec<String> {
    let prefix = format!("{}/", root.display());
    diags.to_text(false).replace(&prefix, "").lines().map(str::to_string).collect()
}

/// Findings about files other than those whose name contains `name`.
pub fn others(diags: &Diagnostics, root: &Path, name: &str) -> Vec<String> {
    messages(diags, root).into_iter().filter(|m| !m.contains(name)).collect()
}

/// Converts `src` with LibreOffice into `out_dir` (`to`: "xls", "ods" or
/// "xlsm:Calc MS Excel 2007 VBA XML"). Uses a private profile so parallel
/// tests do not share one, and gives up after two minutes: a LibreOffice
/// that waits for a dialog must not hang the test run.
pub fn soffice_convert(src: &Path, to: &str, out_dir: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.path().display()))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(out_dir)
        .arg(src)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("soffice starts");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            child.kill().ok();
            panic!("soffice did not finish converting {} within two minutes", src.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let ext = to.split(':').next().unwrap();
    let out = out_dir.join(src.with_extension(ext).file_name().unwrap());
    assert!(out.exists(), "soffice wrote no {}", out.display());
    out
}

/// An .xlsx file as Excel writes it when it is protected with a password:
/// an OLE compound file holding the streams `EncryptionInfo` and
/// `EncryptedPackage` instead of a ZIP. The encrypted bytes are dummies.
pub fn encrypted_ooxml() -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    let mut header = Vec::with_capacity(512);
    header.extend([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    header.extend([0u8; 16]);
    for v in [0x003Eu16, 3, 0xFFFE, 9, 6] {
        header.extend(v.to_le_bytes());
    }
    header.extend([0u8; 6]);
    for v in [0u32, 1, 1, 0, 4096, END, 0, END, 0] {
        header.extend(v.to_le_bytes());
    }
    header.extend(0u32.to_le_bytes());
    header.extend(std::iter::repeat_n(FREE.to_le_bytes(), 108).flatten());
    // Sector 0: the FAT; 1: the directory; 2–9 and 10–17: the two streams.
    let mut fat: Vec<u32> = vec![0xFFFF_FFFD, END];
    for first in [2u32, 10] {
        fat.extend(first + 1..first + 8);
        fat.push(END);
    }
    fat.resize(128, FREE);
    let mut file = header;
    file.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    let entries = [("Root Entry", 5u8, FREE, 1u32, END, 0u32), ("EncryptionInfo", 2, 2, FREE, 2, 4096)];
    let mut dir = Vec::new();
    for (name, kind, right, child, start, size) in entries {
        dir.extend(dir_entry(name, kind, right, child, start, size));
    }
    dir.extend(dir_entry("EncryptedPackage", 2, FREE, FREE, 10, 4096));
    dir.extend(dir_entry("", 0, FREE, FREE, 0, 0));
    file.extend(dir);
    file.extend(std::iter::repeat_n(0x5Au8, 2 * 4096));
    file
}

fn dir_entry(name: &str, kind: u8, right: u32, child: u32, start: u32, size: u32) -> Vec<u8> {
    let mut e = Vec::with_capacity(128);
    let utf16: Vec<u16> = name.encode_utf16().collect();
    let mut name_bytes: Vec<u8> = utf16.iter().flat_map(|c| c.to_le_bytes()).collect();
    name_bytes.resize(64, 0);
    e.extend(name_bytes);
    let len = if name.is_empty() { 0 } else { (utf16.len() as u16 + 1) * 2 };
    e.extend(len.to_le_bytes());
    e.extend([kind, 1]);
    for v in [0xFFFF_FFFFu32, right, child] {
        e.extend(v.to_le_bytes());
    }
    e.extend([0u8; 16 + 4 + 16]);
    e.extend(start.to_le_bytes());
    e.extend(size.to_le_bytes());
    e.extend(0u32.to_le_bytes());
    e
}

#[test]
fn the_standard_folder_reads_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = standard_inputs(dir.path());
    let (read, diags) = qdfh::ingest::read_inputs(&inputs, &catalog());
    assert_eq!(messages(&diags, dir.path()), Vec::<String>::new());
    assert_standard_read(&read);
}
