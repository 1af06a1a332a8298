//! The loader refuses a faulty questionnaire with one message naming the JSON path of the fault.

use aiguillage_domain::Questionnaire;
use rstest::rstest;
use serde_json::{Value, json};

use crate::helpers::QUESTIONNAIRE;

fn mutated(f: impl FnOnce(&mut Value)) -> String {
    let mut q: Value = serde_json::from_str(QUESTIONNAIRE).unwrap();
    f(&mut q);
    let err =
        Questionnaire::parse(&q.to_string()).expect_err("the faulty questionnaire must be refused");
    err.to_string()
}

fn question<'a>(q: &'a mut Value, id: &str) -> &'a mut Value {
    q["sections"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|s| s["questions"].as_array_mut().unwrap().iter_mut())
        .find(|x| x["id"] == id)
        .unwrap()
}

#[test]
fn every_questionnaire_under_assets_loads() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/questionnaires");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if let Err(e) = Questionnaire::parse(&text) {
            panic!("{} must load: {e}", path.display());
        }
        count += 1;
    }
    assert!(count >= 1, "the default questionnaire is shipped");
}

#[rstest]
#[case::duplicate_question(|q: &mut Value| { *question(q, "f_wifi").get_mut("id").unwrap() = json!("f_unlock"); }, "\"f_unlock\" is used twice")]
#[case::condition_reads_missing_question(|q: &mut Value| { question(q, "s_deadline")["visible_if"] = json!({"==": [{"var": "s_nope"}, true]}); }, "reads \"s_nope\"")]
#[case::condition_reads_missing_flag(|q: &mut Value| { q["needs"][0]["when"][0]["if"] = json!({"var": "flags.nope"}); }, "reads \"flags.nope\"")]
#[case::flag_reads_a_later_flag(|q: &mut Value| { q["flags"][0]["when"][0]["if"] = json!({"var": "flags.sante"}); }, "$.flags[0].when[0].if")]
#[case::cites_missing(|q: &mut Value| { q["flags"][0]["when"][0]["cites"] = json!(["nobody"]); }, "cites \"nobody\"")]
#[case::scale_option_outside(|q: &mut Value| { q["scales"][0]["options"][0]["value"] = json!(5); }, "outside the scale 0–3")]
#[case::options_on_a_scale_question(|q: &mut Value| { question(q, "f_wifi")["options"] = json!([{"value": "x", "label": {"fr": "x", "en": "x"}}]); }, "takes its options from its scale")]
#[case::label_missing_in_english(|q: &mut Value| { question(q, "f_wifi")["label"]["en"] = json!(""); }, ".label.en")]
#[case::label_field_missing(|q: &mut Value| { question(q, "f_wifi")["label"].as_object_mut().unwrap().remove("en"); }, "missing field `en`")]
#[case::visibility_cycle(|q: &mut Value| {
    question(q, "s_urgent")["visible_if"] = json!({"==": [{"var": "s_deadline"}, "7j"]});
}, "cycle")]
#[case::unknown_thematique(|q: &mut Value| { q["needs"][0]["thematiques"][0] = json!("numerique--voler"); }, "is not a data·inclusion thématique")]
#[case::unknown_type(|q: &mut Value| { q["format_rule"]["replacement"] = json!("cours"); }, "service type")]
#[case::unknown_kind(|q: &mut Value| { question(q, "s_urgent")["kind"] = json!("slider"); }, "\"slider\" is not a kind")]
#[case::unknown_dimension(|q: &mut Value| { question(q, "f_wifi")["dimension"] = json!("Z"); }, "\"Z\" is not a dimension")]
#[case::unknown_field(|q: &mut Value| { question(q, "f_wifi")["colour"] = json!("red"); }, "unknown field `colour`")]
fn a_fault_is_refused_with_its_path(#[case] mutate: fn(&mut Value), #[case] expected: &str) {
    let message = mutated(mutate);
    assert!(
        message.contains(expected),
        "message {message:?} should contain {expected:?}"
    );
    assert!(
        message.contains("$."),
        "the message must name a JSON path: {message}"
    );
}
