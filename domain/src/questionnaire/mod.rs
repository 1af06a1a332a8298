//! The questionnaire as data: sections, questions, scales, dimensions, derived values, profile
//! rules, flags, needs and the format rule, loaded from one JSON file and validated as a whole
//! (see `docs/questionnaire-format.md`). A `Questionnaire` value is always valid: the only way to
//! build one is [`Questionnaire::parse`].

mod items;
mod load;
mod raw;

use std::collections::HashMap;
use std::sync::Arc;

use datalogic_rs::Engine;
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::logic::Condition;
use crate::text::Localized;

/// A validated questionnaire.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    pub id: String,
    pub version: u32,
    pub title: Localized,
    pub not_answered: Localized,
    pub sections: Vec<Section>,
    pub dimensions: Vec<Dimension>,
    pub derived: Vec<Derived>,
    pub profile: ProfileRules,
    pub flags: Vec<FlagRule>,
    pub needs: Vec<NeedRule>,
    pub format_rule: FormatRule,
    pub(crate) engine: Arc<EngineHandle>,
    /// Question id -> (section index, question index).
    pub(crate) index: HashMap<String, (usize, usize)>,
    /// Questions in an order where every visibility condition only reads earlier questions.
    pub(crate) visibility_order: Vec<(usize, usize)>,
}

/// The JsonLogic evaluator shared by a questionnaire's conditions.
pub(crate) struct EngineHandle(pub(crate) Engine);

impl std::fmt::Debug for EngineHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Engine")
    }
}

/// One screen of the diagnostic.
#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub title: Localized,
    pub scored: bool,
    pub questions: Vec<Question>,
}

/// One item of the questionnaire.
#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub label: Localized,
    /// The question's name in a reason ("Démarche urgente").
    pub short: Localized,
    pub help: Option<Localized>,
    pub visible_if: Option<Condition>,
    pub dimension: Option<String>,
    pub gate: bool,
    pub must_be_true: bool,
    pub sensitive: bool,
    /// A list the answer of a text question is picked from, when there is one.
    pub lookup: Option<Lookup>,
}

/// A list a text question's answer is picked from, rather than typed as a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// The communes of France: the volunteer types a name or a postcode, the INSEE code is kept.
    Commune,
}

impl Lookup {
    /// Its name as written in the file.
    pub fn name(self) -> &'static str {
        match self {
            Lookup::Commune => "commune",
        }
    }
}

/// What kind of answer a question takes.
#[derive(Debug, Clone)]
pub enum QuestionKind {
    Bool,
    Choice(Vec<ChoiceOption>),
    Multi(Vec<ChoiceOption>),
    Scale {
        scale: String,
        options: Vec<ScaleOption>,
    },
    Text {
        pattern: Regex,
    },
}

impl QuestionKind {
    /// The kind's name as written in the file.
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::Bool => "bool",
            QuestionKind::Choice(_) => "choice",
            QuestionKind::Multi(_) => "multi",
            QuestionKind::Scale { .. } => "scale",
            QuestionKind::Text { .. } => "text",
        }
    }
}

/// One option of a choice or multi-choice question.
#[derive(Debug, Clone, Serialize)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Localized,
}

/// One step of a scale (0–3).
#[derive(Debug, Clone, Serialize)]
pub struct ScaleOption {
    pub value: u8,
    pub label: Localized,
}

/// A skill dimension (F, M, D, J, X).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub code: String,
    pub label: Localized,
}

/// A value computed from answers and levels (equipment, connection, contract_blocked).
#[derive(Debug, Clone)]
pub struct Derived {
    pub id: String,
    pub label: Localized,
    /// `None` for a yes/no value.
    pub values: Option<Vec<ChoiceOption>>,
    pub expr: Condition,
}

/// The profile: undetermined when every `mean_of` level is, else the first rule that holds.
#[derive(Debug, Clone)]
pub struct ProfileRules {
    pub label: Localized,
    pub mean_of: Vec<String>,
    pub rules: Vec<ProfileRule>,
    pub undetermined: Localized,
}

/// One profile and the condition that gives it.
#[derive(Debug, Clone)]
pub struct ProfileRule {
    pub value: String,
    pub label: Localized,
    pub condition: Condition,
}

/// One clause of a flag or need: when `condition` holds, `cites` name what made it hold.
#[derive(Debug, Clone)]
pub struct Clause {
    pub condition: Condition,
    pub cites: Vec<String>,
}

/// A flag raised when any of its clauses holds.
#[derive(Debug, Clone)]
pub struct FlagRule {
    pub id: String,
    pub label: Localized,
    pub when: Vec<Clause>,
}

/// Thématiques or networks added to a need when a condition holds.
#[derive(Debug, Clone)]
pub struct NeedExtra {
    pub condition: Condition,
    pub thematiques: Vec<String>,
    pub networks: Vec<String>,
}

/// A further service asked for beside the top matches (e.g. a public digital space meanwhile).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AlsoCriteria {
    pub label: Localized,
    pub thematiques: Vec<String>,
    pub networks: Vec<String>,
    pub types: Vec<String>,
}

/// A need rule, in priority order.
#[derive(Debug, Clone)]
pub struct NeedRule {
    pub code: String,
    pub label: Localized,
    pub when: Vec<Clause>,
    pub thematiques: Vec<String>,
    pub types: Vec<String>,
    pub networks: Vec<String>,
    pub prefer_free: bool,
    pub referral: bool,
    pub extra: Vec<NeedExtra>,
    pub also: Option<AlsoCriteria>,
    pub reason: Localized,
    pub sheet: Localized,
}

/// No group format for people it would fail.
#[derive(Debug, Clone)]
pub struct FormatRule {
    pub condition: Condition,
    pub group_types: Vec<String>,
    pub replacement: String,
    pub label: Localized,
}

impl Questionnaire {
    /// Finds a question by id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.index
            .get(id)
            .map(|&(s, q)| &self.sections[s].questions[q])
    }

    /// Every question, in the order they are asked.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    /// Finds a dimension by code.
    pub fn dimension(&self, code: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.code == code)
    }

    /// Finds a flag rule by id.
    pub fn flag(&self, id: &str) -> Option<&FlagRule> {
        self.flags.iter().find(|f| f.id == id)
    }

    /// Finds a need rule by code.
    pub fn need(&self, code: &str) -> Option<&NeedRule> {
        self.needs.iter().find(|n| n.code == code)
    }

    /// The label of a profile value, or of `undetermined`.
    pub fn profile_label(&self, value: &str) -> Option<&Localized> {
        if value == "undetermined" {
            return Some(&self.profile.undetermined);
        }
        self.profile
            .rules
            .iter()
            .find(|r| r.value == value)
            .map(|r| &r.label)
    }
}
