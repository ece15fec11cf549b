//! Answer scales and lenient matching of answer text.

use serde::{Deserialize, Serialize};

use crate::model::Answer;

/// One step of a scale.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleStep {
    /// The numeric value, as typed in a form.
    pub wert: u8,
    /// The label, as chosen from a drop-down.
    pub label: String,
}

/// An answer scale, e.g. six-point agreement.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// How many top steps form the "Top" share (Top-2).
    pub top: usize,
    /// Answers that mean "weiß nicht / keine Angabe"; never counted as values.
    pub weiss_nicht: Vec<String>,
    /// The steps from lowest to highest.
    #[serde(rename = "stufe")]
    pub steps: Vec<ScaleStep>,
}

impl Scale {
    /// Lowest value.
    pub fn min(&self) -> u8 {
        self.steps.iter().map(|s| s.wert).min().unwrap_or(0)
    }

    /// Highest value.
    pub fn max(&self) -> u8 {
        self.steps.iter().map(|s| s.wert).max().unwrap_or(0)
    }

    /// Values counted in the top share (the `top` highest steps).
    pub fn top_values(&self) -> Vec<u8> {
        let mut values: Vec<u8> = self.steps.iter().map(|s| s.wert).collect();
        values.sort_unstable();
        values.into_iter().rev().take(self.top).collect()
    }

    /// The label of a value.
    pub fn label(&self, value: u8) -> Option<&str> {
        self.steps.iter().find(|s| s.wert == value).map(|s| s.label.as_str())
    }

    /// The label used in forms for "weiß nicht".
    pub fn dont_know_label(&self) -> &str {
        self.weiss_nicht.first().map(String::as_str).unwrap_or("weiß nicht")
    }

    /// Reads an answer typed as text: a label in any case, a number, or a
    /// "weiß nicht" label. Blank text is [`Answer::Blank`]. `None` means the
    /// text is not a valid answer on this scale.
    pub fn parse_text(&self, text: &str) -> Option<Answer> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Some(Answer::Blank);
        }
        let key = fold_key(trimmed);
        if self.weiss_nicht.iter().any(|w| fold_key(w) == key) {
            return Some(Answer::DontKnow);
        }
        if let Some(step) = self.steps.iter().find(|s| fold_key(&s.label) == key) {
            return Some(Answer::Value(step.wert));
        }
        // "5 - stimme zu" or "5 stimme zu": a leading number that agrees with the label.
        let number: String = trimmed.chars().take_while(|c| c.is_ascii_digit()).collect();
        let rest = trimmed[number.len()..].trim_start_matches([' ', '-', '–', '=', ':', '.']);
        let value = number.parse::<u8>().ok()?;
        let step = self.steps.iter().find(|s| s.wert == value)?;
        (rest.is_empty() || fold_key(rest) == fold_key(&step.label)).then_some(Answer::Value(value))
    }

    /// Reads an answer stored as a number; only exact scale values are valid.
    pub fn parse_number(&self, number: f64) -> Option<Answer> {
        if number.fract() != 0.0 || !(0.0..=255.0).contains(&number) {
            return None;
        }
        let value = number as u8;
        self.steps.iter().any(|s| s.wert == value).then_some(Answer::Value(value))
    }

    /// What is allowed, in German, e.g.
    /// "1–6, stimme gar nicht zu … stimme voll zu, weiß nicht".
    pub fn allowed_description(&self) -> String {
        let first = self.steps.first().map(|s| s.label.as_str()).unwrap_or("");
        let last = self.steps.last().map(|s| s.label.as_str()).unwrap_or("");
        format!("{}–{}, {first} … {last}, {}", self.min(), self.max(), self.dont_know_label())
    }
}

/// Folds text for lenient comparison: lower case, trimmed, inner white space
/// collapsed, "ß" as "ss" and umlauts as "ae", "oe", "ue", so that
/// "Maßnahme", "MASSNAHME " and "massnahme" are the same key.
pub fn fold_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            match c {
                'ß' => out.push_str("ss"),
                'ä' => out.push_str("ae"),
                'ö' => out.push_str("oe"),
                'ü' => out.push_str("ue"),
                '\u{a0}' => out.push(' '),
                _ => out.push(c),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agreement() -> Scale {
        Scale {
            id: "zustimmung".into(),
            name: "Zustimmung".into(),
            top: 2,
            weiss_nicht: vec!["weiß nicht".into(), "keine Angabe".into()],
            steps: (1..=6)
                .map(|v| ScaleStep { wert: v, label: format!("stufe {v}") })
                .chain(std::iter::empty())
                .collect(),
        }
    }

    #[test]
    fn fold_key_is_lenient_about_case_space_and_umlauts() {
        assert_eq!(fold_key("  Maßnahme  "), "massnahme");
        assert_eq!(fold_key("MASSNAHME"), "massnahme");
        assert_eq!(fold_key("Bereich   Ärzte"), "bereich aerzte");
        assert_eq!(fold_key("Zurückgestellt"), fold_key("zurueckgestellt"));
    }

    #[test]
    fn parse_text_accepts_labels_numbers_and_dont_know() {
        let s = agreement();
        assert_eq!(s.parse_text("Stufe 3"), Some(Answer::Value(3)));
        assert_eq!(s.parse_text("4"), Some(Answer::Value(4)));
        assert_eq!(s.parse_text("5 - stufe 5"), Some(Answer::Value(5)));
        assert_eq!(s.parse_text("WEISS NICHT"), Some(Answer::DontKnow));
        assert_eq!(s.parse_text("  "), Some(Answer::Blank));
        assert_eq!(s.parse_text("vielleicht"), None);
        assert_eq!(s.parse_text("7"), None);
        assert_eq!(s.parse_text("5 - stufe 2"), None);
    }

    #[test]
    fn parse_number_accepts_only_scale_values() {
        let s = agreement();
        assert_eq!(s.parse_number(6.0), Some(Answer::Value(6)));
        assert_eq!(s.parse_number(0.0), None);
        assert_eq!(s.parse_number(2.5), None);
        assert_eq!(s.top_values(), vec![6, 5]);
    }
}
