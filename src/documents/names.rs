//! Output paths that two documents would share on a case-insensitive file
//! system (the name parts qdfh makes never do, see
//! [`crate::files::FileNames`]; edited file-name texts can).

use std::collections::BTreeMap;
use std::path::Path;

use super::Document;

/// The documents whose output paths are the same file on a case-insensitive
/// file system, grouped by [`output_key`]; documents with a path of their
/// own are left out.
pub fn clashes<'a>(documents: impl IntoIterator<Item = &'a Document>) -> BTreeMap<String, Vec<&'a Document>> {
    let mut by_key: BTreeMap<String, Vec<&Document>> = BTreeMap::new();
    for document in documents {
        by_key.entry(output_key(&document.output)).or_default().push(document);
    }
    by_key.retain(|_, group| group.len() > 1);
    by_key
}

/// An output path as a case-insensitive file system compares it.
pub fn output_key(path: &Path) -> String {
    path.to_string_lossy().to_lowercase()
}
