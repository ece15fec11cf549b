//! What a compiled document depended on besides its data: the template
//! files and fonts typst read, each with a content hash, so an incremental
//! build can tell whether a template edit touches a document.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::world::{Reads, Shared, id_of, virtual_path};

/// Template files (path below the templates folder → content hash; a file
/// typst looked for and did not find has the hash [`MISSING`]) and fonts
/// (content hashes, by font index).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dependencies {
    /// Template files read.
    pub files: BTreeMap<String, String>,
    /// Fonts used.
    pub fonts: BTreeMap<usize, String>,
}

/// The hash recorded for a file that does not exist.
pub const MISSING: &str = "-";

/// The content hash used throughout: BLAKE3, as hex.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

impl Shared {
    /// The current hash of a template file, as this run reads it (files
    /// are read once per run, so the hash is computed once too).
    pub(crate) fn file_hash(&self, path: &str) -> String {
        if let Some(hash) = self.hashes.lock().expect("hashes lock").get(path) {
            return hash.clone();
        }
        let hash = match self.cached_file(id_of(&virtual_path(&format!("/{path}")))) {
            Ok(bytes) => content_hash(&bytes),
            Err(_) => MISSING.to_string(),
        };
        self.hashes.lock().expect("hashes lock").insert(path.to_string(), hash.clone());
        hash
    }

    /// The hash of every font, computed once per run.
    pub(crate) fn font_hashes(&self, cache: &OnceLock<Vec<String>>) -> Vec<String> {
        cache.get_or_init(|| self.fonts.iter().map(|f| content_hash(f.data())).collect()).clone()
    }

    /// The dependencies of a compile that read `reads`.
    pub(crate) fn dependencies(&self, reads: &Reads, font_hashes: &[String]) -> Dependencies {
        Dependencies {
            files: reads.files.iter().map(|p| (p.clone(), self.file_hash(p))).collect(),
            fonts: reads.fonts.iter().filter_map(|&i| Some((i, font_hashes.get(i)?.clone()))).collect(),
        }
    }

    /// Whether every recorded dependency still has its recorded hash.
    pub(crate) fn unchanged(&self, deps: &Dependencies, font_hashes: &[String]) -> bool {
        deps.files.iter().all(|(path, hash)| self.file_hash(path) == *hash)
            && deps.fonts.iter().all(|(i, hash)| font_hashes.get(*i) == Some(hash))
    }
}
