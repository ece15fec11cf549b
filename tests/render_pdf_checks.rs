//! The PDFs of the Typst engine checked with outside tools: poppler's
//! `pdftotext`, `pdffonts`, `pdfinfo`, `pdfdetach` and `qpdf`. Each test is
//! skipped locally (and fails under CI) when its tool is missing.

use crate::common;

use common::render::{engine, muster_data, settings};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use qdfh::render::{PdfProfile, PdfSettings};
use serde_json::{Value, json};

/// Compiles `muster.typ` with `data` and writes it to the test temp folder.
fn write_pdf(name: &str, data: &Value, settings: &PdfSettings) -> PathBuf {
    let pdf = engine().compile_pdf("muster.typ", data, settings).unwrap_or_else(|e| panic!("{e}"));
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.pdf"));
    fs::write(&path, pdf).unwrap();
    path
}

/// The default sample PDF (PDF/UA-1 + PDF/A-2a), compiled once.
fn muster_pdf() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| write_pdf("checks-muster", &muster_data(), &settings(PdfProfile::UaA2a)))
}

/// Runs `program` and returns its standard output; fails on a non-zero exit.
fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().expect(program);
    assert!(
        out.status.success(),
        "{program} {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdf_text(path: &Path) -> String {
    run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"])
}

/// The text of an A4 PDF without running header and footer, which would
/// otherwise interrupt a text that continues on the next page.
fn pdf_body_text(path: &Path) -> String {
    let crop = ["-x", "0", "-y", "70", "-W", "595", "-H", "706"];
    let mut args = vec!["-enc", "UTF-8"];
    args.extend(crop);
    args.extend([path.to_str().unwrap(), "-"]);
    run("pdftotext", &args)
}

fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The PDF with streams decompressed, so that XMP and catalog are readable.
fn uncompressed(path: &Path) -> String {
    let out = path.with_extension("qdf.pdf");
    let status =
        Command::new("qpdf").args(["--qdf", "--object-streams=disable"]).arg(path).arg(&out).status().expect("qpdf");
    // Exit code 3 means warnings, which do not matter for reading.
    assert!(matches!(status.code(), Some(0 | 3)), "qpdf --qdf failed on {}", path.display());
    String::from_utf8_lossy(&fs::read(out).unwrap()).into_owned()
}

/// The value of an XMP property, written either as element or as attribute.
fn xmp_value(pdf: &str, property: &str) -> Option<String> {
    let element = format!("<{property}>");
    let attribute = format!("{property}=\"");
    let (start, end) = if let Some(i) = pdf.find(&element) {
        (i + element.len(), '<')
    } else {
        (pdf.find(&attribute)? + attribute.len(), '"')
    };
    pdf[start..].split(end).next().map(str::to_string)
}

#[test]
fn text_fields_print_exactly_as_typed() {
    if !common::require_tool("pdftotext") {
        return;
    }
    let long: String = (1..)
        .flat_map(|i| format!("Satz {i}: Eltern wünschen sich mehr Beratung vor Ort. ").chars().collect::<Vec<_>>())
        .take(5000)
        .collect();
    let nasty =
        ["#panic(\"x\")", "*fett*", "_x_", "$x$", "<label>", "@ref", "[", "]", "\\", "//", "/*", "\"", "{{x}}", "`"];
    let mut texts: Vec<String> = nasty.iter().map(|s| format!("Anfang {s} Ende")).collect();
    texts.push(long.clone());
    let mut data = muster_data();
    data["free_texts"] = json!(texts);
    // Also each string alone as a whole field, as a template would print it.
    data["contacts"] = json!(nasty);
    data["municipality"] = json!("#panic(\"Kommune\")");
    data["texts"]["intro"] = json!("*nicht fett* und _nicht kursiv_ $a^2$ <tag> @ref");
    let path = write_pdf("checks-injection", &data, &settings(PdfProfile::UaA2a));
    let text = without_whitespace(&pdf_body_text(&path));
    for s in texts.iter().map(String::as_str).chain(["*nichtfett*und_nichtkursiv_$a^2$<tag>@ref"]) {
        let wanted = without_whitespace(s);
        assert!(text.contains(&wanted), "not printed literally: {:?}", &s[..s.len().min(60)]);
    }
    assert!(text.contains("#panic(\"Kommune\")"));
}

#[test]
fn names_with_diacritics_render() {
    if !common::require_tool("pdftotext") {
        return;
    }
    let mut data = muster_data();
    data["contacts"] = json!(["Gülşen Öztürk", "Łukasz", "Ærø", "Straße", "Müller"]);
    let text = pdf_text(&write_pdf("checks-names", &data, &settings(PdfProfile::UaA2a)));
    for name in ["Gülşen Öztürk", "Łukasz", "Ærø", "Straße", "Müller", "Qualitätsbericht Frühe Hilfen"] {
        assert!(text.contains(name), "{name} missing from the PDF text");
    }
}

#[test]
fn every_font_is_embedded() {
    if !common::require_tool("pdffonts") {
        return;
    }
    let listing = run("pdffonts", &[muster_pdf().to_str().unwrap()]);
    let fonts: Vec<&str> = listing.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!fonts.is_empty(), "no fonts listed:\n{listing}");
    for line in fonts {
        // Columns from the right: object id (2), uni, sub, emb.
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {line}");
        assert!(line.contains("Noto"), "font not from templates/fonts: {line}");
    }
}

#[test]
fn pdfinfo_shows_tagged_title_and_version() {
    if !common::require_tool("pdfinfo") {
        return;
    }
    let info = run("pdfinfo", &[muster_pdf().to_str().unwrap()]);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("Title:           Qualitätsbericht Frühe Hilfen"), "{info}");
    assert!(info.contains("PDF version:     1.7"), "{info}");
    assert!(info.contains("Dec  1 00:00:00 2026"), "date is not the document date: {info}");
}

#[test]
fn qpdf_check_passes_and_language_is_german() {
    if !common::require_tool("qpdf") {
        return;
    }
    run("qpdf", &["--check", muster_pdf().to_str().unwrap()]);
    let pdf = uncompressed(muster_pdf());
    assert!(pdf.contains("/Lang (de"), "no German /Lang in the catalog");
}

#[test]
fn xmp_declares_pdf_a_2a_and_pdf_ua_1() {
    if !common::require_tool("qpdf") {
        return;
    }
    let pdf = uncompressed(muster_pdf());
    assert_eq!(xmp_value(&pdf, "pdfaid:part").as_deref(), Some("2"));
    assert_eq!(xmp_value(&pdf, "pdfaid:conformance").as_deref(), Some("A"));
    assert_eq!(xmp_value(&pdf, "pdfuaid:part").as_deref(), Some("1"));
}

#[test]
fn other_profiles_declare_their_standards() {
    if !common::require_tool("qpdf") {
        return;
    }
    let data = muster_data();
    let plain = uncompressed(&write_pdf("checks-plain", &data, &settings(PdfProfile::Plain)));
    assert_eq!(xmp_value(&plain, "pdfaid:part"), None);
    assert_eq!(xmp_value(&plain, "pdfuaid:part"), None);

    let a2b = uncompressed(&write_pdf("checks-a2b", &data, &settings(PdfProfile::A2b)));
    assert_eq!(xmp_value(&a2b, "pdfaid:part").as_deref(), Some("2"));
    assert_eq!(xmp_value(&a2b, "pdfaid:conformance").as_deref(), Some("B"));
    assert_eq!(xmp_value(&a2b, "pdfuaid:part"), None);
}

#[test]
fn a3b_embeds_the_attachment() {
    if !common::require_tool("pdfdetach") || !common::require_tool("qpdf") {
        return;
    }
    let attachment = r#"{"kommune": "Ærø"}"#.as_bytes().to_vec();
    let mut s = settings(PdfProfile::A3b);
    s.attachment = Some(("daten-aero.json".into(), attachment.clone()));
    let path = write_pdf("checks-a3b", &muster_data(), &s);
    let listing = run("pdfdetach", &["-list", path.to_str().unwrap()]);
    assert!(listing.contains("1 embedded files") && listing.contains("daten-aero.json"), "{listing}");
    let saved = path.with_extension("attachment.json");
    run("pdfdetach", &["-save", "1", "-o", saved.to_str().unwrap(), path.to_str().unwrap()]);
    assert_eq!(fs::read(saved).unwrap(), attachment);
    let pdf = uncompressed(&path);
    assert_eq!(xmp_value(&pdf, "pdfaid:part").as_deref(), Some("3"));
    assert_eq!(xmp_value(&pdf, "pdfaid:conformance").as_deref(), Some("B"));
}
