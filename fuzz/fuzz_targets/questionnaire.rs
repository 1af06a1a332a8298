//! A questionnaire file (`questionnaire publish`, a version received by sync): the loader either
//! refuses it in one sentence or gives a questionnaire that scores any answers without failing.
#![no_main]

use aiguillage_domain::{Answers, Questionnaire};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(q) = Questionnaire::parse(text) {
        let answers = Answers::from_map(&q, &serde_json::Map::new()).expect("no answers is valid");
        let _ = q.assess(&answers);
    }
});
