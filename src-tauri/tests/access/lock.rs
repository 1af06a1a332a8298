//! The lock: the idle delay (set, fixed by the environment, enforced with no command coming and
//! with a silent server), a wrong passphrase, the recovery key.

use super::*;

#[test]
fn idle_locks_and_the_diagnostic_in_progress_is_there_after_unlock() {
    let h = Harness::new();
    let (_, paul, _) = h.set_up();
    h.unlock(&paul, "phrase de passe de Paul").unwrap();
    let draft = block_on(diagnostic::start_draft(h.state())).unwrap();
    block_on(diagnostic::answer_draft(
        h.state(),
        draft.id.clone(),
        AnswerInput {
            question: "consent_informed".into(),
            value: Value::Bool(true),
        },
    ))
    .unwrap();

    // Activity within the delay (default 5 minutes) keeps it open…
    h.advance(Duration::from_secs(4 * 60));
    block_on(access::keep_alive(h.state())).unwrap();
    h.advance(Duration::from_secs(4 * 60));
    block_on(diagnostic::get_draft(h.state(), draft.id.clone())).unwrap();
    // …and five minutes and a second without any locks it.
    h.advance(Duration::from_secs(5 * 60 + 1));
    let err = block_on(diagnostic::get_draft(h.state(), draft.id.clone())).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Locked, "{err:?}");
    let state = block_on(access::get_lock_state(h.state())).unwrap();
    assert_eq!(state.phase, LockPhase::Locked);
    assert!(state.who.is_none() && state.allowed.is_empty());

    h.unlock(&paul, "phrase de passe de Paul").unwrap();
    let resumed = block_on(diagnostic::get_draft(h.state(), draft.id.clone())).unwrap();
    assert_eq!(
        resumed.answers.get("consent_informed"),
        Some(&json!(true)),
        "the answer given before the lock is there"
    );

    // A coordinator changes the delay; it applies from the next command.
    block_on(access::lock_now(h.state(), None)).unwrap();
    let nadia = block_on(access::get_lock_state(h.state()))
        .unwrap()
        .volunteers[0]
        .id
        .clone();
    h.unlock(&nadia, NADIA).unwrap();
    let view = block_on(settings::set_idle_lock(h.state(), 1)).unwrap();
    assert_eq!(view.idle_lock_minutes, 1);
    assert_eq!(
        block_on(access::get_lock_state(h.state()))
            .unwrap()
            .idle_seconds,
        60
    );
    let err = block_on(settings::set_idle_lock(h.state(), 0)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::BadInput);
    h.advance(Duration::from_secs(61));
    assert_eq!(
        block_on(app::get_status(h.state())).unwrap_err().kind,
        ErrorKind::Locked
    );
    let audit_reader = h.unlock(&nadia, NADIA);
    assert!(audit_reader.is_ok());
    let audit = block_on(access::list_audit(h.state(), 50)).unwrap();
    let actions: Vec<(&str, &str)> = audit
        .iter()
        .map(|e| (e.actor.as_str(), e.action.as_str()))
        .collect();
    assert!(actions.contains(&("Paul", "idle_lock")), "{actions:?}");
    assert!(actions.contains(&("Nadia", "idle_lock")), "{actions:?}");
    assert!(actions.contains(&("Paul", "unlock")), "{actions:?}");
    assert!(
        actions.contains(&("Nadia", "volunteer_add: trainer")),
        "{actions:?}"
    );
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == ("Nadia", "settings_change"))
            .count(),
        1,
        "the new lock delay is traced once; the refused one is not: {actions:?}"
    );
}

#[test]
fn a_delay_fixed_by_the_environment_applies_and_settings_say_so() {
    let h = Harness::with_idle_override(Some(Duration::from_secs(3)));
    let (nadia, _, _) = h.set_up();
    h.unlock(&nadia, NADIA).unwrap();
    let view = block_on(settings::get_settings(h.state())).unwrap();
    assert_eq!(
        (view.idle_lock_minutes, view.idle_lock_override_seconds),
        (5, Some(3)),
        "the stored setting is shown with the delay that really applies"
    );
    // Changing the setting keeps it for later runs but not this one.
    let view = block_on(settings::set_idle_lock(h.state(), 10)).unwrap();
    assert_eq!(view.idle_lock_override_seconds, Some(3));
    h.advance(Duration::from_secs(4));
    assert_eq!(
        block_on(app::get_status(h.state())).unwrap_err().kind,
        ErrorKind::Locked,
        "the fixed three seconds apply, not the ten minutes set"
    );
    let plain = Harness::new();
    let (nadia, _, _) = plain.set_up();
    plain.unlock(&nadia, NADIA).unwrap();
    let view = block_on(settings::get_settings(plain.state())).unwrap();
    assert_eq!(view.idle_lock_override_seconds, None);
}

#[test]
fn a_wrong_passphrase_opens_nothing_and_a_removed_volunteer_is_gone() {
    let h = Harness::new();
    let (nadia, paul, _) = h.set_up();
    block_on(access::lock_now(h.state(), None)).unwrap();

    let err = h.unlock(&paul, "pas la bonne phrase").unwrap_err();
    assert_eq!(err.kind, ErrorKind::BadInput);
    assert!(err.message.contains("passphrase"), "{}", err.message);
    assert_eq!(
        block_on(app::get_status(h.state())).unwrap_err().kind,
        ErrorKind::Locked,
        "nothing was opened"
    );

    h.unlock(&nadia, NADIA).unwrap();
    let err = block_on(access::remove_volunteer(h.state(), nadia.clone())).unwrap_err();
    assert!(err.message.contains("yourself"), "{}", err.message);
    block_on(access::remove_volunteer(h.state(), paul.clone())).unwrap();
    block_on(access::lock_now(h.state(), None)).unwrap();
    let err = h.unlock(&paul, "phrase de passe de Paul").unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound, "{err:?}");
}

#[test]
fn the_recovery_key_opens_the_records_and_resets_a_forgotten_passphrase() {
    let h = Harness::new();
    let view = block_on(access::set_up_device(
        h.state(),
        "Nadia".into(),
        NADIA.into(),
        None,
    ))
    .unwrap();
    let nadia = view.lock.who.unwrap().id;
    block_on(access::lock_now(h.state(), None)).unwrap();

    let err = block_on(access::unlock_with_recovery(h.state(), "AAAA-BBBB".into())).unwrap_err();
    assert_eq!(err.kind, ErrorKind::BadInput);
    let state = block_on(access::unlock_with_recovery(
        h.state(),
        view.recovery_key.to_lowercase(),
    ))
    .unwrap();
    assert_eq!(state.phase, LockPhase::Unlocked);
    assert_eq!(state.who.unwrap().role, "coordinator");
    block_on(access::set_volunteer_passphrase(
        h.state(),
        nadia.clone(),
        "nouvelle phrase de Nadia".into(),
    ))
    .unwrap();
    block_on(access::lock_now(h.state(), None)).unwrap();
    assert!(
        h.unlock(&nadia, NADIA).is_err(),
        "the old passphrase is gone"
    );
    h.unlock(&nadia, "nouvelle phrase de Nadia").unwrap();
}

#[test]
fn the_app_locks_itself_after_the_delay_even_when_no_command_comes() {
    let h = Harness::new();
    let (_, paul, _) = h.set_up();
    h.unlock(&paul, "phrase de passe de Paul").unwrap();
    let phase = |h: &Harness| block_on(access::get_lock_state(h.state())).unwrap().phase;
    // Reading the lock's state is not use, and does not lock by itself either.
    h.advance(Duration::from_secs(4 * 60));
    // Two passes of the watch at that time, so it has had every chance to lock.
    let passes = h.state().idle_checks() + 2;
    let deadline = Instant::now() + Duration::from_secs(10);
    while h.state().idle_checks() < passes {
        assert!(
            Instant::now() < deadline,
            "the idle watch runs every half second"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        phase(&h),
        LockPhase::Unlocked,
        "within the delay it stays open"
    );
    h.advance(Duration::from_secs(60 + 1));
    // No command: only the watch can close the session now.
    let deadline = Instant::now() + Duration::from_secs(10);
    while phase(&h) != LockPhase::Locked {
        assert!(
            Instant::now() < deadline,
            "the session stayed open past the delay with no command to notice it"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    h.unlock(&paul, "phrase de passe de Paul").unwrap();
    let audit = block_on(access::list_audit(h.state(), 10));
    assert_eq!(
        audit.unwrap_err().kind,
        ErrorKind::Forbidden,
        "Paul may not read the trail; the coordinator's check is below"
    );
    let state = block_on(access::get_lock_state(h.state())).unwrap();
    let nadia = state.volunteers.iter().find(|v| v.name == "Nadia").unwrap();
    h.unlock(&nadia.id, NADIA).unwrap();
    let audit = block_on(access::list_audit(h.state(), 10)).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.actor == "Paul" && e.action == "idle_lock"),
        "the watch's lock is on record as an idle lock: {audit:?}"
    );
}

#[test]
fn a_silent_server_does_not_keep_the_app_from_locking() {
    let h = Harness::with_nadia_signed_in();
    // A server that takes the request and says nothing until the test lets it go.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (arrived, request_arrived) = std::sync::mpsc::channel();
    let (release, released) = std::sync::mpsc::channel::<()>();
    let server = std::thread::spawn(move || {
        let (socket, _) = listener.accept().unwrap();
        arrived.send(()).unwrap();
        let _ = released.recv_timeout(Duration::from_secs(30));
        drop(socket);
    });
    std::thread::scope(|scope| {
        let (state, for_lock) = (h.state(), h.state());
        let enrolling = scope.spawn(move || {
            block_on(app::enrol_device(
                state,
                url,
                "AAAA-BBBB".into(),
                "Portable de l'accueil".into(),
            ))
        });
        request_arrived
            .recv_timeout(Duration::from_secs(20))
            .expect("the enrolment reaches the server");
        // The volunteer steps away while the server keeps silent: the lock must not wait for it.
        let (tx, locked) = std::sync::mpsc::channel();
        scope.spawn(move || {
            let _ = tx.send(block_on(access::lock_now(for_lock, None)));
        });
        let locked = locked
            .recv_timeout(Duration::from_secs(10))
            .expect("locking waited for the server's answer")
            .unwrap();
        assert_eq!(locked.phase, LockPhase::Locked);
        release.send(()).unwrap();
        let enrolled = enrolling.join().unwrap();
        assert!(
            enrolled.is_err(),
            "the silent server enrolled nothing: {enrolled:?}"
        );
    });
    server.join().unwrap();
}

#[test]
fn the_computers_lock_locks_the_app_and_tells_the_page() {
    use std::sync::Mutex;
    use tauri::ipc::{Channel, InvokeResponseBody};

    let h = Harness::new();
    let (nadia, paul, _) = h.set_up();
    h.unlock(&paul, "phrase de passe de Paul").unwrap();
    let told = Arc::new(Mutex::new(Vec::<Value>::new()));
    let page = Arc::clone(&told);
    block_on(access::watch_system_lock(
        h.state(),
        Channel::new(move |body| {
            if let InvokeResponseBody::Json(json) = body {
                page.lock()
                    .unwrap()
                    .push(serde_json::from_str(&json).unwrap());
            }
            Ok(())
        }),
    ))
    .unwrap();

    // What the watch calls when Windows locks the session or goes to sleep.
    let state = h.state().lock_for_system();
    assert_eq!(
        state.phase,
        LockPhase::Locked,
        "locked at once, not after the delay"
    );
    assert_eq!(
        block_on(app::get_status(h.state())).unwrap_err().kind,
        ErrorKind::Locked,
        "the records are closed"
    );
    let told = told.lock().unwrap().clone();
    assert_eq!(told.len(), 1, "the page is told once: {told:?}");
    assert_eq!(
        told[0]["phase"], "locked",
        "the page hides what it showed: {told:?}"
    );

    // A coordinator reads the audit trail.
    h.unlock(&nadia, NADIA).unwrap();
    let audit = block_on(access::list_audit(h.state(), 50)).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.actor == "Paul" && e.action == "system_lock"),
        "the audit trail says why Paul's session closed: {audit:?}"
    );
}
