//! Retention: drafts are deleted after a period (30 days by default) and first names erased
//! after another (90 days), automatically each time the data directory is opened. The periods are
//! settings; what they remove is the store's (`store::drafts`, `store::diagnostics`).
//!
//! Diagnostics themselves are kept no longer than the server keeps them: after
//! [`RecordPeriods::anonymise_after_days`] only their figures remain (answers, first name, age
//! band and commune go), after [`RecordPeriods::delete_after_days`] their content goes. A device
//! linked to a server takes its periods at each sync; one never linked keeps the server's
//! defaults, the CNIL's reference for social support (two years, then one more).

use chrono::Duration;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::audit::{AuditAction, RETENTION_ACTOR, Trail, counted};
use crate::store::{Store, diagnostics, drafts, meta};

const DRAFT_DAYS: &str = "retention_draft_days";
const FIRST_NAME_DAYS: &str = "retention_first_name_days";
const ANONYMISE_DAYS: &str = "retention_anonymise_after_days";
const DELETE_DAYS: &str = "retention_delete_after_days";

/// How long diagnostics are kept whole, then as figures: the server's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct RecordPeriods {
    /// Diagnostics completed more than this many days ago keep only their figures.
    pub anonymise_after_days: u32,
    /// Diagnostics completed more than this many days ago lose their content.
    pub delete_after_days: u32,
}

impl Default for RecordPeriods {
    fn default() -> Self {
        RecordPeriods {
            anonymise_after_days: 730,
            delete_after_days: 1095,
        }
    }
}

impl RecordPeriods {
    /// The periods a server sent (`{"anonymise_after_days": …, "delete_after_days": …}`), when
    /// they make sense (0 < anonymise ≤ delete ≤ 100 years).
    pub fn from_payload(payload: &serde_json::Value) -> Option<Self> {
        let periods: RecordPeriods = serde_json::from_value(payload.clone()).ok()?;
        (periods.anonymise_after_days > 0
            && periods.anonymise_after_days <= periods.delete_after_days
            && periods.delete_after_days <= 36_500)
            .then_some(periods)
    }
}

/// Keeps the server's periods, inside the transaction that applied the change bringing them.
pub(crate) fn keep_record_periods(
    tx: &rusqlite::Transaction<'_>,
    periods: RecordPeriods,
) -> Result<()> {
    meta::set(
        tx,
        ANONYMISE_DAYS,
        &periods.anonymise_after_days.to_string(),
    )?;
    meta::set(tx, DELETE_DAYS, &periods.delete_after_days.to_string())
}

/// The diagnostics' periods in force: the server's last, or the defaults.
///
/// # Errors
/// Database errors.
pub fn record_periods(store: &Store) -> Result<RecordPeriods> {
    let default = RecordPeriods::default();
    Ok(RecordPeriods {
        anonymise_after_days: store
            .find_meta_as(ANONYMISE_DAYS)?
            .unwrap_or(default.anonymise_after_days),
        delete_after_days: store
            .find_meta_as(DELETE_DAYS)?
            .unwrap_or(default.delete_after_days),
    })
}

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
    /// Diagnostics that kept only their figures.
    pub diagnostics_anonymised: usize,
    /// Diagnostics whose content went.
    pub diagnostics_deleted: usize,
}

/// The retention periods in force.
///
/// # Errors
/// Database errors.
pub fn periods(store: &Store) -> Result<Retention> {
    let default = Retention::default();
    Ok(Retention {
        draft_days: store
            .find_meta_as(DRAFT_DAYS)?
            .unwrap_or(default.draft_days),
        first_name_days: store
            .find_meta_as(FIRST_NAME_DAYS)?
            .unwrap_or(default.first_name_days),
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
    let records = record_periods(store)?;
    let now = store.clock().now();
    let stamp = aiguillage_domain::time::stamp;
    let before = |days: u32| stamp(now - Duration::days(i64::from(days)));
    let trail = Trail::of(RETENTION_ACTOR, stamp(now));
    store.write(|tx| {
        let drafts_deleted = drafts::delete_untouched_since(tx, &before(retention.draft_days))?;
        let first_names_erased =
            diagnostics::erase_first_names_before(tx, &before(retention.first_name_days))?;
        if drafts_deleted + first_names_erased > 0 {
            let counts = counted(&[
                ("drafts", drafts_deleted),
                ("first_names", first_names_erased),
            ]);
            trail.record(tx, AuditAction::Retention, Some(&counts), None)?;
        }
        let deleted = diagnostics::completed_before(tx, &before(records.delete_after_days))?;
        for id in &deleted {
            diagnostics::erase(tx, id)?;
        }
        let anonymised = diagnostics::answered_before(tx, &before(records.anonymise_after_days))?;
        for id in &anonymised {
            diagnostics::anonymise(tx, id)?;
        }
        if !deleted.is_empty() || !anonymised.is_empty() {
            let counts = counted(&[("anonymised", anonymised.len()), ("deleted", deleted.len())]);
            trail.record(tx, AuditAction::RecordRetention, Some(&counts), None)?;
        }
        Ok(RetentionReport {
            drafts_deleted,
            first_names_erased,
            diagnostics_anonymised: anonymised.len(),
            diagnostics_deleted: deleted.len(),
        })
    })
}
