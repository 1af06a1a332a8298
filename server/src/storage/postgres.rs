//! The PostgreSQL backend, for a national deployment: a connection pool, the same tables and the
//! same behaviour as SQLite. Several server processes can share one database: pushes of a device
//! are serialised by a row lock on the device, and change numbers are handed out under an advisory
//! lock so that a device pulling never skips a change committed late.
//!
//! Longer than 500 lines: every method of [`Storage`] for this database, so the two backends read
//! side by side; the protocol's rules are not here but in `batch.rs`.

use std::str::FromStr;

use aiguillage_domain::sync::{Change, ChangeKind, WireOperation};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Transaction};
use tokio_postgres::NoTls;

use super::*;
use crate::batch::{self, Decision, Held};

mod embedded {
    refinery::embed_migrations!("migrations/postgres");
}

/// The lock taken before writing to the change feed (any constant shared by all servers).
const CHANGE_FEED_LOCK: i64 = 0x6169_6775_696c;

/// The PostgreSQL storage.
#[derive(Clone)]
pub struct Postgres {
    pool: Pool,
}

fn internal(e: impl std::fmt::Display) -> StoreError {
    StoreError::Internal(e.to_string())
}

impl Postgres {
    /// Connects to `url` (`postgres://…`) and brings the schema up to date.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let config = tokio_postgres::Config::from_str(url).map_err(|e| {
            StoreError::Invalid(format!("--db is not a valid PostgreSQL URL ({e})"))
        })?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(16)
            .build()
            .map_err(internal)?;
        let mut client = pool
            .get()
            .await
            .map_err(|e| StoreError::Internal(format!("PostgreSQL could not be reached: {e}")))?;
        // Concurrent starts of several servers migrate one at a time.
        client
            .execute("SELECT pg_advisory_lock($1)", &[&CHANGE_FEED_LOCK])
            .await
            .map_err(internal)?;
        let migrated = embedded::migrations::runner()
            .run_async(&mut **client)
            .await
            .map_err(internal);
        client
            .execute("SELECT pg_advisory_unlock($1)", &[&CHANGE_FEED_LOCK])
            .await
            .map_err(internal)?;
        migrated?;
        Ok(Postgres { pool })
    }

    async fn client(&self) -> StoreResult<deadpool_postgres::Object> {
        self.pool.get().await.map_err(internal)
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

fn device_row(r: &tokio_postgres::Row) -> Device {
    Device {
        id: r.get(0),
        centre_id: r.get(1),
        name: r.get(2),
        enrolled_at: r.get(3),
        revoked_at: r.get(4),
        cursor: r.get(5),
        last_seen: r.get(6),
    }
}

const DEVICE_COLUMNS: &str = "id, centre_id, name, enrolled_at, revoked_at, cursor, last_seen";

async fn audit(
    tx: &Transaction<'_>,
    actor: &str,
    action: &str,
    record_id: Option<&str>,
    now: &str,
) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO audit (at, actor, action, record_id) VALUES ($1, $2, $3, $4)",
        &[&now, &actor, &action, &record_id],
    )
    .await
    .map_err(internal)?;
    Ok(())
}

async fn erase_in(tx: &Transaction<'_>, entity_id: &str, by: &str, now: &str) -> StoreResult<()> {
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

impl Storage for Postgres {
    async fn create_centre(&self, name: String, now: String) -> StoreResult<Centre> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(internal)?;
        let id = uuid::Uuid::now_v7().to_string();
        tx.execute(
            "INSERT INTO centre (id, name, created_at) VALUES ($1, $2, $3)",
            &[&id, &name, &now],
        )
        .await
        .map_err(internal)?;
        audit(&tx, "admin", "centre_create", Some(&id), &now).await?;
        tx.commit().await.map_err(internal)?;
        Ok(Centre { id, name })
    }

    async fn list_centres(&self) -> StoreResult<Vec<Centre>> {
        let client = self.client().await?;
        let rows = client
            .query("SELECT id, name FROM centre ORDER BY created_at", &[])
            .await
            .map_err(internal)?;
        Ok(rows
            .iter()
            .map(|r| Centre {
                id: r.get(0),
                name: r.get(1),
            })
            .collect())
    }

    async fn create_enrolment_code(
        &self,
        centre_id: String,
        code_hash: String,
        expires_at: String,
        now: String,
    ) -> StoreResult<()> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(internal)?;
        if tx
            .query_opt("SELECT 1 FROM centre WHERE id = $1", &[&centre_id])
            .await
            .map_err(internal)?
            .is_none()
        {
            return Err(StoreError::NotFound(format!("centre {centre_id}")));
        }
        tx.execute(
            "INSERT INTO enrolment_code (code_hash, centre_id, expires_at) VALUES ($1, $2, $3)",
            &[&code_hash, &centre_id, &expires_at],
        )
        .await
        .map_err(internal)?;
        audit(
            &tx,
            "admin",
            "enrolment_code_create",
            Some(&centre_id),
            &now,
        )
        .await?;
        tx.commit().await.map_err(internal)
    }

    async fn enrol(
        &self,
        code_hash: String,
        device_name: String,
        token_hash: String,
        public_key: Option<String>,
        now: String,
    ) -> StoreResult<(Device, Centre)> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(internal)?;
        // One statement marks the code used, so two devices racing with one code cannot both win.
        let row = tx
            .query_opt(
                "UPDATE enrolment_code SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
                 RETURNING centre_id",
                &[&code_hash, &now],
            )
            .await
            .map_err(internal)?
            .ok_or(StoreError::BadCode)?;
        let centre_id: String = row.get(0);
        let centre_name: String = tx
            .query_one("SELECT name FROM centre WHERE id = $1", &[&centre_id])
            .await
            .map_err(internal)?
            .get(0);
        let id = uuid::Uuid::now_v7().to_string();
        tx.execute(
            "INSERT INTO device (id, centre_id, name, token_hash, public_key, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6)",
            &[&id, &centre_id, &device_name, &token_hash, &public_key, &now],
        )
        .await
        .map_err(internal)?;
        audit(
            &tx,
            &format!("device:{id}"),
            "enrol",
            Some(&centre_id),
            &now,
        )
        .await?;
        tx.commit().await.map_err(internal)?;
        let device = Device {
            id,
            centre_id: centre_id.clone(),
            name: device_name,
            enrolled_at: now,
            revoked_at: None,
            cursor: 0,
            last_seen: None,
        };
        Ok((
            device,
            Centre {
                id: centre_id,
                name: centre_name,
            },
        ))
    }

    async fn authenticate(&self, token_hash: String, now: String) -> StoreResult<Device> {
        let client = self.client().await?;
        let row = client
            .query_opt(
                &format!("UPDATE device SET last_seen = $2 WHERE token_hash = $1 AND revoked_at IS NULL RETURNING {DEVICE_COLUMNS}"),
                &[&token_hash, &now],
            )
            .await
            .map_err(internal)?;
        row.map(|r| device_row(&r)).ok_or(StoreError::Unauthorized)
    }

    async fn list_devices(&self) -> StoreResult<Vec<Device>> {
        let client = self.client().await?;
        let rows = client
            .query(
                &format!("SELECT {DEVICE_COLUMNS} FROM device ORDER BY enrolled_at"),
                &[],
            )
            .await
            .map_err(internal)?;
        Ok(rows.iter().map(device_row).collect())
    }

    async fn bundle_key(&self, device_id: String) -> StoreResult<BundleKey> {
        let client = self.client().await?;
        let row = client
            .query_opt(
                "SELECT public_key, token_hash FROM device WHERE id = $1",
                &[&device_id],
            )
            .await
            .map_err(internal)?;
        row.map(|r| bundle_key(r.get(0), r.get(1)))
            .ok_or(StoreError::NotFound(format!("device {device_id}")))
    }

    async fn revoke(&self, device_id: String, now: String) -> StoreResult<()> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(internal)?;
        let changed = tx
            .execute(
                "UPDATE device SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1",
                &[&device_id, &now],
            )
            .await
            .map_err(internal)?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("device {device_id}")));
        }
        audit(&tx, "admin", "revoke", Some(&device_id), &now).await?;
        tx.commit().await.map_err(internal)
    }

    async fn status(&self, device: Device) -> StoreResult<(i64, i64)> {
        let client = self.client().await?;
        let high: i64 = client
            .query_one(
                "SELECT COALESCE(MAX(seq), 0) FROM operation WHERE device_id = $1",
                &[&device.id],
            )
            .await
            .map_err(internal)?
            .get(0);
        let latest: i64 = client
            .query_one("SELECT COALESCE(MAX(change_seq), 0) FROM change WHERE centre_id = $1 OR centre_id IS NULL", &[&device.centre_id])
            .await
            .map_err(internal)?
            .get(0);
        Ok((high, latest))
    }

    async fn push(
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

    async fn pull(
        &self,
        device: Device,
        after: i64,
        limit: i64,
    ) -> StoreResult<(Vec<Change>, bool)> {
        let client = self.client().await?;
        client
            .execute(
                "UPDATE device SET cursor = GREATEST(cursor, $2) WHERE id = $1",
                &[&device.id, &after],
            )
            .await
            .map_err(internal)?;
        let rows = client
            .query(
                "SELECT change_seq, kind, entity_id, payload FROM change
                 WHERE change_seq > $1 AND (centre_id = $2 OR centre_id IS NULL) ORDER BY change_seq LIMIT $3",
                &[&after, &device.centre_id, &(limit + 1)],
            )
            .await
            .map_err(internal)?;
        let mut changes: Vec<Change> = rows
            .iter()
            .map(|r| {
                let payload: String = r.get(3);
                Change {
                    change_seq: r.get(0),
                    kind: ChangeKind::from_stored(r.get(1)),
                    entity_id: r.get(2),
                    payload: serde_json::from_str(&payload).unwrap_or_default(),
                }
            })
            .collect();
        let more = changes.len() as i64 > limit;
        changes.truncate(usize::try_from(limit).unwrap_or(0));
        Ok((changes, more))
    }

    async fn erase(&self, entity_id: String, by: String, now: String) -> StoreResult<()> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(internal)?;
        erase_in(&tx, &entity_id, &by, &now).await?;
        tx.commit().await.map_err(internal)
    }

    async fn list_quarantine(&self) -> StoreResult<Vec<Quarantined>> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT device_id, seq, reason, received_at, operation FROM quarantine ORDER BY id",
                &[],
            )
            .await
            .map_err(internal)?;
        Ok(rows
            .iter()
            .map(|r| Quarantined {
                device_id: r.get(0),
                seq: r.get(1),
                reason: r.get(2),
                received_at: r.get(3),
                operation: r.get(4),
            })
            .collect())
    }

    async fn list_pending_erasures(&self) -> StoreResult<Vec<PendingErasure>> {
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

    async fn published(&self, kind: String, name: String) -> StoreResult<Option<String>> {
        let client = self.client().await?;
        let row = client
            .query_opt(
                "SELECT payload FROM change WHERE kind = $1 AND entity_id = $2
                 ORDER BY change_seq DESC LIMIT 1",
                &[&kind, &name],
            )
            .await
            .map_err(internal)?;
        Ok(row.map(|r| r.get(0)))
    }

    async fn list_records(&self) -> StoreResult<Vec<StoredRecord>> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT centre_id, device_id, entity_id, received_at, body FROM operation
                 WHERE entity = 'diagnostic' AND kind = 'create' AND body IS NOT NULL ORDER BY received_at, device_id, seq",
                &[],
            )
            .await
            .map_err(internal)?;
        Ok(rows
            .iter()
            .map(|r| StoredRecord {
                centre_id: r.get(0),
                device_id: r.get(1),
                entity_id: r.get(2),
                received_at: r.get(3),
                body: r.get(4),
            })
            .collect())
    }

    async fn publish(
        &self,
        centre_id: Option<String>,
        kind: String,
        entity_id: Option<String>,
        payload: String,
        now: String,
    ) -> StoreResult<i64> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(internal)?;
        if let Some(centre) = &centre_id {
            let found = tx
                .query_opt("SELECT 1 FROM centre WHERE id = $1", &[centre])
                .await
                .map_err(internal)?;
            if found.is_none() {
                return Err(StoreError::NotFound(format!("centre {centre}")));
            }
        }
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&CHANGE_FEED_LOCK])
            .await
            .map_err(internal)?;
        let seq: i64 = tx
            .query_one(
                "INSERT INTO change (centre_id, kind, entity_id, payload, created_at) VALUES ($1, $2, $3, $4, $5)
                 RETURNING change_seq",
                &[&centre_id, &kind, &entity_id, &payload, &now],
            )
            .await
            .map_err(internal)?
            .get(0);
        audit(
            &tx,
            "admin",
            &format!("publish_{kind}"),
            entity_id.as_deref().or(centre_id.as_deref()),
            &now,
        )
        .await?;
        tx.commit().await.map_err(internal)?;
        Ok(seq)
    }

    async fn apply_retention(
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

    async fn audit(
        &self,
        actor: String,
        action: String,
        record_id: Option<String>,
        now: String,
    ) -> StoreResult<()> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(internal)?;
        audit(&tx, &actor, &action, record_id.as_deref(), &now).await?;
        tx.commit().await.map_err(internal)
    }
}
