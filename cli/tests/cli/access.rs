//! A data directory set up in the app: the command line unlocks as a named volunteer.

use super::*;

/// Runs with a volunteer's name and passphrase in the environment, as a script on a device set
/// up in the app would.
fn run_as(data: &Path, who: (&str, &str), args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiguillage"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("AIGUILLAGE_VOLUNTEER", who.0)
        .env("AIGUILLAGE_PASSPHRASE", who.1)
        .output()
        .unwrap()
}

#[test]
fn a_device_set_up_in_the_app_needs_a_volunteer_and_applies_their_role() {
    use aiguillage_core::access::Role;
    use aiguillage_core::vault::{KdfParams, Vault};
    let dir = tempfile::tempdir().unwrap();
    let answers = answers_file(dir.path(), "germaine", json!({}));
    let data = dir.path().join("data");
    let mut set_up = Vault::create(
        &data,
        KdfParams::TEST_ONLY_FAST,
        "Nadia",
        "phrase de Nadia 2026",
    )
    .unwrap();
    set_up
        .vault
        .add(&set_up.key, "Paul", Role::Volunteer, "phrase de Paul 2026")
        .unwrap();
    drop(set_up);
    let nadia = ("nadia", "phrase de Nadia 2026");
    let paul = ("Paul", "phrase de Paul 2026");

    refused(&data, &["list"], "AIGUILLAGE_VOLUNTEER");
    let out = run_as(&data, paul, &["diagnose", "--answers", &answers, "--save"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run_as(&data, (paul.0, "pas la bonne phrase"), &["list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("passphrase does not open"));

    let out = run_as(&data, paul, &["export", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2), "a volunteer may not export");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a volunteer may not export records"),
        "{stderr}"
    );

    let out = run_as(&data, nadia, &["export", "--format", "csv"]);
    assert!(
        out.status.success(),
        "a coordinator may: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run_as(&data, nadia, &["audit", "--format", "json"]);
    let audit: Value = serde_json::from_slice(&out.stdout).unwrap();
    let newest = &audit.as_array().unwrap()[0];
    assert_eq!(
        (newest["actor"].as_str(), newest["action"].as_str()),
        (Some("Nadia"), Some("export")),
        "the trail names who exported"
    );
    let db = std::fs::read(data.join("aiguillage.sqlite3")).unwrap();
    assert!(
        !db.starts_with(b"SQLite format 3"),
        "the records are encrypted"
    );
}
