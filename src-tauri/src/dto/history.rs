//! The history of diagnostics.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What to look for in the history.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct HistoryQuery {
    /// First day included (YYYY-MM-DD).
    pub from: Option<String>,
    /// Last day included (YYYY-MM-DD).
    pub to: Option<String>,
    pub profile: Option<String>,
    pub need: Option<String>,
    pub offset: u32,
    pub limit: u32,
}

/// One page of the history.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HistoryPage {
    #[ts(type = "number")]
    pub total: u64,
    pub rows: Vec<HistoryRow>,
}

/// One line of the history.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HistoryRow {
    pub id: String,
    pub completed_at: String,
    pub profile: String,
    pub needs: Vec<String>,
    pub age_band: Option<String>,
    pub commune: Option<String>,
    pub follow_up: String,
}
