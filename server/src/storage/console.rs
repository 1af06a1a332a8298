//! What the web console stores besides the sync's records: coordinators' accounts, their
//! sessions, the sign-in failures that slow guessing, and what its pages read (the audit trail,
//! the records a report counts). A second trait beside [`Storage`], with the same two backends.

use std::future::Future;

use serde::Serialize;

use super::{Storage, StoreResult};

/// What an account may see and do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "role", content = "centre_id", rename_all = "lowercase")]
pub enum Role {
    /// The network's coordinator: every centre.
    Network,
    /// A centre's coordinator: this centre only.
    Centre(String),
}

impl Role {
    /// The role's stored name.
    pub fn name(&self) -> &'static str {
        match self {
            Role::Network => "network",
            Role::Centre(_) => "centre",
        }
    }

    /// The role from its stored columns.
    pub fn from_columns(role: &str, centre_id: Option<String>) -> StoreResult<Self> {
        match (role, centre_id) {
            ("network", None) => Ok(Role::Network),
            ("centre", Some(centre)) => Ok(Role::Centre(centre)),
            (other, _) => Err(super::StoreError::Internal(format!(
                "account role \"{other}\" does not match its centre"
            ))),
        }
    }

    /// The centre this role is bound to (none for the network's coordinator).
    pub fn centre(&self) -> Option<&str> {
        match self {
            Role::Network => None,
            Role::Centre(id) => Some(id),
        }
    }

    /// Whether this role may see and act on `centre_id`'s devices, records and figures.
    pub fn covers(&self, centre_id: &str) -> bool {
        self.centre().is_none_or(|own| own == centre_id)
    }
}

/// A coordinator's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub name: String,
    pub role: Role,
}

/// Consecutive failed sign-ins under one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    /// Until when a new attempt is refused unread.
    pub blocked_until: String,
}

/// One line of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub record_id: Option<String>,
}

/// A stored operation a report counts: a diagnostic made, a follow-up noted, or a count-only
/// diagnostic (erased ones excluded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub centre_id: String,
    pub entity: String,
    pub kind: String,
    pub entity_id: String,
    pub body: String,
}

/// The console's storage.
pub trait ConsoleStorage: Storage {
    /// Creates an account; refused when the name is taken or the centre unknown.
    fn create_account(
        &self,
        account: Account,
        passphrase_hash: String,
        now: String,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// The account of this name with its passphrase hash.
    fn account(
        &self,
        name: String,
    ) -> impl Future<Output = StoreResult<Option<(Account, String)>>> + Send;
    fn list_accounts(&self) -> impl Future<Output = StoreResult<Vec<Account>>> + Send;
    /// The failed sign-ins under `name`, if any since its last success.
    fn failures(&self, name: String) -> impl Future<Output = StoreResult<Option<Failures>>> + Send;
    /// Records the failures under `name`, or forgets them (`None`, after a success).
    fn set_failures(
        &self,
        name: String,
        failures: Option<Failures>,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Opens a session for `account` (dropping expired ones).
    fn open_session(
        &self,
        token_hash: String,
        account: String,
        csrf: String,
        expires_at: String,
        now: String,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// The account and CSRF token of a session not yet expired at `now`.
    fn session(
        &self,
        token_hash: String,
        now: String,
    ) -> impl Future<Output = StoreResult<Option<(Account, String)>>> + Send;
    fn close_session(&self, token_hash: String) -> impl Future<Output = StoreResult<()>> + Send;
    /// The latest `limit` lines of the audit trail, newest first.
    fn audit_trail(&self, limit: i64) -> impl Future<Output = StoreResult<Vec<AuditEntry>>> + Send;
    /// What a report counts, of one centre or of all.
    fn counted(
        &self,
        centre_id: Option<String>,
    ) -> impl Future<Output = StoreResult<Vec<Counted>>> + Send;
}
