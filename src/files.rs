//! Writing files so that no reader ever sees half of one, and file names
//! that are safe on every system and never shared.
//!
//! Colleagues open the output folders on Windows and macOS, where names that
//! differ only in case are the same file; IDs like `st.georgen` and
//! `st georgen` would both become `st_georgen`. So a name part is made from
//! letters, digits, `-` and `_`, cut to [`MAX_STEM`] characters, and every
//! part that would be shared (ignoring case) or was cut gets a short stable
//! suffix from its full text.

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::io::Write;
use std::path::Path;

use siphasher::sip::SipHasher13;

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk and
/// renames it over `path`, creating the folder if needed. A reader sees the
/// old file or the new one, never a part; a failed write leaves no
/// temporary file behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // A leading dot and the process id keep the temporary file out of the
    // readers' way and apart from a concurrent writer.
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// The longest name part taken from an ID or cluster name, in characters.
pub const MAX_STEM: usize = 60;

/// The file-name parts of a set of IDs (or cluster names).
#[derive(Debug, Clone, Default)]
pub struct FileNames {
    stems: BTreeMap<String, String>,
}

impl FileNames {
    /// Unique name parts for `ids`; the same ID always gets the same part
    /// within the same set.
    pub fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> FileNames {
        let mut by_folded: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for id in ids {
            by_folded.entry(safe(id).to_lowercase()).or_default().push(id);
        }
        let mut stems = BTreeMap::new();
        for group in by_folded.into_values() {
            let shared = group.iter().collect::<std::collections::BTreeSet<_>>().len() > 1;
            for id in group {
                let plain = safe(id);
                let cut = plain.chars().count() > MAX_STEM;
                let stem = if shared || cut {
                    let short: String = plain.chars().take(MAX_STEM).collect();
                    format!("{short}-{}", short_hash(id))
                } else {
                    plain
                };
                stems.insert(id.to_string(), stem);
            }
        }
        FileNames { stems }
    }

    /// The name part of `id`; an ID outside the set gets its plain safe form.
    pub fn stem(&self, id: &str) -> String {
        self.stems.get(id).cloned().unwrap_or_else(|| safe(id))
    }

    /// Whether `id` got a suffix because its name part was shared or cut.
    pub fn is_marked(&self, id: &str) -> bool {
        self.stem(id) != safe(id)
    }
}

/// Keeps letters, digits, `-` and `_` so that a text is a safe file-name
/// part (no path separators, no leading dots); empty becomes `unbenannt`.
pub fn safe(text: &str) -> String {
    let safe: String =
        text.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if safe.is_empty() { "unbenannt".into() } else { safe }
}

/// Eight hex digits from `text`, the same on every machine and run.
fn short_hash(text: &str) -> String {
    let mut hasher = SipHasher13::new_with_keys(0, 0);
    hasher.write(text.as_bytes());
    format!("{:08x}", hasher.finish() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("neu/bericht.pdf");
        write_atomically(&path, b"eins").unwrap();
        write_atomically(&path, b"zwei").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"zwei");
        let names: Vec<_> =
            std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["bericht.pdf"]);
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("ordner")).unwrap();
        assert!(write_atomically(&dir.path().join("ordner"), b"x").is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["ordner"]);
    }

    #[test]
    fn names_keep_only_safe_characters() {
        let names = FileNames::new(["Cluster A/../x", "", "kraehenwald"]);
        assert_eq!(names.stem("Cluster A/../x"), "Cluster_A____x");
        assert_eq!(names.stem(""), "unbenannt");
        assert_eq!(names.stem("kraehenwald"), "kraehenwald");
    }

    #[test]
    fn ids_that_would_share_a_file_get_distinct_stable_suffixes() {
        let names = FileNames::new(["st.georgen", "St Georgen", "auenfeld"]);
        let (a, b) = (names.stem("st.georgen"), names.stem("St Georgen"));
        assert!(a.starts_with("st_georgen-") && b.starts_with("St_Georgen-"), "{a} {b}");
        assert_ne!(a.to_lowercase(), b.to_lowercase());
        assert_eq!(names.stem("auenfeld"), "auenfeld");
        // The same set in another order gives the same names.
        assert_eq!(FileNames::new(["auenfeld", "St Georgen", "st.georgen"]).stem("st.georgen"), a);
    }

    #[test]
    fn long_ids_are_cut_and_stay_unique() {
        let long_a = "a".repeat(300);
        let long_b = format!("{}b", "a".repeat(299));
        let names = FileNames::new([long_a.as_str(), long_b.as_str()]);
        let (a, b) = (names.stem(&long_a), names.stem(&long_b));
        assert_eq!(a.chars().count(), MAX_STEM + 9);
        assert_ne!(a, b);
    }
}
