//! Conditions as data: JsonLogic expressions compiled once by `datalogic-rs` and evaluated against
//! the diagnostic's context. This module also lists the variables an expression reads, so the
//! loader can refuse a condition that names a missing question or flag.

use std::sync::Arc;

use datalogic_rs::bumpalo::Bump;
use datalogic_rs::datavalue::NumberValue;
use datalogic_rs::{DataValue, Engine, EvalInput, Logic};
use serde_json::Value;

use crate::error::{Error, Result};

/// A compiled JsonLogic expression with the variables it reads.
#[derive(Clone)]
pub struct Condition {
    path: String,
    compiled: Arc<Logic>,
    vars: Vec<String>,
}

impl std::fmt::Debug for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Condition")
            .field("path", &self.path)
            .field("vars", &self.vars)
            .finish()
    }
}

impl Condition {
    /// Compiles `source`, found at JSON path `path` of the questionnaire.
    pub fn compile(engine: &Engine, source: &Value, path: &str) -> Result<Self> {
        let mut vars = Vec::new();
        collect_vars(source, &mut vars).map_err(|reason| Error::questionnaire(path, reason))?;
        let compiled = engine
            .compile_arc(source)
            .map_err(|e| Error::questionnaire(path, format!("not a valid JsonLogic rule ({e})")))?;
        Ok(Self {
            path: path.to_owned(),
            compiled,
            vars,
        })
    }

    /// Where the condition was found in the questionnaire.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The variable names the expression reads, e.g. `s_urgent` or `levels.D`.
    pub fn vars(&self) -> &[String] {
        &self.vars
    }

    /// Evaluates the expression against `data` and returns an owned JSON value.
    pub fn value(&self, engine: &Engine, data: &Context<'_>) -> Result<Value> {
        let result = engine
            .evaluate(&self.compiled, data.value, data.arena)
            .map_err(|e| Error::Evaluation {
                path: self.path.clone(),
                reason: e.to_string(),
            })?;
        serde_json::to_value(result).map_err(|e| Error::Evaluation {
            path: self.path.clone(),
            reason: e.to_string(),
        })
    }

    /// Evaluates the expression as a condition, with JsonLogic truthiness.
    pub fn holds(&self, engine: &Engine, data: &Context<'_>) -> Result<bool> {
        let result = engine
            .evaluate(&self.compiled, data.value, data.arena)
            .map_err(|e| Error::Evaluation {
                path: self.path.clone(),
                reason: e.to_string(),
            })?;
        Ok(engine.truthy(result))
    }
}

/// A context converted once into the evaluator's arena, so many conditions read it without copying.
pub struct Context<'a> {
    value: &'a DataValue<'a>,
    arena: &'a Bump,
}

impl<'a> Context<'a> {
    /// Converts `data` into `arena`.
    pub fn new(data: &'a Value, arena: &'a Bump) -> Result<Self> {
        let value = data
            .into_arena_value(arena)
            .map_err(|e| Error::Evaluation {
                path: "context".into(),
                reason: e.to_string(),
            })?;
        Ok(Self { value, arena })
    }
}

/// A variable's name in [`Vars`]: top-level (`s_urgent`, `equipment`) or inside a group
/// (`flags.urgence` is `Grouped("flags", "urgence")`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name<'q> {
    Top(&'q str),
    Grouped(&'static str, &'q str),
}

impl Name<'_> {
    /// Whether a condition's variable (`flags.urgence`) names this.
    pub fn is(&self, var: &str) -> bool {
        match *self {
            Name::Top(key) => var == key,
            Name::Grouped(group, key) => var.split_once('.') == Some((group, key)),
        }
    }
}

/// The evaluation context as the engine builds it: variables in insertion order, with groups
/// (`levels`, `flags`, `needs`) as nested objects. It converts into the evaluator's arena without
/// sorting or copying strings, which keeps one diagnostic's evaluation in microseconds.
#[derive(Debug, Default, Clone)]
pub struct Vars<'q> {
    top: Vec<(&'q str, Value)>,
    groups: Vec<(&'static str, Vec<(&'q str, Value)>)>,
}

impl<'q> Vars<'q> {
    /// Sets (or replaces) a variable.
    pub fn set(&mut self, name: Name<'q>, value: Value) {
        let (entries, key) = match name {
            Name::Top(key) => (&mut self.top, key),
            Name::Grouped(group, key) => {
                let at = match self.groups.iter().position(|(g, _)| *g == group) {
                    Some(at) => at,
                    None => {
                        self.groups.push((group, Vec::new()));
                        self.groups.len() - 1
                    }
                };
                (&mut self.groups[at].1, key)
            }
        };
        match entries.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => entries.push((key, value)),
        }
    }

    /// Appends a top-level variable known not to be set yet (the questionnaire's unique ids).
    pub fn push(&mut self, key: &'q str, value: Value) {
        debug_assert!(self.get(key).is_none(), "{key} is set twice");
        self.top.push((key, value));
    }

    /// Starts an empty group (so reading `flags.x` before any flag is set gives null).
    pub fn group(&mut self, group: &'static str) {
        if !self.groups.iter().any(|(g, _)| *g == group) {
            self.groups.push((group, Vec::new()));
        }
    }

    /// Removes a top-level variable.
    pub fn remove(&mut self, key: &str) {
        self.top.retain(|(k, _)| *k != key);
    }

    /// A variable by its condition name (`equipment`, `levels.D`).
    pub fn get(&self, var: &str) -> Option<&Value> {
        let grouped = var.split_once('.').and_then(|(group, key)| {
            let (_, entries) = self.groups.iter().find(|(g, _)| *g == group)?;
            Some(entries.iter().find(|(k, _)| *k == key).map(|(_, v)| v))
        });
        if let Some(found) = grouped {
            return found;
        }
        self.top.iter().find(|(k, _)| *k == var).map(|(_, v)| v)
    }
}

fn leaf<'a>(value: &'a Value, arena: &'a Bump) -> DataValue<'a> {
    match value {
        Value::Null => DataValue::Null,
        Value::Bool(b) => DataValue::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => DataValue::Number(NumberValue::Integer(i)),
            None => DataValue::Number(NumberValue::Float(n.as_f64().unwrap_or(f64::NAN))),
        },
        Value::String(s) => DataValue::String(s),
        Value::Array(items) => {
            DataValue::Array(arena.alloc_slice_fill_iter(items.iter().map(|i| leaf(i, arena))))
        }
        Value::Object(map) => DataValue::Object(
            arena.alloc_slice_fill_iter(map.iter().map(|(k, v)| (k.as_str(), leaf(v, arena)))),
        ),
    }
}

impl<'a> Context<'a> {
    /// Builds the context of `vars` in `arena`, borrowing its strings.
    pub fn from_vars(vars: &'a Vars<'_>, arena: &'a Bump) -> Self {
        let top = vars.top.len();
        let pairs = arena.alloc_slice_fill_with(top + vars.groups.len(), |i| {
            if i < top {
                let (k, v) = &vars.top[i];
                (*k, leaf(v, arena))
            } else {
                let (group, entries) = &vars.groups[i - top];
                let object = arena.alloc_slice_fill_with(entries.len(), |j| {
                    (entries[j].0, leaf(&entries[j].1, arena))
                });
                (*group, DataValue::Object(object))
            }
        });
        let value = arena.alloc(DataValue::Object(pairs));
        Self { value, arena }
    }
}

fn collect_vars(value: &Value, out: &mut Vec<String>) -> std::result::Result<(), String> {
    match value {
        Value::Object(map) => {
            for (key, arg) in map {
                if key == "var" {
                    let name = match arg {
                        Value::String(s) => s.clone(),
                        Value::Array(items) => match items.first() {
                            Some(Value::String(s)) => s.clone(),
                            _ => return Err("a \"var\" must name a variable".into()),
                        },
                        _ => return Err("a \"var\" must name a variable".into()),
                    };
                    if name.is_empty() {
                        return Err("a \"var\" with an empty name reads the whole context".into());
                    }
                    if !out.contains(&name) {
                        out.push(name);
                    }
                } else {
                    collect_vars(arg, out)?;
                }
            }
            Ok(())
        }
        Value::Array(items) => items.iter().try_for_each(|item| collect_vars(item, out)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn holds(rule: Value, data: Value) -> bool {
        let engine = Engine::new();
        let condition = Condition::compile(&engine, &rule, "$.test").unwrap();
        let arena = Bump::new();
        let ctx = Context::new(&data, &arena).unwrap();
        condition.holds(&engine, &ctx).unwrap()
    }

    #[test]
    fn a_context_from_vars_reads_like_the_same_json() {
        let engine = Engine::new();
        let mut vars = Vars::default();
        vars.set(Name::Top("s_domains"), json!(["papiers", "argent"]));
        vars.set(Name::Grouped("levels", "D"), json!(1));
        vars.set(Name::Grouped("flags", "isole"), json!(true));
        vars.set(Name::Grouped("flags", "isole"), json!(false));
        let rule = json!({"and": [{"in": ["argent", {"var": "s_domains"}]}, {"in": [{"var": "levels.D"}, [0, 1]]}, {"!": {"var": "flags.isole"}}]});
        let c = Condition::compile(&engine, &rule, "$.x").unwrap();
        let arena = Bump::new();
        assert!(
            c.holds(&engine, &Context::from_vars(&vars, &arena))
                .unwrap(),
            "the later value of a variable replaces the earlier"
        );
        assert_eq!(vars.get("levels.D"), Some(&json!(1)));
        assert!(
            Name::Grouped("flags", "isole").is("flags.isole")
                && !Name::Top("isole").is("flags.isole")
        );
    }

    #[test]
    fn vars_are_listed_once_each_including_nested_ones() {
        let engine = Engine::new();
        let rule = json!({"and": [{"var": "a"}, {"or": [{"var": "levels.D"}, {"var": ["a", 0]}]}]});
        let c = Condition::compile(&engine, &rule, "$.x").unwrap();
        assert_eq!(
            c.vars(),
            ["a", "levels.D"],
            "each variable read must be listed once"
        );
    }

    #[test]
    fn a_level_tested_against_a_literal_list_is_false_when_undetermined() {
        // datalogic-rs compares loosely (null <= 1 holds), so the questionnaire uses `in`.
        let rule = json!({"in": [{"var": "levels.D"}, [0, 1]]});
        assert!(
            !holds(rule.clone(), json!({"levels": {"D": null}})),
            "null never counts as 0"
        );
        assert!(holds(rule.clone(), json!({"levels": {"D": 0}})));
        assert!(!holds(rule, json!({"levels": {"D": 2}})));
    }

    #[test]
    fn in_reads_a_value_among_literals() {
        let rule = json!({"in": [{"var": "x"}, ["difficult", "no"]]});
        assert!(holds(rule.clone(), json!({"x": "no"})));
        assert!(!holds(rule.clone(), json!({"x": "yes"})));
        assert!(!holds(rule, json!({"x": null})));
    }

    #[test]
    fn answered_no_is_told_apart_from_not_answered_with_in() {
        let rule = json!({"in": [{"var": "c_address"}, [false]]});
        assert!(
            !holds(rule.clone(), json!({"c_address": null})),
            "null is not a 'no' answer"
        );
        assert!(holds(rule, json!({"c_address": false})));
    }
}
