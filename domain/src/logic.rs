//! Conditions as data: JsonLogic expressions compiled once by `datalogic-rs` and evaluated against
//! the diagnostic's context. This module also lists the variables an expression reads, so the
//! loader can refuse a condition that names a missing question or flag.

use std::sync::Arc;

use datalogic_rs::bumpalo::Bump;
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
