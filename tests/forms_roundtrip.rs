//! Round trip: forms filled with the form writer are read back by the
//! ingest readers with every value intact.

use std::path::Path;

use chrono::NaiveDate;
use qdfh::catalog::{Catalog, Scale};
use qdfh::forms::{FormData, FormInfo, Row, Value, answer_value, dimension_label, write_form};
use qdfh::ingest::read_inputs;
use qdfh::ingest::schema::{ColumnKey, FormKind, sheet};
use qdfh::model::{Answer, Inputs, MunicipalityKind};
use qdfh::project::default_catalog;

const YEAR: i32 = 2026;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn fixed(row: &mut Row, header: &'static str, value: impl Into<Value>) {
    row.insert(ColumnKey::Fixed(header), value.into());
}

fn info(kind: FormKind, municipality: Option<&str>, cluster: Option<&str>, workshop: Option<NaiveDate>) -> FormInfo {
    FormInfo {
        municipality: municipality.map(str::to_string),
        cluster: cluster.map(str::to_string),
        year: (kind != FormKind::Stammdaten).then_some(YEAR),
        date: workshop,
        ..FormInfo::blank(kind)
    }
}

/// A deterministic answer covering every step, "weiß nicht" and blank.
fn answer(scale: &Scale, i: usize, j: usize) -> Answer {
    let max = usize::from(scale.max());
    match (i * 7 + j * 3) % (max + 2) {
        k if k < max => Answer::Value(k as u8 + 1),
        k if k == max => Answer::DontKnow,
        _ => Answer::Blank,
    }
}

/// Written as the label or, every third cell, as the typed number.
fn cell(row: &mut Row, key: ColumnKey, scale: &Scale, answer: Answer, i: usize, j: usize) {
    if let Some(value) = answer_value(scale, answer, (i + j).is_multiple_of(3)) {
        row.insert(key, value);
    }
}

fn write_stammdaten(dir: &Path) {
    let mut form = FormData::new(info(FormKind::Stammdaten, None, None, None));
    for (id, name, kind, focus) in [
        ("auenfeld", "Stadt Auenfeld", MunicipalityKind::KreisfreieStadt, "QD3, QD2"),
        ("birkental", "Stadt und Landkreis Birkental", MunicipalityKind::StadtUndLandkreis, "QD3"),
    ] {
        let mut row = Row::new();
        fixed(&mut row, "ID", id);
        fixed(&mut row, "Name", name);
        fixed(&mut row, "Typ", kind.label());
        fixed(&mut row, "Bundesland", "Testland");
        fixed(&mut row, "Cluster", "A");
        fixed(&mut row, "Schwerpunkte", focus);
        fixed(&mut row, "Koordination", format!("Koordination {id}"));
        fixed(&mut row, "E-Mail", format!("{id}@example.org"));
        form.sheet(sheet::KOMMUNEN).push(row);
    }
    write_form(&dir.join("stammdaten.xlsx"), &default_catalog(), &form).unwrap();
}

fn write_survey(dir: &Path, catalog: &Catalog) {
    let mut form = FormData::new(info(FormKind::Befragung, Some("auenfeld"), None, None));
    let (rating, need) = (catalog.scale("zustimmung"), catalog.scale("bedarf"));
    for i in 0..catalog.material.sectors.len() {
        let mut row = Row::new();
        fixed(&mut row, "Person", format!("B{i:02}"));
        fixed(&mut row, "Sektor", catalog.material.sectors[i].name.as_str());
        fixed(&mut row, "Ebene", catalog.material.levels[i % 2].name.as_str());
        fixed(&mut row, "Funktion", format!("Funktion {i}"));
        for (j, (_, goal)) in catalog.goals().enumerate() {
            cell(&mut row, ColumnKey::Goal(goal.id.clone()), rating, answer(rating, i, j), i, j);
        }
        for (j, dim) in catalog.framework.dimensions.iter().enumerate() {
            cell(&mut row, ColumnKey::Need(dim.id.clone()), need, answer(need, i, j), i, j);
        }
        if i == 1 {
            fixed(&mut row, "Anmerkung", "Ein Kommentar mit Umlauten: äöüß");
        }
        form.sheet(sheet::BEFRAGUNG).push(row);
    }
    write_form(&dir.join(format!("{YEAR}/befragung-auenfeld.xlsx")), catalog, &form).unwrap();
}

/// Workshop rows; `kommune` fills the Kommune column (cluster workshop).
fn workshop_form(catalog: &Catalog, form: &mut FormData, kommune: Option<&str>) {
    let with = |mut row: Row| {
        if let Some(id) = kommune {
            fixed(&mut row, "Kommune", id);
        }
        row
    };
    for i in 0..3 {
        let mut row = Row::new();
        fixed(&mut row, "Institution", format!("Institution {i}"));
        fixed(&mut row, "Sektor", catalog.material.sectors[i * 5].name.as_str());
        fixed(&mut row, "Funktion", format!("Rolle {i}"));
        form.sheet(sheet::TEILNAHME).push(with(row));
    }
    let polarity = catalog.scale("polaritaet");
    let (state, importance) = (catalog.scale("umsetzung"), catalog.scale("wichtigkeit"));
    for i in 0..2 {
        let mut row = Row::new();
        fixed(&mut row, "Person", format!("T{i}"));
        for (j, pair) in catalog.material.polarity.iter().enumerate() {
            cell(&mut row, ColumnKey::Pair(pair.id.clone()), polarity, answer(polarity, i, j), i, j);
        }
        form.sheet(sheet::POLARITAET).push(with(row));
        let mut row = Row::new();
        fixed(&mut row, "Person", format!("T{i}"));
        for (j, factor) in catalog.material.factors.iter().enumerate() {
            cell(&mut row, ColumnKey::FactorState(factor.id.clone()), state, answer(state, i, j), i, j);
            cell(
                &mut row,
                ColumnKey::FactorImportance(factor.id.clone()),
                importance,
                answer(importance, i + 1, j),
                i,
                j,
            );
        }
        form.sheet(sheet::ERFOLGSFAKTOREN).push(with(row));
    }
    for (target, points) in [("QD3", 9u32), ("3b", 4), ("Zielbestimmung", 2)] {
        let mut row = Row::new();
        fixed(&mut row, "Dimension oder Thema", target);
        fixed(&mut row, "Punkte", points);
        form.sheet(sheet::PUNKTABFRAGE).push(with(row));
    }
    for (i, status) in catalog.material.status.iter().enumerate() {
        let mut row = Row::new();
        fixed(&mut row, "Ziel", format!("Ziel {i}"));
        fixed(&mut row, "Maßnahme", format!("Maßnahme {i}"));
        fixed(&mut row, "Dimension", dimension_label(&catalog.framework.dimensions[i]));
        fixed(&mut row, "verantwortlich", "Koordination");
        fixed(&mut row, "Beteiligte", "ASD, Gesundheitsamt");
        if i % 2 == 0 {
            fixed(&mut row, "Beginn", date(YEAR, 1 + i as u32, 15));
        }
        fixed(&mut row, "Termin", date(YEAR, 3 + 2 * i as u32, 30));
        fixed(&mut row, "Status", status.name.as_str());
        fixed(&mut row, "Indikator", format!("Indikator {i}"));
        form.sheet(sheet::MASSNAHMEN).push(with(row));
    }
    let satisfaction = catalog.scale("zufriedenheit");
    for i in 0..2 {
        let mut row = Row::new();
        cell(&mut row, ColumnKey::Fixed("Zufriedenheit"), satisfaction, Answer::Value(4 + i as u8), i, 1);
        if i == 0 {
            fixed(&mut row, "Kommentar", "Gut");
        }
        form.sheet(sheet::RUECKMELDUNG).push(with(row));
    }
}

fn write_workshops(dir: &Path, catalog: &Catalog) {
    let mut form = FormData::new(info(FormKind::Werkstatt, Some("auenfeld"), None, Some(date(YEAR, 3, 12))));
    workshop_form(catalog, &mut form, None);
    write_form(&dir.join(format!("{YEAR}/werkstatt-auenfeld.xlsx")), catalog, &form).unwrap();
    let mut form = FormData::new(info(FormKind::Werkstatt, None, Some("A"), Some(date(YEAR, 5, 6))));
    workshop_form(catalog, &mut form, Some("birkental"));
    write_form(&dir.join(format!("{YEAR}/werkstatt-cluster-a.xlsx")), catalog, &form).unwrap();
}

fn write_key_figures(dir: &Path, catalog: &Catalog) {
    let mut form = FormData::new(info(FormKind::Kennzahlen, None, None, None));
    for (m, id) in ["auenfeld", "birkental"].into_iter().enumerate() {
        let mut row = Row::new();
        fixed(&mut row, "Kommune", id);
        for (f, figure) in catalog.material.key_figures.iter().enumerate() {
            row.insert(ColumnKey::KeyFigure(figure.id.clone()), Value::Number(figure_value(m, f)));
        }
        form.sheet(sheet::KENNZAHLEN).push(row);
    }
    write_form(&dir.join(format!("{YEAR}/kennzahlen.xlsx")), catalog, &form).unwrap();
}

fn figure_value(m: usize, f: usize) -> f64 {
    (m * 10 + f) as f64 + if f == 2 { 0.5 } else { 0.0 }
}

fn read_back() -> (Catalog, Inputs) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    std::fs::create_dir_all(dir.join(YEAR.to_string())).unwrap();
    let catalog = default_catalog();
    write_stammdaten(dir);
    write_survey(dir, &catalog);
    write_workshops(dir, &catalog);
    write_key_figures(dir, &catalog);
    let (inputs, diagnostics) = read_inputs(dir, &catalog);
    let messages: Vec<String> = diagnostics.items.iter().map(|d| d.to_string()).collect();
    assert!(messages.is_empty(), "filled forms read without findings:\n{}", messages.join("\n"));
    (catalog, inputs)
}

#[test]
fn municipalities_survive_the_round_trip() {
    let (_, inputs) = read_back();
    let ids: Vec<&str> = inputs.municipalities.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["auenfeld", "birkental"]);
    let auenfeld = inputs.municipality("auenfeld").unwrap();
    assert_eq!(auenfeld.name, "Stadt Auenfeld");
    assert_eq!(auenfeld.kind, MunicipalityKind::KreisfreieStadt);
    assert_eq!(auenfeld.state, "Testland");
    assert_eq!(auenfeld.cluster, "A");
    assert_eq!(auenfeld.focus, ["QD3", "QD2"]);
    assert_eq!(auenfeld.coordinator.as_deref(), Some("Koordination auenfeld"));
    assert_eq!(auenfeld.email.as_deref(), Some("auenfeld@example.org"));
    assert_eq!(inputs.municipality("birkental").unwrap().kind, MunicipalityKind::StadtUndLandkreis);
}

#[test]
fn every_survey_answer_survives_the_round_trip() {
    let (catalog, inputs) = read_back();
    let surveys = &inputs.years[&YEAR].surveys;
    assert_eq!(surveys.len(), 1);
    let survey = &surveys[0];
    assert_eq!((survey.municipality.as_str(), survey.year), ("auenfeld", YEAR));
    assert_eq!(survey.respondents.len(), catalog.material.sectors.len());
    let (rating, need) = (catalog.scale("zustimmung"), catalog.scale("bedarf"));
    for (i, respondent) in survey.respondents.iter().enumerate() {
        assert_eq!(respondent.id, format!("B{i:02}"));
        assert_eq!(respondent.sector, catalog.material.sectors[i].id);
        assert_eq!(respondent.level, catalog.material.levels[i % 2].id);
        assert_eq!(respondent.role, format!("Funktion {i}"));
        for (j, (_, goal)) in catalog.goals().enumerate() {
            let got = respondent.ratings.get(&goal.id).copied().unwrap_or(Answer::Blank);
            assert_eq!(got, answer(rating, i, j), "respondent {i}, goal {}", goal.id);
        }
        for (j, dim) in catalog.framework.dimensions.iter().enumerate() {
            let got = respondent.needs.get(&dim.id).copied().unwrap_or(Answer::Blank);
            assert_eq!(got, answer(need, i, j), "respondent {i}, need {}", dim.id);
        }
        let comment = (i == 1).then(|| "Ein Kommentar mit Umlauten: äöüß".to_string());
        assert_eq!(respondent.comment, comment);
    }
}

#[test]
fn workshops_survive_the_round_trip() {
    let (catalog, inputs) = read_back();
    let workshops = &inputs.years[&YEAR].workshops;
    assert_eq!(workshops.len(), 2);
    for (municipality, day) in [("auenfeld", date(YEAR, 3, 12)), ("birkental", date(YEAR, 5, 6))] {
        let workshop = workshops.iter().find(|w| w.date == Some(day)).expect("workshop date is read");
        assert_eq!(workshop.year, YEAR);
        assert_eq!(workshop.municipalities, [municipality]);
        let participants: Vec<(&str, &str, &str, &str)> = workshop
            .participants
            .iter()
            .map(|p| (p.municipality.as_str(), p.institution.as_str(), p.sector.as_str(), p.function.as_str()))
            .collect();
        assert_eq!(participants.len(), 3);
        for (i, p) in participants.iter().enumerate() {
            assert_eq!(p.0, municipality);
            assert_eq!(p.1, format!("Institution {i}"));
            assert_eq!(p.2, catalog.material.sectors[i * 5].id);
            assert_eq!(p.3, format!("Rolle {i}"));
        }
        let polarity = catalog.scale("polaritaet");
        for (i, label) in ["T0", "T1"].into_iter().enumerate() {
            for (j, pair) in catalog.material.polarity.iter().enumerate() {
                let got = workshop
                    .polarity
                    .iter()
                    .find(|r| r.participant == label && r.pair == pair.id)
                    .map_or(Answer::Blank, |r| r.answer);
                assert_eq!(got, answer(polarity, i, j), "{label} {}", pair.id);
            }
        }
        let (state, importance) = (catalog.scale("umsetzung"), catalog.scale("wichtigkeit"));
        for (j, factor) in catalog.material.factors.iter().enumerate() {
            let mut got: Vec<(Answer, Answer)> =
                workshop.factors.iter().filter(|f| f.factor == factor.id).map(|f| (f.state, f.importance)).collect();
            let mut expected: Vec<(Answer, Answer)> = (0..2)
                .map(|i| (answer(state, i, j), answer(importance, i + 1, j)))
                .filter(|pair| *pair != (Answer::Blank, Answer::Blank))
                .collect();
            got.retain(|pair| *pair != (Answer::Blank, Answer::Blank));
            got.sort_by_key(|p| format!("{p:?}"));
            expected.sort_by_key(|p| format!("{p:?}"));
            assert_eq!(got, expected, "factor {}", factor.id);
        }
        let dots: Vec<(&str, u32)> = workshop.dots.iter().map(|d| (d.target.as_str(), d.points)).collect();
        assert_eq!(dots, [("QD3", 9), ("3b", 4), ("QD2", 2)]);
        assert_eq!(workshop.actions.len(), catalog.material.status.len());
        for (i, action) in workshop.actions.iter().enumerate() {
            assert_eq!(action.municipality, municipality);
            assert_eq!(action.goal, format!("Ziel {i}"));
            assert_eq!(action.measure, format!("Maßnahme {i}"));
            assert_eq!(action.dimension, catalog.framework.dimensions[i].id);
            assert_eq!(action.responsible, "Koordination");
            assert_eq!(action.involved, "ASD, Gesundheitsamt");
            assert_eq!(action.start, (i % 2 == 0).then(|| date(YEAR, 1 + i as u32, 15)));
            assert_eq!(action.due, Some(date(YEAR, 3 + 2 * i as u32, 30)));
            assert_eq!(action.status, catalog.material.status[i].id);
            assert_eq!(action.indicator, format!("Indikator {i}"));
        }
        let feedback: Vec<(Answer, Option<&str>)> =
            workshop.feedback.iter().map(|f| (f.satisfaction, f.text.as_deref())).collect();
        assert_eq!(feedback, [(Answer::Value(4), Some("Gut")), (Answer::Value(5), None)]);
    }
}

#[test]
fn key_figures_survive_the_round_trip() {
    let (catalog, inputs) = read_back();
    let figures = &inputs.years[&YEAR].key_figures;
    assert_eq!(figures.len(), 2 * catalog.material.key_figures.len());
    for (m, id) in ["auenfeld", "birkental"].into_iter().enumerate() {
        for (f, figure) in catalog.material.key_figures.iter().enumerate() {
            let value =
                figures.iter().find(|v| v.municipality == id && v.figure == figure.id).map(|v| (v.year, v.value));
            assert_eq!(value, Some((YEAR, figure_value(m, f))), "{id} {}", figure.id);
        }
    }
}
