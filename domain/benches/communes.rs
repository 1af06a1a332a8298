//! The commune search as a volunteer types (`cargo bench -p aiguillage-domain --bench communes`):
//! every prefix of names and postcodes people type, one search per keystroke over the whole
//! country's table. Prints Markdown rows for BENCHMARKS.md.

use std::time::{Duration, Instant};

use aiguillage_domain::commune::{Communes, MAX_SUGGESTIONS};

const TABLE: &str = include_str!("../../assets/communes/communes.json");

/// What volunteers type, letter by letter: names with and without accents and hyphens,
/// abbreviations, postcodes, a typo that finds nothing as typed.
const TYPED: &[&str] = &[
    "saint etienne",
    "ste foy les lyon",
    "Saint-Denis",
    "villeurbanne",
    "vaulx en velin",
    "marseille 3",
    "69003",
    "93200",
    "97400",
    "aix en provence",
    "chatillon",
    "saint etiene",
    "lyom",
];

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn main() {
    let start = Instant::now();
    let table = Communes::parse(TABLE).unwrap();
    let load = start.elapsed();
    let mut samples = Vec::new();
    for _ in 0..20 {
        for typed in TYPED {
            for end in typed.char_indices().map(|(i, c)| i + c.len_utf8()) {
                let started = Instant::now();
                let found = table.search(&typed[..end], MAX_SUGGESTIONS);
                samples.push(started.elapsed());
                std::hint::black_box(found);
            }
        }
    }
    let n = samples.len();
    let max = *samples.iter().max().unwrap();
    println!("| measure | target | measured |");
    println!("|---|---|---|");
    println!(
        "| read the commune table ({} communes, once per process) | — | {:.1} ms |",
        table.len(),
        load.as_secs_f64() * 1e3
    );
    println!(
        "| commune search, one keystroke ({n} keystrokes over {} typed names and postcodes) | < 5 ms | p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms |",
        TYPED.len(),
        percentile(&mut samples, 0.5).as_secs_f64() * 1e3,
        percentile(&mut samples, 0.99).as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3,
    );
}
