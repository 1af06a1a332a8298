//! Random creates, follow-ups and erasures on several simulated devices of two centres, with
//! random network syncs, file bundles (imported once or twice) and administrator erasures. At the
//! end the server holds exactly the union of what the devices created and nobody erased, no
//! operation twice, every device agrees, and erased records are gone everywhere.

use std::collections::BTreeSet;

use proptest::prelude::*;

use crate::helpers::*;

#[derive(Debug, Clone)]
enum Action {
    Create { device: usize, count: usize },
    FollowUp { device: usize, pick: usize },
    EraseOnDevice { device: usize, pick: usize },
    EraseOnServer { device: usize, pick: usize },
    Sync { device: usize },
    Bundle { device: usize, twice: bool },
}

const DEVICES: usize = 3;

fn action() -> impl Strategy<Value = Action> {
    let device = 0..DEVICES;
    prop_oneof![
        3 => (device.clone(), 1..4usize).prop_map(|(device, count)| Action::Create { device, count }),
        1 => (device.clone(), any::<usize>()).prop_map(|(device, pick)| Action::FollowUp { device, pick }),
        1 => (device.clone(), any::<usize>()).prop_map(|(device, pick)| Action::EraseOnDevice { device, pick }),
        1 => (device.clone(), any::<usize>()).prop_map(|(device, pick)| Action::EraseOnServer { device, pick }),
        3 => device.clone().prop_map(|device| Action::Sync { device }),
        1 => (device, any::<bool>()).prop_map(|(device, twice)| Action::Bundle { device, twice }),
    ]
}

fn run(backend: Backend, actions: &[Action]) -> Result<(), TestCaseError> {
    let server = Server::start(backend);
    let (_, code_a) = server.centre("Centre A");
    let (_, code_b) = server.centre("Centre B");
    let (_, code_c) = server.centre("Centre A bis");
    let mut devices = vec![
        Device::enrolled(&server, &code_a),
        Device::enrolled(&server, &code_b),
        Device::enrolled(&server, &code_c),
    ];
    let mut created: Vec<Vec<String>> = vec![Vec::new(); DEVICES];
    let mut erased: BTreeSet<String> = BTreeSet::new();
    for action in actions {
        match *action {
            Action::Create { device, count } => {
                created[device].extend(devices[device].diagnose(count))
            }
            Action::FollowUp { device, pick } => {
                let alive: Vec<&String> = created[device]
                    .iter()
                    .filter(|id| !erased.contains(*id))
                    .collect();
                if let Some(id) = alive.get(pick % alive.len().max(1)) {
                    // The record may already be erased here by a pulled erasure: then it is refused.
                    let _ = devices[device].ws.set_follow_up(id, "went");
                }
            }
            Action::EraseOnDevice { device, pick } => {
                let alive: Vec<String> = created[device]
                    .iter()
                    .filter(|id| !erased.contains(*id))
                    .cloned()
                    .collect();
                if let Some(id) = alive.get(pick % alive.len().max(1)) {
                    devices[device].ws.erase(id).unwrap();
                    erased.insert(id.clone());
                }
            }
            Action::EraseOnServer { device, pick } => {
                // Only what the server already holds can be erased there.
                let held: BTreeSet<String> = server_records(&server).into_iter().collect();
                let candidates: Vec<&String> = created[device]
                    .iter()
                    .filter(|id| held.contains(*id))
                    .collect();
                if let Some(id) = candidates.get(pick % candidates.len().max(1)) {
                    server.admin(&["erase", id]);
                    erased.insert((*id).clone());
                }
            }
            Action::Sync { device } => {
                devices[device].ws.sync().unwrap();
            }
            Action::Bundle { device, twice } => {
                let bundle = devices[device].ws.bundle().unwrap();
                for _ in 0..if twice { 2 } else { 1 } {
                    let out = server.import_bundle(&bundle);
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            }
        }
    }
    // Everyone syncs twice: the first delivers, the second hears of the erasures of the first.
    for _ in 0..2 {
        for device in &mut devices {
            device.ws.sync().unwrap();
        }
    }
    let expected: BTreeSet<String> = created
        .iter()
        .flatten()
        .filter(|id| !erased.contains(*id))
        .cloned()
        .collect();
    let held = server_records(&server);
    let held_set: BTreeSet<String> = held.iter().cloned().collect();
    prop_assert_eq!(held.len(), held_set.len(), "no record is held twice");
    prop_assert_eq!(
        &held_set,
        &expected,
        "the server holds exactly what was created and not erased"
    );
    for (i, device) in devices.iter().enumerate() {
        prop_assert_eq!(device.pending(), 0, "device {} has sent everything", i);
        let local: BTreeSet<String> = device
            .ws
            .store
            .list_diagnostics(&Default::default())
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        let mine: BTreeSet<String> = created[i]
            .iter()
            .filter(|id| !erased.contains(*id))
            .cloned()
            .collect();
        prop_assert_eq!(&local, &mine, "device {} agrees with the server", i);
        for id in created[i].iter().filter(|id| erased.contains(*id)) {
            let bodies = log_bodies(&device.ws, id);
            prop_assert!(
                bodies.iter().all(|b| !b.contains("answers")),
                "erased {} left content on device {}",
                id,
                i
            );
        }
    }
    Ok(())
}

fn random_histories_converge(backend: Backend) {
    let config = ProptestConfig {
        cases: 6,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest::test_runner::TestRunner::new(config)
        .run(&proptest::collection::vec(action(), 5..25), |actions| {
            run(backend, &actions)
        })
        .unwrap();
}

crate::on_every_backend!(random_histories_converge);
