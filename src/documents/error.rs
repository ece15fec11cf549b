//! Why a document could not be made.

use std::path::PathBuf;

use crate::render::RenderError;

fn rejected_message(file: &std::path::Path, unreadable: bool) -> String {
    if unreadable {
        format!(
            "die Eingabedatei {} ist nicht lesbar und könnte die fehlende Befragung oder Werkstatt dieser Kommune sein (siehe oben)",
            file.display()
        )
    } else {
        format!("die Eingabedatei {} enthält Fehler (siehe oben)", file.display())
    }
}

/// A document that cannot be made; the Display is the German message.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// A workbook this document depends on (or may depend on, when it could
    /// not be read) was left out for its errors.
    #[error("{}", rejected_message(file, *unreadable))]
    RejectedInput {
        /// The workbook.
        file: PathBuf,
        /// It could not be read far enough to know what it holds.
        unreadable: bool,
    },
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
