//! An open session: who unlocked, their role, their workspace (the real records or the demo),
//! the records' key, and the background sync that runs while it lasts.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use aiguillage_domain::Lang;

use crate::access::Action;
use crate::error::{Error, Result};
use crate::store::{DbKey, Mode};
use crate::sync::{SyncError, SyncReport};
use crate::vault::Volunteer;
use crate::workspace::Workspace;

/// What a command works on once someone has unlocked.
pub struct Session {
    pub ws: Workspace,
    pub who: Volunteer,
    /// The records' key; `None` for a trainer, who can only open the demo. Shared with the
    /// background sync, which drops its copy when the session closes.
    pub(super) key: Option<Arc<DbKey>>,
    pub data_dir: PathBuf,
    pub(super) files_dir: Option<PathBuf>,
    pub(super) lang: Lang,
    /// The lock delay fixed by the environment, which the setting then does not change.
    pub idle_override: Option<Duration>,
    /// How often the background sync runs while the session lasts.
    pub(super) sync_every: Duration,
    /// Dropped with the session, which stops the background sync.
    pub(super) sync_running: Option<std::sync::mpsc::Sender<()>>,
    /// The device's count of background loops still running.
    pub(super) syncing: Arc<AtomicUsize>,
    /// Set when a sync on another connection (the background loop, "sync now") may have pulled
    /// changes: the session reads its directory and questionnaire again before its next command.
    pub(super) pulled: Arc<AtomicBool>,
}

impl Session {
    /// Which records are open.
    pub fn mode(&self) -> Mode {
        self.ws.store.mode()
    }

    /// The language of the app's words.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Where the app writes the files people keep (sheets, exports): `Documents/Aiguillage`,
    /// or the data directory's `fichiers` when the platform has no documents folder.
    ///
    /// # Errors
    /// When the folder cannot be made.
    pub fn output_dir(&self) -> Result<PathBuf> {
        let dir = self.files_dir.clone().unwrap_or_else(|| {
            directories::UserDirs::new()
                .and_then(|d| d.document_dir().map(|p| p.join("Aiguillage")))
                .unwrap_or_else(|| self.data_dir.join("fichiers"))
        });
        crate::files::create_private_dir(&dir)?;
        // A file cut short by a crash is records on disk that nobody will open: gone after an
        // hour (a younger one may be the command line writing there).
        crate::files::sweep_partials(&dir, Duration::from_secs(3600));
        Ok(dir)
    }

    /// `Ok` when the signed-in role may do `action` with the database now open.
    ///
    /// # Errors
    /// [`Error::Forbidden`] naming the role and the action; [`crate::Problem::LeaveDemo`] for
    /// what belongs to the real records, asked from the demo.
    pub fn require(&self, action: Action) -> Result<()> {
        self.who.role.require_in(action, self.mode())
    }

    /// Switches between the real and the demo database; the other one is closed.
    ///
    /// # Errors
    /// As [`Session::require`]; the database's.
    pub fn switch(&mut self, mode: Mode) -> Result<()> {
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
        let syncing = self.syncing.clone();
        syncing.fetch_add(1, Ordering::AcqRel);
        let running_count = syncing.clone();
        let started = std::thread::Builder::new()
            .name("sync".into())
            .spawn(move || {
                crate::sync::run_loop(data_dir, Some(&key), first, every, stopped, |result| {
                    note_pull(&pulled, result);
                });
                running_count.fetch_sub(1, Ordering::AcqRel);
            });
        if started.is_err() {
            syncing.fetch_sub(1, Ordering::AcqRel);
        }
        // Without a thread, "sync now" still works.
        self.sync_running = started.ok().map(|_| running);
    }

    /// What a sync needs to open the real records on a connection of its own.
    ///
    /// # Errors
    /// [`Error::Forbidden`] for a trainer, who holds no key.
    pub fn sync_handle(&self) -> Result<SyncHandle> {
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
    pub(super) fn catch_up(&mut self) {
        if self.pulled.swap(false, Ordering::AcqRel) {
            self.ws.reload_directory();
            if let Err(e) = self.ws.reload_questionnaire() {
                eprintln!("aiguillage: the questionnaire a sync brought could not be read: {e}");
                self.pulled.store(true, Ordering::Release);
            }
        }
    }

    /// The key, for sealing a new volunteer's slot; only staff who opened the records hold it.
    ///
    /// # Errors
    /// [`Error::Forbidden`] for a trainer.
    pub fn key(&self) -> Result<&DbKey> {
        self.key.as_deref().ok_or_else(no_key)
    }
}

fn no_key() -> Error {
    Error::Forbidden("a trainer holds no key to the records".into())
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

/// Opens `mode`'s records for `who`, in their name: the one way a front end opens a workspace
/// once someone has unlocked.
///
/// # Errors
/// [`Error::Forbidden`] when their role may not open the real records or no key was given;
/// the database's.
pub(super) fn open_workspace(
    data_dir: &Path,
    mode: Mode,
    key: Option<&DbKey>,
    who: &Volunteer,
) -> Result<Workspace> {
    let mut ws = match mode {
        Mode::Real => {
            who.role.require(Action::UseRealRecords)?;
            Workspace::open_keyed(data_dir, Mode::Real, Some(key.ok_or_else(no_key)?))?
        }
        // The demo holds fictional people only, and trainers (who hold no key) open it: it is
        // a plain file.
        Mode::Demo => crate::demo::open(data_dir)?,
    };
    ws.store.set_actor(&who.name);
    Ok(ws)
}
