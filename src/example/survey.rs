//! Synthetic survey answers (Gesamteinschätzung) with realistic structure.
//!
//! A rating is the municipality's quality level plus effects of the
//! dimension, of the respondent's area (so that Jugendhilfe and
//! Gesundheitswesen diverge, above all on Netzwerk and political
//! anchoring), of the level, of the year (the baseline 2024 a little lower,
//! 2026 a little better, most on the focus dimensions) and of the goal, plus
//! personal leniency and noise.

use super::people::{Person, draw_people};
use super::places::Place;
use super::rng::Rng;
use crate::catalog::{Catalog, Dimension};
use crate::forms::{Row, Value, answer_value};
use crate::ingest::schema::ColumnKey;
use crate::model::Answer;

/// Mean rating of a municipality of average quality, on the 6-point scale.
const BASE: f64 = 3.8;

/// How well each dimension tends to be rated (QD10 Wirkungsorientierung and
/// QD11 Beteiligung are typically the weakest, Netzwerk the strongest).
const DIMENSION_EFFECTS: [(&str, f64); 11] = [
    ("QD1", 0.5),
    ("QD2", -0.1),
    ("QD3", 0.6),
    ("QD4", -0.2),
    ("QD5", -0.4),
    ("QD6", 0.1),
    ("QD7", 0.3),
    ("QD8", 0.2),
    ("QD9", -0.6),
    ("QD10", -0.9),
    ("QD11", -0.7),
];

/// Comments some respondents leave (free text, never personal here).
const COMMENTS: [&str; 6] = [
    "Mehr Austausch mit den Kinderarztpraxen wäre hilfreich.",
    "Die Netzwerktreffen sind gut organisiert.",
    "Für Netzwerkarbeit fehlt im Alltag oft die Zeit.",
    "Die Ziele des Netzwerks sind mir nicht ganz klar.",
    "Die Zusammenarbeit mit der Geburtsklinik hat sich verbessert.",
    "Familien sollten stärker beteiligt werden.",
];

/// The survey rows of one municipality and year.
pub(super) fn survey_rows(catalog: &Catalog, place: &Place, year: i32) -> Vec<Row> {
    let mut rng = Rng::for_key(&format!("befragung/{}/{year}", place.id));
    let people = draw_people(catalog, place.respondents_in(year), &mut rng);
    // One respondent in the largest unit stops half-way: the rest stays blank.
    let dropout = (place.id == "roggenhall").then_some(people.len().saturating_sub(2));
    people
        .iter()
        .enumerate()
        .map(|(index, person)| respondent_row(catalog, place, year, index, person, dropout == Some(index), &mut rng))
        .collect()
}

fn respondent_row(
    catalog: &Catalog,
    place: &Place,
    year: i32,
    index: usize,
    person: &Person,
    drops_out: bool,
    rng: &mut Rng,
) -> Row {
    let mut row = Row::new();
    row.insert(ColumnKey::Fixed("Person"), Value::from(format!("B{:02}", index + 1)));
    row.insert(ColumnKey::Fixed("Sektor"), Value::from(person.sector.name.as_str()));
    if let Some(level) = level_name(catalog, person.strategic) {
        row.insert(ColumnKey::Fixed("Ebene"), Value::from(level));
    }
    row.insert(ColumnKey::Fixed("Funktion"), Value::from(person.function));
    let lean = rng.normal(0.45);
    let rating_scale = catalog.scale(&catalog.scales.verwendung.befragung);
    let need_scale = catalog.scale(&catalog.scales.verwendung.bedarf);
    let half = catalog.framework.dimensions.len() / 2;
    for (position, dimension) in catalog.framework.dimensions.iter().enumerate() {
        if drops_out && position >= half {
            break;
        }
        let mean = expected(place, year, person, dimension) + lean;
        let mut values = Vec::new();
        for goal in dimension.topics.iter().flat_map(|t| &t.goals) {
            let answer = rating(rating_scale.max(), mean + goal_offset(&goal.id), person, dimension, rng);
            values.extend(answer.value());
            if let Some(value) = answer_value(rating_scale, answer, place.typed) {
                row.insert(ColumnKey::Goal(goal.id.clone()), value);
            }
        }
        let need = need(need_scale.max(), &values, place.has_focus(&dimension.id), rng);
        if let Some(value) = answer_value(need_scale, need, place.typed) {
            row.insert(ColumnKey::Need(dimension.id.clone()), value);
        }
    }
    if rng.chance(0.12) {
        row.insert(ColumnKey::Fixed("Anmerkung"), Value::from(rng.pick(&COMMENTS)));
    }
    row
}

/// The expected rating of a dimension by this person, before leniency.
fn expected(place: &Place, year: i32, person: &Person, dimension: &Dimension) -> f64 {
    let dim = DIMENSION_EFFECTS.iter().find(|(id, _)| *id == dimension.id).map_or(0.0, |(_, e)| *e);
    let area = area_effect(&person.sector.bereich, &dimension.id);
    let level = if person.strategic && matches!(dimension.id.as_str(), "QD2" | "QD4" | "QD5") { 0.3 } else { 0.0 };
    // The baseline year a little lower state-wide; after the opening
    // workshops each place's own trend and its focus dimensions.
    let later = year > super::OPENING_YEAR;
    let trend = if later {
        0.1 + place.trend
    } else if year < super::OPENING_YEAR {
        -0.15
    } else {
        0.0
    };
    let focus = if later && place.has_focus(&dimension.id) { 0.35 } else { 0.0 };
    BASE + place.quality + dim + area + level + trend + focus
}

/// Health-sector partners feel less included in network and political
/// work; youth-welfare partners, who usually run the network, rate it higher.
fn area_effect(area: &str, dimension: &str) -> f64 {
    match (area, dimension) {
        ("gesundheit", "QD3") => -0.8,
        ("gesundheit", "QD5") => -0.7,
        ("gesundheit", "QD2" | "QD4") => -0.5,
        ("gesundheit", "QD7" | "QD8") => 0.3,
        ("gesundheit", _) => -0.2,
        ("jugendhilfe", "QD3") => 0.3,
        ("jugendhilfe", "QD5") => 0.2,
        ("jugendhilfe", _) => 0.1,
        _ => -0.2,
    }
}

/// A fixed offset per goal, the same in every municipality, so that some
/// goals are consistently rated better than others in their dimension.
fn goal_offset(goal: &str) -> f64 {
    Rng::for_key(&format!("ziel/{goal}")).unit() * 0.8 - 0.4
}

/// One rating: "weiß nicht" is likelier where a sector sees little (health
/// partners on planning, political anchoring and evaluation).
fn rating(max: u8, mean: f64, person: &Person, dimension: &Dimension, rng: &mut Rng) -> Answer {
    let remote =
        person.sector.bereich == "gesundheit" && matches!(dimension.id.as_str(), "QD4" | "QD5" | "QD9" | "QD10");
    let dont_know = if remote { 0.12 } else { 0.03 } + if person.strategic { 0.0 } else { 0.02 };
    if rng.chance(0.015) {
        return Answer::Blank;
    }
    if rng.chance(dont_know) {
        return Answer::DontKnow;
    }
    Answer::Value(clamp(mean + rng.normal(0.75), max))
}

/// Development need: higher where the person rated the dimension lower and
/// on the municipality's focus dimensions.
fn need(max: u8, values: &[u8], focus: bool, rng: &mut Rng) -> Answer {
    if rng.chance(0.02) {
        return Answer::Blank;
    }
    if values.is_empty() || rng.chance(0.04) {
        return Answer::DontKnow;
    }
    let mean = values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64;
    let level = 1.0 + (5.5 - mean) * 0.6 + if focus { 0.4 } else { 0.0 } + rng.normal(0.5);
    Answer::Value(clamp(level, max))
}

fn clamp(value: f64, max: u8) -> u8 {
    value.round().clamp(1.0, f64::from(max)) as u8
}

fn level_name(catalog: &Catalog, strategic: bool) -> Option<&str> {
    let levels = &catalog.material.levels;
    let id = if strategic { "strategisch" } else { "operativ" };
    levels.iter().find(|l| l.id == id).or(levels.first()).map(|l| l.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::default_catalog;

    #[test]
    fn health_rates_network_lower_than_youth_welfare() {
        let catalog = default_catalog();
        let mut by_area = std::collections::BTreeMap::<String, Vec<f64>>::new();
        for place in &super::super::places::default_places() {
            for row in survey_rows(&catalog, place, 2026) {
                let Some(Value::Text(sector)) = row.get(&ColumnKey::Fixed("Sektor")) else { continue };
                let area = catalog.find_sector(sector).unwrap().bereich.clone();
                for (key, value) in &row {
                    let ColumnKey::Goal(id) = key else { continue };
                    let number = match value {
                        Value::Number(n) => Some(*n),
                        Value::Text(t) => {
                            catalog.scale("zustimmung").parse_text(t).and_then(|a| a.value()).map(f64::from)
                        }
                        Value::Date(_) => None,
                    };
                    if let (true, Some(n)) = (id.starts_with("3."), number) {
                        by_area.entry(area.clone()).or_default().push(n);
                    }
                }
            }
        }
        let mean = |a: &str| by_area[a].iter().sum::<f64>() / by_area[a].len() as f64;
        assert!(mean("jugendhilfe") - mean("gesundheit") > 0.5, "{by_area:?}");
    }
}
