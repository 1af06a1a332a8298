//! Answers: the typed values of one diagnostic, and the parsing of an answers document
//! (`{"questionnaire", "version", "answers": {ID: VALUE}}`) against a questionnaire. A value that
//! does not fit its question is refused with the question and the value named.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::questionnaire::{QuestionKind, Questionnaire};

/// One given answer. "Not answered" is the absence of a value, never a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Bool(bool),
    Scale(u8),
    Text(String),
    Multi(Vec<String>),
}

impl AnswerValue {
    /// The value as JSON, as conditions read it.
    pub fn to_json(&self) -> Value {
        match self {
            AnswerValue::Bool(b) => Value::Bool(*b),
            AnswerValue::Scale(n) => Value::from(*n),
            AnswerValue::Text(s) => Value::String(s.clone()),
            AnswerValue::Multi(items) => {
                Value::Array(items.iter().cloned().map(Value::String).collect())
            }
        }
    }
}

/// The answers of one diagnostic, checked against its questionnaire. Unanswered items are absent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(BTreeMap<String, AnswerValue>);

/// An answers document as exchanged on the command line and kept in drafts.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswersDocument {
    pub questionnaire: String,
    pub version: u32,
    #[serde(default)]
    pub answers: Map<String, Value>,
}

impl Answers {
    /// The answer to `id`, if given.
    pub fn get(&self, id: &str) -> Option<&AnswerValue> {
        self.0.get(id)
    }

    /// Every given answer, by question id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &AnswerValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// How many questions are answered.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether nothing is answered.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the bool question `id` is answered yes.
    pub fn is_yes(&self, id: &str) -> bool {
        matches!(self.0.get(id), Some(AnswerValue::Bool(true)))
    }

    /// The text or choice answer to `id`.
    pub fn text(&self, id: &str) -> Option<&str> {
        match self.0.get(id) {
            Some(AnswerValue::Text(s)) => Some(s),
            _ => None,
        }
    }

    /// Parses a whole answers document (its JSON text) against `questionnaire`.
    ///
    /// # Errors
    /// [`Error::Answers`] naming the field, question or value at fault.
    pub fn parse_document(questionnaire: &Questionnaire, json: &str) -> Result<Self> {
        let doc: AnswersDocument = serde_json::from_str(json)
            .map_err(|e| Error::Answers(format!("the answers document is not valid: {e}")))?;
        if doc.questionnaire != questionnaire.id {
            return Err(Error::Answers(format!(
                "questionnaire \"{}\" is unknown; this version knows \"{}\"",
                doc.questionnaire, questionnaire.id
            )));
        }
        if doc.version != questionnaire.version {
            return Err(Error::Answers(format!(
                "version {} of questionnaire \"{}\" is unknown; this version knows version {}",
                doc.version, doc.questionnaire, questionnaire.version
            )));
        }
        Self::from_map(questionnaire, &doc.answers)
    }

    /// Checks and converts `{ID: VALUE}` answers; null means not answered.
    ///
    /// # Errors
    /// [`Error::Answers`] naming the question and the value at fault.
    pub fn from_map(questionnaire: &Questionnaire, answers: &Map<String, Value>) -> Result<Self> {
        let mut out = BTreeMap::new();
        for (id, value) in answers {
            let question = questionnaire.question(id).ok_or_else(|| {
                Error::Answers(format!("question \"{id}\" is not in the questionnaire"))
            })?;
            if value.is_null() {
                continue;
            }
            let wrong = |expected: &str| {
                Error::Answers(format!(
                    "answer to \"{id}\" is {value}, but {expected} is expected"
                ))
            };
            let parsed = match &question.kind {
                QuestionKind::Bool => {
                    AnswerValue::Bool(value.as_bool().ok_or_else(|| wrong("true or false"))?)
                }
                QuestionKind::Scale { options, .. } => {
                    let allowed = || {
                        options
                            .iter()
                            .map(|o| o.value.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    let n = value
                        .as_u64()
                        .ok_or_else(|| wrong(&format!("an integer among {}", allowed())))?;
                    let n = u8::try_from(n)
                        .ok()
                        .filter(|n| options.iter().any(|o| o.value == *n));
                    AnswerValue::Scale(n.ok_or_else(|| {
                        Error::Answers(format!(
                            "answer to \"{id}\" is {value}, outside the scale ({})",
                            allowed()
                        ))
                    })?)
                }
                QuestionKind::Choice(options) => {
                    let s = value
                        .as_str()
                        .ok_or_else(|| wrong("one option's value as a string"))?;
                    if !options.iter().any(|o| o.value == s) {
                        let allowed: Vec<_> = options.iter().map(|o| o.value.as_str()).collect();
                        return Err(Error::Answers(format!(
                            "answer to \"{id}\" is \"{s}\", which is not one of its options ({})",
                            allowed.join(", ")
                        )));
                    }
                    AnswerValue::Text(s.to_owned())
                }
                QuestionKind::Multi(options) => {
                    let items = value
                        .as_array()
                        .ok_or_else(|| wrong("an array of option values"))?;
                    let mut chosen: Vec<String> = Vec::new();
                    for item in items {
                        let s = item
                            .as_str()
                            .ok_or_else(|| wrong("an array of option values"))?;
                        if !options.iter().any(|o| o.value == s) {
                            return Err(Error::Answers(format!(
                                "answer to \"{id}\" contains \"{s}\", which is not one of its options"
                            )));
                        }
                        if chosen.iter().any(|c| c == s) {
                            return Err(Error::Answers(format!(
                                "answer to \"{id}\" contains \"{s}\" twice"
                            )));
                        }
                        chosen.push(s.to_owned());
                    }
                    AnswerValue::Multi(chosen)
                }
                QuestionKind::Text { pattern } => {
                    let s = value.as_str().ok_or_else(|| wrong("a string"))?;
                    if !pattern.is_match(s) {
                        return Err(Error::Answers(format!(
                            "answer to \"{id}\" is \"{s}\", which does not have the expected form"
                        )));
                    }
                    AnswerValue::Text(s.to_owned())
                }
            };
            out.insert(id.clone(), parsed);
        }
        Ok(Answers(out))
    }

    /// The answers as `{ID: VALUE}` JSON, for documents and storage.
    pub fn to_map(&self) -> Map<String, Value> {
        self.0
            .iter()
            .map(|(k, v)| (k.clone(), v.to_json()))
            .collect()
    }
}
