//! The diagnostic engine: a pure function of (questionnaire, answers) giving the visible
//! questions, the levels per dimension, the derived values, the profile, the flags and the needs
//! in priority order with their reasons. It reads no clock and no global state.
//!
//! Longer than 500 lines: the engine is one pass in the order `spec/diagnostic-v1.md` gives it
//! (visibility, levels, derived values, profile, flags, needs), kept whole to read as the spec.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use datalogic_rs::bumpalo::Bump;

use crate::answers::{AnswerValue, Answers};
use crate::error::Result;
use crate::logic::{Context, Name, Vars};
use crate::questionnaire::{AlsoCriteria, QuestionKind, Questionnaire};
use crate::text::{Lang, Localized};

/// The level of each dimension, in the questionnaire's order; `None` when undetermined.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Levels(pub Vec<(String, Option<u8>)>);

impl Levels {
    /// The level of `code`, if the dimension exists and is determined.
    pub fn get(&self, code: &str) -> Option<u8> {
        self.0.iter().find(|(c, _)| c == code).and_then(|(_, l)| *l)
    }
}

impl Serialize for Levels {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (code, level) in &self.0 {
            map.serialize_entry(code, level)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Levels {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = Map::<String, Value>::deserialize(deserializer)?;
        map.into_iter()
            .map(|(code, level)| match level {
                Value::Null => Ok((code, None)),
                Value::Number(n) => n
                    .as_u64()
                    .and_then(|n| u8::try_from(n).ok())
                    .map(|n| (code.clone(), Some(n)))
                    .ok_or_else(|| serde::de::Error::custom(format!("level of {code} is not 0–3"))),
                _ => Err(serde::de::Error::custom(format!(
                    "level of {code} is not a number"
                ))),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Levels)
    }
}

/// What made a need or flag hold: one answer, level or value, named for people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trigger {
    /// A question id, `levels.X`, a derived id or `profile`.
    pub source: String,
    /// The value as it stood (null for undetermined).
    pub value: Value,
    /// "Démarche urgente : oui".
    pub text: Localized,
}

/// One need, in priority order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Need {
    pub code: String,
    pub label: Localized,
    pub thematiques: Vec<String>,
    pub types: Vec<String>,
    pub networks: Vec<String>,
    pub prefer_free: bool,
    /// False for self-training: no structure is proposed.
    pub referral: bool,
    pub also: Option<AlsoCriteria>,
    /// For the volunteer: why, with the answers that triggered it.
    pub reason: Localized,
    /// For the person's sheet: kind words, nothing sensitive.
    pub sheet: Localized,
    pub triggers: Vec<Trigger>,
}

/// The whole result of a diagnostic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub questionnaire: String,
    pub version: u32,
    pub profile: String,
    pub levels: Levels,
    pub equipment: Option<String>,
    pub connection: Option<String>,
    pub contract_blocked: Option<bool>,
    pub flags: Vec<String>,
    /// No group format (atelier, formation) may be proposed.
    pub group_format_banned: bool,
    pub needs: Vec<Need>,
}

impl Assessment {
    /// Whether flag `id` is raised.
    pub fn has_flag(&self, id: &str) -> bool {
        self.flags.iter().any(|f| f == id)
    }

    /// The need codes, in priority order.
    pub fn need_codes(&self) -> Vec<&str> {
        self.needs.iter().map(|n| n.code.as_str()).collect()
    }
}

/// Which questions are visible, by section then question index.
type Visibility = Vec<Vec<bool>>;

/// A need that fired: its rule index, the cites that held, its thématiques and networks.
struct Fired {
    rule: usize,
    cites: Vec<String>,
    thematiques: Vec<String>,
    networks: Vec<String>,
}

/// Evaluates rules `0..count` in order against `vars`, converting the context into the evaluator
/// once per batch rather than once per rule: each rule returns the variables it sets, and a rule
/// that reads one set earlier in the current batch starts a new batch, so every rule sees exactly
/// the values before it.
fn in_batches<'q>(
    vars: &mut Vars<'q>,
    count: usize,
    reads: impl Fn(usize, &dyn Fn(&str) -> bool) -> bool,
    mut eval: impl FnMut(usize, &Context<'_>) -> Result<Vec<(Name<'q>, Value)>>,
) -> Result<()> {
    let mut arena = Bump::new();
    let mut i = 0;
    while i < count {
        arena.reset();
        let mut set: Vec<(Name<'q>, Value)> = Vec::new();
        {
            let context = Context::from_vars(vars, &arena);
            while i < count {
                if !set.is_empty() && reads(i, &|v: &str| set.iter().any(|(name, _)| name.is(v))) {
                    break;
                }
                set.extend(eval(i, &context)?);
                i += 1;
            }
        }
        for (name, v) in set {
            vars.set(name, v);
        }
    }
    Ok(())
}

/// The cites of the clauses that hold, or `None` when none does.
fn held_cites(
    engine: &datalogic_rs::Engine,
    clauses: &[crate::questionnaire::Clause],
    context: &Context<'_>,
) -> Result<Option<Vec<String>>> {
    let mut held: Option<Vec<String>> = None;
    for clause in clauses {
        if clause.condition.holds(engine, context)? {
            push_new(held.get_or_insert_with(Vec::new), &clause.cites);
        }
    }
    Ok(held)
}

impl Questionnaire {
    /// The ids of the questions visible given `answers`, in the order they are asked. A question
    /// hidden by an earlier answer stays hidden even if it was answered before.
    pub fn visible(&self, answers: &Answers) -> Result<Vec<&str>> {
        let visible = self.visible_answers(answers)?.1;
        Ok(self
            .sections
            .iter()
            .enumerate()
            .flat_map(|(s, sec)| {
                sec.questions
                    .iter()
                    .enumerate()
                    .map(move |(q, qu)| (s, q, qu))
            })
            .filter(|(s, q, _)| visible[*s][*q])
            .map(|(_, _, qu)| qu.id.as_str())
            .collect())
    }

    /// The context with every visible answer (null when not answered or hidden), and which
    /// questions are visible, by section and question index.
    fn visible_answers(&self, answers: &Answers) -> Result<(Vars<'_>, Visibility)> {
        let engine = &self.engine.0;
        let mut data = Vars::default();
        for q in self.questions() {
            // Question ids are unique (the loader checked), so no lookup is needed.
            data.push(
                &q.id,
                answers.get(&q.id).map_or(Value::Null, AnswerValue::to_json),
            );
        }
        let mut visible: Vec<Vec<bool>> = self
            .sections
            .iter()
            .map(|s| vec![false; s.questions.len()])
            .collect();
        let order = &self.visibility_order;
        in_batches(
            &mut data,
            order.len(),
            |i, was_set| {
                let (s, q) = order[i];
                let condition = self.sections[s].questions[q].visible_if.as_ref();
                condition.is_some_and(|c| c.vars().iter().any(|v| was_set(v)))
            },
            |i, context| {
                let (s, q) = order[i];
                let question = &self.sections[s].questions[q];
                let shown = match &question.visible_if {
                    None => true,
                    Some(condition) => condition.holds(engine, context)?,
                };
                visible[s][q] = shown;
                // A hidden question counts as not answered for everything after it.
                Ok(if !shown && answers.get(&question.id).is_some() {
                    vec![(Name::Top(question.id.as_str()), Value::Null)]
                } else {
                    Vec::new()
                })
            },
        )?;
        Ok((data, visible))
    }

    /// Scores `answers`: levels, derived values, profile, flags and needs, exactly as the file says.
    ///
    /// # Errors
    /// [`crate::Error::Evaluation`] if a rule cannot be evaluated (a questionnaire bug).
    pub fn assess(&self, answers: &Answers) -> Result<Assessment> {
        let engine = &self.engine.0;
        let (mut data, visible) = self.visible_answers(answers)?;

        // Levels: over visible items; undetermined below half answered; capped by the gate.
        let mut levels = Levels::default();
        for dim in &self.dimensions {
            let (mut items, mut sum, mut answered, mut gate) = (0usize, 0u32, 0u32, None);
            for (s, section) in self.sections.iter().enumerate() {
                for (q, question) in section.questions.iter().enumerate() {
                    if question.dimension.as_deref() != Some(&dim.code) || !visible[s][q] {
                        continue;
                    }
                    items += 1;
                    if let Some(AnswerValue::Scale(v)) = answers.get(&question.id) {
                        sum += u32::from(*v);
                        answered += 1;
                        if question.gate {
                            gate = Some(*v);
                        }
                    }
                }
            }
            let level = if items == 0 || (answered as usize) * 2 < items {
                None
            } else {
                let mean = u8::try_from(sum / answered).unwrap_or(u8::MAX);
                Some(gate.map_or(mean, |g| mean.min(g + 1)))
            };
            levels.0.push((dim.code.clone(), level));
        }
        for (dim, (_, level)) in self.dimensions.iter().zip(&levels.0) {
            data.set(
                Name::Grouped("levels", &dim.code),
                level.map_or(Value::Null, Value::from),
            );
        }

        // Derived values, each able to read the ones before it.
        in_batches(
            &mut data,
            self.derived.len(),
            |i, was_set| self.derived[i].expr.vars().iter().any(|v| was_set(v)),
            |i, context| {
                let derived = &self.derived[i];
                Ok(vec![(
                    Name::Top(derived.id.as_str()),
                    derived.expr.value(engine, context)?,
                )])
            },
        )?;

        // Profile over the determined levels of `mean_of`: the first rule that holds.
        let determined: Vec<u8> = self
            .profile
            .mean_of
            .iter()
            .filter_map(|c| levels.get(c))
            .collect();
        let mut profile = "undetermined".to_owned();
        if !determined.is_empty() {
            let mean =
                determined.iter().map(|&l| f64::from(l)).sum::<f64>() / determined.len() as f64;
            data.set(Name::Top("levels_mean"), Value::from(mean));
            let rules = &self.profile.rules;
            let mut chosen = None;
            in_batches(
                &mut data,
                1,
                |_, _| false,
                |_, context| {
                    for rule in rules {
                        if rule.condition.holds(engine, context)? {
                            chosen = Some(rule.value.clone());
                            break;
                        }
                    }
                    Ok(Vec::new())
                },
            )?;
            data.remove("levels_mean");
            if let Some(value) = chosen {
                profile = value;
            }
        }
        data.set(Name::Top("profile"), Value::String(profile.clone()));

        // Flags, in order, each able to read earlier ones; evidence from the clauses that hold.
        // Every flag starts false, so only a raised flag can make a later one see something new.
        for flag in &self.flags {
            data.set(Name::Grouped("flags", &flag.id), Value::Bool(false));
        }
        let mut flags = Vec::new();
        let mut evidence: Vec<(String, Vec<String>)> = Vec::new();
        in_batches(
            &mut data,
            self.flags.len(),
            |i, was_set| {
                self.flags[i]
                    .when
                    .iter()
                    .any(|c| c.condition.vars().iter().any(|v| was_set(v)))
            },
            |i, context| {
                let flag = &self.flags[i];
                let held = held_cites(engine, &flag.when, context)?;
                let Some(cites) = held else {
                    return Ok(Vec::new());
                };
                flags.push(flag.id.clone());
                evidence.push((flag.id.clone(), cites));
                Ok(vec![(
                    Name::Grouped("flags", flag.id.as_str()),
                    Value::Bool(true),
                )])
            },
        )?;

        // The format rule, then needs in priority order, each able to read earlier needs.
        for need in &self.needs {
            data.set(Name::Grouped("needs", &need.code), Value::Bool(false));
        }
        let mut group_format_banned = false;
        in_batches(
            &mut data,
            1,
            |_, _| false,
            |_, context| {
                group_format_banned = self.format_rule.condition.holds(engine, context)?;
                Ok(Vec::new())
            },
        )?;
        let mut fired: Vec<Fired> = Vec::new();
        in_batches(
            &mut data,
            self.needs.len(),
            |i, was_set| {
                let rule = &self.needs[i];
                let mut conditions = rule
                    .when
                    .iter()
                    .map(|c| &c.condition)
                    .chain(rule.extra.iter().map(|e| &e.condition));
                conditions.any(|c| c.vars().iter().any(|v| was_set(v)))
            },
            |i, context| {
                let rule = &self.needs[i];
                let held = held_cites(engine, &rule.when, context)?;
                let name = Name::Grouped("needs", rule.code.as_str());
                let Some(cites) = held else {
                    return Ok(Vec::new());
                };
                let mut thematiques = rule.thematiques.clone();
                let mut networks = rule.networks.clone();
                for extra in &rule.extra {
                    if extra.condition.holds(engine, context)? {
                        push_new(&mut thematiques, &extra.thematiques);
                        push_new(&mut networks, &extra.networks);
                    }
                }
                fired.push(Fired {
                    rule: i,
                    cites,
                    thematiques,
                    networks,
                });
                Ok(vec![(name, Value::Bool(true))])
            },
        )?;

        let mut needs = Vec::with_capacity(fired.len());
        for Fired {
            rule,
            cites,
            thematiques,
            networks,
        } in fired
        {
            let rule = &self.needs[rule];
            let mut types = rule.types.clone();
            if group_format_banned
                && types
                    .iter()
                    .any(|t| self.format_rule.group_types.contains(t))
            {
                types.retain(|t| !self.format_rule.group_types.contains(t));
                push_new(
                    &mut types,
                    std::slice::from_ref(&self.format_rule.replacement),
                );
            }
            let triggers = self.triggers(&cites, &evidence, &data, &levels);
            let named = |lang: Lang| {
                triggers
                    .iter()
                    .map(|t| t.text.get(lang))
                    .collect::<Vec<_>>()
            };
            let reason = if triggers.is_empty() {
                rule.reason.clone()
            } else {
                Localized {
                    fr: format!(
                        "{} (Réponses : {})",
                        rule.reason.fr,
                        named(Lang::Fr).join(" ; ")
                    ),
                    en: format!(
                        "{} (Answers: {})",
                        rule.reason.en,
                        named(Lang::En).join("; ")
                    ),
                }
            };
            needs.push(Need {
                code: rule.code.clone(),
                label: rule.label.clone(),
                thematiques,
                types,
                networks,
                prefer_free: rule.prefer_free,
                referral: rule.referral,
                also: rule.also.clone(),
                reason,
                sheet: rule.sheet.clone(),
                triggers,
            });
        }

        let text_of = |id: &str| data.get(id).and_then(Value::as_str).map(str::to_owned);
        Ok(Assessment {
            questionnaire: self.id.clone(),
            version: self.version,
            profile,
            equipment: text_of("equipment"),
            connection: text_of("connection"),
            contract_blocked: data.get("contract_blocked").and_then(Value::as_bool),
            levels,
            flags,
            group_format_banned,
            needs,
        })
    }

    /// Names each cite for people, expanding a flag into the answers that raised it.
    fn triggers(
        &self,
        cites: &[String],
        evidence: &[(String, Vec<String>)],
        data: &Vars<'_>,
        levels: &Levels,
    ) -> Vec<Trigger> {
        let mut sources: Vec<String> = Vec::new();
        let mut stack: Vec<String> = cites.iter().rev().cloned().collect();
        while let Some(cite) = stack.pop() {
            if let Some(flag) = cite.strip_prefix("flags.") {
                if let Some((_, cites)) = evidence.iter().find(|(f, _)| f == flag) {
                    stack.extend(cites.iter().rev().cloned());
                }
            } else if !sources.contains(&cite) {
                sources.push(cite);
            }
        }
        sources
            .into_iter()
            .filter_map(|source| self.trigger(source, data, levels))
            .collect()
    }

    fn trigger(&self, source: String, data: &Vars<'_>, levels: &Levels) -> Option<Trigger> {
        let undetermined = Localized::new("non déterminé", "undetermined");
        let (name, value_text, value) = if let Some(code) = source.strip_prefix("levels.") {
            let dim = self.dimension(code)?;
            let level = levels.get(code);
            let value_text = level.map_or(undetermined, |l| {
                Localized::new(format!("{l}/3"), format!("{l}/3"))
            });
            let name = Localized::new(
                format!("niveau {}", dim.label.fr),
                format!("{} level", dim.label.en),
            );
            (name, value_text, level.map_or(Value::Null, Value::from))
        } else if source == "profile" {
            let value = data.get("profile")?.clone();
            let label = self.profile_label(value.as_str()?)?.clone();
            (self.profile.label.clone(), label, value)
        } else if let Some(derived) = self.derived.iter().find(|d| d.id == source) {
            let value = data.get(&source)?.clone();
            let value_text = match (&derived.values, &value) {
                (_, Value::Null) => return None,
                (None, Value::Bool(b)) => yes_no(*b),
                (Some(options), Value::String(s)) => {
                    options.iter().find(|o| &o.value == s)?.label.clone()
                }
                _ => return None,
            };
            (derived.label.clone(), value_text, value)
        } else {
            let question = self.question(&source)?;
            let value = data.get(&source).filter(|v| !v.is_null())?.clone();
            let value_text = match (&question.kind, &value) {
                (QuestionKind::Bool, Value::Bool(b)) => yes_no(*b),
                (QuestionKind::Choice(options), Value::String(s)) => {
                    options.iter().find(|o| &o.value == s)?.label.clone()
                }
                (QuestionKind::Multi(options), Value::Array(items)) => {
                    let labels: Vec<&Localized> = items
                        .iter()
                        .filter_map(|i| {
                            options
                                .iter()
                                .find(|o| Some(o.value.as_str()) == i.as_str())
                        })
                        .map(|o| &o.label)
                        .collect();
                    Localized::new(
                        labels
                            .iter()
                            .map(|l| l.fr.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        labels
                            .iter()
                            .map(|l| l.en.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                }
                (QuestionKind::Scale { options, .. }, Value::Number(n)) => options
                    .iter()
                    .find(|o| Some(u64::from(o.value)) == n.as_u64())?
                    .label
                    .clone(),
                (QuestionKind::Text { .. }, Value::String(s)) => {
                    Localized::new(s.clone(), s.clone())
                }
                _ => return None,
            };
            (question.short.clone(), value_text, value)
        };
        let text = Localized::new(
            format!("{} : {}", name.fr, value_text.fr),
            format!("{}: {}", name.en, value_text.en),
        );
        Some(Trigger {
            source,
            value,
            text,
        })
    }
}

fn yes_no(b: bool) -> Localized {
    if b {
        Localized::new("oui", "yes")
    } else {
        Localized::new("non", "no")
    }
}

fn push_new(into: &mut Vec<String>, items: &[String]) {
    for item in items {
        if !into.contains(item) {
            into.push(item.clone());
        }
    }
}
