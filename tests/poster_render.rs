//! The poster per municipality (`templates/poster.typ`), built by
//! `qdfh build` in the small standard project: one A3 page each, the
//! figures of "Auf einen Blick", the action plan and the sectors, and no
//! figure where the survey is too small.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::Command as Qdfh;

use crate::common;
use crate::common::outputs::{reports, rewritten};
use crate::common::render::pdf_text;
use crate::common::workbooks::*;

/// Builds `project` and returns the closing line.
fn build(project: &Path) -> String {
    let out = Qdfh::cargo_bin("qdfh")
        .unwrap()
        .current_dir(project)
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .arg("build")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    stderr.lines().last().unwrap_or_default().to_string()
}

fn poster_path(project: &Path, id: &str) -> PathBuf {
    project.join(format!("output/2026/poster/poster-{id}-2026.pdf"))
}

/// The number of pages and the first page's size in points, read from the
/// page tree and MediaBox, which typst writes uncompressed.
fn pages_and_size(pdf: &[u8]) -> (usize, (f64, f64)) {
    let text = String::from_utf8_lossy(pdf);
    let count = text.split("/Type/Pages/Count ").nth(1).expect("page tree");
    let count: usize = count.split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap();
    let media = text.split("/MediaBox[").nth(1).expect("MediaBox").split(']').next().unwrap();
    let numbers: Vec<f64> = media.split_whitespace().map(|n| n.parse().unwrap()).collect();
    (count, (numbers[2] - numbers[0], numbers[3] - numbers[1]))
}

/// Runs a poppler tool on `path`; `None` when it is not installed.
fn poppler(tool: &str, args: &[&str], path: &Path) -> Option<String> {
    if !common::require_tool(tool) {
        return None;
    }
    let out = Command::new(tool).args(args).arg(path).output().unwrap();
    assert!(out.status.success(), "{tool} failed on {}", path.display());
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// One A3 portrait page, tagged, titled, every font embedded.
fn assert_one_accessible_a3_page(path: &Path) {
    let (pages, (width, height)) = pages_and_size(&std::fs::read(path).unwrap());
    assert_eq!(pages, 1, "{}", path.display());
    assert_eq!((width.round(), height.round()), (842.0, 1191.0), "{}", path.display());
    if let Some(info) = poppler("pdfinfo", &[], path) {
        assert!(info.contains("Pages:           1"), "{info}");
        assert!(info.contains("841.89 x 1190.55 pts (A3)"), "{info}");
        assert!(info.contains("Tagged:          yes"), "{info}");
        assert!(info.contains("Title:           Poster Qualitätsentwicklung Frühe Hilfen 2026: "), "{info}");
    }
    if let Some(fonts) = poppler("pdffonts", &[], path) {
        let lines: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
        assert!(!lines.is_empty(), "{fonts}");
        for line in lines {
            let cols: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {line}");
        }
    }
}

/// The text of the PDF at `path` as `pdf_text` gives it, with words that
/// hyphenation split at a line end (soft hyphen) joined again.
fn poster_text(path: &Path) -> Option<String> {
    pdf_text(&std::fs::read(path).unwrap()).map(|t| t.replace("\u{ad} ", "").replace('\u{ad}', ""))
}

/// Whether `text` holds a decimal figure such as "4,5".
fn has_decimal_figure(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == ',' && w[2].is_ascii_digit())
}

#[test]
fn every_municipality_gets_one_a3_poster_and_small_surveys_show_no_figures() {
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    build(&project);
    let mut written: Vec<String> = std::fs::read_dir(project.join("output/2026/poster"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["poster-auenfeld-2026.pdf", "poster-birkental-2026.pdf", "poster-cedernau-2026.pdf"]);
    for id in ["auenfeld", "birkental", "cedernau"] {
        assert_one_accessible_a3_page(&poster_path(&project, id));
    }
    // The project keeps the default min_n = 5; auenfeld's survey has 4 rows.
    let Some(auenfeld) = poster_text(&poster_path(&project, "auenfeld")) else { return };
    assert!(auenfeld.contains("4 Personen haben an der Befragung 2026 teilgenommen"), "{auenfeld}");
    assert!(auenfeld.contains("erst ab 5 Antworten"), "{auenfeld}");
    assert!(!has_decimal_figure(&auenfeld) && !auenfeld.contains('%'), "a figure is printed: {auenfeld}");
    assert!(!auenfeld.contains("Stärken") && !auenfeld.contains("Entwicklungsbedarf"), "{auenfeld}");
    // Its workshop is not gated by the survey: the action and sectors stay.
    assert!(auenfeld.contains("Netzwerkkarte") && auenfeld.contains("verantwortlich: Koordination"), "{auenfeld}");
    assert!(auenfeld.contains("Netzwerkkoordination"), "{auenfeld}");
    // Cedernau has neither survey nor workshop and still gets its poster.
    let Some(cedernau) = poster_text(&poster_path(&project, "cedernau")) else { return };
    assert!(cedernau.contains("Stadt Cedernau"), "{cedernau}");
    assert!(cedernau.contains("Für 2026 liegt keine Befragung vor"), "{cedernau}");
    assert!(cedernau.contains("Für 2026 ist keine Werkstatt erfasst"), "{cedernau}");
    assert!(!has_decimal_figure(&cedernau), "{cedernau}");
}

/// Survey answers of auenfeld, person by person (sector, level), chosen so
/// that the strengths and needs can be computed by hand:
///
/// - every goal gets 3 from everyone, except 3.3 "Partner kennen einander"
///   (6, 6, 5: mean 17/3 = 5,67 → "5,7"), 8.2 "Gut erreichbar" (6, 5, 5:
///   16/3 = 5,33 → "5,3") and 1.1 "Gemeinsames Verständnis" (5, 5, 5:
///   "5,0"); so these three are the strengths, in this order, and every
///   other goal has 3,0;
/// - every need is 2 ("geringer Bedarf"), except QD9 (4, 4, 3: 11/3 = 3,67
///   → "3,7"), QD5 (4, 3, 3: 10/3 = 3,33 → "3,3") and QD11 (3, 3, 3:
///   "3,0"); so these are the three greatest needs, in this order.
///
/// With `min_n = 3`, three answers per goal are shown.
fn designed_survey() -> Vec<Sheet> {
    let catalog = catalog();
    let people =
        [("1", "Netzwerkkoordination", "strategisch"), ("2", "Hebamme", "operativ"), ("3", "Jobcenter", "operativ")];
    let goal_answers = |goal: &str| match goal {
        "3.3" => [6.0, 6.0, 5.0],
        "8.2" => [6.0, 5.0, 5.0],
        "1.1" => [5.0, 5.0, 5.0],
        _ => [3.0; 3],
    };
    let need_answers = |dimension: &str| match dimension {
        "QD9" => [4.0, 4.0, 3.0],
        "QD5" => [4.0, 3.0, 3.0],
        "QD11" => [3.0; 3],
        _ => [2.0; 3],
    };
    let mut rows = vec![survey_header(&catalog)];
    for (i, (person, sector, level)) in people.into_iter().enumerate() {
        let mut row = vec![s(person), s(sector), s(level), s("Fachkraft")];
        row.extend(catalog.goals().map(|(_, g)| n(goal_answers(&g.id)[i])));
        row.extend(catalog.framework.dimensions.iter().map(|d| n(need_answers(&d.id)[i])));
        row.push(V::E);
        rows.push(row);
    }
    vec![info("Befragung", &[("Kommune", s("auenfeld")), ("Jahr", n(2026.0))]), sheet("Befragung", rows)]
}

/// An action plan row: measure, responsible, due date (year, month, day), status.
type PlannedAction = (&'static str, &'static str, (u16, u8, u8), &'static str);

/// The six actions of auenfeld's workshop: (measure, responsible, due
/// date, status). The first is due before the reference date (31.12.2026)
/// and not done, so it is overdue.
const ACTIONS: [PlannedAction; 6] = [
    ("Netzwerkkarte erstellen", "Koordinierungsstelle", (2026, 6, 30), "in Arbeit"),
    ("Elternbrief verteilen", "Gesundheitsamt", (2027, 3, 31), "geplant"),
    ("Fachtag vorbereiten", "Jugendamt", (2027, 5, 15), "geplant"),
    ("Lotsendienst starten", "Geburtsklinik", (2027, 9, 1), "geplant"),
    ("Ablauf beschreiben", "Beratungsstelle", (2027, 10, 1), "geplant"),
    ("Ergebnisse vorstellen", "Steuerungsgruppe", (2027, 12, 1), "geplant"),
];

/// Auenfeld's own workshop: three participants (Netzwerkkoordination and
/// Geburtsklinik and Hebamme: two areas, "Sonstige" missing) and [`ACTIONS`].
fn designed_workshop() -> Vec<Sheet> {
    let mut book = standard_werkstatt();
    book[1].rows.push(vec![V::E, s("Praxis"), s("Hebamme"), s("Hebamme")]);
    let plan = &mut book[3].rows;
    plan.truncate(1);
    for (measure, responsible, (y, m, d), status) in ACTIONS {
        let goal = s("Partner kennen sich");
        let row =
            vec![V::E, goal, s(measure), s("Netzwerk"), s(responsible), s("alle"), V::E, V::D(y, m, d), s(status)];
        plan.push(row);
    }
    book
}

/// The small project with min_n 3 and auenfeld's designed survey and workshop.
fn designed_project(dir: &Path) -> PathBuf {
    let project = small_project(dir);
    let config = project.join("qdfh.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("min_n = 5"), "{text}");
    std::fs::write(&config, text.replace("min_n = 5", "min_n = 3")).unwrap();
    write_book(&project.join("inputs/2026/befragung-auenfeld.xlsx"), &designed_survey());
    write_book(&project.join("inputs/2026/werkstatt-auenfeld.xlsx"), &designed_workshop());
    project
}

/// Asserts that `parts` occur in `text` in this order.
fn assert_in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        let at = text[from..].find(part).unwrap_or_else(|| panic!("{part:?} missing after byte {from}: {text}"));
        from += at + part.len();
    }
}

#[test]
fn a_poster_shows_strengths_needs_actions_and_sectors_computed_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let project = designed_project(dir.path());
    build(&project);
    let path = poster_path(&project, "auenfeld");
    assert_one_accessible_a3_page(&path);
    if let Ok(out) = std::env::var("QDFH_POSTER_OUT") {
        std::fs::copy(&path, out).unwrap();
    }
    let Some(text) = poster_text(&path) else { return };
    assert_in_order(&text, &["Stadt Auenfeld", "Cluster A", "Unser Profil"]);
    // pdftotext reads a column of labels, then the column of their figures.
    let strengths = ["Stärken", "„Partner kennen einander“", "„Gut erreichbar“", "„Gemeinsames Verständnis“"];
    assert_in_order(&text, &strengths);
    assert_in_order(&text, &["„Gemeinsames Verständnis“", "5,7", "5,3", "5,0", "Skala 1"]);
    let needs = ["Entwicklungsbedarf", "QD9 Dokumentation und Evaluation", "QD5 Politisch-strukturelle Verankerung"];
    assert_in_order(&text, &needs);
    assert_in_order(&text, &["QD5 Politisch-strukturelle Verankerung", "QD11 Beteiligung und Partizipation"]);
    assert_in_order(&text, &["QD11 Beteiligung und Partizipation", "3,7", "3,3", "3,0", "Skala 1 „kein Bedarf“"]);
    // The fourth-best goal (3,0) and need (2,0) are not on the poster.
    let from_strengths = &text[text.find("Stärken").unwrap()..];
    let strengths_block = &from_strengths[..from_strengths.find("Skala 1").unwrap()];
    assert_eq!(strengths_block.matches('„').count(), 3, "{strengths_block}");
    assert!(!text.contains("2,0"), "{text}");
    // Sectors by area, in catalog order; no participant from "Sonstige".
    assert_in_order(&text, &["Kinder- und Jugendhilfe:", "Netzwerkkoordination", "Gesundheitswesen:"]);
    assert_in_order(&text, &["Gesundheitswesen:", "Geburtsklinik und Hebamme", "Nicht vertreten: Sonstige"]);
    // The first actions in plan order, as many as fit, then how many more.
    let shown = ACTIONS.iter().take_while(|a| text.contains(a.0)).count();
    assert!(shown >= 2, "fewer than two actions fit: {text}");
    assert!(ACTIONS[shown..].iter().all(|a| !text.contains(a.0)), "actions out of order: {text}");
    assert!(text.contains("verantwortlich: Koordinierungsstelle · bis 30.06.2026 (überfällig)"), "{text}");
    assert!(text.contains("verantwortlich: Gesundheitsamt · bis 31.03.2027"), "{text}");
    let rest = ACTIONS.len() - shown;
    let more = match rest {
        0 => None,
        1 => Some("… und 1 weitere Maßnahme im Handout".to_string()),
        n => Some(format!("… und {n} weitere Maßnahmen im Handout")),
    };
    assert_eq!(text.contains("weitere Maßnahme"), more.is_some(), "{text}");
    if let Some(more) = more {
        assert!(text.contains(&more), "{more} missing: {text}");
    }
}

#[test]
fn a_changed_action_rewrites_only_that_municipalitys_poster_among_posters() {
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    build(&project);
    let before = reports(&project);
    let rerun = build(&project);
    assert!(rerun.starts_with("0 Dokumente geschrieben"), "{rerun}");
    let mut werkstatt = standard_werkstatt();
    werkstatt[3].rows[1][2] = s("Netzwerkkarte, zweite Fassung");
    write_book(&project.join("inputs/2026/werkstatt-auenfeld.xlsx"), &werkstatt);
    build(&project);
    let posters: Vec<String> =
        rewritten(&before, &reports(&project)).into_iter().filter(|p| p.starts_with("2026/poster/")).collect();
    assert_eq!(posters, ["2026/poster/poster-auenfeld-2026.pdf"]);
}
