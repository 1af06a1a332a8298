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

/// The store's measures of one run: what, target, the figure shown, and the number compared
/// between a plain and an encrypted file.
#[derive(Default)]
struct Measures(Vec<(String, String, String, f64)>);

impl Measures {
    fn add(&mut self, what: &str, target: &str, measured: String) {
        // The first figure: "p50 0.37 ms, …" compares 0.37.
        let number = measured
            .split_whitespace()
            .find_map(|w| w.parse().ok())
            .unwrap_or(f64::NAN);
        self.0
            .push((what.to_owned(), target.to_owned(), measured, number));
    }
}

/// Saving, the 100 000-diagnostic measures and the directory import, on a database that is
/// plain (`key` none) or encrypted with SQLCipher.
fn store_measures(
    key: Option<&DbKey>,
    answers: &Answers,
) -> (
    Measures,
    Vec<Value>,
    Vec<Value>,
    tempfile::TempDir,
    Workspace,
) {
    let mut measures = Measures::default();
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open_keyed(dir.path(), Mode::Real, key).unwrap();
    // 2. Save one completed diagnostic durably (synchronous=FULL, one transaction with its operation).
    let mut samples = Vec::new();
    for _ in 0..300 {
        let start = Instant::now();
        ws.complete(answers.clone(), None, None).unwrap();
        samples.push(start.elapsed());
    }
    let p50 = percentile(&mut samples, 0.5);
    let p99 = percentile(&mut samples, 0.99);
    measures.add(
        "save one completed diagnostic durably",
        "p99 < 10 ms",
        format!(
            "p50 {:.2} ms, p99 {:.2} ms",
            p50.as_secs_f64() * 1e3,
            p99.as_secs_f64() * 1e3
        ),
    );

    // 3. 100 000 completed diagnostics: copies of real saved rows (with their operations), spread over a year.
    let db = ws.store.path().to_owned();
    drop(ws);
    let size_before = std::fs::metadata(&db).unwrap().len();
    {
        let conn = aiguillage_core::store::raw_connection(&db, key).unwrap();
        conn.execute_batch(
            "PRAGMA synchronous = OFF;
             BEGIN;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 99700)
             INSERT INTO diagnostic (id, questionnaire, version, started_at, completed_at, answers, result, profile,
                                     needs, flags, consent_name, consent_sensitive, age_band, commune)
             SELECT printf('019a0000-0000-7000-8000-%012d', i), d.questionnaire, d.version, d.started_at,
                    strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i * 315) || ' seconds'),
                    d.answers, d.result, CASE i % 4 WHEN 0 THEN 'P0' WHEN 1 THEN 'P1' WHEN 2 THEN 'P2' ELSE 'P3' END,
                    d.needs, d.flags, 0, 0, d.age_band, d.commune
             FROM n, (SELECT * FROM diagnostic LIMIT 1) d;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 99700)
             INSERT INTO operation (seq, op_id, entity, entity_id, kind, body, body_sha256, recorded_at)
             SELECT 300 + i, printf('019a0000-0000-7000-9000-%012d', i), 'diagnostic',
                    printf('019a0000-0000-7000-8000-%012d', i), 'create', o.body, o.body_sha256, o.recorded_at
             FROM n, (SELECT * FROM operation LIMIT 1) o;
             COMMIT;
             PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .unwrap();
    }
    let ws = Workspace::open_keyed(dir.path(), Mode::Real, key).unwrap();
    let total = ws.store.count_diagnostics(&Filter::default()).unwrap();
    assert_eq!(total, 100_000);
    let size_after = std::fs::metadata(&db).unwrap().len();
    let first_page = time(&mut || {
        std::hint::black_box(
            ws.store
                .list_diagnostics(&Filter {
                    limit: Some(50),
                    ..Filter::default()
                })
                .unwrap(),
        );
    });
    measures.add(
        "100 000 diagnostics: first page of the list (50 rows)",
        "< 20 ms",
        format!("{:.2} ms", first_page.as_secs_f64() * 1e3),
    );
    let range = time(&mut || {
        let filter = Filter {
            from: Some("2026-06-01".into()),
            to: Some("2026-07-01".into()),
            limit: Some(50),
            ..Filter::default()
        };
        std::hint::black_box(ws.store.list_diagnostics(&filter).unwrap());
        std::hint::black_box(ws.store.count_diagnostics(&filter).unwrap());
    });
    measures.add(
        "100 000 diagnostics: search by date range (a month: page and count)",
        "< 20 ms",
        format!("{:.2} ms", range.as_secs_f64() * 1e3),
    );
    let start = Instant::now();
    let rows = export::csv(
        &ws.store,
        &ws.questionnaire,
        &Filter::default(),
        b';',
        std::io::sink(),
    )
    .unwrap();
    assert_eq!(rows, 100_000);
    measures.add(
        "100 000 diagnostics: CSV export",
        "< 2 s",
        format!("{:.2} s", start.elapsed().as_secs_f64()),
    );
    let report_time = time(&mut || {
        std::hint::black_box(report::compute(&ws.store, &Filter::default()).unwrap());
    });
    measures.add(
        "100 000 diagnostics: the report",
        "< 200 ms",
        format!("{:.0} ms", report_time.as_secs_f64() * 1e3),
    );
    measures.add(
        "database size per diagnostic (with its operation and indexes)",
        "< 4 KB",
        format!(
            "{:.2} KB",
            (size_after - size_before) as f64 / 99_700.0 / 1024.0
        ),
    );

    // 4. Import a 20 000-service directory (2 000 structures), then match one need against it.
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
    let import_dir = tempfile::tempdir().unwrap();
    let mut import_ws = Workspace::open_keyed(import_dir.path(), Mode::Real, key).unwrap();
    let start = Instant::now();
    let imported = import_ws
        .store
        .import_directory_rows(&big_structures, &big_services, "2026-11-26T00:00:00Z")
        .unwrap();
    assert_eq!(imported.services, 20_000);
    measures.add(
        "import a 20 000-service directory (schema-checked, one transaction)",
        "< 3 s",
        format!("{:.2} s", start.elapsed().as_secs_f64()),
    );
    drop(dir);
    (
        measures,
        big_structures,
        big_services,
        import_dir,
        import_ws,
    )
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
    let (plain, _, _, _import_dir, import_ws) = store_measures(None, &answers);
    let key_dir = tempfile::tempdir().unwrap();
    let set_up = Vault::create(
        key_dir.path(),
        KdfParams::STANDARD,
        "Bench",
        "phrase de banc d'essai",
    )
    .unwrap();
    let (encrypted, ..) = store_measures(Some(&set_up.key), &answers);
    for (what, target, measured, _) in &encrypted.0 {
        row(what, target, measured.clone());
    }
    println!("\n| measure (SQLCipher) | plain SQLite | SQLCipher | cost |\n|---|---|---|---|");
    for ((what, _, plain_shown, p), (_, _, enc_shown, e)) in plain.0.iter().zip(&encrypted.0) {
        println!(
            "| {what} | {plain_shown} | {enc_shown} | {:+.0} % |",
            (e / p - 1.0) * 100.0
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
            &import_ws.communes,
            candidates.iter().copied(),
        ));
    });
    row(
        &format!("match one need ({}) against 20 000 services", need.code),
        "< 5 ms",
        format!("{:.2} ms", per.as_secs_f64() * 1e3),
    );
}
