//! Exports of completed diagnostics: CSV (RFC 4180, UTF-8, comma or the semicolon French Excel
//! expects) and JSON, with stable column names. No first name and no sensitive item ever leaves
//! the device through an export.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;

use serde::Deserialize;
use serde_json::value::RawValue;

use serde_json::{Value, json};

use aiguillage_domain::Questionnaire;

use crate::error::{Error, Result};
use crate::store::diagnostics::codes;
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

/// A stored JSON value as a CSV cell, without building a `Value`: strings unquoted, arrays joined
/// with `|`, null empty, numbers and booleans as written.
fn raw_cell(raw: Option<&RawValue>) -> Cow<'_, str> {
    let Some(text) = raw.map(RawValue::get) else {
        return Cow::Borrowed("");
    };
    match text.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<Cow<'_, str>>(text).unwrap_or_default(),
        Some(b'[') => {
            let items: Vec<Cow<'_, str>> = serde_json::from_str(text).unwrap_or_default();
            Cow::Owned(items.join("|"))
        }
        _ if text == "null" => Cow::Borrowed(""),
        _ => Cow::Borrowed(text),
    }
}

/// The parts of a stored result the CSV reads, borrowed from its JSON.
#[derive(Deserialize, Default)]
struct ResultColumns<'a> {
    #[serde(borrow, default)]
    levels: HashMap<&'a str, Option<u8>>,
    #[serde(borrow, default)]
    equipment: Option<&'a RawValue>,
    #[serde(borrow, default)]
    connection: Option<&'a RawValue>,
    #[serde(borrow, default)]
    contract_blocked: Option<&'a RawValue>,
}

fn exported_questions(questionnaire: &Questionnaire) -> Vec<&str> {
    questionnaire
        .questions()
        .filter(|q| !q.sensitive)
        .map(|q| q.id.as_str())
        .collect()
}

/// Writes every diagnostic matching `filter` as CSV (RFC 4180: CRLF line ends, UTF-8) to `out`;
/// `separator` is `,` or `;`. With `;` (French Excel) the file starts with a UTF-8 byte order mark,
/// without which Excel reads accents wrongly. Streams borrowed rows: no per-row JSON tree.
pub fn csv(
    store: &Store,
    questionnaire: &Questionnaire,
    filter: &Filter,
    separator: u8,
    mut out: impl Write,
) -> Result<u64> {
    if separator == b';' {
        out.write_all("\u{feff}".as_bytes())
            .map_err(|e| Error::BadInput(format!("the CSV export could not be written: {e}")))?;
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(separator)
        .terminator(csv::Terminator::CRLF)
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
    store.for_each_raw_diagnostic(filter, |d| {
        let answers: HashMap<&str, &RawValue> = serde_json::from_str(d.answers).unwrap_or_default();
        let result: ResultColumns<'_> = serde_json::from_str(d.result).unwrap_or_default();
        let level = |code: &str| {
            let level = result.levels.get(code).copied().flatten();
            Cow::Owned(level.map_or_else(String::new, |l| l.to_string()))
        };
        let joined = |array: &str| Cow::Owned(codes(array).collect::<Vec<_>>().join("|"));
        let fixed = [
            Cow::Borrowed(d.id),
            Cow::Borrowed(d.questionnaire),
            Cow::Owned(d.version.to_string()),
            Cow::Borrowed(d.started_at),
            Cow::Borrowed(d.completed_at),
            Cow::Borrowed(d.age_band.unwrap_or_default()),
            Cow::Borrowed(d.commune.unwrap_or_default()),
            Cow::Borrowed(d.profile),
            level("F"),
            level("M"),
            level("D"),
            level("J"),
            level("X"),
            raw_cell(result.equipment),
            raw_cell(result.connection),
            raw_cell(result.contract_blocked),
            joined(d.flags),
            joined(d.needs),
            Cow::Borrowed(d.follow_up),
            Cow::Owned(d.revision.to_string()),
        ];
        for cell in &fixed {
            writer.write_field(cell.as_bytes()).map_err(fail)?;
        }
        for q in &questions {
            writer
                .write_field(raw_cell(answers.get(q).copied()).as_bytes())
                .map_err(fail)?;
        }
        writer.write_record(None::<&[u8]>).map_err(fail)?;
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
