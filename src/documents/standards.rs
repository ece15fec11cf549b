//! The share of minimum requirements met per municipality, as the cluster
//! comparison and the state overview print it.

use serde::Serialize;

use crate::analysis::{MunicipalityReport, YearReport};

/// One municipality's minimum requirements; the counts are `None` when it
/// sent no (valid) Standards workbook, printed as "–".
#[derive(Debug, Serialize)]
pub struct StandardsRow {
    /// Municipality name.
    pub name: String,
    /// Minimum requirements rated "erfüllt".
    pub met: Option<usize>,
    /// Minimum requirements not rated "nicht zutreffend".
    pub applicable: Option<usize>,
    /// `met / applicable` (0–1).
    pub share: Option<f64>,
}

/// A row per member, in the order given; `None` when no municipality of
/// the year sent a Standards workbook (always so when the catalog has no
/// standards), so the documents leave the section out.
pub fn standards_rows<'a>(
    members: impl Iterator<Item = &'a MunicipalityReport>,
    year: &YearReport,
) -> Option<Vec<StandardsRow>> {
    if !year.municipalities.iter().any(|m| m.standards.is_some()) {
        return None;
    }
    let rows = members
        .map(|m| {
            let minimum = m.standards.as_ref().map(|s| s.minimum);
            StandardsRow {
                name: m.name.clone(),
                met: minimum.map(|c| c.met),
                applicable: minimum.map(|c| c.applicable),
                share: minimum.and_then(|c| c.share),
            }
        })
        .collect();
    Some(rows)
}
