//! The example generator is deterministic and the shipped `inputs/` are
//! exactly its output.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use qdfh::example::write_example_inputs;
use qdfh::project::default_catalog;

/// All files below `root`, relative path → bytes.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn generation_is_byte_identical_when_rerun() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let catalog = default_catalog();
    let written = write_example_inputs(a.path(), &catalog).unwrap();
    write_example_inputs(b.path(), &catalog).unwrap();
    let (first, second) = (files(a.path()), files(b.path()));
    assert_eq!(first.len(), written.len(), "only the listed files are written, no temporary leftovers");
    assert_eq!(first, second);
    // Writing over existing files gives the same bytes too.
    write_example_inputs(a.path(), &catalog).unwrap();
    assert_eq!(files(a.path()), second);
}

#[test]
fn shipped_inputs_are_the_generator_output() {
    let temp = tempfile::tempdir().unwrap();
    write_example_inputs(temp.path(), &default_catalog()).unwrap();
    let shipped = files(&common::repo_root().join("inputs"));
    let generated = files(temp.path());
    let names = |m: &BTreeMap<PathBuf, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&shipped), names(&generated), "run `qdfh examples --out inputs` to refresh inputs/");
    for (name, bytes) in &generated {
        assert!(shipped[name] == *bytes, "inputs/{} is outdated: run `qdfh examples --out inputs`", name.display());
    }
}
