use aiguillage_domain::{Answers, Assessment, Questionnaire};
use serde_json::{Map, Value};

pub const QUESTIONNAIRE: &str =
    include_str!("../../../assets/questionnaires/diagnostic-numerique-v1.json");
pub const PERSONAS: &str = include_str!("../../../assets/demo/personas.json");

pub fn questionnaire() -> Questionnaire {
    Questionnaire::parse(QUESTIONNAIRE).expect("the shipped questionnaire must load")
}

pub fn persona(id: &str) -> Value {
    let all: Vec<Value> = serde_json::from_str(PERSONAS).unwrap();
    all.into_iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no persona {id}"))
}

/// A persona's answers with some items changed (null removes an answer).
pub fn answers_of(id: &str, changes: &[(&str, Value)]) -> Map<String, Value> {
    let mut answers = persona(id)["answers"].as_object().unwrap().clone();
    for (key, value) in changes {
        answers.insert((*key).to_owned(), value.clone());
    }
    answers
}

pub fn assess(q: &Questionnaire, answers: &Map<String, Value>) -> Assessment {
    let answers = Answers::from_map(q, answers).expect("test answers must be valid");
    q.assess(&answers).expect("assessment must not fail")
}
