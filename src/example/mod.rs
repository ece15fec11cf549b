//! The shipped synthetic example inputs: a fictional state "Beispielland"
//! with 20 fictional municipalities in five clusters, surveys for 2024 (the
//! baseline before the first workshops), 2025 and 2026, workshops from 2025
//! on, key figures and, when the catalog has standards, the municipalities'
//! self-assessments of 2026.
//!
//! Generated deterministically (fixed seed, own PRNG) and written with the
//! same form writer users get their blank forms from, so the examples are
//! exactly what filled-in forms look like. Every file is marked as synthetic.
//!
//! A state-sized variant adds drawn municipalities to the hand-made ones
//! (`qdfh examples --kommunen N`).

mod actions;
mod generated;
mod people;
mod places;
mod rng;
mod survey;
mod workshop;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::catalog::{Catalog, StandardLevel, StandardRating};
use crate::forms::{FormData, FormInfo, FormsError, Row, Value, write_form};
use crate::ingest::schema::{ColumnKey, FormKind, sheet};

use self::places::{Place, STATE, clusters, default_places};
use self::rng::Rng;

pub use self::generated::MAX_MUNICIPALITIES;

/// The notice written into every example workbook.
pub const NOTE: &str = "Synthetische Beispieldaten";
/// The survey years of the examples.
pub const YEARS: [i32; 3] = [2024, 2025, 2026];
/// The year of the opening workshops, one per cluster; the baseline year
/// before it has no workshop, every later year one per municipality.
const OPENING_YEAR: i32 = YEARS[1];

/// Writes the example inputs into `out_dir` (created if missing):
/// `stammdaten.xlsx` and per year `befragung-<id>.xlsx`, from 2025 on
/// `werkstatt-<id>.xlsx` or `werkstatt-cluster-<x>.xlsx`,
/// `kennzahlen.xlsx` and (2026 only) `standards-<id>.xlsx`. Returns the
/// written files in order.
pub fn write_example_inputs(out_dir: &Path, catalog: &Catalog) -> Result<Vec<PathBuf>, FormsError> {
    write_inputs(out_dir, catalog, &default_places())
}

/// Writes a state-sized example with `municipalities` municipalities into
/// `out_dir`, the same files as [`write_example_inputs`]: the 20 hand-made
/// municipalities first, then drawn ones in clusters of four. Returns the
/// written files in order.
///
/// # Panics
///
/// When `municipalities` exceeds [`MAX_MUNICIPALITIES`].
pub fn write_state_example_inputs(
    out_dir: &Path,
    catalog: &Catalog,
    municipalities: usize,
) -> Result<Vec<PathBuf>, FormsError> {
    write_inputs(out_dir, catalog, &generated::state_places(municipalities))
}

/// Writes the example inputs of `places`.
fn write_inputs(out_dir: &Path, catalog: &Catalog, places: &[Place]) -> Result<Vec<PathBuf>, FormsError> {
    let mut written = Vec::new();
    let mut write = |path: PathBuf, form: FormData| -> Result<(), FormsError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| FormsError::Io { path: dir.to_path_buf(), source })?;
        }
        write_form(&path, catalog, &form)?;
        written.push(path);
        Ok(())
    };
    write(out_dir.join("stammdaten.xlsx"), stammdaten(places))?;
    for year in YEARS {
        let dir = out_dir.join(year.to_string());
        for place in places.iter().filter(|p| p.respondents_in(year) > 0) {
            write(dir.join(format!("befragung-{}.xlsx", place.id)), survey(catalog, place, year))?;
        }
        for (path, form) in workshops(catalog, &dir, year, places) {
            write(path, form)?;
        }
        write(dir.join("kennzahlen.xlsx"), key_figures(catalog, year, places))?;
        for (index, place) in places.iter().enumerate() {
            if let Some(form) = standards(catalog, place, year, index) {
                write(dir.join(format!("standards-{}.xlsx", place.id)), form)?;
            }
        }
    }
    Ok(written)
}

fn info(kind: FormKind, municipality: Option<&str>, year: Option<i32>) -> FormInfo {
    FormInfo {
        municipality: municipality.map(str::to_string),
        year,
        note: Some(NOTE.to_string()),
        ..FormInfo::blank(kind)
    }
}

fn stammdaten(places: &[Place]) -> FormData {
    let mut form = FormData::new(info(FormKind::Stammdaten, None, None));
    for place in places {
        let mut row = Row::new();
        row.insert(ColumnKey::Fixed("ID"), Value::from(place.id.as_ref()));
        row.insert(ColumnKey::Fixed("Name"), Value::from(place.name.as_ref()));
        row.insert(ColumnKey::Fixed("Typ"), Value::from(place.kind.label()));
        row.insert(ColumnKey::Fixed("Bundesland"), Value::from(STATE));
        row.insert(ColumnKey::Fixed("Cluster"), Value::from(place.cluster.as_ref()));
        row.insert(ColumnKey::Fixed("Schwerpunkte"), Value::from(place.focus.join(", ")));
        row.insert(ColumnKey::Fixed("Koordination"), Value::from(format!("Koordinierungsstelle {}", place.short())));
        row.insert(ColumnKey::Fixed("E-Mail"), Value::from(format!("fruehe-hilfen@{}.example", place.id)));
        form.sheet(sheet::KOMMUNEN).push(row);
    }
    form
}

fn survey(catalog: &Catalog, place: &Place, year: i32) -> FormData {
    let mut form = FormData::new(info(FormKind::Befragung, Some(&place.id), Some(year)));
    *form.sheet(sheet::BEFRAGUNG) = survey::survey_rows(catalog, place, year);
    form
}

/// 2024: none; 2025: one opening workshop per cluster (rows name their
/// municipality), on the 12th of March to October in turn; 2026: one
/// workshop per municipality.
fn workshops(catalog: &Catalog, dir: &Path, year: i32, places: &[Place]) -> Vec<(PathBuf, FormData)> {
    if year < OPENING_YEAR {
        Vec::new()
    } else if year == OPENING_YEAR {
        clusters(places)
            .into_iter()
            .zip(0u32..)
            .map(|(cluster, index)| {
                let members: Vec<&Place> = places.iter().filter(|p| p.cluster == cluster).collect();
                let date = NaiveDate::from_ymd_opt(year, 3 + index % 8, 12).expect("months 3–10 have day 12");
                let form = workshop::cluster_workshop(catalog, cluster, &members, date);
                (dir.join(format!("werkstatt-cluster-{}.xlsx", cluster.to_lowercase())), form)
            })
            .collect()
    } else {
        places
            .iter()
            .zip(0u32..)
            .map(|(place, index)| {
                let form = workshop::municipal_workshop(catalog, place, year, index);
                (dir.join(format!("werkstatt-{}.xlsx", place.id)), form)
            })
            .collect()
    }
}

/// A self-assessment against the catalog's standards in the last year, for
/// three municipalities of four (the fourth shows "–" in the comparisons):
/// minimum requirements are mostly met, "Mehr" steps less often.
fn standards(catalog: &Catalog, place: &Place, year: i32, index: usize) -> Option<FormData> {
    let standards = catalog.standards.as_ref()?;
    if year != YEARS[YEARS.len() - 1] || index % 4 == 3 {
        return None;
    }
    let mut rng = Rng::for_key(&format!("standards/{}/{year}", place.id));
    let mut row = Row::new();
    for (_, item) in standards.items() {
        // Weights of erfüllt, teilweise, nicht erfüllt, nicht zutreffend.
        let weights: &[u32] = match item.stufe {
            StandardLevel::Mindest => &[14, 4, 2, 1],
            StandardLevel::Mehr => &[5, 4, 6, 1],
        };
        let rating = StandardRating::ALL[rng.weighted(weights)];
        row.insert(ColumnKey::Standard(item.id.clone()), Value::from(rating.label()));
    }
    let mut form = FormData::new(info(FormKind::Standards, Some(&place.id), Some(year)));
    form.sheet(sheet::STANDARDS).push(row);
    Some(form)
}

/// Key figures grow with the size of the network and a little from year to
/// year; one value is left blank ("unbekannt").
fn key_figures(catalog: &Catalog, year: i32, places: &[Place]) -> FormData {
    let mut form = FormData::new(info(FormKind::Kennzahlen, None, Some(year)));
    for place in places {
        let mut base = Rng::for_key(&format!("kennzahlen/{}", place.id));
        let mut yearly = Rng::for_key(&format!("kennzahlen/{}/{year}", place.id));
        let growth = f64::from(year - OPENING_YEAR);
        let size = f64::from(place.respondents[2]);
        let mut row = Row::new();
        row.insert(ColumnKey::Fixed("Kommune"), Value::from(place.id.as_ref()));
        for figure in &catalog.material.key_figures {
            let value = match figure.id.as_str() {
                "netzwerkpartner" => {
                    (12.0 + size * 2.2 + base.normal(3.0)).round() + growth * f64::from(yearly.between(0, 4))
                }
                "netzwerktreffen" => f64::from(yearly.between(2, 6)),
                "gfk_vze" => ((0.3 + size * 0.06 + base.normal(0.2)).max(0.2) * 10.0 + growth).round() / 10.0,
                "familien_lab" if place.id == "heckenau" && year == OPENING_YEAR => continue,
                "familien_lab" => (size * 3.5 + base.normal(6.0) + growth * 4.0).round().max(0.0),
                _ => f64::from(yearly.between(0, 50)),
            };
            row.insert(ColumnKey::KeyFigure(figure.id.clone()), Value::Number(value));
            // In the latest year some networks set themselves a target for
            // their partners: a little above or below what they reached.
            if figure.id == "netzwerkpartner" && Some(&year) == YEARS.last() {
                let mut goal = Rng::for_key(&format!("kennzahlen/{}/zielwert", place.id));
                if goal.between(0, 2) > 0 {
                    let target = value + f64::from(goal.between(0, 6)) - 2.0;
                    row.insert(ColumnKey::KeyFigureTarget(figure.id.clone()), Value::Number(target));
                }
            }
        }
        form.sheet(sheet::KENNZAHLEN).push(row);
    }
    form
}
