//! The SQLite backend: the embedded default. One connection behind a mutex (SQLite has one writer
//! anyway), WAL and `synchronous=FULL`, each call one transaction run off the async threads.
//!
//! Every method of [`Storage`] is here; the two that do most are beside it, as for PostgreSQL:
//! `push` (reading what a batch's fate depends on, writing what `batch.rs` decides) and `erasure`
//! (erasing a record, applying retention).

use std::path::Path;
use std::sync::{Arc, LazyLock, Mutex};

use aiguillage_domain::sync::{Change, ChangeKind, WireOperation};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use rusqlite_migration::{M, Migrations};

use super::*;

mod console;
mod erasure;
mod push;

use erasure::{erase_in, retain_in};
use push::{PushResult, push_in};

/// The schema's files, in order.
const MIGRATION_FILES: [&str; 3] = [
    include_str!("../../../migrations/sqlite/0001_initial.sql"),
    include_str!("../../../migrations/sqlite/0002_device_key.sql"),
    include_str!("../../../migrations/sqlite/0003_console.sql"),
];

/// How many migrations this build knows (`PRAGMA user_version` of a database it migrated).
pub const MIGRATION_COUNT: usize = MIGRATION_FILES.len();

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_FILES.iter().map(|sql| M::up(sql)).collect()));

/// The SQLite storage.
#[derive(Clone)]
pub struct Sqlite {
    conn: Arc<Mutex<Connection>>,
}

fn internal(e: impl std::fmt::Display) -> StoreError {
    StoreError::Internal(e.to_string())
}

impl Sqlite {
    /// Opens (creating and migrating) the database file.
    pub fn open(path: &Path) -> StoreResult<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(internal)?;
        }
        let mut conn = Connection::open(path).map_err(internal)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(internal)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(internal)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(internal)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(internal)?;
        MIGRATIONS.to_latest(&mut conn).map_err(internal)?;
        Ok(Sqlite {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` in one immediate transaction on a blocking thread.
    async fn tx<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = conn
                .lock()
                .map_err(|_| StoreError::Internal("the connection lock is poisoned".into()))?;
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(internal)?;
            let value = f(&tx)?;
            tx.commit().map_err(internal)?;
            Ok(value)
        })
        .await
        .map_err(internal)?
    }
}

fn device_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Device> {
    Ok(Device {
        id: r.get(0)?,
        centre_id: r.get(1)?,
        name: r.get(2)?,
        enrolled_at: r.get(3)?,
        revoked_at: r.get(4)?,
        cursor: r.get(5)?,
        last_seen: r.get(6)?,
    })
}

const DEVICE_COLUMNS: &str = "id, centre_id, name, enrolled_at, revoked_at, cursor, last_seen";

fn audit(
    tx: &Transaction<'_>,
    actor: &str,
    action: &str,
    record_id: Option<&str>,
    now: &str,
) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO audit (at, actor, action, record_id) VALUES (?1, ?2, ?3, ?4)",
        params![now, actor, action, record_id],
    )
    .map_err(internal)?;
    Ok(())
}

impl Storage for Sqlite {
    async fn create_centre(&self, name: String, by: String, now: String) -> StoreResult<Centre> {
        self.tx(move |tx| {
            let id = uuid::Uuid::now_v7().to_string();
            tx.execute(
                "INSERT INTO centre (id, name, created_at) VALUES (?1, ?2, ?3)",
                params![id, name, now],
            )
            .map_err(internal)?;
            audit(tx, &by, "centre_create", Some(&id), &now)?;
            Ok(Centre { id, name })
        })
        .await
    }

    async fn list_centres(&self) -> StoreResult<Vec<Centre>> {
        self.tx(|tx| {
            let mut stmt = tx
                .prepare("SELECT id, name FROM centre ORDER BY created_at")
                .map_err(internal)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(Centre {
                        id: r.get(0)?,
                        name: r.get(1)?,
                    })
                })
                .map_err(internal)?;
            rows.collect::<rusqlite::Result<_>>().map_err(internal)
        })
        .await
    }

    async fn create_enrolment_code(
        &self,
        centre_id: String,
        code_hash: String,
        expires_at: String,
        by: String,
        now: String,
    ) -> StoreResult<()> {
        self.tx(move |tx| {
            let exists: bool = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM centre WHERE id = ?1)",
                    [&centre_id],
                    |r| r.get(0),
                )
                .map_err(internal)?;
            if !exists {
                return Err(StoreError::NotFound(format!("centre {centre_id}")));
            }
            tx.execute(
                "INSERT INTO enrolment_code (code_hash, centre_id, expires_at) VALUES (?1, ?2, ?3)",
                params![code_hash, centre_id, expires_at],
            )
            .map_err(internal)?;
            audit(tx, &by, "enrolment_code_create", Some(&centre_id), &now)
        })
        .await
    }

    async fn enrol(
        &self,
        code_hash: String,
        device_name: String,
        token_hash: String,
        public_key: Option<String>,
        now: String,
    ) -> StoreResult<(Device, Centre)> {
        self.tx(move |tx| {
            let centre: Option<(String, String)> = tx
                .query_row(
                    "SELECT c.id, c.name FROM enrolment_code e JOIN centre c ON c.id = e.centre_id
                     WHERE e.code_hash = ?1 AND e.used_at IS NULL AND e.expires_at > ?2",
                    params![code_hash, now],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
                .map_err(internal)?;
            let (centre_id, centre_name) = centre.ok_or(StoreError::BadCode)?;
            tx.execute("UPDATE enrolment_code SET used_at = ?2 WHERE code_hash = ?1", params![code_hash, now]).map_err(internal)?;
            let id = uuid::Uuid::now_v7().to_string();
            tx.execute(
                "INSERT INTO device (id, centre_id, name, token_hash, public_key, enrolled_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, centre_id, device_name, token_hash, public_key, now],
            )
            .map_err(internal)?;
            audit(tx, &format!("device:{id}"), "enrol", Some(&centre_id), &now)?;
            let device = Device { id, centre_id: centre_id.clone(), name: device_name, enrolled_at: now, revoked_at: None, cursor: 0, last_seen: None };
            Ok((device, Centre { id: centre_id, name: centre_name }))
        })
        .await
    }

    async fn authenticate(&self, token_hash: String, now: String) -> StoreResult<Device> {
        self.tx(move |tx| {
            let device = tx
                .query_row(
                    &format!("SELECT {DEVICE_COLUMNS} FROM device WHERE token_hash = ?1"),
                    [&token_hash],
                    device_row,
                )
                .optional()
                .map_err(internal)?;
            match device {
                Some(d) if d.revoked_at.is_none() => {
                    tx.execute(
                        "UPDATE device SET last_seen = ?2 WHERE id = ?1",
                        params![d.id, now],
                    )
                    .map_err(internal)?;
                    Ok(d)
                }
                _ => Err(StoreError::Unauthorized),
            }
        })
        .await
    }

    async fn list_devices(&self) -> StoreResult<Vec<Device>> {
        self.tx(|tx| {
            let mut stmt = tx
                .prepare(&format!(
                    "SELECT {DEVICE_COLUMNS} FROM device ORDER BY enrolled_at"
                ))
                .map_err(internal)?;
            let rows = stmt.query_map([], device_row).map_err(internal)?;
            rows.collect::<rusqlite::Result<_>>().map_err(internal)
        })
        .await
    }

    async fn bundle_key(&self, device_id: String) -> StoreResult<BundleKey> {
        self.tx(move |tx| {
            tx.query_row(
                "SELECT public_key, token_hash FROM device WHERE id = ?1",
                [&device_id],
                |r| Ok(bundle_key(r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(internal)?
            .ok_or(StoreError::NotFound(format!("device {device_id}")))
        })
        .await
    }

    async fn revoke(&self, device_id: String, by: String, now: String) -> StoreResult<()> {
        self.tx(move |tx| {
            let changed = tx
                .execute(
                    "UPDATE device SET revoked_at = COALESCE(revoked_at, ?2) WHERE id = ?1",
                    params![device_id, now],
                )
                .map_err(internal)?;
            if changed == 0 {
                return Err(StoreError::NotFound(format!("device {device_id}")));
            }
            audit(tx, &by, "revoke", Some(&device_id), &now)
        })
        .await
    }

    async fn status(&self, device: Device) -> StoreResult<(i64, i64)> {
        self.tx(move |tx| {
            let high: i64 = tx
                .query_row("SELECT COALESCE(MAX(seq), 0) FROM operation WHERE device_id = ?1", [&device.id], |r| r.get(0))
                .map_err(internal)?;
            let latest: i64 = tx
                .query_row(
                    "SELECT COALESCE(MAX(change_seq), 0) FROM change WHERE centre_id = ?1 OR centre_id IS NULL",
                    [&device.centre_id],
                    |r| r.get(0),
                )
                .map_err(internal)?;
            Ok((high, latest))
        })
        .await
    }

    async fn push(
        &self,
        device: Device,
        operations: Vec<WireOperation>,
        now: String,
    ) -> StoreResult<PushOutcome> {
        let outcome = self
            .tx({
                let device = device.clone();
                let now = now.clone();
                move |tx| push_in(tx, &device, &operations, &now)
            })
            .await?;
        match outcome {
            PushResult::Stored(outcome) => Ok(outcome),
            PushResult::Conflict(seq, op) => {
                // The refused batch rolled back; the conflicting operation is kept on its own.
                self.tx(move |tx| {
                    tx.execute(
                        "INSERT INTO quarantine (device_id, seq, operation, reason, received_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![device.id, seq, op, "same device and seq already held with a different body", now],
                    )
                    .map_err(internal)?;
                    audit(tx, &format!("device:{}", device.id), "quarantine", None, &now)
                })
                .await?;
                Err(StoreError::Conflict { seq })
            }
        }
    }

    async fn pull(
        &self,
        device: Device,
        after: i64,
        limit: i64,
    ) -> StoreResult<(Vec<Change>, bool)> {
        self.tx(move |tx| {
            tx.execute("UPDATE device SET cursor = MAX(cursor, ?2) WHERE id = ?1", params![device.id, after]).map_err(internal)?;
            let mut stmt = tx
                .prepare(
                    "SELECT change_seq, kind, entity_id, payload FROM change
                     WHERE change_seq > ?1 AND (centre_id = ?2 OR centre_id IS NULL) ORDER BY change_seq LIMIT ?3",
                )
                .map_err(internal)?;
            let rows = stmt
                .query_map(params![after, device.centre_id, limit + 1], |r| {
                    let payload: String = r.get(3)?;
                    Ok(Change {
                        change_seq: r.get(0)?,
                        kind: ChangeKind::from_stored(&r.get::<_, String>(1)?),
                        entity_id: r.get(2)?,
                        payload: serde_json::from_str(&payload).unwrap_or_default(),
                    })
                })
                .map_err(internal)?;
            let mut changes: Vec<Change> = rows.collect::<rusqlite::Result<_>>().map_err(internal)?;
            let more = changes.len() as i64 > limit;
            changes.truncate(usize::try_from(limit).unwrap_or(0));
            Ok((changes, more))
        })
        .await
    }

    async fn erase(&self, entity_id: String, by: String, now: String) -> StoreResult<()> {
        self.tx(move |tx| erase_in(tx, &entity_id, &by, &now)).await
    }

    async fn list_quarantine(&self) -> StoreResult<Vec<Quarantined>> {
        self.tx(|tx| {
            let mut stmt = tx
                .prepare("SELECT device_id, seq, reason, received_at, operation FROM quarantine ORDER BY id")
                .map_err(internal)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(Quarantined { device_id: r.get(0)?, seq: r.get(1)?, reason: r.get(2)?, received_at: r.get(3)?, operation: r.get(4)? })
                })
                .map_err(internal)?;
            rows.collect::<rusqlite::Result<_>>().map_err(internal)
        })
        .await
    }

    async fn list_pending_erasures(&self) -> StoreResult<Vec<PendingErasure>> {
        self.tx(|tx| {
            let mut stmt = tx
                .prepare(
                    "SELECT c.entity_id, d.id, t.erased_at FROM change c
                     JOIN device d ON d.centre_id = c.centre_id AND d.revoked_at IS NULL AND d.cursor < c.change_seq
                     JOIN tombstone t ON t.entity_id = c.entity_id
                     WHERE c.kind = 'erasure' ORDER BY c.change_seq, d.id",
                )
                .map_err(internal)?;
            let rows = stmt
                .query_map([], |r| Ok(PendingErasure { entity_id: r.get(0)?, device_id: r.get(1)?, erased_at: r.get(2)? }))
                .map_err(internal)?;
            rows.collect::<rusqlite::Result<_>>().map_err(internal)
        })
        .await
    }

    async fn published(&self, kind: String, name: String) -> StoreResult<Option<String>> {
        self.tx(move |tx| {
            tx.query_row(
                "SELECT payload FROM change WHERE kind = ?1 AND entity_id = ?2
                 ORDER BY change_seq DESC LIMIT 1",
                [&kind, &name],
                |r| r.get(0),
            )
            .optional()
            .map_err(internal)
        })
        .await
    }

    async fn list_records(&self) -> StoreResult<Vec<StoredRecord>> {
        self.tx(|tx| {
            let mut stmt = tx
                .prepare(
                    "SELECT centre_id, device_id, entity_id, received_at, body FROM operation
                     WHERE entity = 'diagnostic' AND kind = 'create' AND body IS NOT NULL ORDER BY received_at, device_id, seq",
                )
                .map_err(internal)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(StoredRecord { centre_id: r.get(0)?, device_id: r.get(1)?, entity_id: r.get(2)?, received_at: r.get(3)?, body: r.get(4)? })
                })
                .map_err(internal)?;
            rows.collect::<rusqlite::Result<_>>().map_err(internal)
        })
        .await
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
        self.tx(move |tx| {
            if let Some(centre) = &centre_id {
                let exists: bool = tx
                    .query_row("SELECT EXISTS (SELECT 1 FROM centre WHERE id = ?1)", [centre], |r| r.get(0))
                    .map_err(internal)?;
                if !exists {
                    return Err(StoreError::NotFound(format!("centre {centre}")));
                }
            }
            tx.execute(
                "INSERT INTO change (centre_id, kind, entity_id, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![centre_id, kind, entity_id, payload, now],
            )
            .map_err(internal)?;
            let seq = tx.last_insert_rowid();
            audit(tx, &by, &format!("publish_{kind}"), entity_id.as_deref().or(centre_id.as_deref()), &now)?;
            Ok(seq)
        })
        .await
    }

    async fn apply_retention(
        &self,
        anonymise_before: String,
        delete_before: String,
        now: String,
    ) -> StoreResult<(usize, usize)> {
        self.tx(move |tx| retain_in(tx, &anonymise_before, &delete_before, &now))
            .await
    }

    async fn audit(
        &self,
        actor: String,
        action: String,
        record_id: Option<String>,
        now: String,
    ) -> StoreResult<()> {
        self.tx(move |tx| audit(tx, &actor, &action, record_id.as_deref(), &now))
            .await
    }
}
