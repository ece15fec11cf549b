//! The Excel summary of a year for the LaKo (`zusammenfassung.xlsx`).

use super::{Content, Document, DocumentError, Kind, Subject, YearContext};
use crate::export::{SummaryContext, summary_workbook};

/// The summary-workbook kind: one per year.
pub struct Summary;

impl Kind for Summary {
    fn name(&self) -> &'static str {
        "zusammenfassung"
    }

    fn plan(&self, year: &YearContext) -> Result<Vec<Document>, DocumentError> {
        let y = year.year();
        Ok(vec![Document {
            kind: &Summary,
            year: y,
            subject: Subject::State,
            title: format!("Excel-Zusammenfassung {y}"),
            output: format!("{y}/zusammenfassung.xlsx").into(),
        }])
    }

    fn content(&self, _document: &Document, year: &YearContext) -> Result<Content, DocumentError> {
        let ctx = SummaryContext { catalog: year.catalog, diagnostics: year.diagnostics, settings: year.settings };
        Ok(Content::File(summary_workbook(&year.report, &ctx)?))
    }
}
