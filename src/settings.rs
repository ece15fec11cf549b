//! The settings of a run, resolved once from `qdfh.toml`, the command line
//! and the environment, and passed as one value to every stage.

use chrono::NaiveDate;

use crate::analysis::suppress::CountRule;
use crate::config::Config;
use crate::render::{PdfProfile, RenderError, source_date};

/// Everything a run needs to know besides its inputs and templates.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Name of the state or region the reports are for.
    pub land: String,
    /// Smallest number of answers a figure is shown from.
    pub min_n: usize,
    /// Reference date for overdue actions; `None`: 31 December of the year.
    pub stichtag: Option<NaiveDate>,
    /// Print free-text answers.
    pub print_free_text: bool,
    /// How a small total of people is printed.
    pub small_totals: CountRule,
    /// How a small group of people is printed.
    pub small_groups: CountRule,
    /// The standards every PDF conforms to.
    pub pdf: PdfProfile,
    /// Date every document carries; `None`: 31 December of its year.
    pub document_date: Option<NaiveDate>,
}

impl Settings {
    /// Resolves the settings from the project's configuration, a PDF profile
    /// given on the command line (it wins over `bericht.pdf`) and
    /// `SOURCE_DATE_EPOCH` for the document date.
    pub fn resolve(config: &Config, pdf_override: Option<&str>) -> Result<Settings, RenderError> {
        let pdf = pdf_override.unwrap_or(&config.bericht.pdf).parse()?;
        Ok(Settings {
            land: config.land.clone(),
            min_n: config.datenschutz.min_n as usize,
            stichtag: config.bericht.stichtag,
            print_free_text: config.datenschutz.freitext_drucken,
            small_totals: config.datenschutz.anzahl_gesamt,
            small_groups: config.datenschutz.anzahl_gruppen,
            pdf,
            document_date: source_date(),
        })
    }

    /// Settings with the defaults of `qdfh.toml` and fixed dates, for tests
    /// and benchmarks that must not depend on the environment.
    pub fn fixed(land: &str, min_n: usize, document_date: NaiveDate) -> Settings {
        Settings {
            land: land.to_string(),
            min_n,
            stichtag: None,
            print_free_text: false,
            small_totals: CountRule::Zeigen,
            small_groups: CountRule::WenigerAls,
            pdf: PdfProfile::default(),
            document_date: Some(document_date),
        }
    }

    /// The reference date for overdue actions of `year`.
    pub fn reference_date(&self, year: i32) -> NaiveDate {
        self.stichtag.unwrap_or_else(|| year_end(year))
    }

    /// The date the documents of `year` carry.
    pub fn document_date(&self, year: i32) -> NaiveDate {
        self.document_date.unwrap_or_else(|| year_end(year))
    }
}

/// 31 December of a year.
pub fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists in every year")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_command_line_profile_wins_over_the_config() {
        let config = Config::default();
        assert_eq!(Settings::resolve(&config, None).unwrap().pdf, PdfProfile::UaA2a);
        assert_eq!(Settings::resolve(&config, Some("a3b")).unwrap().pdf, PdfProfile::A3b);
        assert!(Settings::resolve(&config, Some("a1b")).is_err());
    }

    #[test]
    fn dates_default_to_the_end_of_the_year() {
        let mut settings = Settings::fixed("Testland", 5, ymd(2026, 11, 22));
        assert_eq!(settings.reference_date(2025), ymd(2025, 12, 31));
        assert_eq!(settings.document_date(2025), ymd(2026, 11, 22));
        settings.stichtag = Some(ymd(2026, 6, 30));
        settings.document_date = None;
        assert_eq!(settings.reference_date(2025), ymd(2026, 6, 30));
        assert_eq!(settings.document_date(2025), ymd(2025, 12, 31));
    }
}
