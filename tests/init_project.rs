//! `qdfh init`: a complete project from the embedded defaults, and never
//! overwriting anything.

use std::path::Path;

use assert_cmd::Command;
use include_dir::Dir;
use qdfh::project::{DEFAULT_CONFIG, DEFAULT_TEMPLATES};

fn qdfh() -> Command {
    Command::cargo_bin("qdfh").unwrap()
}

/// Every embedded file exists below `root` with the same contents.
fn assert_written(dir: &Dir, root: &Path) {
    for file in dir.files() {
        let on_disk = std::fs::read(root.join(file.path())).unwrap();
        assert_eq!(on_disk, file.contents(), "{}", file.path().display());
    }
    for sub in dir.dirs() {
        assert_written(sub, root);
    }
}

#[test]
fn init_writes_config_templates_examples_and_output() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("projekt");
    let output = qdfh().arg("init").arg(&root).assert().success().get_output().stdout.clone();
    let stdout = String::from_utf8_lossy(&output);
    assert!(stdout.contains("Projekt angelegt"), "{stdout}");
    assert_eq!(std::fs::read_to_string(root.join("qdfh.toml")).unwrap(), DEFAULT_CONFIG);
    assert_written(&DEFAULT_TEMPLATES, &root.join("templates"));
    assert!(root.join("templates/katalog/qualitaetsrahmen.toml").is_file());
    assert!(root.join("inputs/stammdaten.xlsx").is_file());
    assert!(root.join("inputs/2025/kennzahlen.xlsx").is_file());
    assert!(root.join("inputs/2026/befragung-auenfeld.xlsx").is_file());
    assert_eq!(std::fs::read_dir(root.join("output")).unwrap().count(), 0, "output/ starts empty");
    // The project opens with its own catalog.
    let project = qdfh::project::Project::open(&root).unwrap();
    project.catalog().unwrap();
}

#[test]
fn init_refuses_an_existing_project_and_changes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    std::fs::write(root.join("qdfh.toml"), "land = \"Eigenes Land\"\n").unwrap();
    let assert = qdfh().arg("init").arg(root).assert().failure().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("gibt es schon") && stderr.contains("überschreibt nichts"), "{stderr}");
    assert_eq!(std::fs::read_to_string(root.join("qdfh.toml")).unwrap(), "land = \"Eigenes Land\"\n");
    assert!(!root.join("templates").exists() && !root.join("inputs").exists());
}

#[test]
fn init_refuses_a_folder_with_templates() {
    let temp = tempfile::tempdir().unwrap();
    std::fs::create_dir(temp.path().join("templates")).unwrap();
    qdfh().arg("init").arg(temp.path()).assert().failure().code(1);
    assert!(!temp.path().join("qdfh.toml").exists());
}

#[test]
fn initialised_project_passes_check() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("p");
    qdfh().arg("init").arg(&root).assert().success();
    let assert = qdfh().arg("-C").arg(&root).arg("check").assert();
    let output = assert.get_output();
    assert!(
        output.status.success(),
        "qdfh check failed on a fresh project:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
