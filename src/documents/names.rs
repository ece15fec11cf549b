//! Output paths that two documents would share on a case-insensitive file
//! system (the name parts qdfh makes never do, see
//! [`crate::files::FileNames`]; edited file-name texts can).

use std::collections::BTreeMap;
use std::path::Path;

use super::Document;

/// Pairs of documents (indices into `documents`) whose output paths are the
/// same file on a case-insensitive file system.
pub fn clashes(documents: &[&Document]) -> Vec<(usize, usize)> {
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (i, d) in documents.iter().enumerate() {
        match first.get(&output_key(&d.output)) {
            Some(&j) => out.push((j, i)),
            None => {
                first.insert(output_key(&d.output), i);
            }
        }
    }
    out
}

/// An output path as a case-insensitive file system compares it.
pub fn output_key(path: &Path) -> String {
    path.to_string_lossy().to_lowercase()
}
