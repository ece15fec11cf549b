//! Quality standards (`standards.toml`): items grouped by topic, each a
//! minimum requirement (Mindestvoraussetzung) or a step beyond it (das
//! Mehr), linked to a quality dimension. The file is optional: without it
//! a project has no Standards form and no standards in its reports.

use serde::{Deserialize, Serialize};

use super::fold_key;

/// The standards file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standards {
    /// Topics in catalog order.
    #[serde(rename = "thema")]
    pub topics: Vec<StandardTopic>,
}

/// A topic (Thema) of the standards.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardTopic {
    /// Stable id, e.g. "S3".
    pub id: String,
    /// Title.
    pub titel: String,
    /// Its standards.
    #[serde(rename = "standard")]
    pub items: Vec<StandardItem>,
}

/// One standard.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardItem {
    /// Stable id, e.g. "S3.1"; column A of the Standards form.
    pub id: String,
    /// Wording.
    pub text: String,
    /// Minimum requirement or "das Mehr".
    pub stufe: StandardLevel,
    /// Id of the quality dimension it belongs to, e.g. "QD3".
    pub dimension: String,
}

/// The two levels of a standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StandardLevel {
    /// Mindestvoraussetzung.
    Mindest,
    /// Das Mehr: a step beyond the minimum.
    Mehr,
}

impl StandardLevel {
    /// The label forms and reports print.
    pub fn label(self) -> &'static str {
        match self {
            StandardLevel::Mindest => "Mindestvoraussetzung",
            StandardLevel::Mehr => "das Mehr",
        }
    }
}

/// How far a standard is met. A fixed set rather than a catalog scale:
/// the reports count "erfüllt" and leave "nicht zutreffend" out, which a
/// freely editable scale could not promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StandardRating {
    /// erfüllt
    Met,
    /// teilweise
    Partly,
    /// nicht erfüllt
    NotMet,
    /// nicht zutreffend: left out of every count.
    NotApplicable,
}

impl StandardRating {
    /// All ratings in drop-down order.
    pub const ALL: [StandardRating; 4] =
        [StandardRating::Met, StandardRating::Partly, StandardRating::NotMet, StandardRating::NotApplicable];

    /// The label chosen in forms and printed in reports.
    pub fn label(self) -> &'static str {
        match self {
            StandardRating::Met => "erfüllt",
            StandardRating::Partly => "teilweise",
            StandardRating::NotMet => "nicht erfüllt",
            StandardRating::NotApplicable => "nicht zutreffend",
        }
    }

    /// Reads a label leniently (case, spaces, umlauts).
    pub fn parse(text: &str) -> Option<StandardRating> {
        let key = fold_key(text);
        Self::ALL.into_iter().find(|r| fold_key(r.label()) == key)
    }

    /// "erfüllt, teilweise, nicht erfüllt, nicht zutreffend", for messages.
    pub fn allowed() -> String {
        Self::ALL.map(StandardRating::label).join(", ")
    }
}

impl Standards {
    /// Every standard with its topic, in catalog order.
    pub fn items(&self) -> impl Iterator<Item = (&StandardTopic, &StandardItem)> {
        self.topics.iter().flat_map(|t| t.items.iter().map(move |i| (t, i)))
    }

    /// The standard with this id and its topic.
    pub fn item(&self, id: &str) -> Option<(&StandardTopic, &StandardItem)> {
        self.items().find(|(_, i)| i.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_read_leniently() {
        assert_eq!(StandardRating::parse(" Nicht  Erfuellt "), Some(StandardRating::NotMet));
        assert_eq!(StandardRating::parse("erfüllt"), Some(StandardRating::Met));
        assert_eq!(StandardRating::parse("ja"), None);
        assert_eq!(StandardRating::allowed(), "erfüllt, teilweise, nicht erfüllt, nicht zutreffend");
    }
}
