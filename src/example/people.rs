//! Who takes part: sectors, levels and functions of synthetic people.
//!
//! Works from the catalog's sector list, so an edited catalog still gets
//! plausible people; the weights below only favour the sectors typical of a
//! network (ASD, Kita, Familienhebammen …) when their ids exist.

use super::rng::Rng;
use crate::catalog::{Catalog, Sector};

/// Share of people per area (Bereich) id; other areas get a small share.
const AREA_WEIGHTS: [(&str, u32); 3] = [("jugendhilfe", 42), ("gesundheit", 38), ("sonstige", 20)];
const OTHER_AREA_WEIGHT: u32 = 10;

/// How common a sector is within its area; unknown ids count 1.
const SECTOR_WEIGHTS: [(&str, u32); 10] = [
    ("asd", 3),
    ("kita", 2),
    ("beratungsstelle", 2),
    ("familienhebamme", 3),
    ("kinderarzt", 2),
    ("gesundheitsamt", 2),
    ("schwangerschaftsberatung", 2),
    ("koordination", 0),
    ("politik", 1),
    ("ehrenamt", 1),
];

/// The sector id of the network coordinator, who is always respondent 1.
pub(super) const COORDINATION: &str = "koordination";

/// A synthetic person.
pub(super) struct Person<'c> {
    /// Sector from the catalog.
    pub sector: &'c Sector,
    /// Strategic rather than operative level.
    pub strategic: bool,
    /// Function text.
    pub function: &'static str,
}

/// Draws `count` people; the first is the coordinator when the catalog has
/// that sector.
pub(super) fn draw_people<'c>(catalog: &'c Catalog, count: u32, rng: &mut Rng) -> Vec<Person<'c>> {
    let sectors = &catalog.material.sectors;
    let coordinator = sectors.iter().find(|s| s.id == COORDINATION);
    (0..count)
        .map(|index| match (index, coordinator) {
            (0, Some(sector)) => Person { sector, strategic: true, function: "Netzwerkkoordination" },
            _ => draw_person(catalog, rng),
        })
        .collect()
}

fn draw_person<'c>(catalog: &'c Catalog, rng: &mut Rng) -> Person<'c> {
    let areas = &catalog.material.areas;
    let area_weights: Vec<u32> = areas
        .iter()
        .map(|a| AREA_WEIGHTS.iter().find(|(id, _)| *id == a.id).map_or(OTHER_AREA_WEIGHT, |(_, w)| *w))
        .collect();
    let area = &areas[rng.weighted(&area_weights)];
    let candidates: Vec<&Sector> = catalog.material.sectors.iter().filter(|s| s.bereich == area.id).collect();
    let weights: Vec<u32> = candidates.iter().map(|s| sector_weight(&s.id)).collect();
    let sector = if weights.iter().sum::<u32>() == 0 {
        let all = &catalog.material.sectors;
        &all[rng.between(0, all.len() as u32 - 1) as usize]
    } else {
        candidates[rng.weighted(&weights)]
    };
    let strategic = sector.id == "politik" || rng.chance(0.22);
    Person { sector, strategic, function: function(&sector.id, strategic, rng) }
}

fn sector_weight(id: &str) -> u32 {
    SECTOR_WEIGHTS.iter().find(|(s, _)| *s == id).map_or(1, |(_, w)| *w)
}

/// A function (role) fitting the sector and level.
fn function(sector: &str, strategic: bool, rng: &mut Rng) -> &'static str {
    if strategic {
        return rng.pick(&["Leitung", "Sachgebietsleitung", "Fachbereichsleitung", "Geschäftsführung"]);
    }
    let options: &[&'static str] = match sector {
        "asd" | "hze" => &["Sozialarbeiterin", "Sozialarbeiter", "Fachkraft"],
        "kita" | "kindertagespflege" => &["Erzieherin", "Kindertagespflegeperson", "Fachberatung"],
        "familienhebamme" => &["Familienhebamme", "Familien-Gesundheits- und Kinderkrankenpflegerin"],
        "geburtsklinik" => &["Stationsleitung Wochenbett", "Sozialdienst Klinik"],
        "kinderarzt" | "frauenarzt" => &["Ärztin", "Arzt", "Medizinische Fachangestellte"],
        "hebamme" => &["Hebamme"],
        "gesundheitsamt" => &["Ärztin im Gesundheitsamt", "Sozialmedizinische Assistentin"],
        "politik" => &["Ausschussmitglied", "Verwaltung"],
        "ehrenamt" => &["Ehrenamtliche Familienpatin", "Koordination Ehrenamt"],
        _ => &["Beraterin", "Berater", "Fachkraft"],
    };
    rng.pick(options)
}
