//! Erasure on PostgreSQL: a record's content removed with its tombstone and the change that takes
//! it off its centre's devices, under the change feed's lock; and retention, which anonymises old
//! diagnostics and erases older ones the same way.

use deadpool_postgres::Transaction;

use super::{CHANGE_FEED_LOCK, Postgres, audit, internal};
use crate::storage::{PendingErasure, StoreResult, anonymised_body};

pub(super) async fn erase_in(
    tx: &Transaction<'_>,
    entity_id: &str,
    by: &str,
    now: &str,
) -> StoreResult<()> {
    // The change feed's lock before any row: every path that holds both takes them in this
    // order (retention included), so two never wait on each other.
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&CHANGE_FEED_LOCK])
        .await
        .map_err(internal)?;
    let centre: Option<String> = tx
        .query_opt(
            "SELECT centre_id FROM operation WHERE entity_id = $1 LIMIT 1",
            &[&entity_id],
        )
        .await
        .map_err(internal)?
        .map(|r| r.get(0));
    tx.execute(
        "UPDATE operation SET body = NULL WHERE entity_id = $1",
        &[&entity_id],
    )
    .await
    .map_err(internal)?;
    let inserted = tx
        .execute(
            "INSERT INTO tombstone (entity_id, centre_id, erased_at, erased_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            &[&entity_id, &centre, &now, &by],
        )
        .await
        .map_err(internal)?;
    if inserted == 1 {
        let payload = serde_json::json!({ "entity_id": entity_id, "erased_at": now }).to_string();
        tx.execute(
            "INSERT INTO change (centre_id, kind, entity_id, payload, created_at) VALUES ($1, 'erasure', $2, $3, $4)",
            &[&centre, &entity_id, &payload, &now],
        )
        .await
        .map_err(internal)?;
        audit(tx, by, "erase", Some(entity_id), now).await?;
    }
    Ok(())
}

impl Postgres {
    /// Applies retention (see [`crate::storage::Storage::apply_retention`]).
    pub(super) async fn retain(
        &self,
        anonymise_before: String,
        delete_before: String,
        now: String,
    ) -> StoreResult<(usize, usize)> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(internal)?;
        // Before any row (see `erase_in`).
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&CHANGE_FEED_LOCK])
            .await
            .map_err(internal)?;
        // Deleted first (none is anonymised for nothing), as an erasure is: a tombstone, and a
        // change that takes the copy off the device that made it when it next syncs.
        let due = tx
            .query(
                "SELECT DISTINCT entity_id FROM operation
                 WHERE entity = 'diagnostic' AND kind = 'create' AND received_at < $1
                 AND entity_id NOT IN (SELECT entity_id FROM tombstone)",
                &[&delete_before],
            )
            .await
            .map_err(internal)?;
        for row in &due {
            let entity_id: String = row.get(0);
            erase_in(&tx, &entity_id, "retention", &now).await?;
        }
        let deleted = due.len();
        let rows = tx
            .query(
                "SELECT device_id, seq, body FROM operation
                 WHERE entity = 'diagnostic' AND kind = 'create' AND body IS NOT NULL AND received_at < $1",
                &[&anonymise_before],
            )
            .await
            .map_err(internal)?;
        let mut anonymised = 0;
        for row in &rows {
            let (device, seq, body): (String, i64, String) = (row.get(0), row.get(1), row.get(2));
            if let Some(summary) = anonymised_body(&body) {
                tx.execute(
                    "UPDATE operation SET body = $3 WHERE device_id = $1 AND seq = $2",
                    &[&device, &seq, &summary],
                )
                .await
                .map_err(internal)?;
                anonymised += 1;
            }
        }
        if anonymised + deleted > 0 {
            audit(
                &tx,
                "retention",
                &format!("retention: {anonymised} anonymised, {deleted} deleted"),
                None,
                &now,
            )
            .await?;
        }
        tx.commit().await.map_err(internal)?;
        Ok((anonymised, deleted))
    }

    /// The devices that have not yet applied an erasure of their centre.
    pub(super) async fn pending_erasures(&self) -> StoreResult<Vec<PendingErasure>> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT c.entity_id, d.id, t.erased_at FROM change c
                 JOIN device d ON d.centre_id = c.centre_id AND d.revoked_at IS NULL AND d.cursor < c.change_seq
                 JOIN tombstone t ON t.entity_id = c.entity_id
                 WHERE c.kind = 'erasure' ORDER BY c.change_seq, d.id",
                &[],
            )
            .await
            .map_err(internal)?;
        Ok(rows
            .iter()
            .map(|r| PendingErasure {
                entity_id: r.get(0),
                device_id: r.get(1),
                erased_at: r.get(2),
            })
            .collect())
    }
}
