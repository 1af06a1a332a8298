//! The app's one managed state: the core's [`Device`] (the session: unlocking, locking, the idle
//! delay, roles, set-up, background sync, preferences), with the lock's state said as the UI
//! reads it. Every command goes through [`Device::with`] (or [`Device::with_unlocked`]).

use std::ops::Deref;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

pub use aiguillage_core::session::{Config, Session, SyncHandle};
use aiguillage_core::session::{Device, LockCause, LockStatus};
use tauri::ipc::Channel;

use crate::dto::LockState;
use crate::error::CommandResult;

/// Managed once by the Tauri builder.
pub struct AppState {
    device: Device,
    /// Where the page asked to be told of the locks it did not ask for (the computer's).
    page: Mutex<Option<Channel<LockState>>>,
}

impl Deref for AppState {
    type Target = Device;

    fn deref(&self) -> &Device {
        &self.device
    }
}

impl AppState {
    /// Opens `data_dir` (see [`Device::open`]); nothing is unlocked.
    ///
    /// # Errors
    /// When the directory cannot be created or its key slots cannot be read.
    pub fn open(data_dir: &Path, config: Config) -> aiguillage_core::Result<Self> {
        Ok(AppState {
            device: Device::open(data_dir, config)?,
            page: Mutex::default(),
        })
    }

    /// Where the lock stands; never refused.
    pub fn lock_state(&self) -> LockState {
        LockState::from(self.device.lock_status())
    }

    /// Sets the device up and unlocks as its first coordinator: the recovery key to show once.
    ///
    /// # Errors
    /// As [`Device::set_up`].
    pub fn set_up(
        &self,
        coordinator_name: &str,
        passphrase: &str,
        centre_name: Option<&str>,
    ) -> CommandResult<(String, LockState)> {
        let (recovery, status) = self
            .device
            .set_up(coordinator_name, passphrase, centre_name)?;
        Ok((recovery, status.into()))
    }

    /// Unlocks as `volunteer` with their passphrase.
    ///
    /// # Errors
    /// As [`Device::unlock`].
    pub fn unlock(&self, volunteer: &str, passphrase: &str) -> CommandResult<LockState> {
        Ok(self.device.unlock(volunteer, passphrase)?.into())
    }

    /// Unlocks with the printed recovery key.
    ///
    /// # Errors
    /// As [`Device::unlock_with_recovery`].
    pub fn unlock_with_recovery(&self, typed: &str) -> CommandResult<LockState> {
        Ok(self.device.unlock_with_recovery(typed)?.into())
    }

    /// Locks now, at the page's asking (`idle`: it saw nobody at work for the lock delay).
    pub fn lock_now(&self, idle: bool) -> LockState {
        let cause = if idle {
            LockCause::Idle
        } else {
            LockCause::Asked
        };
        self.device.lock_now(cause).into()
    }

    /// The computer's session locked or the computer is going to sleep: locks now, and tells
    /// the page, which hides what it showed.
    pub fn lock_for_system(&self) -> LockState {
        let state = LockState::from(self.device.lock_now(LockCause::System));
        let page = self.page.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(page) = page.as_ref() {
            // A page gone (reloading) learns the lock when it asks where the lock stands.
            let _ = page.send(state.clone());
        }
        state
    }

    /// Where to tell the page of the locks it did not ask for; replaces the page's last.
    pub fn tell_locks_to(&self, page: Channel<LockState>) {
        *self.page.lock().unwrap_or_else(PoisonError::into_inner) = Some(page);
    }
}

impl From<LockStatus> for LockState {
    fn from(status: LockStatus) -> Self {
        use crate::dto::{LockPhase, VolunteerView, allowed};
        use aiguillage_core::session::Phase;
        LockState {
            phase: match status.phase {
                Phase::SetUp => LockPhase::SetUp,
                Phase::Locked => LockPhase::Locked,
                Phase::Unlocked => LockPhase::Unlocked,
            },
            volunteers: status.volunteers.iter().map(VolunteerView::from).collect(),
            who: status.who.as_ref().map(|(who, _)| VolunteerView::from(who)),
            allowed: status
                .who
                .as_ref()
                .map(|(who, mode)| allowed(who.role, *mode))
                .unwrap_or_default(),
            idle_seconds: u32::try_from(status.idle.as_secs()).unwrap_or(u32::MAX),
            lang: status.lang.code().to_owned(),
        }
    }
}
