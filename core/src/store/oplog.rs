//! The operation log of `spec/sync.md`, device side. Every change to a synced entity appends one
//! operation inside the same transaction as the change, with the next gapless `seq`.

use aiguillage_domain::sync::{Entity, OpKind};
use rusqlite::Transaction;
use serde::Serialize;

use super::Store;
use crate::error::Result;

/// An operation to append.
pub struct NewOperation<'a> {
    pub entity: Entity,
    pub entity_id: &'a str,
    pub kind: OpKind,
    pub base_version: Option<i64>,
    pub body: serde_json::Value,
}

/// An operation as logged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    pub seq: i64,
    pub op_id: String,
    pub entity: Entity,
    pub entity_id: String,
    pub kind: OpKind,
    pub base_version: Option<i64>,
    pub body: String,
    pub body_sha256: String,
    pub recorded_at: String,
    pub sent: bool,
}

impl From<Operation> for aiguillage_domain::sync::WireOperation {
    fn from(op: Operation) -> Self {
        aiguillage_domain::sync::WireOperation {
            seq: op.seq,
            op_id: op.op_id,
            entity: op.entity,
            entity_id: op.entity_id,
            kind: op.kind,
            base_version: op.base_version,
            body: op.body,
            body_sha256: op.body_sha256,
            recorded_at: op.recorded_at,
        }
    }
}

/// Appends `op` with the next `seq`, in the caller's transaction.
pub(crate) fn append(tx: &Transaction<'_>, op: NewOperation<'_>, now: &str) -> Result<i64> {
    let body = op.body.to_string();
    let sha = aiguillage_domain::sync::body_hash(&body);
    // The write transaction is immediate, so no other writer can take the same seq.
    let seq: i64 = tx.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM operation", [], |r| {
        r.get(0)
    })?;
    tx.execute(
        "INSERT INTO operation (seq, op_id, entity, entity_id, kind, base_version, body, body_sha256, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        (seq, uuid::Uuid::now_v7().to_string(), op.entity.as_str(), op.entity_id, op.kind.as_str(), op.base_version, body, sha, now),
    )?;
    Ok(seq)
}

/// The last `seq` the server has acknowledged (0 when none).
pub(crate) fn last_sent_seq(tx: &Transaction<'_>) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT COALESCE(MAX(seq), 0) FROM operation WHERE sent = 1",
        [],
        |r| r.get(0),
    )?)
}

/// Whether the log holds an operation about `entity_id`, on `conn` (the store's, or a
/// transaction's).
pub(crate) fn mentions(conn: &rusqlite::Connection, entity_id: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM operation WHERE entity_id = ?1)",
        [entity_id],
        |r| r.get(0),
    )?)
}

/// Replaces the body of every operation about `entity_id` but its erasure with the erased body,
/// hashed again so operations not yet sent stay valid.
pub(crate) fn erase_bodies(tx: &Transaction<'_>, entity_id: &str) -> Result<()> {
    let erased = aiguillage_domain::sync::ERASED_BODY;
    tx.execute(
        "UPDATE operation SET body = ?2, body_sha256 = ?3 WHERE entity_id = ?1 AND kind <> 'erase'",
        rusqlite::params![
            entity_id,
            erased,
            aiguillage_domain::sync::body_hash(erased)
        ],
    )?;
    Ok(())
}

/// Removes the answers from the logged creation of diagnostic `entity_id` (its body keeps the
/// questionnaire, the dates and the result), hashed again so an operation not yet sent stays valid.
pub(crate) fn anonymise_bodies(tx: &Transaction<'_>, entity_id: &str) -> Result<()> {
    let mut stmt = tx.prepare(
        "SELECT seq, body FROM operation WHERE entity_id = ?1 AND entity = 'diagnostic' AND kind = 'create'",
    )?;
    let rows: Vec<(i64, String)> = stmt
        .query_map([entity_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (seq, body) in rows {
        let Ok(serde_json::Value::Object(mut fields)) = serde_json::from_str(&body) else {
            continue;
        };
        if fields
            .get("answers")
            .is_none_or(|a| a.as_object().is_some_and(|m| m.is_empty()))
        {
            continue;
        }
        fields.insert("answers".into(), serde_json::json!({}));
        let body = serde_json::Value::Object(fields).to_string();
        tx.execute(
            "UPDATE operation SET body = ?2, body_sha256 = ?3 WHERE seq = ?1",
            rusqlite::params![seq, body, aiguillage_domain::sync::body_hash(&body)],
        )?;
    }
    Ok(())
}

impl Store {
    /// Whether the log holds an operation about `entity_id` (a record made or received here).
    pub fn mentions(&self, entity_id: &str) -> Result<bool> {
        mentions(&self.conn, entity_id)
    }

    /// How many operations the server has not acknowledged yet.
    pub fn count_pending_operations(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM operation WHERE sent = 0", [], |r| {
                r.get(0)
            })?)
    }

    /// Marks every operation up to `through` as held by the server.
    pub fn mark_sent(&mut self, through: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE operation SET sent = 1 WHERE seq <= ?1 AND sent = 0",
                [through],
            )?;
            Ok(())
        })
    }

    /// Every operation about `entity_id`, in order.
    pub fn list_operations_for(&self, entity_id: &str) -> Result<Vec<Operation>> {
        self.list_operations_where("entity_id = ?1 ORDER BY seq", [entity_id])
    }

    /// Operations not yet acknowledged by the server, in order.
    pub fn list_pending_operations(&self) -> Result<Vec<Operation>> {
        self.list_operations_where("sent = 0 ORDER BY seq", [])
    }

    /// At most `limit` operations after `seq`, in order (the next upload batch).
    pub fn list_operations_after(&self, seq: i64, limit: usize) -> Result<Vec<Operation>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.list_operations_where("seq > ?1 ORDER BY seq LIMIT ?2", (seq, limit))
    }

    fn list_operations_where<P: rusqlite::Params>(
        &self,
        filter: &str,
        params: P,
    ) -> Result<Vec<Operation>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT seq, op_id, entity, entity_id, kind, base_version, body, body_sha256, recorded_at, sent
             FROM operation WHERE {filter}"
        ))?;
        let rows = stmt.query_map(params, |r| {
            Ok(Operation {
                seq: r.get(0)?,
                op_id: r.get(1)?,
                entity: parsed(r, 2)?,
                entity_id: r.get(3)?,
                kind: parsed(r, 4)?,
                base_version: r.get(5)?,
                body: r.get(6)?,
                body_sha256: r.get(7)?,
                recorded_at: r.get(8)?,
                sent: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Column `i` of `row` as one of the protocol's names.
fn parsed<T: std::str::FromStr<Err = String>>(
    row: &rusqlite::Row<'_>,
    i: usize,
) -> rusqlite::Result<T> {
    let text: String = row.get(i)?;
    text.parse().map_err(|e: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    })
}
