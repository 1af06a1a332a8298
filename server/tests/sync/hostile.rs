//! Hostile HTTP: each refused with a 4xx and a JSON body, nothing stored, the server still serving.

use serde_json::json;

use crate::helpers::*;

fn hostile_requests_are_refused_clearly_and_change_nothing(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let device = Device::enrolled(&server, &code);
    let token = device.token();
    let push = "/api/v1/sync/push";
    // (what, token, body, sent as JSON, expected status)
    type Case<'a> = (&'a str, Option<String>, Vec<u8>, bool, u16);
    let cases: Vec<Case<'_>> = vec![
        (
            "no token",
            None,
            b"{\"operations\": []}".to_vec(),
            true,
            401,
        ),
        (
            "forged token",
            Some("ab".repeat(32)),
            b"{\"operations\": []}".to_vec(),
            true,
            401,
        ),
        (
            "malformed JSON",
            Some(token.clone()),
            b"{\"operations\": [".to_vec(),
            true,
            400,
        ),
        (
            "not JSON at all",
            Some(token.clone()),
            b"operations".to_vec(),
            false,
            415,
        ),
        (
            "wrong types",
            Some(token.clone()),
            br#"{"operations": [{"seq": "one"}]}"#.to_vec(),
            true,
            422,
        ),
        (
            "unknown field",
            Some(token.clone()),
            br#"{"operations": [], "admin": true}"#.to_vec(),
            true,
            422,
        ),
        (
            "oversized body",
            Some(token.clone()),
            vec![b' '; 3 * 1024 * 1024],
            true,
            413,
        ),
    ];
    for (what, token, body, json, expected) in cases {
        let (status, answer) = server.post_raw(push, token.as_deref(), body, json);
        assert_eq!(status, expected, "{what}: {answer}");
        assert!(
            answer["code"].is_string() && answer["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{what}: {answer}"
        );
    }
    let sql = json!({ "operations": [{
        "seq": 1, "op_id": "'; DROP TABLE operation; --", "entity": "diagnostic", "entity_id": "x' OR '1'='1",
        "kind": "create", "base_version": null, "body": "{}", "body_sha256": "00", "recorded_at": "now"
    }] });
    let (status, answer) = server.post(push, Some(&token), &sql);
    assert_eq!(status, 422, "SQL-looking strings are refused: {answer}");
    let op = |seq: i64| {
        let body = "{}";
        json!({ "seq": seq, "op_id": format!("019a0000-0000-7000-8000-{seq:012}"), "entity": "diagnostic",
                "entity_id": format!("019a0000-0000-7000-9000-{seq:012}"), "kind": "create", "base_version": null,
                "body": body, "body_sha256": aiguillage_domain::sync::body_hash(body), "recorded_at": "2026-11-26T10:00:00Z" })
    };
    let huge = json!({ "operations": (1..=501).map(op).collect::<Vec<_>>() });
    let (status, answer) = server.post(push, Some(&token), &huge);
    assert_eq!(
        (status, answer["code"].as_str()),
        (413, Some("too_many_operations")),
        "{answer}"
    );
    let (status, answer) = server.get("/api/v1/sync/pull?after=-5", Some(&token));
    assert_eq!(status, 400, "{answer}");
    let (status, answer) = server.get("/api/v1/nowhere", None);
    assert_eq!((status, answer["code"].as_str()), (404, Some("not_found")));
    let (status, answer) = server.post(
        "/api/v1/enrol",
        None,
        &json!({"code": "' OR 1=1 --", "device_name": "x"}),
    );
    assert_eq!(status, 403, "{answer}");
    // Nothing was stored and the server still serves.
    let (status, answer) = server.get("/api/v1/sync/status", Some(&token));
    assert_eq!(
        (status, answer["acked_through"].as_i64()),
        (200, Some(0)),
        "nothing was stored"
    );
    assert_eq!(server.get("/api/v1/health", None).0, 200);
}

crate::on_every_backend!(hostile_requests_are_refused_clearly_and_change_nothing);
