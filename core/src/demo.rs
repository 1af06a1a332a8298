//! The trainers' demo: fictional personas (`assets/demo/personas.json`) and the seeding of a demo
//! database with their diagnostics. Refuses to write anywhere but a demo database.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use aiguillage_domain::{Answers, Localized};

use crate::content;
use crate::error::{Error, Result};
use crate::store::Mode;
use crate::workspace::Workspace;

/// A fictional person for demos and tests.
#[derive(Debug, Clone, Deserialize)]
pub struct Persona {
    pub id: String,
    pub first_name: String,
    pub story: Localized,
    pub answers: Map<String, Value>,
    /// The result worked out by hand from the spec.
    pub expected: Value,
}

/// The embedded personas.
pub fn personas() -> Result<Vec<Persona>> {
    serde_json::from_str(content::PERSONAS)
        .map_err(|e| Error::BadInput(format!("the personas file is not valid: {e}")))
}

/// Saves `count` diagnostics of the personas, in turn, with their top orientations.
///
/// # Errors
/// [`Error::BadInput`] when `workspace` is not a demo database.
pub fn seed(workspace: &mut Workspace, count: usize) -> Result<Vec<String>> {
    if workspace.store.mode() != Mode::Demo {
        return Err(Error::BadInput(
            "demo records can only be written to the demo database".into(),
        ));
    }
    let personas = personas()?;
    let mut ids = Vec::with_capacity(count);
    for persona in personas.iter().cycle().take(count) {
        let answers = Answers::from_map(&workspace.questionnaire, &persona.answers)?;
        let completed = workspace.complete(answers, Some(&persona.first_name), None)?;
        workspace.orient_by_default(&completed)?;
        ids.extend(completed.id);
    }
    Ok(ids)
}

/// Opens the demo database of `data_dir`, filled with one diagnostic per persona the first time,
/// so a trainer finds a history and a report to show.
pub fn open(data_dir: &Path) -> Result<Workspace> {
    let mut workspace = Workspace::open(data_dir, Mode::Demo)?;
    if workspace.store.find_meta("demo_seeded")?.is_none() {
        seed(&mut workspace, personas()?.len())?;
        let now = workspace.now();
        workspace.store.set_meta("demo_seeded", &now)?;
    }
    Ok(workspace)
}

/// Deletes the demo database of `data_dir` and opens a fresh, seeded one. The caller must have
/// closed every connection to it; the real database is never touched.
pub fn reset(data_dir: &Path) -> Result<Workspace> {
    crate::store::remove_database(data_dir, Mode::Demo)?;
    open(data_dir)
}
