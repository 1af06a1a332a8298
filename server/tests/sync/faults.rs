//! Faults between the device and the server: the server killed after commit and before answering,
//! the client killed at any instant of a sync, a network that drops, duplicates, delays and
//! truncates, clocks wrong by days. Whatever happens, each diagnostic is held exactly once.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rand::Rng;

use crate::helpers::*;

fn assert_exactly_once(server: &Server, device: &Device, expected: usize) {
    let held = server_records(server);
    let mut unique = held.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), held.len(), "no diagnostic is held twice");
    assert_eq!(held.len(), expected, "every diagnostic is held");
    assert_eq!(device.pending(), 0, "the device knows everything arrived");
}

fn killed_after_commit_before_answering(backend: Backend) {
    let mut server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let db = server.db.clone();
    let mut device = Device::enrolled(&server, &code);
    // Restart on the same database (keeping its directory) with the fault switched on.
    server.kill();
    let dir = std::mem::replace(&mut server.dir, tempfile::tempdir().unwrap());
    let mut dying = Server::start_with_env(
        db.clone(),
        dir,
        &[("AIGUILLAGE_FAULT_EXIT_AFTER_COMMIT", "1")],
    );
    device.ws.store.set_meta("sync_server", &dying.url).unwrap();
    device.diagnose(4);
    let err = device.ws.sync().unwrap_err();
    assert!(
        err.is_retryable(),
        "a dropped connection is worth retrying: {err}"
    );
    assert_eq!(
        device.pending(),
        4,
        "no answer came, so nothing is marked sent"
    );
    dying.kill();
    let dir = std::mem::replace(&mut dying.dir, tempfile::tempdir().unwrap());
    let server = Server::start_on(db, dir);
    device
        .ws
        .store
        .set_meta("sync_server", &server.url)
        .unwrap();
    let report = device.ws.sync().unwrap();
    assert_eq!(
        report.pushed, 0,
        "the retry finds everything already committed"
    );
    assert_exactly_once(&server, &device, 4);
}

/// The child of the client-kill test: syncs (and writes new diagnostics) until killed.
#[test]
fn client_child() {
    let Ok(dir) = std::env::var("AIGUILLAGE_SYNC_CHILD_DIR") else {
        return;
    };
    let mut ws =
        aiguillage_core::Workspace::open(std::path::Path::new(&dir), aiguillage_core::Mode::Real)
            .unwrap();
    let persona = aiguillage_core::demo::personas().unwrap().remove(1);
    let answers =
        aiguillage_domain::Answers::from_map(&ws.questionnaire, &persona.answers).unwrap();
    println!("READY");
    loop {
        let id = ws
            .complete(answers.clone(), None, None)
            .unwrap()
            .id
            .unwrap();
        println!("SAVED {id}");
        let _ = ws.sync();
    }
}

fn client_killed_at_any_instant(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let Device { dir, ws } = Device::enrolled(&server, &code);
    let path = dir.path().to_owned();
    drop(ws);
    let exe = std::env::current_exe().unwrap();
    let mut rng = rand::rng();
    for _ in 0..8 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "faults::client_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("AIGUILLAGE_SYNC_CHILD_DIR", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (ready, started) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        // Drain the child's output so it never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.contains("READY") {
                    let _ = ready.send(());
                }
            }
        });
        started
            .recv_timeout(Duration::from_secs(30))
            .expect("the child starts within 30 s");
        // Let it run into the middle of some sync, at a random instant, then SIGKILL.
        std::thread::sleep(Duration::from_millis(rng.random_range(5..120)));
        child.kill().unwrap();
        child.wait().unwrap();
    }
    let mut device = Device {
        ws: aiguillage_core::Workspace::open(&path, aiguillage_core::Mode::Real).unwrap(),
        dir,
    };
    assert_eq!(device.ws.store.integrity_check().unwrap(), "ok");
    device.ws.sync().unwrap();
    let local = device
        .ws
        .store
        .count_diagnostics(&Default::default())
        .unwrap() as usize;
    assert!(local >= 8, "each round saved at least one diagnostic");
    assert_exactly_once(&server, &device, local);
}

/// A loopback proxy that, per request, forwards it, drops it, loses the answer, truncates the
/// answer, sends the request twice, or delays it.
struct Proxy {
    url: String,
    faults: Arc<AtomicBool>,
}

fn read_message(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_lowercase();
            let length = head
                .lines()
                .find_map(|l| {
                    l.strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            while data.len() < end + 4 + length {
                let n = stream.read(&mut buf).ok().filter(|n| *n > 0)?;
                data.extend_from_slice(&buf[..n]);
            }
            return Some(data);
        }
        let n = stream.read(&mut buf).ok().filter(|n| *n > 0)?;
        data.extend_from_slice(&buf[..n]);
    }
}

fn forward(upstream: &str, request: &[u8]) -> Option<Vec<u8>> {
    let mut server = TcpStream::connect(upstream).ok()?;
    server.write_all(request).ok()?;
    read_message(&mut server)
}

impl Proxy {
    fn start(upstream: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let upstream = upstream.trim_start_matches("http://").to_owned();
        let faults = Arc::new(AtomicBool::new(true));
        let on = faults.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(mut client) = client else { continue };
                let (upstream, on) = (upstream.clone(), on.clone());
                std::thread::spawn(move || {
                    let mut rng = rand::rng();
                    while let Some(request) = read_message(&mut client) {
                        let fault = if on.load(Ordering::Relaxed) {
                            rng.random_range(0..6)
                        } else {
                            0
                        };
                        let answer = match fault {
                            1 => return, // the request is lost
                            2 => {
                                let _ = forward(&upstream, &request);
                                return; // the server did the work; the answer is lost
                            }
                            3 => {
                                if let Some(answer) = forward(&upstream, &request) {
                                    let _ = client.write_all(&answer[..answer.len() / 2]);
                                }
                                return; // a truncated answer
                            }
                            4 => {
                                let _ = forward(&upstream, &request);
                                forward(&upstream, &request) // delivered twice
                            }
                            5 => {
                                std::thread::sleep(Duration::from_millis(rng.random_range(0..150)));
                                forward(&upstream, &request)
                            }
                            _ => forward(&upstream, &request),
                        };
                        let Some(answer) = answer else { return };
                        if client.write_all(&answer).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        Proxy { url, faults }
    }
}

fn a_faulty_network_never_loses_or_doubles(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    let proxy = Proxy::start(&server.url);
    device.ws.store.set_meta("sync_server", &proxy.url).unwrap();
    let mut created = 0;
    let mut failures = 0;
    for _ in 0..25 {
        created += device.diagnose(3).len();
        if device.ws.sync().is_err() {
            failures += 1;
        }
    }
    assert!(failures > 0, "the proxy did inject faults");
    proxy.faults.store(false, Ordering::Relaxed);
    device.ws.sync().unwrap();
    assert_exactly_once(&server, &device, created);
}

fn clocks_wrong_by_days_change_nothing(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    device.diagnose(3);
    // This laptop's clock was years off when the diagnostics were recorded, one way then the other.
    let db = device.ws.store.path().to_owned();
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute(
        "UPDATE operation SET recorded_at = '2031-05-01T00:00:00.000Z' WHERE seq = 1",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE operation SET recorded_at = '2019-01-01T00:00:00.000Z' WHERE seq = 2",
        [],
    )
    .unwrap();
    drop(conn);
    device.ws.sync().unwrap();
    device.diagnose(1);
    device.ws.sync().unwrap();
    assert_exactly_once(&server, &device, 4);
}

crate::on_every_backend!(
    killed_after_commit_before_answering,
    client_killed_at_any_instant,
    a_faulty_network_never_loses_or_doubles,
    clocks_wrong_by_days_change_nothing
);

fn a_full_device_disk_fails_clearly_and_loses_nothing(backend: Backend) {
    let server = Server::start(backend);
    let (centre, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    device.diagnose(3);
    // A directory large enough that applying it needs new pages on the device.
    // A directory of new rows (another source than the device's sample), so applying it needs
    // new pages on the device.
    let dump = server.dir.path().join("dump");
    std::fs::create_dir_all(&dump).unwrap();
    for (file, text) in [
        (
            "structures.json",
            aiguillage_core::content::SAMPLE_STRUCTURES,
        ),
        ("services.json", aiguillage_core::content::SAMPLE_SERVICES),
    ] {
        let mut rows: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
        for row in &mut rows {
            row["source"] = serde_json::json!("national");
        }
        std::fs::write(dump.join(file), serde_json::to_string(&rows).unwrap()).unwrap();
    }
    server.admin(&[
        "directory",
        "import",
        dump.to_str().unwrap(),
        "--centre",
        &centre,
    ]);
    device.ws.store.limit_growth(true).unwrap();
    let err = device.ws.sync().unwrap_err();
    assert!(
        err.to_string().contains("full"),
        "the error says the disk is full: {err}"
    );
    assert!(
        matches!(err, aiguillage_core::sync::SyncError::Local(_)),
        "a local failure, not the server's: {err}"
    );
    let held_while_full = server_records(&server).len();
    assert!(held_while_full <= 3);
    device.ws.store.limit_growth(false).unwrap();
    assert_eq!(
        device.ws.store.integrity_check().unwrap(),
        "ok",
        "a failed write leaves the file sound"
    );
    device.ws.sync().unwrap();
    assert_exactly_once(&server, &device, 3);
    assert_eq!(
        device.ws.sync_status().unwrap().last_error,
        None,
        "the error clears once a sync succeeds"
    );
}

crate::on_every_backend!(a_full_device_disk_fails_clearly_and_loses_nothing);
