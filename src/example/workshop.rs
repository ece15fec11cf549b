//! Synthetic workshop workbooks (Werkstatt): attendance, Polaritätsprofil,
//! Erfolgsfaktoren, Punktabfrage, Maßnahmen and Rückmeldung.

use chrono::{Datelike, NaiveDate};

use super::NOTE;
use super::actions::action_rows;
use super::people::{Person, draw_people};
use super::places::Place;
use super::rng::Rng;
use crate::catalog::{Catalog, Sector};
use crate::forms::{FormData, FormInfo, Row, Value, answer_value};
use crate::ingest::schema::{ColumnKey, FormKind, sheet};
use crate::model::Answer;

/// Polaritätsprofil: typical position per pair on a 7-step scale (4 = middle).
const PAIR_BASE: [(&str, f64); 7] =
    [("P1", 4.6), ("P2", 3.6), ("P3", 4.1), ("P4", 3.0), ("P5", 5.0), ("P6", 3.4), ("P7", 3.7)];

/// Erfolgsfaktoren: effect on current state and on importance.
const FACTOR_EFFECTS: [(&str, f64, f64); 6] =
    [("E1", 0.1, 0.1), ("E2", 0.4, 0.3), ("E3", -0.3, 0.0), ("E4", 0.3, 0.2), ("E5", -0.7, 0.3), ("E6", -0.1, 0.1)];

const FEEDBACK: [&str; 5] = [
    "Sehr hilfreicher Austausch.",
    "Mehr Zeit für die Maßnahmenplanung wäre gut.",
    "Gute Moderation, klare Ergebnisse.",
    "Die Punktabfrage hat die Prioritäten deutlich gemacht.",
    "Beim nächsten Mal bitte mehr Beteiligte aus dem Gesundheitswesen.",
];

/// The workshop of one municipality: Kommune in Info, Kommune columns blank.
pub(super) fn municipal_workshop(catalog: &Catalog, place: &Place, year: i32, index: u32) -> FormData {
    let mut rng = Rng::for_key(&format!("werkstatt/{}/{year}", place.id));
    // Spread the workshops over February to October.
    let date = NaiveDate::from_ymd_opt(year, 2 + index % 9, 3 + rng.between(0, 24)).expect("months 2–10 have day 27");
    let mut form = form(year, Some(&place.id), None, date);
    let participants = rng.between(8, 14);
    fill(&mut form, catalog, place, date, participants, None, &mut rng);
    form
}

/// A cluster workshop: Cluster in Info, every row names its municipality.
pub(super) fn cluster_workshop(catalog: &Catalog, cluster: &str, members: &[&Place], date: NaiveDate) -> FormData {
    let year = date.year();
    let mut form = form(year, None, Some(cluster), date);
    for place in members {
        let mut rng = Rng::for_key(&format!("cluster-werkstatt/{}/{year}", place.id));
        let participants = rng.between(2, 4);
        fill(&mut form, catalog, place, date, participants, Some(&place.id), &mut rng);
    }
    form
}

fn form(year: i32, municipality: Option<&str>, cluster: Option<&str>, date: NaiveDate) -> FormData {
    FormData::new(FormInfo {
        kind: FormKind::Werkstatt,
        municipality: municipality.map(str::to_string),
        cluster: cluster.map(str::to_string),
        year: Some(year),
        date: Some(date),
        note: Some(NOTE.to_string()),
    })
}

/// Adds one municipality's rows to every sheet of a workshop form.
fn fill(
    form: &mut FormData,
    catalog: &Catalog,
    place: &Place,
    date: NaiveDate,
    participants: u32,
    municipality: Option<&str>,
    rng: &mut Rng,
) {
    let people = draw_people(catalog, participants, rng);
    let with_place = |mut row: Row| {
        if let Some(id) = municipality {
            row.insert(ColumnKey::Fixed("Kommune"), Value::from(id));
        }
        row
    };
    for person in &people {
        form.sheet(sheet::TEILNAHME).push(with_place(attendance(person, place, rng)));
    }
    for (index, person) in people.iter().enumerate() {
        let label = format!("T{:02}", index + 1);
        if rng.chance(0.85) {
            form.sheet(sheet::POLARITAET).push(with_place(polarity(catalog, place, person, &label, rng)));
        }
        if rng.chance(0.8) {
            form.sheet(sheet::ERFOLGSFAKTOREN).push(with_place(factors(catalog, place, &label, rng)));
        }
    }
    for row in dots(catalog, place, rng) {
        form.sheet(sheet::PUNKTABFRAGE).push(with_place(row));
    }
    // A cluster workshop (rows name their municipality) plans less per municipality.
    let count = if municipality.is_some() { rng.between(1, 2) } else { rng.between(3, 5) } as usize;
    form.sheet(sheet::MASSNAHMEN).extend(action_rows(catalog, place, date, count, municipality, rng));
    for _ in &people {
        if rng.chance(0.75) {
            form.sheet(sheet::RUECKMELDUNG).push(with_place(feedback(catalog, place, rng)));
        }
    }
}

fn attendance(person: &Person, place: &Place, rng: &mut Rng) -> Row {
    let mut row = Row::new();
    row.insert(ColumnKey::Fixed("Institution"), Value::from(institution(person.sector, place.short(), rng)));
    row.insert(ColumnKey::Fixed("Sektor"), Value::from(person.sector.name.as_str()));
    row.insert(ColumnKey::Fixed("Funktion"), Value::from(person.function));
    row
}

/// A fictional institution fitting the sector.
fn institution(sector: &Sector, short: &str, rng: &mut Rng) -> String {
    match sector.id.as_str() {
        "koordination" => format!("Jugendamt {short}, Koordinierungsstelle Frühe Hilfen"),
        "asd" => format!("Jugendamt {short}, Allgemeiner Sozialer Dienst"),
        "kita" => format!("Kita {}", rng.pick(&["Regenbogen", "Löwenzahn", "Sonnenblume", "Pusteblume"])),
        "familienhebamme" => format!("Gesundheitsamt {short}, Familienhebammen"),
        "geburtsklinik" => format!("Klinikum {short}, Geburtshilfe"),
        "kinderarzt" => format!("Kinderarztpraxis {}", rng.pick(&["am Markt", "am Park", "Lindenstraße"])),
        "frauenarzt" => "Frauenarztpraxis am Bahnhof".to_string(),
        "politik" => format!("Jugendhilfeausschuss {short}"),
        "ehrenamt" => format!("Familienpatenschaften {short} e. V."),
        "gewaltschutz" => format!("Frauenberatungsstelle {short}"),
        _ => format!("{} {short}", sector.name),
    }
}

fn polarity(catalog: &Catalog, place: &Place, person: &Person, label: &str, rng: &mut Rng) -> Row {
    let scale = catalog.scale(&catalog.scales.verwendung.polaritaet);
    let mut row = Row::new();
    row.insert(ColumnKey::Fixed("Person"), Value::from(label));
    let health = person.sector.bereich == "gesundheit";
    for pair in &catalog.material.polarity {
        let base = PAIR_BASE.iter().find(|(id, _)| *id == pair.id).map_or(4.0, |(_, b)| *b);
        let shift = match (health, pair.id.as_str()) {
            (true, "P4") => -0.8,
            (true, "P3") => -0.4,
            _ => 0.0,
        };
        let answer = answer(scale.max(), base + place.quality * 0.8 + shift + rng.normal(0.9), 0.03, rng);
        if let Some(value) = answer_value(scale, answer, place.typed) {
            row.insert(ColumnKey::Pair(pair.id.clone()), value);
        }
    }
    row
}

fn factors(catalog: &Catalog, place: &Place, label: &str, rng: &mut Rng) -> Row {
    let usage = &catalog.scales.verwendung;
    let (state_scale, importance_scale) =
        (catalog.scale(&usage.erfolgsfaktor_stand), catalog.scale(&usage.erfolgsfaktor_wichtigkeit));
    let mut row = Row::new();
    row.insert(ColumnKey::Fixed("Person"), Value::from(label));
    for factor in &catalog.material.factors {
        let (state, importance) =
            FACTOR_EFFECTS.iter().find(|(id, _, _)| *id == factor.id).map_or((0.0, 0.0), |(_, s, i)| (*s, *i));
        let state = answer(state_scale.max(), 2.6 + place.quality * 0.6 + state + rng.normal(0.7), 0.04, rng);
        let importance = answer(importance_scale.max(), 3.4 + importance + rng.normal(0.5), 0.02, rng);
        if let Some(value) = answer_value(state_scale, state, place.typed) {
            row.insert(ColumnKey::FactorState(factor.id.clone()), value);
        }
        if let Some(value) = answer_value(importance_scale, importance, place.typed) {
            row.insert(ColumnKey::FactorImportance(factor.id.clone()), value);
        }
    }
    row
}

/// Dot voting: the focus dimensions and their topics draw the most points;
/// targets are written the ways people write them ("QD3", "3b", "Netzwerk").
fn dots(catalog: &Catalog, place: &Place, rng: &mut Rng) -> Vec<Row> {
    let mut targets: Vec<(String, u32)> = Vec::new();
    for dimension in &catalog.framework.dimensions {
        let focus = place.has_focus(&dimension.id);
        if focus {
            targets.push((dimension.id.clone(), rng.between(6, 14)));
            if let Some(topic) = dimension.topics.get(rng.between(0, 1) as usize) {
                targets.push((topic.id.clone(), rng.between(3, 9)));
            }
        } else if rng.chance(0.2) {
            targets.push((dimension.name.clone(), rng.between(1, 5)));
        }
    }
    targets
        .into_iter()
        .map(|(target, points)| {
            let mut row = Row::new();
            row.insert(ColumnKey::Fixed("Dimension oder Thema"), Value::from(target));
            row.insert(ColumnKey::Fixed("Punkte"), Value::from(points));
            row
        })
        .collect()
}

fn feedback(catalog: &Catalog, place: &Place, rng: &mut Rng) -> Row {
    let scale = catalog.scale(&catalog.scales.verwendung.rueckmeldung);
    let mut row = Row::new();
    let answer = answer(scale.max(), 4.0 + place.quality * 0.5 + rng.normal(0.7), 0.0, rng);
    if let Some(value) = answer_value(scale, answer, false) {
        row.insert(ColumnKey::Fixed("Zufriedenheit"), value);
    }
    if rng.chance(0.2) {
        row.insert(ColumnKey::Fixed("Kommentar"), Value::from(rng.pick(&FEEDBACK)));
    }
    row
}

/// A value on a scale from 1 to `max`, or "weiß nicht" with `dont_know`.
fn answer(max: u8, mean: f64, dont_know: f64, rng: &mut Rng) -> Answer {
    if rng.chance(dont_know) {
        return Answer::DontKnow;
    }
    Answer::Value(mean.round().clamp(1.0, f64::from(max)) as u8)
}
