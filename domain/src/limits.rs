//! The most each kind of file from outside may weigh: a file beyond it is refused before it is
//! read, whoever reads it (the app, the command line, the server).

const MIB: u64 = 1024 * 1024;

/// An answers document (`diagnose --answers`).
pub const ANSWERS_BYTES: u64 = MIB;
/// A questionnaire file (`questionnaire publish`).
pub const QUESTIONNAIRE_BYTES: u64 = 4 * MIB;
/// A data·inclusion directory file (a national dump is about 60 MB).
pub const DIRECTORY_BYTES: u64 = 200 * MIB;
/// One of the national files kept to some départements: read as a stream, never held whole.
pub const NATIONAL_BYTES: u64 = 4096 * MIB;
/// One piece of a national file as the app's page sends it.
pub const NATIONAL_PART_BYTES: u64 = 16 * MIB;
/// A bundle file: a year of a centre's operations fits many times over.
pub const BUNDLE_BYTES: u64 = 128 * MIB;

/// A size as people read it ("200 MB").
pub fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.div_ceil(MIB))
}

/// One synced operation's body: a diagnostic's is a few kilobytes.
pub const OPERATION_BODY_BYTES: usize = 256 * 1024;
