//! An answers document that does not fit the questionnaire is refused with the question and value.

use aiguillage_domain::Answers;
use rstest::rstest;
use serde_json::json;

use crate::helpers::questionnaire;

#[rstest]
#[case::wrong_type(json!({"s_urgent": "oui"}), "s_urgent")]
#[case::out_of_scale(json!({"f_wifi": 7}), "outside the scale")]
#[case::negative(json!({"f_wifi": -1}), "f_wifi")]
#[case::unknown_question(json!({"f_fly": 2}), "\"f_fly\" is not in the questionnaire")]
#[case::unknown_option(json!({"c_mobile_data": "lots"}), "\"lots\", which is not one of its options")]
#[case::multi_twice(json!({"s_urgent": true, "s_domains": ["papiers", "papiers"]}), "twice")]
#[case::multi_not_array(json!({"s_domains": "papiers"}), "s_domains")]
#[case::bad_commune(json!({"ctx_commune": "Lyon"}), "ctx_commune")]
fn a_bad_value_is_named(#[case] answers: serde_json::Value, #[case] expected: &str) {
    let doc = json!({"questionnaire": "diagnostic-numerique", "version": 1, "answers": answers})
        .to_string();
    let err = Answers::parse_document(&questionnaire(), &doc)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(expected),
        "message {err:?} should contain {expected:?}"
    );
}

#[rstest]
#[case::unknown_questionnaire(json!({"questionnaire": "autre", "version": 1, "answers": {}}), "questionnaire \"autre\" is unknown")]
#[case::unknown_version(json!({"questionnaire": "diagnostic-numerique", "version": 9, "answers": {}}), "version 9")]
#[case::unknown_field(json!({"questionnaire": "diagnostic-numerique", "version": 1, "answers": {}, "extra": 1}), "unknown field")]
fn a_bad_document_is_named(#[case] doc: serde_json::Value, #[case] expected: &str) {
    let err = Answers::parse_document(&questionnaire(), &doc.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(expected),
        "message {err:?} should contain {expected:?}"
    );
}

#[test]
fn null_means_not_answered() {
    let doc = json!({"questionnaire": "diagnostic-numerique", "version": 1, "answers": {"f_wifi": null, "f_unlock": 2}});
    let answers = Answers::parse_document(&questionnaire(), &doc.to_string()).unwrap();
    assert_eq!(answers.len(), 1, "a null answer is not stored");
}
