//! Where the data lives: the platform's data directory, shared by the desktop app and the CLI.

use std::path::PathBuf;

/// The default data directory (`~/.local/share/aiguillage` on Linux), or `./aiguillage-data`
/// when the platform has none.
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("fr", "Aiguillage", "aiguillage")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("aiguillage-data"))
}

#[cfg(all(test, windows))]
mod tests {
    #[test]
    fn on_windows_the_data_folder_is_in_the_persons_roaming_profile() {
        // What the README tells a centre: %APPDATA%\Aiguillage\aiguillage\data, a folder whose
        // access list is the person's own.
        let appdata = std::env::var("APPDATA").expect("Windows sets APPDATA");
        let dir = super::default_data_dir().to_string_lossy().to_lowercase();
        let expected = format!(r"{appdata}\Aiguillage\aiguillage\data").to_lowercase();
        assert_eq!(dir, expected);
    }
}
