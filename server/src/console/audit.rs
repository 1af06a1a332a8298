//! The audit trail in words, for the network's coordinator: who (an account, a device by its
//! name, the server), what, and about what (a centre, a device, a questionnaire version; a record
//! only by the start of its number).

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::pages::{names, visible_centres, visible_devices};
use super::{Failure, Frame, Signed, html};
use crate::storage::console::ConsoleStorage;

/// A line of the log, in words: who, what, and about what (a centre, a device, a questionnaire
/// version by name; a record only by the start of its number).
pub struct AuditLine {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub about: String,
}

#[derive(Template)]
#[template(path = "console/audit.html")]
struct AuditPage<'a> {
    f: &'a Frame,
    lines: Vec<AuditLine>,
}

pub async fn audit<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
) -> Result<Response, Failure> {
    signed.network_only()?;
    let t = signed.frame.t;
    let centres = names(&visible_centres(&storage, &signed).await?);
    let devices: HashMap<String, String> = visible_devices(&storage, &signed)
        .await?
        .into_iter()
        .map(|d| {
            let centre = centres.get(&d.centre_id).cloned().unwrap_or_default();
            let name = t.with("audit-device", &[("name", &d.name), ("centre", &centre)]);
            (d.id, name)
        })
        .collect();
    let about = |id: &str| -> String {
        if let Some(name) = centres.get(id).or_else(|| devices.get(id)) {
            return name.clone();
        }
        if let Some((_, version)) = id.split_once('@') {
            return t.arg("audit-questionnaire", "version", version);
        }
        if uuid::Uuid::parse_str(id).is_ok() {
            return t.arg(
                "audit-record",
                "number",
                &id.chars().take(8).collect::<String>(),
            );
        }
        // Account names, and the retention periods' "periods" (said by the action already).
        if id == "periods" {
            String::new()
        } else {
            id.to_owned()
        }
    };
    let lines = storage
        .audit_trail(300)
        .await
        .map_err(|e| Failure::store(&signed.frame, e))?
        .into_iter()
        .map(|e| AuditLine {
            at: t.when(&e.at),
            actor: e
                .actor
                .strip_prefix("device:")
                .and_then(|id| devices.get(id).cloned())
                .unwrap_or_else(|| t.actor(&e.actor)),
            action: t.action(&e.action),
            about: e.record_id.as_deref().map(about).unwrap_or_default(),
        })
        .collect();
    let f = signed.page("nav-audit", "audit-title");
    Ok(html(&AuditPage { f: &f, lines }))
}
