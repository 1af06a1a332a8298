//! A bundle file (`aiguillage-server bundle import`): refused in one sentence or verified.
#![no_main]

use aiguillage_domain::sync::Bundle;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(bundle) = serde_json::from_str::<Bundle>(text) {
        let _ = bundle.verify("0123456789abcdef");
    }
});
