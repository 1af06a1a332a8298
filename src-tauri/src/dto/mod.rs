//! The types that cross the bridge, each with its TypeScript binding (`ui/src/bindings/`), one
//! module per screen family; this one holds what they share (texts, status, saved files).
//! Core and domain types are converted here, at the edge, and never sent as they are: the UI's
//! contract changes only when this file does. Texts travel in both languages so switching
//! language never needs a round trip.

mod access;
mod commune;
mod diagnostic;
mod directory;
mod history;
mod report;
mod result;
mod settings;

pub use access::{AuditView, LockPhase, LockState, SetUpView, VolunteerView, allowed};
pub use commune::*;
pub use diagnostic::*;
pub use directory::*;
pub use history::*;
pub use report::*;
pub use result::*;
pub use settings::*;

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use aiguillage_domain::Localized;

/// A text in French and English.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Text {
    pub fr: String,
    pub en: String,
}

impl Text {
    /// Opening hours as published (OpenStreetMap's syntax) said in words in both languages, one
    /// rule after another; as published where the words cannot say them exactly.
    pub fn hours(raw: &str) -> Text {
        use aiguillage_core::sheet::{SheetLanguage, hours};
        let words = |language| hours::in_words(raw, language).lines().join(" ; ");
        Text {
            fr: words(SheetLanguage::Fr),
            en: words(SheetLanguage::En),
        }
    }
}

impl From<&Localized> for Text {
    fn from(l: &Localized) -> Self {
        Text {
            fr: l.fr.clone(),
            en: l.en.clone(),
        }
    }
}

/// The app's state as the status line shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    /// `real` or `demo`.
    pub mode: String,
    /// `fr` or `en`.
    pub lang: String,
    pub centre_name: Option<String>,
    pub sync: SyncView,
    /// How long a diagnostic takes here, in minutes, once there is a history to tell it.
    pub typical_minutes: Option<u32>,
}

/// Where sync stands (nothing to show until the device is enrolled).
#[derive(Debug, Clone, Serialize, TS)]
pub struct SyncView {
    pub enrolled: bool,
    pub server: Option<String>,
    #[ts(type = "number")]
    pub pending: u64,
    pub last_success: Option<String>,
    pub last_error: Option<SyncFailureView>,
    pub revoked: bool,
}

/// The last sync that failed: when, and why (the English sentence, and the catalogue's key
/// under `problems.` with its values, as a [`crate::error::CommandError`] carries them).
#[derive(Debug, Clone, Serialize, TS)]
pub struct SyncFailureView {
    pub at: String,
    pub message: String,
    pub code: Option<String>,
    pub params: BTreeMap<String, String>,
}

impl From<aiguillage_core::sync::SyncFailure> for SyncFailureView {
    fn from(f: aiguillage_core::sync::SyncFailure) -> Self {
        SyncFailureView {
            at: f.at,
            message: f.message,
            code: f.code,
            params: f.params,
        }
    }
}

/// A file the app wrote.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedFile {
    pub path: String,
}

/// Counts of a map, in the map's order.
pub fn counts(map: &BTreeMap<String, u64>) -> Vec<Count> {
    map.iter()
        .map(|(key, count)| Count {
            key: key.clone(),
            count: *count,
        })
        .collect()
}

#[cfg(test)]
mod bindings {
    //! The TypeScript bindings in `ui/src/bindings/` are generated from these types and
    //! committed; this test fails when they are stale. `UPDATE_BINDINGS=1 cargo test -p
    //! aiguillage-app bindings` writes them anew.

    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use ts_rs::TS;

    use super::*;
    use crate::error::CommandError;

    fn export_all(dir: &Path) {
        macro_rules! export {
            ($($t:ty),* $(,)?) => {
                $(<$t>::export_all_to(dir).expect(concat!("export ", stringify!($t)));)*
            };
        }
        export!(
            CommandError,
            AppStatus,
            QuestionnaireView,
            DraftView,
            DraftSummary,
            AnswerInput,
            ResultView,
            DiagnosticView,
            ChoiceInput,
            HistoryQuery,
            HistoryPage,
            DirectoryQuery,
            ServiceView,
            StructureView,
            LocalStructureInput,
            ImportProgress,
            ImportSummary,
            AreaSummary,
            CommuneView,
            ReportView,
            Period,
            SavedFile,
            SheetPreview,
            SheetLanguageView,
            SettingsView,
            PersonaView,
            LockState,
            SetUpView,
            AuditView,
        );
    }

    fn files(dir: &Path) -> BTreeMap<PathBuf, String> {
        fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(root, &path, out);
                } else if path.extension().is_some_and(|e| e == "ts") {
                    let text = std::fs::read_to_string(&path).expect("read binding");
                    out.insert(path.strip_prefix(root).expect("inside").to_path_buf(), text);
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(dir, dir, &mut out);
        out
    }

    #[test]
    fn typescript_bindings_are_up_to_date() {
        let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            let _ = std::fs::remove_dir_all(&committed);
            export_all(&committed);
            return;
        }
        let fresh = tempfile::tempdir().expect("temp dir");
        export_all(fresh.path());
        let (fresh, committed) = (files(fresh.path()), files(&committed));
        assert!(!fresh.is_empty(), "the export wrote bindings");
        assert_eq!(
            committed.keys().collect::<Vec<_>>(),
            fresh.keys().collect::<Vec<_>>(),
            "ui/src/bindings must hold exactly the generated files: run UPDATE_BINDINGS=1 cargo test -p aiguillage-app bindings"
        );
        for (path, text) in &fresh {
            assert_eq!(
                committed.get(path),
                Some(text),
                "{} is stale: run UPDATE_BINDINGS=1 cargo test -p aiguillage-app bindings",
                path.display()
            );
        }
    }
}
