//! The core's errors. `is_bad_input` separates what the user can fix (exit code 2, a 4xx) from
//! runtime failures.

use std::path::PathBuf;

use aiguillage_domain::directory::validation::RowProblem;
use serde::Serialize;

/// A refusal the app says in the person's language: a stable code with its values, serialised
/// as `{"code": "passphrase_too_short", "min": 10}` for the UI's catalogue, and an English
/// sentence for the command line and the logs. New refusals people meet in the app belong here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    #[error("a volunteer needs a name")]
    VolunteerNameMissing,
    #[error("there is already a volunteer named \"{name}\"")]
    VolunteerNameTaken { name: String },
    #[error("\"{name}\" is reserved for the audit trail; choose another name")]
    VolunteerNameReserved { name: String },
    #[error("a passphrase needs at least {min} characters")]
    PassphraseTooShort { min: usize },
    #[error("the last coordinator cannot be removed; add another coordinator first")]
    LastCoordinator,
    #[error("you cannot remove yourself; another coordinator can")]
    RemoveYourself,
    #[error("{name}: not valid JSON ({detail})")]
    DirectoryNotJson { name: String, detail: String },
    #[error("{name}: expected an object with \"structures\" and \"services\" arrays")]
    DirectoryWrongShape { name: String },
    #[error("the recovery key is 32 letters and digits (A–Z, 2–7), as printed at set-up")]
    RecoveryKeyMalformed,
    #[error("the centre's name has 1 to {max} characters")]
    CentreNameLength { max: usize },
    #[error("the centre's phone has 6 to 20 digits, with spaces, dots, dashes, brackets or + only")]
    CentrePhone,
    #[error(
        "volunteers, settings and the audit trail belong to the real records: leave the demo first"
    )]
    LeaveDemo,
    #[error(
        "this diagnostic was not kept, as the person asked: it is gone once its screens are left or the app locks"
    )]
    NotKept,
    /// A diagnostic past the server's period: only its figures remain (see the retention module).
    #[error(
        "this diagnostic is older than the retention period: only its figures are kept, not its answers"
    )]
    Anonymised,
    /// A structure typed in at the centre that the directory's schema refuses: said as the
    /// import says a refused row (`{"code": "missing_field", "field": "nom"}`).
    #[serde(untagged)]
    #[error("the structure is refused: {0}")]
    LocalStructure(RowProblem),
}

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
    /// Input refused for a reason the app says in the person's language.
    #[error(transparent)]
    Problem(#[from] Problem),
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
    /// Nobody has unlocked (or the idle delay has passed), and the records are encrypted.
    #[error("the device is locked: unlock it with your passphrase")]
    Locked,
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
            | Error::Problem(_)
            | Error::NotFound(_)
            | Error::WrongPassphrase
            | Error::Locked
            | Error::Forbidden(_) => true,
            _ => false,
        }
    }

    /// A file that could not be read or written; a name the system refuses (too long, a
    /// character it does not take) is the user's to change, as bad input.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::InvalidFilename {
            return Error::BadFile {
                path: path.into(),
                reason: source.to_string(),
            };
        }
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The core's result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
