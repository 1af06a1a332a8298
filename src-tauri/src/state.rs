//! The app's one managed state: the data directory, its key slots, who has unlocked and their
//! open workspace (real or demo), and the user's preferences. Every command goes through
//! [`AppState::with`] (or [`AppState::with_unlocked`]), one at a time, which is where the lock,
//! the idle timeout and the roles are enforced.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use aiguillage_core::access::{Action, Role};
use aiguillage_core::retention::AuditAction;
use aiguillage_core::sync::{SyncError, SyncReport};
use aiguillage_core::vault::{DbKey, KdfParams, Vault, Volunteer};
use aiguillage_core::{Mode, Workspace, demo};
use aiguillage_domain::Lang;

use crate::dto::{LockPhase, LockState, VolunteerView, allowed};
use crate::error::{CommandError, CommandResult};

/// Preferences of this computer's user, kept beside the databases (not in them: they hold
/// whichever of the real or demo database is open, and the lock screen needs the language).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    pub lang: Lang,
}

const PREFERENCES: &str = "preferences.json";

/// The lock delay setting, in the real database.
const IDLE_MINUTES: &str = "idle_lock_minutes";
/// The default lock delay.
pub const DEFAULT_IDLE_MINUTES: u32 = 5;
/// The longest lock delay, set or fixed by the environment.
pub const MAX_IDLE_MINUTES: u32 = 120;

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
        Ok(aiguillage_core::files::write_bytes_whole(
            &path,
            text.as_bytes(),
        )?)
    }
}

/// The real records, for a sync that opens them on a connection of its own.
pub struct SyncHandle {
    data_dir: PathBuf,
    key: Arc<DbKey>,
    /// Who the audit trail names (an enrolment is on record).
    actor: String,
    /// The session's flag for changes this connection may have pulled.
    pulled: Arc<AtomicBool>,
}

impl SyncHandle {
    /// Opens the real records (their own connection, beside the session's).
    ///
    /// # Errors
    /// The database's, as a sync failure.
    pub fn open(&self) -> Result<Workspace, SyncError> {
        let mut ws = Workspace::open_keyed(&self.data_dir, Mode::Real, Some(&self.key))?;
        ws.store.set_actor(&self.actor);
        Ok(ws)
    }

    /// Tells the session that `result` may have pulled changes (a directory or questionnaire
    /// the server sent) that its own copies do not have yet.
    pub fn note(&self, result: &Result<SyncReport, SyncError>) {
        note_pull(&self.pulled, result);
    }
}

/// A sync that failed may still have applied the pages it pulled before failing (each is
/// committed as it comes), and the next one will not bring them again: the session reads its
/// copies again after any sync but one that pulled nothing.
fn note_pull(pulled: &AtomicBool, result: &Result<SyncReport, SyncError>) {
    if !result
        .as_ref()
        .is_ok_and(|report| report.changes_applied == 0)
    {
        pulled.store(true, Ordering::Release);
    }
}

/// What a command works on once someone has unlocked.
pub struct Session {
    pub ws: Workspace,
    pub who: Volunteer,
    /// The records' key; `None` for a trainer, who can only open the demo. Shared with the
    /// background sync, which drops its copy when the session closes.
    key: Option<Arc<DbKey>>,
    pub data_dir: PathBuf,
    files_dir: Option<PathBuf>,
    lang: Lang,
    /// The lock delay fixed by the environment, which the setting then does not change.
    pub idle_override: Option<Duration>,
    /// How often the background sync runs while the session lasts.
    sync_every: Duration,
    /// Dropped with the session, which stops the background sync.
    sync_running: Option<std::sync::mpsc::Sender<()>>,
    /// Set when a sync on another connection (the background loop, "sync now") may have pulled
    /// changes: the session reads its directory and questionnaire again before its next command.
    pulled: Arc<AtomicBool>,
}

impl Session {
    pub fn mode(&self) -> Mode {
        self.ws.store.mode()
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Where the app writes the files people keep (sheets, exports): `Documents/Aiguillage`,
    /// or the data directory's `fichiers` when the platform has no documents folder.
    pub fn output_dir(&self) -> CommandResult<PathBuf> {
        let dir = self.files_dir.clone().unwrap_or_else(|| {
            directories::UserDirs::new()
                .and_then(|d| d.document_dir().map(|p| p.join("Aiguillage")))
                .unwrap_or_else(|| self.data_dir.join("fichiers"))
        });
        aiguillage_core::files::create_private_dir(&dir)?;
        // A file cut short by a crash is records on disk that nobody will open: gone after an
        // hour (a younger one may be the command line writing there).
        aiguillage_core::files::sweep_partials(&dir, Duration::from_secs(3600));
        Ok(dir)
    }

    /// `Ok` when the signed-in role may do `action`, with the database now open.
    ///
    /// # Errors
    /// A `forbidden` error naming the role and the action; `leave_demo` for what
    /// belongs to the real records, asked from the demo.
    pub fn require(&self, action: Action) -> CommandResult<()> {
        Ok(self.who.role.require_in(action, self.mode())?)
    }

    /// Switches between the real and the demo database; the other one is closed.
    pub fn switch(&mut self, mode: Mode) -> CommandResult<()> {
        self.require(match mode {
            Mode::Real => Action::UseRealRecords,
            Mode::Demo => Action::UseDemo,
        })?;
        if self.mode() == mode {
            return Ok(());
        }
        self.ws = open_workspace(&self.data_dir, mode, self.key.as_deref(), &self.who)?;
        Ok(())
    }

    /// Syncs the real records in the background, on a connection of its own, while this session
    /// lasts (a first sync straight away, or after `sync_every` when the caller has just synced;
    /// then every `sync_every`, with backoff while the server does not answer). Nothing when the
    /// device is not enrolled or is revoked, or for a trainer. Started again, the previous run
    /// stops.
    pub fn start_sync(&mut self, just_synced: bool) {
        let Some(key) = self.key.clone() else {
            return;
        };
        let enrolled = self
            .ws
            .sync_status()
            .is_ok_and(|s| s.enrolled && !s.revoked);
        if self.mode() != Mode::Real || !enrolled {
            return;
        }
        let (running, stopped) = std::sync::mpsc::channel();
        let data_dir = self.data_dir.clone();
        let pulled = self.pulled.clone();
        let every = self.sync_every;
        let first = if just_synced { every } else { Duration::ZERO };
        let started = std::thread::Builder::new()
            .name("sync".into())
            .spawn(move || {
                aiguillage_core::sync::run_loop(
                    data_dir,
                    Some(&key),
                    first,
                    every,
                    stopped,
                    |result| note_pull(&pulled, result),
                );
            });
        // Without a thread, "sync now" still works.
        self.sync_running = started.ok().map(|_| running);
    }

    /// What a sync needs to open the real records on a connection of its own.
    ///
    /// # Errors
    /// `forbidden` for a trainer, who holds no key.
    pub fn sync_handle(&self) -> CommandResult<SyncHandle> {
        Ok(SyncHandle {
            data_dir: self.data_dir.clone(),
            key: self.key.clone().ok_or_else(no_key)?,
            actor: self.who.name.clone(),
            pulled: self.pulled.clone(),
        })
    }

    /// Reads the directory and the questionnaire again when a sync on another connection may
    /// have pulled changes since the last command. A reload that fails is tried again at the
    /// next command, and does not fail this one, which works on the copies it had.
    fn catch_up(&mut self) {
        if self.pulled.swap(false, Ordering::AcqRel) {
            self.ws.reload_directory();
            if let Err(e) = self.ws.reload_questionnaire() {
                eprintln!("aiguillage: the questionnaire a sync brought could not be read: {e}");
                self.pulled.store(true, Ordering::Release);
            }
        }
    }

    /// The key, for sealing a new volunteer's slot; only staff who opened the records hold it.
    pub fn key(&self) -> CommandResult<&DbKey> {
        self.key.as_deref().ok_or_else(no_key)
    }
}

fn no_key() -> CommandError {
    aiguillage_core::Error::Forbidden("a trainer holds no key to the records".into()).into()
}

fn open_workspace(
    data_dir: &Path,
    mode: Mode,
    key: Option<&DbKey>,
    who: &Volunteer,
) -> CommandResult<Workspace> {
    let mut ws = match mode {
        Mode::Real => {
            who.role.require(Action::UseRealRecords)?;
            let key = key.ok_or_else(|| CommandError::failure("the records' key is missing"))?;
            Workspace::open_keyed(data_dir, Mode::Real, Some(key))?
        }
        // The demo holds fictional people only, and trainers (who hold no key) open it: it is
        // a plain file.
        Mode::Demo => demo::open(data_dir)?,
    };
    ws.store.set_actor(&who.name);
    Ok(ws)
}

/// Where the app stands between commands.
struct Inner {
    data_dir: PathBuf,
    prefs: Preferences,
    /// `None` until the device is set up.
    vault: Option<Vault>,
    open: Option<Session>,
    /// The lock delay; read from the settings at unlock unless the environment fixed it.
    idle: Duration,
    idle_fixed: bool,
    last_use: Instant,
}

/// How the state tells time and how costly passphrases are: real ones in the app, test ones in
/// tests (a clock that can jump ahead, cheap Argon2id).
pub struct Config {
    pub kdf: KdfParams,
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
            clock: Arc::new(Instant::now),
            idle_override: None,
            files_dir: None,
            sync_every: Duration::from_secs(5 * 60),
        }
    }
}

/// Managed once by the Tauri builder.
pub struct AppState {
    /// Shared with the idle watch, which holds it weakly: it stops when the state goes.
    inner: Arc<Mutex<Inner>>,
    config: Config,
}

/// How often the idle watch looks at the clock.
const IDLE_WATCH_EVERY: Duration = Duration::from_millis(500);

impl AppState {
    /// Opens (creating if needed, and closing to other accounts) `data_dir` and reads its key
    /// slots; nothing is unlocked.
    ///
    /// # Errors
    /// When the directory cannot be created or its key slots cannot be read.
    pub fn open(data_dir: &Path, config: Config) -> aiguillage_core::Result<Self> {
        aiguillage_core::files::create_private_dir(data_dir)?;
        // Best effort: a folder on a file system without modes still opens.
        if let Err(e) = aiguillage_core::files::close_to_others(data_dir) {
            eprintln!("aiguillage: {e}");
        }
        let vault = Vault::load(data_dir)?;
        let now = (config.clock)();
        let state = AppState {
            inner: Arc::new(Mutex::new(Inner {
                data_dir: data_dir.to_path_buf(),
                prefs: Preferences::load(data_dir),
                vault,
                open: None,
                idle: config
                    .idle_override
                    .unwrap_or(Duration::from_secs(u64::from(DEFAULT_IDLE_MINUTES) * 60)),
                idle_fixed: config.idle_override.is_some(),
                last_use: now,
            })),
            config,
        };
        state.watch_idle();
        Ok(state)
    }

    /// Locks the session once the idle delay has passed without a command, even if none ever
    /// comes (a window that hangs, a page that died): the key and the records do not stay open
    /// in memory past the delay. Commands check the delay too, on arrival (`in_use`).
    fn watch_idle(&self) {
        let inner = Arc::downgrade(&self.inner);
        let clock = Arc::clone(&self.config.clock);
        let watch = move || {
            loop {
                std::thread::sleep(IDLE_WATCH_EVERY);
                let Some(inner) = inner.upgrade() else {
                    return;
                };
                let mut inner = inner
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                inner.lock_if_idle(clock());
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

    /// Runs `f` on the unlocked session when its role may do `action`; commands are serialised,
    /// as the database is.
    ///
    /// # Errors
    /// `locked` when nobody has unlocked or the idle delay has passed (the app locks then),
    /// `forbidden` when the role may not do `action`, and whatever `f` returns.
    pub fn with<T>(
        &self,
        action: Action,
        f: impl FnOnce(&mut Session) -> CommandResult<T>,
    ) -> CommandResult<T> {
        self.with_unlocked(|s| {
            s.require(action)?;
            f(s)
        })
    }

    /// Runs `f` on the unlocked session whatever the role (reading the status, the settings).
    ///
    /// # Errors
    /// As [`AppState::with`], without the role check.
    pub fn with_unlocked<T>(
        &self,
        f: impl FnOnce(&mut Session) -> CommandResult<T>,
    ) -> CommandResult<T> {
        let mut inner = self.in_use();
        let session = inner.open.as_mut().ok_or_else(not_unlocked)?;
        session.catch_up();
        f(session)
    }

    /// The state, locked first if the idle delay has passed since the last command; this command
    /// counts as use.
    fn in_use(&self) -> MutexGuard<'_, Inner> {
        let mut inner = self.lock();
        let now = (self.config.clock)();
        inner.lock_if_idle(now);
        inner.last_use = now;
        inner
    }

    /// Where the lock stands; never refused.
    pub fn lock_state(&self) -> LockState {
        self.lock().lock_state()
    }

    /// Sets the device up: the first coordinator's slot, the recovery slot, the records
    /// encrypted; unlocks as that coordinator. Returns the recovery key, to be shown once.
    ///
    /// # Errors
    /// `bad_input` when the device is already set up, for an empty name or a short passphrase.
    pub fn set_up(
        &self,
        coordinator_name: &str,
        passphrase: &str,
        centre_name: Option<&str>,
    ) -> CommandResult<(String, LockState)> {
        // Checked before anything is written: a refused set-up leaves no vault behind.
        let centre_name = centre_name
            .filter(|n| !n.trim().is_empty())
            .map(aiguillage_core::settings::centre_name)
            .transpose()?;
        let mut inner = self.lock();
        let records_before = inner.data_dir.join(Mode::Real.file_name()).exists();
        let set_up = Vault::create(
            &inner.data_dir,
            self.config.kdf,
            coordinator_name,
            passphrase,
        )?;
        let recovery = set_up.recovery.as_str().to_owned();
        inner.vault = Some(set_up.vault);
        if let Err(e) = inner.start(set_up.coordinator, Some(set_up.key), &self.config) {
            // Nothing may be left that only this set-up's key opens, since its recovery key is
            // never shown: records it created go, and while the records are plain, so do the
            // slots, and set-up can be done again. Records from before that it did encrypt
            // stay with the slots: the coordinator's passphrase opens them.
            if !records_before {
                let _ = aiguillage_core::store::remove_database(&inner.data_dir, Mode::Real);
            }
            if !aiguillage_core::store::holds_encrypted_records(&inner.data_dir).unwrap_or(true) {
                let _ = Vault::discard(&inner.data_dir);
                inner.vault = None;
            }
            return Err(e);
        }
        // The records are under the new key now: the recovery key is shown whatever follows.
        if let Some(session) = inner.open.as_mut()
            && let Err(e) = session.ws.store.record_set_up(centre_name)
        {
            eprintln!("aiguillage: set-up's audit row and the centre's name were not written: {e}");
        }
        Ok((recovery, inner.lock_state()))
    }

    /// Unlocks as `volunteer` with their passphrase.
    ///
    /// # Errors
    /// `bad_input` for a wrong passphrase (nothing is opened), `not_found` for an unknown
    /// volunteer, `locked`-free failures of the database.
    pub fn unlock(&self, volunteer: &str, passphrase: &str) -> CommandResult<LockState> {
        let id = Uuid::parse_str(volunteer).map_err(|_| {
            CommandError::bad_input(format!("\"{volunteer}\" is not a volunteer id"))
        })?;
        let mut inner = self.lock();
        let vault = inner.vault()?;
        let (who, key) = vault.unlock(id, passphrase)?;
        inner.start(who, key, &self.config)?;
        Ok(inner.lock_state())
    }

    /// Unlocks with the printed recovery key, as a coordinator named "recovery": enough to give
    /// a volunteer a new passphrase.
    ///
    /// # Errors
    /// `bad_input` for a key that is not shaped right or does not open the device.
    pub fn unlock_with_recovery(&self, typed: &str) -> CommandResult<LockState> {
        let mut inner = self.lock();
        let key = inner.vault()?.unlock_with_recovery(typed)?;
        let who = Volunteer {
            id: Uuid::nil(),
            name: aiguillage_core::vault::RECOVERY_ACTOR.into(),
            role: Role::Coordinator,
        };
        inner.start(who, Some(key), &self.config)?;
        Ok(inner.lock_state())
    }

    /// Locks now: the session's database is closed and its key dropped. What was typed into a
    /// diagnostic is already in its draft. A sync under way (sync now, an enrolment, the
    /// background loop) holds its own copy of the key and connection until its server answers
    /// (a minute at most), then lets them go.
    pub fn lock_now(&self, idle: bool) -> LockState {
        let mut inner = self.lock();
        inner.close(if idle {
            AuditAction::IdleLock
        } else {
            AuditAction::Lock
        });
        inner.lock_state()
    }

    /// Runs `f` on the key slots with the unlocked session, for a coordinator managing
    /// volunteers.
    ///
    /// # Errors
    /// As [`AppState::with`] for [`Action::ManageVolunteers`], and `f`'s.
    pub fn with_vault<T>(
        &self,
        f: impl FnOnce(&mut Vault, &mut Session) -> CommandResult<T>,
    ) -> CommandResult<T> {
        let mut inner = self.in_use();
        let Inner { vault, open, .. } = &mut *inner;
        match (vault.as_mut(), open.as_mut()) {
            (Some(vault), Some(session)) => {
                session.require(Action::ManageVolunteers)?;
                f(vault, session)
            }
            _ => Err(not_unlocked()),
        }
    }

    /// Empties and re-seeds the demo database (only from demo mode); the real one is never
    /// touched.
    ///
    /// # Errors
    /// As [`AppState::with`] for [`Action::UseDemo`]; `bad_input` outside demo mode.
    pub fn reset_demo(&self) -> CommandResult<()> {
        let mut inner = self.in_use();
        let session = inner.open.as_ref().ok_or_else(not_unlocked)?;
        session.require(Action::UseDemo)?;
        if session.mode() != Mode::Demo {
            return Err(CommandError::bad_input(
                "the demo can only be reset from demo mode",
            ));
        }
        let Some(mut session) = inner.open.take() else {
            return Err(not_unlocked());
        };
        // The demo file must be closed before it is deleted. Should the reset fail, the session
        // ends (the app shows its lock) rather than stay on a half-reset demo.
        drop(session.ws);
        session.ws = demo::reset(&session.data_dir)?;
        session.ws.store.set_actor(&session.who.name);
        inner.open = Some(session);
        Ok(())
    }

    /// Changes the language, locked or not.
    pub fn set_lang(&self, lang: Lang) -> CommandResult<()> {
        let mut inner = self.lock();
        inner.prefs.lang = lang;
        if let Some(session) = inner.open.as_mut() {
            session.lang = lang;
        }
        inner.prefs.save(&inner.data_dir)
    }

    /// Reads the lock delay again after the setting changed.
    pub fn refresh_idle(&self) -> CommandResult<()> {
        let mut inner = self.lock();
        inner.read_idle()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A command that panicked left nothing half-written (every write is one transaction),
        // so the state stays usable.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Inner {
    fn vault(&self) -> CommandResult<&Vault> {
        self.vault
            .as_ref()
            .ok_or_else(|| CommandError::bad_input("this device is not set up yet"))
    }

    /// Opens the workspace of the one who unlocked: the records for staff, the demo for a
    /// trainer.
    fn start(&mut self, who: Volunteer, key: Option<DbKey>, config: &Config) -> CommandResult<()> {
        // Whoever was working is signed out first: one person at a time.
        self.close(AuditAction::Lock);
        let mode = if who.role.allows(Action::UseRealRecords) {
            Mode::Real
        } else {
            Mode::Demo
        };
        let mut ws = open_workspace(&self.data_dir, mode, key.as_ref(), &who)?;
        ws.store.audit(AuditAction::Unlock, None)?;
        self.open = Some(Session {
            ws,
            who,
            key: key.map(Arc::new),
            data_dir: self.data_dir.clone(),
            files_dir: config.files_dir.clone(),
            lang: self.prefs.lang,
            idle_override: config.idle_override,
            sync_every: config.sync_every,
            sync_running: None,
            pulled: Arc::default(),
        });
        if let Some(session) = self.open.as_mut() {
            session.start_sync(false);
        }
        self.last_use = (config.clock)();
        self.read_idle()
    }

    fn read_idle(&mut self) -> CommandResult<()> {
        if self.idle_fixed {
            return Ok(());
        }
        if let Some(session) = self.open.as_ref().filter(|s| s.mode() == Mode::Real) {
            self.idle = Duration::from_secs(u64::from(idle_minutes(&session.ws)?) * 60);
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

    fn lock_state(&self) -> LockState {
        let phase = match (&self.vault, &self.open) {
            (None, _) => LockPhase::SetUp,
            (Some(_), None) => LockPhase::Locked,
            (Some(_), Some(_)) => LockPhase::Unlocked,
        };
        let who = self.open.as_ref().map(|s| &s.who);
        LockState {
            phase,
            volunteers: self
                .vault
                .iter()
                .flat_map(Vault::volunteers)
                .map(|v| VolunteerView::from(&v))
                .collect(),
            who: who.map(VolunteerView::from),
            allowed: self
                .open
                .as_ref()
                .map(|s| allowed(s.who.role, s.mode()))
                .unwrap_or_default(),
            idle_seconds: u32::try_from(self.idle.as_secs()).unwrap_or(u32::MAX),
            lang: self.prefs.lang.code().to_owned(),
        }
    }
}

/// The refusal of every command while nobody has unlocked.
fn not_unlocked() -> CommandError {
    CommandError::locked("the app is locked: unlock it with your passphrase")
}

/// The lock delay setting of a workspace, in minutes.
pub fn idle_minutes(ws: &Workspace) -> CommandResult<u32> {
    Ok(ws
        .store
        .find_meta(IDLE_MINUTES)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_IDLE_MINUTES))
}

/// Sets the lock delay (1 to 120 minutes).
///
/// # Errors
/// `bad_input` outside those bounds.
pub fn set_idle_minutes(ws: &mut Workspace, minutes: u32) -> CommandResult<()> {
    if !(1..=MAX_IDLE_MINUTES).contains(&minutes) {
        return Err(CommandError::bad_input(format!(
            "the lock delay must be between 1 and {MAX_IDLE_MINUTES} minutes, not {minutes}"
        )));
    }
    ws.store.set_setting(IDLE_MINUTES, &minutes.to_string())?;
    Ok(())
}
