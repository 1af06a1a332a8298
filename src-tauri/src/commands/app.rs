//! The app as a whole: status line, language, demo mode, sync.

use tauri::State;

use aiguillage_core::access::Action;

use aiguillage_core::sync::SyncError;
use aiguillage_core::{Mode, demo};
use aiguillage_domain::Lang;

use crate::dto::{AppStatus, LockState, PersonaView, SavedFile, SyncView};
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
        centre_name: s.ws.centre_name()?,
        typical_minutes: s.ws.store.typical_minutes()?,
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
                last_error: st.last_error.map(Into::into),
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

/// Runs `f` on a thread of its own. The sync client's HTTP calls block, which the async runtime
/// that runs commands does not allow (the client panics there, and would hold up a thread other
/// commands need).
fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        scope
            .spawn(f)
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    let records = records_for_sync(&state)?;
    // A failure is also recorded for the status line's "last error".
    let result = off_runtime(|| records.open()?.sync());
    records.note(&result);
    result?;
    state.with_unlocked(|s| status(s))
}

/// Enrols this device with a server, with the single-use code its administrator gave, then
/// sends what is waiting (a failure of that first sync is only recorded: the enrolment stands)
/// and keeps syncing in the background while the session lasts.
#[tauri::command]
pub async fn enrol_device(
    state: State<'_, AppState>,
    server: String,
    code: String,
    device_name: String,
) -> CommandResult<AppStatus> {
    let records = records_for_sync(&state)?;
    let first_sync = off_runtime(|| -> Result<_, SyncError> {
        let mut ws = records.open()?;
        ws.enrol(server.trim(), code.trim(), device_name.trim())?;
        Ok(ws.sync())
    })?;
    records.note(&first_sync);
    state.with_unlocked(|s| {
        s.start_sync(true);
        status(s)
    })
}

/// The real records' folder and key, for a sync or an enrolment that runs on a connection of its
/// own, outside the app's lock: a slow or silent server (up to a minute) must not hold every
/// other command, locking the app included.
fn records_for_sync(state: &AppState) -> CommandResult<crate::state::SyncHandle> {
    state.with(Action::Enrol, |s| {
        if s.mode() == Mode::Demo {
            return Err(SyncError::Demo.into());
        }
        Ok(s.sync_handle()?)
    })
}

/// Writes what this device has not sent into one signed file, for a coordinator to carry to the
/// server (centres without a connection, or a device the server no longer accepts).
#[tauri::command]
pub async fn export_bundle(state: State<'_, AppState>) -> CommandResult<SavedFile> {
    state.with(Action::Export, |s| {
        let dir = s.output_dir()?;
        let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
        let (path, _) =
            s.ws.export_bundle(|count| dir.join(format!("envoi-{stamp}-{count}.json")))?;
        Ok(SavedFile {
            path: path.display().to_string(),
        })
    })
}
