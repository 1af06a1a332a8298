//! The foundation's performance targets, measured on real files (`cargo bench -p aiguillage-core`).
//! Prints one Markdown table row per measure; BENCHMARKS.md keeps the results with machine and date.

use std::time::{Duration, Instant};

use aiguillage_core::directory::DirectoryIndex;
use aiguillage_core::store::Filter;
use aiguillage_core::vault::{DbKey, KdfParams, Vault};
use aiguillage_core::{Mode, Workspace, content, demo, export, report};
use aiguillage_domain::Answers;
use aiguillage_domain::orientation::{Person, match_need};
use serde_json::{Value, json};

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn row(what: &str, target: &str, measured: String) {
    println!("| {what} | {target} | {measured} |");
}

/// The median of 20 runs of `f`, after one to warm up.
fn time(f: &mut dyn FnMut()) -> Duration {
    f();
    let mut samples: Vec<Duration> = (0..20)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    percentile(&mut samples, 0.5)
}

/// One database under measure: a plain SQLite file, or one encrypted with SQLCipher.
struct Side<'k> {
    key: Option<&'k DbKey>,
    dir: tempfile::TempDir,
    ws: Workspace,
}

impl<'k> Side<'k> {
    fn new(key: Option<&'k DbKey>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open_keyed(dir.path(), Mode::Real, key).unwrap();
        Side { key, dir, ws }
    }
}

/// Runs `f` on the plain side and the encrypted one in turn, `rounds` times, swapping which goes
/// first each round, so that the machine's drift (other work, the disk's write-back) falls on both
/// alike. Returns each side's samples: `[plain, encrypted]`.
fn alternate<'k>(
    sides: &mut [Side<'k>; 2],
    rounds: usize,
    mut f: impl FnMut(&mut Side<'k>) -> Vec<Duration>,
) -> [Vec<Duration>; 2] {
    let mut samples = [Vec::new(), Vec::new()];
    for round in 0..rounds {
        let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
        for i in order {
            samples[i].extend(f(&mut sides[i]));
        }
    }
    samples
}

/// `f` once to warm up, then ten timed runs.
fn ten(f: &mut dyn FnMut()) -> Vec<Duration> {
    f();
    (0..10)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// One measure on both sides: what, its target, and each side's figure as shown and as compared.
struct Compared {
    what: &'static str,
    target: &'static str,
    shown: [String; 2],
    value: [f64; 2],
}

/// Saving, the 100 000-diagnostic measures and the directory import, on a plain file and on an
/// encrypted one, interleaved. Returns the measures and the plain side's directory workspace.
fn store_measures(key: &DbKey, answers: &Answers) -> (Vec<Compared>, Workspace) {
    let mut out = Vec::new();
    let mut sides = [Side::new(None), Side::new(Some(key))];
    let median = |samples: &mut [Duration]| percentile(samples, 0.5);

    // 2. Save one completed diagnostic durably (synchronous=FULL, one transaction with its
    //    operation): 300 saves a side, one plain and one encrypted in turn.
    let [mut plain, mut encrypted] = alternate(&mut sides, 300, |side| {
        let start = Instant::now();
        side.ws.complete(answers.clone(), None, None).unwrap();
        vec![start.elapsed()]
    });
    let shown = |s: &mut [Duration]| {
        format!(
            "p50 {:.2} ms, p99 {:.2} ms",
            percentile(s, 0.5).as_secs_f64() * 1e3,
            percentile(s, 0.99).as_secs_f64() * 1e3
        )
    };
    out.push(Compared {
        what: "save one completed diagnostic durably",
        target: "p99 < 10 ms",
        shown: [shown(&mut plain), shown(&mut encrypted)],
        value: [
            median(&mut plain).as_secs_f64(),
            median(&mut encrypted).as_secs_f64(),
        ],
    });

    // 2b. What the app does at the end of a diagnostic: the draft, filled answer by answer
    //     beforehand (not timed), completed and removed in the same durable transaction.
    let answer_map = answers.to_map();
    let [mut plain, mut encrypted] = alternate(&mut sides, 100, |side| {
        let draft = side.ws.start_draft().unwrap();
        for (question, value) in &answer_map {
            side.ws.answer_draft(&draft, question, value).unwrap();
        }
        let start = Instant::now();
        side.ws.complete_draft(&draft).unwrap();
        vec![start.elapsed()]
    });
    out.push(Compared {
        what: "complete a draft as the app does (saved with its operation, the draft removed)",
        target: "p99 < 10 ms",
        shown: [shown(&mut plain), shown(&mut encrypted)],
        value: [
            median(&mut plain).as_secs_f64(),
            median(&mut encrypted).as_secs_f64(),
        ],
    });

    // 3. 100 000 completed diagnostics: copies of real saved rows (with their operations), spread
    //    over a year.
    let mut size_per = [0.0; 2];
    for (side, size) in sides.iter_mut().zip(&mut size_per) {
        let db = side.ws.store.path().to_owned();
        let size_before = std::fs::metadata(&db).unwrap().len();
        // A second connection writes the copies; the workspace's own is idle meanwhile (WAL).
        {
            let conn = aiguillage_core::store::raw_connection(&db, side.key).unwrap();
            conn.execute_batch(
                "PRAGMA synchronous = OFF;
             BEGIN;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 99600)
             INSERT INTO diagnostic (id, questionnaire, version, started_at, completed_at, answers, result, profile,
                                     needs, flags, consent_name, consent_sensitive, age_band, commune)
             SELECT printf('019a0000-0000-7000-8000-%012d', i), d.questionnaire, d.version, d.started_at,
                    strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i * 315) || ' seconds'),
                    d.answers, d.result, CASE i % 4 WHEN 0 THEN 'P0' WHEN 1 THEN 'P1' WHEN 2 THEN 'P2' ELSE 'P3' END,
                    d.needs, d.flags, 0, 0, d.age_band, d.commune
             FROM n, (SELECT * FROM diagnostic LIMIT 1) d;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 99600)
             INSERT INTO operation (seq, op_id, entity, entity_id, kind, body, body_sha256, recorded_at)
             SELECT 400 + i, printf('019a0000-0000-7000-9000-%012d', i), 'diagnostic',
                    printf('019a0000-0000-7000-8000-%012d', i), 'create', o.body, o.body_sha256, o.recorded_at
             FROM n, (SELECT * FROM operation LIMIT 1) o;
             COMMIT;
             PRAGMA wal_checkpoint(TRUNCATE);",
            )
            .unwrap();
        }
        side.ws = Workspace::open_keyed(side.dir.path(), Mode::Real, side.key).unwrap();
        assert_eq!(
            side.ws.store.count_diagnostics(&Filter::default()).unwrap(),
            100_000,
            "each side holds the 400 saved diagnostics (300 saves, 100 drafts completed) and their 99 600 copies"
        );
        *size = (std::fs::metadata(&db).unwrap().len() - size_before) as f64 / 99_600.0 / 1024.0;
    }

    let mut timed = |what, target, rounds, f: &mut dyn FnMut(&Workspace) -> Vec<Duration>| {
        let [mut p, mut e] = alternate(&mut sides, rounds, |side| f(&side.ws));
        let (p, e) = (median(&mut p), median(&mut e));
        let shown = |d: Duration| {
            if d >= Duration::from_secs(1) {
                format!("{:.2} s", d.as_secs_f64())
            } else {
                ms(d)
            }
        };
        out.push(Compared {
            what,
            target,
            shown: [shown(p), shown(e)],
            value: [p.as_secs_f64(), e.as_secs_f64()],
        });
    };
    timed(
        "100 000 diagnostics: first page of the list (50 rows)",
        "< 20 ms",
        10,
        &mut |ws| {
            ten(&mut || {
                let filter = Filter {
                    limit: Some(50),
                    ..Filter::default()
                };
                std::hint::black_box(ws.store.list_diagnostics(&filter).unwrap());
            })
        },
    );
    timed(
        "100 000 diagnostics: search by date range (a month: page and count)",
        "< 20 ms",
        10,
        &mut |ws| {
            ten(&mut || {
                let filter = Filter {
                    from: Some("2026-06-01".into()),
                    to: Some("2026-07-01".into()),
                    limit: Some(50),
                    ..Filter::default()
                };
                std::hint::black_box(ws.store.list_diagnostics(&filter).unwrap());
                std::hint::black_box(ws.store.count_diagnostics(&filter).unwrap());
            })
        },
    );
    timed("100 000 diagnostics: CSV export", "< 2 s", 6, &mut |ws| {
        let start = Instant::now();
        let rows = export::csv(
            &ws.store,
            &ws.questionnaire,
            &Filter::default(),
            b';',
            std::io::sink(),
        )
        .unwrap();
        assert_eq!(rows, 100_000, "the export writes every diagnostic");
        vec![start.elapsed()]
    });
    timed(
        "100 000 diagnostics: the report",
        "< 200 ms",
        6,
        &mut |ws| {
            ten(&mut || {
                std::hint::black_box(report::compute(&ws.store, &Filter::default()).unwrap());
            })
        },
    );
    out.push(Compared {
        what: "database size per diagnostic (with its operation and indexes)",
        target: "< 4 KB",
        shown: size_per.map(|kb| format!("{kb:.2} KB")),
        value: size_per,
    });

    // 4. Import a 20 000-service directory (2 000 structures), into a new database each time.
    let structures: Vec<Value> = serde_json::from_str(content::SAMPLE_STRUCTURES).unwrap();
    let services: Vec<Value> = serde_json::from_str(content::SAMPLE_SERVICES).unwrap();
    let mut big_structures = Vec::new();
    let mut big_services = Vec::new();
    for i in 0..2000 {
        let mut s = structures[i % structures.len()].clone();
        let sid = format!("bench-s-{i}");
        s["source"] = json!("bench");
        s["id"] = json!(sid);
        big_structures.push(s);
        for j in 0..10 {
            let mut v = services[(i * 10 + j) % services.len()].clone();
            v["source"] = json!("bench");
            v["id"] = json!(format!("bench-v-{i}-{j}"));
            v["structure_id"] = json!(sid);
            big_services.push(v);
        }
    }
    let [mut p, mut e] = alternate(&mut sides, 6, |side| {
        side.dir = tempfile::tempdir().unwrap();
        side.ws = Workspace::open_keyed(side.dir.path(), Mode::Real, side.key).unwrap();
        let start = Instant::now();
        let imported = aiguillage_core::directory::import_directory_rows(
            &mut side.ws.store,
            &big_structures,
            &big_services,
            "2026-11-26T00:00:00Z",
        )
        .unwrap();
        assert_eq!(imported.services, 20_000, "every service is imported");
        vec![start.elapsed()]
    });
    let (p, e) = (median(&mut p), median(&mut e));
    out.push(Compared {
        what: "import a 20 000-service directory (schema-checked, one transaction)",
        target: "< 3 s",
        shown: [p, e].map(|d| format!("{:.2} s", d.as_secs_f64())),
        value: [p.as_secs_f64(), e.as_secs_f64()],
    });
    let [plain, _] = sides;
    (out, plain.ws)
}

fn main() {
    println!("| measure | target | measured |\n|---|---|---|");
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path(), Mode::Real).unwrap();
    let persona = demo::personas()
        .unwrap()
        .into_iter()
        .find(|p| p.id == "germaine")
        .unwrap();
    let answers = Answers::from_map(&ws.questionnaire, &persona.answers).unwrap();

    // 1. Evaluate one diagnostic.
    for _ in 0..200 {
        ws.questionnaire.assess(&answers).unwrap();
    }
    let n = 5000;
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(ws.questionnaire.assess(&answers).unwrap());
    }
    let per = start.elapsed() / n;
    row(
        "evaluate one diagnostic (levels, profile, flags, needs, reasons)",
        "< 50 µs",
        format!("{:.1} µs mean", per.as_secs_f64() * 1e6),
    );

    // 2–4. The store, on a plain file and on an encrypted one (issue 5: under 15 % slower).
    let key_dir = tempfile::tempdir().unwrap();
    let set_up = Vault::create(
        key_dir.path(),
        KdfParams::STANDARD,
        "Bench",
        "phrase de banc d'essai",
    )
    .unwrap();
    let (measures, import_ws) = store_measures(&set_up.key, &answers);
    for m in &measures {
        row(m.what, m.target, m.shown[1].clone());
    }
    println!(
        "\n| measure (medians, interleaved) | plain SQLite | SQLCipher | cost |\n|---|---|---|---|"
    );
    for m in &measures {
        println!(
            "| {} | {} | {} | {:+.0} % |",
            m.what,
            m.shown[0],
            m.shown[1],
            (m.value[1] / m.value[0] - 1.0) * 100.0
        );
    }

    // 5. Unlock: Argon2id over one slot, then opening the encrypted database.
    let coordinator = set_up.coordinator.id;
    let vault = Vault::load(key_dir.path()).unwrap().unwrap();
    let mut samples: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let (_, key) = vault.unlock(coordinator, "phrase de banc d'essai").unwrap();
            std::hint::black_box(key);
            start.elapsed()
        })
        .collect();
    let unlock = percentile(&mut samples, 0.5);
    println!();
    row(
        &format!(
            "unlock: Argon2id (m = {} MiB, t = {}, p = {}) over one key slot",
            KdfParams::STANDARD.m_kib / 1024,
            KdfParams::STANDARD.t,
            KdfParams::STANDARD.p
        ),
        "about 0.5 s",
        format!("{:.2} s median of 5", unlock.as_secs_f64()),
    );
    let (_, key) = vault.unlock(coordinator, "phrase de banc d'essai").unwrap();
    let start = Instant::now();
    let opened = Workspace::open_keyed(key_dir.path(), Mode::Real, key.as_ref()).unwrap();
    row(
        "open the encrypted database once unlocked (key check, migrations, retention)",
        "—",
        format!("{:.1} ms", start.elapsed().as_secs_f64() * 1e3),
    );
    drop(opened);

    // 6. Matching happens in memory, the same for both files.
    let index = DirectoryIndex::load(&import_ws.store).unwrap();
    let assessment = import_ws.questionnaire.assess(&answers).unwrap();
    let person = Person::new(&import_ws.questionnaire, &answers, &assessment);
    let need = &assessment.needs[2];
    let per = time(&mut || {
        let candidates = index.with_thematiques(&need.thematiques);
        std::hint::black_box(match_need(
            need,
            &person,
            import_ws.communes,
            candidates.iter().copied(),
        ));
    });
    row(
        &format!("match one need ({}) against 20 000 services", need.code),
        "< 5 ms",
        format!("{:.2} ms", per.as_secs_f64() * 1e3),
    );
}
