//! A device's background loop and the server's own life: the loop syncs until stopped and ends
//! when the device is revoked; the server stops cleanly on SIGTERM.

use crate::helpers::*;

fn the_background_loop_syncs_until_stopped_and_ends_when_revoked(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    let device_id = device.ws.sync_status().unwrap().device_id.unwrap();
    let ids = device.diagnose(2);
    let Device { dir, ws } = device;
    // The loop opens the data directory itself, as the desktop app's background thread will.
    drop(ws);
    let run_after = |path: std::path::PathBuf, first: std::time::Duration| {
        let (stop, stopped) = std::sync::mpsc::channel();
        let (results, outcomes) = std::sync::mpsc::channel();
        let handle = std::thread::spawn(move || {
            aiguillage_core::sync::run_loop(
                path,
                None,
                first,
                std::time::Duration::from_millis(50),
                stopped,
                |r| {
                    let _ = results.send(r.as_ref().map(|_| ()).map_err(|e| e.to_string()));
                },
            )
        });
        (stop, outcomes, handle)
    };
    let run = |path| run_after(path, std::time::Duration::ZERO);
    // Started by whoever has just synced (the app, right after enrolling), the loop waits
    // before its first sync: nothing happens before it is stopped.
    let (stop, outcomes, handle) =
        run_after(dir.path().to_owned(), std::time::Duration::from_secs(3600));
    assert!(
        outcomes
            .recv_timeout(std::time::Duration::from_millis(300))
            .is_err(),
        "no sync before the first delay"
    );
    stop.send(()).unwrap();
    handle.join().expect("a waiting loop stops when told");
    assert!(
        server_records(&server).is_empty(),
        "the waiting loop sent nothing"
    );
    let (stop, outcomes, handle) = run(dir.path().to_owned());
    let first = outcomes
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the loop syncs at once");
    assert_eq!(first, Ok(()));
    stop.send(()).unwrap();
    handle.join().unwrap();
    let mut held = server_records(&server);
    held.sort();
    let mut expected = ids;
    expected.sort();
    assert_eq!(held, expected, "the loop delivered everything");
    server.admin(&["revoke", &device_id]);
    let (_stop, outcomes, handle) = run(dir.path().to_owned());
    let outcome = outcomes
        .recv_timeout(std::time::Duration::from_secs(20))
        .unwrap();
    assert!(
        outcome.unwrap_err().contains("no longer accepts"),
        "the loop reports the revocation"
    );
    handle
        .join()
        .expect("a revoked device's loop ends by itself");
}

#[test]
fn the_server_stops_cleanly_on_sigterm() {
    let mut server = Server::process(Backend::Sqlite);
    assert_eq!(server.get("/api/v1/health", None).0, 200);
    let status = std::process::Command::new("kill")
        .args(["-TERM", &server.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = server
        .wait_exit(std::time::Duration::from_secs(10))
        .expect("the server stops within 10 s of SIGTERM");
    assert!(exit.success(), "a graceful stop exits 0, got {exit}");
}

crate::on_every_backend!(the_background_loop_syncs_until_stopped_and_ends_when_revoked);
