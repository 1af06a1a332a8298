//! The sync protocol's wire types (`spec/sync.md`): what crosses HTTP between a device and the
//! server, and what a file bundle holds. Both sides convert these into their own types at the edge.

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// At most this many operations in one push (the spec's batch limit).
pub const MAX_BATCH_OPERATIONS: usize = 500;
/// At most this many bytes in one push body.
pub const MAX_BATCH_BYTES: usize = 2 * 1024 * 1024;
/// The entities whose changes are synced.
pub const ENTITIES: [&str; 3] = ["diagnostic", "orientation", "anonymous_count"];

/// One operation of a device's log, as it travels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireOperation {
    /// Gapless per device, from 1.
    pub seq: i64,
    pub op_id: String,
    pub entity: String,
    pub entity_id: String,
    /// `create`, `choose`, `follow_up`, `erase`…
    pub kind: String,
    pub base_version: Option<i64>,
    /// The operation's body as JSON text, exactly as hashed.
    pub body: String,
    /// Lowercase hex SHA-256 of `body`.
    pub body_sha256: String,
    /// The device's wall clock: shown and reported, never used to decide anything.
    pub recorded_at: String,
}

/// The body a device leaves in its log in place of an erased record's content.
pub const ERASED_BODY: &str = r#"{"erased":true}"#;

/// Whether `incoming` is the same operation as one held with `held_sha256`: the same body, or
/// the same operation whose record the device has since erased (its body became [`ERASED_BODY`]).
pub fn same_operation(held_op_id: &str, held_sha256: &str, incoming: &WireOperation) -> bool {
    held_sha256 == incoming.body_sha256
        || (held_op_id == incoming.op_id && incoming.body == ERASED_BODY)
}

/// Lowercase hex SHA-256 of a body.
pub fn body_hash(body: &str) -> String {
    Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl WireOperation {
    /// Checks what the server must check before storing: sane fields and a hash that matches the
    /// body. Returns the first fault as one sentence.
    pub fn check(&self) -> Result<(), String> {
        if self.seq < 1 {
            return Err(format!(
                "operation seq {} is not a positive number",
                self.seq
            ));
        }
        if !ENTITIES.contains(&self.entity.as_str()) {
            return Err(format!(
                "operation {} has unknown entity \"{}\"",
                self.seq, self.entity
            ));
        }
        for (field, value) in [("op_id", &self.op_id), ("entity_id", &self.entity_id)] {
            if uuid::Uuid::parse_str(value).is_err() {
                return Err(format!(
                    "operation {} has {field} \"{value}\", which is not a UUID",
                    self.seq
                ));
            }
        }
        if self.kind.is_empty()
            || self.kind.len() > 32
            || !self
                .kind
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_')
        {
            return Err(format!("operation {} has an invalid kind", self.seq));
        }
        if serde_json::from_str::<serde_json::Value>(&self.body).is_err() {
            return Err(format!(
                "operation {} has a body that is not JSON",
                self.seq
            ));
        }
        if body_hash(&self.body) != self.body_sha256 {
            return Err(format!(
                "operation {} has a body that does not match its body_sha256",
                self.seq
            ));
        }
        Ok(())
    }
}

/// `POST /api/v1/enrol`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolRequest {
    pub code: String,
    pub device_name: String,
}

/// The device's credential, given once.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EnrolResponse {
    pub device_id: String,
    pub centre_id: String,
    pub centre_name: String,
    /// Random 256-bit token, hex; the server keeps only its hash.
    pub token: String,
}

/// `GET /api/v1/sync/status`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatusResponse {
    pub device_id: String,
    /// The last seq the server holds for this device with no gap before it (0 for none).
    pub acked_through: i64,
    /// The latest change the device may pull.
    pub latest_change: i64,
}

/// `POST /api/v1/sync/push`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub operations: Vec<WireOperation>,
}

/// The answer to a push: every operation up to `acked_through` is stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PushResponse {
    pub acked_through: i64,
}

/// One change a device pulls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The server's global, increasing change number.
    pub change_seq: i64,
    /// `erasure`, `revocation`, `directory`, `questionnaire`.
    pub kind: String,
    pub entity_id: Option<String>,
    pub payload: serde_json::Value,
}

/// `GET /api/v1/sync/pull?after=N`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PullResponse {
    pub changes: Vec<Change>,
    /// The cursor to store once the page is applied.
    pub cursor: i64,
    /// More pages wait after this one.
    pub more: bool,
}

/// Every error body: a code the client branches on and a sentence for people.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
}

/// A file bundle: a device's unsent operations, for centres that never get a connection.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub format: String,
    pub device_id: String,
    pub first_seq: i64,
    pub last_seq: i64,
    pub operations: Vec<WireOperation>,
    /// HMAC-SHA256 of the manifest and operation hashes, keyed by the device token (hex).
    pub signature: String,
}

/// HMAC-SHA256 of `message` keyed by `key`.
fn mac(key: &str, message: &str) -> Hmac<Sha256> {
    // HMAC takes a key of any length: this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts every key length"));
    mac.update(message.as_bytes());
    mac
}

/// The bundle format's name.
pub const BUNDLE_FORMAT: &str = "aiguillage-bundle-1";

impl Bundle {
    /// The bytes the signature covers: format, device, seq range and each operation's seq and hash.
    pub fn manifest(&self) -> String {
        let mut manifest = format!(
            "{}\n{}\n{}\n{}\n",
            self.format, self.device_id, self.first_seq, self.last_seq
        );
        for op in &self.operations {
            manifest.push_str(&format!("{} {} {}\n", op.seq, op.op_id, op.body_sha256));
        }
        manifest
    }

    /// Signs the bundle with `key` (the hash of the device's token, which the server stores).
    pub fn sign(&mut self, key: &str) {
        self.signature = hex::encode(mac(key, &self.manifest()).finalize().into_bytes());
    }

    /// Checks a bundle read from a file before anything of it is stored: its format, a seq
    /// range its operations fill exactly, each operation, and the signature keyed by `key` (the
    /// stored hash of the device's token). Returns the first fault as one sentence.
    pub fn verify(&self, key: &str) -> Result<(), String> {
        if self.format != BUNDLE_FORMAT {
            return Err(format!("format \"{}\" is not {BUNDLE_FORMAT}", self.format));
        }
        // Compared without building the range: a hostile file may claim any seq range.
        let first = i128::from(self.first_seq);
        let filled = self.operations.len() as i128 == i128::from(self.last_seq) - first + 1
            && self
                .operations
                .iter()
                .enumerate()
                .all(|(i, op)| i128::from(op.seq) == first + i as i128);
        if !filled {
            return Err("the operations do not match the manifest's seq range".into());
        }
        for op in &self.operations {
            op.check()?;
        }
        let signature =
            hex::decode(&self.signature).map_err(|_| "the signature is not hex".to_owned())?;
        mac(key, &self.manifest())
            .verify_slice(&signature)
            .map_err(|_| {
                "the signature does not match: the bundle was altered or is not from this device"
                    .to_owned()
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op() -> WireOperation {
        let body = r#"{"a":1}"#.to_owned();
        WireOperation {
            seq: 1,
            op_id: "019a0000-0000-7000-8000-000000000001".into(),
            entity: "diagnostic".into(),
            entity_id: "019a0000-0000-7000-8000-000000000002".into(),
            kind: "create".into(),
            base_version: None,
            body_sha256: body_hash(&body),
            body,
            recorded_at: "2026-11-26T10:00:00Z".into(),
        }
    }

    fn bundle() -> Bundle {
        let mut b = Bundle {
            format: BUNDLE_FORMAT.into(),
            device_id: "device".into(),
            first_seq: 1,
            last_seq: 1,
            operations: vec![op()],
            signature: String::new(),
        };
        b.sign("key");
        b
    }

    #[test]
    fn a_signed_bundle_verifies_and_an_altered_one_does_not() {
        assert_eq!(bundle().verify("key"), Ok(()));
        assert!(
            bundle()
                .verify("other key")
                .unwrap_err()
                .contains("signature")
        );
        let mut moved = bundle();
        moved.device_id = "another device".into();
        assert!(
            moved.verify("key").is_err(),
            "the manifest covers the device"
        );
    }

    #[test]
    fn a_bundle_claiming_a_huge_seq_range_is_refused_without_building_it() {
        // Found by reading the code the fuzzer targets: the range used to be collected into a
        // vector, so a hostile file could ask for 2^64 numbers.
        let mut hostile = bundle();
        (hostile.first_seq, hostile.last_seq) = (i64::MIN, i64::MAX);
        assert!(hostile.verify("key").unwrap_err().contains("seq range"));
        let mut at_the_end = bundle();
        at_the_end.operations[0].seq = i64::MAX;
        (at_the_end.first_seq, at_the_end.last_seq) = (i64::MAX, i64::MAX);
        assert!(
            at_the_end.verify("key").is_err(),
            "the last possible seq does not overflow"
        );
        let mut gap = bundle();
        gap.last_seq = 2;
        assert!(
            gap.verify("key").unwrap_err().contains("seq range"),
            "a missing operation is refused"
        );
    }

    #[test]
    fn a_well_formed_operation_passes() {
        assert_eq!(op().check(), Ok(()));
    }

    #[test]
    fn a_tampered_body_is_refused() {
        let mut tampered = op();
        tampered.body = r#"{"a":2}"#.into();
        assert!(tampered.check().unwrap_err().contains("body_sha256"));
    }

    #[test]
    fn sql_looking_ids_are_refused() {
        let mut hostile = op();
        hostile.entity_id = "1'; DROP TABLE operation; --".into();
        assert!(hostile.check().unwrap_err().contains("not a UUID"));
    }
}
