//! Retention and the local audit trail. Drafts are deleted after a period (30 days by default)
//! and first names erased after another (90 days), automatically each time the data directory is
//! opened; every sensitive action leaves an audit row with no personal content.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use rusqlite::params;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::files::write_whole;
use crate::store::Store;
use crate::workspace::Workspace;

/// The audit trail's actor for what retention removes by itself.
pub const RETENTION_ACTOR: &str = "retention";

const DRAFT_DAYS: &str = "retention_draft_days";
const FIRST_NAME_DAYS: &str = "retention_first_name_days";

/// How long what is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Retention {
    /// Unfinished diagnostics are deleted after this many days without change.
    pub draft_days: u32,
    /// First names typed for sheets are erased this many days after the diagnostic.
    pub first_name_days: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            draft_days: 30,
            first_name_days: 90,
        }
    }
}

/// What one retention run removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RetentionReport {
    pub drafts_deleted: usize,
    pub first_names_erased: usize,
}

/// What the audit trail records: one code per kind of action, stored first in the row's action
/// (`export`, or `directory_import: structures=3 services=5` with its detail). The app words each
/// code from its catalogue (`audit.actions.<code>`); the command line prints it as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    Unlock,
    Lock,
    /// Locked by the app after the idle delay.
    IdleLock,
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
}

impl AuditAction {
    pub const ALL: [Self; 17] = [
        Self::Unlock,
        Self::Lock,
        Self::IdleLock,
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
    ];

    pub const fn code(self) -> &'static str {
        match self {
            Self::Unlock => "unlock",
            Self::Lock => "lock",
            Self::IdleLock => "idle_lock",
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

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// An action's counts as its detail, `name=value` (`structures=3 services=5`): the command line
/// prints them as they are, and the app words them from its catalogue (`audit.details.<code>`).
pub(crate) fn counted(values: &[(&str, usize)]) -> String {
    let values: Vec<String> = values.iter().map(|(k, v)| format!("{k}={v}")).collect();
    values.join(" ")
}

/// Appends to the audit trail inside the caller's transaction, so the action and its trace are
/// committed together.
pub(crate) fn audit_in(
    tx: &rusqlite::Transaction<'_>,
    actor: &str,
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
        params![stamp(Utc::now()), actor, action, record_id],
    )?;
    Ok(())
}

impl Store {
    /// Appends to the audit trail (in its own transaction).
    pub fn audit(&mut self, action: AuditAction, record_id: Option<&str>) -> Result<()> {
        let actor = self.actor().to_owned();
        self.write(|tx| audit_in(tx, &actor, action, None, record_id))
    }

    /// Appends to the audit trail with a detail that names no one (a role, counts).
    pub fn audit_detailed(&mut self, action: AuditAction, detail: &str) -> Result<()> {
        let actor = self.actor().to_owned();
        self.write(|tx| audit_in(tx, &actor, action, Some(detail), None))
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
            .conn()
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

    /// The retention periods in force.
    pub fn retention(&self) -> Result<Retention> {
        let default = Retention::default();
        let days = |key: &str, fallback: u32| -> Result<u32> {
            Ok(self
                .find_meta(key)?
                .and_then(|v| v.parse().ok())
                .unwrap_or(fallback))
        };
        Ok(Retention {
            draft_days: days(DRAFT_DAYS, default.draft_days)?,
            first_name_days: days(FIRST_NAME_DAYS, default.first_name_days)?,
        })
    }

    /// Changes the retention periods (each 1 to 3650 days).
    pub fn set_retention(&mut self, retention: Retention) -> Result<()> {
        for (what, days) in [
            ("drafts", retention.draft_days),
            ("first names", retention.first_name_days),
        ] {
            if !(1..=3650).contains(&days) {
                return Err(Error::BadInput(format!(
                    "the retention of {what} must be between 1 and 3650 days, not {days}"
                )));
            }
        }
        // Both periods and their trace, together.
        let actor = self.actor().to_owned();
        self.write(|tx| {
            crate::store::set_meta(tx, DRAFT_DAYS, &retention.draft_days.to_string())?;
            crate::store::set_meta(tx, FIRST_NAME_DAYS, &retention.first_name_days.to_string())?;
            audit_in(tx, &actor, AuditAction::RetentionChange, None, None)
        })
    }

    /// Deletes what has outlived its period as of `now`, in one transaction, and audits it.
    pub fn apply_retention(&mut self, now: DateTime<Utc>) -> Result<RetentionReport> {
        let retention = self.retention()?;
        let draft_limit = stamp(now - Duration::days(i64::from(retention.draft_days)));
        let name_limit = stamp(now - Duration::days(i64::from(retention.first_name_days)));
        self.write(|tx| {
            let drafts_deleted = tx.execute("DELETE FROM draft WHERE updated_at < ?1", [&draft_limit])?;
            let first_names_erased = tx.execute(
                "UPDATE diagnostic SET first_name = NULL WHERE first_name IS NOT NULL AND completed_at < ?1",
                [&name_limit],
            )?;
            if drafts_deleted + first_names_erased > 0 {
                let counts = counted(&[("drafts", drafts_deleted), ("first_names", first_names_erased)]);
                audit_in(tx, RETENTION_ACTOR, AuditAction::Retention, Some(&counts), None)?;
            }
            Ok(RetentionReport { drafts_deleted, first_names_erased })
        })
    }
}

impl Workspace {
    /// Applies retention as of now (done at every open).
    pub fn apply_retention(&mut self) -> Result<RetentionReport> {
        self.store.apply_retention(Utc::now())
    }
}
