//! The server stores only what is well formed: an operation whose body is not what its entity and
//! kind hold is refused with 422 naming its seq, and nothing of its batch (or its bundle) is kept.

use aiguillage_domain::sync::{Entity, OpKind, SigningKey, WireOperation, body_hash};
use serde_json::{Value, json};

use crate::helpers::*;

fn op(seq: i64, kind: OpKind, body: &str) -> WireOperation {
    WireOperation {
        seq,
        op_id: uuid::Uuid::now_v7().to_string(),
        entity: Entity::Diagnostic,
        entity_id: uuid::Uuid::now_v7().to_string(),
        kind,
        base_version: None,
        body: body.into(),
        body_sha256: body_hash(body),
        recorded_at: "2026-12-07T10:00:00.000Z".into(),
    }
}

fn a_malformed_operation_is_refused_with_its_seq_and_nothing_of_its_batch_is_stored(
    backend: Backend,
) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let device = Device::enrolled(&server, &code);
    let token = device.token();
    let good = op(1, OpKind::Create, &diagnostic_body(1));
    for (bad, why) in [
        (
            op(2, OpKind::Create, r#"{"a":1}"#),
            "\"a\" is not part of it",
        ),
        (
            op(2, OpKind::FollowUp, r#"{"follow_up":"peut-être"}"#),
            "follow_up",
        ),
        (
            op(2, OpKind::Choose, "{}"),
            "is not an operation of the protocol",
        ),
    ] {
        let batch = json!({ "operations": [good, bad] });
        let (status, body) = server.post("/api/v1/sync/push", Some(&token), &batch);
        assert_eq!(
            (status, body["code"].clone()),
            (422, json!("invalid")),
            "{body}"
        );
        let message = body["message"].as_str().unwrap();
        assert!(
            message.starts_with("operation 2 ") && message.contains(why),
            "the refusal names the seq and why: {message}"
        );
        let (_, status) = server.get("/api/v1/sync/status", Some(&token));
        assert_eq!(status["acked_through"], 0, "nothing of the batch is stored");
    }
    assert!(server_records(&server).is_empty());
    let (status, body) = server.post(
        "/api/v1/sync/push",
        Some(&token),
        &json!({ "operations": [good] }),
    );
    assert_eq!(
        (status, body["acked_through"].clone()),
        (200, json!(1)),
        "{body}"
    );
}

fn a_bundle_with_a_malformed_operation_is_refused_whole(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    device.diagnose(2);
    let mut bundle = device.ws.bundle().unwrap();
    bundle
        .operations
        .push(op(3, OpKind::Create, r#"{"answers":{}}"#));
    bundle.last_seq = 3;
    // Signed with the device's own key: the signature is good, the operation is not.
    let secret = device.ws.store.sync_state().unwrap().signing_key.unwrap();
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(secret.as_str(), &mut bytes).unwrap();
    bundle.sign(&SigningKey::from_bytes(&bytes));
    let out = server.import_bundle(&bundle);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("operation 3 "),
        "the refusal names the seq: {stderr}"
    );
    assert!(
        server_records(&server).is_empty(),
        "none of the bundle's operations is stored, the good ones included"
    );
}

fn answers_are_checked_against_the_version_the_diagnostic_names(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let device = Device::enrolled(&server, &code);
    let token = device.token();
    let mut next: Value = serde_json::from_str(aiguillage_core::content::QUESTIONNAIRE).unwrap();
    let version = next["version"].as_u64().unwrap() + 1;
    next["version"] = json!(version);
    let file = server.dir.path().join("questionnaire.json");
    std::fs::write(&file, next.to_string()).unwrap();
    server.admin(&["questionnaire", "publish", file.to_str().unwrap()]);
    let with_version = |v: u64| {
        let mut body: Value = serde_json::from_str(&diagnostic_body(1)).unwrap();
        body["version"] = json!(v);
        body.to_string()
    };
    let (status, body) = server.post(
        "/api/v1/sync/push",
        Some(&token),
        &json!({ "operations": [op(1, OpKind::Create, &with_version(version + 1))] }),
    );
    assert_eq!(status, 422, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("does not know"),
        "{body}"
    );
    let (status, body) = server.post(
        "/api/v1/sync/push",
        Some(&token),
        &json!({ "operations": [op(1, OpKind::Create, &with_version(version))] }),
    );
    assert_eq!(
        status, 200,
        "a version published to the devices is known: {body}"
    );
}

crate::on_every_backend!(
    a_malformed_operation_is_refused_with_its_seq_and_nothing_of_its_batch_is_stored,
    a_bundle_with_a_malformed_operation_is_refused_whole,
    answers_are_checked_against_the_version_the_diagnostic_names
);
