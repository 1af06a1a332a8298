//! The questionnaire versions received from the server, kept as their JSON text.

use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use crate::error::Result;

/// Keeps a received questionnaire version; one already there is left as it was.
pub(crate) fn insert_received(
    tx: &Transaction<'_>,
    id: &str,
    version: u32,
    body: &str,
    received_at: &str,
) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO questionnaire (id, version, body, received_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, version, body, received_at],
    )?;
    Ok(())
}

impl Store {
    /// The text of questionnaire `id` at `version`, if it was received.
    pub(crate) fn questionnaire_body(&self, id: &str, version: u32) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT body FROM questionnaire WHERE id = ?1 AND version = ?2",
                params![id, version],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The text of the newest received version of questionnaire `id` after `version`, if any.
    pub(crate) fn newest_questionnaire_after(
        &self,
        id: &str,
        version: u32,
    ) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT body FROM questionnaire WHERE id = ?1 AND version > ?2 ORDER BY version DESC LIMIT 1",
                params![id, version],
                |r| r.get(0),
            )
            .optional()?)
    }
}
