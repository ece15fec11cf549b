//! `qdfh zugang` and the refusals of `qdfh serve` on the command line.

use std::path::Path;

use assert_cmd::Command;
use qdfh::serve::access::{AccessCodes, Role};

use crate::common::workbooks::small_project;

fn qdfh(project: &Path) -> Command {
    let mut cmd = Command::cargo_bin("qdfh").unwrap();
    cmd.current_dir(project);
    cmd
}

/// The rows of a codes CSV below its header: (id, name, code).
fn rows(csv: &Path) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(csv).unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM, so that Excel reads the umlauts");
    text.lines()
        .skip(1)
        .map(|line| {
            let parts: Vec<&str> = line.split(';').collect();
            (parts[0].trim_matches('"').into(), parts[1].trim_matches('"').into(), parts[2].into())
        })
        .collect()
}

#[test]
fn zugang_makes_one_code_each_once_and_renews_singly() {
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    let first = dir.path().join("codes.csv");
    qdfh(&project).args(["zugang", "--csv"]).arg(&first).assert().success();
    let issued = rows(&first);
    let ids: Vec<&str> = issued.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(ids, ["lako", "auenfeld", "birkental", "cedernau"]);
    assert_eq!(issued[1].1, "Stadt Auenfeld");
    let stored = AccessCodes::load(&AccessCodes::path(&project)).unwrap();
    for (id, _, code) in &issued {
        let role = if id == "lako" { Role::Lako } else { Role::Municipality(id.clone()) };
        assert_eq!(stored.verify(code), Some(role));
    }
    let text = std::fs::read_to_string(AccessCodes::path(&project)).unwrap();
    assert!(issued.iter().all(|(_, _, code)| !text.contains(&code[5..])), "no plain code is kept");

    let again = qdfh(&project).args(["zugang", "--csv"]).arg(dir.path().join("none.csv")).output().unwrap();
    assert!(again.status.success());
    assert!(!dir.path().join("none.csv").exists(), "nobody lacks a code");

    let renewed = dir.path().join("neu.csv");
    qdfh(&project).args(["zugang", "--erneuern", "Birkental", "--csv"]).arg(&renewed).assert().success();
    let new = rows(&renewed);
    assert_eq!(new.len(), 1);
    let stored = AccessCodes::load(&AccessCodes::path(&project)).unwrap();
    assert_eq!(stored.verify(&issued[2].2), None, "the old code of birkental stops working");
    assert_eq!(stored.verify(&new[0].2), Some(Role::Municipality("birkental".into())));
    assert_eq!(stored.verify(&issued[1].2), Some(Role::Municipality("auenfeld".into())), "others keep theirs");

    let taken = qdfh(&project).args(["zugang", "--erneuern", "lako", "--csv"]).arg(&renewed).output().unwrap();
    assert_eq!(taken.status.code(), Some(1), "an existing CSV is never overwritten");
    let unknown = qdfh(&project).args(["zugang", "--erneuern", "xanten"]).output().unwrap();
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("--erneuern xanten: keine Kommune"));
}

#[test]
fn serve_refuses_to_share_without_codes_or_to_listen_beyond_this_machine_alone() {
    let dir = tempfile::tempdir().unwrap();
    let project = small_project(dir.path());
    let open = qdfh(&project).args(["serve", "--adresse", "0.0.0.0:8080", "--kein-browser"]).output().unwrap();
    assert_eq!(open.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&open.stderr).contains("ohne --freigabe ist die Seite nur auf diesem Rechner"));
    let shared = qdfh(&project).args(["serve", "--freigabe", "--kein-browser"]).output().unwrap();
    assert_eq!(shared.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&shared.stderr).contains("bitte zuerst „qdfh zugang“ ausführen"));
}
