//! The pure model of Aiguillage: the questionnaire and its validation, the diagnostic engine
//! (visibility, levels, profile, flags, needs), the directory model and the matching of a need to
//! services.
//!
//! This crate does no I/O, no SQL and reads no clock: callers pass files' contents, `now` and
//! generated ids in. The engine is a pure function of (questionnaire, answers).
#![forbid(unsafe_code)]

pub mod answers;
pub mod commune;
pub mod directory;
pub mod error;
pub mod limits;
pub mod logic;
pub mod orientation;
pub mod questionnaire;
pub mod reference;
pub mod report;
pub mod scoring;
pub mod sync;
pub mod text;
pub mod time;

pub use answers::{AnswerValue, Answers};
pub use error::{Error, Result};
pub use questionnaire::Questionnaire;
pub use scoring::Assessment;
pub use text::{Lang, Localized};
