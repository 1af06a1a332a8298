//! Who may do what: every command the app registers, called as each role, refused exactly when
//! the role may not; what the demo refuses; the refusals people meet, in their language.

use super::*;

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
const COMMANDS: [(&str, Option<&str>); 52] = [
    ("get_lock_state", None),
    ("set_up_device", None),
    ("unlock", None),
    ("unlock_with_recovery", None),
    ("lock_now", None),
    ("watch_system_lock", None),
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
    ("upload_national_part", Some("edit_directory")),
    ("import_national", Some("edit_directory")),
    ("save_local_structure", Some("edit_directory")),
    ("get_report", Some("view_reports")),
    ("export_csv", Some("export")),
    ("get_settings", None),
    ("set_centre_name", Some("change_settings")),
    ("set_centre_commune", Some("change_settings")),
    ("set_centre_phone", Some("change_settings")),
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
        "preview_sheet" => done(block_on(diagnostic::preview_sheet(
            st(),
            id(),
            "ar".into(),
            true,
        ))),
        "save_sheet" => done(block_on(diagnostic::save_sheet(
            st(),
            id(),
            "fr".into(),
            false,
        ))),
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
        "upload_national_part" => done(block_on(directory::upload_national_part(
            st(),
            "annuaire".into(),
            true,
            String::new(),
        ))),
        "import_national" => done(block_on(directory::import_national(
            st(),
            Vec::new(),
            ["structures.json".into(), "services.json".into()],
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
        "set_centre_phone" => done(block_on(settings::set_centre_phone(st(), "".into()))),
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
