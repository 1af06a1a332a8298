//! The settings screen and the demo's personas.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::{CommuneView, Text};
/// Everything the settings screen shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SettingsView {
    pub lang: String,
    pub centre_name: Option<String>,
    /// Printed at the foot of every sheet.
    pub centre_phone: Option<String>,
    /// The centre's commune, where distances start when the person prefers not to say theirs.
    pub centre_commune: Option<CommuneView>,
    pub draft_days: u32,
    pub first_name_days: u32,
    /// Minutes without use before the app locks itself.
    pub idle_lock_minutes: u32,
    /// The delay in seconds when `AIGUILLAGE_IDLE_LOCK_SECONDS` fixes it for this run: the
    /// setting is kept but does not apply.
    pub idle_lock_override_seconds: Option<u32>,
    pub data_dir: String,
    pub app_version: String,
    pub questionnaire: String,
    pub licences: String,
}

/// A fictional person a trainer can fill a diagnostic with.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PersonaView {
    pub id: String,
    pub first_name: String,
    pub story: Text,
    pub answers: BTreeMap<String, Value>,
}
