//! The app's use-cases over a local SQLite store: drafts and completed diagnostics with their
//! operation log, the directory and its import, orientations, exports, the report, the handoff
//! sheet and the demo personas. The desktop app and the command line are thin faces over it.
//!
//! Knows SQL and files; knows nothing of tauri, HTTP servers or command-line parsing.
#![forbid(unsafe_code)]

pub mod access;
pub mod clock;
pub mod content;
pub mod demo;
pub mod directory;
pub mod error;
pub mod export;
pub mod files;
pub mod paths;
pub mod report;
pub mod retention;
pub mod session;
pub mod settings;
pub mod sheet;
pub mod store;
pub mod sync;
pub mod vault;
pub mod workspace;

pub use clock::{Clock, IdleClock};

pub use error::{Error, Problem, Result};
pub use store::{Mode, Store};
pub use workspace::{Completed, Held, Outcome, Workspace};
