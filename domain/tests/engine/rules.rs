//! One case per rule of the spec, each starting from Claire (P3, no flag, only `autonomie`) and
//! changing the answers the rule is about.

use rstest::rstest;
use serde_json::{Value, json};

use crate::helpers::*;

const ALL_F: [&str; 5] = [
    "f_unlock",
    "f_wifi",
    "f_open_app",
    "f_type_text",
    "f_find_file",
];
const ALL_D: [&str; 6] = [
    "d_login",
    "d_franceconnect",
    "d_form",
    "d_upload",
    "d_accounts",
    "d_appointment",
];

fn with(changes: &[(&str, Value)]) -> aiguillage_domain::Assessment {
    assess(&questionnaire(), &answers_of("claire", changes))
}

#[test]
fn the_baseline_is_autonomous_without_flag_and_gets_no_referral() {
    let a = with(&[]);
    assert_eq!(a.profile, "P3");
    assert!(a.flags.is_empty(), "{:?}", a.flags);
    assert_eq!(a.need_codes(), ["autonomie"]);
    assert!(
        !a.needs[0].referral,
        "autonomie is self-training: no structure is proposed"
    );
}

#[rstest]
#[case::urgent_within_7_days(&[("s_urgent", json!(true)), ("s_deadline", json!("7j"))], true)]
#[case::urgent_within_a_month_is_not(&[("s_urgent", json!(true)), ("s_deadline", json!("1m"))], false)]
#[case::a_right_cut_off(&[("s_rights_cut", json!(true))], true)]
#[case::an_ongoing_scam(&[("x_scam_victim", json!("yes-ongoing"))], true)]
#[case::a_settled_scam_is_not_urgent(&[("x_scam_victim", json!("yes-settled"))], false)]
fn urgence(#[case] changes: &[(&str, Value)], #[case] raised: bool) {
    assert_eq!(with(changes).has_flag("urgence"), raised);
}

#[rstest]
#[case::pour_moi(&[("s_wish", json!("pour-moi"))], "faire_pour", true)]
#[case::avec(&[("s_wish", json!("avec"))], "faire_pour", false)]
#[case::isolated(&[("l_trusted_helper", json!(false)), ("l_gets_out", json!("difficult"))], "isole", true)]
#[case::isolated_no_outings(&[("l_trusted_helper", json!(false)), ("l_gets_out", json!("no"))], "isole", true)]
#[case::helper_unknown_is_not_isolated(&[("l_trusted_helper", Value::Null), ("l_gets_out", json!("no"))], "isole", false)]
#[case::interpreter(&[("l_interpreter", json!(true))], "langue", true)]
#[case::reading(&[("l_read_french", json!("difficult"))], "illettrisme", true)]
#[case::reading_with_interpreter_is_langue(&[("l_read_french", json!("no")), ("l_interpreter", json!(true))], "illettrisme", false)]
#[case::social_but_lost_with_procedures(&ALL_D.map(|d| (d, json!(1))), "loisirs_sans_droits", true)]
#[case::job_seeker_lost(&[("j_relevant", json!(true)), ("j_offers", json!(1)), ("j_cv", json!(0)), ("j_apply", json!(1)), ("j_ft_account", json!(1))], "emploi", true)]
#[case::job_items_unanswered(&[("j_relevant", json!(true))], "emploi", false)]
#[case::weak_security(&[("x_scam_spot", json!(1)), ("x_passwords", json!(1))], "securite", true)]
#[case::settled_scam(&[("x_scam_victim", json!("yes-settled"))], "securite", true)]
#[case::health_with_consent(&[("consent_sensitive", json!(true)), ("l_health_barrier", json!(true))], "sante", true)]
#[case::health_without_consent_is_hidden(&[("l_health_barrier", json!(true))], "sante", false)]
fn flags(#[case] changes: &[(&str, Value)], #[case] flag: &str, #[case] raised: bool) {
    let a = with(changes);
    assert_eq!(
        a.has_flag(flag),
        raised,
        "flag {flag} with {changes:?}; flags were {:?}",
        a.flags
    );
}

#[test]
fn a_level_is_undetermined_below_half_answered_and_null_never_counts_as_zero() {
    let a = with(&[
        ("f_wifi", Value::Null),
        ("f_open_app", Value::Null),
        ("f_type_text", Value::Null),
    ]);
    assert_eq!(
        a.levels.get("F"),
        None,
        "2 of 5 items answered is fewer than half"
    );
    let a = with(&[("f_wifi", Value::Null), ("f_open_app", Value::Null)]);
    assert_eq!(
        a.levels.get("F"),
        Some(3),
        "3 of 5 answered: the mean of answered items, nulls ignored"
    );
}

#[test]
fn the_gate_caps_the_level() {
    let a = with(&[("f_unlock", json!(0))]);
    assert_eq!(
        a.levels.get("F"),
        Some(1),
        "mean 2.4 floors to 2, capped at gate 0 + 1"
    );
    assert_eq!(a.profile, "P1", "F <= 1 is P1");
}

#[rstest]
#[case::f_zero(&ALL_F.map(|f| (f, json!(0))), "P0")]
#[case::no_device_and_f1(&[("e_smartphone", json!("none")), ("e_computer", json!("none")), ("f_unlock", json!(1)), ("f_wifi", json!(1)), ("f_open_app", json!(1)), ("f_type_text", json!(1)), ("f_find_file", json!(1))], "P0")]
#[case::f_one(&ALL_F.map(|f| (f, json!(1))), "P1")]
#[case::d_one(&ALL_D.map(|d| (d, json!(1))), "P2")]
#[case::everything_refused(&[ALL_F.map(|f| (f, Value::Null)).as_slice(), ALL_D.map(|d| (d, Value::Null)).as_slice(), &[("m_calls_sms", Value::Null), ("m_messaging", Value::Null), ("m_email_read", Value::Null), ("m_email_attach", Value::Null)]].concat(), "undetermined")]
fn profile(#[case] changes: &[(&str, Value)], #[case] expected: &str) {
    assert_eq!(with(changes).profile, expected);
}

#[rstest]
#[case::own_beats_none(json!("none"), json!("own"), Some("own"))]
#[case::shared_beats_limited(json!("limited"), json!("shared"), Some("shared"))]
#[case::limited_beats_none(json!("limited"), json!("none"), Some("limited"))]
#[case::both_unanswered(Value::Null, Value::Null, None)]
fn equipment_is_the_best_device(
    #[case] phone: Value,
    #[case] computer: Value,
    #[case] expected: Option<&str>,
) {
    assert_eq!(
        with(&[("e_smartphone", phone), ("e_computer", computer)])
            .equipment
            .as_deref(),
        expected
    );
}

#[rstest]
#[case::home(json!(true), json!("none"), Some("ok"))]
#[case::data_enough(json!(false), json!("enough"), Some("ok"))]
#[case::data_runs_out(json!(false), json!("runs-out"), Some("limited"))]
#[case::nothing(json!(false), json!("none"), Some("none"))]
#[case::unanswered(Value::Null, Value::Null, None)]
fn connection(#[case] home: Value, #[case] data: Value, #[case] expected: Option<&str>) {
    assert_eq!(
        with(&[("c_home", home), ("c_mobile_data", data)])
            .connection
            .as_deref(),
        expected
    );
}

#[rstest]
#[case::no_bank_account(&[("c_bank_account", json!(false))], true)]
#[case::no_address(&[("c_address", json!(false))], true)]
#[case::unanswered_is_not_blocked(&[("c_bank_account", Value::Null), ("c_address", Value::Null)], false)]
fn contract_blocked_raises_the_connection_need(
    #[case] changes: &[(&str, Value)],
    #[case] blocked: bool,
) {
    let a = with(changes);
    assert_eq!(a.contract_blocked, Some(blocked));
    assert_eq!(a.need_codes().contains(&"connexion"), blocked);
}

#[rstest]
#[case::urgent_and_lost(&[[("s_urgent", json!(true)), ("s_deadline", json!("7j"))].as_slice(), ALL_D.map(|d| (d, json!(1))).as_slice()].concat(), "demarche_accompagnee", true)]
#[case::urgent_but_able(&[("s_urgent", json!(true)), ("s_deadline", json!("7j"))], "demarche_accompagnee", false)]
#[case::done_for_me(&[("s_wish", json!("pour-moi"))], "demarche_accompagnee", true)]
#[case::broken_phone_only(&[("e_smartphone", json!("limited")), ("e_computer", json!("none"))], "equipement", true)]
#[case::runs_out_of_data(&[("c_home", json!(false)), ("c_mobile_data", json!("runs-out"))], "connexion", true)]
#[case::interpreter(&[("l_interpreter", json!(true))], "francais", true)]
#[case::p1_isolated(&[ALL_F.map(|f| (f, json!(1))).as_slice(), &[("l_trusted_helper", json!(false)), ("l_gets_out", json!("no"))]].concat(), "accompagnement_individuel", true)]
#[case::p1_cannot_come_often(&[ALL_F.map(|f| (f, json!(1))).as_slice(), &[("l_sessions", json!(false))]].concat(), "accompagnement_individuel", true)]
#[case::p1_workshop(&ALL_F.map(|f| (f, json!(1))), "atelier_fondamentaux", true)]
#[case::p1_cannot_come_often_gets_no_workshop(&[ALL_F.map(|f| (f, json!(1))).as_slice(), &[("l_sessions", json!(false))]].concat(), "atelier_fondamentaux", false)]
#[case::procedures(&ALL_D.map(|d| (d, json!(1))), "demarches_en_ligne", true)]
#[case::procedures_when_done_for_me(&[ALL_D.map(|d| (d, json!(1))).as_slice(), &[("s_wish", json!("pour-moi"))]].concat(), "demarches_en_ligne", false)]
#[case::any_other_need_removes_autonomie(&[("s_wish", json!("pour-moi"))], "autonomie", false)]
fn needs(#[case] changes: &[(&str, Value)], #[case] need: &str, #[case] fires: bool) {
    let a = with(changes);
    assert_eq!(
        a.need_codes().contains(&need),
        fires,
        "need {need}; needs were {:?}",
        a.need_codes()
    );
}

#[test]
fn emploi_adds_mission_locale_for_18_25() {
    let job = [
        ("j_relevant", json!(true)),
        ("j_offers", json!(0)),
        ("j_cv", json!(0)),
        ("j_apply", json!(0)),
        ("j_ft_account", json!(0)),
    ];
    let young = with(&[job.as_slice(), &[("ctx_age_band", json!("18-25"))]].concat());
    let need = young
        .needs
        .iter()
        .find(|n| n.code == "emploi")
        .expect("emploi fires");
    assert!(need.networks.contains(&"france-travail".to_owned()));
    assert!(
        need.networks.contains(&"mission-locale".to_owned()),
        "18-25 adds mission-locale"
    );
    let older = with(&job);
    let need = older.needs.iter().find(|n| n.code == "emploi").unwrap();
    assert!(!need.networks.contains(&"mission-locale".to_owned()));
}

#[test]
fn the_format_rule_replaces_group_types_with_individual_support() {
    let a = with(
        &[
            ALL_F.map(|f| (f, json!(1))).as_slice(),
            &[("l_read_french", json!("difficult"))],
        ]
        .concat(),
    );
    assert!(a.group_format_banned);
    for need in &a.needs {
        assert!(
            !need
                .types
                .iter()
                .any(|t| t == "atelier" || t == "formation"),
            "{} proposes a group format",
            need.code
        );
    }
}

#[test]
fn follow_up_questions_are_visible_only_when_their_condition_holds() {
    let q = questionnaire();
    let answers = |changes: &[(&str, Value)]| {
        aiguillage_domain::Answers::from_map(&q, &answers_of("claire", changes)).unwrap()
    };
    let visible = q.visible(&answers(&[])).unwrap();
    assert!(
        !visible.contains(&"s_deadline"),
        "no urgent procedure: the deadline is not asked"
    );
    assert!(
        !visible.contains(&"j_cv"),
        "not looking for a job: the J items are not asked"
    );
    assert!(
        !visible.contains(&"l_health_barrier"),
        "the sensitive item needs consent"
    );
    let visible = q
        .visible(&answers(&[
            ("s_urgent", json!(true)),
            ("j_relevant", json!(true)),
            ("consent_sensitive", json!(true)),
        ]))
        .unwrap();
    for id in ["s_deadline", "s_domains", "j_cv", "l_health_barrier"] {
        assert!(
            visible.contains(&id),
            "{id} is asked once its condition holds"
        );
    }
    // An answer to a hidden question is ignored: a stale deadline cannot raise urgence.
    let a = with(&[("s_urgent", json!(false)), ("s_deadline", json!("7j"))]);
    assert!(!a.has_flag("urgence"));
}
