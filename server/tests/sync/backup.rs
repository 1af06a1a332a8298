//! Backing up while devices sync, and restoring: every operation acknowledged before the backup
//! began is in it; a file that is not a backup replaces nothing.

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::helpers::*;

#[test]
fn a_backup_taken_during_a_load_holds_every_acknowledged_operation() {
    let server = Server::process(Backend::Sqlite);
    let (centre, _) = server.centre("Accueil");
    let mut devices: Vec<Device> = server
        .admin(&["enrolment-code", &centre, "--count", "3"])
        .lines()
        .map(|code| Device::enrolled(&server, code))
        .collect();
    // Diagnostics acknowledged by the server so far, as the devices learn it.
    let acknowledged = Mutex::new(BTreeSet::new());
    let stop = AtomicBool::new(false);
    let backup = server.dir.path().join("sauvegarde.sqlite3");
    std::thread::scope(|scope| {
        for device in &mut devices {
            let (acknowledged, stop) = (&acknowledged, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Acquire) {
                    let made = device.diagnose(3);
                    device.ws.sync().unwrap();
                    acknowledged.lock().unwrap().extend(made);
                }
            });
        }
        // The backup starts once some are held, while the devices go on pushing.
        let deadline = Instant::now() + Duration::from_secs(60);
        while acknowledged.lock().unwrap().len() < 30 {
            assert!(Instant::now() < deadline, "the devices sync");
            std::thread::sleep(Duration::from_millis(20));
        }
        let before: BTreeSet<String> = acknowledged.lock().unwrap().clone();
        server.admin(&["backup", "--out", backup.to_str().unwrap()]);
        stop.store(true, Ordering::Release);
        let restored_dir = tempfile::tempdir().unwrap();
        let restored = format!(
            "sqlite://{}",
            restored_dir.path().join("restaure.sqlite3").display()
        );
        let out = std::process::Command::new(BIN)
            .args(["--db", &restored, "restore", backup.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let held: BTreeSet<String> = server_records(&Server::start_on(restored, restored_dir))
            .into_iter()
            .collect();
        let missing: Vec<&String> = before.difference(&held).collect();
        assert!(
            missing.is_empty(),
            "every diagnostic acknowledged before the backup is in it; missing: {missing:?}"
        );
    });
}

#[test]
fn a_file_that_is_not_a_backup_replaces_nothing() {
    let server = Server::process(Backend::Sqlite);
    let (_, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    let made: BTreeSet<String> = device.diagnose(2).into_iter().collect();
    device.ws.sync().unwrap();
    let dir = server.dir.path();
    let text = dir.join("notes.txt");
    std::fs::write(&text, "pas une sauvegarde").unwrap();
    let other = dir.join("autre.sqlite3");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x INTEGER)")
        .unwrap();
    for (file, why) in [
        (&text, "not an SQLite database"),
        (&other, "no centre table"),
    ] {
        let out = server.admin_raw(&["restore", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(why) && stderr.contains("nothing was replaced"),
            "{stderr}"
        );
    }
    let held: BTreeSet<String> = server_records(&server).into_iter().collect();
    assert_eq!(held, made, "the database is as it was");
    let existing = dir.join("existe.sqlite3");
    std::fs::write(&existing, "").unwrap();
    let out = server.admin_raw(&["backup", "--out", existing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "a backup never replaces a file");
}
