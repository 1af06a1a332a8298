//! Properties of [`decide`]: whatever the batch, a resend is a no-op, a changed body is
//! quarantined, a gap and another centre's record are refused with nothing stored, and an
//! erased record keeps its place in the chain but not its content.

use proptest::prelude::*;

use aiguillage_domain::sync::{Entity, body_hash};

use super::*;

const CENTRE: &str = "centre-a";

/// Record ids from a small pool, so batches meet the same records again.
fn record(n: u8) -> String {
    format!("019a0000-0000-7000-8000-0000000000{n:02x}")
}

fn op(seq: i64, record_n: u8, kind: OpKind, body: &str) -> WireOperation {
    WireOperation {
        seq,
        op_id: format!("019a0000-0000-7000-9000-{seq:012x}"),
        entity: Entity::Diagnostic,
        entity_id: record(record_n),
        kind,
        base_version: None,
        body: body.to_owned(),
        body_sha256: body_hash(body),
        recorded_at: "2026-12-07T09:00:00.000Z".into(),
    }
}

fn kind() -> impl Strategy<Value = OpKind> {
    prop_oneof![
        4 => Just(OpKind::Create),
        2 => Just(OpKind::Choose),
        1 => Just(OpKind::FollowUp),
        1 => Just(OpKind::Erase),
    ]
}

/// A batch of `len` operations from `start`, over records 0..8.
fn batch(start: i64, len: usize) -> impl Strategy<Value = Vec<WireOperation>> {
    prop::collection::vec((0u8..8, kind(), 0u32..1000), len).prop_map(move |ops| {
        ops.into_iter()
            .enumerate()
            .map(|(i, (r, k, b))| op(start + i as i64, r, k, &format!("{{\"v\":{b}}}")))
            .collect()
    })
}

/// The server after `plan` is written: what the next decision reads.
fn written(mut held: Held, batch: &[WireOperation], plan: &Plan) -> Held {
    for insert in &plan.inserts {
        let op = &batch[insert.index];
        held.at_seq
            .insert(op.seq, (op.op_id.clone(), op.body_sha256.clone()));
        held.owners.insert(op.entity_id.clone(), CENTRE.into());
    }
    held.tombstones.extend(plan.erasures.iter().cloned());
    held.high = plan.acked_through;
    held
}

fn stored(decision: Decision) -> Plan {
    match decision {
        Decision::Store(plan) => plan,
        other => panic!("the batch should be stored, not {other:?}"),
    }
}

proptest! {
    #[test]
    fn a_fresh_batch_is_stored_whole_and_sending_it_again_changes_nothing(
        ops in (1usize..40).prop_flat_map(|n| batch(1, n))
    ) {
        let plan = stored(decide(CENTRE, &ops, &Held::default()));
        prop_assert_eq!(plan.inserts.len(), ops.len(), "every operation is new");
        prop_assert_eq!(plan.acked_through, ops.len() as i64);
        let after = written(Held::default(), &ops, &plan);
        let again = stored(decide(CENTRE, &ops, &after));
        prop_assert!(again.inserts.is_empty(), "a retried push stores nothing: {:?}", again);
        prop_assert!(again.erasures.is_empty(), "nor erases anything twice");
        prop_assert_eq!(again.acked_through, plan.acked_through);
    }

    #[test]
    fn a_resend_overlapping_the_mark_stores_only_what_is_new(
        ops in (2usize..40).prop_flat_map(|n| batch(1, n)),
        split in any::<prop::sample::Index>(),
    ) {
        let cut = split.index(ops.len() - 1) + 1;
        let first = stored(decide(CENTRE, &ops[..cut], &Held::default()));
        let held = written(Held::default(), &ops[..cut], &first);
        let whole = stored(decide(CENTRE, &ops, &held));
        let new: Vec<usize> = whole.inserts.iter().map(|i| i.index).collect();
        prop_assert_eq!(new, (cut..ops.len()).collect::<Vec<_>>(), "only the tail is new");
        prop_assert_eq!(whole.acked_through, ops.len() as i64);
    }

    #[test]
    fn a_different_body_at_a_held_seq_is_quarantined(
        ops in (1usize..20).prop_flat_map(|n| batch(1, n)),
        which in any::<prop::sample::Index>(),
    ) {
        let plan = stored(decide(CENTRE, &ops, &Held::default()));
        let held = written(Held::default(), &ops, &plan);
        let mut changed = ops.clone();
        let index = which.index(ops.len());
        let altered = op(changed[index].seq, 0, OpKind::Create, r#"{"changed":true}"#);
        changed[index] = WireOperation { op_id: "019a0000-0000-7000-a000-000000000000".into(), ..altered };
        prop_assert_eq!(decide(CENTRE, &changed, &held), Decision::Quarantine { index });
    }

    #[test]
    fn a_gap_is_refused_naming_the_seq_expected(
        high in 0i64..50,
        gap in 1i64..10,
        len in 1usize..10,
    ) {
        let ops: Vec<WireOperation> = (0..len)
            .map(|i| op(high + gap + 1 + i as i64, 1, OpKind::Create, "{}"))
            .collect();
        let held = Held { high, ..Held::default() };
        prop_assert_eq!(
            decide(CENTRE, &ops, &held),
            Decision::Refuse(Refusal::Gap { expected: high + 1, got: high + gap + 1 })
        );
    }

    #[test]
    fn a_record_of_another_centre_refuses_the_whole_batch(
        ops in (1usize..20).prop_flat_map(|n| batch(1, n)),
        which in any::<prop::sample::Index>(),
    ) {
        let foreign = ops[which.index(ops.len())].entity_id.clone();
        let held = Held {
            owners: HashMap::from([(foreign, "centre-b".to_owned())]),
            ..Held::default()
        };
        let refused = matches!(
            decide(CENTRE, &ops, &held),
            Decision::Refuse(Refusal::OtherCentre { seq: _ })
        );
        prop_assert!(refused, "nothing of the batch is stored");
    }

    #[test]
    fn an_erased_record_keeps_its_place_but_not_its_content(
        ops in (1usize..40).prop_flat_map(|n| batch(1, n)),
        erased in prop::collection::hash_set(0u8..8, 0..4),
    ) {
        let held = Held {
            tombstones: erased.iter().map(|n| record(*n)).collect(),
            ..Held::default()
        };
        let plan = stored(decide(CENTRE, &ops, &held));
        prop_assert_eq!(plan.inserts.len(), ops.len(), "every seq keeps its place in the chain");
        // Erased: before the batch, or by an erasure earlier in it.
        let mut gone: HashSet<String> = held.tombstones.clone();
        for insert in &plan.inserts {
            let op = &ops[insert.index];
            let was_erased = gone.contains(&op.entity_id);
            prop_assert_eq!(
                insert.keep_body,
                !was_erased || op.kind == OpKind::Erase,
                "seq {} about {} (erased: {})", op.seq, &op.entity_id, was_erased
            );
            if op.kind == OpKind::Erase {
                gone.insert(op.entity_id.clone());
            }
        }
        for id in &plan.erasures {
            prop_assert!(!held.tombstones.contains(id), "an erased record is not erased again");
        }
    }
}
