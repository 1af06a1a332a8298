use aiguillage_core::store::Filter;
use aiguillage_core::{Mode, demo};
use aiguillage_domain::sync::OpKind;
use serde_json::json;

use crate::helpers::*;

#[test]
fn a_completed_diagnostic_round_trips_with_its_operation_in_the_log() {
    let (_dir, mut ws) = workspace(Mode::Real);
    let answers = persona_answers(&ws, "fatou", &[]);
    let completed = ws.complete(answers.clone(), Some("Fatou"), None).unwrap();
    let id = completed
        .id
        .expect("consent_record is yes: the diagnostic is kept");
    let stored = ws.store.get_diagnostic(&id).unwrap();
    assert_eq!(
        stored.answers,
        answers.to_map(),
        "answers come back exactly"
    );
    assert_eq!(stored.profile, completed.outcome.assessment.profile);
    assert_eq!(stored.needs, completed.outcome.assessment.need_codes());
    let ops = ws.store.list_operations_for(&id).unwrap();
    assert_eq!(
        ops.len(),
        1,
        "one create operation, written with the diagnostic"
    );
    assert_eq!(ops[0].kind, OpKind::Create);
    assert!(
        !ops[0].body.contains("Fatou"),
        "the first name never enters the operation log"
    );
    let (_, outcome) = ws.stored_outcome(&id).unwrap();
    assert_eq!(
        outcome.assessment, completed.outcome.assessment,
        "the result is a pure function of the stored answers"
    );
}

#[test]
fn without_informed_consent_nothing_is_recorded() {
    let (_dir, mut ws) = workspace(Mode::Real);
    let answers = persona_answers(&ws, "fatou", &[("consent_informed", json!(false))]);
    let err = ws.complete(answers, None, None).unwrap_err();
    assert!(
        err.is_bad_input() && err.to_string().contains("consent_informed"),
        "{err}"
    );
    assert_eq!(
        count(&ws, "diagnostic") + count(&ws, "anonymous_count") + count(&ws, "operation"),
        0
    );
}

#[test]
fn without_consent_to_keep_only_an_anonymous_count_is_saved() {
    let (_dir, mut ws) = workspace(Mode::Real);
    let answers = persona_answers(&ws, "fatou", &[("consent_record", json!(false))]);
    let completed = ws.complete(answers, Some("Fatou"), None).unwrap();
    assert!(
        completed.id.is_none(),
        "no diagnostic id without consent to keep it"
    );
    assert_eq!(count(&ws, "diagnostic"), 0);
    assert_eq!(count(&ws, "anonymous_count"), 1);
    let report = aiguillage_core::report::compute(&ws.store, &Filter::default()).unwrap();
    assert_eq!(
        (report.total, report.anonymous),
        (1, 1),
        "the anonymous count still counts in the figures"
    );
}

#[test]
fn the_first_name_is_kept_only_with_consent() {
    let (_dir, mut ws) = workspace(Mode::Real);
    let answers = persona_answers(&ws, "fatou", &[("consent_name_on_sheet", json!(false))]);
    let id = ws
        .complete(answers, Some("Fatou"), None)
        .unwrap()
        .id
        .unwrap();
    assert_eq!(ws.store.get_diagnostic(&id).unwrap().first_name, None);
}

#[test]
fn a_draft_survives_reopening_and_completing_it_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let draft_id = {
        let mut ws = aiguillage_core::Workspace::open(dir.path(), Mode::Real).unwrap();
        let id = ws.start_draft().unwrap();
        for (q, v) in persona_answers(&ws, "claire", &[]).to_map() {
            ws.answer_draft(&id, &q, &v).unwrap();
        }
        let err = ws.answer_draft(&id, "f_wifi", &json!(9)).unwrap_err();
        assert!(err.is_bad_input(), "a bad answer is refused: {err}");
        id
    };
    let mut ws = aiguillage_core::Workspace::open(dir.path(), Mode::Real).unwrap();
    let draft = ws.store.get_draft(&draft_id).unwrap();
    assert_eq!(
        draft.answers.get("f_wifi"),
        Some(&json!(3)),
        "every answer is still there and the refused one changed nothing"
    );
    let completed = ws.complete_draft(&draft_id).unwrap();
    assert_eq!(completed.outcome.assessment.profile, "P3");
    assert!(
        ws.store.list_drafts().unwrap().is_empty(),
        "the completed draft is gone"
    );
}

#[test]
fn completing_a_draft_saves_the_diagnostic_and_removes_the_draft_together_or_not_at_all() {
    let (_dir, mut ws) = workspace(Mode::Real);
    let draft_id = ws.start_draft().unwrap();
    for (q, v) in persona_answers(&ws, "claire", &[]).to_map() {
        ws.answer_draft(&draft_id, &q, &v).unwrap();
    }
    // A fault at the draft's removal, after the diagnostic and its operation are written.
    let other = aiguillage_core::store::raw_connection(ws.store.path(), None).unwrap();
    other
        .execute_batch(
            "CREATE TRIGGER fault BEFORE DELETE ON draft BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        )
        .unwrap();
    let err = ws.complete_draft(&draft_id).unwrap_err();
    assert!(err.to_string().contains("injected"), "{err}");
    assert_eq!(
        (count(&ws, "diagnostic"), count(&ws, "operation")),
        (0, 0),
        "nothing is saved when the draft cannot go: completing it again later makes no duplicate"
    );
    assert_eq!(
        ws.store.list_drafts().unwrap().len(),
        1,
        "the draft is kept"
    );
    other.execute_batch("DROP TRIGGER fault;").unwrap();
    ws.complete_draft(&draft_id).unwrap();
    assert_eq!(
        (
            count(&ws, "diagnostic"),
            ws.store.list_drafts().unwrap().len()
        ),
        (1, 0)
    );
}

#[test]
fn orientations_and_follow_up_are_saved_and_logged() {
    let (_dir, mut ws) = workspace(Mode::Real);
    let completed = ws
        .complete(persona_answers(&ws, "germaine", &[]), None, None)
        .unwrap();
    let id = completed.id.clone().unwrap();
    let choices = ws.default_choices(&completed.outcome);
    assert!(
        !choices.is_empty(),
        "the sample directory has services for Germaine's needs"
    );
    let saved = ws.choose_orientations(&id, &choices).unwrap();
    assert_eq!(ws.store.list_orientations(&id).unwrap(), saved);
    assert!(
        !saved[0].snapshot.structure.is_empty(),
        "the structure's name is snapshotted"
    );
    ws.set_follow_up(&id, "went").unwrap();
    assert!(ws.set_follow_up(&id, "maybe").unwrap_err().is_bad_input());
    let kinds: Vec<OpKind> = ws
        .store
        .list_operations_for(&id)
        .unwrap()
        .into_iter()
        .map(|o| o.kind)
        .collect();
    assert_eq!(kinds, [OpKind::Create, OpKind::Choose, OpKind::FollowUp]);
    let seqs: Vec<i64> = ws
        .store
        .list_pending_operations()
        .unwrap()
        .iter()
        .map(|o| o.seq)
        .collect();
    assert_eq!(
        seqs,
        (1..=seqs.len() as i64).collect::<Vec<_>>(),
        "seq is gapless from 1"
    );
}

#[test]
fn matches_never_offer_a_group_format_when_banned() {
    let (_dir, ws) = workspace(Mode::Real);
    for persona in demo::personas().unwrap() {
        let answers = persona_answers(&ws, &persona.id, &[]);
        let outcome = ws.outcome(answers).unwrap();
        if outcome.assessment.group_format_banned {
            for m in outcome.matches.iter().flatten() {
                assert!(
                    !matches!(m.kind.as_deref(), Some("atelier" | "formation")),
                    "{}: {} is a group format",
                    persona.id,
                    m.service
                );
            }
        }
        for (need, matches) in outcome.assessment.needs.iter().zip(&outcome.matches) {
            assert!(
                matches.iter().filter(|m| !m.also).count() <= 3,
                "top three per need"
            );
            if need.referral {
                assert!(
                    !matches.is_empty(),
                    "{}: the sample directory covers need {}",
                    persona.id,
                    need.code
                );
            } else {
                assert!(matches.is_empty(), "self-training proposes no structure");
            }
        }
    }
}

#[test]
fn demo_records_never_reach_the_real_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut real = aiguillage_core::Workspace::open(dir.path(), Mode::Real).unwrap();
    let err = demo::seed(&mut real, 3).unwrap_err();
    assert!(
        err.is_bad_input(),
        "seeding the real database is refused: {err}"
    );
    let mut demo_ws = aiguillage_core::Workspace::open(dir.path(), Mode::Demo).unwrap();
    assert_eq!(demo::seed(&mut demo_ws, 5).unwrap().len(), 5);
    assert_eq!(
        count(&real, "diagnostic"),
        0,
        "the real database is untouched"
    );
    assert_eq!(count(&demo_ws, "diagnostic"), 5);
    assert_ne!(
        real.store.path(),
        demo_ws.store.path(),
        "two different files"
    );
}

#[test]
fn lists_filter_by_profile_need_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = aiguillage_core::Workspace::open(dir.path(), Mode::Demo).unwrap();
    demo::seed(&mut ws, 13).unwrap();
    let all = ws.store.list_diagnostics(&Filter::default()).unwrap();
    assert_eq!(all.len(), 13);
    let p0 = ws
        .store
        .list_diagnostics(&Filter {
            profile: Some("P0".into()),
            ..Filter::default()
        })
        .unwrap();
    assert!(!p0.is_empty() && p0.iter().all(|r| r.profile == "P0"));
    let emploi = ws
        .store
        .list_diagnostics(&Filter {
            need: Some("emploi".into()),
            ..Filter::default()
        })
        .unwrap();
    assert!(
        !emploi.is_empty()
            && emploi
                .iter()
                .all(|r| r.needs.contains(&"emploi".to_owned()))
    );
    let future = ws
        .store
        .list_diagnostics(&Filter {
            from: Some("2999-01-01".into()),
            ..Filter::default()
        })
        .unwrap();
    assert!(future.is_empty(), "nothing was completed after 2999");
    let page = ws
        .store
        .list_diagnostics(&Filter {
            limit: Some(5),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(page.len(), 5);
    assert_eq!(page[0], all[0], "the most recent first");
}

/// Every table of the database with its row count, but the ones any open fills.
fn rows(ws: &aiguillage_core::Workspace) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(ws.store.path()).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap();
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT COUNT(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect()
}

#[test]
fn a_person_who_declines_gets_the_orientation_and_sheet_and_leaves_only_the_count() {
    let (dir, mut ws) = workspace(Mode::Real);
    let draft = ws.start_draft().unwrap();
    let answers = persona_answers(
        &ws,
        "fatou",
        &[
            ("consent_record", json!(false)),
            ("consent_name_on_sheet", json!(true)),
        ],
    );
    for (q, v) in answers.to_map() {
        ws.answer_draft(&draft, &q, &v).unwrap();
    }
    ws.store
        .update_draft_first_name(&draft, Some("Fatou"), &ws.now())
        .unwrap();
    let before: Vec<(String, i64)> = rows(&ws)
        .into_iter()
        .filter(|(t, _)| t != "draft")
        .collect();
    let completed = ws.complete_draft(&draft).unwrap();
    assert!(completed.id.is_none(), "nothing is saved under an id");
    let token = completed
        .held
        .clone()
        .expect("the result is held in memory");
    ws.orient_by_default(&completed).unwrap();
    let held = ws
        .held(&token)
        .expect("the held result is found by its token");
    assert!(
        !held.orientations.is_empty(),
        "the held result starts with the best service of each need, as a kept one does"
    );
    // The volunteer swaps the first need's service for its second match.
    let need = &completed.outcome.assessment.needs[0].code;
    let second = &completed.outcome.matches[0]
        .get(1)
        .expect("the first need has two matches in the sample directory")
        .service_id;
    let chosen = ws
        .choose_orientations(&token, &[(need.clone(), second.clone())])
        .unwrap();
    let sheet = dir.path().join("fiche.pdf");
    ws.write_sheet(&token, Default::default(), &sheet).unwrap();
    let text = String::from_utf8(
        std::process::Command::new("pdftotext")
            .arg(&sheet)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is installed")
            .stdout,
    )
    .unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&chosen[0].snapshot.structure),
        "the sheet names the service the volunteer chose: {flat}"
    );
    assert!(
        flat.contains("Fatou"),
        "the first name is printed: the person agreed to it"
    );

    let after = rows(&ws);
    for (table, n) in &after {
        let was = before
            .iter()
            .find(|(t, _)| t == table)
            .map_or(0, |(_, n)| *n);
        let expected = match table.as_str() {
            // The anonymous count and its operation for the server, and the sheet on record.
            "anonymous_count" | "operation" | "audit" => was + 1,
            "draft" => 0,
            _ => was,
        };
        assert_eq!(
            *n, expected,
            "table {table}: no trace of the person but the count"
        );
    }
    let conn = rusqlite::Connection::open(ws.store.path()).unwrap();
    let audit: (String, Option<String>) = conn
        .query_row(
            "SELECT action, record_id FROM audit ORDER BY rowid DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        audit,
        ("sheet".to_owned(), None),
        "the sheet is on record without pointing at anyone"
    );
    let dump: String = conn
        .query_row("SELECT group_concat(body, ' ') FROM operation", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(
        !dump.contains("Fatou") && !dump.contains(&token) && !dump.contains(second),
        "no name, token or chosen service goes to the server"
    );

    ws.start_draft().unwrap();
    assert!(
        ws.held(&token).is_none(),
        "starting the next diagnostic forgets the held one"
    );
    let err = ws.sheet_content(&token).unwrap_err();
    assert!(
        matches!(
            err,
            aiguillage_core::Error::Problem(aiguillage_core::Problem::NotKept)
        ),
        "its sheet is gone too, and said to be gone as the person asked: {err}"
    );
}

#[test]
fn the_typical_duration_is_the_centres_own_once_it_has_a_history() {
    let (_dir, mut ws) = workspace(Mode::Real);
    let started = |minutes: i64| {
        (chrono::Utc::now() - chrono::Duration::minutes(minutes))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    };
    let answers = persona_answers(&ws, "fatou", &[]);
    for minutes in [12, 20] {
        ws.complete(answers.clone(), None, Some(&started(minutes)))
            .unwrap();
    }
    // Made at once (the command line) and over two days: neither tells how long one takes.
    ws.complete(answers.clone(), None, None).unwrap();
    ws.complete(answers.clone(), None, Some(&started(60 * 48)))
        .unwrap();
    assert_eq!(
        ws.store.typical_minutes().unwrap(),
        None,
        "two diagnostics that tell are not yet a history"
    );
    ws.complete(answers, None, Some(&started(15))).unwrap();
    assert_eq!(
        ws.store.typical_minutes().unwrap(),
        Some(15),
        "the median of 12, 15, 20"
    );
}
