//! Document data: turns the analyses into the JSON each Typst template
//! reads as `/data.json`, with the generated German sentences rendered from
//! the LaKo-editable Handlebars texts in `templates/texte/`.

pub mod comparison;
pub mod handout;

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::catalog::Catalog;
use crate::render::{RenderError, Texts};

/// German number with `digits` decimals: 3,5; −0,4; 1.234.
pub fn de_num(x: f64, digits: usize) -> String {
    let rounded = format!("{:.*}", digits, x.abs());
    let (int, frac) = rounded.split_once('.').unwrap_or((&rounded, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let negative = x < 0.0 && rounded.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if negative { "–" } else { "" };
    if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped},{frac}") }
}

/// German number with explicit sign for changes: +0,5; −0,4.
pub fn de_signed(x: f64, digits: usize) -> String {
    let text = de_num(x, digits);
    if text.starts_with('–') || de_num(x.abs(), digits).chars().all(|c| c == '0' || c == ',') {
        text
    } else {
        format!("+{text}")
    }
}

/// German date: 22.11.2026.
pub fn de_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// What every document needs besides its own data.
pub struct DocumentContext<'a> {
    /// The catalog.
    pub catalog: &'a Catalog,
    /// The texts.
    pub texts: &'a Texts,
    /// State name from the config.
    pub land: &'a str,
    /// Suppression threshold.
    pub min_n: usize,
    /// Print free text.
    pub print_free_text: bool,
    /// Reference date for overdue actions.
    pub reference_date: NaiveDate,
    /// Document date.
    pub date: NaiveDate,
}

impl DocumentContext<'_> {
    /// Metadata shared by every document: scale labels, rule texts, dates.
    pub fn meta(&self, year: i32) -> Result<Value, RenderError> {
        let c = self.catalog;
        let rating = c.scale(&c.scales.verwendung.befragung);
        let need = c.scale(&c.scales.verwendung.bedarf);
        let polarity = c.scale(&c.scales.verwendung.polaritaet);
        Ok(json!({
            "land": self.land,
            "jahr": year,
            "datum": self.date.to_string(),
            "stichtag": self.reference_date.to_string(),
            "min_n": self.min_n,
            "rahmen": c.framework.name,
            "skala": {
                "labels": rating.steps.iter().map(|s| s.label.clone()).collect::<Vec<_>>(),
                "min": rating.min(), "max": rating.max(), "top": rating.top,
            },
            "bedarf_skala": {
                "labels": need.steps.iter().map(|s| s.label.clone()).collect::<Vec<_>>(),
                "min": need.min(), "max": need.max(),
            },
            "polaritaet_skala": { "min": polarity.min(), "max": polarity.max() },
            "datenschutz": self.texts.render("datenschutz", &json!({
                "min_n": self.min_n, "freitext": self.print_free_text,
            }))?,
            "version": env!("CARGO_PKG_VERSION"),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_numbers() {
        assert_eq!(de_num(3.45, 1), "3,5");
        assert_eq!(de_num(1234.0, 0), "1.234");
        assert_eq!(de_num(-0.44, 1), "–0,4");
        assert_eq!(de_num(-0.04, 1), "0,0");
        assert_eq!(de_signed(0.5, 1), "+0,5");
        assert_eq!(de_signed(-0.5, 1), "–0,5");
        assert_eq!(de_date(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()), "02.11.2026");
    }
}
