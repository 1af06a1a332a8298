use rstest::rstest;
use serde_json::Value;

use crate::helpers::*;

#[rstest]
#[case("germaine")]
#[case("moussa")]
#[case("sylvie")]
#[case("yanis")]
#[case("fatou")]
#[case("didier")]
#[case("claire")]
#[case("nadia")]
#[case("thierry")]
#[case("bernard")]
#[case("odette")]
#[case("samir")]
#[case("lea")]
fn persona_gets_the_result_worked_out_by_hand(#[case] id: &str) {
    let q = questionnaire();
    let p = persona(id);
    let a = assess(&q, p["answers"].as_object().unwrap());
    let e = &p["expected"];
    assert_eq!(a.profile, e["profile"], "{id}: profile");
    for (code, level) in e["levels"].as_object().unwrap() {
        assert_eq!(
            a.levels.get(code).map(Value::from).unwrap_or(Value::Null),
            *level,
            "{id}: level {code}"
        );
    }
    assert_eq!(
        a.equipment
            .as_deref()
            .map(Value::from)
            .unwrap_or(Value::Null),
        e["equipment"],
        "{id}: equipment"
    );
    assert_eq!(
        a.connection
            .as_deref()
            .map(Value::from)
            .unwrap_or(Value::Null),
        e["connection"],
        "{id}: connection"
    );
    assert_eq!(
        Value::from(a.contract_blocked.unwrap_or(false)),
        e["contract_blocked"],
        "{id}: contract_blocked"
    );
    assert_eq!(
        Value::from(a.flags.clone()),
        e["flags"],
        "{id}: flags in the spec's order"
    );
    assert_eq!(
        Value::from(a.need_codes()),
        e["needs"],
        "{id}: needs in priority order"
    );
    assert_eq!(
        Value::from(a.group_format_banned),
        e["group_format_banned"],
        "{id}: format rule"
    );
}

#[test]
fn the_personas_cover_every_profile_flag_and_need() {
    let q = questionnaire();
    let all: Vec<Value> = serde_json::from_str(PERSONAS).unwrap();
    assert!(all.len() >= 8, "at least eight personas are needed");
    let mut profiles = std::collections::BTreeSet::new();
    let mut flags = std::collections::BTreeSet::new();
    let mut needs = std::collections::BTreeSet::new();
    for p in &all {
        let a = assess(&q, p["answers"].as_object().unwrap());
        profiles.insert(a.profile.clone());
        flags.extend(a.flags.clone());
        needs.extend(a.need_codes().into_iter().map(str::to_owned));
    }
    for profile in ["P0", "P1", "P2", "P3"] {
        assert!(profiles.contains(profile), "no persona is {profile}");
    }
    for flag in &q.flags {
        assert!(flags.contains(&flag.id), "no persona raises {}", flag.id);
    }
    for need in &q.needs {
        assert!(needs.contains(&need.code), "no persona needs {}", need.code);
    }
}

#[test]
fn reasons_name_the_answers_that_triggered_them() {
    let q = questionnaire();
    let a = assess(&q, persona("fatou")["answers"].as_object().unwrap());
    let first = &a.needs[0];
    assert_eq!(first.code, "demarche_accompagnee");
    let sources: Vec<&str> = first.triggers.iter().map(|t| t.source.as_str()).collect();
    assert!(
        sources.contains(&"s_urgent") && sources.contains(&"s_deadline"),
        "the urgent answers must be named: {sources:?}"
    );
    assert!(
        first.reason.fr.contains("Réponses :") && first.reason.en.contains("Answers:"),
        "{:?}",
        first.reason
    );
}
