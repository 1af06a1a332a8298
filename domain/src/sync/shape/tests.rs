//! Each rule of the shape check, on bodies as a device writes them.

use serde_json::json;

use super::*;
use crate::sync::body_hash;

const QUESTIONNAIRE: &str =
    include_str!("../../../../assets/questionnaires/diagnostic-numerique-v1.json");
const PERSONAS: &str = include_str!("../../../../assets/demo/personas.json");

fn known(id: &str, version: u32) -> Option<&'static Questionnaire> {
    static Q: std::sync::LazyLock<Questionnaire> =
        std::sync::LazyLock::new(|| Questionnaire::parse(QUESTIONNAIRE).unwrap());
    (Q.id == id && Q.version == version).then_some(&*Q)
}

fn op(entity: Entity, kind: OpKind, body: &serde_json::Value) -> WireOperation {
    let body = body.to_string();
    WireOperation {
        seq: 7,
        op_id: "019a0000-0000-7000-8000-000000000001".into(),
        entity,
        entity_id: "019a0000-0000-7000-8000-000000000002".into(),
        kind,
        base_version: None,
        body_sha256: body_hash(&body),
        body,
        recorded_at: "2026-12-07T09:00:00.000Z".into(),
    }
}

/// A diagnostic's body as a device makes it: a demo persona's answers.
fn diagnostic() -> serde_json::Value {
    let q = Questionnaire::parse(QUESTIONNAIRE).unwrap();
    let personas: serde_json::Value = serde_json::from_str(PERSONAS).unwrap();
    json!({
        "questionnaire": q.id, "version": q.version,
        "started_at": "2026-12-07T09:00:00.000Z", "completed_at": "2026-12-07T09:12:00.000Z",
        "answers": personas[0]["answers"], "result": {"profile": "x"},
    })
}

fn check(op: &WireOperation) -> Result<(), String> {
    check_shape(op, &known)
}

#[test]
fn what_a_device_sends_is_well_formed() {
    let ok = [
        op(Entity::Diagnostic, OpKind::Create, &diagnostic()),
        op(
            Entity::AnonymousCount,
            OpKind::Create,
            &json!({"questionnaire": "q", "version": 1, "completed_on": "2026-12-07", "profile": "p", "needs": ["n"]}),
        ),
        op(
            Entity::Orientation,
            OpKind::Choose,
            &json!({"orientations": [{"position": 0, "need": "n", "source": "s", "service_id": "sv", "structure_id": "st", "snapshot": {"structure": "S"}, "chosen_at": "2026-12-07T09:00:00.000Z"}]}),
        ),
        op(
            Entity::Diagnostic,
            OpKind::FollowUp,
            &json!({"follow_up": "went"}),
        ),
        op(Entity::Diagnostic, OpKind::Erase, &json!({})),
    ];
    for op in &ok {
        assert_eq!(check(op), Ok(()), "{} of {}", op.kind, op.entity);
    }
    let mut erased = op(Entity::Orientation, OpKind::Choose, &json!({}));
    erased.body = ERASED_BODY.into();
    assert_eq!(
        check(&erased),
        Ok(()),
        "a body erased on the device is always accepted"
    );
}

#[test]
fn a_malformed_body_is_refused_naming_its_seq_and_why() {
    let mut wrong_answer = diagnostic();
    wrong_answer["answers"]["no_such_question"] = json!(true);
    let mut unknown_version = diagnostic();
    unknown_version["version"] = json!(99);
    let mut no_result = diagnostic();
    no_result.as_object_mut().unwrap().remove("result");
    let cases = [
        (
            op(Entity::Diagnostic, OpKind::Create, &json!({"a": 1})),
            "\"a\" is not part of it",
        ),
        (
            op(Entity::Diagnostic, OpKind::Create, &wrong_answer),
            "answers are not those of",
        ),
        (
            op(Entity::Diagnostic, OpKind::Create, &unknown_version),
            "does not know",
        ),
        (
            op(Entity::Diagnostic, OpKind::Create, &no_result),
            "\"result\"",
        ),
        (
            op(
                Entity::Diagnostic,
                OpKind::FollowUp,
                &json!({"follow_up": "maybe"}),
            ),
            "not one of went",
        ),
        (
            op(Entity::Diagnostic, OpKind::Erase, &json!({"answers": {}})),
            "\"answers\" is not part of it",
        ),
        (
            op(
                Entity::Orientation,
                OpKind::Choose,
                &json!({"orientations": [{"need": "n"}]}),
            ),
            "orientation 1",
        ),
        (
            op(
                Entity::AnonymousCount,
                OpKind::Create,
                &json!({"questionnaire": "q", "version": 1, "completed_on": "hier", "profile": "p", "needs": []}),
            ),
            "\"completed_on\"",
        ),
        (
            op(Entity::Orientation, OpKind::Erase, &json!({})),
            "is not an operation of the protocol",
        ),
        (
            op(Entity::Diagnostic, OpKind::Create, &json!([1, 2])),
            "not a JSON object",
        ),
    ];
    for (op, why) in &cases {
        let err = check(op).expect_err(why);
        assert!(err.starts_with("operation 7 ("), "the seq is named: {err}");
        assert!(err.contains(why), "{err} should say {why}");
    }
}

#[test]
fn a_body_too_large_is_refused_before_it_is_read() {
    let mut big = op(Entity::Diagnostic, OpKind::FollowUp, &json!({}));
    big.body = format!(
        "{{\"follow_up\": \"{}\"}}",
        "x".repeat(OPERATION_BODY_BYTES)
    );
    assert!(check(&big).unwrap_err().contains("larger than"));
}

#[test]
fn the_questionnaires_a_batch_names_are_listed_once() {
    let ops = [
        op(Entity::Diagnostic, OpKind::Create, &diagnostic()),
        op(Entity::Diagnostic, OpKind::Create, &diagnostic()),
        op(
            Entity::Diagnostic,
            OpKind::FollowUp,
            &json!({"follow_up": "went"}),
        ),
    ];
    let q = Questionnaire::parse(QUESTIONNAIRE).unwrap();
    assert_eq!(
        named_questionnaires(&ops),
        BTreeSet::from([(q.id.clone(), q.version)])
    );
}

#[test]
fn a_diagnostic_anonymised_on_its_device_is_well_formed() {
    let mut anonymised = diagnostic();
    anonymised["answers"] = json!({});
    assert_eq!(
        check(&op(Entity::Diagnostic, OpKind::Create, &anonymised)),
        Ok(()),
        "a device past the retention period sends its diagnostics without answers"
    );
}
