//! Erasure and retention across the protocol: a consent withdrawal reaches every copy, a late
//! upload of an erased record is not kept, and the server's retention anonymises then deletes.

use std::time::Duration;

use serde_json::Value;

use crate::helpers::*;

fn an_erasure_reaches_the_device_and_a_late_upload_is_not_stored(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    let ids = device.diagnose(2);
    device.ws.sync().unwrap();
    server.admin(&["erase", &ids[0]]);
    let pending: Value = serde_json::from_str(&server.admin(&["pending-erasures"])).unwrap();
    assert_eq!(
        pending.as_array().unwrap().len(),
        1,
        "the device has not applied it yet"
    );
    // Meanwhile the device records a follow-up for the erased diagnostic.
    device.ws.set_follow_up(&ids[0], "went").unwrap();
    let report = device.ws.sync().unwrap();
    assert_eq!(
        report.erased,
        vec![ids[0].clone()],
        "the erasure was applied on the device"
    );
    assert!(
        device.ws.store.get_diagnostic(&ids[0]).is_err(),
        "the record is gone from the device"
    );
    assert_no_content_in_log(&device.ws, &ids[0]);
    assert_eq!(
        server_records(&server),
        vec![ids[1].clone()],
        "the server keeps only the other record"
    );
    let pending: Value = serde_json::from_str(&server.admin(&["pending-erasures"])).unwrap();
    assert!(
        pending.as_array().unwrap().is_empty(),
        "the device acknowledged the erasure"
    );
    assert_eq!(
        device.pending(),
        0,
        "the late follow-up was acknowledged, not stored"
    );
}

fn an_erasure_made_on_the_device_reaches_the_server(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    let ids = device.diagnose(2);
    device.ws.sync().unwrap();
    device.ws.erase(&ids[1]).unwrap();
    device.ws.sync().unwrap();
    assert_eq!(server_records(&server), vec![ids[0].clone()]);
}

/// Consent withdrawn on one laptop reaches the server and every other copy of the record: here
/// a second laptop restored from a backup of the first (same credentials, its own files), which
/// was not running when the person withdrew consent. When it next syncs, its copy is erased.
fn a_consent_withdrawal_on_one_device_erases_the_copy_on_another(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let mut a = Device::enrolled(&server, &code);
    let ids = a.diagnose(2);
    a.ws.sync().unwrap();
    let b_dir = tempfile::tempdir().unwrap();
    let file = aiguillage_core::Mode::Real.file_name();
    let copy = b_dir.path().join(file);
    rusqlite::Connection::open(a.path().join(file))
        .unwrap()
        .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    let mut b =
        aiguillage_core::Workspace::open(b_dir.path(), aiguillage_core::Mode::Real).unwrap();
    assert!(b.store.get_diagnostic(&ids[0]).is_ok(), "B holds a copy");

    a.ws.erase(&ids[0]).unwrap();
    a.ws.sync().unwrap();
    assert_eq!(
        server_records(&server),
        vec![ids[1].clone()],
        "the server erased it"
    );
    assert!(
        b.store.get_diagnostic(&ids[0]).is_ok(),
        "B has not synced yet"
    );

    let report = b.sync().unwrap();
    assert_eq!(report.erased, vec![ids[0].clone()], "B applied the erasure");
    assert!(
        b.store.get_diagnostic(&ids[0]).is_err(),
        "the copy on B is gone"
    );
    assert!(
        b.store.get_diagnostic(&ids[1]).is_ok(),
        "the other record stays"
    );
    assert_no_content_in_log(&b, &ids[0]);
}

fn a_record_erased_after_its_bundle_left_does_not_block_the_next_bundle(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil sans connexion");
    let mut device = Device::enrolled(&server, &code);
    let ids = device.diagnose(2);
    let carry = |device: &Device| {
        let out = server.import_bundle(&device.ws.bundle().unwrap());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    carry(&device);
    // The person withdraws consent: the record is erased on the device, whose log keeps the
    // operation's place with its content removed; the next bundle carries the erasure.
    device.ws.erase(&ids[0]).unwrap();
    device.diagnose(1);
    carry(&device);
    let held = server_records(&server);
    assert!(
        !held.contains(&ids[0]),
        "the erasure reached the server by bundle"
    );
    assert_eq!(held.len(), 2, "the other two records are held once each");
    let quarantine: Value = serde_json::from_str(&server.admin(&["quarantine"])).unwrap();
    assert!(
        quarantine.as_array().unwrap().is_empty(),
        "nothing was refused as a conflict"
    );
}

fn server_retention_anonymises_then_deletes(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    let ids = device.diagnose(2);
    device.ws.sync().unwrap();
    let day = |days: i64| {
        (chrono::Utc::now() + chrono::Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    let out = server.admin(&["retention", "--as-of", &day(700)]);
    assert!(
        out.starts_with("0 diagnostic(s) anonymised, 0"),
        "nothing is due before two years: {out}"
    );
    let out = server.admin(&["retention", "--as-of", &day(800)]);
    assert!(out.starts_with("2 diagnostic(s) anonymised, 0"), "{out}");
    assert_eq!(
        server_records(&server).len(),
        2,
        "anonymised records still count in the figures"
    );
    if let Backend::Sqlite = backend {
        let path = server.db.trim_start_matches("sqlite://");
        let conn = rusqlite::Connection::open(path).unwrap();
        let with_answers: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM operation WHERE body LIKE '%\"answers\"%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(with_answers, 0, "no answers are left after anonymisation");
    }
    let out = server.admin(&["retention", "--as-of", &day(800)]);
    assert!(
        out.starts_with("0 diagnostic(s) anonymised"),
        "a second run finds nothing new: {out}"
    );
    let out = server.admin(&["retention", "--as-of", &day(1200)]);
    assert!(
        out.starts_with("0 diagnostic(s) anonymised, 2 deleted"),
        "two diagnostics, counted once each: {out}"
    );
    assert!(
        server_records(&server).is_empty(),
        "after three years nothing of them is left"
    );
    let pending = server.admin(&["pending-erasures"]);
    assert!(
        ids.iter().all(|id| pending.contains(id.as_str())),
        "the device's copies are still to go: {pending}"
    );
    assert!(device.ws.store.get_diagnostic(&ids[0]).is_ok());
    let report = device.ws.sync().unwrap();
    assert_eq!(
        report.erased.len(),
        2,
        "the device's own copies go at its next sync: {report:?}"
    );
    for id in &ids {
        assert!(device.ws.store.get_diagnostic(id).is_err(), "{id} is gone");
        assert_no_content_in_log(&device.ws, id);
    }
    let out = server.admin(&["retention", "--as-of", &day(1200)]);
    assert!(
        out.contains(", 0 deleted"),
        "an erased diagnostic is not deleted twice: {out}"
    );
    let out = server.admin_raw(&[
        "retention",
        "--anonymise-after-days",
        "900",
        "--delete-after-days",
        "800",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "deleting before anonymising is refused"
    );
}

/// The running server applies retention by itself, on its schedule: the records' age is the
/// clock here (one is made 800 days old in the database file), the schedule ticks every second.
#[test]
fn the_running_server_applies_retention_on_its_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("server.sqlite3");
    let db = format!("sqlite://{}", path.display());
    let server = Server::start_with(db, dir, &[], &["--retention-every", "1"]);
    let (_, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    let ids = device.diagnose(2);
    device.ws.sync().unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    let old = (chrono::Utc::now() - chrono::Duration::days(800))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    conn.execute(
        "UPDATE operation SET received_at = ?1 WHERE entity_id = ?2",
        (&old, &ids[0]),
    )
    .unwrap();
    let with_answers = |id: &str| -> bool {
        conn.query_row(
            "SELECT COUNT(*) FROM operation WHERE entity_id = ?1 AND body LIKE '%\"answers\"%'",
            [id],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
            > 0
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while with_answers(&ids[0]) {
        assert!(
            std::time::Instant::now() < deadline,
            "the schedule anonymised nothing in 15 s"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(with_answers(&ids[1]), "a recent record keeps its answers");
    assert_eq!(
        server_records(&server).len(),
        2,
        "anonymised, not yet deleted"
    );
}

crate::on_every_backend!(
    an_erasure_reaches_the_device_and_a_late_upload_is_not_stored,
    an_erasure_made_on_the_device_reaches_the_server,
    a_consent_withdrawal_on_one_device_erases_the_copy_on_another,
    a_record_erased_after_its_bundle_left_does_not_block_the_next_bundle,
    server_retention_anonymises_then_deletes
);

/// The server's retention periods reach its devices: a device keeps no diagnostic whole longer
/// than the server does, from its next sync.
#[test]
fn a_device_takes_the_servers_retention_periods_at_its_next_sync() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("server.sqlite3").display());
    let server = Server::start_with(
        db,
        dir,
        &[],
        &["--anonymise-after-days", "10", "--delete-after-days", "20"],
    );
    let (_, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    // Two diagnostics made 15 and 25 days ago (the device's clock set back), one today.
    let now = chrono::Utc::now();
    let made_at =
        |days: i64| aiguillage_core::Clock::from_fn(move || now - chrono::Duration::days(days));
    device.ws.store.set_clock(made_at(15));
    let older = device.diagnose(1).remove(0);
    device.ws.store.set_clock(made_at(25));
    let oldest = device.diagnose(1).remove(0);
    device.ws.store.set_clock(aiguillage_core::Clock::system());
    let today = device.diagnose(1).remove(0);
    let whole = |device: &Device, id: &str| {
        device
            .ws
            .store
            .get_diagnostic(id)
            .is_ok_and(|d| !d.answers.is_empty())
    };
    assert!(
        whole(&device, &older) && whole(&device, &oldest),
        "a device never told keeps two years by default"
    );
    device.ws.sync().unwrap();
    assert!(
        !whole(&device, &older),
        "past 10 days: only its figures stay"
    );
    assert!(
        device.ws.store.get_diagnostic(&older).is_ok(),
        "and they do stay"
    );
    assert!(
        device.ws.store.get_diagnostic(&oldest).is_err(),
        "past 20 days: its content is gone"
    );
    assert!(whole(&device, &today), "today's is whole");
}
