//! The types that cross the bridge, each with its TypeScript binding (`ui/src/bindings/`).
//! Core and domain types are converted here, at the edge, and never sent as they are: the UI's
//! contract changes only when this file does. Texts travel in both languages so switching
//! language never needs a round trip.

mod access;

pub use access::{AuditView, LockPhase, LockState, SetUpView, VolunteerView, allowed};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use aiguillage_core::Outcome;
use aiguillage_domain::Localized;
use aiguillage_domain::questionnaire::{QuestionKind, Questionnaire};

/// A text in French and English.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Text {
    pub fr: String,
    pub en: String,
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

/// The questionnaire as the wizard shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct QuestionnaireView {
    pub id: String,
    pub version: u32,
    pub title: Text,
    pub sections: Vec<SectionView>,
    pub dimensions: Vec<Labelled>,
    /// Every profile value with its label, `undetermined` last.
    pub profiles: Vec<Labelled>,
    pub flags: Vec<Labelled>,
    pub needs: Vec<Labelled>,
    /// The derived values (equipment, connection…) and the labels of their values.
    pub derived: Vec<DerivedView>,
}

/// A code and what people read for it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Labelled {
    pub code: String,
    pub label: Text,
}

/// A derived value and its possible values.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DerivedView {
    pub id: String,
    pub label: Text,
    pub values: Vec<Labelled>,
}

/// One screen of the wizard.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SectionView {
    pub id: String,
    pub title: Text,
    pub questions: Vec<QuestionView>,
}

/// One question.
#[derive(Debug, Clone, Serialize, TS)]
pub struct QuestionView {
    pub id: String,
    /// `bool`, `choice`, `multi`, `scale` or `text`.
    pub kind: String,
    pub label: Text,
    pub help: Option<Text>,
    pub options: Vec<OptionView>,
    /// For a text question, the pattern its answer must match.
    pub pattern: Option<String>,
    /// For a text question picked from a list: `commune`.
    pub lookup: Option<String>,
    /// Nothing is recorded unless it is answered yes.
    pub must_be_true: bool,
    pub sensitive: bool,
}

/// One option of a choice or scale (its value is a string or a number).
#[derive(Debug, Clone, Serialize, TS)]
pub struct OptionView {
    pub value: Value,
    pub label: Text,
}

impl From<&Questionnaire> for QuestionnaireView {
    fn from(q: &Questionnaire) -> Self {
        let labelled = |code: &str, label: &Localized| Labelled {
            code: code.to_owned(),
            label: label.into(),
        };
        let options = |kind: &QuestionKind| -> Vec<OptionView> {
            match kind {
                QuestionKind::Choice(o) | QuestionKind::Multi(o) => o
                    .iter()
                    .map(|o| OptionView {
                        value: Value::from(o.value.clone()),
                        label: (&o.label).into(),
                    })
                    .collect(),
                QuestionKind::Scale { options, .. } => options
                    .iter()
                    .map(|o| OptionView {
                        value: Value::from(o.value),
                        label: (&o.label).into(),
                    })
                    .collect(),
                QuestionKind::Bool | QuestionKind::Text { .. } => Vec::new(),
            }
        };
        let mut profiles: Vec<Labelled> = q
            .profile
            .rules
            .iter()
            .map(|r| labelled(&r.value, &r.label))
            .collect();
        profiles.push(labelled("undetermined", &q.profile.undetermined));
        QuestionnaireView {
            id: q.id.clone(),
            version: q.version,
            title: (&q.title).into(),
            sections: q
                .sections
                .iter()
                .map(|s| SectionView {
                    id: s.id.clone(),
                    title: (&s.title).into(),
                    questions: s
                        .questions
                        .iter()
                        .map(|qu| QuestionView {
                            id: qu.id.clone(),
                            kind: qu.kind.name().to_owned(),
                            label: (&qu.label).into(),
                            help: qu.help.as_ref().map(Text::from),
                            options: options(&qu.kind),
                            pattern: match &qu.kind {
                                QuestionKind::Text { pattern } => Some(pattern.as_str().to_owned()),
                                _ => None,
                            },
                            lookup: qu.lookup.map(|l| l.name().to_owned()),
                            must_be_true: qu.must_be_true,
                            sensitive: qu.sensitive,
                        })
                        .collect(),
                })
                .collect(),
            dimensions: q
                .dimensions
                .iter()
                .map(|d| labelled(&d.code, &d.label))
                .collect(),
            profiles,
            flags: q.flags.iter().map(|f| labelled(&f.id, &f.label)).collect(),
            needs: q
                .needs
                .iter()
                .map(|n| labelled(&n.code, &n.label))
                .collect(),
            derived: q
                .derived
                .iter()
                .map(|d| DerivedView {
                    id: d.id.clone(),
                    label: (&d.label).into(),
                    values: d
                        .values
                        .iter()
                        .flatten()
                        .map(|v| labelled(&v.value, &v.label))
                        .collect(),
                })
                .collect(),
        }
    }
}

/// A diagnostic in progress, with the questions the engine says to ask.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DraftView {
    pub id: String,
    pub created_at: String,
    pub updated_at: String,
    /// Answered questions; a null means asked, but the person does not know or would rather
    /// not say.
    pub answers: BTreeMap<String, Value>,
    pub first_name: Option<String>,
    /// The ids of the questions to ask now, in order.
    pub visible: Vec<String>,
    /// The questionnaire the draft was started with, when a newer version has come since: the
    /// draft is drawn with it. Absent in the common case, the current questionnaire.
    pub questionnaire: Option<QuestionnaireView>,
}

/// A draft in the home screen's list.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DraftSummary {
    pub id: String,
    pub created_at: String,
    pub updated_at: String,
    pub answered: u32,
}

/// An answer to save in a draft.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct AnswerInput {
    pub question: String,
    /// Null: does not know or would rather not say.
    pub value: Value,
}

/// The result for the volunteer's eyes.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ResultView {
    /// The saved diagnostic's id, or the token of one held in memory (not kept).
    pub id: String,
    /// Whether the diagnostic is saved: the person agreed to keep it.
    pub kept: bool,
    pub profile: String,
    pub levels: Vec<LevelView>,
    pub equipment: Option<String>,
    pub connection: Option<String>,
    pub contract_blocked: Option<bool>,
    pub flags: Vec<String>,
    /// No group workshop for this person.
    pub group_format_banned: bool,
    pub needs: Vec<NeedView>,
}

/// The level of one dimension (0–3), or none when too little was answered.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LevelView {
    pub code: String,
    pub level: Option<u8>,
}

/// One need, in priority order, with why and where.
#[derive(Debug, Clone, Serialize, TS)]
pub struct NeedView {
    pub code: String,
    pub label: Text,
    pub reason: Text,
    pub triggers: Vec<Text>,
    pub matches: Vec<MatchView>,
}

/// A proposed service and why it ranks where it does.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MatchView {
    pub rank: u8,
    pub structure_id: String,
    pub structure: String,
    pub service_id: String,
    pub service: String,
    pub kind: Option<String>,
    pub commune: Option<String>,
    pub distance_km: Option<f64>,
    /// Proposed under the need's wider criteria.
    pub also: bool,
    pub why: Vec<Text>,
}

impl ResultView {
    pub fn new(id: String, kept: bool, outcome: &Outcome) -> Self {
        let a = &outcome.assessment;
        ResultView {
            id,
            kept,
            profile: a.profile.clone(),
            levels: a
                .levels
                .0
                .iter()
                .map(|(code, level)| LevelView {
                    code: code.clone(),
                    level: *level,
                })
                .collect(),
            equipment: a.equipment.clone(),
            connection: a.connection.clone(),
            contract_blocked: a.contract_blocked,
            flags: a.flags.clone(),
            group_format_banned: a.group_format_banned,
            needs: a
                .needs
                .iter()
                .zip(&outcome.matches)
                .map(|(n, matches)| NeedView {
                    code: n.code.clone(),
                    label: (&n.label).into(),
                    reason: (&n.reason).into(),
                    triggers: n.triggers.iter().map(|t| (&t.text).into()).collect(),
                    matches: matches
                        .iter()
                        .map(|m| MatchView {
                            rank: m.rank,
                            structure_id: m.structure_id.clone(),
                            structure: m.structure.clone(),
                            service_id: m.service_id.clone(),
                            service: m.service.clone(),
                            kind: m.kind.clone(),
                            commune: m.commune.clone(),
                            distance_km: m.distance_km,
                            also: m.also,
                            why: m.why.iter().map(Text::from).collect(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// A saved diagnostic as the result, orientation and history screens show it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DiagnosticView {
    pub id: String,
    pub completed_at: String,
    pub first_name: Option<String>,
    /// `pending`, `went`, `did_not_go` or `unknown`.
    pub follow_up: String,
    pub result: ResultView,
    pub orientations: Vec<OrientationView>,
}

/// A chosen service, as it was when chosen.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OrientationView {
    pub need: String,
    pub service_id: String,
    pub structure_id: String,
    pub structure: String,
    pub service: String,
    pub commune: Option<String>,
    pub telephone: Option<String>,
}

impl From<aiguillage_core::store::Orientation> for OrientationView {
    fn from(o: aiguillage_core::store::Orientation) -> Self {
        OrientationView {
            need: o.need,
            service_id: o.service_id,
            structure_id: o.structure_id,
            structure: o.snapshot.structure,
            service: o.snapshot.service,
            commune: o.snapshot.commune,
            telephone: o.snapshot.telephone,
        }
    }
}

/// A commune as a volunteer picks it: its INSEE code is what is kept.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CommuneView {
    pub code: String,
    /// The name, with the département where another commune has the same name.
    pub label: String,
    pub departement: String,
    pub postcodes: Vec<String>,
    /// Not found as typed: a name that looks like it.
    pub close: bool,
}

impl From<aiguillage_domain::commune::Found<'_>> for CommuneView {
    fn from(f: aiguillage_domain::commune::Found<'_>) -> Self {
        CommuneView {
            code: f.commune.insee.clone(),
            label: f.label,
            departement: f.commune.departement.clone(),
            postcodes: f.commune.codes_postaux.clone(),
            close: f.fit == aiguillage_domain::commune::Fit::Close,
        }
    }
}

/// A choice of service for a need.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChoiceInput {
    pub need: String,
    pub service_id: String,
}

/// What to look for in the history.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct HistoryQuery {
    /// First day included (YYYY-MM-DD).
    pub from: Option<String>,
    /// Last day included (YYYY-MM-DD).
    pub to: Option<String>,
    pub profile: Option<String>,
    pub need: Option<String>,
    pub offset: u32,
    pub limit: u32,
}

/// One page of the history.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HistoryPage {
    #[ts(type = "number")]
    pub total: u64,
    pub rows: Vec<HistoryRow>,
}

/// One line of the history.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HistoryRow {
    pub id: String,
    pub completed_at: String,
    pub profile: String,
    pub needs: Vec<String>,
    pub age_band: Option<String>,
    pub commune: Option<String>,
    pub follow_up: String,
}

/// What to look for in the directory; every field narrows.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct DirectoryQuery {
    /// Words in the structure's or service's name or description.
    pub text: Option<String>,
    pub thematique: Option<String>,
    /// The thématiques of this need of the questionnaire.
    pub need: Option<String>,
    /// INSEE code or commune name.
    pub commune: Option<String>,
}

/// A service of the directory with its structure.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ServiceView {
    pub source: String,
    pub service_id: String,
    pub service: String,
    pub description: String,
    pub structure_id: String,
    pub structure: String,
    pub kind: Option<String>,
    pub thematiques: Vec<String>,
    pub commune: Option<String>,
    pub adresse: Option<String>,
    pub telephone: Option<String>,
    pub courriel: Option<String>,
    pub horaires_accueil: Option<String>,
    pub frais: Option<String>,
}

/// A structure with its services.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StructureView {
    pub source: String,
    pub id: String,
    pub nom: String,
    pub description: Option<String>,
    pub adresse: Option<String>,
    pub code_postal: Option<String>,
    pub commune: Option<String>,
    pub code_insee: Option<String>,
    pub telephone: Option<String>,
    pub courriel: Option<String>,
    pub site_web: Option<String>,
    pub horaires_accueil: Option<String>,
    pub services: Vec<ServiceView>,
}

/// A structure and its one service, typed in by the coordinator.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct LocalStructureInput {
    /// Set to edit a local structure, absent to add one.
    pub id: Option<String>,
    pub nom: String,
    pub adresse: Option<String>,
    pub code_postal: Option<String>,
    pub commune: String,
    pub code_insee: Option<String>,
    pub telephone: Option<String>,
    pub courriel: Option<String>,
    pub horaires_accueil: Option<String>,
    pub service_nom: String,
    pub service_description: String,
    pub thematiques: Vec<String>,
    pub service_type: Option<String>,
    pub frais: Option<String>,
}

/// How far an import has gone.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// What an import did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportSummary {
    pub structures: u32,
    pub services: u32,
    pub rejected: Vec<RejectedRow>,
}

/// A row the import refused, and why: in English, and as the catalogue's key under
/// `problems.` with the values it names (as a [`crate::error::CommandError`] carries them).
#[derive(Debug, Clone, Serialize, TS)]
pub struct RejectedRow {
    pub kind: String,
    pub id: String,
    pub reason: String,
    pub code: Option<String>,
    pub params: BTreeMap<String, String>,
}

/// The coordinator's figures over a period.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportView {
    pub from: Option<String>,
    pub to: Option<String>,
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub anonymous: u64,
    pub per_week: Vec<Count>,
    pub profiles: Vec<Count>,
    pub needs: Vec<Count>,
    pub flags: Vec<Count>,
    pub follow_up: Vec<Count>,
}

/// How many of one thing.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Count {
    pub key: String,
    #[ts(type = "number")]
    pub count: u64,
}

/// A period of the report or the export (days included, YYYY-MM-DD).
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct Period {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A file the app wrote.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedFile {
    pub path: String,
}

/// The sheet as it will be printed, line by line.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SheetPreview {
    pub lines: Vec<SheetLine>,
}

/// One printed line: its size in points, whether bold, its words.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SheetLine {
    pub size: u8,
    pub bold: bool,
    pub text: String,
}

/// Everything the settings screen shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SettingsView {
    pub lang: String,
    pub centre_name: Option<String>,
    /// The centre's commune, where distances start when the person prefers not to say theirs.
    pub centre_commune: Option<CommuneView>,
    pub draft_days: u32,
    pub first_name_days: u32,
    /// Minutes without use before the app locks itself.
    pub idle_lock_minutes: u32,
    /// The delay in seconds when `AIGUILLAGE_IDLE_LOCK_SECONDS` fixes it for this run: the
    /// setting is kept but does not apply.
    pub idle_lock_override_seconds: Option<u32>,
    pub data_dir: String,
    pub app_version: String,
    pub questionnaire: String,
    pub licences: String,
}

/// A fictional person a trainer can fill a diagnostic with.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PersonaView {
    pub id: String,
    pub first_name: String,
    pub story: Text,
    pub answers: BTreeMap<String, Value>,
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
            ReportView,
            Period,
            SavedFile,
            SheetPreview,
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
