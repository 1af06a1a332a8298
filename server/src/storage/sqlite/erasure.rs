//! Erasure on SQLite: a record's content removed with its tombstone and the change that takes it
//! off its centre's devices; and retention, which anonymises old diagnostics and erases older
//! ones the same way. Each runs inside the caller's transaction.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{audit, internal};
use crate::storage::{StoreResult, anonymised_body};

pub(super) fn erase_in(
    tx: &Transaction<'_>,
    entity_id: &str,
    by: &str,
    now: &str,
) -> StoreResult<()> {
    let centre: Option<String> = tx
        .query_row(
            "SELECT centre_id FROM operation WHERE entity_id = ?1 LIMIT 1",
            [entity_id],
            |r| r.get(0),
        )
        .optional()
        .map_err(internal)?;
    let already: bool = tx
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM tombstone WHERE entity_id = ?1)",
            [entity_id],
            |r| r.get(0),
        )
        .map_err(internal)?;
    tx.execute(
        "UPDATE operation SET body = NULL WHERE entity_id = ?1",
        [entity_id],
    )
    .map_err(internal)?;
    if !already {
        tx.execute(
            "INSERT INTO tombstone (entity_id, centre_id, erased_at, erased_by) VALUES (?1, ?2, ?3, ?4)",
            params![entity_id, centre, now, by],
        )
        .map_err(internal)?;
        let payload = serde_json::json!({ "entity_id": entity_id, "erased_at": now }).to_string();
        tx.execute(
            "INSERT INTO change (centre_id, kind, entity_id, payload, created_at) VALUES (?1, 'erasure', ?2, ?3, ?4)",
            params![centre, entity_id, payload, now],
        )
        .map_err(internal)?;
        audit(tx, by, "erase", Some(entity_id), now)?;
    }
    Ok(())
}

/// Applies retention: diagnostics received before `delete_before` are erased, those received
/// before `anonymise_before` keep only their result; (anonymised, deleted).
pub(super) fn retain_in(
    tx: &Transaction<'_>,
    anonymise_before: &str,
    delete_before: &str,
    now: &str,
) -> StoreResult<(usize, usize)> {
    // Deleted first (none is anonymised for nothing), as an erasure is: a tombstone, and
    // a change that takes the copy off the device that made it when it next syncs.
    let due: Vec<String> = {
        let mut stmt = tx
            .prepare(
                "SELECT DISTINCT entity_id FROM operation
                     WHERE entity = 'diagnostic' AND kind = 'create' AND received_at < ?1
                     AND entity_id NOT IN (SELECT entity_id FROM tombstone)",
            )
            .map_err(internal)?;
        let rows = stmt
            .query_map([&delete_before], |r| r.get(0))
            .map_err(internal)?;
        rows.collect::<rusqlite::Result<_>>().map_err(internal)?
    };
    for entity_id in &due {
        erase_in(tx, entity_id, "retention", now)?;
    }
    let deleted = due.len();
    let rows: Vec<(String, i64, String)> = {
        let mut stmt = tx
                .prepare(
                    "SELECT device_id, seq, body FROM operation
                     WHERE entity = 'diagnostic' AND kind = 'create' AND body IS NOT NULL AND received_at < ?1",
                )
                .map_err(internal)?;
        let rows = stmt
            .query_map([&anonymise_before], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(internal)?;
        rows.collect::<rusqlite::Result<_>>().map_err(internal)?
    };
    let mut anonymised = 0;
    for (device, seq, body) in rows {
        if let Some(summary) = anonymised_body(&body) {
            tx.execute(
                "UPDATE operation SET body = ?3 WHERE device_id = ?1 AND seq = ?2",
                params![device, seq, summary],
            )
            .map_err(internal)?;
            anonymised += 1;
        }
    }
    if anonymised + deleted > 0 {
        audit(
            tx,
            "retention",
            &format!("retention: {anonymised} anonymised, {deleted} deleted"),
            None,
            now,
        )?;
    }
    Ok((anonymised, deleted))
}
