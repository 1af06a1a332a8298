//! The clocks of the core. Everything that stamps a row (a draft's last change, a diagnostic's
//! completion, an audit row, retention's limits) asks the store's [`Clock`], so a test can set the
//! time instead of waiting for it; the idle lock counts time without use on the [`IdleClock`].

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Instant, SystemTime};

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

/// Time as the idle lock counts it: an [`Instant`] that also moves on while the computer sleeps.
///
/// `Instant` alone stands still during a suspend on Linux (`CLOCK_MONOTONIC`): a laptop closed
/// for the night would wake with the records still open. Each reading moves on by whichever of
/// the monotonic and the wall clocks moved further since the reading before, so a sleep counts
/// as time without use; a wall clock set back changes nothing, one set forward only locks
/// sooner.
pub struct IdleClock(Mutex<Reading>);

struct Reading {
    monotonic: Instant,
    wall: SystemTime,
    said: Instant,
}

impl IdleClock {
    pub fn new() -> Self {
        let monotonic = Instant::now();
        IdleClock(Mutex::new(Reading {
            monotonic,
            wall: SystemTime::now(),
            said: monotonic,
        }))
    }

    /// Now, with the time slept since the last reading counted in.
    pub fn now(&self) -> Instant {
        self.read(Instant::now(), SystemTime::now())
    }

    fn read(&self, monotonic: Instant, wall: SystemTime) -> Instant {
        let mut last = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let awake = monotonic.saturating_duration_since(last.monotonic);
        let passed = wall.duration_since(last.wall).unwrap_or_default();
        let said = last
            .said
            .checked_add(awake.max(passed))
            .unwrap_or(last.said);
        *last = Reading {
            monotonic,
            wall,
            said,
        };
        said
    }
}

impl Default for IdleClock {
    fn default() -> Self {
        IdleClock::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A clock, its first reading, and the two clocks' times at that reading.
    fn started() -> (IdleClock, Instant, Instant, SystemTime) {
        let clock = IdleClock::new();
        let start = clock.now();
        let (monotonic, wall) = {
            let last = clock.0.lock().unwrap();
            (last.monotonic, last.wall)
        };
        (clock, start, monotonic, wall)
    }

    #[test]
    fn a_sleep_counts_as_time_passed() {
        let (clock, start, monotonic, wall) = started();
        // Two seconds awake (both clocks move), then a night asleep (the monotonic clock, on
        // Linux, does not).
        let awake = clock.read(monotonic + secs(2), wall + secs(2));
        assert_eq!(
            awake - start,
            secs(2),
            "awake, time is the monotonic clock's"
        );
        let woke = clock.read(monotonic + secs(3), wall + secs(8 * 3600));
        assert_eq!(
            woke - start,
            secs(8 * 3600),
            "the night asleep counts, or the idle lock would not see it"
        );
    }

    #[test]
    fn a_wall_clock_set_back_does_not_turn_time_back() {
        let (clock, start, monotonic, wall) = started();
        let set_back = clock.read(monotonic + secs(5), wall - secs(3600));
        assert_eq!(
            set_back - start,
            secs(5),
            "the monotonic clock still counts"
        );
        let later = clock.read(monotonic + secs(6), wall - secs(3599));
        assert_eq!(
            later - start,
            secs(6),
            "time goes on from the new wall time"
        );
    }

    fn secs(n: u64) -> std::time::Duration {
        std::time::Duration::from_secs(n)
    }
}
