//! The library of documents: what a run writes, planned as values.
//!
//! A run is a list of [`Document`]s per year. Each knows its [`Kind`], year,
//! subject, title and output path, and makes its bytes on demand from the
//! year's [`YearContext`]. Commands (build, and later watch and serve),
//! benchmarks and tests all plan and make documents through this module;
//! they only decide where the bytes go. A new kind of document is one module
//! implementing [`Kind`], listed in [`KINDS`], plus its template.
//!
//! Every Typst template receives one typed data tree as `/data.json`
//! (`HandoutData`, `PosterData`, `ClusterData`, `StateData`), with English keys, and every
//! suppressed value in it is a [`crate::analysis::suppress::Gate`].
//! `docs/vorlagendaten.md` documents the shapes; a test keeps it true.

pub mod cluster;
mod context;
mod error;
pub mod handout;
mod made;
mod names;
pub mod poster;
pub mod standards;
pub mod state;
pub mod summary;

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

pub use self::context::{Meta, YearContext};
pub use self::error::DocumentError;
pub use self::made::{Made, Prepared};
pub use self::names::{clashes, output_key};
use crate::render::Engine;

/// A kind of document: which documents of it a year has, and how one is made.
pub trait Kind: Sync {
    /// A short English name, e.g. `handout`, used in identifiers.
    fn name(&self) -> &'static str;

    /// The documents of this kind in `year`, in a stable order.
    fn plan(&self, year: &YearContext) -> Result<Vec<Document>, DocumentError>;

    /// The content of `document`, one of the documents [`Kind::plan`] returned.
    fn content(&self, document: &Document, year: &YearContext) -> Result<Content, DocumentError>;
}

/// Every kind of document, in the order a build writes them.
pub static KINDS: [&dyn Kind; 5] =
    [&handout::Handout, &poster::Poster, &cluster::Cluster, &state::State, &summary::Summary];

/// Whom or what a document is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    /// A municipality, by id.
    Municipality(String),
    /// A cluster, by name.
    Cluster(String),
    /// The whole state.
    State,
}

/// One planned document.
#[derive(Clone)]
pub struct Document {
    /// What kind of document it is.
    pub kind: &'static dyn Kind,
    /// The report year.
    pub year: i32,
    /// Whom it is about.
    pub subject: Subject,
    /// How messages name it, in German: "Handout Auenfeld 2026".
    pub title: String,
    /// Where it goes, relative to the output folder.
    pub output: PathBuf,
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("kind", &self.kind.name())
            .field("year", &self.year)
            .field("subject", &self.subject)
            .field("output", &self.output)
            .finish()
    }
}

/// What a document is made of before it becomes bytes.
pub enum Content {
    /// A Typst template compiled with its data.
    Pdf(PdfJob),
    /// A file made only when needed, e.g. an Excel workbook: `key` holds
    /// everything its bytes are made from, so an incremental build can tell
    /// it is unchanged without making it.
    File { key: Vec<u8>, make: FileMaker },
}

/// Makes the bytes of a [`Content::File`].
pub type FileMaker = Box<dyn FnOnce() -> Result<Vec<u8>, DocumentError>>;

/// A Typst template, its data and what the PDF carries besides.
pub struct PdfJob {
    /// The template, relative to the templates folder.
    pub template: &'static str,
    /// The template's `/data.json`.
    pub data: serde_json::Value,
    /// A file to embed where the PDF profile allows it: (name, bytes).
    pub attachment: Option<(String, Vec<u8>)>,
}

impl PdfJob {
    /// A job for `template` with `data` serialised as its `/data.json`.
    pub fn new(template: &'static str, data: &impl Serialize) -> Result<PdfJob, DocumentError> {
        Ok(PdfJob { template, data: serde_json::to_value(data)?, attachment: None })
    }
}

impl Document {
    /// A stable identifier across runs, e.g. `qdfh-handout-auenfeld-2026`;
    /// it becomes the PDF's document ID.
    pub fn ident(&self) -> String {
        let kind = self.kind.name();
        match &self.subject {
            Subject::Municipality(id) | Subject::Cluster(id) => format!("qdfh-{kind}-{id}-{}", self.year),
            Subject::State => format!("qdfh-{kind}-{}", self.year),
        }
    }

    /// Makes the document's bytes.
    pub fn make(&self, year: &YearContext, engine: &Engine) -> Result<Made, DocumentError> {
        self.prepare(year, engine)?.make(engine)
    }
}
