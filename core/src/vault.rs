//! The key slots that open the device database, as disk encryption keeps them.
//!
//! The database is encrypted (SQLCipher) with one random key. Each volunteer has a slot: that key
//! sealed (XChaCha20-Poly1305) under a key derived from their passphrase with Argon2id. Adding
//! or removing a volunteer adds or removes a slot and never re-encrypts the data. One more slot
//! is sealed under the coordinator's recovery key, shown once at set-up. A trainer's slot seals
//! nothing: it only proves the passphrase, and trainers open the demo, never the records.
//!
//! Slots live in `keyslots.json` beside the database (they must be read before it opens). A slot
//! binds its volunteer id and role into the seal, so editing the file to change a role makes the
//! slot unopenable rather than stronger.

use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use data_encoding::BASE32_NOPAD;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::access::Role;
use crate::error::{Error, Problem, Result};
pub use crate::store::DbKey;
use crate::store::KEY_BYTES;

/// The slots file inside a data directory.
pub const FILE: &str = "keyslots.json";

/// The shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

const FORMAT: u32 = 1;
const RECOVERY_BYTES: usize = 20;

/// The audit trail's actors that are nobody in particular, which no volunteer may be called.
pub const RESERVED_NAMES: [&str; 3] = [
    RECOVERY_ACTOR,
    crate::store::LOCAL_ACTOR,
    crate::store::RETENTION_ACTOR,
];

/// The audit trail's actor for a session opened with the recovery key.
pub const RECOVERY_ACTOR: &str = "recovery";

/// The coordinator's recovery key, as printed: 32 letters and digits in groups of four.
pub struct RecoveryKey(Zeroizing<String>);

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

impl RecoveryKey {
    fn random() -> Self {
        let mut bytes = Zeroizing::new([0u8; RECOVERY_BYTES]);
        rand::rng().fill_bytes(bytes.as_mut());
        let text = BASE32_NOPAD.encode(bytes.as_ref());
        let grouped: Vec<&str> = text
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect();
        RecoveryKey(Zeroizing::new(grouped.join("-")))
    }

    /// The key to print.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The secret bytes of a typed key: case, spaces and dashes do not matter, and the digits
    /// 0, 1 and 8 are read as the letters O, I and B they are mistaken for.
    fn secret(typed: &str) -> Result<Zeroizing<Vec<u8>>> {
        let cleaned: Zeroizing<String> = Zeroizing::new(
            typed
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| match c.to_ascii_uppercase() {
                    '0' => 'O',
                    '1' => 'I',
                    '8' => 'B',
                    c => c,
                })
                .collect(),
        );
        match BASE32_NOPAD.decode(cleaned.as_bytes()) {
            Ok(bytes) if bytes.len() == RECOVERY_BYTES => Ok(Zeroizing::new(bytes)),
            _ => Err(Problem::RecoveryKeyMalformed.into()),
        }
    }
}

/// Argon2id's cost, kept in each slot so it can be raised later without locking anyone out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over the memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// About half a second on the reference machine (BENCHMARKS.md, "Unlock"): slow enough that
    /// guessing passphrases of a stolen laptop costs years, quick enough for a volunteer.
    pub const STANDARD: KdfParams = KdfParams {
        m_kib: 128 * 1024,
        t: 5,
        p: 1,
    };

    /// Cheap parameters for tests that unlock many times.
    pub const TEST_ONLY_FAST: KdfParams = KdfParams {
        m_kib: 64,
        t: 1,
        p: 1,
    };

    fn derive(&self, secret: &[u8], salt: &[u8]) -> Result<Zeroizing<[u8; KEY_BYTES]>> {
        let params = Params::new(self.m_kib, self.t, self.p, Some(KEY_BYTES)).map_err(|e| {
            Error::BadInput(format!("the key slots' Argon2id cost is not valid: {e}"))
        })?;
        let mut out = Zeroizing::new([0u8; KEY_BYTES]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(secret, salt, out.as_mut())
            .map_err(|e| Error::BadInput(format!("the passphrase cannot be used: {e}")))?;
        Ok(out)
    }
}

/// Whose slot it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Holder {
    Volunteer { name: String, role: Role },
    Recovery,
}

/// One sealed copy of the key (or, for a trainer, of nothing).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Slot {
    id: Uuid,
    #[serde(flatten)]
    holder: Holder,
    kdf: KdfParams,
    #[serde(with = "hex")]
    salt: Vec<u8>,
    #[serde(with = "hex")]
    nonce: Vec<u8>,
    #[serde(with = "hex")]
    sealed: Vec<u8>,
}

impl Slot {
    /// What the seal binds besides the key: the slot's id and role.
    fn binding(id: Uuid, holder: &Holder) -> Vec<u8> {
        let role = match holder {
            Holder::Volunteer { role, .. } => role.as_str(),
            Holder::Recovery => RECOVERY_ACTOR,
        };
        format!("aiguillage-keyslot-v1\0{id}\0{role}").into_bytes()
    }

    fn seal(
        id: Uuid,
        holder: Holder,
        kdf: KdfParams,
        secret: &[u8],
        payload: &[u8],
    ) -> Result<Slot> {
        let mut salt = vec![0u8; 16];
        let mut nonce = vec![0u8; 24];
        rand::rng().fill_bytes(&mut salt);
        rand::rng().fill_bytes(&mut nonce);
        let wrapping = kdf.derive(secret, &salt)?;
        let aad = Slot::binding(id, &holder);
        let sealed = XChaCha20Poly1305::new(wrapping.as_ref().into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: payload,
                    aad: &aad,
                },
            )
            .map_err(|_| Error::BadInput("a key slot could not be sealed".into()))?;
        Ok(Slot {
            id,
            holder,
            kdf,
            salt,
            nonce,
            sealed,
        })
    }

    /// The sealed payload, when `secret` is this slot's; `None` otherwise.
    fn open(&self, secret: &[u8]) -> Result<Option<Zeroizing<Vec<u8>>>> {
        if self.nonce.len() != 24 {
            return Ok(None);
        }
        let wrapping = self.kdf.derive(secret, &self.salt)?;
        let aad = Slot::binding(self.id, &self.holder);
        Ok(XChaCha20Poly1305::new(wrapping.as_ref().into())
            .decrypt(
                XNonce::from_slice(&self.nonce),
                Payload {
                    msg: &self.sealed,
                    aad: &aad,
                },
            )
            .ok()
            .map(Zeroizing::new))
    }

    fn volunteer(&self) -> Option<Volunteer> {
        match &self.holder {
            Holder::Volunteer { name, role } => Some(Volunteer {
                id: self.id,
                name: name.clone(),
                role: *role,
            }),
            Holder::Recovery => None,
        }
    }
}

/// A person who can unlock the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Volunteer {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Serialize, Deserialize)]
struct SlotsFile {
    format: u32,
    slots: Vec<Slot>,
}

/// What set-up hands back once: the key to open the database with and the recovery key to print.
#[derive(Debug)]
pub struct SetUp {
    pub vault: Vault,
    pub coordinator: Volunteer,
    pub key: DbKey,
    pub recovery: RecoveryKey,
}

/// The open slots file of a data directory.
#[derive(Debug)]
pub struct Vault {
    path: PathBuf,
    slots: Vec<Slot>,
}

impl Vault {
    /// The data directory's slots, or `None` when the device has not been set up.
    ///
    /// # Errors
    /// [`Error::BadFile`] when the file exists but cannot be read as slots.
    pub fn load(data_dir: &Path) -> Result<Option<Vault>> {
        let path = data_dir.join(FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(path, e)),
        };
        let file: SlotsFile = serde_json::from_str(&text).map_err(|e| Error::BadFile {
            path: path.clone(),
            reason: format!("the key slots cannot be read: {e}"),
        })?;
        if file.format != FORMAT {
            return Err(Error::BadFile {
                path,
                reason: format!("key slots format {} is not known", file.format),
            });
        }
        Ok(Some(Vault {
            path,
            slots: file.slots,
        }))
    }

    /// Sets the device up: a new database key, the first coordinator's slot and the recovery
    /// slot. Refuses when the device is already set up.
    ///
    /// # Errors
    /// [`Error::Problem`] for an empty name or a short passphrase; [`Error::BadInput`] for a
    /// device already set up.
    pub fn create(
        data_dir: &Path,
        kdf: KdfParams,
        coordinator_name: &str,
        passphrase: &str,
    ) -> Result<SetUp> {
        if Vault::load(data_dir)?.is_some() {
            return Err(Error::BadInput("this device is already set up".into()));
        }
        // A new key would never open them, and set-up would hide them behind a vault that
        // cannot: the slots file is missing, not the device new.
        if crate::store::holds_encrypted_records(data_dir)? {
            return Err(Error::BadInput(format!(
                "{} holds encrypted records but no key slots ({FILE}): restore that file from a backup instead of setting the device up again",
                data_dir.display()
            )));
        }
        crate::files::create_private_dir(data_dir)?;
        let key = DbKey::random();
        let recovery = RecoveryKey::random();
        let mut vault = Vault {
            path: data_dir.join(FILE),
            slots: Vec::new(),
        };
        let secret = RecoveryKey::secret(recovery.as_str())?;
        vault.slots.push(Slot::seal(
            Uuid::now_v7(),
            Holder::Recovery,
            kdf,
            &secret,
            key.as_bytes(),
        )?);
        let coordinator =
            vault.with_volunteer(&key, kdf, coordinator_name, Role::Coordinator, passphrase)?;
        vault.save()?;
        Ok(SetUp {
            vault,
            coordinator,
            key,
            recovery,
        })
    }

    /// Removes the key slots of a set-up that did not finish (its records still plain).
    ///
    /// # Errors
    /// [`Error::Io`] naming the file.
    pub fn discard(data_dir: &Path) -> Result<()> {
        crate::files::remove_if_present(&data_dir.join(FILE))
    }

    /// The people who can unlock, in the order they were added.
    pub fn volunteers(&self) -> Vec<Volunteer> {
        self.slots.iter().filter_map(Slot::volunteer).collect()
    }

    /// The volunteer of that name (case does not matter).
    ///
    /// # Errors
    /// [`Error::NotFound`] naming them.
    pub fn find(&self, name: &str) -> Result<Volunteer> {
        let wanted = name.trim().to_lowercase();
        self.volunteers()
            .into_iter()
            .find(|v| v.name.to_lowercase() == wanted)
            .ok_or_else(|| Error::NotFound(format!("volunteer \"{}\"", name.trim())))
    }

    fn slot(&self, id: Uuid) -> Result<&Slot> {
        self.slots
            .iter()
            .find(|s| s.id == id && s.volunteer().is_some())
            .ok_or_else(|| Error::NotFound(format!("volunteer {id}")))
    }

    /// Opens `volunteer`'s slot with their passphrase: who they are, and the database key
    /// (none for a trainer).
    ///
    /// # Errors
    /// [`Error::WrongPassphrase`] when it does not open the slot; [`Error::NotFound`] for a
    /// volunteer who has no slot (never added, or removed).
    pub fn unlock(&self, volunteer: Uuid, passphrase: &str) -> Result<(Volunteer, Option<DbKey>)> {
        let slot = self.slot(volunteer)?;
        let who = slot
            .volunteer()
            .ok_or_else(|| Error::NotFound(format!("volunteer {volunteer}")))?;
        let payload = slot
            .open(passphrase.as_bytes())?
            .ok_or(Error::WrongPassphrase)?;
        Ok((who, key_of(&payload)))
    }

    /// Opens the recovery slot with the printed recovery key.
    ///
    /// # Errors
    /// [`Error::WrongPassphrase`] when the key does not open it; [`Error::Problem`] when it is
    /// not shaped like a recovery key.
    pub fn unlock_with_recovery(&self, typed: &str) -> Result<DbKey> {
        let secret = RecoveryKey::secret(typed)?;
        for slot in self.slots.iter().filter(|s| s.holder == Holder::Recovery) {
            if let Some(key) = slot.open(&secret)?.as_deref().and_then(|p| key_of(p)) {
                return Ok(key);
            }
        }
        Err(Error::WrongPassphrase)
    }

    /// Adds a volunteer who can unlock with `passphrase`; the key is needed to seal their slot
    /// (a trainer's slot seals nothing, but only an unlocked coordinator adds people).
    ///
    /// # Errors
    /// [`Error::Problem`] for an empty or taken name or a short passphrase.
    pub fn add(
        &mut self,
        key: &DbKey,
        name: &str,
        role: Role,
        passphrase: &str,
    ) -> Result<Volunteer> {
        let kdf = self.slots.first().map_or(KdfParams::STANDARD, |s| s.kdf);
        let who = self.with_volunteer(key, kdf, name, role, passphrase)?;
        self.save()?;
        Ok(who)
    }

    fn with_volunteer(
        &mut self,
        key: &DbKey,
        kdf: KdfParams,
        name: &str,
        role: Role,
        passphrase: &str,
    ) -> Result<Volunteer> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Problem::VolunteerNameMissing.into());
        }
        if RESERVED_NAMES.iter().any(|r| r.eq_ignore_ascii_case(name)) {
            return Err(Problem::VolunteerNameReserved {
                name: name.to_owned(),
            }
            .into());
        }
        if self
            .volunteers()
            .iter()
            .any(|v| v.name.to_lowercase() == name.to_lowercase())
        {
            return Err(Problem::VolunteerNameTaken {
                name: name.to_owned(),
            }
            .into());
        }
        check_passphrase(passphrase)?;
        let payload: &[u8] = if role == Role::Trainer {
            &[]
        } else {
            key.as_bytes()
        };
        let holder = Holder::Volunteer {
            name: name.to_owned(),
            role,
        };
        let slot = Slot::seal(Uuid::now_v7(), holder, kdf, passphrase.as_bytes(), payload)?;
        let who = slot
            .volunteer()
            .ok_or_else(|| Error::BadInput("not a volunteer".into()))?;
        self.slots.push(slot);
        Ok(who)
    }

    /// Removes a volunteer's slot: their passphrase opens nothing from now on. The last
    /// coordinator cannot be removed.
    ///
    /// # Errors
    /// [`Error::NotFound`]; [`Error::Problem`] for the last coordinator.
    pub fn remove(&mut self, volunteer: Uuid) -> Result<Volunteer> {
        let who = self
            .slot(volunteer)?
            .volunteer()
            .ok_or_else(|| Error::NotFound(volunteer.to_string()))?;
        let coordinators = self
            .volunteers()
            .iter()
            .filter(|v| v.role == Role::Coordinator)
            .count();
        if who.role == Role::Coordinator && coordinators == 1 {
            return Err(Problem::LastCoordinator.into());
        }
        self.slots.retain(|s| s.id != volunteer);
        self.save()?;
        Ok(who)
    }

    /// Gives a volunteer a new passphrase (a forgotten one, or a change): their slot is
    /// sealed again, under the same id and role.
    ///
    /// # Errors
    /// [`Error::NotFound`]; [`Error::Problem`] for a short passphrase.
    pub fn set_passphrase(&mut self, key: &DbKey, volunteer: Uuid, passphrase: &str) -> Result<()> {
        check_passphrase(passphrase)?;
        let old = self.slot(volunteer)?.clone();
        let payload: &[u8] = match &old.holder {
            Holder::Volunteer {
                role: Role::Trainer,
                ..
            } => &[],
            _ => key.as_bytes(),
        };
        let slot = Slot::seal(old.id, old.holder, old.kdf, passphrase.as_bytes(), payload)?;
        for s in &mut self.slots {
            if s.id == volunteer {
                *s = slot.clone();
            }
        }
        self.save()
    }

    /// Writes the slots atomically: a whole new file renamed over the old one, so a crash
    /// leaves either the old slots or the new ones.
    fn save(&self) -> Result<()> {
        let text = serde_json::to_string_pretty(&SlotsFile {
            format: FORMAT,
            slots: self.slots.clone(),
        })
        .map_err(|e| Error::BadInput(format!("the key slots cannot be written: {e}")))?;
        crate::files::write_bytes_whole(&self.path, text.as_bytes())
    }
}

fn key_of(payload: &[u8]) -> Option<DbKey> {
    DbKey::from_bytes(payload)
}

fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Problem::PassphraseTooShort {
            min: MIN_PASSPHRASE_CHARS,
        }
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
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
            crate::store::Store::open_keyed(dir.path(), crate::store::Mode::Real, Some(&key))
                .unwrap(),
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
}
