//! The one clock of the core. Everything that stamps a row (a draft's last change, a diagnostic's
//! completion, an audit row, retention's limits) asks the store's clock, so a test can set the
//! time instead of waiting for it.

use std::sync::Arc;

use chrono::{DateTime, Utc};

/// Tells the time: the system's, or any a test chooses.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>);

impl Clock {
    /// The system's clock.
    pub fn system() -> Self {
        Clock(Arc::new(Utc::now))
    }

    /// A clock that reads `now` (tests: time set, or moved by the closure's own state).
    pub fn from_fn(now: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        Clock(Arc::new(now))
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        (self.0)()
    }

    /// The current instant as stored ([`aiguillage_domain::time::stamp`]).
    pub fn stamp(&self) -> String {
        aiguillage_domain::time::stamp(self.now())
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::system()
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Clock")
    }
}
