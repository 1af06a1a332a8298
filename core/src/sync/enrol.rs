//! Enrolment: an enrolment code traded for this device's identity and credential, with a new
//! bundle-signing key whose public half the server keeps.

use aiguillage_domain::sync::{EnrolRequest, EnrolResponse, SigningKey};
use zeroize::Zeroizing;

use super::{Client, SyncError};
use crate::store::audit::AuditAction;
use crate::store::sync_state::{self, Enrolment};
use crate::workspace::Workspace;

impl Workspace {
    /// Trades an enrolment code for this device's credential, kept in the local database with
    /// its audit row; the device's id.
    pub fn enrol(
        &mut self,
        server: &str,
        code: &str,
        device_name: &str,
    ) -> Result<String, SyncError> {
        if self.store.mode() == crate::Mode::Demo {
            return Err(SyncError::Demo);
        }
        let client = Client::new(&self.http, server, None)?;
        // The key its bundles are signed with: the server keeps only the public half.
        let secret = Zeroizing::new(rand::random::<[u8; 32]>());
        let signing = SigningKey::from_bytes(&secret);
        let secret_hex = Zeroizing::new(hex::encode(*secret));
        let request = EnrolRequest {
            code: code.to_owned(),
            device_name: device_name.to_owned(),
            public_key: Some(signing.public_key()),
        };
        let answer: EnrolResponse =
            client.send(client.http.post(client.url("/enrol")).json(&request))?;
        let trail = self.store.trail();
        self.store.write(|tx| {
            sync_state::enrol(
                tx,
                &Enrolment {
                    server: server.trim().trim_end_matches('/'),
                    device_id: &answer.device_id,
                    token: &answer.token,
                    centre: &answer.centre_name,
                    signing_key: &secret_hex,
                },
            )?;
            trail.record(tx, AuditAction::Enrol, None, Some(&answer.device_id))
        })?;
        Ok(answer.device_id)
    }
}
