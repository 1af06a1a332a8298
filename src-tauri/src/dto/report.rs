//! The coordinator's figures.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The coordinator's figures over a period.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportView {
    pub from: Option<String>,
    pub to: Option<String>,
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub anonymous: u64,
    pub per_week: Vec<Count>,
    pub profiles: Vec<Count>,
    pub needs: Vec<Count>,
    pub flags: Vec<Count>,
    pub follow_up: Vec<Count>,
}

/// How many of one thing.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Count {
    pub key: String,
    #[ts(type = "number")]
    pub count: u64,
}

/// A period of the report or the export (days included, YYYY-MM-DD).
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct Period {
    pub from: Option<String>,
    pub to: Option<String>,
}
