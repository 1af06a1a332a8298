//! Encryption at rest: SQLCipher files opened through key slots, searched byte by byte.

use aiguillage_core::access::Role;
use aiguillage_core::vault::{KdfParams, SetUp, Vault};
use aiguillage_core::{Mode, Workspace};

use crate::helpers::persona_answers;

const PASSPHRASE: &str = "phrase de passe longue";

/// Every byte of the database and its journal files, as a thief copying the disk would get.
fn raw_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let path = dir.join(format!("{}{suffix}", Mode::Real.file_name()));
        if let Ok(bytes) = std::fs::read(&path) {
            all.extend(bytes);
        }
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// A diagnostic with a first name nobody would find by chance.
fn save_one(ws: &mut Workspace) -> String {
    let answers = persona_answers(ws, "germaine", &[]);
    ws.complete(answers, Some("Philomène"), None)
        .unwrap()
        .id
        .unwrap()
}

/// Strings of a saved diagnostic: its first name, an answer key and value as stored.
const NEEDLES: [&str; 3] = [
    "Philomène",
    "\"e_smartphone\":\"limited\"",
    "SQLite format 3",
];

#[test]
fn the_encrypted_file_has_no_sqlite_header_no_answer_and_no_first_name() {
    let dir = tempfile::tempdir().unwrap();
    let SetUp { key, .. } =
        Vault::create(dir.path(), KdfParams::TEST_ONLY_FAST, "Nadia", PASSPHRASE).unwrap();
    let mut ws = Workspace::open_keyed(dir.path(), Mode::Real, Some(&key)).unwrap();
    let id = save_one(&mut ws);
    // The same check on a plain database first, so the search is known to find what is there.
    let plain_dir = tempfile::tempdir().unwrap();
    let mut plain = Workspace::open(plain_dir.path(), Mode::Real).unwrap();
    save_one(&mut plain);
    drop(plain);
    let plain_bytes = raw_bytes(plain_dir.path());
    for needle in NEEDLES {
        assert!(
            contains(&plain_bytes, needle),
            "the search finds {needle} in a plain file"
        );
    }

    // Both open, as after a day of work: the write-ahead log holds fresh pages too.
    let bytes = raw_bytes(dir.path());
    for needle in NEEDLES.iter().copied().chain([id.as_str()]) {
        assert!(
            !contains(&bytes, needle),
            "\"{needle}\" is readable on disk"
        );
    }
    drop(ws);
    let bytes = raw_bytes(dir.path());
    assert!(
        !contains(&bytes, "Philomène"),
        "nor after the log is checkpointed"
    );

    let err = Workspace::open(dir.path(), Mode::Real)
        .err()
        .expect("an encrypted file does not open without its key");
    assert!(
        err.is_bad_input() && err.to_string().contains("encrypted"),
        "{err}"
    );
}

#[test]
fn only_a_slot_opens_the_records_and_the_recovery_key_is_one_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let SetUp {
        mut vault,
        coordinator,
        key,
        recovery,
    } = Vault::create(dir.path(), KdfParams::TEST_ONLY_FAST, "Nadia", PASSPHRASE).unwrap();
    let paul = vault
        .add(&key, "Paul", Role::Volunteer, "phrase de Paul 2026")
        .unwrap();
    let id = {
        let mut ws = Workspace::open_keyed(dir.path(), Mode::Real, Some(&key)).unwrap();
        save_one(&mut ws)
    };
    drop(key);

    let (_, from_paul) = vault.unlock(paul.id, "phrase de Paul 2026").unwrap();
    let ws = Workspace::open_keyed(dir.path(), Mode::Real, from_paul.as_ref()).unwrap();
    assert_eq!(
        ws.store.get_diagnostic(&id).unwrap().first_name.as_deref(),
        Some("Philomène")
    );
    drop(ws);

    vault.remove(paul.id).unwrap();
    let vault = Vault::load(dir.path()).unwrap().unwrap();
    assert!(
        vault.unlock(paul.id, "phrase de Paul 2026").is_err(),
        "a removed volunteer's passphrase opens nothing"
    );
    assert!(vault.unlock(coordinator.id, "pas la bonne phrase").is_err());

    let from_recovery = vault.unlock_with_recovery(recovery.as_str()).unwrap();
    let ws = Workspace::open_keyed(dir.path(), Mode::Real, Some(&from_recovery)).unwrap();
    assert!(
        ws.store.get_diagnostic(&id).is_ok(),
        "the recovery key opens the records"
    );

    // Another device's key (another set-up) does not open this file.
    let other = tempfile::tempdir().unwrap();
    let SetUp { key: foreign, .. } =
        Vault::create(other.path(), KdfParams::TEST_ONLY_FAST, "Autre", PASSPHRASE).unwrap();
    drop(ws);
    let err = Workspace::open_keyed(dir.path(), Mode::Real, Some(&foreign))
        .err()
        .expect("a foreign key opens nothing");
    assert!(err.to_string().contains("does not open"), "{err}");
}

#[test]
fn a_plain_database_from_before_set_up_is_encrypted_in_place_with_its_records() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut ws = Workspace::open(dir.path(), Mode::Real).unwrap();
        save_one(&mut ws)
    };
    assert!(contains(&raw_bytes(dir.path()), "Philomène"));
    let SetUp { key, .. } =
        Vault::create(dir.path(), KdfParams::TEST_ONLY_FAST, "Nadia", PASSPHRASE).unwrap();
    let ws = Workspace::open_keyed(dir.path(), Mode::Real, Some(&key)).unwrap();
    let kept = ws.store.get_diagnostic(&id).unwrap();
    assert_eq!(
        kept.first_name.as_deref(),
        Some("Philomène"),
        "the records survive"
    );
    assert_eq!(ws.store.integrity_check().unwrap(), "ok");
    drop(ws);
    let bytes = raw_bytes(dir.path());
    assert!(!contains(&bytes, "Philomène") && !contains(&bytes, "SQLite format 3"));
    // Reopening does not migrate or encrypt twice.
    let ws = Workspace::open_keyed(dir.path(), Mode::Real, Some(&key)).unwrap();
    assert!(ws.store.get_diagnostic(&id).is_ok());
}
