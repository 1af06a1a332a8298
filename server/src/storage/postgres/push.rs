//! A push on PostgreSQL: the device's row locked so its pushes go one after the other (two
//! requests racing, two server processes), what the batch's fate depends on read with a few
//! set-based queries, and what [`crate::batch::decide`] says written with one `INSERT … UNNEST`.

use aiguillage_domain::sync::WireOperation;

use super::{Postgres, audit, erase_in, internal};
use crate::batch::{self, Decision, Held};
use crate::storage::{Device, PushOutcome, StoreError, StoreResult};

impl Postgres {
    /// Stores a batch in one transaction (see [`crate::storage::Storage::push`]).
    pub(super) async fn store_batch(
        &self,
        device: Device,
        operations: Vec<WireOperation>,
        now: String,
    ) -> StoreResult<PushOutcome> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(internal)?;
        // Pushes of one device (two requests racing, two servers) go one after the other.
        tx.execute(
            "SELECT 1 FROM device WHERE id = $1 FOR UPDATE",
            &[&device.id],
        )
        .await
        .map_err(internal)?;
        let high: i64 = tx
            .query_one(
                "SELECT COALESCE(MAX(seq), 0) FROM operation WHERE device_id = $1",
                &[&device.id],
            )
            .await
            .map_err(internal)?
            .get(0);
        // A few set-based queries per batch rather than several round trips per operation.
        let mut held = Held {
            high,
            ..Held::default()
        };
        let seqs = Held::held_seqs(&operations, high);
        if !seqs.is_empty() {
            let rows = tx
                .query(
                    "SELECT seq, op_id, body_sha256 FROM operation WHERE device_id = $1 AND seq = ANY($2)",
                    &[&device.id, &seqs],
                )
                .await
                .map_err(internal)?;
            held.at_seq = rows
                .iter()
                .map(|r| (r.get(0), (r.get(1), r.get(2))))
                .collect();
        }
        let entity_ids = Held::entity_ids(&operations);
        held.owners = tx
            .query(
                "SELECT DISTINCT ON (entity_id) entity_id, centre_id FROM operation WHERE entity_id = ANY($1)",
                &[&entity_ids],
            )
            .await
            .map_err(internal)?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        held.tombstones = tx
            .query(
                "SELECT entity_id FROM tombstone WHERE entity_id = ANY($1)",
                &[&entity_ids],
            )
            .await
            .map_err(internal)?
            .iter()
            .map(|r| r.get(0))
            .collect();
        let plan = match batch::decide(&device.centre_id, &operations, &held) {
            Decision::Store(plan) => plan,
            Decision::Quarantine { index } => {
                drop(tx);
                return self.quarantine(&device, &operations[index], &now).await;
            }
            Decision::Refuse(refusal) => return Err(refusal.into()),
        };
        if !plan.inserts.is_empty() {
            let fresh: Vec<&WireOperation> =
                plan.inserts.iter().map(|i| &operations[i.index]).collect();
            let column =
                |f: fn(&WireOperation) -> &str| fresh.iter().map(|op| f(op)).collect::<Vec<&str>>();
            let seqs: Vec<i64> = fresh.iter().map(|op| op.seq).collect();
            let base_versions: Vec<Option<i64>> = fresh.iter().map(|op| op.base_version).collect();
            let bodies: Vec<Option<&str>> = plan
                .inserts
                .iter()
                .map(|i| i.keep_body.then_some(operations[i.index].body.as_str()))
                .collect();
            let inserted = tx
                .execute(
                    "INSERT INTO operation (device_id, seq, op_id, centre_id, entity, entity_id, kind, base_version, body,
                                            body_sha256, recorded_at, received_at)
                     SELECT $1, seq, op_id, $2, entity, entity_id, kind, base_version, body, body_sha256, recorded_at, $3
                     FROM UNNEST($4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::text[],
                                 $11::text[], $12::text[])
                          AS t (seq, op_id, entity, entity_id, kind, base_version, body, body_sha256, recorded_at)",
                    &[
                        &device.id,
                        &device.centre_id,
                        &now,
                        &seqs,
                        &column(|op| &op.op_id),
                        &column(|op| op.entity.as_str()),
                        &column(|op| &op.entity_id),
                        &column(|op| op.kind.as_str()),
                        &base_versions,
                        &bodies,
                        &column(|op| &op.body_sha256),
                        &column(|op| &op.recorded_at),
                    ],
                )
                .await;
            match inserted {
                Ok(_) => {}
                Err(e) if e.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION) => {
                    return Err(StoreError::Invalid(
                        "an operation of this batch reuses the op_id of another operation".into(),
                    ));
                }
                Err(e) => return Err(internal(e)),
            }
            for entity_id in &plan.erasures {
                erase_in(&tx, entity_id, &format!("device:{}", device.id), &now).await?;
            }
            audit(&tx, &format!("device:{}", device.id), "push", None, &now).await?;
        }
        tx.commit().await.map_err(internal)?;
        Ok(PushOutcome {
            acked_through: plan.acked_through,
            stored: plan.inserts.len(),
            erased: plan.erased,
        })
    }

    /// Keeps a refused operation for an administrator, in its own transaction (the batch that
    /// carried it was rolled back), and answers the conflict.
    async fn quarantine<T>(
        &self,
        device: &Device,
        op: &WireOperation,
        now: &str,
    ) -> StoreResult<T> {
        let json = serde_json::to_string(op).map_err(internal)?;
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(internal)?;
        tx.execute(
            "INSERT INTO quarantine (device_id, seq, operation, reason, received_at) VALUES ($1, $2, $3, $4, $5)",
            &[&device.id, &op.seq, &json, &"same device and seq already held with a different body", &now],
        )
        .await
        .map_err(internal)?;
        audit(
            &tx,
            &format!("device:{}", device.id),
            "quarantine",
            None,
            now,
        )
        .await?;
        tx.commit().await.map_err(internal)?;
        Err(StoreError::Conflict { seq: op.seq })
    }
}
