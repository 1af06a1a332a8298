//! What each operation of the protocol holds, checked by the server before anything of its batch
//! is stored: the entity and kind go together, and the body has that kind's shape (a diagnostic's
//! answers are the questionnaire's, for the version it names). A body the device replaced with
//! [`ERASED_BODY`] after erasing its record is always well formed.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::{ERASED_BODY, Entity, OpKind, WireOperation};
use crate::limits::OPERATION_BODY_BYTES;
use crate::{Answers, Questionnaire};

/// The most orientations one choice may hold (one a need; a questionnaire has far fewer needs).
const MAX_ORIENTATIONS: usize = 64;

/// The follow-up values a device records.
pub const FOLLOW_UPS: [&str; 3] = ["went", "did_not_go", "unknown"];

/// The questionnaire versions `operations` name in their diagnostics, to load before checking.
pub fn named_questionnaires(operations: &[WireOperation]) -> BTreeSet<(String, u32)> {
    /// The two fields read; the rest of the body is skipped, not built.
    #[derive(serde::Deserialize)]
    struct Names {
        questionnaire: String,
        version: u32,
    }
    operations
        .iter()
        .filter(|op| (op.entity, op.kind) == (Entity::Diagnostic, OpKind::Create))
        .filter_map(|op| serde_json::from_str::<Names>(&op.body).ok())
        .map(|n| (n.questionnaire, n.version))
        .collect()
}

/// `Ok` when `op`'s body is what its entity and kind hold; else one sentence naming its seq and
/// what is wrong. `questionnaire` gives the version a diagnostic names, when it is known.
pub fn check_shape<'q>(
    op: &WireOperation,
    questionnaire: &dyn Fn(&str, u32) -> Option<&'q Questionnaire>,
) -> Result<(), String> {
    let fault = |why: &str| format!("operation {} ({} of {}): {why}", op.seq, op.kind, op.entity);
    if op.body.len() > OPERATION_BODY_BYTES {
        return Err(fault(&format!(
            "its body is larger than {} KiB",
            OPERATION_BODY_BYTES / 1024
        )));
    }
    if op.body == ERASED_BODY {
        return Ok(());
    }
    let body: Map<String, Value> = match serde_json::from_str(&op.body) {
        Ok(Value::Object(body)) => body,
        _ => return Err(fault("its body is not a JSON object")),
    };
    match (op.entity, op.kind) {
        (Entity::Diagnostic, OpKind::Create) => diagnostic(&body, questionnaire),
        (Entity::AnonymousCount, OpKind::Create) => anonymous_count(&body),
        (Entity::Orientation, OpKind::Choose) => orientations(&body),
        (Entity::Diagnostic, OpKind::FollowUp) => match text(&body, "follow_up") {
            Some(v) if FOLLOW_UPS.contains(&v) => only(&body, &["follow_up"]),
            _ => Err(format!(
                "\"follow_up\" is not one of {}",
                FOLLOW_UPS.join(", ")
            )),
        },
        (Entity::Diagnostic, OpKind::Erase) => only(&body, &[]),
        (entity, kind) => Err(format!(
            "a {kind} of a {entity} is not an operation of the protocol"
        )),
    }
    .map_err(|why| fault(&why))
}

fn text<'a>(body: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    body.get(key).and_then(Value::as_str)
}

fn required<'a>(body: &'a Map<String, Value>, key: &str) -> Result<&'a str, String> {
    text(body, key)
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| format!("\"{key}\" is missing or not text"))
}

fn version(body: &Map<String, Value>) -> Result<u32, String> {
    body.get("version")
        .and_then(Value::as_u64)
        .and_then(|v| u32::try_from(v).ok())
        .filter(|v| *v >= 1)
        .ok_or_else(|| "\"version\" is missing or not a version number".to_owned())
}

/// `Ok` when `body` holds no key but `keys`.
fn only(body: &Map<String, Value>, keys: &[&str]) -> Result<(), String> {
    match body.keys().find(|k| !keys.contains(&k.as_str())) {
        Some(k) => Err(format!("\"{k}\" is not part of it")),
        None => Ok(()),
    }
}

/// An instant as stored (RFC 3339).
fn instant(body: &Map<String, Value>, key: &str) -> Result<(), String> {
    chrono::DateTime::parse_from_rfc3339(required(body, key)?)
        .map(|_| ())
        .map_err(|_| format!("\"{key}\" is not a date and time"))
}

fn diagnostic<'q>(
    body: &Map<String, Value>,
    questionnaire: &dyn Fn(&str, u32) -> Option<&'q Questionnaire>,
) -> Result<(), String> {
    only(
        body,
        &[
            "questionnaire",
            "version",
            "started_at",
            "completed_at",
            "answers",
            "result",
        ],
    )?;
    let (id, version) = (required(body, "questionnaire")?, version(body)?);
    instant(body, "started_at")?;
    instant(body, "completed_at")?;
    if !body.get("result").is_some_and(Value::is_object) {
        return Err("\"result\" is missing or not an object".into());
    }
    let Some(Value::Object(answers)) = body.get("answers") else {
        return Err("\"answers\" is missing or not an object".into());
    };
    let questionnaire = questionnaire(id, version).ok_or_else(|| {
        format!("it names questionnaire {id} version {version}, which this server does not know")
    })?;
    Answers::from_map(questionnaire, answers)
        .map(|_| ())
        .map_err(|e| format!("its answers are not those of {id} version {version}: {e}"))
}

fn anonymous_count(body: &Map<String, Value>) -> Result<(), String> {
    only(
        body,
        &[
            "questionnaire",
            "version",
            "completed_on",
            "profile",
            "needs",
        ],
    )?;
    required(body, "questionnaire")?;
    version(body)?;
    required(body, "profile")?;
    let day = required(body, "completed_on")?;
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map_err(|_| "\"completed_on\" is not a date".to_owned())?;
    match body.get("needs") {
        Some(Value::Array(needs)) if needs.iter().all(Value::is_string) => Ok(()),
        _ => Err("\"needs\" is missing or not a list of codes".into()),
    }
}

fn orientations(body: &Map<String, Value>) -> Result<(), String> {
    only(body, &["orientations"])?;
    let Some(Value::Array(list)) = body.get("orientations") else {
        return Err("\"orientations\" is missing or not a list".into());
    };
    if list.len() > MAX_ORIENTATIONS {
        return Err(format!(
            "it holds more than {MAX_ORIENTATIONS} orientations"
        ));
    }
    for (i, item) in list.iter().enumerate() {
        let Value::Object(o) = item else {
            return Err(format!("orientation {} is not an object", i + 1));
        };
        let named = |key: &str| required(o, key).map_err(|e| format!("orientation {}: {e}", i + 1));
        named("need")?;
        named("service_id")?;
        named("structure_id")?;
        named("source")?;
        if !o.get("snapshot").is_some_and(Value::is_object) {
            return Err(format!(
                "orientation {}: \"snapshot\" is not an object",
                i + 1
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
