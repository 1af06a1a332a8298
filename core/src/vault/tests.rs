use super::*;

const FAST: KdfParams = KdfParams::TEST_ONLY_FAST;

fn set_up(dir: &Path) -> SetUp {
    Vault::create(dir, FAST, "Nadia", "phrase de passe longue").unwrap()
}

#[test]
fn each_slot_opens_the_same_key_and_a_wrong_passphrase_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let SetUp {
        mut vault,
        coordinator,
        key,
        recovery,
    } = set_up(dir.path());
    let paul = vault
        .add(&key, "Paul", Role::Volunteer, "une autre phrase")
        .unwrap();

    let vault = Vault::load(dir.path())
        .unwrap()
        .expect("the slots were saved");
    let (who, from_nadia) = vault
        .unlock(coordinator.id, "phrase de passe longue")
        .unwrap();
    assert_eq!(who.role, Role::Coordinator);
    let (_, from_paul) = vault.unlock(paul.id, "une autre phrase").unwrap();
    let from_recovery = vault.unlock_with_recovery(recovery.as_str()).unwrap();
    for other in [from_nadia, from_paul] {
        assert_eq!(
            other.expect("staff slots hold the key").as_bytes(),
            key.as_bytes()
        );
    }
    assert_eq!(from_recovery.as_bytes(), key.as_bytes());

    let wrong = vault.unlock(paul.id, "phrase de passe longue").unwrap_err();
    assert!(matches!(wrong, Error::WrongPassphrase), "{wrong}");
    assert!(wrong.is_bad_input());
}

#[test]
fn a_typed_recovery_key_forgives_case_spaces_and_look_alike_digits() {
    let dir = tempfile::tempdir().unwrap();
    let SetUp {
        vault, recovery, ..
    } = set_up(dir.path());
    let typed = recovery
        .as_str()
        .to_lowercase()
        .replace('-', " ")
        .replace('o', "0")
        .replace('i', "1");
    assert!(vault.unlock_with_recovery(&typed).is_ok(), "{typed}");
    let err = vault.unlock_with_recovery("ABCD").unwrap_err();
    assert!(err.to_string().contains("32 letters"), "{err}");
}

#[test]
fn a_removed_volunteer_opens_nothing_and_the_last_coordinator_stays() {
    let dir = tempfile::tempdir().unwrap();
    let SetUp {
        mut vault,
        coordinator,
        key,
        ..
    } = set_up(dir.path());
    let paul = vault
        .add(&key, "Paul", Role::Volunteer, "une autre phrase")
        .unwrap();
    vault.remove(paul.id).unwrap();
    let vault_again = Vault::load(dir.path()).unwrap().unwrap();
    assert!(matches!(
        vault_again.unlock(paul.id, "une autre phrase"),
        Err(Error::NotFound(_))
    ));
    assert!(
        vault_again
            .unlock(coordinator.id, "phrase de passe longue")
            .is_ok()
    );

    let err = vault.remove(coordinator.id).unwrap_err();
    assert!(err.to_string().contains("last coordinator"), "{err}");
}

#[test]
fn a_trainer_proves_a_passphrase_but_holds_no_key() {
    let dir = tempfile::tempdir().unwrap();
    let SetUp { mut vault, key, .. } = set_up(dir.path());
    let lea = vault
        .add(&key, "Léa", Role::Trainer, "phrase de formation")
        .unwrap();
    let (who, key) = vault.unlock(lea.id, "phrase de formation").unwrap();
    assert_eq!(who.role, Role::Trainer);
    assert!(
        key.is_none(),
        "a trainer's slot must not hold the records' key"
    );
}

#[test]
fn editing_a_role_in_the_file_breaks_the_slot_instead_of_promoting_it() {
    let dir = tempfile::tempdir().unwrap();
    let SetUp { mut vault, key, .. } = set_up(dir.path());
    let lea = vault
        .add(&key, "Léa", Role::Trainer, "phrase de formation")
        .unwrap();
    let path = dir.path().join(FILE);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches("\"trainer\"").count(), 1);
    std::fs::write(&path, text.replace("\"trainer\"", "\"coordinator\"")).unwrap();
    let vault = Vault::load(dir.path()).unwrap().unwrap();
    assert!(matches!(
        vault.unlock(lea.id, "phrase de formation"),
        Err(Error::WrongPassphrase)
    ));
}

#[test]
fn encrypted_records_without_their_slots_are_not_set_up_over() {
    let dir = tempfile::tempdir().unwrap();
    let SetUp { key, .. } = set_up(dir.path());
    drop(
        crate::store::Store::open_keyed(dir.path(), crate::store::Mode::Real, Some(&key)).unwrap(),
    );
    std::fs::remove_file(dir.path().join(FILE)).unwrap();
    let Err(err) = Vault::create(dir.path(), FAST, "Nadia", "phrase de passe longue") else {
        panic!("a second set-up would hide the records behind a key that cannot open them");
    };
    assert!(
        err.is_bad_input() && err.to_string().contains("restore that file"),
        "{err}"
    );
    assert!(
        !dir.path().join(FILE).exists(),
        "nothing was written: the backup can still be put back"
    );
}

#[test]
fn bad_names_and_short_passphrases_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = Vault::create(dir.path(), FAST, "Nadia", "court").unwrap_err();
    assert!(err.to_string().contains("at least 10"), "{err}");
    assert!(
        Vault::load(dir.path()).unwrap().is_none(),
        "nothing was written"
    );
    let SetUp { mut vault, key, .. } = set_up(dir.path());
    assert!(
        vault
            .add(&key, "  ", Role::Volunteer, "assez longue phrase")
            .is_err()
    );
    let err = vault
        .add(&key, "nadia", Role::Volunteer, "assez longue phrase")
        .unwrap_err();
    assert!(err.to_string().contains("already"), "{err}");
    // The trail's own actors: a volunteer called so would read as this computer or the key.
    for reserved in ["Recovery", "local", "RETENTION"] {
        let err = vault
            .add(&key, reserved, Role::Volunteer, "assez longue phrase")
            .unwrap_err();
        assert!(err.to_string().contains("reserved"), "{reserved}: {err}");
    }
    assert_eq!(vault.volunteers().len(), 1, "only Nadia");
    assert!(Vault::create(dir.path(), FAST, "Autre", "phrase de passe longue").is_err());
}
