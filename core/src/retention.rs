//! Retention: drafts are deleted after a period (30 days by default) and first names erased
//! after another (90 days), automatically each time the data directory is opened. The periods are
//! settings; what they remove is the store's (`store::drafts`, `store::diagnostics`).

use chrono::Duration;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::audit::{AuditAction, RETENTION_ACTOR, Trail, counted};
use crate::store::{Store, diagnostics, drafts, meta};

const DRAFT_DAYS: &str = "retention_draft_days";
const FIRST_NAME_DAYS: &str = "retention_first_name_days";

/// How long what is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Retention {
    /// Unfinished diagnostics are deleted after this many days without change.
    pub draft_days: u32,
    /// First names typed for sheets are erased this many days after the diagnostic.
    pub first_name_days: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            draft_days: 30,
            first_name_days: 90,
        }
    }
}

/// What one retention run removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RetentionReport {
    pub drafts_deleted: usize,
    pub first_names_erased: usize,
}

/// The retention periods in force.
///
/// # Errors
/// Database errors.
pub fn periods(store: &Store) -> Result<Retention> {
    let default = Retention::default();
    let days = |key: &str, fallback: u32| -> Result<u32> {
        Ok(store
            .find_meta(key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(fallback))
    };
    Ok(Retention {
        draft_days: days(DRAFT_DAYS, default.draft_days)?,
        first_name_days: days(FIRST_NAME_DAYS, default.first_name_days)?,
    })
}

/// Changes the retention periods (each 1 to 3650 days), with their audit row.
///
/// # Errors
/// [`Error::BadInput`] for a period out of bounds (nothing changes); database errors.
pub fn set_periods(store: &mut Store, retention: Retention) -> Result<()> {
    for (what, days) in [
        ("drafts", retention.draft_days),
        ("first names", retention.first_name_days),
    ] {
        if !(1..=3650).contains(&days) {
            return Err(Error::BadInput(format!(
                "the retention of {what} must be between 1 and 3650 days, not {days}"
            )));
        }
    }
    // Both periods and their trace, together.
    let trail = store.trail();
    store.write(|tx| {
        meta::set(tx, DRAFT_DAYS, &retention.draft_days.to_string())?;
        meta::set(tx, FIRST_NAME_DAYS, &retention.first_name_days.to_string())?;
        trail.record(tx, AuditAction::RetentionChange, None, None)
    })
}

/// Deletes what has outlived its period as of the store's clock, in one transaction, and
/// audits it in retention's name.
///
/// # Errors
/// Database errors; nothing is removed then.
pub fn apply(store: &mut Store) -> Result<RetentionReport> {
    let retention = periods(store)?;
    let now = store.clock().now();
    let stamp = aiguillage_domain::time::stamp;
    let draft_limit = stamp(now - Duration::days(i64::from(retention.draft_days)));
    let name_limit = stamp(now - Duration::days(i64::from(retention.first_name_days)));
    let trail = Trail::of(RETENTION_ACTOR, stamp(now));
    store.write(|tx| {
        let drafts_deleted = drafts::delete_untouched_since(tx, &draft_limit)?;
        let first_names_erased = diagnostics::erase_first_names_before(tx, &name_limit)?;
        if drafts_deleted + first_names_erased > 0 {
            let counts = counted(&[
                ("drafts", drafts_deleted),
                ("first_names", first_names_erased),
            ]);
            trail.record(tx, AuditAction::Retention, Some(&counts), None)?;
        }
        Ok(RetentionReport {
            drafts_deleted,
            first_names_erased,
        })
    })
}
