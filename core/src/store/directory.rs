//! The local directory tables: upsert by (source, id) so re-importing a source updates rows, and
//! loading everything for the in-memory matching index.

use rusqlite::{Transaction, params};
use serde::Serialize;

use aiguillage_domain::directory::{Service, Structure};

use super::Store;
use crate::error::Result;

/// How many rows the directory holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DirectoryCounts {
    pub structures: u64,
    pub services: u64,
}

pub(crate) fn upsert_structure(
    tx: &Transaction<'_>,
    s: &Structure,
    raw: &str,
    now: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO structure (source, id, nom, code_insee, data, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (source, id) DO UPDATE SET nom = excluded.nom, code_insee = excluded.code_insee,
             data = excluded.data, imported_at = excluded.imported_at",
    )?
    .execute(params![s.source, s.id, s.nom, s.code_insee, raw, now])?;
    Ok(())
}

pub(crate) fn upsert_service(
    tx: &Transaction<'_>,
    s: &Service,
    raw: &str,
    now: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO service (source, id, structure_id, nom, type, code_insee, data, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (source, id) DO UPDATE SET structure_id = excluded.structure_id, nom = excluded.nom,
             type = excluded.type, code_insee = excluded.code_insee, data = excluded.data,
             imported_at = excluded.imported_at",
    )?
    .execute(params![s.source, s.id, s.structure_id, s.nom, s.kind, s.code_insee, raw, now])?;
    tx.prepare_cached("DELETE FROM service_thematique WHERE source = ?1 AND service_id = ?2")?
        .execute(params![s.source, s.id])?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO service_thematique (thematique, source, service_id) VALUES (?1, ?2, ?3)",
    )?;
    for thematique in &s.thematiques {
        insert.execute(params![thematique, s.source, s.id])?;
    }
    Ok(())
}

/// Removes the rows of `sources` that the import written at `now` did not bring (they left the
/// national files since the last import), with their thématiques; returns how many went.
pub(crate) fn remove_not_imported(
    tx: &Transaction<'_>,
    sources: &[String],
    now: &str,
) -> Result<usize> {
    let mut removed = 0;
    for source in sources {
        tx.prepare_cached(
            "DELETE FROM service_thematique WHERE source = ?1 AND service_id IN
               (SELECT id FROM service WHERE source = ?1 AND imported_at <> ?2)",
        )?
        .execute(params![source, now])?;
        removed += tx
            .prepare_cached("DELETE FROM service WHERE source = ?1 AND imported_at <> ?2")?
            .execute(params![source, now])?;
        removed += tx
            .prepare_cached("DELETE FROM structure WHERE source = ?1 AND imported_at <> ?2")?
            .execute(params![source, now])?;
    }
    Ok(removed)
}

impl Store {
    /// Every structure of the directory.
    pub fn list_structures(&self) -> Result<Vec<Structure>> {
        self.list_rows("SELECT data FROM structure ORDER BY source, id")
    }

    /// Every service of the directory.
    pub fn list_services(&self) -> Result<Vec<Service>> {
        self.list_rows("SELECT data FROM service ORDER BY source, id")
    }

    fn list_rows<T: serde::de::DeserializeOwned>(&self, sql: &str) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for raw in rows {
            // Rows were validated at import; a row that no longer parses is skipped, not fatal.
            if let Ok(row) = serde_json::from_str(&raw?) {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// How many structures and services the directory holds.
    pub fn count_directory(&self) -> Result<DirectoryCounts> {
        Ok(DirectoryCounts {
            structures: self
                .conn
                .query_row("SELECT COUNT(*) FROM structure", [], |r| r.get(0))?,
            services: self
                .conn
                .query_row("SELECT COUNT(*) FROM service", [], |r| r.get(0))?,
        })
    }
}
