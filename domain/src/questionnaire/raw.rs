//! The questionnaire file as written: serde types that mirror the JSON exactly (unknown fields
//! refused), before any cross-checking. `load` turns them into a validated `Questionnaire`.

use serde::Deserialize;
use serde_json::Value;

use super::Dimension;
use crate::text::Localized;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestionnaire {
    pub(super) id: String,
    pub(super) version: u32,
    pub(super) title: Localized,
    pub(super) not_answered: Localized,
    pub(super) scales: Vec<RawScale>,
    pub(super) sections: Vec<RawSection>,
    pub(super) dimensions: Vec<Dimension>,
    pub(super) derived: Vec<RawDerived>,
    pub(super) profile: RawProfile,
    pub(super) flags: Vec<RawFlag>,
    pub(super) needs: Vec<RawNeed>,
    pub(super) format_rule: RawFormatRule,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScale {
    pub(super) id: String,
    pub(super) options: Vec<RawScaleOption>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScaleOption {
    pub(super) value: i64,
    pub(super) label: Localized,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSection {
    pub(super) id: String,
    pub(super) title: Localized,
    #[serde(default)]
    pub(super) scored: bool,
    pub(super) questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub(super) id: String,
    pub(super) kind: String,
    pub(super) label: Localized,
    pub(super) short: Localized,
    pub(super) help: Option<Localized>,
    pub(super) visible_if: Option<Value>,
    pub(super) options: Option<Vec<RawChoice>>,
    pub(super) scale: Option<String>,
    pub(super) pattern: Option<String>,
    pub(super) lookup: Option<String>,
    pub(super) dimension: Option<String>,
    #[serde(default)]
    pub(super) gate: bool,
    #[serde(default)]
    pub(super) must_be_true: bool,
    #[serde(default)]
    pub(super) sensitive: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChoice {
    pub(super) value: String,
    pub(super) label: Localized,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDerived {
    pub(super) id: String,
    pub(super) label: Localized,
    pub(super) values: Value,
    pub(super) expr: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProfile {
    pub(super) label: Localized,
    pub(super) mean_of: Vec<String>,
    pub(super) rules: Vec<RawProfileRule>,
    pub(super) undetermined: RawLabelOnly,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLabelOnly {
    pub(super) label: Localized,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProfileRule {
    pub(super) value: String,
    pub(super) label: Localized,
    #[serde(rename = "if")]
    pub(super) condition: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClause {
    #[serde(rename = "if")]
    pub(super) condition: Value,
    pub(super) cites: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFlag {
    pub(super) id: String,
    pub(super) label: Localized,
    pub(super) when: Vec<RawClause>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExtra {
    #[serde(rename = "if")]
    pub(super) condition: Value,
    #[serde(default)]
    pub(super) thematiques: Vec<String>,
    #[serde(default)]
    pub(super) networks: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAlso {
    pub(super) label: Localized,
    #[serde(default)]
    pub(super) thematiques: Vec<String>,
    #[serde(default)]
    pub(super) networks: Vec<String>,
    #[serde(default)]
    pub(super) types: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNeed {
    pub(super) code: String,
    pub(super) label: Localized,
    pub(super) when: Vec<RawClause>,
    pub(super) thematiques: Vec<String>,
    #[serde(default)]
    pub(super) types: Vec<String>,
    #[serde(default)]
    pub(super) networks: Vec<String>,
    #[serde(default)]
    pub(super) prefer_free: bool,
    #[serde(default = "yes")]
    pub(super) referral: bool,
    #[serde(default)]
    pub(super) extra: Vec<RawExtra>,
    pub(super) also: Option<RawAlso>,
    pub(super) reason: Localized,
    pub(super) sheet: Localized,
}

pub(super) fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFormatRule {
    #[serde(rename = "if")]
    pub(super) condition: Value,
    pub(super) group_types: Vec<String>,
    pub(super) replacement: String,
    pub(super) label: Localized,
}
