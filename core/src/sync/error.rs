//! Why a sync did not complete, in words for the command line and as a catalogue code for the
//! app, and how the last failure is recorded for the status line.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Why a sync did not complete. Callers branch on [`SyncError::is_retryable`].
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The device is not enrolled with a server yet.
    #[error("this device is not enrolled with a server yet")]
    NotEnrolled,
    /// Demo records never reach a server.
    #[error("the demo database never synchronises")]
    Demo,
    /// The server could not be reached (no network, server down, timeout).
    #[error("the server could not be reached: {0}")]
    Unreachable(String),
    /// The server refused the device: revoked or unknown. Records stay here and can leave by bundle.
    #[error(
        "the server no longer accepts this device; its records stay here and can leave by file bundle"
    )]
    Revoked,
    /// The server refused the request for a reason it states.
    #[error("the server refused: {message} ({code})")]
    Refused {
        status: u16,
        code: String,
        message: String,
    },
    /// The local database failed (full disk, read-only file…). Nothing is lost.
    #[error("the local database failed: {0}")]
    Local(String),
    /// The server's address is not a web address (`https://…`).
    #[error(
        "\"{0}\" is not a server address, which starts with https:// (https://aiguillage.example.org)"
    )]
    NotAnAddress(String),
    /// A server reached in clear (`http://`) anywhere but on this computer: the answers and the
    /// device's token would cross the network readable by anyone on the way.
    #[error(
        "\"{0}\" is not encrypted: a server is reached with https://, or http:// on this computer only"
    )]
    Insecure(String),
}

impl SyncError {
    /// The app catalogue's key for this failure (under `problems.`) and the values its sentence
    /// names. A refusal is named by its kind; one the app has no words for (`sync_refused`)
    /// carries the server's code and English sentence, for whoever runs the server.
    pub fn code(&self) -> (&'static str, BTreeMap<String, String>) {
        match self {
            SyncError::NotEnrolled => ("sync_not_enrolled", BTreeMap::new()),
            SyncError::Demo => ("sync_demo", BTreeMap::new()),
            // The HTTP client's wording helps nobody at the centre: the sentence says what to do.
            SyncError::Unreachable(_) => ("sync_unreachable", BTreeMap::new()),
            SyncError::Revoked => ("sync_revoked", BTreeMap::new()),
            SyncError::Refused { code, .. } if code == "bad_code" => {
                ("sync_bad_code", BTreeMap::new())
            }
            SyncError::Refused { status, .. } if *status >= 500 => {
                ("sync_server_failed", BTreeMap::new())
            }
            SyncError::Refused { code, message, .. } => (
                "sync_refused",
                BTreeMap::from([
                    ("code".to_owned(), code.clone()),
                    ("message".to_owned(), message.clone()),
                ]),
            ),
            SyncError::Local(detail) => (
                "sync_local",
                BTreeMap::from([("detail".to_owned(), detail.clone())]),
            ),
            SyncError::NotAnAddress(address) => (
                "sync_not_an_address",
                BTreeMap::from([("address".to_owned(), address.clone())]),
            ),
            SyncError::Insecure(address) => (
                "sync_insecure",
                BTreeMap::from([("address".to_owned(), address.clone())]),
            ),
        }
    }

    /// Whether trying again later may succeed without anyone doing anything.
    pub fn is_retryable(&self) -> bool {
        match self {
            SyncError::Unreachable(_) => true,
            SyncError::Refused { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}

impl From<crate::Error> for SyncError {
    fn from(e: crate::Error) -> Self {
        SyncError::Local(e.to_string())
    }
}

impl From<rusqlite::Error> for SyncError {
    fn from(e: rusqlite::Error) -> Self {
        SyncError::Local(e.to_string())
    }
}

/// The last sync that failed, as recorded for the status: when, the English sentence, and the
/// catalogue's code with its values ([`SyncError::code`]) for the app to say it in French.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncFailure {
    pub at: String,
    pub message: String,
    pub code: Option<String>,
    pub params: BTreeMap<String, String>,
}

impl SyncFailure {
    pub(super) fn new(at: &str, e: &SyncError) -> Self {
        let (code, params) = e.code();
        SyncFailure {
            at: at.to_owned(),
            message: e.to_string(),
            code: Some(code.to_owned()),
            params,
        }
    }

    /// Reads the recorded failure. Databases from before it was recorded as JSON hold
    /// "<when> <sentence>": kept as the sentence, without a code.
    pub(super) fn parse(recorded: &str) -> Self {
        serde_json::from_str(recorded).unwrap_or_else(|_| {
            let (at, message) = recorded.split_once(' ').unwrap_or(("", recorded));
            SyncFailure {
                at: at.to_owned(),
                message: message.to_owned(),
                code: None,
                params: BTreeMap::new(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_is_recorded_with_its_code_and_one_recorded_before_still_reads() {
        let e = SyncError::Unreachable("connection refused".into());
        let recorded =
            serde_json::to_string(&SyncFailure::new("2026-11-27T09:30:00Z", &e)).unwrap();
        assert_eq!(
            SyncFailure::parse(&recorded),
            SyncFailure {
                at: "2026-11-27T09:30:00Z".into(),
                message: "the server could not be reached: connection refused".into(),
                code: Some("sync_unreachable".into()),
                params: BTreeMap::new(),
            },
            "the app says it from its catalogue, the command line prints the sentence"
        );
        assert_eq!(
            SyncFailure::parse("2026-11-20T08:00:00Z the local database failed: disk full"),
            SyncFailure {
                at: "2026-11-20T08:00:00Z".into(),
                message: "the local database failed: disk full".into(),
                code: None,
                params: BTreeMap::new(),
            },
            "a database from before keeps its last error, shown as it was written"
        );
    }

    #[test]
    fn only_transient_failures_are_retried() {
        assert!(SyncError::Unreachable("x".into()).is_retryable());
        assert!(
            SyncError::Refused {
                status: 503,
                code: "internal".into(),
                message: String::new()
            }
            .is_retryable()
        );
        assert!(
            !SyncError::Refused {
                status: 409,
                code: "conflict".into(),
                message: String::new()
            }
            .is_retryable()
        );
        assert!(!SyncError::Revoked.is_retryable());
    }
}
