//! The device side of `spec/sync.md`: enrolment, upload of the operation log after the server's
//! high-water mark, download of changes applied with their cursor in one transaction, erasure,
//! revocation, file bundles, and the background loop with exponential backoff and jitter.

use std::collections::BTreeMap;
use std::time::Duration;

use rand::Rng;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use aiguillage_domain::sync::{
    Bundle, Change, EnrolRequest, EnrolResponse, ErrorBody, MAX_BATCH_BYTES, MAX_BATCH_OPERATIONS,
    PullResponse, PushRequest, PushResponse, SigningKey, StatusResponse, WireOperation, body_hash,
};

use crate::store::{Mode, Operation, Store};
use crate::workspace::{Workspace, now};

/// Why a sync did not complete. Callers branch on [`SyncError::is_retryable`].
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The device is not enrolled with a server yet.
    #[error("this device is not enrolled with a server yet")]
    NotEnrolled,
    /// Demo records never reach a server.
    #[error("the demo database never synchronises")]
    Demo,
    /// The server could not be reached (no network, server down, timeout).
    #[error("the server could not be reached: {0}")]
    Unreachable(String),
    /// The server refused the device: revoked or unknown. Records stay here and can leave by bundle.
    #[error(
        "the server no longer accepts this device; its records stay here and can leave by file bundle"
    )]
    Revoked,
    /// The server refused the request for a reason it states.
    #[error("the server refused: {message} ({code})")]
    Refused {
        status: u16,
        code: String,
        message: String,
    },
    /// The local database failed (full disk, read-only file…). Nothing is lost.
    #[error("the local database failed: {0}")]
    Local(String),
    /// The server's address is not a web address (`https://…`).
    #[error(
        "\"{0}\" is not a server address, which starts with https:// (https://aiguillage.example.org)"
    )]
    NotAnAddress(String),
    /// A server reached in clear (`http://`) anywhere but on this computer: the answers and the
    /// device's token would cross the network readable by anyone on the way.
    #[error(
        "\"{0}\" is not encrypted: a server is reached with https://, or http:// on this computer only"
    )]
    Insecure(String),
}

impl SyncError {
    /// The app catalogue's key for this failure (under `problems.`) and the values its sentence
    /// names. A refusal is named by its kind; one the app has no words for (`sync_refused`)
    /// carries the server's code and English sentence, for whoever runs the server.
    pub fn code(&self) -> (&'static str, BTreeMap<String, String>) {
        match self {
            SyncError::NotEnrolled => ("sync_not_enrolled", BTreeMap::new()),
            SyncError::Demo => ("sync_demo", BTreeMap::new()),
            // The HTTP client's wording helps nobody at the centre: the sentence says what to do.
            SyncError::Unreachable(_) => ("sync_unreachable", BTreeMap::new()),
            SyncError::Revoked => ("sync_revoked", BTreeMap::new()),
            SyncError::Refused { code, .. } if code == "bad_code" => {
                ("sync_bad_code", BTreeMap::new())
            }
            SyncError::Refused { status, .. } if *status >= 500 => {
                ("sync_server_failed", BTreeMap::new())
            }
            SyncError::Refused { code, message, .. } => (
                "sync_refused",
                BTreeMap::from([
                    ("code".to_owned(), code.clone()),
                    ("message".to_owned(), message.clone()),
                ]),
            ),
            SyncError::Local(detail) => (
                "sync_local",
                BTreeMap::from([("detail".to_owned(), detail.clone())]),
            ),
            SyncError::NotAnAddress(address) => (
                "sync_not_an_address",
                BTreeMap::from([("address".to_owned(), address.clone())]),
            ),
            SyncError::Insecure(address) => (
                "sync_insecure",
                BTreeMap::from([("address".to_owned(), address.clone())]),
            ),
        }
    }

    /// Whether trying again later may succeed without anyone doing anything.
    pub fn is_retryable(&self) -> bool {
        match self {
            SyncError::Unreachable(_) => true,
            SyncError::Refused { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}

impl From<crate::Error> for SyncError {
    fn from(e: crate::Error) -> Self {
        SyncError::Local(e.to_string())
    }
}

impl From<rusqlite::Error> for SyncError {
    fn from(e: rusqlite::Error) -> Self {
        SyncError::Local(e.to_string())
    }
}

/// What the UI shows: pending count, last success, last error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyncStatus {
    pub enrolled: bool,
    pub server: Option<String>,
    pub centre: Option<String>,
    pub device_id: Option<String>,
    pub pending: u64,
    pub last_success: Option<String>,
    pub last_error: Option<SyncFailure>,
    pub revoked: bool,
}

/// The last sync that failed, as recorded for the status: when, the English sentence, and the
/// catalogue's code with its values ([`SyncError::code`]) for the app to say it in French.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncFailure {
    pub at: String,
    pub message: String,
    pub code: Option<String>,
    pub params: BTreeMap<String, String>,
}

impl SyncFailure {
    fn new(at: &str, e: &SyncError) -> Self {
        let (code, params) = e.code();
        SyncFailure {
            at: at.to_owned(),
            message: e.to_string(),
            code: Some(code.to_owned()),
            params,
        }
    }

    /// Reads the recorded failure. Databases from before it was recorded as JSON hold
    /// "<when> <sentence>": kept as the sentence, without a code.
    fn parse(recorded: &str) -> Self {
        serde_json::from_str(recorded).unwrap_or_else(|_| {
            let (at, message) = recorded.split_once(' ').unwrap_or(("", recorded));
            SyncFailure {
                at: at.to_owned(),
                message: message.to_owned(),
                code: None,
                params: BTreeMap::new(),
            }
        })
    }
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SyncReport {
    pub pushed: u64,
    pub acked_through: i64,
    pub changes_applied: u64,
    pub erased: Vec<String>,
}

/// `Ok` for a server address the device may send records to: `https://`, or `http://` to this
/// computer itself (a server run beside the app, the tests).
fn check_address(address: &str) -> Result<(), SyncError> {
    let url = reqwest::Url::parse(address.trim())
        .map_err(|_| SyncError::NotAnAddress(address.to_owned()))?;
    // A name and password in the address would be stored and shown with it.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(SyncError::NotAnAddress(address.to_owned()));
    }
    let here = match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => return Err(SyncError::NotAnAddress(address.to_owned())),
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if here => Ok(()),
        "http" => Err(SyncError::Insecure(address.to_owned())),
        _ => Err(SyncError::NotAnAddress(address.to_owned())),
    }
}

struct Client {
    http: reqwest::blocking::Client,
    base: String,
    token: Option<String>,
}

fn unreachable(e: reqwest::Error) -> SyncError {
    SyncError::Unreachable(e.to_string())
}

impl Client {
    fn new(
        http: &std::sync::OnceLock<reqwest::blocking::Client>,
        base: &str,
        token: Option<String>,
    ) -> Result<Self, SyncError> {
        check_address(base)?;
        let http = match http.get() {
            Some(client) => client.clone(),
            None => {
                let client = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(60))
                    .connect_timeout(Duration::from_secs(10))
                    // The API never redirects: a redirect could only lead elsewhere, or to
                    // http://, with the device's token.
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .map_err(unreachable)?;
                http.get_or_init(|| client).clone()
            }
        };
        Ok(Client {
            http,
            base: base.trim().trim_end_matches('/').to_owned(),
            token,
        })
    }

    fn send<T: serde::de::DeserializeOwned>(
        &self,
        request: reqwest::blocking::RequestBuilder,
    ) -> Result<T, SyncError> {
        let request = match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        };
        let response = request.send().map_err(unreachable)?;
        let status = response.status();
        let text = response.text().map_err(unreachable)?;
        if status.is_success() {
            return serde_json::from_str(&text).map_err(|e| {
                SyncError::Unreachable(format!("the server's answer could not be read ({e})"))
            });
        }
        if status.as_u16() == 401 {
            return Err(SyncError::Revoked);
        }
        let body: Option<ErrorBody> = serde_json::from_str(&text).ok();
        let (code, message) = body.map_or_else(
            || ("http".to_owned(), status.to_string()),
            |b| (b.code, b.message),
        );
        Err(SyncError::Refused {
            status: status.as_u16(),
            code,
            message,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }
}

const SERVER: &str = "sync_server";
const DEVICE: &str = "sync_device_id";
const TOKEN: &str = "sync_token";
const CENTRE: &str = "sync_centre";
const CURSOR: &str = "sync_cursor";
const LAST_SUCCESS: &str = "sync_last_success";
const LAST_ERROR: &str = "sync_last_error";
const REVOKED: &str = "sync_revoked";
/// The local `seq` after which the current device identity's operations start (absent: 0).
const SEQ_BASE: &str = "sync_seq_base";
/// The secret half of the device's bundle-signing key (hex); absent from devices enrolled before.
const SIGNING_KEY: &str = "sync_signing_key";

impl Workspace {
    /// Trades an enrolment code for this device's credential, kept in the local database with
    /// its audit row.
    pub fn enrol(
        &mut self,
        server: &str,
        code: &str,
        device_name: &str,
    ) -> Result<String, SyncError> {
        if self.store.mode() == Mode::Demo {
            return Err(SyncError::Demo);
        }
        let client = Client::new(&self.http, server, None)?;
        // The key its bundles are signed with: the server keeps only the public half.
        let secret = zeroize::Zeroizing::new(rand::random::<[u8; 32]>());
        let signing = SigningKey::from_bytes(&secret);
        let secret_hex = zeroize::Zeroizing::new(hex::encode(*secret));
        let request = EnrolRequest {
            code: code.to_owned(),
            device_name: device_name.to_owned(),
            public_key: Some(signing.public_key()),
        };
        let answer: EnrolResponse =
            client.send(client.http.post(client.url("/enrol")).json(&request))?;
        let actor = self.store.actor().to_owned();
        self.store.write(|tx| {
            // A database enrolled again (after a revocation) gave its acknowledged operations to
            // the server under its previous identity; the new one starts its seq after them.
            let base: i64 = tx.query_row(
                "SELECT COALESCE(MAX(seq), 0) FROM operation WHERE sent = 1",
                [],
                |r| r.get(0),
            )?;
            let base = base.to_string();
            for (key, value) in [
                (SERVER, server.trim().trim_end_matches('/')),
                (DEVICE, answer.device_id.as_str()),
                (TOKEN, answer.token.as_str()),
                (CENTRE, answer.centre_name.as_str()),
                (CURSOR, "0"),
                (SEQ_BASE, base.as_str()),
                (SIGNING_KEY, secret_hex.as_str()),
            ] {
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )?;
            }
            tx.execute("DELETE FROM meta WHERE key IN (?1, ?2)", (REVOKED, LAST_ERROR))?;
            crate::retention::audit_in(
                tx,
                &actor,
                crate::retention::AuditAction::Enrol,
                None,
                Some(&answer.device_id),
            )
        })?;
        Ok(answer.device_id)
    }

    /// The sync state for the status line and the sync panel.
    pub fn sync_status(&self) -> Result<SyncStatus, SyncError> {
        let s = &self.store;
        let pending: u64 =
            s.conn()
                .query_row("SELECT COUNT(*) FROM operation WHERE sent = 0", [], |r| {
                    r.get(0)
                })?;
        Ok(SyncStatus {
            enrolled: s.find_meta(TOKEN)?.is_some(),
            server: s.find_meta(SERVER)?,
            centre: s.find_meta(CENTRE)?,
            device_id: s.find_meta(DEVICE)?,
            pending,
            last_success: s.find_meta(LAST_SUCCESS)?,
            last_error: s.find_meta(LAST_ERROR)?.as_deref().map(SyncFailure::parse),
            revoked: s.find_meta(REVOKED)?.is_some(),
        })
    }

    /// One full sync: upload what the server lacks, then download and apply changes. The outcome
    /// (success or the error in plain words) is recorded for the status line.
    pub fn sync(&mut self) -> Result<SyncReport, SyncError> {
        let result = self.sync_once();
        let at = now();
        let record = match &result {
            Ok(_) => self.store.write(|tx| {
                tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", (LAST_SUCCESS, &at))?;
                tx.execute("DELETE FROM meta WHERE key = ?1", [LAST_ERROR])?;
                Ok(())
            }),
            Err(e) => {
                let revoked = matches!(e, SyncError::Revoked);
                let message = serde_json::to_string(&SyncFailure::new(&at, e))
                    .unwrap_or_else(|_| format!("{at} {e}"));
                self.store.write(|tx| {
                    tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", (LAST_ERROR, &message))?;
                    if revoked {
                        tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", (REVOKED, &at))?;
                    }
                    Ok(())
                })
            }
        };
        // Failing to record the outcome (a full disk) must not hide the sync's own result.
        let _ = record;
        result
    }

    fn client(&self) -> Result<Client, SyncError> {
        if self.store.mode() == Mode::Demo {
            return Err(SyncError::Demo);
        }
        let server = self
            .store
            .find_meta(SERVER)?
            .ok_or(SyncError::NotEnrolled)?;
        let token = self.store.find_meta(TOKEN)?.ok_or(SyncError::NotEnrolled)?;
        Client::new(&self.http, &server, Some(token))
    }

    fn sync_once(&mut self) -> Result<SyncReport, SyncError> {
        let client = self.client()?;
        let mut report = SyncReport::default();
        let base = seq_base(&self.store)?;
        // 1. Where the server stands: everything up to its mark is held there.
        let status: StatusResponse = client.send(client.http.get(client.url("/sync/status")))?;
        mark_sent(&mut self.store, base + status.acked_through)?;
        report.acked_through = status.acked_through;
        // 2. Upload the rest in order, in batches; only an answer moves the mark.
        loop {
            let batch = pending_batch(&self.store, base, report.acked_through)?;
            if batch.is_empty() {
                break;
            }
            let count = batch.len() as u64;
            let request = PushRequest { operations: batch };
            match client
                .send::<PushResponse>(client.http.post(client.url("/sync/push")).json(&request))
            {
                Ok(answer) => {
                    mark_sent(&mut self.store, base + answer.acked_through)?;
                    report.acked_through = answer.acked_through;
                    report.pushed += count;
                }
                Err(SyncError::Refused { status: 410, .. }) => {
                    // Some records were erased on the server: acknowledged there, erased here.
                    let status: StatusResponse =
                        client.send(client.http.get(client.url("/sync/status")))?;
                    mark_sent(&mut self.store, base + status.acked_through)?;
                    report.acked_through = status.acked_through;
                    report.pushed += count;
                }
                Err(e) => return Err(e),
            }
        }
        // 3. Download changes page by page, each applied with its cursor in one transaction.
        loop {
            let cursor: i64 = self
                .store
                .find_meta(CURSOR)?
                .and_then(|c| c.parse().ok())
                .unwrap_or(0);
            let page: PullResponse = client.send(
                client
                    .http
                    .get(client.url(&format!("/sync/pull?after={cursor}"))),
            )?;
            let applied = apply_page(&mut self.store, &page.changes, page.cursor)?;
            if page.changes.iter().any(|c| c.kind == "directory") {
                self.reload_directory();
            }
            if page.changes.iter().any(|c| c.kind == "questionnaire") {
                self.reload_questionnaire()?;
            }
            report.changes_applied += page.changes.len() as u64;
            report.erased.extend(applied);
            // Stop only on an empty page: asking once more after the last change tells the server
            // this device applied it (the cursor acknowledges erasures).
            if page.changes.is_empty() {
                break;
            }
        }
        Ok(report)
    }

    /// Erases a diagnostic on this device now (content and orientations, the first name with
    /// them) and logs the erasure so it reaches the server and every other copy.
    pub fn erase(&mut self, id: &str) -> crate::Result<()> {
        let exists: bool = self.store.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM operation WHERE entity_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(crate::Error::NotFound(format!("diagnostic {id}")));
        }
        let at = now();
        let actor = self.store.actor().to_owned();
        self.store.write(|tx| {
            erase_locally(tx, id)?;
            crate::retention::audit_in(
                tx,
                &actor,
                crate::retention::AuditAction::Erase,
                None,
                Some(id),
            )?;
            crate::store::oplog::append(
                tx,
                crate::store::NewOperation {
                    entity: "diagnostic",
                    entity_id: id,
                    kind: "erase",
                    base_version: None,
                    body: serde_json::json!({}),
                },
                &at,
            )?;
            Ok(())
        })
    }

    /// Writes every unsent operation into one signed bundle for a coordinator to carry.
    pub fn bundle(&self) -> Result<Bundle, SyncError> {
        if self.store.mode() == Mode::Demo {
            return Err(SyncError::Demo);
        }
        let device_id = self
            .store
            .find_meta(DEVICE)?
            .ok_or(SyncError::NotEnrolled)?;
        let token = self.store.find_meta(TOKEN)?.ok_or(SyncError::NotEnrolled)?;
        let base = seq_base(&self.store)?;
        let operations: Vec<WireOperation> = self
            .store
            .list_pending_operations()?
            .into_iter()
            .map(|op| wire(op, base))
            .collect();
        let mut bundle = Bundle {
            format: String::new(),
            device_id,
            first_seq: operations.first().map_or(0, |o| o.seq),
            last_seq: operations.last().map_or(-1, |o| o.seq),
            operations,
            signature: String::new(),
        };
        match self.store.find_meta(SIGNING_KEY)? {
            Some(secret) => {
                let secret = zeroize::Zeroizing::new(secret);
                let mut bytes = zeroize::Zeroizing::new([0u8; 32]);
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
}

/// Marks every operation up to `through` as held by the server.
fn mark_sent(store: &mut Store, through: i64) -> crate::Result<()> {
    store.write(|tx| {
        tx.execute(
            "UPDATE operation SET sent = 1 WHERE seq <= ?1 AND sent = 0",
            [through],
        )?;
        Ok(())
    })
}

/// Where the current device identity starts in the local log (see [`SEQ_BASE`]).
fn seq_base(store: &Store) -> crate::Result<i64> {
    Ok(store
        .find_meta(SEQ_BASE)?
        .and_then(|b| b.parse().ok())
        .unwrap_or(0))
}

/// A local operation as the current identity sends it: its seq counted from that identity's start.
fn wire(op: Operation, base: i64) -> WireOperation {
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

/// Removes a record's content from this device: the diagnostic (orientations cascade) or the
/// anonymous count, and every logged body about it, re-hashed so unsent operations stay valid.
fn erase_locally(tx: &rusqlite::Transaction<'_>, id: &str) -> crate::Result<()> {
    tx.execute("DELETE FROM diagnostic WHERE id = ?1", [id])?;
    tx.execute("DELETE FROM anonymous_count WHERE id = ?1", [id])?;
    let erased = aiguillage_domain::sync::ERASED_BODY;
    tx.execute(
        "UPDATE operation SET body = ?2, body_sha256 = ?3 WHERE entity_id = ?1 AND kind <> 'erase'",
        params![id, erased, body_hash(erased)],
    )?;
    Ok(())
}

/// Applies a page of changes and stores the new cursor in the same transaction.
fn apply_page(store: &mut Store, changes: &[Change], cursor: i64) -> crate::Result<Vec<String>> {
    let at = now();
    store.write(|tx| {
        let mut erased = Vec::new();
        for change in changes {
            match (change.kind.as_str(), &change.entity_id) {
                ("erasure", Some(id)) => {
                    let held: Option<String> = tx
                        .query_row("SELECT entity_id FROM operation WHERE entity_id = ?1 LIMIT 1", [id], |r| r.get(0))
                        .optional()?;
                    erase_locally(tx, id)?;
                    if held.is_some() {
                        erased.push(id.clone());
                    }
                }
                ("directory", _) => {
                    // Rows are checked again here: the device trusts no input, not even its server.
                    let rows = |key: &str| change.payload.get(key).and_then(|v| v.as_array()).cloned().unwrap_or_default();
                    let (structures, services, _rejected) =
                        aiguillage_domain::directory::validation::check_rows(&rows("structures"), &rows("services"));
                    for (structure, raw) in &structures {
                        crate::store::directory::upsert_structure(tx, structure, raw, &at)?;
                    }
                    for (service, raw) in &services {
                        crate::store::directory::upsert_service(tx, service, raw, &at)?;
                    }
                }
                ("questionnaire", _) => {
                    let body = change.payload.get("questionnaire").map(|q| q.to_string()).unwrap_or_default();
                    // Only a questionnaire that loads is kept; anything else is skipped, not fatal.
                    if let Ok(q) = aiguillage_domain::Questionnaire::parse(&body) {
                        crate::store::questionnaires::insert_received(tx, &q.id, q.version, &body, &at)?;
                    }
                }
                // Unknown kinds are skipped so an older app keeps syncing with a newer server.
                _ => {}
            }
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (CURSOR, cursor.to_string()),
        )?;
        Ok(erased)
    })
}

/// Exponential backoff with full jitter, for the background loop.
#[derive(Debug, Clone)]
pub struct Backoff {
    pub base: Duration,
    pub max: Duration,
    attempt: u32,
}

impl Backoff {
    /// Starts at `base`, never waits more than `max`.
    pub fn new(base: Duration, max: Duration) -> Self {
        Backoff {
            base,
            max,
            attempt: 0,
        }
    }

    /// The wait before the next try after a failure: random in [0, min(max, base·2^n)].
    pub fn next_delay(&mut self) -> Duration {
        let ceiling = self
            .base
            .saturating_mul(2u32.saturating_pow(self.attempt))
            .min(self.max);
        self.attempt = self.attempt.saturating_add(1);
        let millis = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(rand::rng().random_range(0..=millis))
    }

    /// After a success, the next failure starts from `base` again.
    pub fn reset(&mut self) {
        self.attempt = 0;
    }
}

/// Runs sync in the background until `stop` fires or its sender is dropped: a first sync after
/// `first` (zero: at once; whoever has just synced waits a whole `interval`), then every
/// `interval` while it succeeds, with backoff and jitter while the server is unreachable, and
/// not at all once the device is revoked. `key` opens an encrypted database.
pub fn run_loop(
    data_dir: std::path::PathBuf,
    key: Option<&crate::vault::DbKey>,
    first: Duration,
    interval: Duration,
    stop: std::sync::mpsc::Receiver<()>,
    mut on_result: impl FnMut(&Result<SyncReport, SyncError>),
) {
    // A stop message, or the sender gone (the session that started the loop closed).
    let stopped_within = |wait: Duration| {
        !matches!(
            stop.recv_timeout(wait),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout)
        )
    };
    if !first.is_zero() && stopped_within(first) {
        return;
    }
    let mut backoff = Backoff::new(Duration::from_secs(2), Duration::from_secs(15 * 60));
    loop {
        let result = Workspace::open_keyed(&data_dir, Mode::Real, key)
            .map_err(SyncError::from)
            .and_then(|mut ws| ws.sync());
        on_result(&result);
        let wait = match &result {
            Ok(_) => {
                backoff.reset();
                interval
            }
            Err(e) if e.is_retryable() => backoff.next_delay(),
            Err(SyncError::Revoked | SyncError::NotEnrolled | SyncError::Demo) => return,
            Err(_) => interval,
        };
        if stopped_within(wait) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_go_over_https_or_to_this_computer_only() {
        for ok in [
            "https://aiguillage.example.org",
            "https://10.0.0.4:8440/",
            "http://127.0.0.1:8440",
            "http://localhost:8440",
            "http://[::1]:8440",
        ] {
            assert!(check_address(ok).is_ok(), "{ok} is accepted");
        }
        for clear in ["http://192.168.1.20:8440", "http://aiguillage.example.org"] {
            assert!(
                matches!(check_address(clear), Err(SyncError::Insecure(_))),
                "{clear} would carry the records in clear"
            );
        }
        for not in [
            "serveur-du-centre",
            "ftp://aiguillage.example.org",
            "https://",
            "",
        ] {
            assert!(
                matches!(check_address(not), Err(SyncError::NotAnAddress(_))),
                "{not:?} is not a server address"
            );
        }
    }

    #[test]
    fn backoff_grows_is_jittered_and_capped() {
        let mut b = Backoff::new(Duration::from_millis(100), Duration::from_millis(1000));
        for attempt in 0..10 {
            let ceiling =
                Duration::from_millis(100 * 2u64.pow(attempt)).min(Duration::from_millis(1000));
            assert!(
                b.next_delay() <= ceiling,
                "attempt {attempt} waits at most {ceiling:?}"
            );
        }
        let waits: Vec<Duration> = (0..20).map(|_| b.next_delay()).collect();
        assert!(
            waits.iter().any(|w| *w != waits[0]),
            "jitter spreads devices out"
        );
        b.reset();
        assert!(
            b.next_delay() <= Duration::from_millis(100),
            "a success starts over"
        );
    }

    #[test]
    fn a_failure_is_recorded_with_its_code_and_one_recorded_before_still_reads() {
        let e = SyncError::Unreachable("connection refused".into());
        let recorded =
            serde_json::to_string(&SyncFailure::new("2026-11-27T09:30:00Z", &e)).unwrap();
        assert_eq!(
            SyncFailure::parse(&recorded),
            SyncFailure {
                at: "2026-11-27T09:30:00Z".into(),
                message: "the server could not be reached: connection refused".into(),
                code: Some("sync_unreachable".into()),
                params: BTreeMap::new(),
            },
            "the app says it from its catalogue, the command line prints the sentence"
        );
        assert_eq!(
            SyncFailure::parse("2026-11-20T08:00:00Z the local database failed: disk full"),
            SyncFailure {
                at: "2026-11-20T08:00:00Z".into(),
                message: "the local database failed: disk full".into(),
                code: None,
                params: BTreeMap::new(),
            },
            "a database from before keeps its last error, shown as it was written"
        );
    }

    #[test]
    fn only_transient_failures_are_retried() {
        assert!(SyncError::Unreachable("x".into()).is_retryable());
        assert!(
            SyncError::Refused {
                status: 503,
                code: "internal".into(),
                message: String::new()
            }
            .is_retryable()
        );
        assert!(
            !SyncError::Refused {
                status: 409,
                code: "conflict".into(),
                message: String::new()
            }
            .is_retryable()
        );
        assert!(!SyncError::Revoked.is_retryable());
    }
}
