//! The `orientation` table: the services chosen for a diagnostic's needs, each with a snapshot
//! of the service as it was when chosen (what the handoff sheet prints).

use rusqlite::{Transaction, params};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::error::Result;

/// A chosen service for one need, with what the sheet needs about it as it was when chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Orientation {
    pub position: i64,
    pub need: String,
    pub source: String,
    pub service_id: String,
    pub structure_id: String,
    pub snapshot: Snapshot,
    pub chosen_at: String,
}

/// The service and structure as they were when chosen: the sheet never depends on later edits.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Snapshot {
    pub structure: String,
    pub service: String,
    pub adresse: Option<String>,
    pub code_postal: Option<String>,
    pub commune: Option<String>,
    pub telephone: Option<String>,
    pub courriel: Option<String>,
    pub horaires_accueil: Option<String>,
    pub modes_mobilisation: Vec<String>,
    pub mobilisation_precisions: Option<String>,
    pub conditions_acces: Option<String>,
    pub frais: Option<String>,
    // Added with the bilingual sheet: snapshots taken before read them as absent.
    #[serde(default)]
    pub complement_adresse: Option<String>,
    /// Who can contact the service: "usagers", "professionnels".
    #[serde(default)]
    pub mobilisable_par: Vec<String>,
    /// Where to book or ask online (the sheet's QR code).
    #[serde(default)]
    pub lien_mobilisation: Option<String>,
    /// The structure's web page, when the service has no link of its own.
    #[serde(default)]
    pub site_web: Option<String>,
}

pub(crate) fn replace_orientations(
    tx: &Transaction<'_>,
    id: &str,
    orientations: &[Orientation],
) -> Result<()> {
    tx.execute("DELETE FROM orientation WHERE diagnostic_id = ?1", [id])?;
    let mut stmt = tx.prepare(
        "INSERT INTO orientation (diagnostic_id, position, need, source, service_id, structure_id, snapshot, chosen_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for o in orientations {
        stmt.execute(params![
            id,
            o.position,
            o.need,
            o.source,
            o.service_id,
            o.structure_id,
            serde_json::to_string(&o.snapshot).unwrap_or_default(),
            o.chosen_at
        ])?;
    }
    Ok(())
}

impl Store {
    /// The orientations chosen for diagnostic `id`, in order.
    pub fn list_orientations(&self, id: &str) -> Result<Vec<Orientation>> {
        let mut stmt = self.conn.prepare(
            "SELECT position, need, source, service_id, structure_id, snapshot, chosen_at
             FROM orientation WHERE diagnostic_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([id], |r| {
            let snapshot: String = r.get(5)?;
            Ok(Orientation {
                position: r.get(0)?,
                need: r.get(1)?,
                source: r.get(2)?,
                service_id: r.get(3)?,
                structure_id: r.get(4)?,
                snapshot: serde_json::from_str(&snapshot).unwrap_or_default(),
                chosen_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
