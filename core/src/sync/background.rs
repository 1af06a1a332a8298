//! The background loop: a sync now and then while someone is signed in, with exponential
//! backoff and jitter while the server does not answer, and none once the device is revoked.

use std::time::Duration;

use rand::Rng;

use super::{SyncError, SyncReport};
use crate::store::{DbKey, Mode};
use crate::workspace::Workspace;

/// Exponential backoff with full jitter, for the background loop.
#[derive(Debug, Clone)]
pub struct Backoff {
    pub base: Duration,
    pub max: Duration,
    attempt: u32,
}

impl Backoff {
    /// Starts at `base`, never waits more than `max`.
    pub fn new(base: Duration, max: Duration) -> Self {
        Backoff {
            base,
            max,
            attempt: 0,
        }
    }

    /// The wait before the next try after a failure: random in [0, min(max, base·2^n)].
    pub fn next_delay(&mut self) -> Duration {
        let ceiling = self
            .base
            .saturating_mul(2u32.saturating_pow(self.attempt))
            .min(self.max);
        self.attempt = self.attempt.saturating_add(1);
        let millis = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(rand::rng().random_range(0..=millis))
    }

    /// After a success, the next failure starts from `base` again.
    pub fn reset(&mut self) {
        self.attempt = 0;
    }
}

/// Runs sync in the background until `stop` fires or its sender is dropped: a first sync after
/// `first` (zero: at once; whoever has just synced waits a whole `interval`), then every
/// `interval` while it succeeds, with backoff and jitter while the server is unreachable, and
/// not at all once the device is revoked. `key` opens an encrypted database.
pub fn run_loop(
    data_dir: std::path::PathBuf,
    key: Option<&DbKey>,
    first: Duration,
    interval: Duration,
    stop: std::sync::mpsc::Receiver<()>,
    mut on_result: impl FnMut(&Result<SyncReport, SyncError>),
) {
    // A stop message, or the sender gone (the session that started the loop closed).
    let stopped_within = |wait: Duration| {
        !matches!(
            stop.recv_timeout(wait),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout)
        )
    };
    if !first.is_zero() && stopped_within(first) {
        return;
    }
    let mut backoff = Backoff::new(Duration::from_secs(2), Duration::from_secs(15 * 60));
    loop {
        let result = Workspace::open_keyed(&data_dir, Mode::Real, key)
            .map_err(SyncError::from)
            .and_then(|mut ws| ws.sync());
        on_result(&result);
        let wait = match &result {
            Ok(_) => {
                backoff.reset();
                interval
            }
            Err(e) if e.is_retryable() => backoff.next_delay(),
            Err(SyncError::Revoked | SyncError::NotEnrolled | SyncError::Demo) => return,
            Err(_) => interval,
        };
        if stopped_within(wait) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_jittered_and_capped() {
        let mut b = Backoff::new(Duration::from_millis(100), Duration::from_millis(1000));
        for attempt in 0..10 {
            let ceiling =
                Duration::from_millis(100 * 2u64.pow(attempt)).min(Duration::from_millis(1000));
            assert!(
                b.next_delay() <= ceiling,
                "attempt {attempt} waits at most {ceiling:?}"
            );
        }
        let waits: Vec<Duration> = (0..20).map(|_| b.next_delay()).collect();
        assert!(
            waits.iter().any(|w| *w != waits[0]),
            "jitter spreads devices out"
        );
        b.reset();
        assert!(
            b.next_delay() <= Duration::from_millis(100),
            "a success starts over"
        );
    }
}
