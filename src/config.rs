//! The project configuration file `qdfh.toml`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::analysis::suppress::CountRule;

/// Name of the configuration file in the project root.
pub const CONFIG_FILE: &str = "qdfh.toml";

/// The lowest `min_n` qdfh accepts: German practice never shows fewer than 3.
pub const MIN_N_FLOOR: u32 = 3;

/// Project settings, all with defaults.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Name of the state or region the reports are for.
    pub land: String,
    /// Data-protection settings.
    pub datenschutz: Privacy,
    /// Report settings.
    pub bericht: ReportSettings,
    /// Folders, relative to the project root.
    pub ordner: Folders,
}

/// Data-protection settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Privacy {
    /// Smallest number of answers a figure is shown from (default 5, ≥ 3).
    pub min_n: u32,
    /// Print free-text answers (personal data). Default: no.
    pub freitext_drucken: bool,
    /// A total of people (respondents, participants) below `min_n`:
    /// "zeigen" (default) or "weniger_als".
    pub anzahl_gesamt: CountRule,
    /// People per group (level, area, sector) below `min_n`: "weniger_als"
    /// (default, with complementary suppression) or "zeigen".
    pub anzahl_gruppen: CountRule,
}

/// Report settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportSettings {
    /// Reference date for overdue actions; default 31 Dec of the report year.
    pub stichtag: Option<NaiveDate>,
    /// PDF profile: "ua-a2a" (default), "plain", "a2b", "a3b".
    pub pdf: String,
}

/// Folders of a project.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Folders {
    /// Templates, catalog, texts and fonts.
    pub vorlagen: PathBuf,
    /// Input workbooks.
    pub eingaben: PathBuf,
    /// Generated reports.
    pub ausgabe: PathBuf,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            land: "Beispielland".into(),
            datenschutz: Privacy::default(),
            bericht: ReportSettings::default(),
            ordner: Folders::default(),
        }
    }
}

impl Default for Privacy {
    fn default() -> Self {
        Privacy {
            min_n: 5,
            freitext_drucken: false,
            anzahl_gesamt: CountRule::Zeigen,
            anzahl_gruppen: CountRule::WenigerAls,
        }
    }
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings { stichtag: None, pdf: "ua-a2a".into() }
    }
}

impl Default for Folders {
    fn default() -> Self {
        Folders { vorlagen: "templates".into(), eingaben: "inputs".into(), ausgabe: "output".into() }
    }
}

/// An unusable configuration.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: kann nicht gelesen werden: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Not valid TOML or an unknown key.
    #[error("{path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// TOML's message with line and column.
        message: String,
    },
    /// A value is out of range.
    #[error("{path}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong, in German.
        message: String,
    },
}

impl Config {
    /// Reads `qdfh.toml` from the project root; defaults when it is absent.
    pub fn load(root: &Path) -> Result<Config, ConfigError> {
        let path = root.join(CONFIG_FILE);
        if !path.exists() {
            return Ok(Config::default());
        }
        let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Io { path: path.clone(), source })?;
        Config::parse(&text, &path)
    }

    /// Parses and checks a configuration text.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text)
            .map_err(|e| ConfigError::Parse { path: path.to_path_buf(), message: e.to_string() })?;
        if config.datenschutz.min_n < MIN_N_FLOOR {
            return Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                message: format!(
                    "datenschutz.min_n = {} ist zu klein: Werte unter {MIN_N_FLOOR} sind nicht erlaubt (Standard: 5)",
                    config.datenschutz.min_n
                ),
            });
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_when_keys_are_missing() {
        let c = Config::parse("land = \"Testland\"", Path::new("qdfh.toml")).unwrap();
        assert_eq!(c.datenschutz.min_n, 5);
        assert!(!c.datenschutz.freitext_drucken);
        assert_eq!(c.land, "Testland");
    }

    #[test]
    fn min_n_below_three_is_refused() {
        let err = Config::parse("[datenschutz]\nmin_n = 2", Path::new("qdfh.toml")).unwrap_err();
        assert!(err.to_string().contains("min_n = 2 ist zu klein"), "{err}");
        assert!(Config::parse("[datenschutz]\nmin_n = 3", Path::new("qdfh.toml")).is_ok());
    }

    #[test]
    fn rules_for_small_counts_are_read_and_checked() {
        let c = Config::parse("", Path::new("qdfh.toml")).unwrap();
        assert_eq!(
            (c.datenschutz.anzahl_gesamt, c.datenschutz.anzahl_gruppen),
            (CountRule::Zeigen, CountRule::WenigerAls)
        );
        let text = "[datenschutz]\nanzahl_gesamt = \"weniger_als\"\nanzahl_gruppen = \"zeigen\"";
        let c = Config::parse(text, Path::new("qdfh.toml")).unwrap();
        assert_eq!(
            (c.datenschutz.anzahl_gesamt, c.datenschutz.anzahl_gruppen),
            (CountRule::WenigerAls, CountRule::Zeigen)
        );
        let err = Config::parse("[datenschutz]\nanzahl_gruppen = \"immer\"", Path::new("qdfh.toml")).unwrap_err();
        assert!(err.to_string().contains("weniger_als"), "{err}");
    }
}
