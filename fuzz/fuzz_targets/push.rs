//! The body of `POST /api/v1/sync/push`: every operation is checked before anything is stored.
#![no_main]

use aiguillage_domain::sync::PushRequest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(request) = serde_json::from_slice::<PushRequest>(bytes) {
        for op in &request.operations {
            let _ = op.check();
        }
    }
});
