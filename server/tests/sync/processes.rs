//! Several `aiguillage-server serve` processes on one PostgreSQL, as behind a load balancer:
//! devices enrolled and syncing through different processes, and one device pushing the same
//! batch through two processes at once. Every operation is stored exactly once.

use std::collections::BTreeSet;

use serde_json::json;

use crate::helpers::*;

#[test]
fn three_processes_on_one_postgresql_store_every_operation_exactly_once() {
    let db = postgres_database();
    let servers: Vec<Server> = (0..3)
        .map(|_| Server::start_with(db.clone(), tempfile::tempdir().unwrap(), &[], &[]))
        .collect();
    let centre = servers[0].admin(&["centre", "create", "Accueil du réseau"]);
    let codes: Vec<String> = servers[0]
        .admin(&["enrolment-code", centre.trim(), "--count", "6"])
        .lines()
        .map(str::to_owned)
        .collect();
    // Six devices, each enrolled through (and so syncing with) one of the three processes.
    let mut devices: Vec<Device> = codes
        .iter()
        .enumerate()
        .map(|(i, code)| Device::enrolled(&servers[i % 3], code))
        .collect();
    let mut made = BTreeSet::new();
    for device in &mut devices {
        made.extend(device.diagnose(25));
    }

    // The first device's unsent operations, pushed through two processes at the same instant.
    let token = devices[0].token();
    let operations = devices[0].ws.bundle().unwrap().operations;
    let batch = json!({ "operations": operations });
    let answers: Vec<(u16, serde_json::Value)> = std::thread::scope(|scope| {
        let pushes: Vec<_> = [&servers[1], &servers[2]]
            .into_iter()
            .map(|server| {
                let (token, batch) = (&token, &batch);
                scope.spawn(move || server.post("/api/v1/sync/push", Some(token), batch))
            })
            .collect();
        pushes.into_iter().map(|p| p.join().unwrap()).collect()
    });
    for (status, body) in &answers {
        assert_eq!(
            (*status, body["acked_through"].clone()),
            (200, json!(25)),
            "both processes answer that all 25 are held: {body}"
        );
    }

    // Every device syncs, all at once, each through its own process.
    std::thread::scope(|scope| {
        for device in &mut devices {
            scope.spawn(move || device.ws.sync().unwrap());
        }
    });
    for device in &devices {
        assert_eq!(device.pending(), 0, "every operation is acknowledged");
    }
    let held = server_records(&servers[0]);
    let unique: BTreeSet<String> = held.iter().cloned().collect();
    assert_eq!(held.len(), unique.len(), "no diagnostic is stored twice");
    assert_eq!(
        unique, made,
        "the server holds exactly what the devices made"
    );
}
