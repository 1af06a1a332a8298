//! A data·inclusion directory file (`directory import`, the desktop import): every row is either
//! kept or refused with a reason, never a crash.
#![no_main]

use aiguillage_domain::directory::validation::check_rows;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|text: &str| {
    if let Ok(Value::Object(doc)) = serde_json::from_str::<Value>(text) {
        let rows = |key: &str| match doc.get(key) {
            Some(Value::Array(rows)) => rows.clone(),
            _ => Vec::new(),
        };
        let (structures, services, rejected) = check_rows(&rows("structures"), &rows("services"));
        assert_eq!(
            structures.len() + services.len() + rejected.len(),
            rows("structures").len() + rows("services").len(),
            "every row is kept or refused, once"
        );
    }
});
