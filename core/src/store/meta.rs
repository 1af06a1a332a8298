//! The `meta` table: the device's settings and markers as key and text value (the centre's name,
//! the retention periods, the sync state, which kind of records the file holds).

use rusqlite::{OptionalExtension, Transaction};

use super::Store;
use super::audit::AuditAction;
use crate::error::Result;

impl Store {
    /// A stored setting.
    pub fn find_meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?)
    }

    /// A stored setting read as a `T` (a number of days, a cursor); `None` when absent or not one.
    pub fn find_meta_as<T: std::str::FromStr>(&self, key: &str) -> Result<Option<T>> {
        Ok(self.find_meta(key)?.and_then(|v| v.parse().ok()))
    }

    /// Stores a marker that is no one's action (the sample directory's import, the demo's seed).
    pub fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| set(tx, key, value))
    }

    /// Changes a setting with its audit row, in one transaction.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let trail = self.trail();
        self.write(|tx| {
            set(tx, key, value)?;
            trail.record(tx, AuditAction::SettingsChange, None, None)
        })
    }
}

/// Stores `value` under `key` inside the caller's transaction.
pub(crate) fn set(tx: &Transaction<'_>, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )?;
    Ok(())
}

/// Removes `keys` inside the caller's transaction.
pub(crate) fn delete(tx: &Transaction<'_>, keys: &[&str]) -> Result<()> {
    let mut stmt = tx.prepare_cached("DELETE FROM meta WHERE key = ?1")?;
    for key in keys {
        stmt.execute([key])?;
    }
    Ok(())
}
