//! Property tests over random answer documents: the spec's invariants always hold.

use aiguillage_domain::questionnaire::QuestionKind;
use aiguillage_domain::{Answers, Questionnaire};
use proptest::prelude::*;
use serde_json::{Map, Value};

use crate::helpers::questionnaire;

/// A random valid (or null) value for every question.
fn answers_strategy(q: &Questionnaire) -> impl Strategy<Value = Map<String, Value>> {
    let per_question: Vec<BoxedStrategy<(String, Value)>> = q
        .questions()
        .map(|question| {
            let id = question.id.clone();
            let value: BoxedStrategy<Value> = match &question.kind {
                QuestionKind::Bool => any::<bool>().prop_map(Value::from).boxed(),
                QuestionKind::Scale { options, .. } => {
                    proptest::sample::select(options.iter().map(|o| o.value).collect::<Vec<_>>())
                        .prop_map(Value::from)
                        .boxed()
                }
                QuestionKind::Choice(options) => proptest::sample::select(
                    options.iter().map(|o| o.value.clone()).collect::<Vec<_>>(),
                )
                .prop_map(Value::from)
                .boxed(),
                QuestionKind::Multi(options) => proptest::sample::subsequence(
                    options.iter().map(|o| o.value.clone()).collect::<Vec<_>>(),
                    0..=options.len(),
                )
                .prop_map(Value::from)
                .boxed(),
                QuestionKind::Text { .. } => {
                    proptest::sample::select(vec!["69123", "69266", "38544", "01053"])
                        .prop_map(Value::from)
                        .boxed()
                }
            };
            // One answer in four left blank: null never counts as 0.
            prop_oneof![1 => Just(Value::Null), 3 => value]
                .prop_map(move |v| (id.clone(), v))
                .boxed()
        })
        .collect();
    per_question.prop_map(|pairs| pairs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn invariants_hold_for_any_answers(raw in answers_strategy(&questionnaire())) {
        let q = questionnaire();
        let answers = Answers::from_map(&q, &raw).expect("generated answers are valid");
        let a = q.assess(&answers).expect("assessment never fails on valid answers");

        let isolated_beginner = a.has_flag("isole") && (a.profile == "P0" || a.profile == "P1");
        if isolated_beginner || a.has_flag("langue") || a.has_flag("illettrisme") {
            prop_assert!(a.group_format_banned, "the format rule must hold");
            for need in &a.needs {
                prop_assert!(!need.types.iter().any(|t| t == "atelier" || t == "formation"),
                    "need {} proposes a group format to someone it would fail", need.code);
            }
        }
        if let Some(pos) = a.needs.iter().position(|n| n.code == "demarche_accompagnee") {
            prop_assert_eq!(pos, 0, "the urgent need comes first");
        }
        if a.profile == "P3" && a.flags.is_empty() {
            // Skills referrals only: material needs (a device, a connection) still get help.
            for need in &a.needs {
                prop_assert!(["autonomie", "equipement", "connexion"].contains(&need.code.as_str()),
                    "a P3 person without flags got a skills referral: {}", need.code);
            }
        }
        for need in &a.needs {
            prop_assert!(!need.reason.fr.trim().is_empty() && !need.reason.en.trim().is_empty(), "need {} has no reason", need.code);
            prop_assert!(!need.sheet.fr.trim().is_empty(), "need {} has no sheet text", need.code);
        }
        let again = q.assess(&answers).unwrap();
        prop_assert_eq!(&a, &again, "the same answers always give the same result");
    }

    #[test]
    fn answers_round_trip_through_their_document(raw in answers_strategy(&questionnaire())) {
        let q = questionnaire();
        let answers = Answers::from_map(&q, &raw).unwrap();
        let back = Answers::from_map(&q, &answers.to_map()).unwrap();
        prop_assert_eq!(answers, back);
    }
}
