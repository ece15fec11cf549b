//! The Excel summary of a year (`zusammenfassung.xlsx`) for the LaKo.
//!
//! Every sheet is an Excel table with a frozen header, a filter, column
//! widths and number formats. Suppressed values are empty cells carrying a
//! note ("zu wenige Angaben"), never zeros. The document's creation time is
//! fixed to the document date, so the same inputs give the same bytes.

mod sheets;
mod standards;
mod table;

use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};

use crate::analysis::YearReport;
use crate::catalog::Catalog;
use crate::diagnostics::Diagnostics;
use crate::format::excel_date;
use crate::settings::Settings;

/// What the summary needs besides the analyses.
pub struct SummaryContext<'a> {
    /// The catalog.
    pub catalog: &'a Catalog,
    /// Findings from reading the inputs.
    pub diagnostics: &'a Diagnostics,
    /// The run's settings: state name, `min_n`, dates.
    pub settings: &'a Settings,
}

/// Builds the summary workbook of one year and returns its bytes.
pub fn summary_workbook(report: &YearReport, ctx: &SummaryContext) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let properties = DocProperties::new()
        .set_title(format!("Zusammenfassung Frühe Hilfen {} – {}", report.year, ctx.settings.land))
        .set_author("qdfh")
        .set_creation_datetime(&excel_date(ctx.settings.document_date(report.year))?);
    workbook.set_properties(&properties);
    sheets::overview(&mut workbook, report)?;
    sheets::statements(&mut workbook, report)?;
    sheets::clusters(&mut workbook, report)?;
    sheets::polarity(&mut workbook, report)?;
    sheets::factors(&mut workbook, report)?;
    sheets::attendance(&mut workbook, report)?;
    sheets::feedback(&mut workbook, report)?;
    sheets::key_figures(&mut workbook, report)?;
    sheets::key_figure_series(&mut workbook, report)?;
    standards::standards(&mut workbook, report)?;
    sheets::actions(&mut workbook, report)?;
    sheets::check_report(&mut workbook, ctx.diagnostics)?;
    sheets::method(&mut workbook, report, ctx)?;
    workbook.save_to_buffer()
}
