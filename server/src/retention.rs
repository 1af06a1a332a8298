//! Retention on the server: the periods checked, sent to the devices (which keep no diagnostic
//! longer), applied as of a date, and applied on a schedule while the server serves.

use aiguillage_server::now;
use aiguillage_server::storage::Storage;

use crate::BadInput;
use crate::config::RetentionPeriods;

impl RetentionPeriods {
    pub fn check(self) -> Result<Self, BadInput> {
        if self.anonymise_after_days == 0 || self.delete_after_days < self.anonymise_after_days {
            return Err(BadInput(
                "retention needs 0 < --anonymise-after-days <= --delete-after-days".into(),
            ));
        }
        Ok(self)
    }

    /// Sends the periods to every device, when they differ from the last ones sent: a device
    /// keeps no diagnostic longer than the server does.
    pub async fn publish<S: Storage>(self, storage: &S) -> anyhow::Result<()> {
        let payload = serde_json::json!({
            "anonymise_after_days": self.anonymise_after_days,
            "delete_after_days": self.delete_after_days,
        })
        .to_string();
        let last = storage
            .published("retention".into(), "periods".into())
            .await?;
        if last.as_deref() != Some(payload.as_str()) {
            storage
                .publish(
                    None,
                    "retention".into(),
                    Some("periods".into()),
                    payload,
                    "retention".into(),
                    now(),
                )
                .await?;
            tracing::info!(
                anonymise_after_days = self.anonymise_after_days,
                delete_after_days = self.delete_after_days,
                "retention periods sent to the devices"
            );
        }
        Ok(())
    }

    /// Applies the periods as of `at`: (diagnostics anonymised, diagnostics erased).
    pub async fn apply<S: Storage>(
        self,
        storage: &S,
        at: chrono::DateTime<chrono::Utc>,
    ) -> anyhow::Result<(usize, usize)> {
        let before = |days: u32| {
            aiguillage_domain::time::stamp(at - chrono::Duration::days(i64::from(days)))
        };
        Ok(storage
            .apply_retention(
                before(self.anonymise_after_days),
                before(self.delete_after_days),
                now(),
            )
            .await?)
    }
}

/// Applies retention now and then every `every` until the process stops; a failed run is
/// logged and tried again at the next tick.
pub async fn retention_schedule<S: Storage>(
    storage: S,
    periods: RetentionPeriods,
    every: std::time::Duration,
) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match periods.apply(&storage, chrono::Utc::now()).await {
            Ok((anonymised, deleted)) => {
                tracing::info!(anonymised, deleted, "retention applied");
            }
            Err(e) => tracing::error!("retention failed: {e:#}"),
        }
    }
}
