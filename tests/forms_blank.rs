//! Blank forms: sheets, headers, drop-downs, protection, frozen panes,
//! determinism, and that LibreOffice opens them.

use crate::common;

use std::io::Read;
use std::path::Path;

use assert_cmd::Command;
use calamine::{Data, Reader, open_workbook_auto};
use qdfh::forms::{GUIDE_SHEET, LISTS_SHEET, blank_file_name, sheets_of, write_blank_forms};
use qdfh::ingest::schema::{FormKind, INFO_FORM, INFO_SHEET};
use qdfh::project::default_catalog;

/// The text of one part of an xlsx file (a zip archive).
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// Sheet XML parts in workbook order: Anleitung, Info, data sheets, Listen.
fn sheet_part(index: usize) -> String {
    format!("xl/worksheets/sheet{}.xml", index + 1)
}

#[test]
fn every_kind_has_guide_info_and_schema_headers() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = default_catalog();
    let written = write_blank_forms(dir.path(), &catalog).unwrap();
    assert_eq!(written.len(), FormKind::ALL.len());
    for kind in FormKind::ALL {
        let path = dir.path().join(blank_file_name(kind));
        let mut book = open_workbook_auto(&path).unwrap();
        let names = book.sheet_names();
        let specs = sheets_of(kind, &catalog);
        assert_eq!(names[0], GUIDE_SHEET);
        assert_eq!(names[1], INFO_SHEET);
        for (index, spec) in specs.iter().enumerate() {
            assert_eq!(names[index + 2], spec.name, "{kind:?}");
            let range = book.worksheet_range(spec.name).unwrap();
            let expected: Vec<String> = spec.columns.iter().map(|c| c.header.clone()).collect();
            if spec.form {
                // One row per entry: every column of the schema is named in
                // column A as the reader finds it, in schema order.
                let keys: Vec<String> =
                    range.rows().skip(4).map(|r| r[0].to_string()).filter(|k| !k.is_empty()).collect();
                assert_eq!(keys.len(), expected.len(), "{kind:?}");
                for (key, column) in keys.iter().zip(&spec.columns) {
                    assert!(qdfh::ingest::schema::header_matches(column, key), "{key} names {}", column.header);
                }
                continue;
            }
            let headers: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
            assert_eq!(headers, expected, "{kind:?} {}", spec.name);
        }
        let info = book.worksheet_range(INFO_SHEET).unwrap();
        assert_eq!(info.get_value((0, 0)), Some(&Data::String(INFO_FORM.into())));
        assert_eq!(info.get_value((0, 1)), Some(&Data::String(kind.label().into())));
        let guide = book.worksheet_range(GUIDE_SHEET).unwrap();
        let text: String = guide.rows().flatten().map(|c| c.to_string()).collect::<Vec<_>>().join("\n");
        for needle in ["Datenschutz", "inputs/"] {
            assert!(text.contains(needle), "{kind:?} guide lacks {needle}");
        }
        let scale_step = match kind {
            FormKind::Befragung | FormKind::Fragebogen => Some("6 = stimme voll zu"),
            FormKind::Werkstatt => Some("7 = ganz rechts"),
            FormKind::Stammdaten | FormKind::Kennzahlen | FormKind::Standards => None,
        };
        if let Some(step) = scale_step {
            assert!(text.contains(step) && text.contains("„weiß nicht“"), "{kind:?} guide explains its scales");
        }
    }
}

#[test]
fn survey_form_has_dropdowns_protection_and_frozen_header() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = default_catalog();
    write_blank_forms(dir.path(), &catalog).unwrap();
    let path = dir.path().join(blank_file_name(FormKind::Befragung));
    let data = part(&path, &sheet_part(2));
    let columns = &sheets_of(FormKind::Befragung, &catalog)[0].columns;
    let lists = data.matches("<dataValidation type=\"list\"").count();
    // Every goal and need column plus Sektor and Ebene has a drop-down.
    assert!(lists >= columns.len() - 3, "{lists} list validations for {} columns", columns.len());
    assert!(data.contains("stimme voll zu"), "scale labels are offered");
    assert!(data.contains("weiß nicht"), "\"weiß nicht\" is offered");
    assert!(data.contains("<sheetProtection"), "the sheet is protected");
    assert!(data.contains("state=\"frozen\""), "the header row is frozen");
    // The sector list is longer than Excel's 255-character inline limit.
    let sectors: usize = catalog.material.sectors.iter().map(|s| s.name.chars().count() + 1).sum();
    assert!(sectors > 255);
    assert!(data.contains(&format!("'{LISTS_SHEET}'!$A$2:$A${}", catalog.material.sectors.len() + 1)));
    let workbook = part(&path, "xl/workbook.xml");
    assert!(workbook.contains(&format!("name=\"{LISTS_SHEET}\" sheetId=\"4\" state=\"hidden\"")), "{workbook}");
}

#[test]
fn header_is_locked_and_data_columns_are_unlocked() {
    let dir = tempfile::tempdir().unwrap();
    write_blank_forms(dir.path(), &default_catalog()).unwrap();
    let path = dir.path().join(blank_file_name(FormKind::Werkstatt));
    let styles = part(&path, "xl/styles.xml");
    let cell_xfs = styles.split("<cellXfs").nth(1).unwrap().split("</cellXfs>").next().unwrap();
    let xfs: Vec<&str> = cell_xfs.split("<xf ").skip(1).collect();
    let unlocked = |index: usize| xfs[index].contains("locked=\"0\"");
    let sheet = part(&path, &sheet_part(6)); // Maßnahmen
    // The style index in the attribute `attribute` of the element starting with `marker`.
    let style_of = |marker: &str, attribute: &str| -> usize {
        let element = &sheet[sheet.find(marker).unwrap()..];
        let element = &element[..element.find('>').unwrap()];
        let value = element.split(&format!(" {attribute}=\"")).nth(1).unwrap();
        value[..value.find('"').unwrap()].parse().unwrap()
    };
    assert!(!unlocked(style_of("<c r=\"A1\"", "s")), "header cell is locked");
    assert!(unlocked(style_of("<col ", "style")), "data column is unlocked");
    assert!(sheet.contains("type=\"date\""), "date columns check dates");
    let dots = part(&path, &sheet_part(5)); // Punktabfrage
    assert!(dots.contains("type=\"whole\"") && dots.contains("operator=\"greaterThanOrEqual\""));
}

#[test]
fn blank_forms_are_byte_identical_when_rewritten() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let catalog = default_catalog();
    write_blank_forms(a.path(), &catalog).unwrap();
    write_blank_forms(b.path(), &catalog).unwrap();
    for kind in FormKind::ALL {
        let name = blank_file_name(kind);
        assert_eq!(std::fs::read(a.path().join(name)).unwrap(), std::fs::read(b.path().join(name)).unwrap(), "{name}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(a.path()).unwrap().filter_map(|e| e.ok()).collect();
    assert_eq!(leftovers.len(), FormKind::ALL.len(), "no temporary files are left behind");
}

#[test]
fn forms_command_writes_forms_outside_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("formulare");
    let assert = Command::cargo_bin("qdfh")
        .unwrap()
        .args(["-C", dir.path().to_str().unwrap(), "forms", "--out", out.to_str().unwrap()])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("leere Formulare geschrieben"), "{stdout}");
    for kind in FormKind::ALL {
        assert!(out.join(blank_file_name(kind)).is_file());
    }
}

#[test]
fn libreoffice_opens_a_blank_form() {
    if !common::require_tool("soffice") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    write_blank_forms(dir.path(), &default_catalog()).unwrap();
    let profile = dir.path().join("lo-profile");
    let status = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(dir.path().join(blank_file_name(FormKind::Werkstatt)))
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let pdf = std::fs::read(dir.path().join("werkstatt.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}
