//! Drafts: a diagnostic in progress, saved answer by answer so a crash or a dead battery loses
//! nothing. Local only; a draft enters the operation log when it is completed.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::{Map, Value};

use super::Store;
use crate::error::{Error, Result};

/// A diagnostic in progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    pub id: String,
    pub questionnaire: String,
    pub version: u32,
    pub answers: Map<String, Value>,
    pub first_name: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl Store {
    /// Starts a draft.
    pub fn insert_draft(
        &mut self,
        id: &str,
        questionnaire: &str,
        version: u32,
        now: &str,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO draft (id, questionnaire, version, answers, created_at, updated_at)
                 VALUES (?1, ?2, ?3, '{}', ?4, ?4)",
                params![id, questionnaire, version, now],
            )?;
            Ok(())
        })
    }

    /// Saves one answer of a draft, durably. A null is kept as such: the person was asked and
    /// does not know or would rather not say, which is not the same as not asked yet.
    pub fn update_draft_answer(
        &mut self,
        id: &str,
        question: &str,
        value: &Value,
        now: &str,
    ) -> Result<()> {
        self.write(|tx| {
            // json_set keeps the write to one statement, whatever the draft's size.
            let changed = tx.execute(
                "UPDATE draft SET answers = json_set(answers, '$.' || ?2, json(?3)), updated_at = ?4 WHERE id = ?1",
                params![id, question, value.to_string(), now],
            )?;
            if changed == 0 {
                return Err(Error::NotFound(format!("draft {id}")));
            }
            Ok(())
        })
    }

    /// Sets or clears the first name typed for the sheet.
    pub fn update_draft_first_name(
        &mut self,
        id: &str,
        first_name: Option<&str>,
        now: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE draft SET first_name = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, first_name, now],
            )?;
            if changed == 0 {
                return Err(Error::NotFound(format!("draft {id}")));
            }
            Ok(())
        })
    }

    /// The draft `id`.
    pub fn get_draft(&self, id: &str) -> Result<Draft> {
        self.conn
            .query_row(
                "SELECT id, questionnaire, version, answers, first_name, created_at, updated_at FROM draft WHERE id = ?1",
                [id],
                draft_from_row,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("draft {id}")))?
    }

    /// The questionnaire and version `id` was started with.
    pub fn draft_version(&self, id: &str) -> Result<(String, u32)> {
        self.conn
            .query_row(
                "SELECT questionnaire, version FROM draft WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("draft {id}")))
    }

    /// Every draft, the most recently touched first.
    pub fn list_drafts(&self) -> Result<Vec<Draft>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, questionnaire, version, answers, first_name, created_at, updated_at FROM draft ORDER BY updated_at DESC",
        )?;
        let rows = stmt.query_map([], draft_from_row)?;
        rows.map(|r| r.map_err(Error::from).and_then(|d| d))
            .collect()
    }

    /// Deletes a draft (abandoned).
    pub fn delete_draft(&mut self, id: &str) -> Result<()> {
        self.write(|tx| delete_in(tx, id))
    }
}

/// Deletes draft `id` inside `tx` (abandoned, or completed in the same transaction).
pub(crate) fn delete_in(tx: &rusqlite::Transaction<'_>, id: &str) -> Result<()> {
    tx.execute("DELETE FROM draft WHERE id = ?1", [id])?;
    Ok(())
}

/// Deletes the drafts not changed since `limit` (a stored instant); how many.
pub(crate) fn delete_untouched_since(tx: &rusqlite::Transaction<'_>, limit: &str) -> Result<usize> {
    Ok(tx.execute("DELETE FROM draft WHERE updated_at < ?1", [limit])?)
}

fn draft_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Draft>> {
    let answers: String = r.get(3)?;
    Ok(serde_json::from_str(&answers)
        .map_err(|e| Error::BadInput(format!("draft answers are corrupt: {e}")))
        .and_then(|answers| {
            Ok(Draft {
                id: r.get(0)?,
                questionnaire: r.get(1)?,
                version: r.get(2)?,
                answers,
                first_name: r.get(4)?,
                created_at: r.get(5)?,
                updated_at: r.get(6)?,
            })
        }))
}
