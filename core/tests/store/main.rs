//! The core on real SQLite files: round trips, the operation log, drafts, consent, directory
//! import, exports, report, sheet, demo separation and a SIGKILL crash test.

mod assets;
mod crash;
mod desktop;
mod diagnostics;
mod directory;
mod encryption;
mod exports;
mod helpers;
mod national;
mod privacy;
mod sheets;
