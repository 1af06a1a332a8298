//! Validating a questionnaire file as a whole. Every fault is refused with the JSON path where it
//! is: unknown or duplicate ids, a condition reading a missing question or flag, an option outside
//! its scale, a label missing in one language, a visibility cycle, an unknown data·inclusion code.
//!
//! Longer than 500 lines: one validation pass over the whole file, each rule beside the JSON path
//! it names, in the order a reader of the format meets them.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use datalogic_rs::Engine;
use serde_json::Value;

use super::items::{choice_options, lookup, question_kind, visibility_order};
use super::raw::*;
use super::*;
use crate::error::{Error, Result};
use crate::reference::ReferenceLists;

/// Which variables a condition at some place of the file may read.
#[derive(Clone, Copy)]
struct Scope {
    levels: bool,
    levels_mean: bool,
    derived: usize,
    profile: bool,
    flags: usize,
    needs: usize,
}

const NOTHING_BUT_ANSWERS: Scope = Scope {
    levels: false,
    levels_mean: false,
    derived: 0,
    profile: false,
    flags: 0,
    needs: 0,
};

/// Names the engine puts in the context beside answers; no question may take them.
const RESERVED: [&str; 5] = ["levels", "levels_mean", "profile", "flags", "needs"];

struct Checker<'q> {
    engine: &'q Engine,
    refs: &'q ReferenceLists,
    questions: HashSet<String>,
    dimensions: Vec<String>,
    derived: Vec<String>,
    flags: Vec<String>,
    needs: Vec<String>,
}

impl Checker<'_> {
    fn condition(&self, source: &Value, path: &str, scope: Scope) -> Result<Condition> {
        let condition = Condition::compile(self.engine, source, path)?;
        for var in condition.vars() {
            self.reference(var, path, scope, "reads")?;
        }
        Ok(condition)
    }

    fn reference(&self, name: &str, path: &str, scope: Scope, verb: &str) -> Result<()> {
        let known = if let Some(dim) = name.strip_prefix("levels.") {
            scope.levels && self.dimensions.iter().any(|d| d == dim)
        } else if let Some(flag) = name.strip_prefix("flags.") {
            self.flags[..scope.flags].iter().any(|f| f == flag)
        } else if let Some(need) = name.strip_prefix("needs.") {
            self.needs[..scope.needs].iter().any(|n| n == need)
        } else if name == "levels_mean" {
            scope.levels_mean
        } else if name == "profile" {
            scope.profile
        } else {
            self.questions.contains(name) || self.derived[..scope.derived].iter().any(|d| d == name)
        };
        if known {
            Ok(())
        } else {
            Err(Error::questionnaire(
                path,
                format!(
                    "it {verb} \"{name}\", which is not a question, level, value, flag or need defined before this point"
                ),
            ))
        }
    }

    fn codes(&self, codes: &[String], list: &HashSet<&str>, what: &str, path: &str) -> Result<()> {
        match codes
            .iter()
            .enumerate()
            .find(|(_, c)| !list.contains(c.as_str()))
        {
            Some((i, code)) => Err(Error::questionnaire(
                format!("{path}[{i}]"),
                format!("\"{code}\" is not a data·inclusion {what}"),
            )),
            None => Ok(()),
        }
    }

    fn thematiques(&self, codes: &[String], path: &str) -> Result<()> {
        let list = self.refs.thematiques.iter().map(String::as_str).collect();
        self.codes(codes, &list, "thématique", path)
    }

    fn types(&self, codes: &[String], path: &str) -> Result<()> {
        let list = self.refs.types.iter().map(String::as_str).collect();
        self.codes(codes, &list, "service type", path)
    }

    fn networks(&self, codes: &[String], path: &str) -> Result<()> {
        let list = self.refs.networks.iter().map(String::as_str).collect();
        self.codes(codes, &list, "network (réseau porteur)", path)
    }

    fn clauses(&self, raw: &[RawClause], path: &str, scope: Scope) -> Result<Vec<Clause>> {
        if raw.is_empty() {
            return Err(Error::questionnaire(path, "at least one clause is needed"));
        }
        raw.iter()
            .enumerate()
            .map(|(i, clause)| {
                let at = format!("{path}[{i}]");
                let condition = self.condition(&clause.condition, &format!("{at}.if"), scope)?;
                for (j, cite) in clause.cites.iter().enumerate() {
                    // A clause may cite any flag (evidence is expanded after evaluation), but only
                    // what exists.
                    let cite_scope = Scope {
                        flags: self.flags.len(),
                        ..scope
                    };
                    self.reference(cite, &format!("{at}.cites[{j}]"), cite_scope, "cites")?;
                }
                Ok(Clause {
                    condition,
                    cites: clause.cites.clone(),
                })
            })
            .collect()
    }
}

pub(super) fn text(value: &Localized, path: &str) -> Result<()> {
    match value.missing() {
        Some(lang) => Err(Error::questionnaire(
            format!("{path}.{}", lang.code()),
            "the label is missing in this language",
        )),
        None => Ok(()),
    }
}

pub(super) fn unique<'a>(ids: impl Iterator<Item = (String, &'a str)>, what: &str) -> Result<()> {
    let mut seen = HashSet::new();
    for (path, id) in ids {
        if id.trim().is_empty() {
            return Err(Error::questionnaire(path, format!("the {what} is empty")));
        }
        if !seen.insert(id) {
            return Err(Error::questionnaire(
                path,
                format!("{what} \"{id}\" is used twice"),
            ));
        }
    }
    Ok(())
}

impl Questionnaire {
    /// Parses and validates a questionnaire file's contents.
    ///
    /// # Errors
    /// [`Error::Questionnaire`] naming the JSON path of the first fault.
    pub fn parse(json: &str) -> Result<Self> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let raw: RawQuestionnaire = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let reason = e.inner().to_string();
            // serde_json appends " at line L column C"; the path says where already.
            let reason = reason
                .split(" at line ")
                .next()
                .unwrap_or(&reason)
                .to_owned();
            Error::questionnaire(format!("$.{path}").replace("$..", "$."), reason)
        })?;
        build(raw, ReferenceLists::embedded())
    }
}

fn build(raw: RawQuestionnaire, refs: &ReferenceLists) -> Result<Questionnaire> {
    if raw.id.trim().is_empty() {
        return Err(Error::questionnaire(
            "$.id",
            "the questionnaire id is empty",
        ));
    }
    if raw.version == 0 {
        return Err(Error::questionnaire("$.version", "the version starts at 1"));
    }
    text(&raw.title, "$.title")?;
    text(&raw.not_answered, "$.not_answered")?;

    // Scales.
    unique(
        raw.scales
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("$.scales[{i}].id"), s.id.as_str())),
        "scale id",
    )?;
    let mut scales: HashMap<&str, Vec<ScaleOption>> = HashMap::new();
    for (i, scale) in raw.scales.iter().enumerate() {
        let mut options = Vec::new();
        for (j, option) in scale.options.iter().enumerate() {
            let at = format!("$.scales[{i}].options[{j}]");
            let value = u8::try_from(option.value)
                .ok()
                .filter(|v| *v <= 3)
                .ok_or_else(|| {
                    Error::questionnaire(
                        format!("{at}.value"),
                        format!("{} is outside the scale 0–3", option.value),
                    )
                })?;
            if options.iter().any(|o: &ScaleOption| o.value == value) {
                return Err(Error::questionnaire(
                    format!("{at}.value"),
                    format!("value {value} is used twice"),
                ));
            }
            text(&option.label, &format!("{at}.label"))?;
            options.push(ScaleOption {
                value,
                label: option.label.clone(),
            });
        }
        if options.is_empty() {
            return Err(Error::questionnaire(
                format!("$.scales[{i}].options"),
                "a scale needs options",
            ));
        }
        scales.insert(&scale.id, options);
    }

    // Dimensions.
    unique(
        raw.dimensions
            .iter()
            .enumerate()
            .map(|(i, d)| (format!("$.dimensions[{i}].code"), d.code.as_str())),
        "dimension code",
    )?;
    for (i, d) in raw.dimensions.iter().enumerate() {
        text(&d.label, &format!("$.dimensions[{i}].label"))?;
    }

    // Ids: questions, derived, flags, needs.
    let question_ids = raw.sections.iter().enumerate().flat_map(|(s, sec)| {
        sec.questions
            .iter()
            .enumerate()
            .map(move |(q, qu)| (format!("$.sections[{s}].questions[{q}].id"), qu.id.as_str()))
    });
    let derived_ids = raw
        .derived
        .iter()
        .enumerate()
        .map(|(i, d)| (format!("$.derived[{i}].id"), d.id.as_str()));
    unique(question_ids.chain(derived_ids), "question or value id")?;
    unique(
        raw.sections
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("$.sections[{i}].id"), s.id.as_str())),
        "section id",
    )?;
    unique(
        raw.flags
            .iter()
            .enumerate()
            .map(|(i, f)| (format!("$.flags[{i}].id"), f.id.as_str())),
        "flag id",
    )?;
    unique(
        raw.needs
            .iter()
            .enumerate()
            .map(|(i, n)| (format!("$.needs[{i}].code"), n.code.as_str())),
        "need code",
    )?;

    let engine = Engine::new();
    let checker = Checker {
        engine: &engine,
        refs,
        questions: raw
            .sections
            .iter()
            .flat_map(|s| s.questions.iter().map(|q| q.id.clone()))
            .collect(),
        dimensions: raw.dimensions.iter().map(|d| d.code.clone()).collect(),
        derived: raw.derived.iter().map(|d| d.id.clone()).collect(),
        flags: raw.flags.iter().map(|f| f.id.clone()).collect(),
        needs: raw.needs.iter().map(|n| n.code.clone()).collect(),
    };
    if let Some(q) = checker
        .questions
        .iter()
        .find(|q| RESERVED.contains(&q.as_str()))
    {
        return Err(Error::questionnaire(
            "$.sections",
            format!("\"{q}\" is reserved for the engine's own values"),
        ));
    }

    // Sections and questions.
    let mut sections = Vec::new();
    let mut gates: HashSet<String> = HashSet::new();
    let mut dimension_items: HashMap<&str, usize> = HashMap::new();
    for (s, raw_section) in raw.sections.iter().enumerate() {
        let sp = format!("$.sections[{s}]");
        text(&raw_section.title, &format!("{sp}.title"))?;
        let mut questions = Vec::new();
        for (q, rq) in raw_section.questions.iter().enumerate() {
            let qp = format!("{sp}.questions[{q}]");
            text(&rq.label, &format!("{qp}.label"))?;
            text(&rq.short, &format!("{qp}.short"))?;
            if let Some(help) = &rq.help {
                text(help, &format!("{qp}.help"))?;
            }
            let kind = question_kind(rq, &qp, &scales)?;
            if let Some(dim) = &rq.dimension {
                if !checker.dimensions.contains(dim) {
                    return Err(Error::questionnaire(
                        format!("{qp}.dimension"),
                        format!("\"{dim}\" is not a dimension"),
                    ));
                }
                if !matches!(kind, QuestionKind::Scale { .. }) {
                    return Err(Error::questionnaire(
                        format!("{qp}.dimension"),
                        "only scale questions count in a dimension",
                    ));
                }
                *dimension_items.entry(dim).or_default() += 1;
            }
            if rq.gate {
                let Some(dim) = &rq.dimension else {
                    return Err(Error::questionnaire(
                        format!("{qp}.gate"),
                        "a gate must belong to a dimension",
                    ));
                };
                if !gates.insert(dim.clone()) {
                    return Err(Error::questionnaire(
                        format!("{qp}.gate"),
                        format!("dimension \"{dim}\" already has a gate"),
                    ));
                }
            }
            if rq.must_be_true && !matches!(kind, QuestionKind::Bool) {
                return Err(Error::questionnaire(
                    format!("{qp}.must_be_true"),
                    "only a yes/no question can be required to be yes",
                ));
            }
            let visible_if = rq
                .visible_if
                .as_ref()
                .map(|v| checker.condition(v, &format!("{qp}.visible_if"), NOTHING_BUT_ANSWERS))
                .transpose()?;
            questions.push(Question {
                id: rq.id.clone(),
                kind,
                label: rq.label.clone(),
                short: rq.short.clone(),
                help: rq.help.clone(),
                visible_if,
                dimension: rq.dimension.clone(),
                gate: rq.gate,
                must_be_true: rq.must_be_true,
                sensitive: rq.sensitive,
                lookup: lookup(rq, &qp)?,
            });
        }
        sections.push(Section {
            id: raw_section.id.clone(),
            title: raw_section.title.clone(),
            scored: raw_section.scored,
            questions,
        });
    }
    if let Some((i, d)) = raw
        .dimensions
        .iter()
        .enumerate()
        .find(|(_, d)| !dimension_items.contains_key(d.code.as_str()))
    {
        return Err(Error::questionnaire(
            format!("$.dimensions[{i}]"),
            format!("dimension \"{}\" has no question", d.code),
        ));
    }
    let index: HashMap<String, (usize, usize)> = sections
        .iter()
        .enumerate()
        .flat_map(|(s, sec)| {
            sec.questions
                .iter()
                .enumerate()
                .map(move |(q, qu)| (qu.id.clone(), (s, q)))
        })
        .collect();
    let visibility_order = visibility_order(&sections, &index)?;

    // Derived values.
    let mut derived = Vec::new();
    for (i, rd) in raw.derived.iter().enumerate() {
        let dp = format!("$.derived[{i}]");
        text(&rd.label, &format!("{dp}.label"))?;
        let values = match &rd.values {
            Value::String(s) if s == "bool" => None,
            Value::Array(items) => {
                let choices: Vec<RawChoice> =
                    serde_json::from_value(Value::Array(items.clone()))
                        .map_err(|e| Error::questionnaire(format!("{dp}.values"), e.to_string()))?;
                Some(choice_options(&choices, &format!("{dp}.values"))?)
            }
            _ => {
                return Err(Error::questionnaire(
                    format!("{dp}.values"),
                    "expected \"bool\" or a list of values",
                ));
            }
        };
        let scope = Scope {
            levels: true,
            derived: i,
            ..NOTHING_BUT_ANSWERS
        };
        let expr = checker.condition(&rd.expr, &format!("{dp}.expr"), scope)?;
        derived.push(Derived {
            id: rd.id.clone(),
            label: rd.label.clone(),
            values,
            expr,
        });
    }
    let all_derived = derived.len();

    // Profile.
    let pp = "$.profile";
    text(&raw.profile.label, &format!("{pp}.label"))?;
    text(
        &raw.profile.undetermined.label,
        &format!("{pp}.undetermined.label"),
    )?;
    for (i, dim) in raw.profile.mean_of.iter().enumerate() {
        if !checker.dimensions.contains(dim) {
            return Err(Error::questionnaire(
                format!("{pp}.mean_of[{i}]"),
                format!("\"{dim}\" is not a dimension"),
            ));
        }
    }
    if raw.profile.mean_of.is_empty() || raw.profile.rules.is_empty() {
        return Err(Error::questionnaire(
            pp,
            "a profile needs mean_of and rules",
        ));
    }
    unique(
        raw.profile
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (format!("{pp}.rules[{i}].value"), r.value.as_str())),
        "profile value",
    )?;
    let profile_scope = Scope {
        levels: true,
        levels_mean: true,
        derived: all_derived,
        ..NOTHING_BUT_ANSWERS
    };
    let mut rules = Vec::new();
    for (i, rule) in raw.profile.rules.iter().enumerate() {
        let rp = format!("{pp}.rules[{i}]");
        if rule.value == "undetermined" {
            return Err(Error::questionnaire(
                format!("{rp}.value"),
                "\"undetermined\" is the engine's own value",
            ));
        }
        text(&rule.label, &format!("{rp}.label"))?;
        let condition = checker.condition(&rule.condition, &format!("{rp}.if"), profile_scope)?;
        rules.push(ProfileRule {
            value: rule.value.clone(),
            label: rule.label.clone(),
            condition,
        });
    }
    let profile = ProfileRules {
        label: raw.profile.label.clone(),
        mean_of: raw.profile.mean_of.clone(),
        rules,
        undetermined: raw.profile.undetermined.label.clone(),
    };

    // Flags, each reading only earlier flags.
    let after_profile = Scope {
        levels: true,
        levels_mean: false,
        derived: all_derived,
        profile: true,
        flags: 0,
        needs: 0,
    };
    let mut flags = Vec::new();
    for (i, rf) in raw.flags.iter().enumerate() {
        let fp = format!("$.flags[{i}]");
        text(&rf.label, &format!("{fp}.label"))?;
        let when = checker.clauses(
            &rf.when,
            &format!("{fp}.when"),
            Scope {
                flags: i,
                ..after_profile
            },
        )?;
        flags.push(FlagRule {
            id: rf.id.clone(),
            label: rf.label.clone(),
            when,
        });
    }
    let all_flags = flags.len();

    // Needs, each reading every flag and only earlier needs.
    let mut needs = Vec::new();
    for (i, rn) in raw.needs.iter().enumerate() {
        let np = format!("$.needs[{i}]");
        let scope = Scope {
            flags: all_flags,
            needs: i,
            ..after_profile
        };
        text(&rn.label, &format!("{np}.label"))?;
        text(&rn.reason, &format!("{np}.reason"))?;
        text(&rn.sheet, &format!("{np}.sheet"))?;
        let when = checker.clauses(&rn.when, &format!("{np}.when"), scope)?;
        if rn.thematiques.is_empty() {
            return Err(Error::questionnaire(
                format!("{np}.thematiques"),
                "a need looks for at least one thématique",
            ));
        }
        checker.thematiques(&rn.thematiques, &format!("{np}.thematiques"))?;
        checker.types(&rn.types, &format!("{np}.types"))?;
        checker.networks(&rn.networks, &format!("{np}.networks"))?;
        let mut extra = Vec::new();
        for (j, re) in rn.extra.iter().enumerate() {
            let ep = format!("{np}.extra[{j}]");
            let condition = checker.condition(&re.condition, &format!("{ep}.if"), scope)?;
            checker.thematiques(&re.thematiques, &format!("{ep}.thematiques"))?;
            checker.networks(&re.networks, &format!("{ep}.networks"))?;
            extra.push(NeedExtra {
                condition,
                thematiques: re.thematiques.clone(),
                networks: re.networks.clone(),
            });
        }
        let also = match &rn.also {
            Some(ra) => {
                let ap = format!("{np}.also");
                text(&ra.label, &format!("{ap}.label"))?;
                if ra.thematiques.is_empty() {
                    return Err(Error::questionnaire(
                        format!("{ap}.thematiques"),
                        "\"also\" looks for at least one thématique",
                    ));
                }
                checker.thematiques(&ra.thematiques, &format!("{ap}.thematiques"))?;
                checker.networks(&ra.networks, &format!("{ap}.networks"))?;
                checker.types(&ra.types, &format!("{ap}.types"))?;
                Some(AlsoCriteria {
                    label: ra.label.clone(),
                    thematiques: ra.thematiques.clone(),
                    networks: ra.networks.clone(),
                    types: ra.types.clone(),
                })
            }
            None => None,
        };
        needs.push(NeedRule {
            code: rn.code.clone(),
            label: rn.label.clone(),
            when,
            thematiques: rn.thematiques.clone(),
            types: rn.types.clone(),
            networks: rn.networks.clone(),
            prefer_free: rn.prefer_free,
            referral: rn.referral,
            extra,
            also,
            reason: rn.reason.clone(),
            sheet: rn.sheet.clone(),
        });
    }

    // Format rule.
    let fr = &raw.format_rule;
    text(&fr.label, "$.format_rule.label")?;
    let condition = checker.condition(
        &fr.condition,
        "$.format_rule.if",
        Scope {
            flags: all_flags,
            ..after_profile
        },
    )?;
    checker.types(&fr.group_types, "$.format_rule.group_types")?;
    checker.types(
        std::slice::from_ref(&fr.replacement),
        "$.format_rule.replacement",
    )?;
    let format_rule = FormatRule {
        condition,
        group_types: fr.group_types.clone(),
        replacement: fr.replacement.clone(),
        label: fr.label.clone(),
    };

    Ok(Questionnaire {
        id: raw.id,
        version: raw.version,
        title: raw.title,
        not_answered: raw.not_answered,
        sections,
        dimensions: raw.dimensions,
        derived,
        profile,
        flags,
        needs,
        format_rule,
        engine: Arc::new(EngineHandle(engine)),
        index,
        visibility_order,
    })
}
