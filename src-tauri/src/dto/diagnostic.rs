//! The questionnaire as the wizard draws it, and drafts as they are answered.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use aiguillage_domain::Localized;
use aiguillage_domain::questionnaire::{QuestionKind, Questionnaire};

use super::Text;
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
