//! Where the data lives: the platform's data directory, shared by the desktop app and the CLI.

use std::path::PathBuf;

/// The default data directory (`~/.local/share/aiguillage` on Linux), or `./aiguillage-data`
/// when the platform has none.
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("fr", "Aiguillage", "aiguillage")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("aiguillage-data"))
}
