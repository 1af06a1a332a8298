//! The app's one managed state: the data directory, the open workspace (real or demo) and the
//! user's preferences. Every command goes through [`AppState::with`], one at a time.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};

use aiguillage_core::{Mode, Workspace, demo};
use aiguillage_domain::Lang;

use crate::error::{CommandError, CommandResult};

/// Preferences of this computer's user, kept beside the databases (not in them: they hold
/// whichever of the real or demo database is open).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    pub lang: Lang,
}

const PREFERENCES: &str = "preferences.json";

impl Preferences {
    fn load(data_dir: &Path) -> Self {
        // A missing or unreadable file means the defaults: French.
        std::fs::read_to_string(data_dir.join(PREFERENCES))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    fn save(&self, data_dir: &Path) -> CommandResult<()> {
        let path = data_dir.join(PREFERENCES);
        let text = serde_json::to_string(self).map_err(|e| CommandError::failure(e.to_string()))?;
        std::fs::write(&path, text)
            .map_err(|e| CommandError::failure(format!("{}: {e}", path.display())))
    }
}

/// What a command works on.
pub struct Session {
    pub ws: Workspace,
    pub prefs: Preferences,
    pub data_dir: PathBuf,
}

impl Session {
    pub fn mode(&self) -> Mode {
        self.ws.store.mode()
    }

    pub fn lang(&self) -> Lang {
        self.prefs.lang
    }

    pub fn set_lang(&mut self, lang: Lang) -> CommandResult<()> {
        self.prefs.lang = lang;
        self.prefs.save(&self.data_dir)
    }

    /// Switches between the real and the demo database; the other one is closed.
    pub fn switch(&mut self, mode: Mode) -> CommandResult<()> {
        if self.mode() == mode {
            return Ok(());
        }
        self.ws = match mode {
            Mode::Real => Workspace::open(&self.data_dir, Mode::Real)?,
            Mode::Demo => demo::open(&self.data_dir)?,
        };
        Ok(())
    }

    /// Empties and re-seeds the demo database (only from demo mode).
    pub fn reset_demo(&mut self) -> CommandResult<()> {
        if self.mode() != Mode::Demo {
            return Err(CommandError::bad_input(
                "the demo can only be reset from demo mode",
            ));
        }
        // The demo file must be closed before it is deleted: hold the real one meanwhile.
        self.ws = Workspace::open(&self.data_dir, Mode::Real)?;
        self.ws = demo::reset(&self.data_dir)?;
        Ok(())
    }
}

/// Managed once by the Tauri builder.
pub struct AppState {
    session: Mutex<Session>,
}

impl AppState {
    /// Opens (creating if needed) `data_dir` and its real database.
    ///
    /// # Errors
    /// When the directory cannot be created or the database cannot be opened.
    pub fn open(data_dir: &Path) -> aiguillage_core::Result<Self> {
        std::fs::create_dir_all(data_dir).map_err(|e| {
            aiguillage_core::Error::BadInput(format!("{}: {e}", data_dir.display()))
        })?;
        let ws = Workspace::open(data_dir, Mode::Real)?;
        Ok(AppState {
            session: Mutex::new(Session {
                ws,
                prefs: Preferences::load(data_dir),
                data_dir: data_dir.to_path_buf(),
            }),
        })
    }

    /// Runs `f` on the session; commands are serialised, as the database is.
    pub fn with<T>(&self, f: impl FnOnce(&mut Session) -> CommandResult<T>) -> CommandResult<T> {
        f(&mut self.lock())
    }

    fn lock(&self) -> MutexGuard<'_, Session> {
        // A command that panicked left nothing half-written (every write is one transaction),
        // so the session stays usable.
        self.session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
