//! What the device knows of its server, kept in `meta`: where it is, the device's identity and
//! credential, the pull cursor, the last outcome, and where the current identity's operations
//! start in the local log.

use rusqlite::Transaction;
use zeroize::Zeroizing;

use super::{Store, meta, oplog};
use crate::error::Result;

const SERVER: &str = "sync_server";
const DEVICE: &str = "sync_device_id";
const TOKEN: &str = "sync_token";
const CENTRE: &str = "sync_centre";
const CURSOR: &str = "sync_cursor";
const LAST_SUCCESS: &str = "sync_last_success";
const LAST_ERROR: &str = "sync_last_error";
const REVOKED: &str = "sync_revoked";
/// The local `seq` after which the current device identity's operations start (absent: 0).
const SEQ_BASE: &str = "sync_seq_base";
/// The secret half of the device's bundle-signing key (hex); absent from devices enrolled before.
const SIGNING_KEY: &str = "sync_signing_key";

/// What an enrolment gives the device.
pub struct Enrolment<'a> {
    pub server: &'a str,
    pub device_id: &'a str,
    pub token: &'a str,
    pub centre: &'a str,
    /// The bundle-signing key's secret half, in hex.
    pub signing_key: &'a str,
}

/// The device's sync state as stored.
#[derive(Debug, Default)]
pub struct SyncState {
    pub server: Option<String>,
    pub device_id: Option<String>,
    pub token: Option<Zeroizing<String>>,
    pub centre: Option<String>,
    pub cursor: i64,
    pub last_success: Option<String>,
    /// The last failure as recorded (JSON, or "<when> <sentence>" from before).
    pub last_error: Option<String>,
    pub revoked: bool,
    pub seq_base: i64,
    pub signing_key: Option<Zeroizing<String>>,
}

/// Keeps a new enrolment, in the caller's transaction: a new identity, its cursor at the start,
/// no revocation or failure left from the previous one.
pub(crate) fn enrol(tx: &Transaction<'_>, e: &Enrolment<'_>) -> Result<()> {
    // A database enrolled again (after a revocation) gave its acknowledged operations to the
    // server under its previous identity; the new one starts its seq after them.
    let base = oplog::last_sent_seq(tx)?.to_string();
    for (key, value) in [
        (SERVER, e.server),
        (DEVICE, e.device_id),
        (TOKEN, e.token),
        (CENTRE, e.centre),
        (CURSOR, "0"),
        (SEQ_BASE, base.as_str()),
        (SIGNING_KEY, e.signing_key),
    ] {
        meta::set(tx, key, value)?;
    }
    meta::delete(tx, &[REVOKED, LAST_ERROR])
}

/// Moves the pull cursor, in the transaction that applied the changes up to it.
pub(crate) fn set_cursor(tx: &Transaction<'_>, cursor: i64) -> Result<()> {
    meta::set(tx, CURSOR, &cursor.to_string())
}

impl Store {
    /// The device's sync state.
    pub fn sync_state(&self) -> Result<SyncState> {
        let number = |key: &str| -> Result<i64> { Ok(self.find_meta_as(key)?.unwrap_or(0)) };
        Ok(SyncState {
            server: self.find_meta(SERVER)?,
            device_id: self.find_meta(DEVICE)?,
            token: self.find_meta(TOKEN)?.map(Zeroizing::new),
            centre: self.find_meta(CENTRE)?,
            cursor: number(CURSOR)?,
            last_success: self.find_meta(LAST_SUCCESS)?,
            last_error: self.find_meta(LAST_ERROR)?,
            revoked: self.find_meta(REVOKED)?.is_some(),
            seq_base: number(SEQ_BASE)?,
            signing_key: self.find_meta(SIGNING_KEY)?.map(Zeroizing::new),
        })
    }

    /// Records a sync that succeeded at `at`; the last failure is forgotten.
    pub fn record_sync_success(&mut self, at: &str) -> Result<()> {
        self.write(|tx| {
            meta::set(tx, LAST_SUCCESS, at)?;
            meta::delete(tx, &[LAST_ERROR])
        })
    }

    /// Records a sync that failed (`recorded`, as [`SyncState::last_error`] reads it back), and
    /// since when the server refuses the device, when it did.
    pub fn record_sync_failure(&mut self, recorded: &str, revoked_at: Option<&str>) -> Result<()> {
        self.write(|tx| {
            meta::set(tx, LAST_ERROR, recorded)?;
            if let Some(at) = revoked_at {
                meta::set(tx, REVOKED, at)?;
            }
            Ok(())
        })
    }
}
