//! The audit trail in words, for the network's coordinator: who (an account, a device by its
//! name, the server), what, and about what (a centre, a device, a questionnaire version; a record
//! only by the start of its number).

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::pages::Seen;
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
    let seen = Seen::of(&storage, &signed).await?;
    let device = |id: &str| {
        seen.device(id)
            .map(|(name, centre)| t.with("audit-device", &[("name", &name), ("centre", &centre)]))
    };
    let about = |id: &str| -> String {
        if let Some(name) = seen.centres.get(id).cloned().or_else(|| device(id)) {
            return name;
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
                .and_then(device)
                .unwrap_or_else(|| t.actor(&e.actor)),
            action: t.action(&e.action),
            about: e.record_id.as_deref().map(about).unwrap_or_default(),
        })
        .collect();
    let f = signed.page("nav-audit", "audit-title");
    Ok(html(&AuditPage { f: &f, lines }))
}
