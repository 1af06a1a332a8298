//! A key slot: the database key sealed (XChaCha20-Poly1305) under a key derived from a secret
//! with Argon2id, bound to its holder's id and role.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use super::{RECOVERY_ACTOR, Volunteer};
use crate::access::Role;
use crate::error::{Error, Result};
use crate::store::KEY_BYTES;

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

    pub(super) fn derive(&self, secret: &[u8], salt: &[u8]) -> Result<Zeroizing<[u8; KEY_BYTES]>> {
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
pub(super) enum Holder {
    Volunteer { name: String, role: Role },
    Recovery,
}

/// One sealed copy of the key (or, for a trainer, of nothing).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Slot {
    pub(super) id: Uuid,
    #[serde(flatten)]
    pub(super) holder: Holder,
    pub(super) kdf: KdfParams,
    #[serde(with = "hex")]
    pub(super) salt: Vec<u8>,
    #[serde(with = "hex")]
    pub(super) nonce: Vec<u8>,
    #[serde(with = "hex")]
    pub(super) sealed: Vec<u8>,
}

impl Slot {
    /// What the seal binds besides the key: the slot's id and role.
    pub(super) fn binding(id: Uuid, holder: &Holder) -> Vec<u8> {
        let role = match holder {
            Holder::Volunteer { role, .. } => role.as_str(),
            Holder::Recovery => RECOVERY_ACTOR,
        };
        format!("aiguillage-keyslot-v1\0{id}\0{role}").into_bytes()
    }

    pub(super) fn seal(
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
    pub(super) fn open(&self, secret: &[u8]) -> Result<Option<Zeroizing<Vec<u8>>>> {
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

    pub(super) fn volunteer(&self) -> Option<Volunteer> {
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
