//! Why a document could not be made.

use std::path::PathBuf;

use crate::render::RenderError;

/// A document that cannot be made; the Display is the German message.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// A workbook this document depends on was left out for its errors.
    #[error("die Eingabedatei {} enthält Fehler (siehe oben)", .0.display())]
    RejectedInput(PathBuf),
    /// A template or text failed.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The Excel workbook could not be written.
    #[error("Excel-Arbeitsmappe kann nicht erstellt werden: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
    /// The document's data could not be turned into JSON.
    #[error("die Daten des Dokuments lassen sich nicht als JSON darstellen: {0}")]
    Data(#[from] serde_json::Error),
}
