//! The lock screen, volunteers and the audit trail, as the UI sees them.

use serde::Serialize;
use ts_rs::TS;

use aiguillage_core::Mode;
use aiguillage_core::access::{Action, Role};
use aiguillage_core::vault::Volunteer;

/// Where the device stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LockPhase {
    /// Never set up: the first coordinator must be created.
    SetUp,
    /// Set up and locked: someone must unlock.
    Locked,
    /// Someone is working.
    Unlocked,
}

/// The lock's state, readable at any time (even locked).
#[derive(Debug, Clone, Serialize, TS)]
pub struct LockState {
    pub phase: LockPhase,
    /// Who can unlock (shown on the lock screen).
    pub volunteers: Vec<VolunteerView>,
    /// Who is working, when unlocked.
    pub who: Option<VolunteerView>,
    /// What they may do: `run_diagnostic`, `view_records`, `use_real_records`, `use_demo`,
    /// `view_reports`, `export`, `edit_directory`, `enrol`, `manage_volunteers`,
    /// `change_settings`, `erase`, `view_audit`.
    pub allowed: Vec<String>,
    /// Seconds without use before the app locks itself.
    pub idle_seconds: u32,
    /// `fr` or `en`.
    pub lang: String,
}

/// A person who can unlock the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VolunteerView {
    pub id: String,
    pub name: String,
    /// `volunteer`, `coordinator` or `trainer`.
    pub role: String,
}

impl From<&Volunteer> for VolunteerView {
    fn from(v: &Volunteer) -> Self {
        VolunteerView {
            id: v.id.to_string(),
            name: v.name.clone(),
            role: v.role.as_str().to_owned(),
        }
    }
}

/// What set-up shows once: the recovery key to print, and the unlocked state.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SetUpView {
    pub recovery_key: String,
    pub lock: LockState,
}

/// One row of the audit trail.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AuditView {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub record_id: Option<String>,
}

/// The code of an action, as `LockState::allowed` lists it.
pub fn action_code(action: Action) -> &'static str {
    match action {
        Action::RunDiagnostic => "run_diagnostic",
        Action::ViewRecords => "view_records",
        Action::UseRealRecords => "use_real_records",
        Action::UseDemo => "use_demo",
        Action::ViewReports => "view_reports",
        Action::Export => "export",
        Action::EditDirectory => "edit_directory",
        Action::Enrol => "enrol",
        Action::ManageVolunteers => "manage_volunteers",
        Action::ChangeSettings => "change_settings",
        Action::Erase => "erase",
        Action::ViewAudit => "view_audit",
    }
}

/// Every action `role` may do, as codes.
pub fn allowed(role: Role, mode: Mode) -> Vec<String> {
    Action::ALL
        .into_iter()
        .filter(|a| role.allows_in(*a, mode))
        .map(|a| action_code(a).to_owned())
        .collect()
}
