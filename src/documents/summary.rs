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
        // The workbook is a function of these four (and qdfh's version).
        let (report, catalog, diagnostics, settings) =
            (year.report.clone(), year.catalog.clone(), year.diagnostics.clone(), year.settings.clone());
        let mut key = serde_json::to_vec(&(&report, &catalog, &diagnostics))?;
        key.extend(format!("{settings:?}").into_bytes());
        let make = move || {
            let ctx = SummaryContext { catalog: &catalog, diagnostics: &diagnostics, settings: &settings };
            Ok(summary_workbook(&report, &ctx)?)
        };
        Ok(Content::File { key, make: Box::new(make) })
    }
}
