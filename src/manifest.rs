//! The record of what a build wrote, kept in the output folder
//! (`.qdfh-stand.json`), so the next build compiles only what changed.
//!
//! Per output file it records the input key (data, settings, qdfh's
//! version), the template files and fonts typst read with their hashes, the
//! hash of the file as written and the warnings it was made with. A document
//! is current when all of these still hold; anything else (a missing or
//! unreadable record, a file edited by hand) means it is made again.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::files::write_atomically;
use crate::render::{Dependencies, Engine, content_hash};

/// The record's file name in the output folder.
pub const FILE_NAME: &str = ".qdfh-stand.json";

/// Changes whenever the record's meaning changes; an older record is ignored.
const FORMAT: u32 = 1;

/// What the last builds wrote, by output path (relative, with `/`).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    format: u32,
    /// One entry per output file.
    pub entries: BTreeMap<String, Entry>,
}

/// How one output file was made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// The report year.
    pub year: i32,
    /// The document's title, for messages about a file that is no longer planned.
    pub title: String,
    /// The input key (see [`crate::documents::Prepared::input_key`]).
    pub input: String,
    /// Template files and fonts read, with their hashes.
    pub dependencies: Dependencies,
    /// The hash of the file as written.
    pub output: String,
    /// The warnings it was made with, shown again while it stays current.
    pub warnings: String,
}

/// Why a document has to be made (again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stale {
    /// Never made, or its record is gone.
    New,
    /// Its data, settings or qdfh's version changed.
    Inputs,
    /// A template file or font it read changed.
    Templates,
    /// The output file is missing.
    Missing,
    /// The output file differs from what was written (edited by hand).
    Edited,
}

impl Stale {
    /// German reason, for `qdfh build --check`.
    pub fn reason(self) -> &'static str {
        match self {
            Stale::New => "noch nicht erstellt",
            Stale::Inputs => "Eingaben geändert",
            Stale::Templates => "Vorlage geändert",
            Stale::Missing => "Datei fehlt",
            Stale::Edited => "Datei wurde verändert",
        }
    }
}

impl Manifest {
    /// The record of `output_dir`; empty when there is none or it cannot be
    /// read (then everything is made again, which is always correct).
    pub fn load(output_dir: &Path) -> Manifest {
        std::fs::read(output_dir.join(FILE_NAME))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
            .filter(|m| m.format == FORMAT)
            .unwrap_or_default()
    }

    /// Writes the record atomically.
    pub fn save(&mut self, output_dir: &Path) -> std::io::Result<()> {
        self.format = FORMAT;
        let bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        write_atomically(&output_dir.join(FILE_NAME), &bytes)
    }

    /// Whether the document at `path` (relative to `output_dir`) with
    /// `input_key` is current, and if not, why.
    pub fn check(&self, output_dir: &Path, path: &str, input_key: &str, engine: &Engine) -> Result<&Entry, Stale> {
        let entry = self.entries.get(path).ok_or(Stale::New)?;
        if entry.input != input_key {
            return Err(Stale::Inputs);
        }
        if !engine.unchanged(&entry.dependencies) {
            return Err(Stale::Templates);
        }
        let bytes = std::fs::read(output_dir.join(path)).map_err(|_| Stale::Missing)?;
        if content_hash(&bytes) != entry.output {
            return Err(Stale::Edited);
        }
        Ok(entry)
    }
}

/// The manifest key of an output path: relative, with `/` on every system.
pub fn key(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
