//! `aiguillage-server`: the central sync server. HTTP/JSON under `/api/v1/` (axum), one storage
//! trait with a SQLite and a PostgreSQL backend, and nothing kept in the process between requests,
//! so several instances can share one database.
#![forbid(unsafe_code)]

pub mod accounts;
pub mod admin;
pub mod api;
pub mod backup;
pub mod batch;
pub mod console;
pub mod credentials;
pub mod metrics;
pub mod questionnaires;
pub mod storage;
#[cfg(feature = "fault-injection")]
pub mod testing;

pub use api::router;

/// The current instant as the server stores it ([`aiguillage_domain::time::stamp`]).
pub fn now() -> String {
    aiguillage_domain::time::stamp(chrono::Utc::now())
}
