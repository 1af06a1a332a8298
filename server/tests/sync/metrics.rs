//! `GET /metrics` in Prometheus' text format counts what happened: batches and operations stored,
//! refused by reason, quarantined, and every request by route and status, with its latency.

use aiguillage_domain::sync::{Entity, OpKind, WireOperation, body_hash};
use serde_json::json;

use crate::helpers::*;

fn op(seq: i64, body: &str) -> WireOperation {
    WireOperation {
        seq,
        op_id: uuid::Uuid::now_v7().to_string(),
        entity: Entity::Diagnostic,
        entity_id: uuid::Uuid::now_v7().to_string(),
        kind: OpKind::Create,
        base_version: None,
        body: body.into(),
        body_sha256: body_hash(body),
        recorded_at: "2026-12-07T10:00:00.000Z".into(),
    }
}

/// The value of the sample `name` (with its labels, as printed) in `text`.
fn sample(text: &str, name: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
}

#[test]
fn metrics_count_what_the_server_stored_refused_and_answered() {
    // A process of its own: the counters are the process's.
    let server = Server::process(Backend::Sqlite);
    let (_, code) = server.centre("Accueil");
    let device = Device::enrolled(&server, &code);
    let token = device.token();
    let (one, two) = (op(1, &diagnostic_body(1)), op(2, &diagnostic_body(2)));
    let push = |ops: Vec<&WireOperation>| {
        server
            .post(
                "/api/v1/sync/push",
                Some(&token),
                &json!({ "operations": ops }),
            )
            .0
    };
    assert_eq!(push(vec![&one, &two]), 200);
    assert_eq!(push(vec![&one, &two]), 200, "a resend stores nothing new");
    assert_eq!(push(vec![&op(3, r#"{"a":1}"#)]), 422);
    assert_eq!(push(vec![&op(9, &diagnostic_body(3))]), 422, "a gap");
    assert_eq!(
        push(vec![&op(2, &diagnostic_body(4))]),
        409,
        "a different body at seq 2"
    );

    let response = reqwest::blocking::get(format!("{}/metrics", server.url)).unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4"),
        "Prometheus' text format"
    );
    let text = response.text().unwrap();
    let expected = [
        ("aiguillage_pushes_total", 2.0),
        ("aiguillage_operations_stored_total", 2.0),
        (
            "aiguillage_operations_refused_total{reason=\"invalid\"}",
            1.0,
        ),
        ("aiguillage_operations_refused_total{reason=\"gap\"}", 1.0),
        ("aiguillage_operations_quarantined_total", 1.0),
        (
            "aiguillage_http_requests_total{route=\"/api/v1/sync/push\",status=\"200\"}",
            2.0,
        ),
        (
            "aiguillage_http_request_duration_seconds_count{route=\"/api/v1/sync/push\"}",
            5.0,
        ),
    ];
    for (name, value) in expected {
        assert_eq!(sample(&text, name), Some(value), "{name} in:\n{text}");
    }
    assert!(
        !text.contains(&token) && !text.contains(&one.entity_id),
        "no credential and no record id in the metrics"
    );
}
