//! A municipality's standing against the quality standards: which minimum
//! requirements are met and which steps beyond them are reached. These are
//! statements about structures, not answers of people, so no `min_n`
//! suppression applies.

use serde::Serialize;

use crate::catalog::{Catalog, StandardLevel, StandardRating, Standards};
use crate::model::StandardsAssessment;

/// One rated standard, with everything a report prints about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatedStandard {
    /// Standard id, e.g. "S3.1".
    pub id: String,
    /// Topic label, e.g. "S3 Angebote für Familien".
    pub topic: String,
    /// Wording.
    pub text: String,
    /// Minimum requirement or "das Mehr".
    pub level: StandardLevel,
    /// Level label, e.g. "Mindestvoraussetzung".
    pub level_label: String,
    /// Dimension label, e.g. "QD3 Netzwerk".
    pub dimension: String,
    /// The rating.
    pub rating: StandardRating,
    /// Its label, e.g. "teilweise".
    pub rating_label: String,
}

/// How one level's standards are met.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LevelCount {
    /// Rated "erfüllt".
    pub met: usize,
    /// Rated anything but "nicht zutreffend": the base of the share.
    pub applicable: usize,
    /// Rated "nicht zutreffend", left out of the base.
    pub not_applicable: usize,
    /// `met / applicable`, between 0 and 1; `None` when none applies.
    pub share: Option<f64>,
}

/// The standards of one municipality and year.
#[derive(Debug, Clone, Serialize)]
pub struct StandardsResult {
    /// Minimum requirements.
    pub minimum: LevelCount,
    /// Steps beyond the minimum ("das Mehr").
    pub beyond: LevelCount,
    /// Minimum requirements rated "teilweise" or "nicht erfüllt", in
    /// catalog order.
    pub minimum_open: Vec<RatedStandard>,
    /// "Mehr" steps rated "erfüllt", in catalog order.
    pub beyond_reached: Vec<RatedStandard>,
    /// Every standard with its rating, in catalog order.
    pub items: Vec<RatedStandard>,
}

/// Analyses one Standards workbook against the catalog's standards.
pub fn analyse_standards(
    assessment: &StandardsAssessment,
    standards: &Standards,
    catalog: &Catalog,
) -> StandardsResult {
    let items: Vec<RatedStandard> = standards
        .items()
        .filter_map(|(topic, item)| {
            let rating = *assessment.ratings.get(&item.id)?;
            Some(RatedStandard {
                id: item.id.clone(),
                topic: format!("{} {}", topic.id, topic.titel),
                text: item.text.clone(),
                level: item.stufe,
                level_label: item.stufe.label().to_string(),
                dimension: catalog.dimension(&item.dimension).map_or_else(|| item.dimension.clone(), |d| d.label()),
                rating,
                rating_label: rating.label().to_string(),
            })
        })
        .collect();
    let of_level = |level: StandardLevel| items.iter().filter(move |i| i.level == level);
    let open = |i: &&RatedStandard| matches!(i.rating, StandardRating::Partly | StandardRating::NotMet);
    StandardsResult {
        minimum: count(of_level(StandardLevel::Mindest)),
        beyond: count(of_level(StandardLevel::Mehr)),
        minimum_open: of_level(StandardLevel::Mindest).filter(open).cloned().collect(),
        beyond_reached: of_level(StandardLevel::Mehr).filter(|i| i.rating == StandardRating::Met).cloned().collect(),
        items,
    }
}

fn count<'a>(items: impl Iterator<Item = &'a RatedStandard>) -> LevelCount {
    let (mut met, mut applicable, mut not_applicable) = (0, 0, 0);
    for item in items {
        match item.rating {
            StandardRating::NotApplicable => not_applicable += 1,
            StandardRating::Met => {
                met += 1;
                applicable += 1
            }
            StandardRating::Partly | StandardRating::NotMet => applicable += 1,
        }
    }
    let share = (applicable > 0).then(|| met as f64 / applicable as f64);
    LevelCount { met, applicable, not_applicable, share }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rated(rating: StandardRating) -> RatedStandard {
        RatedStandard {
            id: "S1.1".into(),
            topic: "S1".into(),
            text: String::new(),
            level: StandardLevel::Mindest,
            level_label: String::new(),
            dimension: String::new(),
            rating,
            rating_label: String::new(),
        }
    }

    #[test]
    fn not_applicable_is_left_out_of_the_base() {
        use StandardRating::*;
        let items: Vec<RatedStandard> = [Met, Met, Partly, NotApplicable].map(rated).to_vec();
        let c = count(items.iter());
        assert_eq!((c.met, c.applicable, c.not_applicable), (2, 3, 1));
        assert_eq!(c.share, Some(2.0 / 3.0));
        assert_eq!(count([rated(NotApplicable)].iter()).share, None);
    }
}
