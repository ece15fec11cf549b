//! File formats and lenient reading: .xlsx, .xlsm, .xls and .ods read to the
//! same values; headers, labels, numbers, dates and formulas are read the
//! way people type them.
//!
//! The .xls, .ods and .xlsm fixtures under `tests/fixtures/ingest/` were made
//! from the generated .xlsx by LibreOffice; regenerate them with
//! `cargo test --release --test integration -- --ignored regenerate`.

use crate::common;

use std::path::{Path, PathBuf};

use crate::common::workbooks::*;
use qdfh::ingest::{Workbook, read_workbook, schema};
use qdfh::model::{Answer, Municipality};
use serde_json::Value;

fn fixtures() -> PathBuf {
    common::repo_root().join("tests/fixtures/ingest")
}

/// A survey using every way of typing an answer.
fn format_befragung() -> Vec<Sheet> {
    let c = catalog();
    let mut mixed = survey_row(&c, "P-2", "hebamme", "Operativ", s("STIMME VOLL ZU"), s("Hoher Bedarf"));
    mixed[4] = V::F("=2+3".into(), "5".into());
    // A formula with a text result is tested in .xlsx only: LibreOffice
    // 7.4 writes 0 as the cached value of such formulas into .xls files.
    mixed[5] = s("stimme zu");
    mixed[6] = s("k. A.");
    mixed[7] = V::E;
    mixed[8] = s("6 - stimme voll zu");
    *mixed.last_mut().unwrap() = s("Gute Zusammenarbeit");
    befragung(
        "auenfeld",
        2026.0,
        vec![
            survey_row(&c, "1", "Netzwerkkoordination", "strategisch", n(1.0), n(4.0)),
            mixed,
            survey_row(&c, "3", "Gesundheitsamt", "strategisch", s("weiß nicht"), s("2")),
        ],
    )
}

/// A workshop with dates typed in three ways.
fn format_werkstatt() -> Vec<Sheet> {
    let mut sheets = standard_werkstatt();
    sheets[0] = info("Werkstatt", &[("Kommune", s("auenfeld")), ("Jahr", s("2026")), ("Datum", s("2026-03-12"))]);
    let c = catalog();
    let mut pairs: Vec<V> = schema::polaritaet_columns(&c).iter().map(|col| s(&col.header)).collect();
    pairs[3] = s("P2");
    pairs[4] = s("p3 lose");
    let mut rated = vec![V::E, s("A"), n(7.0), s("Mitte"), s("ganz links")];
    rated.resize(pairs.len(), n(1.0));
    let other = vec![V::E, s("B"), s("2"), V::E, s("weiß nicht")];
    sheets.push(sheet("Polaritätsprofil", vec![pairs, rated, other]));
    let factors: Vec<V> = schema::erfolgsfaktoren_columns(&c).iter().map(|col| s(&col.header)).collect();
    sheets.push(sheet("Erfolgsfaktoren", vec![factors, vec![V::E, s("A"), s("eher erfüllt"), n(4.0)]]));
    let actions = &mut sheets[3].rows;
    actions.push(actions[1].clone());
    actions[2][6] = s("01.05.2026");
    actions[2][7] = s("2027-01-31");
    sheets
}

fn municipalities() -> Vec<Municipality> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stammdaten.xlsx");
    write_book(&path, &standard_stammdaten());
    match read_workbook(&path, &catalog(), None) {
        (Some(Workbook::Stammdaten(s)), _) => s.municipalities,
        other => panic!("stammdaten not read: {other:?}"),
    }
}

/// Reads one workbook and returns its contents as JSON without file names,
/// so the same contents from different formats compare equal.
fn contents(path: &Path) -> Value {
    let (content, diags) = read_workbook(path, &catalog(), Some(&municipalities()));
    assert!(diags.items.is_empty(), "{}: {:?}", path.display(), diags.items);
    let mut value = match content.expect("readable") {
        Workbook::Befragung(s) => serde_json::to_value(s).unwrap(),
        Workbook::Werkstatt(w) => serde_json::to_value(w).unwrap(),
        other => panic!("unexpected {other:?}"),
    };
    strip_files(&mut value);
    value
}

fn strip_files(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("file");
            map.values_mut().for_each(strip_files);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_files),
        _ => {}
    }
}

#[test]
fn the_generated_xlsx_reads_every_way_of_typing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("befragung.xlsx");
    let mut sheets = format_befragung();
    sheets[1].rows[2][5] = V::F("=\"stimme zu\"".into(), "stimme zu".into());
    write_book(&path, &sheets);
    let (content, diags) = read_workbook(&path, &catalog(), Some(&municipalities()));
    assert!(diags.items.is_empty(), "{:?}", diags.items);
    let Some(Workbook::Befragung(survey)) = content else { panic!("no survey") };
    let mixed = &survey.respondents[1];
    assert_eq!((mixed.id.as_str(), mixed.sector.as_str(), mixed.level.as_str()), ("P-2", "hebamme", "operativ"));
    let answers: Vec<Answer> = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2"].iter().map(|g| mixed.ratings[*g]).collect();
    use Answer::*;
    assert_eq!(answers, [Value(5), Value(5), DontKnow, Blank, Value(6), Value(6)]);
    assert_eq!(mixed.needs["QD1"], Value(4));
    assert_eq!(mixed.comment.as_deref(), Some("Gute Zusammenarbeit"));
    assert_eq!(survey.respondents[2].ratings["1.1"], DontKnow);
    assert_eq!(survey.respondents[2].needs["QD11"], Value(2));
    assert_eq!(survey.respondents[0].origin.row, 1);
}

#[test]
fn committed_xls_ods_and_xlsm_read_like_the_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    for (name, sheets) in [("format-befragung", format_befragung()), ("format-werkstatt", format_werkstatt())] {
        let xlsx = dir.path().join(format!("{name}.xlsx"));
        write_book(&xlsx, &sheets);
        let expected = contents(&xlsx);
        for ext in ["xlsm", "xls", "ods"] {
            let converted = fixtures().join(format!("{name}.{ext}"));
            assert_eq!(contents(&converted), expected, "{} differs from the .xlsx", converted.display());
        }
    }
}

#[test]
fn workshop_dates_and_scales_read_the_same_in_every_format() {
    let path = fixtures().join("format-werkstatt.ods");
    let (content, _) = read_workbook(&path, &catalog(), Some(&municipalities()));
    let Some(Workbook::Werkstatt(w)) = content else { panic!("no workshop") };
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    assert_eq!(w.date, date(2026, 3, 12));
    assert_eq!((w.actions[0].start, w.actions[0].due), (date(2026, 4, 1), date(2026, 12, 31)));
    assert_eq!((w.actions[1].start, w.actions[1].due), (date(2026, 5, 1), date(2027, 1, 31)));
    let polarity: Vec<(String, String, Answer)> =
        w.polarity.iter().map(|p| (p.participant.clone(), p.pair.clone(), p.answer)).collect();
    assert_eq!(
        polarity[..3],
        [
            ("A".to_string(), "P1".to_string(), Answer::Value(7)),
            ("A".to_string(), "P2".to_string(), Answer::Value(4)),
            ("A".to_string(), "P3".to_string(), Answer::Value(1)),
        ]
    );
    assert_eq!(w.factors[0].state, Answer::Value(3));
    assert_eq!(w.factors[0].importance, Answer::Value(4));
}

#[test]
fn a_fresh_libreoffice_conversion_reads_like_the_xlsx() {
    if !common::require_tool("soffice") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("format-befragung.xlsx");
    write_book(&xlsx, &format_befragung());
    let expected = contents(&xlsx);
    for to in ["xls", "ods", "xlsm:Calc MS Excel 2007 VBA XML"] {
        let out = soffice_convert(&xlsx, to, &dir.path().join("out"));
        assert_eq!(contents(&out), expected, "{} differs", out.display());
    }
}

/// Writes the committed fixtures anew (needs LibreOffice).
#[test]
#[ignore = "rewrites tests/fixtures/ingest; run by hand after changing the format fixtures"]
fn regenerate_format_fixtures() {
    let dir = tempfile::tempdir().unwrap();
    for (name, sheets) in [("format-befragung", format_befragung()), ("format-werkstatt", format_werkstatt())] {
        let xlsx = dir.path().join(format!("{name}.xlsx"));
        write_book(&xlsx, &sheets);
        for to in ["xls", "ods", "xlsm:Calc MS Excel 2007 VBA XML"] {
            soffice_convert(&xlsx, to, &fixtures());
        }
    }
}

#[test]
fn headers_and_sheet_names_match_leniently_and_positions_stay_absolute() {
    let c = catalog();
    let mut sheets = standard_befragung("auenfeld");
    let header = &mut sheets[1].rows[0];
    header[0] = s("  PERSON ");
    header[1] = s("sektor");
    header[2] = s("EBENE");
    header[4] = s("1.1");
    // A trailing "empty" column: only spaces in the header, nothing below.
    header.extend([V::E, s("  ")]);
    sheets[1].name = "BEFRAGUNG".into();
    sheets[1].origin = (2, 2);
    let mut bad = survey_row(&c, "5", "Hebamme", "operativ", n(4.0), n(2.0));
    bad[4] = s("sehr");
    sheets[1].rows.insert(2, vec![V::E, s("   ")]);
    sheets[1].rows.push(bad);
    sheets[1].rows.push(vec![s(" ")]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("befragung.xlsx");
    write_book(&path, &sheets);
    let (content, diags) = read_workbook(&path, &c, Some(&municipalities()));
    assert_eq!(
        messages(&diags, dir.path()),
        [
            "Fehler: befragung.xlsx › BEFRAGUNG › G9: „sehr“ ist keine gültige Antwort (erlaubt: 1–6, stimme gar nicht zu … stimme voll zu, weiß nicht)"
        ]
    );
    assert!(content.is_none(), "a workbook with an error is not returned");
}

#[test]
fn workshop_sheet_names_without_umlauts_are_found() {
    let mut sheets = standard_werkstatt();
    sheets[3].name = "Massnahmen".into();
    sheets[3].rows[0][2] = s("MASSNAHME");
    sheets.push(sheet("Rueckmeldung", vec![vec![s("zufriedenheit"), s("KOMMENTAR")], vec![s("Zufrieden"), s("ok")]]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("werkstatt.xlsx");
    write_book(&path, &sheets);
    let (content, diags) = read_workbook(&path, &catalog(), Some(&municipalities()));
    assert!(diags.items.is_empty(), "{:?}", diags.items);
    let Some(Workbook::Werkstatt(w)) = content else { panic!("no workshop") };
    assert_eq!(w.actions[0].measure, "Netzwerkkarte");
    assert_eq!(w.feedback[0].satisfaction, Answer::Value(4));
    assert_eq!(w.feedback[0].text.as_deref(), Some("ok"));
}
