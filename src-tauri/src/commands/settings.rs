//! Settings: centre name, retention periods, and what the about box shows.

use tauri::State;

use aiguillage_core::access::Action;

use aiguillage_core::retention::Retention;

use crate::dto::{CommuneView, SettingsView};
use crate::error::CommandResult;
use crate::state::{AppState, Session};

const LICENCES: &str = include_str!("../../../assets/LICENCES.md");

fn settings(s: &Session) -> CommandResult<SettingsView> {
    let retention = s.ws.retention()?;
    Ok(SettingsView {
        lang: s.lang().code().to_owned(),
        centre_name: s.ws.centre_name()?,
        centre_phone: s.ws.centre_phone()?,
        centre_commune: s
            .ws
            .centre_commune()?
            .and_then(|code| s.ws.communes.found(&code))
            .map(CommuneView::from),
        draft_days: retention.draft_days,
        first_name_days: retention.first_name_days,
        idle_lock_minutes: s.ws.idle_minutes()?,
        idle_lock_override_seconds: s
            .idle_override
            .map(|d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX)),
        data_dir: s.data_dir.display().to_string(),
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        questionnaire: format!("{} v{}", s.ws.questionnaire.id, s.ws.questionnaire.version),
        licences: LICENCES.to_owned(),
    })
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> CommandResult<SettingsView> {
    state.with_unlocked(|s| settings(s))
}

#[tauri::command]
pub async fn set_centre_name(
    state: State<'_, AppState>,
    name: String,
) -> CommandResult<SettingsView> {
    state.with(Action::ChangeSettings, |s| {
        s.ws.set_centre_name(&name)?;
        settings(s)
    })
}

/// Sets the centre's phone number, printed at the foot of every sheet; blank clears it.
#[tauri::command]
pub async fn set_centre_phone(
    state: State<'_, AppState>,
    phone: String,
) -> CommandResult<SettingsView> {
    state.with(Action::ChangeSettings, |s| {
        s.ws.set_centre_phone(&phone)?;
        settings(s)
    })
}

/// Sets the centre's commune (an INSEE code picked from the list).
#[tauri::command]
pub async fn set_centre_commune(
    state: State<'_, AppState>,
    code: String,
) -> CommandResult<SettingsView> {
    state.with(Action::ChangeSettings, |s| {
        s.ws.set_centre_commune(&code)?;
        settings(s)
    })
}

/// The communes that answer what the volunteer typed (a name or a postcode), best first; the
/// closest names, marked, when none does.
#[tauri::command]
pub async fn search_communes(
    state: State<'_, AppState>,
    text: String,
) -> CommandResult<Vec<CommuneView>> {
    state.with_unlocked(|s| {
        Ok(s.ws
            .communes
            .search(&text, aiguillage_domain::commune::MAX_SUGGESTIONS)
            .into_iter()
            .map(CommuneView::from)
            .collect())
    })
}

/// Changes the retention periods and applies them at once.
#[tauri::command]
pub async fn set_retention(
    state: State<'_, AppState>,
    draft_days: u32,
    first_name_days: u32,
) -> CommandResult<SettingsView> {
    state.with(Action::ChangeSettings, |s| {
        s.ws.set_retention(Retention {
            draft_days,
            first_name_days,
        })?;
        settings(s)
    })
}

/// Changes how long the app waits without use before it locks itself.
#[tauri::command]
pub async fn set_idle_lock(
    state: State<'_, AppState>,
    minutes: u32,
) -> CommandResult<SettingsView> {
    let view = state.with(Action::ChangeSettings, |s| {
        s.ws.set_idle_minutes(minutes)?;
        settings(s)
    })?;
    state.refresh_idle()?;
    Ok(view)
}
