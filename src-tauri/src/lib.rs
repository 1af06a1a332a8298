//! The desktop app's shell: the Tauri commands the UI calls, the one managed [`AppState`], and
//! the types that cross the bridge (with their TypeScript bindings in `ui/src/bindings/`).
//!
//! A command takes the state, calls one core function and maps the error; no rule of the
//! diagnostic, no SQL and no file format lives here. The only crate that knows tauri.
#![forbid(unsafe_code)]

pub mod commands;
pub mod dto;
pub mod error;
pub mod state;

pub use error::CommandError;
pub use state::AppState;

/// Starts the app on its embedded defaults: the platform's data directory (or
/// `AIGUILLAGE_DATA_DIR`), created on first run, with the real database open.
///
/// # Errors
/// When the data directory cannot be opened or the window cannot be created.
pub fn run() -> Result<(), Box<dyn std::error::Error>> {
    let data_dir = std::env::var_os("AIGUILLAGE_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(aiguillage_core::paths::default_data_dir);
    let config = state::Config {
        idle_override: idle_override()?,
        ..state::Config::default()
    };
    let state = AppState::open(&data_dir, config)?;
    tauri::Builder::default()
        .manage(state)
        .setup(|app| {
            calm_rendering(app)?;
            watch_the_session(app);
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())?;
    Ok(())
}

/// `AIGUILLAGE_IDLE_LOCK_SECONDS`: a lock delay that overrides the setting, for demonstrations
/// and the end-to-end tests of the idle lock. It may shorten the delay, never make it longer
/// than the longest a coordinator can set: the lock cannot be turned off from outside.
fn idle_override() -> Result<Option<std::time::Duration>, Box<dyn std::error::Error>> {
    let max = u64::from(aiguillage_core::settings::MAX_IDLE_MINUTES) * 60;
    match std::env::var("AIGUILLAGE_IDLE_LOCK_SECONDS") {
        Err(_) => Ok(None),
        Ok(text) => match text.parse::<u64>() {
            Ok(seconds) if (1..=max).contains(&seconds) => {
                Ok(Some(std::time::Duration::from_secs(seconds)))
            }
            _ => Err(format!(
                "AIGUILLAGE_IDLE_LOCK_SECONDS must be a whole number of seconds from 1 to {max}, not \"{text}\""
            )
            .into()),
        },
    }
}

/// Locks the app when the computer's session locks or the computer goes to sleep (Windows, and
/// Linux through logind: `aiguillage_os_session`). The watch lives as long as the app.
fn watch_the_session(app: &tauri::App) {
    use tauri::Manager;
    let handle = app.handle().clone();
    match aiguillage_os_session::watch(move |_| {
        handle.state::<AppState>().lock_for_system();
    }) {
        Ok(watch) => {
            app.manage(watch);
        }
        // The idle delay still locks.
        Err(e) => eprintln!("aiguillage: the session's lock is not watched: {e}"),
    }
}

/// Forms and tables need no GPU compositing: painting in software saves about a hundred
/// megabytes of WebKit memory on an old laptop and avoids the blank windows some GPU drivers give
/// WebKitGTK.
#[cfg(target_os = "linux")]
fn calm_rendering(app: &tauri::App) -> tauri::Result<()> {
    use tauri::Manager;
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    if let Some(window) = app.get_webview_window("main") {
        window.with_webview(|webview| {
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        })?;
    }
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn calm_rendering(_app: &tauri::App) -> tauri::Result<()> {
    Ok(())
}
