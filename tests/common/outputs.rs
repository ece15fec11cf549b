//! The reports in a project's `output/` and which of them a build wrote.

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Where a file's identity is kept: inode and modification time. A file
/// written again (atomically, by rename) gets a new inode.
pub type Identity = (u64, i64, i64);

/// Every report (PDF or workbook) below `project/output`, by path relative
/// to it, with its identity.
pub fn reports(project: &Path) -> BTreeMap<String, Identity> {
    let root = project.join("output");
    let mut found = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for path in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                stack.push(path);
            } else if !name.starts_with('.') && (name.ends_with(".pdf") || name.ends_with(".xlsx")) {
                let meta = path.metadata().unwrap();
                let relative = path.strip_prefix(&root).unwrap().display().to_string();
                found.insert(relative, (meta.ino(), meta.mtime(), meta.mtime_nsec()));
            }
        }
    }
    found
}

/// The reports written again (or new) between two listings.
pub fn rewritten(before: &BTreeMap<String, Identity>, after: &BTreeMap<String, Identity>) -> BTreeSet<String> {
    after.iter().filter(|(p, id)| before.get(*p) != Some(id)).map(|(p, _)| p.clone()).collect()
}
