use aiguillage_core::sync::SyncError;
use aiguillage_domain::sync::{WireOperation, body_hash};
use serde_json::{Value, json};

use crate::helpers::*;

fn op(seq: i64, entity_id: &str, body: &str) -> WireOperation {
    WireOperation {
        seq,
        op_id: uuid_v7(),
        entity: aiguillage_domain::sync::Entity::Diagnostic,
        entity_id: entity_id.into(),
        kind: aiguillage_domain::sync::OpKind::Create,
        base_version: None,
        body: body.into(),
        body_sha256: body_hash(body),
        recorded_at: "2026-11-26T10:00:00Z".into(),
    }
}

fn uuid_v7() -> String {
    // Distinct, well-formed ids for raw requests.
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(1);
    format!(
        "019a0000-0000-7000-8000-{:012}",
        N.fetch_add(1, Ordering::Relaxed)
    )
}

fn every_diagnostic_reaches_the_server_exactly_once(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil des Pentes");
    let mut device = Device::enrolled(&server, &code);
    let ids = device.diagnose(7);
    let report = device.ws.sync().unwrap();
    assert_eq!(report.pushed, 7);
    assert_eq!(
        device.pending(),
        0,
        "everything acknowledged is marked sent"
    );
    let again = device.ws.sync().unwrap();
    assert_eq!(again.pushed, 0, "a sync with nothing new pushes nothing");
    let mut held = server_records(&server);
    held.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(held, expected, "the server holds each diagnostic once");
    let status = device.ws.sync_status().unwrap();
    assert!(status.last_success.is_some() && status.last_error.is_none());
    let device_id = status.device_id.unwrap();
    assert!(
        device
            .ws
            .store
            .list_audit(50)
            .unwrap()
            .iter()
            .any(|e| e.action == "enrol" && e.record_id.as_deref() == Some(device_id.as_str())),
        "the enrolment is in the device's audit trail, with the identity it was given"
    );
}

fn a_retried_request_is_a_no_op_and_a_different_body_is_quarantined(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let device = Device::enrolled(&server, &code);
    let token = device.token();
    let entity = uuid_v7();
    let batch = json!({ "operations": [op(1, &entity, &diagnostic_body(1)), op(2, &uuid_v7(), &diagnostic_body(2))] });
    let (status, body) = server.post("/api/v1/sync/push", Some(&token), &batch);
    assert_eq!((status, body["acked_through"].clone()), (200, json!(2)));
    let (status, body) = server.post("/api/v1/sync/push", Some(&token), &batch);
    assert_eq!(
        (status, body["acked_through"].clone()),
        (200, json!(2)),
        "the same request again changes nothing"
    );
    let changed = json!({ "operations": [op(2, &uuid_v7(), &diagnostic_body(3))] });
    let (status, body) = server.post("/api/v1/sync/push", Some(&token), &changed);
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "conflict");
    let quarantine: Value = serde_json::from_str(&server.admin(&["quarantine"])).unwrap();
    assert_eq!(
        quarantine.as_array().unwrap().len(),
        1,
        "the refused operation is kept for an administrator"
    );
    let (_, status) = server.get("/api/v1/sync/status", Some(&token));
    assert_eq!(status["acked_through"], 2, "the original stays as it was");
}

fn a_gap_is_refused_and_names_the_expected_seq(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let device = Device::enrolled(&server, &code);
    let (status, body) = server.post(
        "/api/v1/sync/push",
        Some(&device.token()),
        &json!({ "operations": [op(3, &uuid_v7(), &diagnostic_body(1))] }),
    );
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        (body["code"].clone(), body["expected"].clone()),
        (json!("gap"), json!(1))
    );
}

fn a_lost_response_just_means_the_next_sync_starts_from_the_servers_mark(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    device.diagnose(3);
    // The server stores the batch, but the device never hears back (its operations stay unsent).
    let ops: Vec<WireOperation> = device
        .ws
        .store
        .list_pending_operations()
        .unwrap()
        .into_iter()
        .map(WireOperation::from)
        .collect();
    let (status, _) = server.post(
        "/api/v1/sync/push",
        Some(&device.token()),
        &json!({ "operations": ops }),
    );
    assert_eq!(status, 200);
    assert_eq!(device.pending(), 3, "the device did not see the answer");
    let report = device.ws.sync().unwrap();
    assert_eq!(
        (report.pushed, device.pending()),
        (0, 0),
        "the status call tells the device all three are held"
    );
    assert_eq!(server_records(&server).len(), 3, "nothing doubled");
}

fn a_revoked_device_is_told_so_and_its_records_leave_by_bundle(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    let device_id = device.ws.sync_status().unwrap().device_id.unwrap();
    device.diagnose(2);
    device.ws.sync().unwrap();
    let late = device.diagnose(3);
    server.admin(&["revoke", &device_id]);
    let err = device.ws.sync().unwrap_err();
    assert!(matches!(err, SyncError::Revoked), "{err}");
    assert!(
        err.to_string().contains("file bundle"),
        "the message says what to do: {err}"
    );
    let status = device.ws.sync_status().unwrap();
    assert!(status.revoked, "the device knows it was revoked");
    assert_eq!(
        status.last_error.and_then(|f| f.code).as_deref(),
        Some("sync_revoked"),
        "the failure is recorded with the code the app words"
    );
    assert_eq!(status.pending, 3, "unsent operations are never dropped");
    let bundle = device.ws.bundle().unwrap();
    for _ in 0..2 {
        let out = server.import_bundle(&bundle);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let held = server_records(&server);
    assert_eq!(
        held.len(),
        5,
        "the bundle's three join the two synced, once, even imported twice"
    );
    assert!(late.iter().all(|id| held.contains(id)));
    let mut tampered = bundle.clone();
    tampered.operations[0].body = r#"{"tampered":true}"#.into();
    tampered.operations[0].body_sha256 = body_hash(&tampered.operations[0].body);
    let out = server.import_bundle(&tampered);
    assert_eq!(out.status.code(), Some(2), "a tampered bundle is refused");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("signature"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A file larger than any bundle is refused unread (sparse: nothing is written to disk).
    let huge = device.path().join("huge-bundle.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(aiguillage_domain::limits::BUNDLE_BYTES + 1)
        .unwrap();
    let out = server.admin_raw(&["bundle", "import", huge.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an oversized bundle file is bad input"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("larger than 128 MB"),
        "the refusal says why: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn a_device_only_sees_and_writes_its_own_centre(backend: Backend) {
    let server = Server::start(backend);
    let (_, code_a) = server.centre("Centre A");
    let (_, code_b) = server.centre("Centre B");
    let mut a = Device::enrolled(&server, &code_a);
    let b = Device::enrolled(&server, &code_b);
    let ids = a.diagnose(1);
    a.ws.sync().unwrap();
    // B tries to erase A's record through its own log.
    let erase = WireOperation {
        kind: aiguillage_domain::sync::OpKind::Erase,
        ..op(1, &ids[0], "{}")
    };
    let (status, body) = server.post(
        "/api/v1/sync/push",
        Some(&b.token()),
        &json!({ "operations": [erase] }),
    );
    assert_eq!(status, 403, "{body}");
    assert_eq!(server_records(&server), ids, "A's record is untouched");
    server.admin(&["erase", &ids[0]]);
    let (_, page) = server.get("/api/v1/sync/pull?after=0", Some(&b.token()));
    assert!(
        page["changes"].as_array().unwrap().is_empty(),
        "B never hears of A's records"
    );
    let (_, page) = server.get("/api/v1/sync/pull?after=0", Some(&a.token()));
    assert_eq!(page["changes"].as_array().unwrap().len(), 1);
}

fn an_enrolment_code_works_once(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let _first = Device::enrolled(&server, &code);
    let dir = tempfile::tempdir().unwrap();
    let mut ws = aiguillage_core::Workspace::open(dir.path(), aiguillage_core::Mode::Real).unwrap();
    let err = ws.enrol(&server.url, &code, "second").unwrap_err();
    assert!(err.to_string().contains("already used"), "{err}");
    let mut demo =
        aiguillage_core::Workspace::open(dir.path(), aiguillage_core::Mode::Demo).unwrap();
    assert!(
        matches!(
            demo.enrol(&server.url, &code, "demo").unwrap_err(),
            SyncError::Demo
        ),
        "demo data never enrols"
    );
}

fn the_device_keeps_everything_while_the_server_is_down_and_sends_it_after(backend: Backend) {
    let mut server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    device.diagnose(2);
    server.kill();
    let err = device.ws.sync().unwrap_err();
    assert!(
        err.is_retryable(),
        "an unreachable server is worth retrying: {err}"
    );
    assert_eq!(device.pending(), 2);
    let db = server.db.clone();
    let dir = std::mem::replace(&mut server.dir, tempfile::tempdir().unwrap());
    let restarted = Server::start_on(db, dir);
    // The device keeps the old address; point it at the restarted server's new port.
    device
        .ws
        .store
        .set_meta("sync_server", &restarted.url)
        .unwrap();
    device.ws.sync().unwrap();
    assert_eq!((device.pending(), server_records(&restarted).len()), (0, 2));
}

fn a_device_enrolled_again_after_a_revocation_sends_only_what_the_server_lacks(backend: Backend) {
    let server = Server::start(backend);
    let (centre, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    let first_id = device.ws.sync_status().unwrap().device_id.unwrap();
    let synced = device.diagnose(2);
    device.ws.sync().unwrap();
    let waiting = device.diagnose(3);
    server.admin(&["revoke", &first_id]);
    assert!(matches!(device.ws.sync(), Err(SyncError::Revoked)));
    // The coordinator enrols the same laptop again, with a new code: a new device identity
    // whose log the server has never seen, on a database whose first two operations it holds.
    let code = server.admin(&["enrolment-code", &centre]).trim().to_owned();
    device.ws.enrol(&server.url, &code, "portable").unwrap();
    let second_id = device.ws.sync_status().unwrap().device_id.unwrap();
    assert_ne!(first_id, second_id, "enrolment gives a new identity");
    let report = device.ws.sync().unwrap();
    assert_eq!(
        (report.pushed, report.acked_through, device.pending()),
        (3, 3, 0),
        "only the three operations the revoked identity never delivered are sent, numbered from 1"
    );
    let later = device.diagnose(1);
    // The bundle path numbers the same way: it continues the new identity's sequence.
    let bundle = device.ws.bundle().unwrap();
    assert_eq!(
        (bundle.first_seq, bundle.last_seq, bundle.device_id.as_str()),
        (4, 4, second_id.as_str()),
        "the bundle carries the new identity's next seq"
    );
    device.ws.sync().unwrap();
    let mut held = server_records(&server);
    held.sort();
    let mut expected: Vec<String> = [synced, waiting, later].concat();
    expected.sort();
    assert_eq!(held, expected, "each diagnostic is held once, none lost");
}

fn a_bundle_is_signed_by_the_device_and_the_token_hash_forges_nothing(backend: Backend) {
    let server = Server::start(backend);
    let (centre, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    let ids = device.diagnose(2);
    let bundle = device.ws.bundle().unwrap();
    assert_eq!(
        bundle.format, "aiguillage-bundle-2",
        "signed with the device's own key"
    );
    // Whoever reads the server's database has the token's hash: a bundle keyed by it is
    // refused, from a file and when another device forwards it.
    let token_hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(device.token()));
    let mut forged = bundle.clone();
    forged.sign_with_token(&token_hash);
    let out = server.import_bundle(&forged);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a bundle keyed by the token hash is refused"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("own key"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let forwarder = Device::enrolled(&server, server.admin(&["enrolment-code", &centre]).trim());
    let (status, body) = server.post(
        "/api/v1/bundles",
        Some(&forwarder.token()),
        &serde_json::to_value(&forged).unwrap(),
    );
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("bad_bundle")),
        "{body}"
    );
    assert!(
        server_records(&server).is_empty(),
        "nothing forged was stored"
    );
    // The device's own bundle goes through.
    let out = server.import_bundle(&bundle);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut held = server_records(&server);
    held.sort();
    let mut expected = ids;
    expected.sort();
    assert_eq!(held, expected);
    // A malformed public key is refused at enrolment.
    let (status, body) = server.post(
        "/api/v1/enrol",
        None,
        &json!({
            "code": server.admin(&["enrolment-code", &centre]).trim(),
            "device_name": "portable",
            "public_key": "00ff",
        }),
    );
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("invalid")),
        "{body}"
    );
}

fn a_device_enrolled_without_a_key_still_sends_bundles_keyed_by_its_token(backend: Backend) {
    // A device enrolled before devices had keys (its enrolment sent none).
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let (status, enrolled) = server.post(
        "/api/v1/enrol",
        None,
        &json!({ "code": code, "device_name": "ancien portable" }),
    );
    assert_eq!(status, 200, "{enrolled}");
    let token = enrolled["token"].as_str().unwrap();
    let id = uuid_v7();
    let mut bundle = aiguillage_domain::sync::Bundle {
        format: String::new(),
        device_id: enrolled["device_id"].as_str().unwrap().into(),
        first_seq: 1,
        last_seq: 1,
        operations: vec![op(1, &id, &diagnostic_body(1))],
        signature: String::new(),
    };
    let signing = aiguillage_domain::sync::SigningKey::from_bytes(&[9; 32]);
    bundle.sign(&signing);
    let out = server.import_bundle(&bundle);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a key the server never received checks nothing"
    );
    bundle.sign_with_token(&hex::encode(<sha2::Sha256 as sha2::Digest>::digest(token)));
    let out = server.import_bundle(&bundle);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

crate::on_every_backend!(
    every_diagnostic_reaches_the_server_exactly_once,
    a_retried_request_is_a_no_op_and_a_different_body_is_quarantined,
    a_gap_is_refused_and_names_the_expected_seq,
    a_lost_response_just_means_the_next_sync_starts_from_the_servers_mark,
    a_revoked_device_is_told_so_and_its_records_leave_by_bundle,
    a_device_enrolled_again_after_a_revocation_sends_only_what_the_server_lacks,
    a_bundle_is_signed_by_the_device_and_the_token_hash_forges_nothing,
    a_device_enrolled_without_a_key_still_sends_bundles_keyed_by_its_token,
    a_device_only_sees_and_writes_its_own_centre,
    an_enrolment_code_works_once,
    the_device_keeps_everything_while_the_server_is_down_and_sends_it_after
);
