//! Checking directory rows against the national data·inclusion v1 JSON Schemas (shipped in
//! `assets/data-inclusion/schema/`, embedded at build) with the `jsonschema` crate: a rejected row
//! is reported with its id and the first reason, valid rows come back parsed. Pure: no I/O.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Serialize;
use serde_json::Value;

use super::{Service, Structure};

/// The national JSON Schema of a structure.
pub const STRUCTURE_SCHEMA: &str =
    include_str!("../../../assets/data-inclusion/schema/structure.json");
/// The national JSON Schema of a service.
pub const SERVICE_SCHEMA: &str = include_str!("../../../assets/data-inclusion/schema/service.json");

static STRUCTURE_VALIDATOR: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| validator(STRUCTURE_SCHEMA));
static SERVICE_VALIDATOR: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| validator(SERVICE_SCHEMA));

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
    /// Why, as a code with its values for the app's catalogue; its `Display` is the English
    /// sentence the command line prints.
    pub problem: RowProblem,
}

/// Why a directory row is refused. `field` is the path of the value at fault inside the row
/// (`nom`, `thematiques/2`), as the data·inclusion schema names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RowProblem {
    #[error("{field}: this field is required")]
    MissingField { field: String },
    #[error("{field}: expected {expected}")]
    WrongType { field: String, expected: String },
    #[error("{field}: \"{value}\" is not one of the schema's values")]
    NotInList { field: String, value: String },
    #[error("{field}: not a valid {format}")]
    BadFormat { field: String, format: String },
    #[error("{field}: \"{value}\" does not have the expected form")]
    BadPattern { field: String, value: String },
    #[error("{field}: at least {min} character(s)")]
    TooShort { field: String, min: u64 },
    #[error("{field}: at least {min} item(s)")]
    TooFew { field: String, min: u64 },
    #[error("{field}: at most {max} character(s)")]
    TooLong { field: String, max: u64 },
    #[error("{field}: the same value is given twice")]
    Repeated { field: String },
    #[error("{field}: {detail}")]
    Invalid { field: String, detail: String },
    #[error("the row cannot be read: {detail}")]
    Unreadable { detail: String },
    #[error("the same id appears twice in this file")]
    DuplicateId,
    #[error("structure_id \"{structure_id}\" is not a valid structure of this import")]
    UnknownStructure { structure_id: String },
}

fn row_id(row: &Value, index: usize) -> String {
    row.get("id")
        .and_then(Value::as_str)
        .map_or_else(|| format!("#{}", index + 1), str::to_owned)
}

/// The row's first schema violation, if any.
fn schema_error(validator: &jsonschema::Validator, row: &Value) -> Option<RowProblem> {
    validator.iter_errors(row).next().map(|e| row_problem(&e))
}

/// A value as the person typed it, cut short: an error names it, never quotes a whole text.
fn shown(value: &Value) -> String {
    let text = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned);
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

fn row_problem(e: &jsonschema::ValidationError<'_>) -> RowProblem {
    use jsonschema::JsonType;
    use jsonschema::error::{TypeKind, ValidationErrorKind as Kind};
    let field = e
        .instance_path
        .to_string()
        .trim_start_matches('/')
        .to_owned();
    match &e.kind {
        Kind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            RowProblem::MissingField {
                field: if field.is_empty() {
                    name.to_owned()
                } else {
                    format!("{field}/{name}")
                },
            }
        }
        Kind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => Some(*t),
                TypeKind::Multiple(set) => set.iter().find(|t| *t != JsonType::Null),
            };
            RowProblem::WrongType {
                field,
                expected: expected.map_or_else(|| "null".to_owned(), |t| t.to_string()),
            }
        }
        Kind::Enum { .. } | Kind::Constant { .. } => RowProblem::NotInList {
            field,
            value: shown(&e.instance),
        },
        Kind::Format { format } => RowProblem::BadFormat {
            field,
            format: format.clone(),
        },
        Kind::Pattern { .. } => RowProblem::BadPattern {
            field,
            value: shown(&e.instance),
        },
        Kind::MinLength { limit } => RowProblem::TooShort { field, min: *limit },
        Kind::MinItems { limit } => RowProblem::TooFew { field, min: *limit },
        Kind::MaxLength { limit } => RowProblem::TooLong { field, max: *limit },
        Kind::UniqueItems => RowProblem::Repeated { field },
        // Nullable values are written `anyOf: [{…}, {"type": "null"}]`: the branch that says
        // what the value should be is the one that does not merely ask for null.
        Kind::AnyOf { context } => context
            .iter()
            .filter_map(|branch| branch.first())
            .find(|first| {
                !matches!(
                    first.kind,
                    Kind::Type {
                        kind: TypeKind::Single(JsonType::Null)
                    }
                )
            })
            .map_or_else(
                || RowProblem::Invalid {
                    field: field.clone(),
                    detail: e.to_string(),
                },
                |first| row_problem(first),
            ),
        _ => RowProblem::Invalid {
            field,
            detail: e.to_string(),
        },
    }
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
            (!seen.insert(key)).then_some(RowProblem::DuplicateId)
        });
        match reason.map_or_else(
            || serde_json::from_value::<Structure>(row.clone()).map_err(parse_problem),
            Err,
        ) {
            Ok(s) => good_structures.push((s, row.to_string())),
            Err(problem) => rejected.push(Rejected {
                kind: "structure",
                id,
                problem,
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
            (!seen.insert(key)).then_some(RowProblem::DuplicateId)
        });
        let parsed = reason.map_or_else(
            || serde_json::from_value::<Service>(row.clone()).map_err(parse_problem),
            Err,
        );
        match parsed {
            Ok(s) if !known.contains(&(s.source.as_str(), s.structure_id.as_str())) => rejected
                .push(Rejected {
                    kind: "service",
                    id,
                    problem: RowProblem::UnknownStructure {
                        structure_id: s.structure_id,
                    },
                }),
            Ok(s) => good_services.push((s, row.to_string())),
            Err(problem) => rejected.push(Rejected {
                kind: "service",
                id,
                problem,
            }),
        }
    }
    (good_structures, good_services, rejected)
}

/// A row the schema accepts but the model cannot read (the schema and the model disagree).
fn parse_problem(e: serde_json::Error) -> RowProblem {
    RowProblem::Unreadable {
        detail: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn structure(extra: Value) -> Value {
        let mut row = json!({
            "source": "test", "id": "s-1", "nom": "Maison fictive", "date_maj": "2026-10-01",
        });
        row.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        row
    }

    fn problem_of(row: Value) -> RowProblem {
        let (_, _, rejected) = check_rows(&[row], &[]);
        rejected
            .into_iter()
            .next()
            .expect("the row is refused")
            .problem
    }

    #[test]
    fn each_kind_of_schema_error_becomes_a_problem_naming_its_field() {
        assert_eq!(
            problem_of(structure(json!({"telephone": 412}))),
            RowProblem::WrongType {
                field: "telephone".into(),
                expected: "string".into()
            },
            "a nullable field's expected type is the non-null one"
        );
        assert_eq!(
            problem_of(structure(json!({"courriel": "pas une adresse"}))),
            RowProblem::BadFormat {
                field: "courriel".into(),
                format: "email".into()
            }
        );
        assert_eq!(
            problem_of(json!({"source": "test", "id": "s-1", "date_maj": "2026-10-01"})),
            RowProblem::MissingField {
                field: "nom".into()
            }
        );
    }

    #[test]
    fn a_value_is_named_as_typed_and_cut_short() {
        let long = shown(&json!("x".repeat(500)));
        assert_eq!(
            long.chars().count(),
            61,
            "sixty characters and an ellipsis: {long}"
        );
        assert_eq!(
            shown(&json!("é".repeat(60))),
            "é".repeat(60),
            "cut on characters, not bytes"
        );
        assert_eq!(shown(&json!(6900)), "6900", "a number as written");
    }

    #[test]
    fn the_same_id_twice_is_refused_the_second_time() {
        let row = structure(json!({}));
        let (kept, _, rejected) = check_rows(&[row.clone(), row], &[]);
        assert_eq!(kept.len(), 1);
        assert_eq!(rejected[0].problem, RowProblem::DuplicateId);
        assert_eq!(
            rejected[0].problem.to_string(),
            "the same id appears twice in this file"
        );
    }
}
