//! The command-line contract, on the real binary and real data directories: names, JSON keys,
//! exit codes 0/1/2, one-sentence errors on stderr, and bad input that changes nothing.

mod access;
mod communes;
mod diagnose;
mod directory;
mod paths;
mod records;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{Value, json};

const PERSONAS: &str = include_str!("../../../assets/demo/personas.json");

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiguillage"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}

fn ok(data: &Path, args: &[&str]) -> String {
    let out = run(data, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Asserts exit code 2 and a single-sentence message containing `expected`.
fn refused(data: &Path, args: &[&str], expected: &str) {
    let out = run(data, args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{args:?} must exit 2: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(expected),
        "stderr {stderr:?} should contain {expected:?}"
    );
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one sentence on stderr: {stderr:?}"
    );
}

fn answers_file(dir: &Path, persona: &str, changes: Value) -> String {
    let all: Vec<Value> = serde_json::from_str(PERSONAS).unwrap();
    let mut answers = all.into_iter().find(|p| p["id"] == persona).unwrap()["answers"].clone();
    for (k, v) in changes.as_object().unwrap() {
        answers[k] = v.clone();
    }
    let path = dir.join(format!("{persona}.json"));
    std::fs::write(
        &path,
        json!({"questionnaire": "diagnostic-numerique", "version": 1, "answers": answers})
            .to_string(),
    )
    .unwrap();
    path.to_string_lossy().into_owned()
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext reads {}", pdf.display());
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["diagnose"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a missing --answers is bad usage"
    );
    refused(dir.path(), &["show", "not-an-id"], "not found");
    refused(
        dir.path(),
        &["directory", "search", "--thematique", "numerique--voler"],
        "numerique--voler",
    );
    refused(
        dir.path(),
        &[
            "directory",
            "search",
            "--thematique",
            "numerique--acquerir-un-equipement",
            "--commune",
            "Lyon",
        ],
        "Lyon",
    );
    refused(dir.path(), &["list", "--from", "yesterday"], "yesterday");
    // Records never cross the network in clear, and a typo is not "the server is down".
    refused(
        dir.path(),
        &[
            "enrol",
            "--server",
            "http://192.168.1.20:8440",
            "--code",
            "AAAA-BBBB",
        ],
        "\"http://192.168.1.20:8440\" is not encrypted",
    );
    refused(
        dir.path(),
        &[
            "enrol",
            "--server",
            "serveur-du-centre",
            "--code",
            "AAAA-BBBB",
        ],
        "\"serveur-du-centre\" is not a server address",
    );
    let status: Value = serde_json::from_str(&ok(dir.path(), &["sync", "--status"])).unwrap();
    assert_eq!(
        status["enrolled"], false,
        "a refused address enrols nothing: {status}"
    );
}
