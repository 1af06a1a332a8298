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

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::access::Role;
use crate::error::{Error, Problem, Result};
pub use crate::store::DbKey;

mod recovery;
mod slot;

pub use recovery::RecoveryKey;
pub use slot::KdfParams;
use slot::{Holder, Slot};

/// The slots file inside a data directory.
pub const FILE: &str = "keyslots.json";

/// The shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

const FORMAT: u32 = 1;

/// The audit trail's actors that are nobody in particular, which no volunteer may be called.
pub const RESERVED_NAMES: [&str; 3] = [
    RECOVERY_ACTOR,
    crate::store::LOCAL_ACTOR,
    crate::store::RETENTION_ACTOR,
];

/// The audit trail's actor for a session opened with the recovery key.
pub const RECOVERY_ACTOR: &str = "recovery";

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
mod tests;
