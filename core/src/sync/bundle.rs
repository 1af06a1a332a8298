//! File bundles: every unsent operation in one signed file, for a coordinator to carry to the
//! server when the centre has no connection.

use std::path::PathBuf;

use aiguillage_domain::sync::{Bundle, SigningKey, WireOperation};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::SyncError;
use super::push::wire;
use crate::store::audit::AuditAction;
use crate::workspace::Workspace;

impl Workspace {
    /// Writes every unsent operation into one signed bundle for a coordinator to carry.
    pub fn bundle(&self) -> Result<Bundle, SyncError> {
        if self.store.mode() == crate::Mode::Demo {
            return Err(SyncError::Demo);
        }
        let state = self.store.sync_state()?;
        let (Some(device_id), Some(token)) = (state.device_id, state.token) else {
            return Err(SyncError::NotEnrolled);
        };
        let operations: Vec<WireOperation> = self
            .store
            .list_pending_operations()?
            .into_iter()
            .map(|op| wire(op, state.seq_base))
            .collect();
        let mut bundle = Bundle {
            format: String::new(),
            device_id,
            first_seq: operations.first().map_or(0, |o| o.seq),
            last_seq: operations.last().map_or(-1, |o| o.seq),
            operations,
            signature: String::new(),
        };
        match state.signing_key {
            Some(secret) => {
                let mut bytes = Zeroizing::new([0u8; 32]);
                hex::decode_to_slice(secret.as_str(), bytes.as_mut_slice())
                    .map_err(|_| SyncError::Local("the device's signing key is damaged".into()))?;
                bundle.sign(&SigningKey::from_bytes(&bytes));
            }
            // Enrolled before devices had a key: the server checks it with the token's hash.
            None => bundle.sign_with_token(&hex::encode(<Sha256 as sha2::Digest>::digest(
                token.as_bytes(),
            ))),
        }
        Ok(bundle)
    }

    /// Writes the bundle to the file `path_for` names from its count of operations, on record
    /// in the audit trail before it leaves: the file and the count.
    ///
    /// # Errors
    /// As [`Workspace::bundle`]; the file's, naming it.
    pub fn export_bundle(
        &mut self,
        path_for: impl FnOnce(usize) -> PathBuf,
    ) -> Result<(PathBuf, usize), SyncError> {
        let bundle = self.bundle()?;
        let count = bundle.operations.len();
        let path = path_for(count);
        let text = serde_json::to_string(&bundle)
            .map_err(|e| SyncError::Local(format!("the bundle could not be written: {e}")))?;
        self.store
            .write_bytes_audited(AuditAction::BundleExport, None, &path, text.as_bytes())?;
        Ok((path, count))
    }
}
