//! Upload: where the server stands first (everything up to its mark is held there), then the
//! rest of the log in order, in batches within the spec's limits; only an answer moves the mark.

use aiguillage_domain::sync::{
    MAX_BATCH_BYTES, MAX_BATCH_OPERATIONS, PushRequest, PushResponse, StatusResponse, WireOperation,
};

use super::{Client, SyncError, SyncReport};
use crate::store::{Operation, Store};
use crate::workspace::Workspace;

impl Workspace {
    /// Sends what the server lacks, counting it in `report`.
    pub(super) fn push(
        &mut self,
        client: &Client,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        let base = self.store.sync_state()?.seq_base;
        let status: StatusResponse = client.send(client.http.get(client.url("/sync/status")))?;
        self.store.mark_sent(base + status.acked_through)?;
        report.acked_through = status.acked_through;
        loop {
            let batch = pending_batch(&self.store, base, report.acked_through)?;
            if batch.is_empty() {
                return Ok(());
            }
            let count = batch.len() as u64;
            let request = PushRequest { operations: batch };
            let acked = match client
                .send::<PushResponse>(client.http.post(client.url("/sync/push")).json(&request))
            {
                Ok(answer) => answer.acked_through,
                Err(SyncError::Refused { status: 410, .. }) => {
                    // Some records were erased on the server: acknowledged there, erased here.
                    let status: StatusResponse =
                        client.send(client.http.get(client.url("/sync/status")))?;
                    status.acked_through
                }
                Err(e) => return Err(e),
            };
            self.store.mark_sent(base + acked)?;
            report.acked_through = acked;
            report.pushed += count;
        }
    }
}

/// A local operation as the current identity sends it: its seq counted from that identity's
/// start (see `store::sync_state`).
pub(super) fn wire(op: Operation, base: i64) -> WireOperation {
    let mut wire = WireOperation::from(op);
    wire.seq -= base;
    wire
}

/// The next batch after the server's mark `acked` (in wire seq): at most the spec's count and size.
fn pending_batch(store: &Store, base: i64, acked: i64) -> crate::Result<Vec<WireOperation>> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    for op in store.list_operations_after(base + acked, MAX_BATCH_OPERATIONS)? {
        // Body plus the fields around it, with room for JSON overhead.
        bytes += op.body.len() + 400;
        if bytes > MAX_BATCH_BYTES - 64 * 1024 && !batch.is_empty() {
            break;
        }
        batch.push(wire(op, base));
    }
    Ok(batch)
}
