//! Checking directory rows against the national data·inclusion v1 JSON Schemas (shipped in
//! `assets/data-inclusion/schema/`, embedded at build) with the `jsonschema` crate: a rejected row
//! is reported with its id and the first reason, valid rows come back parsed. Pure: no I/O.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Serialize;
use serde_json::Value;

use super::{Service, Structure};

static STRUCTURE_VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    validator(include_str!(
        "../../../assets/data-inclusion/schema/structure.json"
    ))
});
static SERVICE_VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    validator(include_str!(
        "../../../assets/data-inclusion/schema/service.json"
    ))
});

fn validator(schema: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(schema).expect("the shipped schema is valid JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the shipped schema compiles")
}

/// A row that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    /// `structure` or `service`.
    pub kind: &'static str,
    /// The row's id, or its position when it has none.
    pub id: String,
    pub reason: String,
}

fn row_id(row: &Value, index: usize) -> String {
    row.get("id")
        .and_then(Value::as_str)
        .map_or_else(|| format!("#{}", index + 1), str::to_owned)
}

fn schema_error(validator: &jsonschema::Validator, row: &Value) -> Option<String> {
    validator.iter_errors(row).next().map(|e| {
        let at = e.instance_path.to_string();
        if at.is_empty() {
            e.to_string()
        } else {
            format!("{}: {e}", at.trim_start_matches('/'))
        }
    })
}

/// Checks `structures` and `services` rows; valid rows come back parsed with their JSON text.
#[allow(clippy::type_complexity)]
pub fn check_rows(
    structures: &[Value],
    services: &[Value],
) -> (
    Vec<(Structure, String)>,
    Vec<(Service, String)>,
    Vec<Rejected>,
) {
    let mut rejected = Vec::new();
    let mut good_structures = Vec::new();
    let mut seen = HashSet::new();
    for (i, row) in structures.iter().enumerate() {
        let id = row_id(row, i);
        let reason = schema_error(&STRUCTURE_VALIDATOR, row).or_else(|| {
            let key = (
                row["source"].as_str().unwrap_or_default().to_owned(),
                id.clone(),
            );
            (!seen.insert(key)).then(|| "the same id appears twice in this file".to_owned())
        });
        match reason.map_or_else(
            || serde_json::from_value::<Structure>(row.clone()).map_err(|e| e.to_string()),
            Err,
        ) {
            Ok(s) => good_structures.push((s, row.to_string())),
            Err(reason) => rejected.push(Rejected {
                kind: "structure",
                id,
                reason,
            }),
        }
    }
    let known: HashSet<(&str, &str)> = good_structures
        .iter()
        .map(|(s, _)| (s.source.as_str(), s.id.as_str()))
        .collect();
    let mut good_services = Vec::new();
    let mut seen = HashSet::new();
    for (i, row) in services.iter().enumerate() {
        let id = row_id(row, i);
        let reason = schema_error(&SERVICE_VALIDATOR, row).or_else(|| {
            let key = (
                row["source"].as_str().unwrap_or_default().to_owned(),
                id.clone(),
            );
            (!seen.insert(key)).then(|| "the same id appears twice in this file".to_owned())
        });
        let parsed = reason.map_or_else(
            || serde_json::from_value::<Service>(row.clone()).map_err(|e| e.to_string()),
            Err,
        );
        match parsed {
            Ok(s) if !known.contains(&(s.source.as_str(), s.structure_id.as_str())) => rejected
                .push(Rejected {
                    kind: "service",
                    id,
                    reason: format!(
                        "structure_id \"{}\" is not a valid structure of this import",
                        s.structure_id
                    ),
                }),
            Ok(s) => good_services.push((s, row.to_string())),
            Err(reason) => rejected.push(Rejected {
                kind: "service",
                id,
                reason,
            }),
        }
    }
    (good_structures, good_services, rejected)
}
