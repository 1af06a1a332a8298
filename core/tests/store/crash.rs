//! A child process saves completed diagnostics in a loop and is killed with SIGKILL at random
//! moments. After reopening, the file is sound and every diagnostic the child reported as saved
//! is there, with its operation in the log.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use aiguillage_core::{Mode, Workspace};
use rand::Rng;

const CHILD_ENV: &str = "AIGUILLAGE_CRASH_CHILD_DIR";

/// The child: runs only when the parent test starts this binary with the variable set.
#[test]
fn crash_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut ws = Workspace::open(std::path::Path::new(&dir), Mode::Real).unwrap();
    let persona = aiguillage_core::demo::personas().unwrap().remove(0);
    let answers =
        aiguillage_domain::Answers::from_map(&ws.questionnaire, &persona.answers).unwrap();
    loop {
        let completed = ws.complete(answers.clone(), None, None).unwrap();
        // Printed only after the commit returned: what is printed must be on disk.
        println!("SAVED {}", completed.id.unwrap());
    }
}

#[test]
fn killed_at_random_moments_loses_nothing_it_reported() {
    let dir = tempfile::tempdir().unwrap();
    // Create the database (and sample directory) first, so children only save diagnostics.
    drop(Workspace::open(dir.path(), Mode::Real).unwrap());
    let exe = std::env::current_exe().unwrap();
    let mut reported = Vec::new();
    let mut rng = rand::rng();
    for _round in 0..6 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash::crash_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(id) = line.strip_prefix("SAVED ") {
                    let _ = tx.send(id.to_owned());
                }
            }
        });
        // Wait until the child has saved at least once, then a random extra moment, then kill.
        let deadline = Instant::now() + Duration::from_secs(30);
        let first = rx
            .recv_timeout(deadline - Instant::now())
            .expect("the child saves within 30 s");
        reported.push(first);
        let extra = Duration::from_millis(rng.random_range(0..150));
        let until = Instant::now() + extra;
        while let Ok(id) = rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
            reported.push(id);
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        reader.join().unwrap();
        reported.extend(rx.try_iter());
    }
    let ws = Workspace::open(dir.path(), Mode::Real).unwrap();
    assert_eq!(
        ws.store.integrity_check().unwrap(),
        "ok",
        "the database file is sound after SIGKILLs"
    );
    assert!(reported.len() >= 6, "each round saved at least once");
    for id in &reported {
        ws.store
            .get_diagnostic(id)
            .unwrap_or_else(|e| panic!("reported diagnostic {id} is missing: {e}"));
        let ops = ws.store.list_operations_for(id).unwrap();
        assert_eq!(
            ops.len(),
            1,
            "diagnostic {id} has exactly its create operation"
        );
    }
    let ops = ws.store.list_pending_operations().unwrap();
    let seqs: Vec<i64> = ops.iter().map(|o| o.seq).collect();
    assert_eq!(
        seqs,
        (1..=seqs.len() as i64).collect::<Vec<_>>(),
        "seq stays gapless across crashes"
    );
    let diagnostics = ws.store.count_diagnostics(&Default::default()).unwrap();
    assert_eq!(
        diagnostics as usize,
        ops.len(),
        "never a diagnostic without its operation or the reverse"
    );
}
