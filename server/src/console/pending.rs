//! What awaits a coordinator: operations set aside (the quarantine, « Envois à vérifier ») and
//! erasures some devices have not applied yet, of the centres the account may see.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::pages::Seen;
use super::{Failure, Frame, Signed, html};
use crate::storage::console::ConsoleStorage;

/// A quarantined operation's line.
pub struct QuarantineLine {
    pub device: String,
    pub centre: String,
    pub seq: i64,
    pub reason: String,
    pub received_at: String,
}

#[derive(Template)]
#[template(path = "console/quarantine.html")]
struct QuarantinePage<'a> {
    f: &'a Frame,
    lines: Vec<QuarantineLine>,
}

pub async fn quarantine<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
) -> Result<Response, Failure> {
    let seen = Seen::of(&storage, &signed).await?;
    let lines = storage
        .list_quarantine()
        .await
        .map_err(|e| Failure::store(&signed.frame, e))?
        .into_iter()
        .filter_map(|q| {
            let (device, centre) = seen.device(&q.device_id)?;
            Some(QuarantineLine {
                device,
                centre,
                seq: q.seq,
                // The one reason storage writes today, in words; any other as written.
                reason: if q.reason.contains("different body") {
                    signed.frame.t.get("quarantine-reason-conflict")
                } else {
                    q.reason
                },
                received_at: q.received_at,
            })
        })
        .collect();
    let f = signed.page("nav-quarantine", "quarantine-title");
    Ok(html(&QuarantinePage { f: &f, lines }))
}

/// A pending erasure's line.
pub struct ErasureLine {
    pub record: String,
    pub device: String,
    pub centre: String,
    pub erased_at: String,
}

#[derive(Template)]
#[template(path = "console/erasures.html")]
struct ErasuresPage<'a> {
    f: &'a Frame,
    lines: Vec<ErasureLine>,
}

pub async fn erasures<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
) -> Result<Response, Failure> {
    let seen = Seen::of(&storage, &signed).await?;
    let lines = storage
        .list_pending_erasures()
        .await
        .map_err(|e| Failure::store(&signed.frame, e))?
        .into_iter()
        .filter_map(|p| {
            let (device, centre) = seen.device(&p.device_id)?;
            Some(ErasureLine {
                record: p.entity_id,
                device,
                centre,
                erased_at: p.erased_at,
            })
        })
        .collect();
    let f = signed.page("nav-erasures", "erasures-title");
    Ok(html(&ErasuresPage { f: &f, lines }))
}
