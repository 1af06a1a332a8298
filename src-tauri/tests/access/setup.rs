//! The data folder and set-up: owner-only files, files that take records out on the audit trail,
//! a set-up that fails leaving nothing behind.

use super::*;

#[cfg(unix)]
#[test]
fn the_data_folder_is_closed_to_other_accounts_when_the_app_opens_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("aiguillage");
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    AppState::open(&data, Config::default()).unwrap();
    assert_eq!(
        std::fs::metadata(&data).unwrap().permissions().mode() & 0o777,
        0o700,
        "a folder an older version left open to everyone holds the records: closed"
    );
}

#[test]
fn files_that_take_records_out_are_on_the_audit_trail_with_who_and_which_record() {
    let h = Harness::new();
    let (nadia, paul, _) = h.set_up();
    h.unlock(&paul, "phrase de passe de Paul").unwrap();
    let draft = block_on(diagnostic::start_draft(h.state())).unwrap();
    let persona = aiguillage_core::demo::personas()
        .unwrap()
        .into_iter()
        .find(|p| p.id == "claire")
        .unwrap();
    for (question, value) in persona.answers {
        block_on(diagnostic::answer_draft(
            h.state(),
            draft.id.clone(),
            AnswerInput { question, value },
        ))
        .unwrap();
    }
    let result = block_on(diagnostic::complete_draft(h.state(), draft.id)).unwrap();
    assert!(result.kept, "Claire agreed to keep her diagnostic");
    let id = result.id;
    let sheet = block_on(diagnostic::save_sheet(
        h.state(),
        id.clone(),
        "fr".into(),
        false,
    ))
    .unwrap();
    assert!(
        std::fs::read(&sheet.path).unwrap().starts_with(b"%PDF-"),
        "the sheet is a whole PDF: {}",
        sheet.path
    );

    h.unlock(&nadia, NADIA).unwrap();
    let export = block_on(report::export_csv(
        h.state(),
        Period {
            from: None,
            to: None,
        },
    ))
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(&export.path)
            .unwrap()
            .lines()
            .count(),
        2,
        "the header and Claire's diagnostic"
    );
    let audit = block_on(access::list_audit(h.state(), 50)).unwrap();
    let rows: Vec<(&str, &str, Option<&str>)> = audit
        .iter()
        .map(|e| (e.actor.as_str(), e.action.as_str(), e.record_id.as_deref()))
        .collect();
    assert!(
        rows.contains(&("Paul", "sheet", Some(id.as_str()))),
        "the sheet carries a diagnostic out of the encrypted store: {rows:?}"
    );
    assert_eq!(
        rows.first(),
        Some(&("Nadia", "export", None)),
        "the export is the latest action: {rows:?}"
    );
}

#[test]
fn a_set_up_that_cannot_open_the_records_leaves_no_key_slots_and_can_be_done_again() {
    let h = Harness::new();
    let data = h.data_dir();
    // Records from before set-up, still plain, and something in the way of encrypting them.
    drop(aiguillage_core::Store::open(&data, aiguillage_core::Mode::Real).unwrap());
    let obstacle = data.join("aiguillage.encrypting");
    std::fs::create_dir_all(obstacle.join("in-the-way")).unwrap();
    assert!(
        h.set_up_nadia().is_err(),
        "the records could not be encrypted"
    );
    assert!(
        !data.join(aiguillage_core::vault::FILE).exists(),
        "no key slots whose recovery key nobody saw"
    );
    assert_eq!(
        block_on(access::get_lock_state(h.state())).unwrap().phase,
        LockPhase::SetUp,
        "the set-up screen stays"
    );
    std::fs::remove_dir_all(&obstacle).unwrap();
    let done = h.set_up_nadia().unwrap();
    assert_eq!(done.lock.phase, LockPhase::Unlocked);
    assert!(
        !done.recovery_key.is_empty(),
        "the recovery key is shown this time"
    );
}

#[test]
fn a_set_up_that_fails_on_a_new_computer_leaves_nothing_only_its_lost_key_opens() {
    let h = Harness::new();
    let data = h.data_dir();
    // In the way of the new records' journal: they are created, then cannot be opened.
    let obstacle = data.join("aiguillage.sqlite3-wal");
    std::fs::create_dir_all(obstacle.join("in-the-way")).unwrap();
    assert!(
        h.set_up_nadia().is_err(),
        "the new records could not be opened"
    );
    assert!(
        !data.join(aiguillage_core::vault::FILE).exists()
            && !data.join("aiguillage.sqlite3").exists(),
        "neither key slots nor records whose recovery key nobody saw"
    );
    std::fs::remove_dir_all(&obstacle).unwrap();
    let done = h.set_up_nadia().unwrap();
    assert_eq!(done.lock.phase, LockPhase::Unlocked);
    assert!(!done.recovery_key.is_empty());
}
