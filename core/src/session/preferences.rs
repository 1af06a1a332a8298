//! Preferences of this computer's user, kept beside the databases (not in them: they hold
//! whichever of the real or demo database is open, and the lock screen needs the language).

use std::path::Path;

use aiguillage_domain::Lang;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

const FILE: &str = "preferences.json";

/// What the user chose for this computer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    pub lang: Lang,
}

impl Preferences {
    /// The preferences of `data_dir`; a missing or unreadable file means the defaults (French).
    pub fn load(data_dir: &Path) -> Self {
        std::fs::read_to_string(data_dir.join(FILE))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes them whole into `data_dir`.
    ///
    /// # Errors
    /// The file's, naming it.
    pub fn save(&self, data_dir: &Path) -> Result<()> {
        let text = serde_json::to_string(self)
            .map_err(|e| Error::BadInput(format!("the preferences cannot be written: {e}")))?;
        crate::files::write_bytes_whole(&data_dir.join(FILE), text.as_bytes())
    }
}
