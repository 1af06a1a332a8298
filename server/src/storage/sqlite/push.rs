//! A push on SQLite: in the one writer's transaction, what the batch's fate depends on is read
//! ([`held_in`]) and what [`crate::batch::decide`] says is written.

use aiguillage_domain::sync::WireOperation;
use rusqlite::{OptionalExtension, Transaction, params};

use super::{audit, erase_in, internal};
use crate::batch::{self, Decision, Held};
use crate::storage::{Device, PushOutcome, StoreError, StoreResult};

pub(super) enum PushResult {
    Stored(PushOutcome),
    /// The seq whose body differs, and the refused operation as JSON.
    Conflict(i64, String),
}

pub(super) fn push_in(
    tx: &Transaction<'_>,
    device: &Device,
    operations: &[WireOperation],
    now: &str,
) -> StoreResult<PushResult> {
    let held = held_in(tx, device, operations)?;
    let plan = match batch::decide(&device.centre_id, operations, &held) {
        Decision::Store(plan) => plan,
        Decision::Quarantine { index } => {
            let op = &operations[index];
            let json = serde_json::to_string(op).map_err(internal)?;
            return Ok(PushResult::Conflict(op.seq, json));
        }
        Decision::Refuse(refusal) => return Err(refusal.into()),
    };
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO operation (device_id, seq, op_id, centre_id, entity, entity_id, kind, base_version, body,
                                    body_sha256, recorded_at, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )
        .map_err(internal)?;
    for batch::Insert { index, keep_body } in &plan.inserts {
        let op = &operations[*index];
        let inserted = insert.execute(params![
            device.id,
            op.seq,
            op.op_id,
            device.centre_id,
            op.entity.as_str(),
            op.entity_id,
            op.kind.as_str(),
            op.base_version,
            keep_body.then_some(op.body.as_str()),
            op.body_sha256,
            op.recorded_at,
            now
        ]);
        match inserted {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                return Err(StoreError::Invalid(format!(
                    "operation {} reuses op_id {} of another operation",
                    op.seq, op.op_id
                )));
            }
            Err(e) => return Err(internal(e)),
        }
    }
    for entity_id in &plan.erasures {
        erase_in(tx, entity_id, &format!("device:{}", device.id), now)?;
    }
    if !operations.is_empty() {
        audit(tx, &format!("device:{}", device.id), "push", None, now)?;
    }
    Ok(PushResult::Stored(PushOutcome {
        acked_through: plan.acked_through,
        stored: plan.inserts.len(),
        erased: plan.erased,
    }))
}

/// What the server holds about `operations` of `device` (see [`Held`]).
fn held_in(
    tx: &Transaction<'_>,
    device: &Device,
    operations: &[WireOperation],
) -> StoreResult<Held> {
    let high: i64 = tx
        .query_row(
            "SELECT COALESCE(MAX(seq), 0) FROM operation WHERE device_id = ?1",
            [&device.id],
            |r| r.get(0),
        )
        .map_err(internal)?;
    let mut held = Held {
        high,
        ..Held::default()
    };
    let mut at_seq = tx
        .prepare_cached(
            "SELECT op_id, body_sha256 FROM operation WHERE device_id = ?1 AND seq = ?2",
        )
        .map_err(internal)?;
    for seq in Held::held_seqs(operations, high) {
        if let Some(row) = at_seq
            .query_row(params![device.id, seq], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(internal)?
        {
            held.at_seq.insert(seq, row);
        }
    }
    let mut owner = tx
        .prepare_cached("SELECT centre_id FROM operation WHERE entity_id = ?1 LIMIT 1")
        .map_err(internal)?;
    let mut tombstoned = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM tombstone WHERE entity_id = ?1)")
        .map_err(internal)?;
    for entity_id in Held::entity_ids(operations) {
        if let Some(centre) = owner
            .query_row([entity_id], |r| r.get::<_, String>(0))
            .optional()
            .map_err(internal)?
        {
            held.owners.insert(entity_id.to_owned(), centre);
        }
        if tombstoned
            .query_row([entity_id], |r| r.get::<_, bool>(0))
            .map_err(internal)?
        {
            held.tombstones.insert(entity_id.to_owned());
        }
    }
    Ok(held)
}
