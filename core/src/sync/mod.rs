//! The device side of `spec/sync.md`, one module a concept: the HTTP [`client`], [`enrol`]ment,
//! [`push`] of the operation log after the server's high-water mark, [`pull`] of changes applied
//! with their cursor in one transaction, file [`bundle`]s, and the [`background`] loop. What the
//! device knows of its server is kept by the store (`store::sync_state`).

mod background;
mod bundle;
mod client;
mod enrol;
mod error;
mod pull;
mod push;

pub use background::{Backoff, run_loop};
pub use error::{SyncError, SyncFailure};

use serde::Serialize;

use crate::workspace::Workspace;
use client::Client;

/// What the UI shows: pending count, last success, last error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyncStatus {
    pub enrolled: bool,
    pub server: Option<String>,
    pub centre: Option<String>,
    pub device_id: Option<String>,
    pub pending: u64,
    pub last_success: Option<String>,
    pub last_error: Option<SyncFailure>,
    pub revoked: bool,
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SyncReport {
    pub pushed: u64,
    pub acked_through: i64,
    pub changes_applied: u64,
    pub erased: Vec<String>,
}

impl Workspace {
    /// The sync state for the status line and the sync panel.
    pub fn sync_status(&self) -> Result<SyncStatus, SyncError> {
        let state = self.store.sync_state()?;
        Ok(SyncStatus {
            enrolled: state.token.is_some(),
            server: state.server,
            centre: state.centre,
            device_id: state.device_id,
            pending: self.store.count_pending_operations()?,
            last_success: state.last_success,
            last_error: state.last_error.as_deref().map(SyncFailure::parse),
            revoked: state.revoked,
        })
    }

    /// One full sync: upload what the server lacks, then download and apply changes. The outcome
    /// (success or the error in plain words) is recorded for the status line.
    pub fn sync(&mut self) -> Result<SyncReport, SyncError> {
        let result = self.sync_once();
        let at = self.now();
        let recorded = match &result {
            Ok(_) => self.store.record_sync_success(&at),
            Err(e) => {
                let message = serde_json::to_string(&SyncFailure::new(&at, e))
                    .unwrap_or_else(|_| format!("{at} {e}"));
                let revoked = matches!(e, SyncError::Revoked).then_some(at.as_str());
                self.store.record_sync_failure(&message, revoked)
            }
        };
        // Failing to record the outcome (a full disk) must not hide the sync's own result.
        let _ = recorded;
        result
    }

    /// The client to this device's server, with its credential.
    fn client(&self) -> Result<Client, SyncError> {
        if self.store.mode() == crate::Mode::Demo {
            return Err(SyncError::Demo);
        }
        let state = self.store.sync_state()?;
        let (Some(server), Some(token)) = (state.server, state.token) else {
            return Err(SyncError::NotEnrolled);
        };
        Client::new(&self.http, &server, Some(token.to_string()))
    }

    fn sync_once(&mut self) -> Result<SyncReport, SyncError> {
        let client = self.client()?;
        let mut report = SyncReport::default();
        self.push(&client, &mut report)?;
        self.pull(&client, &mut report)?;
        Ok(report)
    }
}
