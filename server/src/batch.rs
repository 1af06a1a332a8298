//! What a pushed batch does (`spec/sync.md`, "Push"), decided once for every backend: a pure
//! function of the batch and of what the server already holds about it. A backend reads those
//! facts in its push transaction ([`Held`]), asks [`decide`], and writes what the [`Decision`]
//! says; the rules themselves (a resend is a no-op, a different body at a held seq is
//! quarantined, a gap is refused, a device touches only its centre's records, a late upload of
//! an erased record keeps its place but not its content) live here only.

use std::collections::{HashMap, HashSet};

use aiguillage_domain::sync::{OpKind, WireOperation, same_operation};

/// What the server holds that decides a batch's fate, read in the push's transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Held {
    /// The device's contiguous high-water mark (0 when it has sent nothing).
    pub high: i64,
    /// `(op_id, body_sha256)` of the device's held operations at the batch's seqs up to `high`.
    pub at_seq: HashMap<i64, (String, String)>,
    /// The centre of each of the batch's records the server already holds.
    pub owners: HashMap<String, String>,
    /// The batch's records already erased.
    pub tombstones: HashSet<String>,
}

impl Held {
    /// The seqs of `batch` whose operations are already held (to read into `at_seq`).
    pub fn held_seqs(batch: &[WireOperation], high: i64) -> Vec<i64> {
        batch
            .iter()
            .map(|op| op.seq)
            .filter(|seq| *seq <= high)
            .collect()
    }

    /// The records `batch` is about, each once (to read `owners` and `tombstones` for).
    pub fn entity_ids(batch: &[WireOperation]) -> Vec<&str> {
        let mut seen = HashSet::new();
        batch
            .iter()
            .map(|op| op.entity_id.as_str())
            .filter(|id| seen.insert(*id))
            .collect()
    }
}

/// One operation to store, by its place in the batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Insert {
    /// Its index in the batch.
    pub index: usize,
    /// Whether its body is kept: not for a record erased before it arrived.
    pub keep_body: bool,
}

/// What to write for a batch that is stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The operations the server does not hold yet, in order.
    pub inserts: Vec<Insert>,
    /// Records this batch erases: tombstoned, their content removed, their centre told.
    pub erasures: Vec<String>,
    /// Every operation up to here is held once the plan is written.
    pub acked_through: i64,
    /// Records uploaded after their erasure: acknowledged, not kept.
    pub erased: Vec<String>,
}

/// What a batch does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Write the plan, all of it in one transaction.
    Store(Plan),
    /// The operation at this index has a seq the server holds with another body: store none of
    /// the batch and keep that operation aside for an administrator.
    Quarantine { index: usize },
    /// Store none of the batch; the device is told why.
    Refuse(Refusal),
}

/// Why a batch is refused whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The batch does not follow on from what the server holds.
    Gap { expected: i64, got: i64 },
    /// The operation at this seq is about a record of another centre.
    OtherCentre { seq: i64 },
}

/// Decides what `batch`, pushed by a device of `centre`, does given what the server `held`.
/// The batch is in seq order (the API checked it).
pub fn decide(centre: &str, batch: &[WireOperation], held: &Held) -> Decision {
    let mut plan = Plan {
        acked_through: held.high,
        ..Plan::default()
    };
    // What this batch adds as it goes: its own records are its centre's, its erasures count for
    // the operations after them.
    let mut owners: HashMap<&str, &str> = HashMap::new();
    let mut erased_now: HashSet<&str> = HashSet::new();
    for (index, op) in batch.iter().enumerate() {
        if op.seq <= held.high {
            let same = held
                .at_seq
                .get(&op.seq)
                .is_some_and(|(op_id, sha)| same_operation(op_id, sha, op));
            if same {
                // Already held: a retried request (or a bundle sent again) is a no-op.
                continue;
            }
            return Decision::Quarantine { index };
        }
        let expected = plan.acked_through + 1;
        if op.seq != expected {
            return Decision::Refuse(Refusal::Gap {
                expected,
                got: op.seq,
            });
        }
        let owner = owners
            .get(op.entity_id.as_str())
            .copied()
            .or_else(|| held.owners.get(&op.entity_id).map(String::as_str));
        if owner.is_some_and(|c| c != centre) {
            return Decision::Refuse(Refusal::OtherCentre { seq: op.seq });
        }
        owners.insert(&op.entity_id, centre);
        let is_erased =
            held.tombstones.contains(&op.entity_id) || erased_now.contains(op.entity_id.as_str());
        let keep_body = !is_erased || op.kind == OpKind::Erase;
        if !keep_body {
            plan.erased.push(op.entity_id.clone());
        }
        if op.kind == OpKind::Erase && !is_erased {
            erased_now.insert(&op.entity_id);
            plan.erasures.push(op.entity_id.clone());
        }
        plan.inserts.push(Insert { index, keep_body });
        plan.acked_through = op.seq;
    }
    Decision::Store(plan)
}

#[cfg(test)]
mod tests;
