//! Retention on a clock the test controls, and the append-only audit trail without personal content.

use aiguillage_core::retention::Retention;
use aiguillage_core::{Clock, Mode, Workspace};
use chrono::{Duration, Utc};
use serde_json::json;

use crate::helpers::*;

/// Fatou's diagnostic, kept with her first name; its id.
fn fatou_kept_with_her_name(ws: &mut Workspace) -> String {
    let answers = persona_answers(ws, "fatou", &[]);
    ws.complete(answers, Some("Fatou"), None)
        .unwrap()
        .id
        .unwrap()
}

/// A clock set `days` after the moment this is called.
fn days_from_now() -> impl Fn(i64) -> Clock {
    let now = Utc::now();
    move |days| Clock::from_fn(move || now + Duration::days(days))
}

#[test]
fn drafts_and_first_names_are_removed_when_their_period_ends_and_not_before() {
    let (_dir, mut ws) = workspace(Mode::Real);
    let draft = ws.start_draft().unwrap();
    let id = fatou_kept_with_her_name(&mut ws);
    let at = days_from_now();
    ws.store.set_clock(at(29));
    let early = ws.apply_retention().unwrap();
    assert_eq!(
        (early.drafts_deleted, early.first_names_erased),
        (0, 0),
        "nothing is due before 30 days"
    );
    ws.store.set_clock(at(31));
    let drafts = ws.apply_retention().unwrap();
    assert_eq!(
        drafts.drafts_deleted, 1,
        "the 30-day draft period has passed"
    );
    assert!(ws.store.get_draft(&draft).is_err());
    assert_eq!(
        ws.store.get_diagnostic(&id).unwrap().first_name.as_deref(),
        Some("Fatou"),
        "90 days not reached"
    );
    ws.store.set_clock(at(91));
    let names = ws.apply_retention().unwrap();
    assert_eq!(names.first_names_erased, 1);
    let kept = ws.store.get_diagnostic(&id).unwrap();
    assert_eq!(kept.first_name, None, "the first name is erased");
    assert!(
        !kept.answers.is_empty(),
        "the rest of the diagnostic is kept"
    );
    let audit = ws.store.list_audit(10).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.actor == "retention" && e.action == "retention: drafts=0 first_names=1"),
        "retention leaves a trace of what it did, in counts the app words: {audit:?}"
    );
}

#[test]
fn the_centre_name_is_one_rule_for_every_caller_and_leaves_a_trace() {
    let (_dir, mut ws) = workspace(Mode::Real);
    ws.set_centre_name("  Accueil de jour des Pentes ").unwrap();
    assert_eq!(
        ws.centre_name().unwrap().as_deref(),
        Some("Accueil de jour des Pentes"),
        "kept trimmed"
    );
    let traces = |ws: &aiguillage_core::Workspace| {
        ws.store
            .list_audit(50)
            .unwrap()
            .iter()
            .filter(|e| e.action == "settings_change")
            .count()
    };
    assert_eq!(traces(&ws), 1, "the change is in the audit trail");
    for bad in ["   ".to_owned(), "x".repeat(121)] {
        let err = ws.set_centre_name(&bad).unwrap_err();
        assert!(
            matches!(
                err,
                aiguillage_core::Error::Problem(aiguillage_core::Problem::CentreNameLength {
                    max: 120
                })
            ),
            "{err}"
        );
    }
    assert_eq!(
        (ws.centre_name().unwrap().as_deref(), traces(&ws)),
        (Some("Accueil de jour des Pentes"), 1),
        "a refused name changes nothing and leaves no trace"
    );
    ws.set_centre_name(&"é".repeat(120)).unwrap();
}

#[test]
fn retention_periods_are_settings_with_bounds() {
    let (_dir, mut ws) = workspace(Mode::Real);
    assert_eq!(
        ws.retention().unwrap(),
        Retention {
            draft_days: 30,
            first_name_days: 90
        },
        "defaults"
    );
    ws.set_retention(Retention {
        draft_days: 7,
        first_name_days: 30,
    })
    .unwrap();
    assert_eq!(ws.retention().unwrap().first_name_days, 30);
    for bad in [
        Retention {
            draft_days: 0,
            first_name_days: 30,
        },
        Retention {
            draft_days: 7,
            first_name_days: 5000,
        },
    ] {
        let err = ws.set_retention(bad).unwrap_err();
        assert!(
            err.is_bad_input() && err.to_string().contains("between 1 and 3650"),
            "{err}"
        );
    }
    assert_eq!(
        ws.retention().unwrap().draft_days,
        7,
        "a refused setting changes nothing"
    );
}

#[test]
fn retention_runs_when_the_app_opens() {
    let dir = tempfile::tempdir().unwrap();
    let draft = {
        let mut ws = Workspace::open(dir.path(), Mode::Real).unwrap();
        let draft = ws.start_draft().unwrap();
        ws.answer_draft(&draft, "f_wifi", &json!(2)).unwrap();
        draft
    };
    let conn = rusqlite::Connection::open(dir.path().join(Mode::Real.file_name())).unwrap();
    let old = (Utc::now() - Duration::days(40)).to_rfc3339();
    conn.execute("UPDATE draft SET updated_at = ?1", [old])
        .unwrap();
    drop(conn);
    let ws = Workspace::open(dir.path(), Mode::Real).unwrap();
    assert!(
        ws.store.get_draft(&draft).is_err(),
        "a draft untouched for 40 days is gone at the next open"
    );
}

#[test]
fn the_audit_trail_records_actions_without_personal_content_and_cannot_be_rewritten() {
    let (_dir, mut ws) = workspace(Mode::Real);
    let answers = persona_answers(&ws, "fatou", &[]);
    let id = ws
        .complete(answers, Some("Fatou"), None)
        .unwrap()
        .id
        .unwrap();
    ws.erase(&id).unwrap();
    let audit = ws.store.list_audit(50).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "erase" && e.record_id.as_deref() == Some(id.as_str())),
        "{audit:?}"
    );
    assert!(
        audit
            .iter()
            .any(|e| e.action.starts_with("directory_import: structures=")
                && e.action.contains(" services=")),
        "the sample directory's import is traced with its counts: {audit:?}"
    );
    let text = serde_json::to_string(&audit).unwrap();
    assert!(
        !text.contains("Fatou") && !text.contains("answers"),
        "no personal content: {text}"
    );
    let conn = rusqlite::Connection::open(ws.store.path()).unwrap();
    assert!(
        conn.execute("UPDATE audit SET actor = 'someone else'", [])
            .is_err(),
        "rows cannot be changed"
    );
    assert!(
        conn.execute("DELETE FROM audit", []).is_err(),
        "rows cannot be removed"
    );
}

#[test]
fn a_diagnostic_is_kept_whole_no_longer_than_the_server_keeps_it() {
    let (_dir, mut ws) = workspace(Mode::Real);
    let id = fatou_kept_with_her_name(&mut ws);
    let at = days_from_now();
    ws.store.set_clock(at(729));
    let early = ws.apply_retention().unwrap();
    assert_eq!(
        (early.diagnostics_anonymised, early.diagnostics_deleted),
        (0, 0),
        "within two years the diagnostic stays whole"
    );

    ws.store.set_clock(at(731));
    let report = ws.apply_retention().unwrap();
    assert_eq!(
        report.diagnostics_anonymised, 1,
        "two years (the server's default) have passed"
    );
    let kept = ws.store.get_diagnostic(&id).unwrap();
    assert!(kept.answers.is_empty(), "the answers are gone");
    assert_eq!(kept.first_name, None, "so is the first name");
    assert_eq!(kept.commune, None, "and where the person lives");
    assert!(
        !kept.needs.is_empty(),
        "the figures stay: profile and needs"
    );
    let figures =
        aiguillage_core::report::compute(&ws.store, &aiguillage_core::store::Filter::default())
            .unwrap();
    assert_eq!(figures.total, 1, "the report still counts it");
    let err = ws.stored_outcome(&id).unwrap_err();
    assert!(
        matches!(
            err,
            aiguillage_core::Error::Problem(aiguillage_core::Problem::Anonymised)
        ),
        "its result is not drawn from no answers: {err}"
    );
    let sheet = ws.sheet_content(&id).unwrap();
    assert_eq!(
        sheet.first_name, None,
        "its sheet can still be printed, without the name"
    );
    let logged = &ws.store.list_operations_for(&id).unwrap()[0];
    let body: serde_json::Value = serde_json::from_str(&logged.body).unwrap();
    assert_eq!(
        body["answers"],
        json!({}),
        "the log keeps no answers either"
    );
    assert_eq!(
        logged.body_sha256,
        aiguillage_domain::sync::body_hash(&logged.body),
        "hashed again, so an operation not yet sent stays valid"
    );
    assert!(
        ws.store
            .list_audit(5)
            .unwrap()
            .iter()
            .any(|e| e.actor == "retention"
                && e.action == "record_retention: anonymised=1 deleted=0"),
        "on record, in counts"
    );

    ws.store.set_clock(at(1096));
    let late = ws.apply_retention().unwrap();
    assert_eq!(late.diagnostics_deleted, 1, "three years: its content goes");
    assert!(ws.store.get_diagnostic(&id).is_err());
    assert_no_content_left(&ws, &id);
}

/// Nothing of `id` but its erased place in the log.
fn assert_no_content_left(ws: &Workspace, id: &str) {
    for op in ws.store.list_operations_for(id).unwrap() {
        assert_eq!(op.body, aiguillage_domain::sync::ERASED_BODY, "{op:?}");
    }
}
