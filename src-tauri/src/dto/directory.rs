//! The directory: searches, structures, services, imports.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Text;

/// What to look for in the directory; every field narrows.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct DirectoryQuery {
    /// Words in the structure's or service's name or description.
    pub text: Option<String>,
    pub thematique: Option<String>,
    /// The thématiques of this need of the questionnaire.
    pub need: Option<String>,
    /// INSEE code or commune name.
    pub commune: Option<String>,
}

/// A service of the directory with its structure.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ServiceView {
    pub source: String,
    pub service_id: String,
    pub service: String,
    pub description: String,
    pub structure_id: String,
    pub structure: String,
    pub kind: Option<String>,
    pub thematiques: Vec<String>,
    pub commune: Option<String>,
    pub adresse: Option<String>,
    pub telephone: Option<String>,
    pub courriel: Option<String>,
    /// In words (see [`Text::hours`]).
    pub horaires_accueil: Option<Text>,
    pub frais: Option<String>,
}

/// A structure with its services.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StructureView {
    pub source: String,
    pub id: String,
    pub nom: String,
    pub description: Option<String>,
    pub adresse: Option<String>,
    pub code_postal: Option<String>,
    pub commune: Option<String>,
    pub code_insee: Option<String>,
    pub telephone: Option<String>,
    pub courriel: Option<String>,
    pub site_web: Option<String>,
    /// In words (see [`Text::hours`]).
    pub horaires_accueil: Option<Text>,
    /// As published: what the local structure form edits.
    pub horaires_accueil_raw: Option<String>,
    pub services: Vec<ServiceView>,
}

/// A structure and its one service, typed in by the coordinator.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct LocalStructureInput {
    /// Set to edit a local structure, absent to add one.
    pub id: Option<String>,
    pub nom: String,
    pub adresse: Option<String>,
    pub code_postal: Option<String>,
    pub commune: String,
    pub code_insee: Option<String>,
    pub telephone: Option<String>,
    pub courriel: Option<String>,
    pub horaires_accueil: Option<String>,
    pub service_nom: String,
    pub service_description: String,
    pub thematiques: Vec<String>,
    pub service_type: Option<String>,
    pub frais: Option<String>,
}

/// How far an import has gone.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// What an import did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportSummary {
    pub structures: u32,
    pub services: u32,
    pub rejected: Vec<RejectedRow>,
}

/// What an import of the national files did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AreaSummary {
    /// Rows kept and written.
    pub structures: u32,
    pub services: u32,
    /// Rows outside the départements chosen.
    pub outside: u32,
    /// Rows an earlier import of the same sources had brought, no longer in the files.
    pub removed: u32,
    pub rejected: Vec<RejectedRow>,
}

/// A row the import refused, and why: in English, and as the catalogue's key under
/// `problems.` with the values it names (as a [`crate::error::CommandError`] carries them).
#[derive(Debug, Clone, Serialize, TS)]
pub struct RejectedRow {
    pub kind: String,
    pub id: String,
    pub reason: String,
    pub code: Option<String>,
    pub params: BTreeMap<String, String>,
}
