//! The app as a whole: status line, language, demo mode, sync.

use tauri::State;

use aiguillage_core::access::Action;

use aiguillage_core::{Mode, demo};
use aiguillage_domain::Lang;

use crate::dto::{AppStatus, LockState, PersonaView, SyncView};
use crate::error::{CommandError, CommandResult};
use crate::state::{AppState, Session};

fn status(s: &Session) -> CommandResult<AppStatus> {
    let sync = match s.mode() {
        // The demo never syncs: its status line says so, not "not enrolled".
        Mode::Demo => None,
        Mode::Real => Some(s.ws.sync_status()?),
    };
    Ok(AppStatus {
        mode: match s.mode() {
            Mode::Real => "real",
            Mode::Demo => "demo",
        }
        .to_owned(),
        lang: s.lang().code().to_owned(),
        centre_name: s.ws.store.find_meta("centre_name")?,
        sync: sync.map_or(
            SyncView {
                enrolled: false,
                server: None,
                pending: 0,
                last_success: None,
                last_error: None,
                revoked: false,
            },
            |st| SyncView {
                enrolled: st.enrolled,
                server: st.server,
                pending: st.pending,
                last_success: st.last_success,
                last_error: st.last_error,
                revoked: st.revoked,
            },
        ),
    })
}

#[tauri::command]
pub async fn get_status(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    state.with_unlocked(|s| status(s))
}

#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, lang: String) -> CommandResult<LockState> {
    let lang: Lang = lang
        .parse()
        .map_err(|e: aiguillage_domain::Error| CommandError::bad_input(e.to_string()))?;
    // The lock screen has a language switch too: no unlock needed.
    state.set_lang(lang)?;
    Ok(state.lock_state())
}

#[tauri::command]
pub async fn set_demo_mode(state: State<'_, AppState>, demo: bool) -> CommandResult<AppStatus> {
    // The switch checks the role for the way it goes (a trainer never leaves the demo).
    state.with_unlocked(|s| {
        s.switch(if demo { Mode::Demo } else { Mode::Real })?;
        status(s)
    })
}

#[tauri::command]
pub async fn reset_demo(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    state.reset_demo()?;
    state.with_unlocked(|s| status(s))
}

#[tauri::command]
pub async fn list_personas() -> CommandResult<Vec<PersonaView>> {
    Ok(demo::personas()?
        .into_iter()
        .map(|p| PersonaView {
            id: p.id,
            first_name: p.first_name,
            story: (&p.story).into(),
            answers: p.answers.into_iter().collect(),
        })
        .collect())
}

#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    state.with(Action::Enrol, |s| {
        if s.mode() == Mode::Demo {
            return Err(CommandError::bad_input("demo records are never synced"));
        }
        // A failure is also recorded for the status line's "last error".
        s.ws.sync()?;
        status(s)
    })
}
