//! The lock and the roles, through the app's real commands on a real (encrypted) data directory:
//! each command is called with Tauri's `State` from the mock runtime, without a window.

mod lock;
mod national;
mod roles;
mod setup;
mod sync;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tauri::Manager;
use tauri::async_runtime::block_on;
use tauri::test::{MockRuntime, mock_app};

use aiguillage_app::CommandError;
use aiguillage_app::commands::{access, app, diagnostic, directory, history, report, settings};
use aiguillage_app::dto::{AnswerInput, HistoryQuery, LockPhase, Period};
use aiguillage_app::error::ErrorKind;
use aiguillage_app::state::{AppState, Config};
use aiguillage_core::vault::KdfParams;

const NADIA: &str = "phrase de passe de Nadia";

/// An app on a fresh data directory whose clock the test moves.
struct Harness {
    app: tauri::App<MockRuntime>,
    clock: Arc<AtomicU64>,
    dir: tempfile::TempDir,
}

impl Harness {
    fn new() -> Self {
        Self::with_idle_override(None)
    }

    /// An app whose lock delay the environment fixed (`AIGUILLAGE_IDLE_LOCK_SECONDS`).
    fn with_idle_override(idle_override: Option<Duration>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(AtomicU64::new(0));
        let start = Instant::now();
        let seconds = Arc::clone(&clock);
        let config = Config {
            kdf: KdfParams::TEST_ONLY_FAST,
            clock: Arc::new(move || start + Duration::from_secs(seconds.load(Ordering::SeqCst))),
            idle_override,
            files_dir: Some(dir.path().join("fichiers")),
            sync_every: Duration::from_millis(300),
        };
        let state = AppState::open(&dir.path().join("data"), config).unwrap();
        let app = mock_app();
        app.manage(state);
        Harness { app, clock, dir }
    }

    fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }

    fn advance(&self, by: Duration) {
        self.clock.fetch_add(by.as_secs(), Ordering::SeqCst);
    }

    /// The data directory the app was opened on.
    fn data_dir(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }

    /// The set-up screen's command, with Nadia as the first coordinator.
    fn set_up_nadia(&self) -> Result<aiguillage_app::dto::SetUpView, CommandError> {
        block_on(access::set_up_device(
            self.state(),
            "Nadia".into(),
            NADIA.into(),
            Some("Centre d'essai".into()),
        ))
    }

    /// Set up with Nadia as coordinator, then Paul (volunteer) and Léa (trainer) added.
    fn set_up(&self) -> (String, String, String) {
        let view = self.set_up_nadia().unwrap();
        assert_eq!(view.lock.phase, LockPhase::Unlocked);
        for (name, role, pass) in [
            ("Paul", "volunteer", "phrase de passe de Paul"),
            ("Léa", "trainer", "phrase de passe de Léa"),
        ] {
            block_on(access::add_volunteer(
                self.state(),
                name.into(),
                role.into(),
                pass.into(),
            ))
            .unwrap();
        }
        let people = block_on(access::get_lock_state(self.state()))
            .unwrap()
            .volunteers;
        let id = |name: &str| people.iter().find(|v| v.name == name).unwrap().id.clone();
        (id("Nadia"), id("Paul"), id("Léa"))
    }

    /// Set up as above, with Nadia (the coordinator) signed in.
    fn with_nadia_signed_in() -> Self {
        let h = Self::new();
        let (nadia, _, _) = h.set_up();
        h.unlock(&nadia, NADIA).unwrap();
        h
    }

    fn unlock(&self, id: &str, passphrase: &str) -> Result<(), CommandError> {
        block_on(access::unlock(self.state(), id.into(), passphrase.into())).map(|_| ())
    }
}
