//! A diagnostic's result, its orientations and its sheet as the screens show them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use aiguillage_core::Outcome;

use super::Text;
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
    /// How to reach it, shown before it is chosen.
    pub telephone: Option<String>,
    /// In words (see [`Text::hours`]).
    pub horaires_accueil: Option<Text>,
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
                            telephone: m.telephone.clone(),
                            horaires_accueil: m.horaires_accueil.as_deref().map(Text::hours),
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
    /// `None` once the diagnostic is past its retention period: only its figures remain, from
    /// which no result is drawn again.
    pub result: Option<ResultView>,
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

/// A choice of service for a need.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChoiceInput {
    pub need: String,
    pub service_id: String,
}

/// The sheet as it will be printed: the PDF itself (the preview draws its pages, the printer
/// gets them), its words in reading order for screen readers, and the languages it can take.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SheetPreview {
    /// The PDF, base64.
    pub pdf: String,
    pub text: Vec<String>,
    pub language: String,
    pub easy_read: bool,
    pub languages: Vec<SheetLanguageView>,
    /// The person needs an interpreter: the screen suggests printing in their language.
    pub suggest_language: bool,
    /// The person reads French with difficulty: the screen suggests the easy-read sheet.
    pub suggest_easy_read: bool,
}

/// A language the sheet can be printed in.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SheetLanguageView {
    pub code: String,
    /// Its name as its speakers write it.
    pub autonym: String,
    pub rtl: bool,
}
