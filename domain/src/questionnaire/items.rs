//! Checking the items of a questionnaire: choice options, the kind of each question with its
//! scale or pattern, and the order in which visibility conditions can be evaluated (no cycles).

use std::collections::HashMap;

use regex::Regex;

use super::load::{text, unique};
use super::raw::{RawChoice, RawQuestion};
use super::*;
use crate::error::{Error, Result};

pub(super) fn choice_options(raw: &[RawChoice], path: &str) -> Result<Vec<ChoiceOption>> {
    if raw.is_empty() {
        return Err(Error::questionnaire(path, "at least one option is needed"));
    }
    unique(
        raw.iter()
            .enumerate()
            .map(|(i, o)| (format!("{path}[{i}].value"), o.value.as_str())),
        "option value",
    )?;
    raw.iter()
        .enumerate()
        .map(|(i, o)| {
            text(&o.label, &format!("{path}[{i}].label"))?;
            Ok(ChoiceOption {
                value: o.value.clone(),
                label: o.label.clone(),
            })
        })
        .collect()
}

pub(super) fn question_kind(
    rq: &RawQuestion,
    qp: &str,
    scales: &HashMap<&str, Vec<ScaleOption>>,
) -> Result<QuestionKind> {
    let no_options = |what: &str| -> Result<()> {
        if rq.options.is_some() {
            return Err(Error::questionnaire(
                format!("{qp}.options"),
                format!("a {what} question takes no options"),
            ));
        }
        Ok(())
    };
    let kind = match rq.kind.as_str() {
        "bool" => {
            no_options("yes/no")?;
            QuestionKind::Bool
        }
        "choice" | "multi" => {
            let options = rq.options.as_deref().ok_or_else(|| {
                Error::questionnaire(format!("{qp}.options"), "a choice question needs options")
            })?;
            let options = choice_options(options, &format!("{qp}.options"))?;
            if rq.kind == "choice" {
                QuestionKind::Choice(options)
            } else {
                QuestionKind::Multi(options)
            }
        }
        "scale" => {
            if rq.options.is_some() {
                return Err(Error::questionnaire(
                    format!("{qp}.options"),
                    "a scale question takes its options from its scale, not its own",
                ));
            }
            let scale = rq.scale.as_deref().ok_or_else(|| {
                Error::questionnaire(format!("{qp}.scale"), "a scale question names its scale")
            })?;
            let options = scales.get(scale).ok_or_else(|| {
                Error::questionnaire(format!("{qp}.scale"), format!("\"{scale}\" is not a scale"))
            })?;
            QuestionKind::Scale {
                scale: scale.to_owned(),
                options: options.clone(),
            }
        }
        "text" => {
            no_options("text")?;
            let pattern = rq.pattern.as_deref().ok_or_else(|| {
                Error::questionnaire(format!("{qp}.pattern"), "a text question needs a pattern")
            })?;
            let pattern = Regex::new(pattern).map_err(|e| {
                Error::questionnaire(
                    format!("{qp}.pattern"),
                    format!("not a valid pattern ({e})"),
                )
            })?;
            QuestionKind::Text { pattern }
        }
        other => {
            return Err(Error::questionnaire(
                format!("{qp}.kind"),
                format!("\"{other}\" is not a kind (bool, choice, multi, scale, text)"),
            ));
        }
    };
    if rq.scale.is_some() && rq.kind != "scale" {
        return Err(Error::questionnaire(
            format!("{qp}.scale"),
            "only a scale question names a scale",
        ));
    }
    if rq.pattern.is_some() && rq.kind != "text" {
        return Err(Error::questionnaire(
            format!("{qp}.pattern"),
            "only a text question has a pattern",
        ));
    }
    Ok(kind)
}

/// The list a text question's answer is picked from, if it names one.
pub(super) fn lookup(rq: &RawQuestion, qp: &str) -> Result<Option<Lookup>> {
    let Some(name) = rq.lookup.as_deref() else {
        return Ok(None);
    };
    if rq.kind != "text" {
        return Err(Error::questionnaire(
            format!("{qp}.lookup"),
            "only a text question is picked from a list",
        ));
    }
    match name {
        "commune" => Ok(Some(Lookup::Commune)),
        other => Err(Error::questionnaire(
            format!("{qp}.lookup"),
            format!("\"{other}\" is not a list (commune)"),
        )),
    }
}

/// Orders questions so each visibility condition reads only questions placed before it; refuses a
/// cycle, naming one question in it.
pub(super) fn visibility_order(
    sections: &[Section],
    index: &HashMap<String, (usize, usize)>,
) -> Result<Vec<(usize, usize)>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Visiting,
        Done,
    }
    fn visit(
        at: (usize, usize),
        sections: &[Section],
        index: &HashMap<String, (usize, usize)>,
        marks: &mut HashMap<(usize, usize), Mark>,
        order: &mut Vec<(usize, usize)>,
    ) -> Result<()> {
        match marks.get(&at).copied().unwrap_or(Mark::New) {
            Mark::Done => return Ok(()),
            Mark::Visiting => {
                return Err(Error::questionnaire(
                    format!("$.sections[{}].questions[{}].visible_if", at.0, at.1),
                    format!(
                        "the visibility of \"{}\" depends on itself through other questions (a cycle)",
                        sections[at.0].questions[at.1].id
                    ),
                ));
            }
            Mark::New => {}
        }
        marks.insert(at, Mark::Visiting);
        if let Some(condition) = &sections[at.0].questions[at.1].visible_if {
            for var in condition.vars() {
                if let Some(&dep) = index.get(var) {
                    visit(dep, sections, index, marks, order)?;
                }
            }
        }
        marks.insert(at, Mark::Done);
        order.push(at);
        Ok(())
    }
    let mut marks = HashMap::new();
    let mut order = Vec::new();
    for (s, section) in sections.iter().enumerate() {
        for q in 0..section.questions.len() {
            visit((s, q), sections, index, &mut marks, &mut order)?;
        }
    }
    Ok(order)
}
