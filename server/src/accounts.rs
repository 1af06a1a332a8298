//! Coordinators' accounts for the web console: creating one (from the host's command line),
//! checking a passphrase (Argon2id), and slowing guesses after failed sign-ins.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration, Utc};

use crate::now;
use crate::storage::console::{Account, ConsoleStorage, Failures, Role};
use crate::storage::{StoreError, StoreResult};

/// The shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 12;
/// The longest passphrase read (Argon2 takes any length; this bounds the work of one sign-in).
pub const MAX_PASSPHRASE_CHARS: usize = 256;
/// Failed sign-ins allowed in a row before the next attempts wait.
pub const FREE_FAILURES: u32 = 3;
/// The longest wait between two attempts.
const MAX_WAIT_SECONDS: i64 = 15 * 60;

/// Hashes a passphrase with Argon2id (the crate's defaults: 19 MiB, 2 passes), salted.
pub fn hash_passphrase(passphrase: &str) -> StoreResult<String> {
    let bytes: [u8; 16] = rand::Rng::random(&mut rand::rng());
    let salt = SaltString::encode_b64(&bytes)
        .map_err(|e| StoreError::Internal(format!("making a salt failed: {e}")))?;
    Argon2::default()
        .hash_password(passphrase.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Internal(format!("hashing a passphrase failed: {e}")))
}

/// Whether `passphrase` is the one `hash` was made from.
pub fn verify_passphrase(passphrase: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(passphrase.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Checks a new account's name and passphrase, then stores it with its passphrase's hash.
pub async fn create<S: ConsoleStorage>(
    storage: &S,
    name: &str,
    role: Role,
    passphrase: &str,
) -> StoreResult<Account> {
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > 100
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || "._-@".contains(c))
    {
        return Err(StoreError::Invalid(
            "the account name must have 1 to 100 letters, digits, dots, dashes, underscores or @"
                .into(),
        ));
    }
    let length = passphrase.chars().count();
    if !(MIN_PASSPHRASE_CHARS..=MAX_PASSPHRASE_CHARS).contains(&length) {
        return Err(StoreError::Invalid(format!(
            "the passphrase must have between {MIN_PASSPHRASE_CHARS} and {MAX_PASSPHRASE_CHARS} characters"
        )));
    }
    let account = Account {
        name: name.to_owned(),
        role,
    };
    storage
        .create_account(account.clone(), hash_passphrase(passphrase)?, now())
        .await?;
    Ok(account)
}

/// Why a sign-in was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The name or the passphrase is wrong (which one is not said).
    Wrong,
    /// Too many failures in a row: the attempt was not read; try again after this many seconds.
    Wait(i64),
}

/// A hash to check against when the name is unknown, so that an unknown name takes as long to
/// refuse as a wrong passphrase.
static DECOY: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_passphrase("aiguillage decoy passphrase").unwrap_or_default());

/// Signs in: the account when `passphrase` is its own; every attempt goes to the audit trail.
/// Failures under a name (an account's or not) are counted; after [`FREE_FAILURES`] in a row,
/// each attempt must wait, twice as long after every new failure, up to 15 minutes. A success
/// forgets them.
pub async fn sign_in<S: ConsoleStorage>(
    storage: &S,
    name: &str,
    passphrase: &str,
    at: DateTime<Utc>,
) -> StoreResult<Result<Account, Refusal>> {
    let name = name.trim();
    let key = name.to_lowercase();
    let found = storage.account(name.to_owned()).await?;
    // In the audit trail under the account's name; a name that is no account is not written
    // (it may be a passphrase typed in the wrong field).
    let actor = found.as_ref().map_or_else(
        || "console".to_owned(),
        |(a, _)| format!("console:{}", a.name),
    );
    let refused = async |refusal| {
        storage
            .audit(actor.clone(), "sign_in_refused".into(), None, now())
            .await
            .map(|()| Err(refusal))
    };
    let failures = storage.failures(key.clone()).await?;
    if let Some(f) = &failures {
        let until = DateTime::parse_from_rfc3339(&f.blocked_until)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or(at);
        if until > at {
            let seconds = (until - at).num_seconds().max(1);
            return refused(Refusal::Wait(seconds)).await;
        }
    }
    let matches = match &found {
        Some((_, hash)) if passphrase.chars().count() <= MAX_PASSPHRASE_CHARS => {
            verify_passphrase(passphrase, hash)
        }
        _ => {
            let _ = verify_passphrase(passphrase, &DECOY);
            false
        }
    };
    match found {
        Some((account, _)) if matches => {
            if failures.is_some() {
                storage.set_failures(key, None).await?;
            }
            storage.audit(actor, "sign_in".into(), None, now()).await?;
            Ok(Ok(account))
        }
        _ => {
            let count = failures.map_or(0, |f| f.count) + 1;
            let wait = wait_after(count);
            storage
                .set_failures(
                    key,
                    Some(Failures {
                        count,
                        blocked_until: aiguillage_domain::time::stamp(at + wait),
                    }),
                )
                .await?;
            refused(if wait > Duration::zero() {
                Refusal::Wait(wait.num_seconds())
            } else {
                Refusal::Wrong
            })
            .await
        }
    }
}

/// How long the next attempt waits after `failures` failures in a row.
pub fn wait_after(failures: u32) -> Duration {
    if failures < FREE_FAILURES {
        return Duration::zero();
    }
    let doublings = (failures - FREE_FAILURES).min(10);
    Duration::seconds((5_i64 << doublings).min(MAX_WAIT_SECONDS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_verifies_against_its_own_hash_only() {
        let hash = hash_passphrase("correct horse battery").unwrap();
        assert!(
            hash.starts_with("$argon2id$"),
            "Argon2id, PHC format: {hash}"
        );
        assert!(verify_passphrase("correct horse battery", &hash));
        assert!(!verify_passphrase("correct horse batterY", &hash));
        assert!(!verify_passphrase("anything", "not a hash"));
    }

    #[test]
    fn waits_start_after_the_free_failures_double_and_stop_at_fifteen_minutes() {
        assert_eq!(wait_after(1), Duration::zero());
        assert_eq!(wait_after(FREE_FAILURES - 1), Duration::zero());
        assert_eq!(wait_after(FREE_FAILURES), Duration::seconds(5));
        assert_eq!(wait_after(FREE_FAILURES + 1), Duration::seconds(10));
        assert_eq!(wait_after(FREE_FAILURES + 20), Duration::minutes(15));
    }
}
