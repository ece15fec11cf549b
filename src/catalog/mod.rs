//! The quality-framework catalog: dimensions, goals, scales and practice
//! material, read at run time from TOML files under `templates/katalog/`.
//!
//! The catalog is data, not code: a LaKo edits wording or adds a statement
//! without rebuilding qdfh. [`Catalog::load`] validates it (unique ids, every
//! referenced scale and area defined) before anything else runs.

mod scale;
mod standards;
mod validate;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use scale::{Scale, ScaleStep, fold_key};
pub use standards::{StandardItem, StandardLevel, StandardRating, StandardTopic, Standards};

/// File names of the catalog inside its folder.
pub const FRAMEWORK_FILE: &str = "qualitaetsrahmen.toml";
/// File holding the answer scales.
pub const SCALES_FILE: &str = "skalen.toml";
/// File holding practice material, sectors, statuses and key figures.
pub const MATERIAL_FILE: &str = "material.toml";
/// Optional file holding the quality standards.
pub const STANDARDS_FILE: &str = "standards.toml";

/// Everything qdfh knows about the quality framework and its material.
#[derive(Debug, Clone, Serialize)]
pub struct Catalog {
    /// The Qualitätsrahmen with its dimensions, topics and goals.
    pub framework: Framework,
    /// Answer scales and which scale is used where.
    pub scales: Scales,
    /// Polaritätsprofil, Erfolgsfaktoren, sectors, statuses, key figures.
    pub material: Material,
    /// Quality standards (`standards.toml`); `None` when the project has
    /// no such file, and then no Standards form or section exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standards: Option<Standards>,
    /// Import profiles for online-survey exports (`templates/import/`),
    /// checked against this catalog; empty unless a project loaded them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub imports: Vec<crate::ingest::export::Profile>,
}

/// The Qualitätsrahmen (quality framework).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Version of the framework, e.g. "2.0".
    pub version: String,
    /// Display name.
    pub name: String,
    /// Source statement printed in the methods note.
    pub quelle: String,
    /// The numbered quality dimensions.
    #[serde(rename = "dimension")]
    pub dimensions: Vec<Dimension>,
}

/// One quality dimension (Qualitätsdimension, QD).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// Stable id, e.g. "QD3".
    pub id: String,
    /// Number in the framework, e.g. 3.
    pub nummer: u32,
    /// Name, e.g. "Netzwerk".
    pub name: String,
    /// Key questions (Zentrale Fragen).
    #[serde(default)]
    pub fragen: Vec<String>,
    /// Questions for the dialogue with the strategic-political level,
    /// printed in the handout for a focus dimension.
    #[serde(default)]
    pub dialog: Vec<String>,
    /// Topics with their development goals.
    #[serde(rename = "thema")]
    pub topics: Vec<Topic>,
}

impl Dimension {
    /// The label reports print, e.g. "QD3 Netzwerk".
    pub fn label(&self) -> String {
        dimension_label(self.nummer, &self.name)
    }
}

/// The label of dimension number `nummer` named `name`: "QD3 Netzwerk".
pub fn dimension_label(nummer: u32, name: &str) -> String {
    format!("QD{nummer} {name}")
}

/// A topic (Thema) of a dimension.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Stable id, e.g. "3a".
    pub id: String,
    /// Title.
    pub titel: String,
    /// Rateable development goals (Entwicklungsziele).
    #[serde(rename = "ziel")]
    pub goals: Vec<Goal>,
}

/// A rateable development goal (Entwicklungsziel).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Stable id, e.g. "3.1"; survey column headers start with it.
    pub id: String,
    /// Short label for charts.
    pub kurz: String,
    /// Full statement as a target state.
    pub text: String,
}

/// Which scale serves which purpose.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleUse {
    /// Ratings of development goals in the survey.
    pub befragung: String,
    /// Development need per dimension in the survey.
    pub bedarf: String,
    /// Polaritätsprofil ratings.
    pub polaritaet: String,
    /// Erfolgsfaktoren: current state.
    pub erfolgsfaktor_stand: String,
    /// Erfolgsfaktoren: importance.
    pub erfolgsfaktor_wichtigkeit: String,
    /// Workshop feedback satisfaction.
    pub rueckmeldung: String,
}

/// The scales file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scales {
    /// Which scale is used where.
    pub verwendung: ScaleUse,
    /// All defined scales.
    #[serde(rename = "skala")]
    pub all: Vec<Scale>,
}

/// A bipolar pair of the Polaritätsprofil.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolarityPair {
    /// Stable id, e.g. "P1".
    pub id: String,
    /// Left pole.
    pub links: String,
    /// Right pole.
    pub rechts: String,
}

/// A success factor of cooperation (Erfolgsfaktor).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuccessFactor {
    /// Stable id, e.g. "E1".
    pub id: String,
    /// Wording.
    pub text: String,
}

/// A group of sectors (Bereich) used for perspective comparisons.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Stable id.
    pub id: String,
    /// Display name, e.g. "Gesundheitswesen".
    pub name: String,
}

/// A sector (institution type) of the network.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    /// Stable id.
    pub id: String,
    /// Display name as chosen in the forms.
    pub name: String,
    /// Id of the [`Area`] it belongs to.
    pub bereich: String,
}

/// Strategic or operative level.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A status of an action-plan row.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    /// Stable id.
    pub id: String,
    /// Display name as chosen in the forms.
    pub name: String,
    /// Closed: never counts as overdue.
    pub erledigt: bool,
}

/// A key figure (Kennzahl).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    /// Stable id, also the column header in the Kennzahlen sheet.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Unit, e.g. "Anzahl".
    pub einheit: String,
    /// Which direction is better (default: neither).
    #[serde(default)]
    pub richtung: Direction,
    /// The quality dimension the indicator gives evidence for, e.g. "QD3".
    #[serde(default)]
    pub dimension: Option<String>,
    /// The development goal it gives evidence for, e.g. "3.1".
    #[serde(default)]
    pub ziel: Option<String>,
}

/// Which direction of an indicator is better.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better (network partners, families reached).
    HoeherBesser,
    /// Less is better (waiting times).
    NiedrigerBesser,
    /// Neither: a value to know, not to judge.
    #[default]
    Neutral,
}

impl Direction {
    /// Whether `value` meets `target` in this direction; `None` when
    /// neither direction is better.
    pub fn meets(self, value: f64, target: f64) -> Option<bool> {
        match self {
            Direction::HoeherBesser => Some(value >= target),
            Direction::NiedrigerBesser => Some(value <= target),
            Direction::Neutral => None,
        }
    }
}

/// The material file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Polaritätsprofil pairs.
    #[serde(rename = "polaritaet")]
    pub polarity: Vec<PolarityPair>,
    /// Erfolgsfaktoren.
    #[serde(rename = "erfolgsfaktor")]
    pub factors: Vec<SuccessFactor>,
    /// Sector groups.
    #[serde(rename = "bereich")]
    pub areas: Vec<Area>,
    /// Sectors.
    #[serde(rename = "sektor")]
    pub sectors: Vec<Sector>,
    /// Levels.
    #[serde(rename = "ebene")]
    pub levels: Vec<Level>,
    /// Action-plan statuses.
    pub status: Vec<Status>,
    /// Key figures.
    #[serde(rename = "kennzahl", default)]
    pub key_figures: Vec<KeyFigure>,
}

/// An error in the catalog files.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// A file could not be read.
    #[error("{path}: Katalogdatei kann nicht gelesen werden: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file is not valid TOML or does not fit the catalog's structure.
    #[error("{path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// TOML's message with line and column.
        message: String,
    },
    /// The catalog is well-formed but inconsistent.
    #[error("Der Katalog in {dir} ist fehlerhaft:\n{}", .problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// The catalog folder.
        dir: PathBuf,
        /// Every problem found, in German.
        problems: Vec<String>,
    },
}

impl Catalog {
    /// Reads and validates the catalog from its folder.
    pub fn load(dir: &Path) -> Result<Catalog, CatalogError> {
        let standards = dir.join(STANDARDS_FILE);
        let catalog = Catalog {
            framework: read_toml(&dir.join(FRAMEWORK_FILE))?,
            scales: read_toml(&dir.join(SCALES_FILE))?,
            material: read_toml(&dir.join(MATERIAL_FILE))?,
            standards: standards.is_file().then(|| read_toml(&standards)).transpose()?,
            imports: Vec::new(),
        };
        let problems = validate::problems(&catalog);
        if problems.is_empty() { Ok(catalog) } else { Err(CatalogError::Invalid { dir: dir.to_path_buf(), problems }) }
    }

    /// Builds a catalog from TOML texts (used by tests and embedded defaults).
    pub fn from_texts(framework: &str, scales: &str, material: &str) -> Result<Catalog, CatalogError> {
        let parse =
            |name: &str, text: &str| CatalogError::Parse { path: PathBuf::from(name), message: text.to_string() };
        let catalog = Catalog {
            framework: toml::from_str(framework).map_err(|e| parse(FRAMEWORK_FILE, &e.to_string()))?,
            scales: toml::from_str(scales).map_err(|e| parse(SCALES_FILE, &e.to_string()))?,
            material: toml::from_str(material).map_err(|e| parse(MATERIAL_FILE, &e.to_string()))?,
            standards: None,
            imports: Vec::new(),
        };
        catalog.validated()
    }

    /// This catalog with the standards from the TOML text of
    /// [`STANDARDS_FILE`] (used by tests and embedded defaults).
    pub fn with_standards_text(self, text: &str) -> Result<Catalog, CatalogError> {
        let standards = toml::from_str(text)
            .map_err(|e| CatalogError::Parse { path: PathBuf::from(STANDARDS_FILE), message: e.to_string() })?;
        Catalog { standards: Some(standards), ..self }.validated()
    }

    fn validated(self) -> Result<Catalog, CatalogError> {
        let problems = validate::problems(&self);
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(CatalogError::Invalid { dir: PathBuf::from("<eingebettet>"), problems })
        }
    }

    /// All goals with their dimension, in catalog order.
    pub fn goals(&self) -> impl Iterator<Item = (&Dimension, &Goal)> {
        self.framework
            .dimensions
            .iter()
            .flat_map(|d| d.topics.iter().flat_map(move |t| t.goals.iter().map(move |g| (d, g))))
    }

    /// The dimension with this id.
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.framework.dimensions.iter().find(|d| d.id == id)
    }

    /// Finds a dimension by id ("QD3"), number ("3") or name ("Netzwerk").
    pub fn find_dimension(&self, text: &str) -> Option<&Dimension> {
        let key = fold_key(text);
        let key = key.strip_prefix("qd").unwrap_or(&key).trim().to_string();
        self.framework.dimensions.iter().find(|d| {
            key == d.nummer.to_string()
                || key == fold_key(&d.name)
                || key == format!("{} {}", d.nummer, fold_key(&d.name))
        })
    }

    /// The scale with this id (validated to exist for every use).
    pub fn scale(&self, id: &str) -> &Scale {
        self.scales.all.iter().find(|s| s.id == id).expect("scale ids are validated when the catalog is loaded")
    }

    /// Finds a sector by display name or id, leniently.
    pub fn find_sector(&self, text: &str) -> Option<&Sector> {
        let key = fold_key(text);
        self.material.sectors.iter().find(|s| fold_key(&s.name) == key || fold_key(&s.id) == key)
    }

    /// Finds a level by display name or id, leniently.
    pub fn find_level(&self, text: &str) -> Option<&Level> {
        let key = fold_key(text);
        self.material.levels.iter().find(|l| fold_key(&l.name) == key || fold_key(&l.id) == key)
    }

    /// Finds an action-plan status by display name or id, leniently.
    pub fn find_status(&self, text: &str) -> Option<&Status> {
        let key = fold_key(text);
        self.material.status.iter().find(|s| fold_key(&s.name) == key || fold_key(&s.id) == key)
    }

    /// The area (Bereich) of a sector id.
    pub fn area_of(&self, sector_id: &str) -> Option<&Area> {
        let sector = self.material.sectors.iter().find(|s| s.id == sector_id)?;
        self.material.areas.iter().find(|a| a.id == sector.bereich)
    }
}

fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, CatalogError> {
    let text = std::fs::read_to_string(path).map_err(|source| CatalogError::Io { path: path.to_path_buf(), source })?;
    toml::from_str(&text).map_err(|e| CatalogError::Parse { path: path.to_path_buf(), message: e.to_string() })
}
