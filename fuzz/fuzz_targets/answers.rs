//! An answers document (`diagnose --answers`): refused in one sentence, or scored without error
//! by the shipped questionnaire.
#![no_main]

use std::sync::LazyLock;

use aiguillage_domain::{Answers, Questionnaire};
use libfuzzer_sys::fuzz_target;

static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(|| {
    Questionnaire::parse(include_str!(
        "../../assets/questionnaires/diagnostic-numerique-v1.json"
    ))
    .expect("the shipped questionnaire loads")
});

fuzz_target!(|text: &str| {
    if let Ok(answers) = Answers::parse_document(&QUESTIONNAIRE, text) {
        QUESTIONNAIRE
            .assess(&answers)
            .expect("checked answers always score");
    }
});
