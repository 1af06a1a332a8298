//! The national directory kept to one département (`cargo bench -p aiguillage-core --bench
//! national`): a synthetic dump of 20 000 structures and 200 000 services spread over every
//! département, written as the national JSON files are, imported keeping the Rhône. Prints
//! Markdown rows for BENCHMARKS.md: the time, and the process's peak memory (VmHWM).

use std::io::Write;
use std::time::Instant;

use aiguillage_core::directory::Area;
use aiguillage_core::{Mode, Workspace, content};
use serde_json::{Value, json};

const STRUCTURES: usize = 20_000;
const SERVICES_PER_STRUCTURE: usize = 10;

/// The process's peak resident memory, in MiB (Linux).
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Writes the rows one at a time, as a JSON array, never holding the file whole.
fn write_rows(path: &std::path::Path, count: usize, mut row: impl FnMut(usize) -> Value) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    out.write_all(b"[").unwrap();
    for i in 0..count {
        if i > 0 {
            out.write_all(b",\n").unwrap();
        }
        serde_json::to_writer(&mut out, &row(i)).unwrap();
    }
    out.write_all(b"]").unwrap();
    out.flush().unwrap();
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let structure: Value =
        serde_json::from_str::<Vec<Value>>(content::SAMPLE_STRUCTURES).unwrap()[0].clone();
    let service: Value =
        serde_json::from_str::<Vec<Value>>(content::SAMPLE_SERVICES).unwrap()[0].clone();
    // One commune per département, in turn: every département has its share of the rows.
    let table: Value = serde_json::from_str(content::COMMUNES).unwrap();
    let mut seen = std::collections::HashSet::new();
    let communes: Vec<(String, String)> = table
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| seen.insert(c["departement"].as_str().unwrap().to_owned()))
        .map(|c| {
            let postcode = c["codes_postaux"][0].as_str().unwrap_or("00000");
            (c["insee"].as_str().unwrap().to_owned(), postcode.to_owned())
        })
        .collect();
    drop(table);
    let structures = dir.path().join("structures.json");
    let services = dir.path().join("services.json");
    write_rows(&structures, STRUCTURES, |i| {
        let (insee, postcode) = &communes[i % communes.len()];
        let mut row = structure.clone();
        row["source"] = json!("dora");
        row["id"] = json!(format!("s-{i}"));
        row["code_insee"] = json!(insee);
        row["code_postal"] = json!(postcode);
        row
    });
    write_rows(&services, STRUCTURES * SERVICES_PER_STRUCTURE, |i| {
        let mut row = service.clone();
        row["source"] = json!("dora");
        row["id"] = json!(format!("svc-{i}"));
        row["structure_id"] = json!(format!("s-{}", i / SERVICES_PER_STRUCTURE));
        row
    });
    let bytes =
        std::fs::metadata(&structures).unwrap().len() + std::fs::metadata(&services).unwrap().len();
    let data = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(data.path(), Mode::Real).unwrap();
    let before = peak_mib();
    let area = Area::new(&["69"]).unwrap();
    let start = Instant::now();
    let report = ws
        .import_area(&structures, &services, &area, &mut |_, _| {})
        .unwrap();
    let took = start.elapsed();
    println!("| measure | target | measured |");
    println!("|---|---|---|");
    println!(
        "| national directory, {} services and {} structures ({:.0} MB of JSON), kept to one département ({} structures, {} services kept, {} rejected) | < 10 s, < 200 MB | {:.2} s; peak memory {:.0} MiB (process, {:.0} MiB before the import) |",
        STRUCTURES * SERVICES_PER_STRUCTURE,
        STRUCTURES,
        bytes as f64 / 1e6,
        report.structures,
        report.services,
        report.rejected.len(),
        took.as_secs_f64(),
        peak_mib(),
        before,
    );
}
