//! The server's storage: one trait, one implementation per database, chosen from the `--db` URL
//! at start (`sqlite://PATH`, the embedded default, or `postgres://…`). Handlers are generic over
//! it, and one behaviour suite runs against every backend. The server process keeps no state of
//! its own: everything is here.

pub mod console;
pub mod postgres;
pub mod sqlite;

use std::future::Future;

pub use aiguillage_domain::sync::BundleKey;
use aiguillage_domain::sync::{Change, WireOperation};
use serde::Serialize;

/// A centre (a drop-in centre or a network of them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Centre {
    pub id: String,
    pub name: String,
}

/// An enrolled device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Device {
    pub id: String,
    pub centre_id: String,
    pub name: String,
    pub enrolled_at: String,
    pub revoked_at: Option<String>,
    pub cursor: i64,
    pub last_seen: Option<String>,
}

/// What a push did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushOutcome {
    pub acked_through: i64,
    /// How many operations of the batch were new (a resent one is not stored again).
    pub stored: usize,
    /// Records uploaded after they were erased: acknowledged, not stored.
    pub erased: Vec<String>,
}

/// An operation kept aside for an administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quarantined {
    pub device_id: String,
    pub seq: i64,
    pub reason: String,
    pub received_at: String,
    pub operation: String,
}

/// A device that has not yet applied an erasure of its centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PendingErasure {
    pub entity_id: String,
    pub device_id: String,
    pub erased_at: String,
}

/// One stored diagnostic, for exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredRecord {
    pub centre_id: String,
    pub device_id: String,
    pub entity_id: String,
    pub received_at: String,
    pub body: String,
}

/// A diagnostic's body with its answers removed: questionnaire, version, month of completion and
/// the result summary remain, enough for figures, nothing about the person. `None` when already so.
pub fn anonymised_body(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    value.get("answers")?;
    let month = value["completed_at"]
        .as_str()
        .and_then(|d| d.get(..7))
        .unwrap_or_default();
    Some(
        serde_json::json!({
            "questionnaire": value["questionnaire"],
            "version": value["version"],
            "completed_at": month,
            "result": value["result"],
            "anonymised": true,
        })
        .to_string(),
    )
}

/// What storage refuses; the HTTP layer maps each to a status.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum StoreError {
    #[error("the enrolment code is unknown, already used or expired")]
    BadCode,
    #[error("the device credential is unknown or revoked")]
    Unauthorized,
    #[error("{0} was not found")]
    NotFound(String),
    /// The same (device, seq) already holds another body; the new one is quarantined.
    #[error(
        "operation {seq} of this device is already held with a different body; it was quarantined for an administrator"
    )]
    Conflict { seq: i64 },
    #[error("operation {got} arrived but the server expects {expected} next")]
    Gap { expected: i64, got: i64 },
    #[error("{0}")]
    Invalid(String),
    /// The device tried to touch another centre's record.
    #[error("{0}")]
    Forbidden(String),
    #[error("storage failed: {0}")]
    Internal(String),
}

impl From<crate::batch::Refusal> for StoreError {
    fn from(refusal: crate::batch::Refusal) -> Self {
        match refusal {
            crate::batch::Refusal::Gap { expected, got } => StoreError::Gap { expected, got },
            crate::batch::Refusal::OtherCentre { seq } => StoreError::Forbidden(format!(
                "operation {seq} is about a record of another centre"
            )),
        }
    }
}

/// The storage result alias.
pub type StoreResult<T> = Result<T, StoreError>;

/// Everything the server stores. Each method is one transaction.
pub trait Storage: Clone + Send + Sync + 'static {
    fn create_centre(
        &self,
        name: String,
        by: String,
        now: String,
    ) -> impl Future<Output = StoreResult<Centre>> + Send;
    fn list_centres(&self) -> impl Future<Output = StoreResult<Vec<Centre>>> + Send;
    /// Stores a single-use enrolment code's hash for `centre_id`.
    fn create_enrolment_code(
        &self,
        centre_id: String,
        code_hash: String,
        expires_at: String,
        by: String,
        now: String,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// Trades a valid, unused, unexpired code for a device with this token hash (and the public
    /// key its bundles are signed with, when it sent one).
    fn enrol(
        &self,
        code_hash: String,
        device_name: String,
        token_hash: String,
        public_key: Option<String>,
        now: String,
    ) -> impl Future<Output = StoreResult<(Device, Centre)>> + Send;
    /// The device holding this token, unless revoked.
    fn authenticate(
        &self,
        token_hash: String,
        now: String,
    ) -> impl Future<Output = StoreResult<Device>> + Send;
    fn list_devices(&self) -> impl Future<Output = StoreResult<Vec<Device>>> + Send;
    /// What a device's bundles are checked with: its public key, or for a device enrolled
    /// without one, its token's hash.
    fn bundle_key(&self, device_id: String) -> impl Future<Output = StoreResult<BundleKey>> + Send;
    /// Revokes a device, in `by`'s name in the audit trail.
    fn revoke(
        &self,
        device_id: String,
        by: String,
        now: String,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// The device's contiguous high-water mark and the latest change it may pull.
    fn status(&self, device: Device) -> impl Future<Output = StoreResult<(i64, i64)>> + Send;
    /// Stores a batch in one transaction, idempotently (see `spec/sync.md`).
    fn push(
        &self,
        device: Device,
        operations: Vec<WireOperation>,
        now: String,
    ) -> impl Future<Output = StoreResult<PushOutcome>> + Send;
    /// Changes after `after` for the device's centre, at most `limit`; records `after` as applied.
    fn pull(
        &self,
        device: Device,
        after: i64,
        limit: i64,
    ) -> impl Future<Output = StoreResult<(Vec<Change>, bool)>> + Send;
    /// Erases a record's content everywhere on the server and tells its centre's devices.
    fn erase(
        &self,
        entity_id: String,
        by: String,
        now: String,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    fn list_quarantine(&self) -> impl Future<Output = StoreResult<Vec<Quarantined>>> + Send;
    fn list_pending_erasures(
        &self,
    ) -> impl Future<Output = StoreResult<Vec<PendingErasure>>> + Send;
    /// The payload of the last change of `kind` published as `name` (a questionnaire's
    /// `id@version`, the retention periods' `periods`).
    fn published(
        &self,
        kind: String,
        name: String,
    ) -> impl Future<Output = StoreResult<Option<String>>> + Send;
    /// Every stored diagnostic (not erased), oldest first.
    fn list_records(&self) -> impl Future<Output = StoreResult<Vec<StoredRecord>>> + Send;
    /// Publishes a change to every device of `centre_id` (or of every centre): a directory
    /// update or a questionnaire version. Returns its change number.
    fn publish(
        &self,
        centre_id: Option<String>,
        kind: String,
        entity_id: Option<String>,
        payload: String,
        by: String,
        now: String,
    ) -> impl Future<Output = StoreResult<i64>> + Send;
    /// Applies retention: diagnostics received before `anonymise_before` keep only their result
    /// (no answers); those received before `delete_before` are erased, as a consent withdrawal
    /// erases them: the copy on the device that made them goes at its next sync.
    /// Returns (anonymised, deleted) counts, in diagnostics.
    fn apply_retention(
        &self,
        anonymise_before: String,
        delete_before: String,
        now: String,
    ) -> impl Future<Output = StoreResult<(usize, usize)>> + Send;
    /// Appends to the audit trail.
    fn audit(
        &self,
        actor: String,
        action: String,
        record_id: Option<String>,
        now: String,
    ) -> impl Future<Output = StoreResult<()>> + Send;
}

/// A device's bundle key from its row: the public key when it enrolled with one.
fn bundle_key(public_key: Option<String>, token_hash: String) -> BundleKey {
    public_key.map_or(BundleKey::Token(token_hash), BundleKey::Device)
}
