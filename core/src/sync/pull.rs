//! Download: changes for this device's centre, page by page, each page applied with its cursor
//! in one transaction, so a sync cut off anywhere starts again where it stopped.

use aiguillage_domain::sync::{Change, ChangeKind, PullResponse};

use super::{Client, SyncError, SyncReport};
use crate::retention::{self, RecordPeriods};
use crate::store::{Store, diagnostics, directory, oplog, questionnaires, sync_state};
use crate::workspace::Workspace;

impl Workspace {
    /// Applies what the server has for this device, counting it in `report`.
    pub(super) fn pull(
        &mut self,
        client: &Client,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        loop {
            let cursor = self.store.sync_state()?.cursor;
            let page: PullResponse = client.send(
                client
                    .http
                    .get(client.url(&format!("/sync/pull?after={cursor}"))),
            )?;
            let at = self.now();
            let erased = apply_page(&mut self.store, &page.changes, page.cursor, &at)?;
            if page.changes.iter().any(|c| c.kind == ChangeKind::Directory) {
                self.reload_directory();
            }
            if page
                .changes
                .iter()
                .any(|c| c.kind == ChangeKind::Questionnaire)
            {
                self.reload_questionnaire()?;
            }
            if page.changes.iter().any(|c| c.kind == ChangeKind::Retention) {
                // The server's periods apply here at once: the device keeps no more than it.
                self.apply_retention()?;
            }
            report.changes_applied += page.changes.len() as u64;
            report.erased.extend(erased);
            // Stop only on an empty page: asking once more after the last change tells the server
            // this device applied it (the cursor acknowledges erasures).
            if page.changes.is_empty() {
                return Ok(());
            }
        }
    }
}

/// Applies a page of changes and stores the new cursor in the same transaction; the ids of the
/// records held here that it erased.
fn apply_page(
    store: &mut Store,
    changes: &[Change],
    cursor: i64,
    at: &str,
) -> crate::Result<Vec<String>> {
    store.write(|tx| {
        let mut erased = Vec::new();
        for change in changes {
            match (change.kind, &change.entity_id) {
                (ChangeKind::Erasure, Some(id)) => {
                    let held = oplog::mentions(tx, id)?;
                    diagnostics::erase(tx, id)?;
                    if held {
                        erased.push(id.clone());
                    }
                }
                (ChangeKind::Directory, _) => {
                    // Rows are checked again here: the device trusts no input, not even its server.
                    let rows = |key: &str| {
                        change
                            .payload
                            .get(key)
                            .and_then(|v| v.as_array())
                            .cloned()
                            .unwrap_or_default()
                    };
                    let (structures, services, _rejected) =
                        aiguillage_domain::directory::validation::check_rows(
                            &rows("structures"),
                            &rows("services"),
                        );
                    for (structure, raw) in &structures {
                        directory::upsert_structure(tx, structure, raw, at)?;
                    }
                    for (service, raw) in &services {
                        directory::upsert_service(tx, service, raw, at)?;
                    }
                }
                (ChangeKind::Questionnaire, _) => {
                    let body = change
                        .payload
                        .get("questionnaire")
                        .map(|q| q.to_string())
                        .unwrap_or_default();
                    // Only a questionnaire that loads is kept; anything else is skipped, not fatal.
                    if let Ok(q) = aiguillage_domain::Questionnaire::parse(&body) {
                        questionnaires::insert_received(tx, &q.id, q.version, &body, at)?;
                    }
                }
                (ChangeKind::Retention, _) => {
                    // Periods that make no sense are skipped, as any change the device cannot use.
                    if let Some(periods) = RecordPeriods::from_payload(&change.payload) {
                        retention::keep_record_periods(tx, periods)?;
                    }
                }
                // Unknown kinds are skipped so an older app keeps syncing with a newer server.
                _ => {}
            }
        }
        sync_state::set_cursor(tx, cursor)?;
        Ok(erased)
    })
}
