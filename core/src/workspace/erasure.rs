//! Erasure on this device: a person withdrew their consent, so their diagnostic's content goes
//! now, and the erasure is logged so it reaches the server and every other copy.

use super::Workspace;
use crate::error::{Error, Result};
use crate::store::audit::AuditAction;
use crate::store::{NewOperation, diagnostics, oplog};
use aiguillage_domain::sync::{Entity, OpKind};

impl Workspace {
    /// Erases a diagnostic on this device now (content and orientations, the first name with
    /// them) and logs the erasure so it reaches the server and every other copy.
    ///
    /// # Errors
    /// [`Error::NotFound`] for a record this device never held (nothing is written).
    pub fn erase(&mut self, id: &str) -> Result<()> {
        if !self.store.mentions(id)? {
            return Err(Error::NotFound(format!("diagnostic {id}")));
        }
        let trail = self.store.trail();
        let at = self.now();
        self.store.write(|tx| {
            diagnostics::erase(tx, id)?;
            trail.record(tx, AuditAction::Erase, None, Some(id))?;
            oplog::append(
                tx,
                NewOperation {
                    entity: Entity::Diagnostic,
                    entity_id: id,
                    kind: OpKind::Erase,
                    base_version: None,
                    body: serde_json::json!({}),
                },
                &at,
            )?;
            Ok(())
        })
    }
}
