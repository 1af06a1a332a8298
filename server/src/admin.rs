//! What a coordinator does to the server, whether from the host's command line or the web
//! console: create a centre, make enrolment codes, publish a questionnaire version or a centre's
//! directory, export the records. Bad input is a [`StoreError::Invalid`] in one sentence.

use std::collections::HashSet;

use aiguillage_domain::directory::validation::{Rejected, check_rows};
use serde_json::Value;

use crate::credentials;
use crate::now;
use crate::storage::{Centre, Storage, StoreError, StoreResult, StoredRecord};

/// The longest centre name.
const CENTRE_NAME_CHARS: usize = 150;
/// How long an enrolment code may stay valid, in hours (a week).
pub const MAX_CODE_HOURS: i64 = 24 * 7;
/// The most codes made at once.
pub const MAX_CODES: u32 = 10_000;
/// Services published in one change, so a device's pulls stay small.
const DIRECTORY_PAGE: usize = 500;

/// Creates a centre named `name` (trimmed, 1 to 150 characters). In this module, `by` is who
/// acts, as the audit trail names them.
pub async fn create_centre<S: Storage>(storage: &S, name: &str, by: &str) -> StoreResult<Centre> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > CENTRE_NAME_CHARS {
        return Err(StoreError::Invalid(format!(
            "the centre name must have between 1 and {CENTRE_NAME_CHARS} characters"
        )));
    }
    storage
        .create_centre(name.to_owned(), by.to_owned(), now())
        .await
}

/// Single-use enrolment codes for a centre and until when they are valid.
#[derive(Debug, Clone)]
pub struct Codes {
    pub codes: Vec<String>,
    pub expires_at: String,
}

/// Makes `count` single-use enrolment codes for `centre_id`, valid `hours` hours; only their
/// hashes are stored.
pub async fn enrolment_codes<S: Storage>(
    storage: &S,
    centre_id: &str,
    hours: i64,
    count: u32,
    by: &str,
) -> StoreResult<Codes> {
    if !(1..=MAX_CODE_HOURS).contains(&hours) {
        return Err(StoreError::Invalid(format!(
            "the codes must stay valid between 1 and {MAX_CODE_HOURS} hours"
        )));
    }
    if !(1..=MAX_CODES).contains(&count) {
        return Err(StoreError::Invalid(format!(
            "the number of codes must be between 1 and {MAX_CODES}"
        )));
    }
    centre(storage, centre_id).await?;
    let expires_at =
        aiguillage_domain::time::stamp(chrono::Utc::now() + chrono::Duration::hours(hours));
    let mut codes = Vec::new();
    for _ in 0..count {
        let code = credentials::new_enrolment_code();
        let hash = credentials::hash(&credentials::normalise_code(&code));
        storage
            .create_enrolment_code(
                centre_id.to_owned(),
                hash,
                expires_at.clone(),
                by.to_owned(),
                now(),
            )
            .await?;
        codes.push(code);
    }
    Ok(Codes { codes, expires_at })
}

/// The centre of this id.
pub async fn centre<S: Storage>(storage: &S, centre_id: &str) -> StoreResult<Centre> {
    storage
        .list_centres()
        .await?
        .into_iter()
        .find(|c| c.id == centre_id)
        .ok_or_else(|| StoreError::NotFound(format!("centre {centre_id}")))
}

/// Checks a questionnaire file's text and publishes it to every device; returns its
/// `id@version` and change number.
pub async fn publish_questionnaire<S: Storage>(
    storage: &S,
    text: &str,
    by: &str,
) -> StoreResult<(String, i64)> {
    let questionnaire = aiguillage_domain::Questionnaire::parse(text)
        .map_err(|e| StoreError::Invalid(e.to_string()))?;
    let value: Value =
        serde_json::from_str(text).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let version = format!("{}@{}", questionnaire.id, questionnaire.version);
    let payload = serde_json::json!({ "questionnaire": value }).to_string();
    let seq = storage
        .publish(
            None,
            "questionnaire".into(),
            Some(version.clone()),
            payload,
            by.to_owned(),
            now(),
        )
        .await?;
    Ok((version, seq))
}

/// What a directory import published.
#[derive(Debug)]
pub struct DirectoryImport {
    pub published: usize,
    pub rejected: Vec<Rejected>,
}

/// Checks a data·inclusion v1 dump (the texts of its structures and services files) and
/// publishes its valid rows to the devices of `centre_id`, in pages.
pub async fn publish_directory<S: Storage>(
    storage: &S,
    centre_id: &str,
    structures: &str,
    services: &str,
    by: &str,
) -> StoreResult<DirectoryImport> {
    let rows = |text: &str, what: &str| match serde_json::from_str(text) {
        Ok(Value::Array(rows)) => Ok(rows),
        _ => Err(StoreError::Invalid(format!(
            "the {what} file is not a JSON array of rows"
        ))),
    };
    let (structures, services) = (rows(structures, "structures")?, rows(services, "services")?);
    centre(storage, centre_id).await?;
    let (good_structures, good_services, rejected) = check_rows(&structures, &services);
    let raw = |text: &String| serde_json::from_str::<Value>(text).unwrap_or_default();
    let mut published = 0;
    for page in good_services.chunks(DIRECTORY_PAGE) {
        let owners: HashSet<(&str, &str)> = page
            .iter()
            .map(|(s, _)| (s.source.as_str(), s.structure_id.as_str()))
            .collect();
        let page_structures: Vec<Value> = good_structures
            .iter()
            .filter(|(s, _)| owners.contains(&(s.source.as_str(), s.id.as_str())))
            .map(|(_, text)| raw(text))
            .collect();
        let page_services: Vec<Value> = page.iter().map(|(_, text)| raw(text)).collect();
        let payload =
            serde_json::json!({ "structures": page_structures, "services": page_services });
        storage
            .publish(
                Some(centre_id.to_owned()),
                "directory".into(),
                None,
                payload.to_string(),
                by.to_owned(),
                now(),
            )
            .await?;
        published += page.len();
    }
    Ok(DirectoryImport {
        published,
        rejected,
    })
}

/// The codes of a stored result's list (`needs` holds objects with a `code`, or codes).
pub fn codes(list: &Value) -> Vec<&str> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().or_else(|| v["code"].as_str()))
                .collect()
        })
        .unwrap_or_default()
}

/// Writes every stored diagnostic as CSV (one line each, no answers).
pub fn export_records(
    records: &[StoredRecord],
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "centre_id",
        "device_id",
        "id",
        "received_at",
        "profile",
        "needs",
        "completed_at",
    ])?;
    for r in records {
        let body: Value = serde_json::from_str(&r.body).unwrap_or_default();
        writer.write_record([
            r.centre_id.as_str(),
            &r.device_id,
            &r.entity_id,
            &r.received_at,
            body["result"]["profile"].as_str().unwrap_or_default(),
            &codes(&body["result"]["needs"]).join("|"),
            body["completed_at"].as_str().unwrap_or_default(),
        ])?;
    }
    writer.flush()
}
