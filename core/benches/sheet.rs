//! The handoff sheet (`cargo bench -p aiguillage-core --bench sheet`): a sheet of three services
//! rendered to PDF in every language, standard and easy to read, from its content to its bytes
//! (composition, shaping, layout, font subsetting, compression). The first render of the process
//! (fonts and catalogue loaded) is reported apart. Prints Markdown rows for BENCHMARKS.md.

use std::time::{Duration, Instant};

use aiguillage_core::sheet::{self, SheetContent, SheetItem, SheetLanguage, SheetOptions};
use aiguillage_core::store::Snapshot;

const RUNS: usize = 60;

fn content() -> SheetContent {
    let service = |i: usize| Snapshot {
        structure: format!("Maison France Services {i}"),
        service: "Accompagnement aux démarches en ligne".into(),
        adresse: Some(format!("{i} rue de la République")),
        code_postal: Some("69001".into()),
        commune: Some("Lyon".into()),
        telephone: Some("04 65 71 10 20".into()),
        courriel: Some("accueil@example.org".into()),
        horaires_accueil: Some("Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00; PH off".into()),
        modes_mobilisation: vec!["telephoner".into()],
        lien_mobilisation: Some("https://example.org/rendez-vous".into()),
        conditions_acces: Some(
            "Apporter une pièce d'identité et un justificatif de domicile.".into(),
        ),
        frais: Some("gratuit".into()),
        ..Snapshot::default()
    };
    SheetContent {
        date: "07/12/2026".into(),
        centre: Some("Accueil de jour des Pentes".into()),
        centre_phone: Some("04 65 71 00 00".into()),
        first_name: Some("Nadia".into()),
        items: ["demarche_accompagnee", "francais", "securite"]
            .iter()
            .enumerate()
            .map(|(i, need)| SheetItem {
                need: (*need).into(),
                why_fr:
                    "Pour faire votre démarche dès maintenant, avec une personne qui vous aide."
                        .into(),
                why_en: "To get your procedure done now, with someone who helps you.".into(),
                snapshot: service(i + 1),
            })
            .collect(),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let content = content();
    let first = Instant::now();
    let bytes = sheet::render(&content, SheetOptions::default()).unwrap();
    println!(
        "first render of the process (fonts and catalogue loaded): {} ms, {} KiB",
        ms(first.elapsed()),
        bytes.len() / 1024
    );
    println!("| language | variant | p50 ms | p99 ms | max ms | pages | PDF KiB |");
    println!("|---|---|---|---|---|---|---|");
    for language in SheetLanguage::ALL {
        for easy_read in [false, true] {
            let options = SheetOptions {
                language,
                easy_read,
            };
            let mut times = Vec::with_capacity(RUNS);
            let mut size = 0;
            for _ in 0..RUNS {
                let start = Instant::now();
                size = sheet::render(&content, options).unwrap().len();
                times.push(start.elapsed());
            }
            times.sort();
            let pages = sheet::printed_lines(&content, options).len();
            println!(
                "| {language} | {} | {} | {} | {} | {pages} | {} |",
                if easy_read { "easy-read" } else { "standard" },
                ms(times[RUNS / 2]),
                ms(times[RUNS * 99 / 100]),
                ms(times[RUNS - 1]),
                size / 1024
            );
        }
    }
}
