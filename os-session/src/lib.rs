//! What the operating system says of the person's session that the app must act on at once:
//! the session is locked (Windows+L, a screen saver taking over) or the computer is about to
//! sleep. The desktop app locks itself then, so the records are closed before anybody else can
//! reach the computer, whatever is left of the idle delay.
//!
//! - Windows: a hidden window of the app's own, registered for the session's changes
//!   (`WTSRegisterSessionNotification`: `WTS_SESSION_LOCK`) and told of suspends like every
//!   top-level window (`WM_POWERBROADCAST`: `PBT_APMSUSPEND`).
//! - Linux: logind on the system bus (`PrepareForSleep`; the session's `Lock` and
//!   `LockedHint`).
//! - Elsewhere, or where the watch cannot start (no logind), the idle delay alone locks; it
//!   counts the time asleep (`aiguillage_core::IdleClock`).
//!
//! The only crate of the workspace with `unsafe` code: the Windows API calls, each with why it
//! is sound.

#[cfg(target_os = "linux")]
mod linux;
#[cfg(windows)]
mod windows;

/// What happened to the person's session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The session was locked: someone stepped away.
    Locked,
    /// The computer is about to sleep.
    Sleeping,
}

/// Watches while it lives; dropping it stops the watch.
pub struct Watch {
    /// Held for its `Drop`, which stops the watch.
    #[cfg(windows)]
    _inner: windows::Watch,
    #[cfg(target_os = "linux")]
    _inner: linux::Watch,
}

/// Calls `on` with each [`Event`] of this session, from a thread of the watch's own, until the
/// returned [`Watch`] is dropped.
///
/// # Errors
/// When the platform refuses the watch (Windows: the hidden window or the session's
/// notifications; Linux: no system bus, or logind knows no session for the app).
pub fn watch(on: impl Fn(Event) + Send + Sync + 'static) -> std::io::Result<Watch> {
    #[cfg(windows)]
    {
        Ok(Watch {
            _inner: windows::watch(Box::new(on))?,
        })
    }
    #[cfg(target_os = "linux")]
    {
        Ok(Watch {
            _inner: linux::watch(Box::new(on))?,
        })
    }
    #[cfg(not(any(windows, target_os = "linux")))]
    {
        let _ = on;
        Ok(Watch {})
    }
}
