//! Sync from the app against a real server on a loopback port: enrolment, the signed bundle, the
//! background loop, and what it pulls reaching the open session.

use super::*;

/// A real sync server on a loopback port (the server's own router and SQLite storage, served in
/// this process), with a centre and a single-use enrolment code for it: (URL, code, its storage,
/// its files).
fn sync_server() -> (
    String,
    String,
    aiguillage_server::storage::sqlite::Sqlite,
    tempfile::TempDir,
) {
    use aiguillage_server::credentials;
    use aiguillage_server::storage::Storage;
    use aiguillage_server::storage::sqlite::Sqlite;
    let dir = tempfile::tempdir().unwrap();
    let storage = Sqlite::open(&dir.path().join("server.sqlite3")).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let code = credentials::new_enrolment_code();
    let now = chrono::Utc::now();
    let at =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    runtime.block_on(async {
        let centre = storage
            .create_centre("Accueil".into(), "admin".into(), at(now))
            .await
            .unwrap();
        storage
            .create_enrolment_code(
                centre.id,
                credentials::hash(&credentials::normalise_code(&code)),
                at(now + chrono::Duration::hours(1)),
                "admin".into(),
                at(now),
            )
            .await
            .unwrap();
    });
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let served = storage.clone();
    std::thread::spawn(move || {
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, aiguillage_server::router(served))
                .await
                .unwrap();
        });
    });
    (url, code, storage, dir)
}

#[test]
fn a_coordinator_enrols_the_device_syncs_and_writes_a_signed_bundle_from_the_app() {
    let h = Harness::new();
    let (nadia, paul, _) = h.set_up();
    let (url, code, _, _server) = sync_server();
    h.unlock(&nadia, NADIA).unwrap();
    let wrong = block_on(app::enrol_device(
        h.state(),
        url.clone(),
        "AAAA-BBBB".into(),
        "Portable de l'accueil".into(),
    ))
    .unwrap_err();
    assert_eq!(
        wrong.code.as_deref(),
        Some("sync_bad_code"),
        "a wrong code is said in plain words: {wrong:?}"
    );
    assert!(
        !block_on(app::get_status(h.state())).unwrap().sync.enrolled,
        "a refused enrolment changes nothing"
    );
    let draft = block_on(diagnostic::start_draft(h.state())).unwrap();
    let status = block_on(app::enrol_device(
        h.state(),
        format!("{url}/"),
        code.to_lowercase(),
        " Portable de l'accueil ".into(),
    ))
    .unwrap();
    let sync = status.sync;
    assert!(sync.enrolled && sync.last_error.is_none(), "{sync:?}");
    assert_eq!(sync.pending, 0, "nothing waits: a draft is not sent");
    drop(draft);
    let synced = block_on(app::sync_now(h.state())).unwrap().sync;
    assert!(synced.last_success.is_some(), "sync now works from the app");
    let audit = block_on(access::list_audit(h.state(), 20)).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.actor == "Nadia" && e.action == "enrol"),
        "the enrolment is on record under the coordinator who made it: {audit:?}"
    );
    let saved = block_on(app::export_bundle(h.state())).unwrap();
    let bundle: aiguillage_domain::sync::Bundle =
        serde_json::from_str(&std::fs::read_to_string(&saved.path).unwrap()).unwrap();
    assert_eq!(
        bundle.format, "aiguillage-bundle-2",
        "signed with the device's own key"
    );
    assert!(saved.path.contains("fichiers"), "{}", saved.path);
    // A volunteer neither enrols nor carries bundles.
    h.unlock(&paul, "phrase de passe de Paul").unwrap();
    let refused = block_on(app::export_bundle(h.state())).unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Forbidden);
}

#[test]
fn the_records_sync_in_the_background_while_someone_is_signed_in_and_not_once_locked() {
    use aiguillage_server::storage::Storage;
    let h = Harness::new();
    let (nadia, paul, _) = h.set_up();
    let (url, code, storage, _server) = sync_server();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    // When the server last heard from the device: every sync request moves it.
    let last_seen = || {
        runtime
            .block_on(storage.list_devices())
            .unwrap()
            .into_iter()
            .find_map(|d| d.last_seen)
    };
    let moves_within = |seconds: u64| {
        let before = last_seen();
        let deadline = Instant::now() + Duration::from_secs(seconds);
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(100));
            if last_seen() != before {
                return true;
            }
        }
        false
    };
    h.unlock(&nadia, NADIA).unwrap();
    block_on(app::enrol_device(h.state(), url, code, "Accueil".into())).unwrap();
    assert!(
        moves_within(10),
        "the background sync runs while Nadia is signed in (every 0.3 s here)"
    );
    block_on(access::lock_now(h.state(), None)).unwrap();
    // A sync under way when the lock came finishes; then the loop ends.
    let deadline = Instant::now() + Duration::from_secs(70);
    while h.state().background_syncs() > 0 {
        assert!(
            Instant::now() < deadline,
            "the background sync ends after the lock"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !moves_within(2),
        "locked, nothing syncs: the key left with the session"
    );
    // A volunteer cannot sync by hand, but the records still leave while they work.
    h.unlock(&paul, "phrase de passe de Paul").unwrap();
    assert!(
        moves_within(10),
        "the background sync runs again for whoever unlocks"
    );
}

#[test]
fn a_questionnaire_the_background_sync_pulls_is_used_by_the_next_diagnostic_not_the_one_under_way()
{
    use aiguillage_server::storage::Storage;
    let h = Harness::new();
    let (nadia, _, _) = h.set_up();
    let (url, code, storage, _server) = sync_server();
    h.unlock(&nadia, NADIA).unwrap();
    block_on(app::enrol_device(h.state(), url, code, "Accueil".into())).unwrap();
    let version = || {
        block_on(diagnostic::get_questionnaire(h.state()))
            .unwrap()
            .version
    };
    let before = version();
    let under_way = block_on(diagnostic::start_draft(h.state())).unwrap();
    assert!(
        under_way.questionnaire.is_none(),
        "a draft of the current questionnaire is drawn with it"
    );
    let mut next: Value = serde_json::from_str(aiguillage_core::content::QUESTIONNAIRE).unwrap();
    next["version"] = json!(before + 1);
    let name = format!("{}@{}", next["id"].as_str().unwrap(), before + 1);
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(storage.publish(
            None,
            "questionnaire".into(),
            Some(name),
            json!({ "questionnaire": next }).to_string(),
            "admin".into(),
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        ))
        .unwrap();
    // Nobody syncs by hand: the loop (every 0.3 s here) pulls it on its own connection.
    let deadline = Instant::now() + Duration::from_secs(10);
    while version() == before && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        version(),
        before + 1,
        "the next diagnostic is asked with the version the server published, without a new unlock"
    );
    let resumed = block_on(diagnostic::get_draft(h.state(), under_way.id)).unwrap();
    assert_eq!(
        resumed.questionnaire.map(|q| q.version),
        Some(before),
        "the diagnostic under way is still drawn with the version it was started with"
    );
}
