//! The lock and the roles, through the app's real commands on a real (encrypted) data directory:
//! each command is called with Tauri's `State` from the mock runtime, without a window.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tauri::Manager;
use tauri::async_runtime::block_on;
use tauri::test::{MockRuntime, mock_app};

use aiguillage_app::CommandError;
use aiguillage_app::commands::{access, app, diagnostic, directory, history, report, settings};
use aiguillage_app::dto::{AnswerInput, HistoryQuery, LockPhase, Period};
use aiguillage_app::error::ErrorKind;
use aiguillage_app::state::{AppState, Config};
use aiguillage_core::vault::KdfParams;

const NADIA: &str = "phrase de passe de Nadia";

/// An app on a fresh data directory whose clock the test moves.
struct Harness {
    app: tauri::App<MockRuntime>,
    clock: Arc<AtomicU64>,
    dir: tempfile::TempDir,
}

impl Harness {
    fn new() -> Self {
        Self::with_idle_override(None)
    }

    /// An app whose lock delay the environment fixed (`AIGUILLAGE_IDLE_LOCK_SECONDS`).
    fn with_idle_override(idle_override: Option<Duration>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(AtomicU64::new(0));
        let start = Instant::now();
        let seconds = Arc::clone(&clock);
        let config = Config {
            kdf: KdfParams::TEST_ONLY_FAST,
            clock: Arc::new(move || start + Duration::from_secs(seconds.load(Ordering::SeqCst))),
            idle_override,
            files_dir: Some(dir.path().join("fichiers")),
            sync_every: Duration::from_millis(300),
        };
        let state = AppState::open(&dir.path().join("data"), config).unwrap();
        let app = mock_app();
        app.manage(state);
        Harness { app, clock, dir }
    }

    fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }

    fn advance(&self, by: Duration) {
        self.clock.fetch_add(by.as_secs(), Ordering::SeqCst);
    }

    /// The data directory the app was opened on.
    fn data_dir(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }

    /// The set-up screen's command, with Nadia as the first coordinator.
    fn set_up_nadia(&self) -> Result<aiguillage_app::dto::SetUpView, CommandError> {
        block_on(access::set_up_device(
            self.state(),
            "Nadia".into(),
            NADIA.into(),
            Some("Centre d'essai".into()),
        ))
    }

    /// Set up with Nadia as coordinator, then Paul (volunteer) and Léa (trainer) added.
    fn set_up(&self) -> (String, String, String) {
        let view = self.set_up_nadia().unwrap();
        assert_eq!(view.lock.phase, LockPhase::Unlocked);
        for (name, role, pass) in [
            ("Paul", "volunteer", "phrase de passe de Paul"),
            ("Léa", "trainer", "phrase de passe de Léa"),
        ] {
            block_on(access::add_volunteer(
                self.state(),
                name.into(),
                role.into(),
                pass.into(),
            ))
            .unwrap();
        }
        let people = block_on(access::get_lock_state(self.state()))
            .unwrap()
            .volunteers;
        let id = |name: &str| people.iter().find(|v| v.name == name).unwrap().id.clone();
        (id("Nadia"), id("Paul"), id("Léa"))
    }

    /// Set up as above, with Nadia (the coordinator) signed in.
    fn with_nadia_signed_in() -> Self {
        let h = Self::new();
        let (nadia, _, _) = h.set_up();
        h.unlock(&nadia, NADIA).unwrap();
        h
    }

    fn unlock(&self, id: &str, passphrase: &str) -> Result<(), CommandError> {
        block_on(access::unlock(self.state(), id.into(), passphrase.into())).map(|_| ())
    }
}

/// Who may do what, written out by hand from the issue, not derived from the code under test.
const ROLE_TABLE: [(&str, [bool; 3]); 12] = [
    // action           volunteer, coordinator, trainer
    ("run_diagnostic", [true, true, true]),
    ("view_records", [true, true, true]),
    ("use_real_records", [true, true, false]),
    ("use_demo", [true, true, true]),
    ("view_reports", [false, true, false]),
    ("export", [false, true, false]),
    ("edit_directory", [false, true, false]),
    ("enrol", [false, true, false]),
    ("manage_volunteers", [false, true, false]),
    ("change_settings", [false, true, false]),
    ("erase", [false, true, false]),
    ("view_audit", [false, true, false]),
];

/// Every command the UI can call, with the action it needs; `None` for those that work before
/// anyone unlocks or for whoever is signed in (the lock, the language, the status line). Written
/// by hand from what each command does.
const COMMANDS: [(&str, Option<&str>); 48] = [
    ("get_lock_state", None),
    ("set_up_device", None),
    ("unlock", None),
    ("unlock_with_recovery", None),
    ("lock_now", None),
    ("keep_alive", None),
    ("list_volunteers", Some("manage_volunteers")),
    ("add_volunteer", Some("manage_volunteers")),
    ("remove_volunteer", Some("manage_volunteers")),
    ("set_volunteer_passphrase", Some("manage_volunteers")),
    ("list_audit", Some("view_audit")),
    ("get_status", None),
    ("set_language", None),
    // Checked on the way it goes (use_demo or use_real_records): the table's own test.
    ("set_demo_mode", None),
    ("reset_demo", Some("use_demo")),
    ("list_personas", None),
    ("sync_now", Some("enrol")),
    ("enrol_device", Some("enrol")),
    ("export_bundle", Some("export")),
    ("get_questionnaire", Some("run_diagnostic")),
    ("start_draft", Some("run_diagnostic")),
    ("get_draft", Some("run_diagnostic")),
    ("list_drafts", Some("run_diagnostic")),
    ("answer_draft", Some("run_diagnostic")),
    ("set_draft_first_name", Some("run_diagnostic")),
    ("delete_draft", Some("run_diagnostic")),
    ("complete_draft", Some("run_diagnostic")),
    ("get_diagnostic", Some("view_records")),
    ("leave_result", Some("run_diagnostic")),
    ("choose_orientations", Some("run_diagnostic")),
    ("preview_sheet", Some("run_diagnostic")),
    ("save_sheet", Some("run_diagnostic")),
    ("list_diagnostics", Some("view_records")),
    ("set_follow_up", Some("run_diagnostic")),
    ("erase_diagnostic", Some("erase")),
    ("search_services", Some("view_records")),
    ("get_structure", Some("view_records")),
    ("list_thematiques", None),
    ("import_directory", Some("edit_directory")),
    ("save_local_structure", Some("edit_directory")),
    ("get_report", Some("view_reports")),
    ("export_csv", Some("export")),
    ("get_settings", None),
    ("set_centre_name", Some("change_settings")),
    ("set_centre_commune", Some("change_settings")),
    ("search_communes", None),
    ("set_retention", Some("change_settings")),
    ("set_idle_lock", Some("change_settings")),
];

/// Calls `command` with harmless arguments (unknown ids, a short passphrase, an address that is
/// not one): past the role check they fail on their input or do no harm.
fn call(h: &Harness, command: &str) -> Result<(), CommandError> {
    let st = || h.state();
    let period = || Period {
        from: None,
        to: None,
    };
    let id = || "inconnu".to_owned();
    fn done<T>(r: Result<T, CommandError>) -> Result<(), CommandError> {
        r.map(drop)
    }
    match command {
        "list_volunteers" => done(block_on(access::list_volunteers(st()))),
        "add_volunteer" => done(block_on(access::add_volunteer(
            st(),
            "Sami".into(),
            "volunteer".into(),
            "court".into(),
        ))),
        "remove_volunteer" => done(block_on(access::remove_volunteer(st(), id()))),
        "set_volunteer_passphrase" => done(block_on(access::set_volunteer_passphrase(
            st(),
            id(),
            "court".into(),
        ))),
        "list_audit" => done(block_on(access::list_audit(st(), 1))),
        "reset_demo" => done(block_on(app::reset_demo(st()))),
        "sync_now" => done(block_on(app::sync_now(st()))),
        "enrol_device" => done(block_on(app::enrol_device(
            st(),
            "pas-une-adresse".into(),
            "AAAA-BBBB".into(),
            "Portable".into(),
        ))),
        "export_bundle" => done(block_on(app::export_bundle(st()))),
        "get_questionnaire" => done(block_on(diagnostic::get_questionnaire(st()))),
        "start_draft" => done(block_on(diagnostic::start_draft(st()))),
        "get_draft" => done(block_on(diagnostic::get_draft(st(), id()))),
        "list_drafts" => done(block_on(diagnostic::list_drafts(st()))),
        "answer_draft" => done(block_on(diagnostic::answer_draft(
            st(),
            id(),
            AnswerInput {
                question: "consent_informed".into(),
                value: Value::Bool(true),
            },
        ))),
        "set_draft_first_name" => {
            done(block_on(diagnostic::set_draft_first_name(st(), id(), None)))
        }
        "delete_draft" => done(block_on(diagnostic::delete_draft(st(), id()))),
        "complete_draft" => done(block_on(diagnostic::complete_draft(st(), id()))),
        "get_diagnostic" => done(block_on(diagnostic::get_diagnostic(st(), id()))),
        "leave_result" => done(block_on(diagnostic::leave_result(st(), id()))),
        "choose_orientations" => done(block_on(diagnostic::choose_orientations(
            st(),
            id(),
            vec![],
        ))),
        "preview_sheet" => done(block_on(diagnostic::preview_sheet(st(), id()))),
        "save_sheet" => done(block_on(diagnostic::save_sheet(st(), id()))),
        "list_diagnostics" => done(block_on(history::list_diagnostics(
            st(),
            HistoryQuery {
                from: None,
                to: None,
                profile: None,
                need: None,
                offset: 0,
                limit: 1,
            },
        ))),
        "set_follow_up" => done(block_on(history::set_follow_up(st(), id(), "went".into()))),
        "erase_diagnostic" => done(block_on(history::erase_diagnostic(st(), id()))),
        "search_services" => done(block_on(directory::search_services(
            st(),
            serde_json::from_value(
                json!({"thematique": "numerique--prendre-en-main-un-ordinateur"}),
            )
            .unwrap(),
        ))),
        "get_structure" => done(block_on(directory::get_structure(
            st(),
            "test".into(),
            id(),
        ))),
        "import_directory" => done(block_on(directory::import_directory(
            st(),
            "annuaire.json".into(),
            "pas du JSON".into(),
            tauri::ipc::Channel::new(|_| Ok(())),
        ))),
        "save_local_structure" => done(block_on(directory::save_local_structure(
            st(),
            serde_json::from_value(json!({
                "nom": "", "commune": "", "service_nom": "", "service_description": "",
                "thematiques": []
            }))
            .unwrap(),
        ))),
        "get_report" => done(block_on(report::get_report(st(), period()))),
        "export_csv" => done(block_on(report::export_csv(st(), period()))),
        "set_centre_name" => done(block_on(settings::set_centre_name(st(), "".into()))),
        "set_centre_commune" => done(block_on(settings::set_centre_commune(st(), "".into()))),
        "search_communes" => done(block_on(settings::search_communes(st(), "lyon".into()))),
        "set_retention" => done(block_on(settings::set_retention(st(), 0, 0))),
        "set_idle_lock" => done(block_on(settings::set_idle_lock(st(), 0))),
        other => panic!("no call written for {other}"),
    }
}

/// The outcome of a command, reduced to what the role table checks.
fn refused(result: Result<impl Sized, CommandError>) -> Option<CommandError> {
    match result {
        Err(e) if e.kind == ErrorKind::Forbidden => Some(e),
        Err(e) => {
            // Allowed actions may still fail on their input (an unknown id, no server): never
            // with a lock or a refusal.
            assert_ne!(e.kind, ErrorKind::Locked, "{e:?}");
            None
        }
        Ok(_) => None,
    }
}

#[test]
fn every_role_can_do_exactly_its_actions_through_the_commands() {
    let h = Harness::new();
    let (nadia, paul, lea) = h.set_up();
    // Written out by hand from the issue, not derived from the code under test.
    let table = ROLE_TABLE;
    for (column, (who, id, passphrase)) in [
        ("volunteer", &paul, "phrase de passe de Paul"),
        ("coordinator", &nadia, NADIA),
        ("trainer", &lea, "phrase de passe de Léa"),
    ]
    .into_iter()
    .enumerate()
    {
        h.unlock(id, passphrase).unwrap();
        let status = block_on(app::get_status(h.state())).unwrap();
        let expected_mode = if who == "trainer" { "demo" } else { "real" };
        assert_eq!(
            status.mode, expected_mode,
            "a {who} starts in the {expected_mode} records"
        );
        let state = block_on(access::get_lock_state(h.state())).unwrap();
        let may = |action: &str| {
            table
                .iter()
                .find(|(a, _)| *a == action)
                .unwrap_or_else(|| panic!("{action} is in the role table"))
                .1[column]
        };
        let check = |what: &str, may: bool, outcome: Option<CommandError>| match outcome {
            None => assert!(may, "a {who} must be refused {what}"),
            Some(e) => {
                assert!(!may, "a {who} must be allowed {what}: {}", e.message);
                assert!(
                    e.message.starts_with(&format!("a {who} may not")),
                    "one sentence naming the role: {}",
                    e.message
                );
            }
        };
        for (action, _) in table {
            assert_eq!(
                state.allowed.iter().any(|a| a == action),
                may(action),
                "the UI is told {who} × {action}"
            );
        }
        // Leaving the demo and entering it again: the check is on the way in.
        check(
            "use_real_records",
            may("use_real_records"),
            refused(block_on(app::set_demo_mode(h.state(), false))),
        );
        check(
            "use_demo",
            may("use_demo"),
            refused(block_on(app::set_demo_mode(h.state(), true))),
        );
        // Back to where the role starts, so the commands run on the usual records.
        let _ = block_on(app::set_demo_mode(h.state(), false));
        // Every command, as this role: refused exactly when its action is not allowed.
        for (command, action) in COMMANDS {
            if let Some(action) = action {
                check(command, may(action), refused(call(&h, command)));
            }
        }
        if who == "trainer" {
            let status = block_on(app::get_status(h.state())).unwrap();
            assert_eq!(status.mode, "demo", "a trainer never leaves the demo");
        }
        block_on(access::lock_now(h.state(), None)).unwrap();
    }
}

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
fn refusals_people_meet_carry_the_code_the_app_says_in_their_language() {
    let h = Harness::new();
    let long = block_on(access::set_up_device(
        h.state(),
        "Nadia".into(),
        NADIA.into(),
        Some("x".repeat(121)),
    ))
    .unwrap_err();
    assert_eq!(long.code.as_deref(), Some("centre_name_length"));
    assert_eq!(
        block_on(access::get_lock_state(h.state())).unwrap().phase,
        LockPhase::SetUp,
        "a refused set-up leaves the device to be set up: no vault was written"
    );
    let (nadia, _, _) = h.set_up();
    let blank = block_on(settings::set_centre_name(h.state(), "  ".into())).unwrap_err();
    assert_eq!(
        (
            blank.code.as_deref(),
            blank.params.get("max").map(String::as_str)
        ),
        (Some("centre_name_length"), Some("120"))
    );
    let taken = block_on(access::add_volunteer(
        h.state(),
        " paul ".into(),
        "volunteer".into(),
        "une autre phrase de passe".into(),
    ))
    .unwrap_err();
    assert_eq!(taken.kind, ErrorKind::BadInput);
    assert_eq!(
        (
            taken.code.as_deref(),
            taken.params.get("name").map(String::as_str)
        ),
        (Some("volunteer_name_taken"), Some("paul")),
        "the name is compared without case or spaces, and named back"
    );
    let short = block_on(access::add_volunteer(
        h.state(),
        "Sami".into(),
        "volunteer".into(),
        "court".into(),
    ))
    .unwrap_err();
    assert_eq!(short.code.as_deref(), Some("passphrase_too_short"));
    let herself = block_on(access::remove_volunteer(h.state(), nadia.clone())).unwrap_err();
    assert_eq!(herself.code.as_deref(), Some("remove_yourself"));
    let people = block_on(access::list_volunteers(h.state())).unwrap();
    assert_eq!(people.len(), 3, "nothing was added or removed");
    block_on(access::lock_now(h.state(), None)).unwrap();
    let malformed = block_on(access::unlock_with_recovery(
        h.state(),
        "pas une clé".into(),
    ))
    .unwrap_err();
    assert_eq!(malformed.code.as_deref(), Some("recovery_key_malformed"));
    let unenrolled = {
        h.unlock(&nadia, NADIA).unwrap();
        block_on(app::sync_now(h.state())).unwrap_err()
    };
    assert_eq!(unenrolled.code.as_deref(), Some("sync_not_enrolled"));
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
            .create_centre("Accueil".into(), at(now))
            .await
            .unwrap();
        storage
            .create_enrolment_code(
                centre.id,
                credentials::hash(&credentials::normalise_code(&code)),
                at(now + chrono::Duration::hours(1)),
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
    std::thread::sleep(Duration::from_millis(500));
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

#[cfg(unix)]
#[test]
fn the_data_folder_is_closed_to_other_accounts_when_the_app_opens_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("aiguillage");
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    AppState::open(&data, Config::default()).unwrap();
    assert_eq!(
        std::fs::metadata(&data).unwrap().permissions().mode() & 0o777,
        0o700,
        "a folder an older version left open to everyone holds the records: closed"
    );
}

#[test]
fn files_that_take_records_out_are_on_the_audit_trail_with_who_and_which_record() {
    let h = Harness::new();
    let (nadia, paul, _) = h.set_up();
    h.unlock(&paul, "phrase de passe de Paul").unwrap();
    let draft = block_on(diagnostic::start_draft(h.state())).unwrap();
    let persona = aiguillage_core::demo::personas()
        .unwrap()
        .into_iter()
        .find(|p| p.id == "claire")
        .unwrap();
    for (question, value) in persona.answers {
        block_on(diagnostic::answer_draft(
            h.state(),
            draft.id.clone(),
            AnswerInput { question, value },
        ))
        .unwrap();
    }
    let result = block_on(diagnostic::complete_draft(h.state(), draft.id)).unwrap();
    assert!(result.kept, "Claire agreed to keep her diagnostic");
    let id = result.id;
    let sheet = block_on(diagnostic::save_sheet(h.state(), id.clone())).unwrap();
    assert!(
        std::fs::read(&sheet.path).unwrap().starts_with(b"%PDF-"),
        "the sheet is a whole PDF: {}",
        sheet.path
    );

    h.unlock(&nadia, NADIA).unwrap();
    let export = block_on(report::export_csv(
        h.state(),
        Period {
            from: None,
            to: None,
        },
    ))
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(&export.path)
            .unwrap()
            .lines()
            .count(),
        2,
        "the header and Claire's diagnostic"
    );
    let audit = block_on(access::list_audit(h.state(), 50)).unwrap();
    let rows: Vec<(&str, &str, Option<&str>)> = audit
        .iter()
        .map(|e| (e.actor.as_str(), e.action.as_str(), e.record_id.as_deref()))
        .collect();
    assert!(
        rows.contains(&("Paul", "sheet", Some(id.as_str()))),
        "the sheet carries a diagnostic out of the encrypted store: {rows:?}"
    );
    assert_eq!(
        rows.first(),
        Some(&("Nadia", "export", None)),
        "the export is the latest action: {rows:?}"
    );
}

#[test]
fn what_belongs_to_the_real_records_is_refused_from_the_demo_and_not_offered_there() {
    let h = Harness::with_nadia_signed_in();
    let allowed = |h: &Harness| block_on(access::get_lock_state(h.state())).unwrap().allowed;
    for action in ["manage_volunteers", "change_settings", "view_audit"] {
        assert!(
            allowed(&h).iter().any(|a| a == action),
            "{action} with the real records"
        );
    }
    block_on(app::set_demo_mode(h.state(), true)).unwrap();
    let in_demo = allowed(&h);
    for action in ["manage_volunteers", "change_settings", "view_audit"] {
        assert!(
            !in_demo.iter().any(|a| a == action),
            "{action} is not offered in the demo: {in_demo:?}"
        );
    }
    assert!(
        in_demo.iter().any(|a| a == "run_diagnostic"),
        "the demo itself is: {in_demo:?}"
    );
    let refusals = [
        block_on(access::add_volunteer(
            h.state(),
            "Sami".into(),
            "volunteer".into(),
            "phrase de passe de Sami".into(),
        ))
        .map(drop),
        block_on(settings::set_centre_name(
            h.state(),
            "Centre de démo".into(),
        ))
        .map(drop),
        block_on(settings::set_idle_lock(h.state(), 10)).map(drop),
        block_on(access::list_audit(h.state(), 10)).map(drop),
    ];
    for refused in refusals {
        let err = refused.unwrap_err();
        assert_eq!(
            err.code.as_deref(),
            Some("leave_demo"),
            "said in the person's language: {err:?}"
        );
    }
    block_on(app::set_demo_mode(h.state(), false)).unwrap();
    let volunteers = block_on(access::get_lock_state(h.state()))
        .unwrap()
        .volunteers;
    assert!(
        !volunteers.iter().any(|v| v.name == "Sami"),
        "the refused volunteer was not added"
    );
    let audit = block_on(access::list_audit(h.state(), 50)).unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|e| e.action == "volunteer_add: volunteer")
            .count(),
        1,
        "Paul's addition at set-up, and no trace of the refused one: {audit:?}"
    );
    assert!(allowed(&h).iter().any(|a| a == "manage_volunteers"));
}

#[test]
fn the_app_locks_itself_after_the_delay_even_when_no_command_comes() {
    let h = Harness::new();
    let (_, paul, _) = h.set_up();
    h.unlock(&paul, "phrase de passe de Paul").unwrap();
    let phase = |h: &Harness| block_on(access::get_lock_state(h.state())).unwrap().phase;
    // Reading the lock's state is not use, and does not lock by itself either.
    h.advance(Duration::from_secs(4 * 60));
    std::thread::sleep(Duration::from_millis(1200));
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
fn a_set_up_that_cannot_open_the_records_leaves_no_key_slots_and_can_be_done_again() {
    let h = Harness::new();
    let data = h.data_dir();
    // Records from before set-up, still plain, and something in the way of encrypting them.
    drop(aiguillage_core::Store::open(&data, aiguillage_core::Mode::Real).unwrap());
    let obstacle = data.join("aiguillage.encrypting");
    std::fs::create_dir_all(obstacle.join("in-the-way")).unwrap();
    assert!(
        h.set_up_nadia().is_err(),
        "the records could not be encrypted"
    );
    assert!(
        !data.join(aiguillage_core::vault::FILE).exists(),
        "no key slots whose recovery key nobody saw"
    );
    assert_eq!(
        block_on(access::get_lock_state(h.state())).unwrap().phase,
        LockPhase::SetUp,
        "the set-up screen stays"
    );
    std::fs::remove_dir_all(&obstacle).unwrap();
    let done = h.set_up_nadia().unwrap();
    assert_eq!(done.lock.phase, LockPhase::Unlocked);
    assert!(
        !done.recovery_key.is_empty(),
        "the recovery key is shown this time"
    );
}

#[test]
fn a_set_up_that_fails_on_a_new_computer_leaves_nothing_only_its_lost_key_opens() {
    let h = Harness::new();
    let data = h.data_dir();
    // In the way of the new records' journal: they are created, then cannot be opened.
    let obstacle = data.join("aiguillage.sqlite3-wal");
    std::fs::create_dir_all(obstacle.join("in-the-way")).unwrap();
    assert!(
        h.set_up_nadia().is_err(),
        "the new records could not be opened"
    );
    assert!(
        !data.join(aiguillage_core::vault::FILE).exists()
            && !data.join("aiguillage.sqlite3").exists(),
        "neither key slots nor records whose recovery key nobody saw"
    );
    std::fs::remove_dir_all(&obstacle).unwrap();
    let done = h.set_up_nadia().unwrap();
    assert_eq!(done.lock.phase, LockPhase::Unlocked);
    assert!(!done.recovery_key.is_empty());
}

#[test]
fn the_command_list_is_every_command_the_app_registers() {
    let source = include_str!("../../src/commands/mod.rs");
    let list = &source[source.find("generate_handler![").expect("the handler")..];
    let list = &list[..list.find(']').unwrap()];
    let mut registered: Vec<&str> = list
        .lines()
        .filter_map(|l| l.trim().strip_suffix(','))
        .filter_map(|l| l.split("::").nth(1))
        .collect();
    let mut listed: Vec<&str> = COMMANDS.iter().map(|(name, _)| *name).collect();
    registered.sort_unstable();
    listed.sort_unstable();
    assert_eq!(
        registered, listed,
        "a new command must say here which action it needs, and be checked for every role"
    );
}
