//! The Typst engine on real templates: compiling, determinism, error
//! messages, file access and handlebars texts. Checks with outside PDF tools
//! are in `render_pdf_checks.rs`.

use crate::common;

use common::render::{engine, muster_data, settings};

use std::fs;
use std::path::{Path, PathBuf};

use qdfh::render::{Engine, PdfProfile, RenderError, Texts};
use rayon::prelude::*;
use serde_json::json;

fn templates() -> PathBuf {
    common::repo_root().join("templates")
}

/// A templates folder in a temporary directory with the real fonts and
/// Typst library and the given `.typ` files.
fn temp_templates(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fonts = dir.path().join("fonts");
    fs::create_dir(&fonts).unwrap();
    for entry in fs::read_dir(templates().join("fonts")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, fonts.join(path.file_name().unwrap())).unwrap();
    }
    let lib = dir.path().join("lib");
    fs::create_dir(&lib).unwrap();
    for entry in fs::read_dir(templates().join("lib")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, lib.join(path.file_name().unwrap())).unwrap();
    }
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn compile_error(dir: &Path, template: &str) -> String {
    let engine = Engine::new(dir).unwrap();
    match engine.compile_pdf(template, &json!({"x": 1}), &settings(PdfProfile::Plain)) {
        Ok(_) => panic!("{template} compiled but should fail"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn muster_compiles_to_pdf_without_warnings() {
    let rendered = engine().compile("muster.typ", &muster_data(), &settings(PdfProfile::UaA2a));
    let rendered = rendered.unwrap_or_else(|e| panic!("{e}"));
    assert!(rendered.pdf.starts_with(b"%PDF-1.7"));
    assert_eq!(rendered.warnings, "", "muster.typ should compile cleanly");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("muster.pdf");
    fs::write(&out, &rendered.pdf).unwrap();
    eprintln!("wrote {}", out.display());
}

#[test]
fn output_is_byte_identical_across_compiles_and_engines() {
    let data = muster_data();
    let first = engine().compile_pdf("muster.typ", &data, &settings(PdfProfile::UaA2a)).unwrap();
    let second = engine().compile_pdf("muster.typ", &data, &settings(PdfProfile::UaA2a)).unwrap();
    assert!(first == second, "two compiles with one engine differ");
    let other = Engine::new(&templates()).unwrap();
    let third = other.compile_pdf("muster.typ", &data, &settings(PdfProfile::UaA2a)).unwrap();
    assert!(first == third, "compiles with two engines differ");
}

#[test]
fn documents_compile_in_parallel() {
    let names = ["Aachen", "Bonn", "Celle", "Düren", "Essen", "Fürth"];
    let pdfs: Vec<Vec<u8>> = names
        .par_iter()
        .map(|name| {
            let mut data = muster_data();
            data["municipality"] = json!(name);
            engine().compile_pdf("muster.typ", &data, &settings(PdfProfile::Plain)).unwrap()
        })
        .collect();
    let mut data = muster_data();
    data["municipality"] = json!("Düren");
    let alone = engine().compile_pdf("muster.typ", &data, &settings(PdfProfile::Plain)).unwrap();
    assert!(pdfs[3] == alone, "a parallel compile differs from a single one");
}

#[test]
fn template_error_shows_file_line_column_and_source_line() {
    let dir = temp_templates(&[(
        "kaputt.typ",
        "#let data = json(\"/data.json\")\n= Titel\nText mit #unbekannt(data.x) darin.\n",
    )]);
    let shown = compile_error(dir.path(), "kaputt.typ");
    assert!(shown.contains("kaputt.typ:3:10"), "{shown}");
    assert!(shown.contains("Text mit #unbekannt(data.x) darin."), "{shown}");
    assert!(shown.contains("Vorlage") && shown.contains("enthält Fehler"), "{shown}");
    assert!(shown.contains("Fehler: unknown variable: unbekannt"), "{shown}");
    assert!(shown.contains("^^^"), "no marker under the error: {shown}");
}

#[test]
fn template_error_names_the_file_relative_to_the_working_directory() {
    let engine = Engine::new(Path::new("templates")).unwrap();
    let mut data = muster_data();
    data.as_object_mut().unwrap().remove("title");
    let err = engine.compile_pdf("muster.typ", &data, &settings(PdfProfile::Plain)).unwrap_err();
    let shown = err.to_string();
    assert!(matches!(err, RenderError::Template { .. }), "{shown}");
    assert!(shown.contains("templates/muster.typ:"), "{shown}");
    assert!(shown.contains("title"), "{shown}");
}

#[test]
fn warnings_do_not_fail_the_compile() {
    let dir = temp_templates(&[("warnt.typ", "#set text(font: \"Gibt es nicht\")\nHallo\n")]);
    let engine = Engine::new(dir.path()).unwrap();
    let rendered = engine.compile("warnt.typ", &json!({}), &settings(PdfProfile::Plain)).unwrap();
    assert!(rendered.warnings.contains("warnt.typ:1:"), "{}", rendered.warnings);
    assert!(rendered.warnings.contains("Gibt es nicht"), "{}", rendered.warnings);
}

#[test]
fn today_is_the_document_date_not_the_clock() {
    let dir = temp_templates(&[("datum.typ", "#assert.eq(datetime.today().display(), \"2026-12-01\")\nok\n")]);
    let engine = Engine::new(dir.path()).unwrap();
    engine.compile_pdf("datum.typ", &json!({}), &settings(PdfProfile::Plain)).unwrap();
}

#[test]
fn files_outside_the_templates_folder_are_refused() {
    let dir = temp_templates(&[
        ("hoch.typ", "#read(\"../geheim.txt\")\n"),
        ("link.typ", "#read(\"/verlinkt.txt\")\n"),
        ("paket.typ", "#import \"@preview/cetz:0.3.4\": canvas\n"),
    ]);
    let outside = tempfile::NamedTempFile::new().unwrap();
    fs::write(outside.path(), "geheim").unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("verlinkt.txt")).unwrap();

    let shown = compile_error(dir.path(), "hoch.typ");
    assert!(shown.contains("escape the project root"), "{shown}");
    assert!(!shown.contains("--root"), "CLI-only hint shown: {shown}");
    let shown = compile_error(dir.path(), "link.typ");
    assert!(shown.contains("link.typ:1:"), "{shown}");
    assert!(shown.contains("denied"), "{shown}");
    assert!(compile_error(dir.path(), "paket.typ").contains("Pakete sind nicht verfügbar"));

    let engine = Engine::new(dir.path()).unwrap();
    let err = engine.compile_pdf("../x.typ", &json!({}), &settings(PdfProfile::Plain));
    assert!(matches!(err, Err(RenderError::InvalidTemplatePath { .. })));
    let err = engine.compile_pdf("fehlt.typ", &json!({}), &settings(PdfProfile::Plain));
    assert!(matches!(err, Err(RenderError::InvalidTemplatePath { .. })));
}

#[test]
fn a_templates_folder_without_fonts_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("fonts")).unwrap();
    let err = Engine::new(dir.path()).err().expect("no fonts must fail");
    assert!(matches!(err, RenderError::NoFonts(_)));
    assert!(err.to_string().contains("keine Schriften gefunden"));
}

#[test]
fn data_is_a_file_not_source() {
    // A value that would run code if it were pasted into Typst source.
    let dir = temp_templates(&[(
        "daten.typ",
        "#let data = json(\"/data.json\")\n#assert.eq(data.text, \"#panic(1)\")\n#data.text\n",
    )]);
    let engine = Engine::new(dir.path()).unwrap();
    let data = json!({"text": "#panic(1)"});
    engine.compile_pdf("daten.typ", &data, &settings(PdfProfile::Plain)).unwrap();
}

#[test]
fn attachments_are_refused_by_pdf_a_2() {
    let mut s = settings(PdfProfile::UaA2a);
    s.attachment = Some(("daten.json".into(), b"{}".to_vec()));
    let err = engine().compile_pdf("muster.typ", &muster_data(), &s).unwrap_err();
    assert!(matches!(err, RenderError::Attachment { .. }), "{err}");
}

#[test]
fn handlebars_missing_variable_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("einleitung.hbs"),
        "Liebe Kolleginnen,\n\nin {{kommune}} haben {{anzahl}} geantwortet.\n",
    )
    .unwrap();
    let texts = Texts::load(dir.path()).unwrap();
    let ok = texts.render("einleitung", &json!({"kommune": "Ærø", "anzahl": 12})).unwrap();
    assert!(ok.contains("in Ærø haben 12 geantwortet."));
    let err = texts.render("einleitung", &json!({"kommune": "Ærø"})).unwrap_err();
    let shown = err.to_string();
    assert!(shown.contains("einleitung.hbs:3:"), "{shown}");
    assert!(shown.contains("anzahl"), "{shown}");
}

#[test]
fn handlebars_syntax_error_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("gut.hbs"), "{{a}}").unwrap();
    fs::write(dir.path().join("kaputt.hbs"), "Zeile 1\nZeile 2 {{#if a}} offen\n").unwrap();
    let shown = Texts::load(dir.path()).err().expect("parse error").to_string();
    assert!(shown.contains("kaputt.hbs:"), "{shown}");
}

#[test]
fn handlebars_texts_are_not_html_escaped() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("t.hbs"), "{{x}} / {{typst x}}").unwrap();
    let texts = Texts::load(dir.path()).unwrap();
    let out = texts.render("t", &json!({"x": "A & B <c> \"d\""})).unwrap();
    assert_eq!(out, "A & B <c> \"d\" / A & B \\<c\\> \\\"d\\\"");
    // The folder's own text beside the shipped ones it lacks.
    let names: Vec<&str> = texts.names().collect();
    assert!(names.contains(&"t") && names.contains(&"quellen"), "{names:?}");
}

/// Typst-side unit tests of `lib/format.typ`: each line is an assertion.
const FORMAT_CHECKS: &str = r#"#import "lib/format.typ": *
#assert.eq(de-num(3.456), "3,5")
#assert.eq(de-num(3), "3,0")
#assert.eq(de-num(999, digits: 0), "999")
#assert.eq(de-num(1000, digits: 0), "1.000")
#assert.eq(de-num(1234567.891, digits: 2), "1.234.567,89")
#assert.eq(de-num(2026, digits: 0, group: false), "2026")
#assert.eq(de-num(-2.25), "\u{2013}2,3")
#assert.eq(de-num(-0.04), "0,0")
#assert.eq(de-num(none), "–")
#assert.eq(de-num(none, none-text: "k. A."), "k. A.")
#assert.eq(de-signed(0.54), "+0,5")
#assert.eq(de-signed(-2), "\u{2013}2,0")
#assert.eq(de-signed(0.04), "0,0")
#assert.eq(de-signed(2, digits: 0), "+2")
#assert.eq(de-signed(none), "–")
#assert.eq(de-join(("Suchtberatung", "Politik und Verwaltung")), "Suchtberatung sowie Politik und Verwaltung")
#assert.eq(de-join(("Kinder- und Jugendhilfe", "Gesundheitswesen", "Sonstige")), "Kinder- und Jugendhilfe, Gesundheitswesen und Sonstige")
#assert.eq(kz(3), "3")
#assert.eq(kz(0.9), "0,9")
#assert.eq(kz(1, digits: 1), "1,0")
#assert.eq(kz(1234), "1.234")
#assert.eq(kz(none), "–")
#assert.eq(kz-digits((1, none, 2)), 0)
#assert.eq(kz-digits((1, 0.9)), 1)
#assert.eq(target-text(30, false), "30 (noch nicht)")
#assert.eq(target-text(1, true, digits: 1), "1,0 (erreicht)")
#assert.eq(target-text(5, none), "5")
#assert.eq(target-text(none, true), "–")
#assert.eq(gated((status: "shown", value: (mean: 2.54)), v => de-num(v.mean)), "2,5")
#assert.eq(gated((status: "too_few"), v => de-num(v.mean)), "zu wenige Angaben")
#assert.eq(gated((status: "too_few"), str, too-few: "< 5"), "< 5")
#assert.eq(gated((status: "no_data"), str), "–")
#assert.eq(gated(none, str, missing: "0"), "0")
#assert.eq(shown((status: "shown", value: 3)), 3)
#assert.eq(shown((status: "too_few")), none)
#assert.eq(shown-mean((status: "shown", value: (n: 5, mean: 4.5))), 4.5)
#assert.eq(shown-mean((status: "no_data")), none)
#assert.eq(de-int(12345), "12.345")
#assert.eq(de-pct(12.4), "12\u{202F}%")
#assert.eq(de-pct(0.125, share: true, digits: 1), "12,5\u{202F}%")
#assert.eq(de-pct(none, none-text: "nicht ausgewiesen"), "nicht ausgewiesen")
#assert.eq(de-date("2026-11-22"), "22.11.2026")
#assert.eq(de-date("2026-03-05T10:00:00", long: true), "5. März 2026")
#assert.eq(de-date(datetime(year: 2026, month: 1, day: 2)), "02.01.2026")
#assert.eq(de-date(none), "–")
#assert.eq(de-join(("a", "b", "c")), "a, b und c")
#assert.eq(de-join(("a",)), "a")
#assert.eq(de-quote("x"), "„x“")
ok
"#;

#[test]
fn german_number_and_date_formats() {
    let dir = temp_templates(&[("format-checks.typ", FORMAT_CHECKS)]);
    let engine = Engine::new(dir.path()).unwrap();
    if let Err(err) = engine.compile_pdf("format-checks.typ", &json!({}), &settings(PdfProfile::Plain)) {
        panic!("{err}");
    }
}

/// Charts fed with awkward data: empty, missing, out of range, long labels.
const CHART_EDGE_CASES: &str = r#"#import "lib/charts.typ": *
#import "lib/layout.typ": *
#show: doc-setup.with(title: "Grenzfälle")
#let long = "Eine sehr lange Aussage, die über mehrere Zeilen umbrechen muss, damit sichtbar wird, ob Beschriftungen sich überlappen"
#stacked-bars(
  ((label: long, values: (1, 0, 0, 0, 99), n: 100), (label: "leer", values: (0, 0, 0, 0, 0)),
   (label: "fehlend", values: (none, 3, none, 2, 1))),
  ("trifft gar nicht zu", "trifft eher nicht zu", "teils/teils", "trifft eher zu", "trifft voll zu"),
  caption: [Fünfstufige Skala],
)
#stacked-bars(((label: "ohne n", values: (50, 50)),), ("nein", "ja"))
#mean-dots(
  ((label: long, values: (a: 1, b: 4, c: 0.5)), (label: "gleich", values: (a: 2.5, b: 2.5, c: 2.5)),
   (label: "nichts", values: (:))),
  ((key: "a", label: "A"), (key: "b", label: "B"), (key: "c", label: "C"), (key: "d", label: "D")),
  min: 1, max: 4, min-label: long, max-label: long,
)
#polarity-profile(
  ((left: long, right: long), (left: "a", right: "b"), (left: "c", right: "d")),
  ((label: "X", values: (1, none, 5)), (label: "Y", values: (6, 0, 3)), (label: "Z", values: (none, none, none))),
)
#heatmap(((label: long, values: (1, none, 7)), (label: "b", values: (2, 2, 2))), ("eins", long, "drei"))
#heatmap(((label: "nur fehlend", values: (none,)),), ("x",))
#bar-chart(((label: long, value: 123456.7), (label: "null", value: 0), (label: "neg", value: -5)), unit: "Fälle")
#bar-chart(((label: "nichts", value: none),))
#verbatim-list(("https://example.org/" + "sehr-langer-pfad/" * 20, "x" * 300))
"#;

#[test]
fn charts_survive_awkward_data() {
    let dir = temp_templates(&[("grenzfaelle.typ", CHART_EDGE_CASES)]);
    let engine = Engine::new(dir.path()).unwrap();
    match engine.compile("grenzfaelle.typ", &json!({}), &settings(PdfProfile::UaA2a)) {
        Ok(rendered) => {
            assert_eq!(rendered.warnings, "");
            let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("grenzfaelle.pdf");
            fs::write(out, rendered.pdf).unwrap();
        }
        Err(err) => panic!("{err}"),
    }
}

/// Prints how long `muster.typ` takes: the first compile of the process
/// (nothing memoised yet) and the median of further documents with other
/// data. Run with `--ignored --nocapture`.
#[test]
#[ignore = "timing report, not a check"]
fn compile_time_of_muster() {
    use std::time::{Duration, Instant};
    let data = muster_data();
    let start = Instant::now();
    let engine = Engine::new(&templates()).unwrap();
    engine.compile_pdf("muster.typ", &data, &settings(PdfProfile::UaA2a)).unwrap();
    let first = start.elapsed();
    let mut further: Vec<Duration> = (0..9)
        .map(|i| {
            let mut data = data.clone();
            data["municipality"] = json!(format!("Kommune {i}"));
            let start = Instant::now();
            engine.compile_pdf("muster.typ", &data, &settings(PdfProfile::UaA2a)).unwrap();
            start.elapsed()
        })
        .collect();
    further.sort();
    eprintln!("muster.typ: first compile {first:?}, further documents {:?} (median)", further[further.len() / 2]);
}
