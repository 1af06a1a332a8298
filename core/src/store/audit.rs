//! The audit trail: every sensitive action leaves a row naming who did it, what kind of action
//! and which record, never what it held. A row is written in the same transaction as its action,
//! so the action and its trace are committed together or not at all.

use std::io::Write;
use std::path::Path;

use rusqlite::params;
use serde::Serialize;

use super::Store;
use crate::error::{Error, Result};
use crate::files::write_whole;

/// The audit trail's actor when nobody has unlocked (a device never set up, the command line
/// on a plain database).
pub const LOCAL_ACTOR: &str = "local";

/// The audit trail's actor for what retention removes by itself.
pub const RETENTION_ACTOR: &str = "retention";

/// What the audit trail records: one code per kind of action, stored first in the row's action
/// (`export`, or `directory_import: structures=3 services=5` with its detail). The app words each
/// code from its catalogue (`audit.actions.<code>`); the command line prints it as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    Unlock,
    Lock,
    /// Locked by the app after the idle delay.
    IdleLock,
    /// Locked by the app as the computer's session locked or the computer went to sleep.
    SystemLock,
    SetUp,
    Erase,
    /// Diagnostics written to a file or standard output (CSV or JSON).
    Export,
    /// The sending file for the server.
    BundleExport,
    /// A handoff sheet written as a PDF.
    Sheet,
    Enrol,
    SettingsChange,
    RetentionChange,
    /// Detail: the role.
    VolunteerAdd,
    /// Detail: the role.
    VolunteerRemove,
    VolunteerPassphrase,
    /// Detail: the counts ([`counted`]).
    DirectoryImport,
    DirectoryEdit,
    /// Detail: the counts ([`counted`]).
    Retention,
    /// Diagnostics anonymised or deleted at the end of the server's periods. Detail: the counts.
    RecordRetention,
}

impl AuditAction {
    pub const ALL: [Self; 19] = [
        Self::Unlock,
        Self::Lock,
        Self::IdleLock,
        Self::SystemLock,
        Self::SetUp,
        Self::Erase,
        Self::Export,
        Self::BundleExport,
        Self::Sheet,
        Self::Enrol,
        Self::SettingsChange,
        Self::RetentionChange,
        Self::VolunteerAdd,
        Self::VolunteerRemove,
        Self::VolunteerPassphrase,
        Self::DirectoryImport,
        Self::DirectoryEdit,
        Self::Retention,
        Self::RecordRetention,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            Self::Unlock => "unlock",
            Self::Lock => "lock",
            Self::IdleLock => "idle_lock",
            Self::SystemLock => "system_lock",
            Self::SetUp => "set_up",
            Self::Erase => "erase",
            Self::Export => "export",
            Self::BundleExport => "bundle_export",
            Self::Sheet => "sheet",
            Self::Enrol => "enrol",
            Self::SettingsChange => "settings_change",
            Self::RetentionChange => "retention_change",
            Self::VolunteerAdd => "volunteer_add",
            Self::VolunteerRemove => "volunteer_remove",
            Self::VolunteerPassphrase => "volunteer_passphrase",
            Self::DirectoryImport => "directory_import",
            Self::DirectoryEdit => "directory_edit",
            Self::Retention => "retention",
            Self::RecordRetention => "record_retention",
        }
    }
}

/// One row of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub record_id: Option<String>,
}

/// An action's counts as its detail, `name=value` (`structures=3 services=5`): the command line
/// prints them as they are, and the app words them from its catalogue (`audit.details.<code>`).
pub(crate) fn counted(values: &[(&str, usize)]) -> String {
    let values: Vec<String> = values.iter().map(|(k, v)| format!("{k}={v}")).collect();
    values.join(" ")
}

/// Who an action is on record for, and when: taken from the store before its transaction opens
/// ([`Store::trail`]), then written inside it ([`Trail::record`]).
#[derive(Debug, Clone)]
pub(crate) struct Trail {
    actor: String,
    at: String,
}

impl Trail {
    /// A trail in the name of `actor` (retention, a device of the server) rather than the store's.
    pub(crate) fn of(actor: &str, at: String) -> Self {
        Trail {
            actor: actor.to_owned(),
            at,
        }
    }

    /// Appends `action` to the audit trail inside the caller's transaction.
    pub(crate) fn record(
        &self,
        tx: &rusqlite::Transaction<'_>,
        action: AuditAction,
        detail: Option<&str>,
        record_id: Option<&str>,
    ) -> Result<()> {
        let action = match detail {
            Some(detail) => format!("{}: {detail}", action.code()),
            None => action.code().to_owned(),
        };
        tx.execute(
            "INSERT INTO audit (at, actor, action, record_id) VALUES (?1, ?2, ?3, ?4)",
            params![self.at, self.actor, action, record_id],
        )?;
        Ok(())
    }
}

impl Store {
    /// The trail of what is done now through this store, in its actor's name.
    pub(crate) fn trail(&self) -> Trail {
        Trail::of(self.actor(), self.clock().stamp())
    }

    /// Appends to the audit trail (in its own transaction).
    pub fn audit(&mut self, action: AuditAction, record_id: Option<&str>) -> Result<()> {
        let trail = self.trail();
        self.write(|tx| trail.record(tx, action, None, record_id))
    }

    /// Appends to the audit trail with a detail that names no one (a role, counts).
    pub fn audit_detailed(&mut self, action: AuditAction, detail: &str) -> Result<()> {
        let trail = self.trail();
        self.write(|tx| trail.record(tx, action, Some(detail), None))
    }

    /// Records `action` in the audit trail, then writes `path` whole ([`write_whole`]) with
    /// `write`, which reads the records from this store. The row comes first: a file that takes
    /// records out of the encrypted store, even half-written when the machine stops, is always
    /// on record; when the row cannot be written, nothing is.
    ///
    /// # Errors
    /// Database errors, `write`'s own, or [`Error::Io`] naming the file.
    pub fn write_audited<T, E: From<Error>>(
        &mut self,
        action: AuditAction,
        record_id: Option<&str>,
        path: &Path,
        write: impl FnOnce(&Store, &mut dyn Write) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.audit(action, record_id)?;
        write_whole(path, |sink| write(self, sink))
    }

    /// [`Store::write_audited`] of `bytes`: a sheet, a sending file.
    ///
    /// # Errors
    /// Database errors, or [`Error::Io`] naming the file.
    pub fn write_bytes_audited(
        &mut self,
        action: AuditAction,
        record_id: Option<&str>,
        path: &Path,
        bytes: &[u8],
    ) -> Result<()> {
        self.write_audited(action, record_id, path, |_, sink| {
            sink.write_all(bytes).map_err(|e| Error::io(path, e))
        })
    }

    /// The latest audit rows, newest first.
    pub fn list_audit(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        let mut stmt = self
            .conn
            .prepare("SELECT at, actor, action, record_id FROM audit ORDER BY id DESC LIMIT ?1")?;
        let rows = stmt.query_map([limit], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                record_id: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
