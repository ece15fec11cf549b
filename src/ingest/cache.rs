//! Parsed workbooks kept between builds, so a run where little changed does
//! not parse every workbook again.
//!
//! An entry is found by everything its reading depends on: the file's path
//! and content hash (never the path alone, nor size and time alone), the
//! catalog, the register of municipalities the file is checked against,
//! where the file lies and what was read of it. A changed Stammdaten thus
//! reads every workbook again, which is always correct.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::file::{FileResult, Place, Want, read_file};
use super::register::Register;
use crate::catalog::Catalog;
use crate::files::write_atomically;
use crate::render::content_hash;

/// Parsed workbooks by key; loaded from and saved to one file.
#[derive(Default)]
pub struct WorkbookCache {
    /// Entries from the last run.
    known: HashMap<String, FileResult>,
    /// Entries used or made in this run: the next run's cache.
    used: Mutex<HashMap<String, FileResult>>,
}

/// Changes whenever the cached types change; an older cache is ignored.
const FORMAT: &str = "qdfh-eingaben-3";

impl WorkbookCache {
    /// The cache saved at `path`; empty when missing, unreadable or from
    /// another version of qdfh.
    pub fn load(path: &Path) -> WorkbookCache {
        let known = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<(String, HashMap<String, FileResult>)>(&bytes).ok())
            .filter(|(format, _)| format == &versioned_format())
            .map(|(_, entries)| entries)
            .unwrap_or_default();
        WorkbookCache { known, ..WorkbookCache::default() }
    }

    /// Saves the entries of this run (older ones are dropped).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let used = self.used.lock().expect("cache lock");
        let bytes = serde_json::to_vec(&(versioned_format(), &*used)).map_err(std::io::Error::other)?;
        write_atomically(path, &bytes)
    }

    /// Reads `files` like [`read_file`] (in parallel), taking unchanged
    /// ones from the cache. The context of the reading (catalog, register,
    /// place) is hashed once for all of them.
    pub(super) fn read_all(
        &self,
        files: &[PathBuf],
        catalog: &Catalog,
        register: &Register,
        place: Place,
        want: Want,
    ) -> Vec<FileResult> {
        let catalog_json = serde_json::to_vec(catalog).unwrap_or_default();
        let context_json = serde_json::to_vec(&(register, place, want)).unwrap_or_default();
        let context = format!("{}|{}", content_hash(&catalog_json), content_hash(&context_json));
        files
            .par_iter()
            .map(|file| {
                // A file that cannot be read is read uncached, to report why.
                let Ok(bytes) = std::fs::read(file) else { return read_file(file, catalog, register, place, want) };
                let key = format!("{}|{}|{context}", file.display(), content_hash(&bytes));
                let result = match self.known.get(&key) {
                    Some(found) => found.clone(),
                    None => read_file(file, catalog, register, place, want),
                };
                self.used.lock().expect("cache lock").insert(key, result.clone());
                result
            })
            .collect()
    }
}

/// The format tag with qdfh's version: a new version may read differently.
fn versioned_format() -> String {
    format!("{FORMAT} {}", env!("CARGO_PKG_VERSION"))
}
