//! The core's errors. `is_bad_input` separates what the user can fix (exit code 2, a 4xx) from
//! runtime failures.

use std::path::PathBuf;

/// Everything the core can fail with; each message is one sentence naming what is at fault.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Content that does not fit the domain (answers, questionnaire, ids).
    #[error(transparent)]
    Domain(#[from] aiguillage_domain::Error),
    /// A file given by the user is not what was expected.
    #[error("{path}: {reason}")]
    BadFile { path: PathBuf, reason: String },
    /// Input refused for a reason that is not about one file.
    #[error("{0}")]
    BadInput(String),
    /// The record asked for does not exist.
    #[error("{0} was not found")]
    NotFound(String),
    /// The database could not be read or written.
    #[error("the database failed: {0}")]
    Database(#[from] rusqlite::Error),
    /// The database schema could not be brought up to date.
    #[error("the database could not be migrated: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A passphrase or recovery key that does not open its slot.
    #[error("this passphrase does not open the device; check it and try again")]
    WrongPassphrase,
    /// The signed-in role may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The handoff sheet could not be produced.
    #[error("the sheet could not be produced: {0}")]
    Sheet(String),
}

impl Error {
    /// Whether the user's input is at fault (and nothing was changed).
    pub fn is_bad_input(&self) -> bool {
        match self {
            Error::Domain(e) => !matches!(e, aiguillage_domain::Error::Evaluation { .. }),
            Error::BadFile { .. }
            | Error::BadInput(_)
            | Error::NotFound(_)
            | Error::WrongPassphrase
            | Error::Forbidden(_) => true,
            _ => false,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The core's result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
