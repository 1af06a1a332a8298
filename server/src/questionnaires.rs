//! The questionnaire versions the server checks a diagnostic's answers against: the one this
//! build embeds (the app of the same release embeds it too) and every version published to the
//! devices (`questionnaire publish`).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use aiguillage_domain::Questionnaire;
use aiguillage_domain::sync::{WireOperation, check_shape, named_questionnaires};

use crate::storage::{Storage, StoreResult};

/// The questionnaire this build embeds.
static EMBEDDED: LazyLock<Arc<Questionnaire>> = LazyLock::new(|| {
    Arc::new(
        Questionnaire::parse(include_str!(
            "../../assets/questionnaires/diagnostic-numerique-v1.json"
        ))
        .expect("the embedded questionnaire loads (its tests prove it)"),
    )
});

/// The questionnaire this build embeds (its labels name the figures of the console's reports).
pub fn embedded() -> &'static Questionnaire {
    &EMBEDDED
}

/// The versions `operations` name that this server knows.
///
/// # Errors
/// The storage's.
pub async fn named_in<S: Storage>(
    storage: &S,
    operations: &[WireOperation],
) -> StoreResult<HashMap<(String, u32), Arc<Questionnaire>>> {
    let mut known = HashMap::new();
    for (id, version) in named_questionnaires(operations) {
        let found = if EMBEDDED.id == id && EMBEDDED.version == version {
            Some(Arc::clone(&EMBEDDED))
        } else {
            storage
                .published("questionnaire".into(), format!("{id}@{version}"))
                .await?
                .and_then(|payload| {
                    let value: serde_json::Value = serde_json::from_str(&payload).ok()?;
                    Questionnaire::parse(&value.get("questionnaire")?.to_string()).ok()
                })
                .filter(|q| q.id == id && q.version == version)
                .map(Arc::new)
        };
        if let Some(questionnaire) = found {
            known.insert((id, version), questionnaire);
        }
    }
    Ok(known)
}

/// `Ok` when every operation of `operations` is well formed, else the first fault in one
/// sentence naming its seq (see [`check_shape`]). Nothing is stored before this says yes.
///
/// # Errors
/// The storage's, reading the published questionnaires; the fault as `Ok(Err(…))`.
pub async fn check_bodies<S: Storage>(
    storage: &S,
    operations: &[WireOperation],
) -> StoreResult<Result<(), String>> {
    let known = named_in(storage, operations).await?;
    let lookup = |id: &str, version: u32| {
        known
            .iter()
            .find(|((i, v), _)| i == id && *v == version)
            .map(|(_, q)| q.as_ref())
    };
    Ok(operations
        .iter()
        .try_for_each(|op| check_shape(op, &lookup)))
}
