//! The PostgreSQL backend, for a national deployment: a connection pool, the same tables and the
//! same behaviour as SQLite. Several server processes can share one database: pushes of a device
//! are serialised by a row lock on the device, and change numbers are handed out under an advisory
//! lock so that a device pulling never skips a change committed late.
//!
//! Every method of [`Storage`] is here; the two that do most are beside it: `push` (reading what
//! a batch's fate depends on, writing what `batch.rs` decides) and `erasure` (erasing a record,
//! applying retention).

use std::str::FromStr;

use aiguillage_domain::sync::{Change, ChangeKind, WireOperation};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Transaction};
use tokio_postgres::NoTls;

use super::*;

mod console;
mod erasure;
mod push;

use erasure::erase_in;

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

impl Storage for Postgres {
    async fn create_centre(&self, name: String, by: String, now: String) -> StoreResult<Centre> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(internal)?;
        let id = uuid::Uuid::now_v7().to_string();
        tx.execute(
            "INSERT INTO centre (id, name, created_at) VALUES ($1, $2, $3)",
            &[&id, &name, &now],
        )
        .await
        .map_err(internal)?;
        audit(&tx, &by, "centre_create", Some(&id), &now).await?;
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
        by: String,
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
        audit(&tx, &by, "enrolment_code_create", Some(&centre_id), &now).await?;
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

    async fn revoke(&self, device_id: String, by: String, now: String) -> StoreResult<()> {
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
        audit(&tx, &by, "revoke", Some(&device_id), &now).await?;
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
        self.store_batch(device, operations, now).await
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
        self.pending_erasures().await
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
        by: String,
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
            &by,
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
        self.retain(anonymise_before, delete_before, now).await
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
