//! Exports of completed diagnostics: CSV (RFC 4180, UTF-8, comma or the semicolon French Excel
//! expects) and JSON, with stable column names. No first name and no sensitive item ever leaves
//! the device through an export.

use std::io::Write;

use serde_json::{Value, json};

use aiguillage_domain::Questionnaire;

use crate::error::{Error, Result};
use crate::store::{Filter, Store, StoredDiagnostic};

/// The fixed leading columns of the CSV export; one `q_<question id>` column per question follows.
pub const CSV_COLUMNS: [&str; 20] = [
    "id",
    "questionnaire",
    "version",
    "started_at",
    "completed_at",
    "age_band",
    "commune",
    "profile",
    "level_F",
    "level_M",
    "level_D",
    "level_J",
    "level_X",
    "equipment",
    "connection",
    "contract_blocked",
    "flags",
    "needs",
    "follow_up",
    "revision",
];

fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| cell(Some(i)))
            .collect::<Vec<_>>()
            .join("|"),
        Some(other) => other.to_string(),
    }
}

fn exported_questions(questionnaire: &Questionnaire) -> Vec<&str> {
    questionnaire
        .questions()
        .filter(|q| !q.sensitive)
        .map(|q| q.id.as_str())
        .collect()
}

/// Writes every diagnostic matching `filter` as CSV to `out`; `separator` is `,` or `;`.
pub fn csv(
    store: &Store,
    questionnaire: &Questionnaire,
    filter: &Filter,
    separator: u8,
    out: impl Write,
) -> Result<u64> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(separator)
        .from_writer(out);
    let questions = exported_questions(questionnaire);
    let header: Vec<String> = CSV_COLUMNS
        .iter()
        .map(|c| (*c).to_owned())
        .chain(questions.iter().map(|q| format!("q_{q}")))
        .collect();
    let fail = |e: csv::Error| Error::BadInput(format!("the CSV export could not be written: {e}"));
    writer.write_record(&header).map_err(fail)?;
    let mut count = 0;
    store.for_each_diagnostic(filter, |d| {
        let levels = d.result.get("levels");
        let level = |code: &str| cell(levels.and_then(|l| l.get(code)));
        let mut record = vec![
            d.id.clone(),
            d.questionnaire.clone(),
            d.version.to_string(),
            d.started_at.clone(),
            d.completed_at.clone(),
            d.age_band.clone().unwrap_or_default(),
            d.commune.clone().unwrap_or_default(),
            d.profile.clone(),
            level("F"),
            level("M"),
            level("D"),
            level("J"),
            level("X"),
            cell(d.result.get("equipment")),
            cell(d.result.get("connection")),
            cell(d.result.get("contract_blocked")),
            d.flags.join("|"),
            d.needs.join("|"),
            d.follow_up.clone(),
            d.revision.to_string(),
        ];
        record.extend(questions.iter().map(|q| cell(d.answers.get(*q))));
        writer.write_record(&record).map_err(fail)?;
        count += 1;
        Ok(())
    })?;
    writer
        .flush()
        .map_err(|e| Error::BadInput(format!("the CSV export could not be written: {e}")))?;
    Ok(count)
}

fn json_record(questionnaire: &Questionnaire, d: &StoredDiagnostic) -> Value {
    let answers: serde_json::Map<String, Value> = d
        .answers
        .iter()
        .filter(|(id, _)| questionnaire.question(id).is_some_and(|q| !q.sensitive))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    json!({
        "id": d.id, "questionnaire": d.questionnaire, "version": d.version,
        "started_at": d.started_at, "completed_at": d.completed_at,
        "age_band": d.age_band, "commune": d.commune,
        "profile": d.profile, "levels": d.result.get("levels"),
        "equipment": d.result.get("equipment"), "connection": d.result.get("connection"),
        "contract_blocked": d.result.get("contract_blocked"),
        "flags": d.flags, "needs": d.needs, "follow_up": d.follow_up, "revision": d.revision,
        "answers": answers,
    })
}

/// Writes every diagnostic matching `filter` as one JSON array to `out`, streaming.
pub fn json(
    store: &Store,
    questionnaire: &Questionnaire,
    filter: &Filter,
    mut out: impl Write,
) -> Result<u64> {
    let fail =
        |e: std::io::Error| Error::BadInput(format!("the JSON export could not be written: {e}"));
    out.write_all(b"[").map_err(fail)?;
    let mut count = 0u64;
    store.for_each_diagnostic(filter, |d| {
        if count > 0 {
            out.write_all(b",\n").map_err(fail)?;
        }
        serde_json::to_writer(&mut out, &json_record(questionnaire, &d))
            .map_err(|e| Error::BadInput(format!("the JSON export could not be written: {e}")))?;
        count += 1;
        Ok(())
    })?;
    out.write_all(b"]\n").map_err(fail)?;
    out.flush().map_err(fail)?;
    Ok(count)
}
