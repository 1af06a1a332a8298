//! A bundle file (`aiguillage-server bundle import`): refused in one sentence or verified, with
//! a device's public key and with a token's hash alike.
#![no_main]

use aiguillage_domain::sync::{Bundle, BundleKey, SigningKey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(bundle) = serde_json::from_str::<Bundle>(text) {
        let device = BundleKey::Device(SigningKey::from_bytes(&[7; 32]).public_key());
        let _ = bundle.verify(&device);
        let _ = bundle.verify(&BundleKey::Token("0123456789abcdef".into()));
    }
});
