//! The domain's errors: each one sentence naming what is wrong and where.

/// Everything the domain refuses.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// The questionnaire file is malformed or inconsistent; `path` is a JSON path into it.
    #[error("questionnaire is invalid at {path}: {reason}")]
    Questionnaire { path: String, reason: String },
    /// An answers document does not fit the questionnaire.
    #[error("{0}")]
    Answers(String),
    /// A directory row does not fit the model.
    #[error("{0}")]
    Directory(String),
    /// A value that must be parsed (an id, a code) is not valid.
    #[error("{0}")]
    Parse(String),
    /// A rule failed while being evaluated (a questionnaire bug the loader could not see).
    #[error("rule {path} could not be evaluated: {reason}")]
    Evaluation { path: String, reason: String },
}

impl Error {
    pub(crate) fn questionnaire(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::Questionnaire {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// The domain's result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
