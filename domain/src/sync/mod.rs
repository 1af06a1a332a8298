//! The sync protocol's wire types (`spec/sync.md`): what crosses HTTP between a device and the
//! server, and what a file bundle holds. Both sides convert these into their own types at the edge.

mod names;
mod shape;

pub use names::{ChangeKind, Entity, OpKind};
pub use shape::{FOLLOW_UPS, check_shape, named_questionnaires};

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// At most this many operations in one push (the spec's batch limit).
pub const MAX_BATCH_OPERATIONS: usize = 500;
/// At most this many bytes in one push body.
pub const MAX_BATCH_BYTES: usize = 2 * 1024 * 1024;
/// One operation of a device's log, as it travels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireOperation {
    /// Gapless per device, from 1.
    pub seq: i64,
    pub op_id: String,
    pub entity: Entity,
    pub entity_id: String,
    pub kind: OpKind,
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
        for (field, value) in [("op_id", &self.op_id), ("entity_id", &self.entity_id)] {
            if uuid::Uuid::parse_str(value).is_err() {
                return Err(format!(
                    "operation {} has {field} \"{value}\", which is not a UUID",
                    self.seq
                ));
            }
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
    /// The device's Ed25519 public key (hex), which its file bundles are signed with. Absent from
    /// devices made before bundles were signed so; theirs are keyed by the token's hash.
    #[serde(default)]
    pub public_key: Option<String>,
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
    pub kind: ChangeKind,
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
    /// [`BUNDLE_FORMAT`], or [`BUNDLE_FORMAT_TOKEN`] from a device without a key of its own.
    pub format: String,
    pub device_id: String,
    pub first_seq: i64,
    pub last_seq: i64,
    pub operations: Vec<WireOperation>,
    /// The manifest's signature, hex: Ed25519 by the device's own key, or (format 1)
    /// HMAC-SHA256 keyed by its token's hash.
    pub signature: String,
}

/// Bundles signed with the device's own Ed25519 key: the server holds only the public half, so
/// nobody who reads the server's database can make one.
pub const BUNDLE_FORMAT: &str = "aiguillage-bundle-2";
/// Bundles of devices enrolled before they had a key: an HMAC keyed by the token's hash, which
/// the server stores (so whoever reads its database could forge one). Accepted from those
/// devices only.
pub const BUNDLE_FORMAT_TOKEN: &str = "aiguillage-bundle-1";

/// What the server knows to check a device's bundles with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleKey {
    /// The device's Ed25519 public key, hex.
    Device(String),
    /// The hash of the device's token, hex (devices enrolled without a key).
    Token(String),
}

/// A device's bundle-signing key: 32 secret bytes, wiped from memory when dropped.
pub struct SigningKey(ed25519_dalek::SigningKey);

impl SigningKey {
    /// The key made of these 32 secret bytes (random ones at enrolment, kept by the device).
    pub fn from_bytes(secret: &[u8; 32]) -> Self {
        SigningKey(ed25519_dalek::SigningKey::from_bytes(secret))
    }

    /// The public half, hex, as the enrolment sends it.
    pub fn public_key(&self) -> String {
        hex::encode(self.0.verifying_key().as_bytes())
    }
}

/// Checks that `public_key` is a usable Ed25519 public key in hex.
///
/// # Errors
/// One sentence when it is not.
pub fn check_public_key(public_key: &str) -> Result<(), String> {
    verifying_key(public_key).map(|_| ())
}

fn verifying_key(public_key: &str) -> Result<ed25519_dalek::VerifyingKey, String> {
    let bytes: [u8; 32] = hex::decode(public_key)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| "the device's public key is not 32 bytes in hex".to_owned())?;
    ed25519_dalek::VerifyingKey::from_bytes(&bytes)
        .map_err(|_| "the device's public key is not an Ed25519 key".to_owned())
}

/// HMAC-SHA256 of `message` keyed by `key`.
fn mac(key: &str, message: &str) -> Hmac<Sha256> {
    // HMAC takes a key of any length: this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts every key length"));
    mac.update(message.as_bytes());
    mac
}

const NOT_FROM_THIS_DEVICE: &str =
    "the signature does not match: the bundle was altered or is not from this device";

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

    /// Signs the bundle with the device's own key ([`BUNDLE_FORMAT`]).
    pub fn sign(&mut self, key: &SigningKey) {
        use ed25519_dalek::Signer;
        self.format = BUNDLE_FORMAT.to_owned();
        self.signature = hex::encode(key.0.sign(self.manifest().as_bytes()).to_bytes());
    }

    /// Signs the bundle of a device enrolled without a key with its token's hash
    /// ([`BUNDLE_FORMAT_TOKEN`]).
    pub fn sign_with_token(&mut self, token_hash: &str) {
        self.format = BUNDLE_FORMAT_TOKEN.to_owned();
        self.signature = hex::encode(mac(token_hash, &self.manifest()).finalize().into_bytes());
    }

    /// Checks a bundle read from a file before anything of it is stored: its format, a seq
    /// range its operations fill exactly, each operation, and the signature with what the server
    /// knows of the device. A device with a key of its own is never accepted a bundle keyed by
    /// its token. Returns the first fault as one sentence.
    pub fn verify(&self, key: &BundleKey) -> Result<(), String> {
        match (self.format.as_str(), key) {
            (BUNDLE_FORMAT, BundleKey::Device(_)) | (BUNDLE_FORMAT_TOKEN, BundleKey::Token(_)) => {}
            (BUNDLE_FORMAT_TOKEN, BundleKey::Device(_)) => {
                return Err(
                    "this device signs its bundles with its own key; one keyed by its token is refused"
                        .into(),
                );
            }
            (BUNDLE_FORMAT, BundleKey::Token(_)) => {
                return Err(
                    "this device has no key of its own on the server: its bundles are format 1"
                        .into(),
                );
            }
            (other, _) => {
                return Err(format!("format \"{other}\" is not {BUNDLE_FORMAT}"));
            }
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
        match key {
            BundleKey::Device(public_key) => {
                let signature = ed25519_dalek::Signature::from_slice(&signature)
                    .map_err(|_| NOT_FROM_THIS_DEVICE.to_owned())?;
                verifying_key(public_key)?
                    .verify_strict(self.manifest().as_bytes(), &signature)
                    .map_err(|_| NOT_FROM_THIS_DEVICE.to_owned())
            }
            BundleKey::Token(token_hash) => mac(token_hash, &self.manifest())
                .verify_slice(&signature)
                .map_err(|_| NOT_FROM_THIS_DEVICE.to_owned()),
        }
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
            entity: Entity::Diagnostic,
            entity_id: "019a0000-0000-7000-8000-000000000002".into(),
            kind: OpKind::Create,
            base_version: None,
            body_sha256: body_hash(&body),
            body,
            recorded_at: "2026-11-26T10:00:00Z".into(),
        }
    }

    const SECRET: [u8; 32] = [7; 32];

    fn bundle() -> Bundle {
        let mut b = Bundle {
            format: String::new(),
            device_id: "device".into(),
            first_seq: 1,
            last_seq: 1,
            operations: vec![op()],
            signature: String::new(),
        };
        b.sign(&SigningKey::from_bytes(&SECRET));
        b
    }

    fn key() -> BundleKey {
        BundleKey::Device(SigningKey::from_bytes(&SECRET).public_key())
    }

    #[test]
    fn a_signed_bundle_verifies_and_an_altered_one_does_not() {
        assert_eq!(bundle().verify(&key()), Ok(()));
        let other = BundleKey::Device(SigningKey::from_bytes(&[8; 32]).public_key());
        assert!(
            bundle().verify(&other).unwrap_err().contains("signature"),
            "another device's key does not open it"
        );
        let mut moved = bundle();
        moved.device_id = "another device".into();
        assert!(
            moved.verify(&key()).is_err(),
            "the manifest covers the device"
        );
        let mut altered = bundle();
        altered.operations[0].body = r#"{"a":2}"#.into();
        altered.operations[0].body_sha256 = body_hash(&altered.operations[0].body);
        assert!(altered.verify(&key()).unwrap_err().contains("signature"));
    }

    #[test]
    fn whoever_holds_the_token_hash_cannot_sign_for_a_device_with_a_key() {
        // The server stores the token's hash: a bundle keyed by it must not pass for a device
        // that has a key of its own, whatever format it claims.
        let mut forged = bundle();
        forged.sign_with_token("the token hash read from the server");
        let refused = forged.verify(&key()).unwrap_err();
        assert!(refused.contains("own key"), "{refused}");
        let mut relabelled = forged.clone();
        relabelled.format = BUNDLE_FORMAT.into();
        assert!(relabelled.verify(&key()).is_err());
    }

    #[test]
    fn a_device_enrolled_without_a_key_still_signs_with_its_token() {
        let mut old = bundle();
        old.sign_with_token("hash");
        let token = BundleKey::Token("hash".into());
        assert_eq!(old.verify(&token), Ok(()));
        assert!(old.verify(&BundleKey::Token("other".into())).is_err());
        assert!(
            bundle().verify(&token).unwrap_err().contains("format 1"),
            "a key the server does not know cannot be checked"
        );
    }

    #[test]
    fn a_public_key_is_checked_before_it_is_kept() {
        assert_eq!(
            check_public_key(&SigningKey::from_bytes(&SECRET).public_key()),
            Ok(())
        );
        assert!(check_public_key("00ff").is_err());
        assert!(check_public_key("not hex at all").is_err());
    }

    #[test]
    fn a_bundle_claiming_a_huge_seq_range_is_refused_without_building_it() {
        // Found by reading the code the fuzzer targets: the range used to be collected into a
        // vector, so a hostile file could ask for 2^64 numbers.
        let mut hostile = bundle();
        (hostile.first_seq, hostile.last_seq) = (i64::MIN, i64::MAX);
        assert!(hostile.verify(&key()).unwrap_err().contains("seq range"));
        let mut at_the_end = bundle();
        at_the_end.operations[0].seq = i64::MAX;
        (at_the_end.first_seq, at_the_end.last_seq) = (i64::MAX, i64::MAX);
        assert!(
            at_the_end.verify(&key()).is_err(),
            "the last possible seq does not overflow"
        );
        let mut gap = bundle();
        gap.last_seq = 2;
        assert!(
            gap.verify(&key()).unwrap_err().contains("seq range"),
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
