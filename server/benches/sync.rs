//! The sync benchmarks and load generator (`cargo bench -p aiguillage-server`), against a real
//! release server process on loopback: SQLite always, PostgreSQL too when
//! AIGUILLAGE_TEST_POSTGRES names a PostgreSQL server; without it, one is started for the run.
//!
//! 1. One device pushes 10 000 diagnostics, end to end (`Workspace::sync`).
//! 2. A sync when nothing changed.
//! 3. Load: 500 devices each push a week of records (20 diagnostics) concurrently; throughput,
//!    p50/p99 push latency, and a count that nothing was lost or doubled. On PostgreSQL, once more
//!    over three server processes sharing the database.

use std::process::{Child, Command};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aiguillage_core::{Mode, Workspace, demo};
use aiguillage_domain::Answers;
use aiguillage_domain::sync::{WireOperation, body_hash};

const BIN: &str = env!("CARGO_BIN_EXE_aiguillage-server");

struct Server {
    url: String,
    db: String,
    child: Child,
}

impl Server {
    fn start(db: String) -> Server {
        let args = ["--db", db.as_str(), "--listen", "127.0.0.1:0", "serve"];
        let (child, url) =
            aiguillage_server::testing::spawn_serving(BIN, &args, &[("RUST_LOG", "warn")]);
        Server { url, db, child }
    }

    fn admin(&self, args: &[&str]) -> String {
        let out = Command::new(BIN)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

fn run(backend: &str, db: String) {
    let server = Server::start(db);
    let centre = server
        .admin(&["centre", "create", "Banc d'essai"])
        .trim()
        .to_owned();

    // 1. 10 000 diagnostics from one device.
    let code = server.admin(&["enrolment-code", &centre]).trim().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path(), Mode::Real).unwrap();
    ws.enrol(&server.url, &code, "banc").unwrap();
    let persona = demo::personas().unwrap().remove(0);
    let answers = Answers::from_map(&ws.questionnaire, &persona.answers).unwrap();
    for _ in 0..10_000 {
        ws.complete(answers.clone(), None, None).unwrap();
    }
    let start = Instant::now();
    let report = ws.sync().unwrap();
    let elapsed = start.elapsed();
    assert_eq!(report.pushed, 10_000);
    println!(
        "| {backend} | push 10 000 diagnostics from one device, end to end | < 5 s | {:.2} s |",
        elapsed.as_secs_f64()
    );

    // 2. A sync when nothing changed.
    let mut samples: Vec<Duration> = (0..30)
        .map(|_| {
            let start = Instant::now();
            ws.sync().unwrap();
            start.elapsed()
        })
        .collect();
    println!(
        "| {backend} | no-op sync (status + empty pull) | < 50 ms | {:.1} ms median |",
        percentile(&mut samples, 0.5).as_secs_f64() * 1e3
    );

    // 3. 500 devices × 20 diagnostics, pushed concurrently.
    load(backend, "", &[server], &centre, 10_000);
}

/// 500 devices × 20 diagnostics pushed concurrently over 32 connections, spread over `servers`
/// (processes on one database), which already hold `before` diagnostics.
fn load(backend: &str, over: &str, servers: &[Server], centre: &str, before: usize) {
    let server = &servers[0];
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path(), Mode::Real).unwrap();
    let persona = demo::personas().unwrap().remove(0);
    let answers = Answers::from_map(&ws.questionnaire, &persona.answers).unwrap();
    let id = ws.complete(answers, None, None).unwrap().id.unwrap();
    let devices = 500;
    let per_device = 20;
    let codes: Vec<String> = server
        .admin(&["enrolment-code", centre, "--count", &devices.to_string()])
        .lines()
        .map(str::to_owned)
        .collect();
    let http = reqwest::blocking::Client::new();
    let tokens: Vec<String> = codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let answer: serde_json::Value = http
                .post(format!("{}/api/v1/enrol", servers[i % servers.len()].url))
                .json(&serde_json::json!({"code": code, "device_name": "charge"}))
                .send()
                .unwrap()
                .json()
                .unwrap();
            answer["token"].as_str().unwrap().to_owned()
        })
        .collect();
    let body = ws.store.list_operations_for(&id).unwrap()[0].body.clone();
    let batches: Vec<(String, Vec<WireOperation>)> = tokens
        .into_iter()
        .map(|token| {
            let ops = (1..=per_device)
                .map(|seq| WireOperation {
                    seq,
                    op_id: uuid::Uuid::now_v7().to_string(),
                    entity: aiguillage_domain::sync::Entity::Diagnostic,
                    entity_id: uuid::Uuid::now_v7().to_string(),
                    kind: aiguillage_domain::sync::OpKind::Create,
                    base_version: None,
                    body: body.clone(),
                    body_sha256: body_hash(&body),
                    recorded_at: "2026-11-26T10:00:00.000Z".into(),
                })
                .collect();
            (token, ops)
        })
        .collect();
    let queue = Arc::new(Mutex::new(batches));
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let start = Instant::now();
    let workers: Vec<_> = (0..32)
        .map(|w| {
            let url = servers[w % servers.len()].url.clone();
            let (queue, latencies) = (queue.clone(), latencies.clone());
            std::thread::spawn(move || {
                let http = reqwest::blocking::Client::new();
                loop {
                    let Some((token, ops)) = queue.lock().unwrap().pop() else {
                        return;
                    };
                    let started = Instant::now();
                    let response = http
                        .post(format!("{url}/api/v1/sync/push"))
                        .bearer_auth(&token)
                        .json(&serde_json::json!({ "operations": ops }))
                        .send()
                        .unwrap();
                    assert!(
                        response.status().is_success(),
                        "push failed: {}",
                        response.status()
                    );
                    latencies.lock().unwrap().push(started.elapsed());
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let wall = start.elapsed();
    let mut latencies = latencies.lock().unwrap().clone();
    let total = devices * per_device as usize;
    let held = server.admin(&["export", "--format", "csv"]).lines().count() - 1;
    assert_eq!(held, total + before, "zero lost, zero duplicated");
    println!(
        "| {backend} | load: 500 devices × 20 diagnostics concurrently (32 connections{over}) | ≥ 5 000/s, p99 < 250 ms | {:.0} diagnostics/s, push p50 {:.0} ms, p99 {:.0} ms, {held} held = {} sent |",
        total as f64 / wall.as_secs_f64(),
        percentile(&mut latencies, 0.5).as_secs_f64() * 1e3,
        percentile(&mut latencies, 0.99).as_secs_f64() * 1e3,
        total + before,
    );
}

fn main() {
    println!("| backend | measure | target | measured |\n|---|---|---|---|");
    let dir = tempfile::tempdir().unwrap();
    run(
        "SQLite",
        format!("sqlite://{}", dir.path().join("bench.sqlite3").display()),
    );
    let base = aiguillage_server::testing::postgres_server();
    run(
        "PostgreSQL",
        aiguillage_server::testing::create_postgres_database(&base, "bench"),
    );
    // Several processes behind one address, as behind a load balancer: each connection goes to
    // one of them in turn.
    let db = aiguillage_server::testing::create_postgres_database(&base, "bench");
    let servers: Vec<Server> = (0..3).map(|_| Server::start(db.clone())).collect();
    let centre = servers[0]
        .admin(&["centre", "create", "Réseau d'essai"])
        .trim()
        .to_owned();
    load("PostgreSQL", ", 3 server processes", &servers, &centre, 0);
}
