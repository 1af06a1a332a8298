//! Completed diagnostics, their orientations and follow-up; lists and searches that stay fast
//! with 100 000 records (summary columns and an index on the completion time).

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;
use serde_json::{Map, Value};

use super::Store;
use super::orientations::Orientation;
use crate::error::{Error, Result};

/// A completed diagnostic as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDiagnostic {
    pub id: String,
    pub questionnaire: String,
    pub version: u32,
    pub started_at: String,
    pub completed_at: String,
    pub answers: Map<String, Value>,
    /// The assessment summary: profile, levels, equipment, connection, contract_blocked, flags, needs.
    pub result: Value,
    pub profile: String,
    pub needs: Vec<String>,
    pub flags: Vec<String>,
    pub consent_name: bool,
    pub consent_sensitive: bool,
    pub first_name: Option<String>,
    pub age_band: Option<String>,
    pub commune: Option<String>,
    pub follow_up: String,
    pub revision: i64,
    pub orientations: Vec<Orientation>,
}

/// One line of the history list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiagnosticRow {
    pub id: String,
    pub completed_at: String,
    pub profile: String,
    pub needs: Vec<String>,
    pub flags: Vec<String>,
    pub age_band: Option<String>,
    pub commune: Option<String>,
    pub follow_up: String,
}

/// What to search the history for; every field narrows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Completed at or after (RFC 3339 or a date).
    pub from: Option<String>,
    /// Completed before (exclusive).
    pub to: Option<String>,
    pub profile: Option<String>,
    pub need: Option<String>,
    pub limit: Option<u32>,
    pub offset: u32,
}

/// A diagnostic to insert.
pub(crate) struct NewDiagnostic<'a> {
    pub id: &'a str,
    pub questionnaire: &'a str,
    pub version: u32,
    pub started_at: &'a str,
    pub completed_at: &'a str,
    pub answers: &'a Map<String, Value>,
    pub result: &'a Value,
    pub profile: &'a str,
    pub needs: &'a [String],
    pub flags: &'a [String],
    pub consent_name: bool,
    pub consent_sensitive: bool,
    pub first_name: Option<&'a str>,
    pub age_band: Option<&'a str>,
    pub commune: Option<&'a str>,
}

pub(crate) fn insert_diagnostic(tx: &Transaction<'_>, d: &NewDiagnostic<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO diagnostic (id, questionnaire, version, started_at, completed_at, answers, result, profile,
                                 needs, flags, consent_name, consent_sensitive, first_name, age_band, commune)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            d.id,
            d.questionnaire,
            d.version,
            d.started_at,
            d.completed_at,
            Value::Object(d.answers.clone()).to_string(),
            d.result.to_string(),
            d.profile,
            serde_json::to_string(d.needs).unwrap_or_default(),
            serde_json::to_string(d.flags).unwrap_or_default(),
            d.consent_name,
            d.consent_sensitive,
            d.first_name,
            d.age_band,
            d.commune,
        ],
    )?;
    Ok(())
}

pub(crate) fn insert_anonymous_count(
    tx: &Transaction<'_>,
    id: &str,
    questionnaire: &str,
    version: u32,
    completed_on: &str,
    profile: &str,
    needs: &[String],
) -> Result<()> {
    tx.execute(
        "INSERT INTO anonymous_count (id, questionnaire, version, completed_on, profile, needs) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, questionnaire, version, completed_on, profile, serde_json::to_string(needs).unwrap_or_default()],
    )?;
    Ok(())
}

fn strings(text: String) -> Vec<String> {
    serde_json::from_str(&text).unwrap_or_default()
}

const FULL_COLUMNS: &str = "id, questionnaire, version, started_at, completed_at, answers, result, profile, needs, \
     flags, consent_name, consent_sensitive, first_name, age_band, commune, follow_up, revision";

/// Maps a row of `FULL_COLUMNS`; orientations are read separately.
fn full_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredDiagnostic> {
    let answers: String = r.get(5)?;
    let result: String = r.get(6)?;
    Ok(StoredDiagnostic {
        id: r.get(0)?,
        questionnaire: r.get(1)?,
        version: r.get(2)?,
        started_at: r.get(3)?,
        completed_at: r.get(4)?,
        answers: serde_json::from_str(&answers).unwrap_or_default(),
        result: serde_json::from_str(&result).unwrap_or_default(),
        profile: r.get(7)?,
        needs: strings(r.get(8)?),
        flags: strings(r.get(9)?),
        consent_name: r.get(10)?,
        consent_sensitive: r.get(11)?,
        first_name: r.get(12)?,
        age_band: r.get(13)?,
        commune: r.get(14)?,
        follow_up: r.get(15)?,
        revision: r.get(16)?,
        orientations: Vec::new(),
    })
}

const ROW_COLUMNS: &str = "id, completed_at, profile, needs, flags, age_band, commune, follow_up";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DiagnosticRow> {
    Ok(DiagnosticRow {
        id: r.get(0)?,
        completed_at: r.get(1)?,
        profile: r.get(2)?,
        needs: strings(r.get(3)?),
        flags: strings(r.get(4)?),
        age_band: r.get(5)?,
        commune: r.get(6)?,
        follow_up: r.get(7)?,
    })
}

impl Store {
    /// The diagnostic `id`, with its orientations.
    pub fn get_diagnostic(&self, id: &str) -> Result<StoredDiagnostic> {
        let found = self
            .conn
            .query_row(
                &format!("SELECT {FULL_COLUMNS} FROM diagnostic WHERE id = ?1"),
                [id],
                full_row,
            )
            .optional()?;
        let mut diagnostic = found.ok_or_else(|| Error::NotFound(format!("diagnostic {id}")))?;
        diagnostic.orientations = self.list_orientations(id)?;
        Ok(diagnostic)
    }

    /// Diagnostics matching `filter`, the most recent first.
    pub fn list_diagnostics(&self, filter: &Filter) -> Result<Vec<DiagnosticRow>> {
        let (clause, params) = where_clause(filter);
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM diagnostic {clause} ORDER BY completed_at DESC, id DESC LIMIT {} OFFSET {}",
            filter.limit.map_or(-1, i64::from),
            filter.offset
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many diagnostics match `filter` (limit and offset ignored).
    pub fn count_diagnostics(&self, filter: &Filter) -> Result<u64> {
        let (clause, params) = where_clause(filter);
        let sql = format!("SELECT COUNT(*) FROM diagnostic {clause}");
        Ok(self
            .conn
            .query_row(&sql, rusqlite::params_from_iter(params.iter()), |r| {
                r.get(0)
            })?)
    }

    /// Calls `f` with every matching diagnostic, oldest first, streaming (exports).
    pub fn for_each_diagnostic(
        &self,
        filter: &Filter,
        mut f: impl FnMut(StoredDiagnostic) -> Result<()>,
    ) -> Result<()> {
        let (clause, params) = where_clause(filter);
        let sql =
            format!("SELECT {FULL_COLUMNS} FROM diagnostic {clause} ORDER BY completed_at, id");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        while let Some(r) = rows.next()? {
            // The first name never leaves the device in an export.
            f(StoredDiagnostic {
                first_name: None,
                ..full_row(r)?
            })?;
        }
        Ok(())
    }

    /// Calls `f` with the summary of every matching record, anonymous counts included: what the
    /// report reads. Borrowed strings, no JSON parsing: this runs over every row.
    pub(crate) fn for_each_summary(
        &self,
        filter: &Filter,
        mut f: impl FnMut(&Summary<'_>),
    ) -> Result<()> {
        let (clause, params) = where_clause(filter);
        let sql = format!(
            "SELECT completed_at, profile, needs, flags, follow_up FROM diagnostic {clause}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        let text = |r: &rusqlite::Row<'_>, i| {
            r.get_ref(i)
                .ok()
                .and_then(|v| v.as_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        while let Some(r) = rows.next()? {
            let text = |i| {
                r.get_ref(i)
                    .ok()
                    .and_then(|v| v.as_str().ok())
                    .unwrap_or_default()
            };
            f(&Summary {
                completed_at: text(0),
                profile: text(1),
                needs: text(2),
                flags: text(3),
                follow_up: text(4),
            });
        }
        let (clause, params) = where_clause(&Filter {
            need: None,
            ..filter.clone()
        });
        let clause = clause.replace("completed_at", "completed_on");
        let sql = format!("SELECT completed_on, profile, needs FROM anonymous_count {clause}");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        while let Some(r) = rows.next()? {
            let (on, profile, needs) = (text(r, 0), text(r, 1), text(r, 2));
            if filter
                .need
                .as_ref()
                .is_none_or(|n| codes(&needs).any(|c| c == n))
            {
                f(&Summary {
                    completed_at: &on,
                    profile: &profile,
                    needs: &needs,
                    flags: "[]",
                    follow_up: "anonymous",
                });
            }
        }
        Ok(())
    }
}

/// One record as the CSV export reads it: borrowed text, `answers` and `result` as stored JSON.
pub struct RawDiagnostic<'a> {
    pub id: &'a str,
    pub questionnaire: &'a str,
    pub version: i64,
    pub started_at: &'a str,
    pub completed_at: &'a str,
    pub answers: &'a str,
    pub result: &'a str,
    pub profile: &'a str,
    pub needs: &'a str,
    pub flags: &'a str,
    pub age_band: Option<&'a str>,
    pub commune: Option<&'a str>,
    pub follow_up: &'a str,
    pub revision: i64,
}

impl Store {
    /// Calls `f` with every matching diagnostic, oldest first, without copying or parsing
    /// (large exports). Never gives the first name.
    pub fn for_each_raw_diagnostic(
        &self,
        filter: &Filter,
        mut f: impl FnMut(&RawDiagnostic<'_>) -> Result<()>,
    ) -> Result<()> {
        let (clause, params) = where_clause(filter);
        let sql = format!(
            "SELECT id, questionnaire, version, started_at, completed_at, answers, result, profile, needs, flags,
                    age_band, commune, follow_up, revision
             FROM diagnostic {clause} ORDER BY completed_at, id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        while let Some(r) = rows.next()? {
            let text = |i| {
                r.get_ref(i)
                    .ok()
                    .and_then(|v| v.as_str().ok())
                    .unwrap_or_default()
            };
            let maybe = |i| {
                r.get_ref(i)
                    .ok()
                    .and_then(|v| v.as_str_or_null().ok())
                    .flatten()
            };
            f(&RawDiagnostic {
                id: text(0),
                questionnaire: text(1),
                version: r.get(2)?,
                started_at: text(3),
                completed_at: text(4),
                answers: text(5),
                result: text(6),
                profile: text(7),
                needs: text(8),
                flags: text(9),
                age_band: maybe(10),
                commune: maybe(11),
                follow_up: text(12),
                revision: r.get(13)?,
            })?;
        }
        Ok(())
    }
}

/// One record as the report sees it; `needs` and `flags` are JSON arrays of codes.
pub(crate) struct Summary<'a> {
    pub completed_at: &'a str,
    pub profile: &'a str,
    pub needs: &'a str,
    pub flags: &'a str,
    /// pending, went, did_not_go, unknown; `anonymous` for a count-only record.
    pub follow_up: &'a str,
}

/// The codes of a stored JSON array of codes, without parsing: codes never hold quotes.
pub(crate) fn codes(array: &str) -> impl Iterator<Item = &str> {
    array.split('"').skip(1).step_by(2)
}

fn where_clause(filter: &Filter) -> (String, Vec<String>) {
    let mut conditions = Vec::new();
    let mut params = Vec::new();
    if let Some(from) = &filter.from {
        params.push(from.clone());
        conditions.push(format!("completed_at >= ?{}", params.len()));
    }
    if let Some(to) = &filter.to {
        params.push(to.clone());
        conditions.push(format!("completed_at < ?{}", params.len()));
    }
    if let Some(profile) = &filter.profile {
        params.push(profile.clone());
        conditions.push(format!("profile = ?{}", params.len()));
    }
    if let Some(need) = &filter.need {
        params.push(format!("\"{need}\""));
        conditions.push(format!("instr(needs, ?{}) > 0", params.len()));
    }
    if conditions.is_empty() {
        (String::new(), params)
    } else {
        (format!("WHERE {}", conditions.join(" AND ")), params)
    }
}

impl Store {
    /// How long a diagnostic takes at this centre, in whole minutes: the median over the last
    /// 50 kept ones, leaving out those made in no time (the command line) or over several
    /// sittings (more than three hours). `None` until three such diagnostics exist.
    pub fn typical_minutes(&self) -> Result<Option<u32>> {
        let mut stmt = self.conn.prepare(
            "SELECT (julianday(completed_at) - julianday(started_at)) * 1440.0 FROM diagnostic
             ORDER BY completed_at DESC LIMIT 50",
        )?;
        let mut minutes: Vec<f64> = stmt
            .query_map([], |r| r.get::<_, Option<f64>>(0))?
            .filter_map(|m| m.transpose())
            .collect::<rusqlite::Result<Vec<f64>>>()?
            .into_iter()
            .filter(|m| (1.0..=180.0).contains(m))
            .collect();
        if minutes.len() < 3 {
            return Ok(None);
        }
        minutes.sort_by(f64::total_cmp);
        let median = minutes[minutes.len() / 2];
        Ok(Some(median.round() as u32))
    }
}

/// Records whether the person went to diagnostic `id`'s orientation, inside `tx`; false when there
/// is no such diagnostic.
pub(crate) fn set_follow_up_in(tx: &Transaction<'_>, id: &str, outcome: &str) -> Result<bool> {
    let changed = tx.execute(
        "UPDATE diagnostic SET follow_up = ?2 WHERE id = ?1",
        (id, outcome),
    )?;
    Ok(changed > 0)
}

/// Erases the first names of the diagnostics completed before `limit` (a stored instant); how
/// many.
pub(crate) fn erase_first_names_before(tx: &Transaction<'_>, limit: &str) -> Result<usize> {
    Ok(tx.execute(
        "UPDATE diagnostic SET first_name = NULL WHERE first_name IS NOT NULL AND completed_at < ?1",
        [limit],
    )?)
}

/// Removes a record's content from this device: the diagnostic (its orientations cascade) or the
/// anonymous count, and every logged body about it (see [`super::oplog::erase_bodies`]).
pub(crate) fn erase(tx: &Transaction<'_>, id: &str) -> Result<()> {
    tx.execute("DELETE FROM diagnostic WHERE id = ?1", [id])?;
    tx.execute("DELETE FROM anonymous_count WHERE id = ?1", [id])?;
    super::oplog::erase_bodies(tx, id)
}

/// The diagnostics completed before `limit` (a stored instant), by id.
pub(crate) fn completed_before(tx: &Transaction<'_>, limit: &str) -> Result<Vec<String>> {
    let mut stmt = tx.prepare("SELECT id FROM diagnostic WHERE completed_at < ?1")?;
    let ids = stmt.query_map([limit], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The diagnostics completed before `limit` that still hold their answers, by id.
pub(crate) fn answered_before(tx: &Transaction<'_>, limit: &str) -> Result<Vec<String>> {
    let mut stmt =
        tx.prepare("SELECT id FROM diagnostic WHERE completed_at < ?1 AND answers <> '{}'")?;
    let ids = stmt.query_map([limit], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Keeps only a diagnostic's figures (result, profile, needs, flags, dates, follow-up): its
/// answers, first name, age band and commune go, as on the server after its retention period.
pub(crate) fn anonymise(tx: &Transaction<'_>, id: &str) -> Result<()> {
    tx.execute(
        "UPDATE diagnostic SET answers = '{}', first_name = NULL, age_band = NULL, commune = NULL
         WHERE id = ?1",
        [id],
    )?;
    super::oplog::anonymise_bodies(tx, id)
}
