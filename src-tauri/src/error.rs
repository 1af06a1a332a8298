//! The one error a command returns: a kind the UI can branch on and one sentence for people.

use serde::Serialize;
use ts_rs::TS;

/// What went wrong, as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    pub kind: ErrorKind,
    /// One sentence naming what is at fault.
    pub message: String,
}

/// Whether the user can fix it (and nothing was changed) or the machine failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    BadInput,
    NotFound,
    /// The device is locked (or locked itself while idle): unlock first.
    Locked,
    /// The signed-in role may not do this.
    Forbidden,
    Failure,
}

/// The result of every command.
pub type CommandResult<T> = Result<T, CommandError>;

impl CommandError {
    pub fn bad_input(message: impl Into<String>) -> Self {
        CommandError {
            kind: ErrorKind::BadInput,
            message: message.into(),
        }
    }

    pub fn locked(message: impl Into<String>) -> Self {
        CommandError {
            kind: ErrorKind::Locked,
            message: message.into(),
        }
    }

    pub fn failure(message: impl Into<String>) -> Self {
        CommandError {
            kind: ErrorKind::Failure,
            message: message.into(),
        }
    }
}

impl From<aiguillage_core::Error> for CommandError {
    fn from(e: aiguillage_core::Error) -> Self {
        let kind = match &e {
            aiguillage_core::Error::NotFound(_) => ErrorKind::NotFound,
            aiguillage_core::Error::Forbidden(_) => ErrorKind::Forbidden,
            e if e.is_bad_input() => ErrorKind::BadInput,
            _ => ErrorKind::Failure,
        };
        CommandError {
            kind,
            message: e.to_string(),
        }
    }
}

impl From<aiguillage_core::sync::SyncError> for CommandError {
    fn from(e: aiguillage_core::sync::SyncError) -> Self {
        CommandError::failure(e.to_string())
    }
}

impl From<aiguillage_domain::Error> for CommandError {
    fn from(e: aiguillage_domain::Error) -> Self {
        aiguillage_core::Error::from(e).into()
    }
}
