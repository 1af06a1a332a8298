//! The session: one home for unlocking, locking, the idle delay, roles, the device's set-up and
//! its rollback, the background sync and the user's preferences. The desktop app holds one
//! [`Device`] for its whole life and runs each command through [`Device::with`]; the command line
//! opens its records through [`open_for_command`]. Both unlock the same way, with the same roles.

mod command;
mod open;
mod preferences;

pub use command::{Credentials, open_for_command};
pub use open::{Session, SyncHandle};
pub use preferences::Preferences;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use aiguillage_domain::Lang;
use uuid::Uuid;

use crate::access::{Action, Role};
use crate::clock::IdleClock;
use crate::error::{Error, Result};
use crate::settings::DEFAULT_IDLE_MINUTES;
use crate::store::{self, AuditAction, DbKey, Mode};
use crate::vault::{KdfParams, RECOVERY_ACTOR, Vault, Volunteer};
use open::open_workspace;

/// How the device tells time and how costly passphrases are: real ones in the app, test ones in
/// tests (a clock that can jump ahead, cheap Argon2id).
pub struct Config {
    pub kdf: KdfParams,
    /// The idle lock's clock ([`IdleClock`] by default: a sleep counts as time without use).
    pub clock: Arc<dyn Fn() -> Instant + Send + Sync>,
    /// A lock delay that overrides the setting (`AIGUILLAGE_IDLE_LOCK_SECONDS`).
    pub idle_override: Option<Duration>,
    /// Where sheets and exports go instead of `Documents/Aiguillage`.
    pub files_dir: Option<PathBuf>,
    /// How often the records sync in the background while someone is signed in.
    pub sync_every: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            kdf: KdfParams::STANDARD,
            clock: {
                let clock = IdleClock::new();
                Arc::new(move || clock.now())
            },
            idle_override: None,
            files_dir: None,
            sync_every: Duration::from_secs(5 * 60),
        }
    }
}

/// Where the device stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Never set up: the first coordinator must be created.
    SetUp,
    /// Set up and locked: someone must unlock.
    Locked,
    /// Someone is working.
    Unlocked,
}

/// Why the device locks now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockCause {
    /// Someone asked (the lock button).
    Asked,
    /// The page saw nobody at work for the lock delay.
    Idle,
    /// The computer's session locked, or the computer is going to sleep.
    System,
}

/// The lock's state, readable at any time (even locked).
#[derive(Debug, Clone)]
pub struct LockStatus {
    pub phase: Phase,
    /// Who can unlock (shown on the lock screen).
    pub volunteers: Vec<Volunteer>,
    /// Who is working, with the records open, when unlocked.
    pub who: Option<(Volunteer, Mode)>,
    /// Time without use before the device locks itself.
    pub idle: Duration,
    pub lang: Lang,
}

/// This device: its data directory, its key slots, who is working, and since when nobody did
/// anything. Commands are serialised, as the database is.
pub struct Device {
    /// Shared with the idle watch, which holds it weakly: it stops when the device goes.
    state: Arc<Mutex<State>>,
    config: Config,
    /// How many times the idle watch has looked at the clock.
    idle_checks: Arc<AtomicU64>,
    /// Background sync loops still running (one a session; a closed session's ends once its
    /// server answers).
    syncing: Arc<AtomicUsize>,
}

/// Where the device stands between commands.
struct State {
    data_dir: PathBuf,
    prefs: Preferences,
    /// `None` until the device is set up.
    vault: Option<Vault>,
    open: Option<Session>,
    /// The lock delay; read from the settings at unlock unless the environment fixed it.
    idle: Duration,
    idle_fixed: bool,
    last_use: Instant,
    syncing: Arc<AtomicUsize>,
}

/// How often the idle watch looks at the clock.
const IDLE_WATCH_EVERY: Duration = Duration::from_millis(500);

impl Device {
    /// Opens (creating if needed, and closing to other accounts) `data_dir` and reads its key
    /// slots; nothing is unlocked.
    ///
    /// # Errors
    /// When the directory cannot be created or its key slots cannot be read.
    pub fn open(data_dir: &Path, config: Config) -> Result<Self> {
        crate::files::create_private_dir(data_dir)?;
        // Best effort: a folder on a file system without modes still opens.
        if let Err(e) = crate::files::close_to_others(data_dir) {
            eprintln!("aiguillage: {e}");
        }
        let vault = Vault::load(data_dir)?;
        let now = (config.clock)();
        let syncing = Arc::new(AtomicUsize::new(0));
        let device = Device {
            state: Arc::new(Mutex::new(State {
                data_dir: data_dir.to_path_buf(),
                prefs: Preferences::load(data_dir),
                vault,
                open: None,
                idle: config
                    .idle_override
                    .unwrap_or(Duration::from_secs(u64::from(DEFAULT_IDLE_MINUTES) * 60)),
                idle_fixed: config.idle_override.is_some(),
                last_use: now,
                syncing: syncing.clone(),
            })),
            config,
            idle_checks: Arc::default(),
            syncing,
        };
        device.watch_idle();
        Ok(device)
    }

    /// Locks the session once the idle delay has passed without a command, even if none ever
    /// comes (a window that hangs, a page that died): the key and the records do not stay open
    /// in memory past the delay. Commands check the delay too, on arrival (`in_use`).
    fn watch_idle(&self) {
        let state = Arc::downgrade(&self.state);
        let clock = Arc::clone(&self.config.clock);
        let checks = Arc::clone(&self.idle_checks);
        let watch = move || {
            loop {
                std::thread::sleep(IDLE_WATCH_EVERY);
                let Some(state) = state.upgrade() else {
                    return;
                };
                let mut state = state
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                state.lock_if_idle(clock());
                checks.fetch_add(1, Ordering::Release);
            }
        };
        // Without the watch the commands still lock on arrival; the app runs on.
        if let Err(e) = std::thread::Builder::new()
            .name("idle-lock".into())
            .spawn(watch)
        {
            eprintln!("aiguillage: the idle lock's watch did not start: {e}");
        }
    }

    /// How many times the idle watch has looked at the clock: what a test waits on to know the
    /// watch has run, rather than sleeping.
    pub fn idle_checks(&self) -> u64 {
        self.idle_checks.load(Ordering::Acquire)
    }

    /// How many background sync loops are still running.
    pub fn background_syncs(&self) -> usize {
        self.syncing.load(Ordering::Acquire)
    }

    /// Runs `f` on the unlocked session when its role may do `action`.
    ///
    /// # Errors
    /// [`Error::Locked`] when nobody has unlocked or the idle delay has passed (the device
    /// locks then), [`Error::Forbidden`] when the role may not do `action`, and `f`'s.
    pub fn with<T, E: From<Error>>(
        &self,
        action: Action,
        f: impl FnOnce(&mut Session) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.with_unlocked(|s| {
            s.require(action)?;
            f(s)
        })
    }

    /// Runs `f` on the unlocked session whatever the role (reading the status, the settings).
    ///
    /// # Errors
    /// As [`Device::with`], without the role check.
    pub fn with_unlocked<T, E: From<Error>>(
        &self,
        f: impl FnOnce(&mut Session) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let mut state = self.in_use();
        let session = state.open.as_mut().ok_or(Error::Locked)?;
        session.catch_up();
        f(session)
    }

    /// The state, locked first if the idle delay has passed since the last command; this command
    /// counts as use.
    fn in_use(&self) -> MutexGuard<'_, State> {
        let mut state = self.lock();
        let now = (self.config.clock)();
        state.lock_if_idle(now);
        state.last_use = now;
        state
    }

    /// Where the lock stands; never refused.
    pub fn lock_status(&self) -> LockStatus {
        self.lock().status()
    }

    /// Sets the device up: the first coordinator's slot, the recovery slot, the records
    /// encrypted; unlocks as that coordinator. Returns the recovery key, to be shown once.
    ///
    /// # Errors
    /// [`Error::BadInput`] when the device is already set up; [`Error::Problem`] for an empty
    /// name, a short passphrase or a centre's name out of bounds. Nothing is left behind then.
    pub fn set_up(
        &self,
        coordinator_name: &str,
        passphrase: &str,
        centre_name: Option<&str>,
    ) -> Result<(String, LockStatus)> {
        // Checked before anything is written: a refused set-up leaves no vault behind.
        let centre_name = centre_name
            .filter(|n| !n.trim().is_empty())
            .map(crate::settings::centre_name)
            .transpose()?;
        let mut state = self.lock();
        let records_before = state.data_dir.join(Mode::Real.file_name()).exists();
        let set_up = Vault::create(
            &state.data_dir,
            self.config.kdf,
            coordinator_name,
            passphrase,
        )?;
        let recovery = set_up.recovery.as_str().to_owned();
        state.vault = Some(set_up.vault);
        if let Err(e) = state.start(set_up.coordinator, Some(set_up.key), &self.config) {
            // Nothing may be left that only this set-up's key opens, since its recovery key is
            // never shown: records it created go, and while the records are plain, so do the
            // slots, and set-up can be done again. Records from before that it did encrypt
            // stay with the slots: the coordinator's passphrase opens them.
            if !records_before {
                let _ = store::remove_database(&state.data_dir, Mode::Real);
            }
            if !store::holds_encrypted_records(&state.data_dir).unwrap_or(true) {
                let _ = Vault::discard(&state.data_dir);
                state.vault = None;
            }
            return Err(e);
        }
        // The records are under the new key now: the recovery key is shown whatever follows.
        if let Some(session) = state.open.as_mut()
            && let Err(e) = session.ws.record_set_up(centre_name)
        {
            eprintln!("aiguillage: set-up's audit row and the centre's name were not written: {e}");
        }
        Ok((recovery, state.status()))
    }

    /// Unlocks as `volunteer` with their passphrase.
    ///
    /// # Errors
    /// [`Error::BadInput`] for an id that is not one, [`Error::WrongPassphrase`] (nothing is
    /// opened), [`Error::NotFound`] for an unknown volunteer; the database's.
    pub fn unlock(&self, volunteer: &str, passphrase: &str) -> Result<LockStatus> {
        let id = Uuid::parse_str(volunteer)
            .map_err(|_| Error::BadInput(format!("\"{volunteer}\" is not a volunteer id")))?;
        let mut state = self.lock();
        let (who, key) = state.vault()?.unlock(id, passphrase)?;
        state.start(who, key, &self.config)?;
        Ok(state.status())
    }

    /// Unlocks with the printed recovery key, as a coordinator named "recovery": enough to give
    /// a volunteer a new passphrase.
    ///
    /// # Errors
    /// [`Error::Problem`] for a key not shaped right; [`Error::WrongPassphrase`] for one that
    /// does not open the device.
    pub fn unlock_with_recovery(&self, typed: &str) -> Result<LockStatus> {
        let mut state = self.lock();
        let key = state.vault()?.unlock_with_recovery(typed)?;
        let who = Volunteer {
            id: Uuid::nil(),
            name: RECOVERY_ACTOR.into(),
            role: Role::Coordinator,
        };
        state.start(who, Some(key), &self.config)?;
        Ok(state.status())
    }

    /// Locks now: the session's database is closed and its key dropped. What was typed into a
    /// diagnostic is already in its draft. A sync under way (sync now, an enrolment, the
    /// background loop) holds its own copy of the key and connection until its server answers
    /// (a minute at most), then lets them go.
    pub fn lock_now(&self, cause: LockCause) -> LockStatus {
        let mut state = self.lock();
        state.close(match cause {
            LockCause::Asked => AuditAction::Lock,
            LockCause::Idle => AuditAction::IdleLock,
            LockCause::System => AuditAction::SystemLock,
        });
        state.status()
    }

    /// Runs `f` on the key slots with the unlocked session, for a coordinator managing
    /// volunteers.
    ///
    /// # Errors
    /// As [`Device::with`] for [`Action::ManageVolunteers`], and `f`'s.
    pub fn with_vault<T, E: From<Error>>(
        &self,
        f: impl FnOnce(&mut Vault, &mut Session) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let mut state = self.in_use();
        let State { vault, open, .. } = &mut *state;
        match (vault.as_mut(), open.as_mut()) {
            (Some(vault), Some(session)) => {
                session.require(Action::ManageVolunteers)?;
                f(vault, session)
            }
            _ => Err(Error::Locked.into()),
        }
    }

    /// Empties and re-seeds the demo database (only from demo mode); the real one is never
    /// touched.
    ///
    /// # Errors
    /// As [`Device::with`] for [`Action::UseDemo`]; [`Error::BadInput`] outside demo mode.
    pub fn reset_demo(&self) -> Result<()> {
        let mut state = self.in_use();
        let session = state.open.as_ref().ok_or(Error::Locked)?;
        session.require(Action::UseDemo)?;
        if session.mode() != Mode::Demo {
            return Err(Error::BadInput(
                "the demo can only be reset from demo mode".into(),
            ));
        }
        let Some(mut session) = state.open.take() else {
            return Err(Error::Locked);
        };
        // The demo file must be closed before it is deleted. Should the reset fail, the session
        // ends (the app shows its lock) rather than stay on a half-reset demo.
        drop(session.ws);
        session.ws = crate::demo::reset(&session.data_dir)?;
        session.ws.store.set_actor(&session.who.name);
        state.open = Some(session);
        Ok(())
    }

    /// Changes the language, locked or not.
    ///
    /// # Errors
    /// When the preferences cannot be written.
    pub fn set_lang(&self, lang: Lang) -> Result<()> {
        let mut state = self.lock();
        state.prefs.lang = lang;
        if let Some(session) = state.open.as_mut() {
            session.lang = lang;
        }
        state.prefs.save(&state.data_dir)
    }

    /// Reads the lock delay again after the setting changed.
    ///
    /// # Errors
    /// The database's.
    pub fn refresh_idle(&self) -> Result<()> {
        self.lock().read_idle()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A command that panicked left nothing half-written (every write is one transaction),
        // so the state stays usable.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl State {
    fn vault(&self) -> Result<&Vault> {
        self.vault
            .as_ref()
            .ok_or_else(|| Error::BadInput("this device is not set up yet".into()))
    }

    /// Opens the workspace of the one who unlocked: the records for staff, the demo for a
    /// trainer.
    fn start(&mut self, who: Volunteer, key: Option<DbKey>, config: &Config) -> Result<()> {
        // Whoever was working is signed out first: one person at a time.
        self.close(AuditAction::Lock);
        let mode = if who.role.allows(Action::UseRealRecords) {
            Mode::Real
        } else {
            Mode::Demo
        };
        let mut ws = open_workspace(&self.data_dir, mode, key.as_ref(), &who)?;
        ws.store.audit(AuditAction::Unlock, None)?;
        let mut session = Session {
            ws,
            who,
            key: key.map(Arc::new),
            data_dir: self.data_dir.clone(),
            files_dir: config.files_dir.clone(),
            lang: self.prefs.lang,
            idle_override: config.idle_override,
            sync_every: config.sync_every,
            sync_running: None,
            syncing: self.syncing.clone(),
            pulled: Arc::default(),
        };
        session.start_sync(false);
        self.open = Some(session);
        self.last_use = (config.clock)();
        self.read_idle()
    }

    fn read_idle(&mut self) -> Result<()> {
        if self.idle_fixed {
            return Ok(());
        }
        if let Some(session) = self.open.as_ref().filter(|s| s.mode() == Mode::Real) {
            self.idle = Duration::from_secs(u64::from(session.ws.idle_minutes()?) * 60);
        }
        Ok(())
    }

    /// Closes the session if nothing was done for the idle delay, as of `now`.
    fn lock_if_idle(&mut self, now: Instant) {
        if self.open.is_some() && now.duration_since(self.last_use) > self.idle {
            self.close(AuditAction::IdleLock);
        }
    }

    /// Closes the session, leaving `why` in its audit trail.
    fn close(&mut self, why: AuditAction) {
        if let Some(mut session) = self.open.take() {
            // A failed audit row must not keep the device open.
            let _ = session.ws.store.audit(why, None);
        }
    }

    fn status(&self) -> LockStatus {
        let phase = match (&self.vault, &self.open) {
            (None, _) => Phase::SetUp,
            (Some(_), None) => Phase::Locked,
            (Some(_), Some(_)) => Phase::Unlocked,
        };
        LockStatus {
            phase,
            volunteers: self.vault.iter().flat_map(Vault::volunteers).collect(),
            who: self.open.as_ref().map(|s| (s.who.clone(), s.mode())),
            idle: self.idle,
            lang: self.prefs.lang,
        }
    }
}
