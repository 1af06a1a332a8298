//! The handoff sheet as the person gets it: every language of the catalogue and the easy-read
//! variant, read back from the PDF with pdftotext (words in reading order, Arabic script
//! included) and pdffonts (every font embedded); nothing sensitive in any of them.
//! With `AIGUILLAGE_SHEET_SAMPLES=DIR`, each sheet rendered here is also written to DIR.

use std::process::Command;

use aiguillage_core::sheet::{self, SheetContent, SheetItem, SheetLanguage, SheetOptions};
use aiguillage_core::store::Snapshot;
use aiguillage_core::{Mode, Workspace, demo};

fn run(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) is installed: {e}"));
    assert!(out.status.success(), "{tool} reads the sheet");
    String::from_utf8(out.stdout).unwrap()
}

/// The sheet's words as pdftotext reads them, spaces collapsed.
fn words(pdf: &[u8]) -> String {
    flat(&run("pdftotext", &[], pdf))
}

/// Spaces collapsed, no-break ones included.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What pdftotext must find of a printed line, in reading order. A line of Arabic script comes
/// back as runs of Arabic words, each in reading order: poppler lays a page that is mostly French
/// out left to right, so what the bidirectional algorithm leaves neutral or left to right inside
/// the line (punctuation, hours, numbers) splits it, and those pieces come in the page's order.
fn reading_parts(line: &str) -> Vec<String> {
    let is_arabic = |c: char| ('\u{600}'..='\u{6ff}').contains(&c) && c.is_alphabetic();
    if !line.chars().any(is_arabic) {
        return vec![flat(line)];
    }
    let mut parts = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for piece in line.split(['.', '،', ':', '؛', '؟', '!']) {
        for word in piece.split_whitespace() {
            if word.chars().any(is_arabic) {
                run.push(word);
            } else {
                parts.push(word.to_owned());
                parts.push(run.join(" "));
                run.clear();
            }
        }
        parts.push(run.join(" "));
        run.clear();
    }
    parts.retain(|p| !p.is_empty());
    parts.iter().map(|p| without_marks(p)).collect()
}

/// `text` without the direction marks pdftotext puts around right-to-left runs, the Arabic
/// vowel and hamza marks (poppler may set one that ends a run apart from its letter), nor the
/// punctuation that a wrapped right-to-left line leaves at either end.
fn without_marks(text: &str) -> String {
    flat(
        &text
            .chars()
            .filter(|c| {
                !matches!(
                    c,
                    '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{64b}'..='\u{65f}' | '\u{670}'
                )
            })
            .map(|c| if ".،:؛؟!".contains(c) { ' ' } else { c })
            .collect::<String>(),
    )
}

fn sample(name: &str, pdf: &[u8]) {
    if let Ok(dir) = std::env::var("AIGUILLAGE_SHEET_SAMPLES") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join(name), pdf).unwrap();
    }
}

fn service(structure: &str, hours: &str) -> Snapshot {
    Snapshot {
        structure: structure.into(),
        service: "Accompagnement aux démarches en ligne".into(),
        adresse: Some("12 rue des Tanneurs".into()),
        complement_adresse: Some("Bâtiment B".into()),
        code_postal: Some("69001".into()),
        commune: Some("Lyon".into()),
        telephone: Some("04 65 71 10 20".into()),
        courriel: Some("accueil@example.org".into()),
        horaires_accueil: Some(hours.into()),
        modes_mobilisation: vec!["telephoner".into(), "se-presenter".into()],
        mobilisable_par: vec!["usagers".into()],
        lien_mobilisation: Some("https://example.org/rendez-vous".into()),
        conditions_acces: Some("Apporter une pièce d'identité".into()),
        frais: Some("gratuit".into()),
        ..Snapshot::default()
    }
}

/// The need's sheet sentence in the shipped questionnaire.
fn sentence(need: &str, lang: &str) -> String {
    let questionnaire: serde_json::Value = serde_json::from_str(include_str!(
        "../../../assets/questionnaires/diagnostic-numerique-v1.json"
    ))
    .unwrap();
    questionnaire["needs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["code"] == need)
        .and_then(|n| n["sheet"][lang].as_str())
        .unwrap()
        .to_owned()
}

fn content(services: usize) -> SheetContent {
    let needs = [
        "demarche_accompagnee",
        "francais",
        "securite",
        "emploi",
        "connexion",
    ];
    SheetContent {
        date: "07/12/2026".into(),
        centre: Some("Accueil de jour des Pentes".into()),
        centre_phone: Some("04 65 71 00 00".into()),
        first_name: Some("Nadia".into()),
        items: (0..services)
            .map(|i| SheetItem {
                need: needs[i % needs.len()].into(),
                why_fr: sentence(needs[i % needs.len()], "fr"),
                why_en: sentence(needs[i % needs.len()], "en"),
                snapshot: service(
                    &format!("Maison des services {}", i + 1),
                    "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
                ),
            })
            .collect(),
    }
}

fn every_option() -> impl Iterator<Item = SheetOptions> {
    SheetLanguage::ALL.into_iter().flat_map(|language| {
        [false, true].map(|easy_read| SheetOptions {
            language,
            easy_read,
        })
    })
}

/// The sheet's title in its first language, as the catalogue gives it.
fn title(options: SheetOptions) -> String {
    match &sheet::blocks(&content(0), options)[0][0] {
        sheet::Item::Title(both) => both.person.clone().unwrap_or_else(|| both.french.clone()),
        other => panic!("a sheet opens with its title, not {other:?}"),
    }
}

#[test]
fn every_language_prints_its_texts_then_the_french_ones_with_the_hours_in_words() {
    let content = content(2);
    for options in every_option() {
        let pdf = sheet::render(&content, options).unwrap();
        let name = format!(
            "sheet-{}{}.pdf",
            options.language,
            if options.easy_read { "-easy" } else { "" }
        );
        sample(&name, &pdf);
        let text = words(&pdf);
        let case = format!("{name}: {text}");
        let bare = without_marks(&text);
        // Every fixed text in both languages, in reading order (Arabic script included).
        for line in sheet::printed_lines(&content, options).concat() {
            for part in reading_parts(&line) {
                assert!(
                    text.contains(&part) || bare.contains(&part),
                    "{case}\n misses {part:?} of {line:?}"
                );
            }
        }
        let title = title(options);
        assert!(
            text.contains(&flat(&title)),
            "{case}\n misses its title {title:?}"
        );
        let french_hours = "Du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h";
        assert!(
            text.contains(french_hours),
            "{case}\n misses the hours in words"
        );
        assert!(
            !text.contains("Mo-Fr") && !text.contains("PH off"),
            "{case}\n prints the raw opening_hours syntax"
        );
        assert!(
            text.contains("04 65 71 10 20") && text.contains("Nadia"),
            "{case}"
        );
    }
}

#[test]
fn every_font_is_embedded_and_the_structure_tagged_in_every_language() {
    for options in every_option() {
        let pdf = sheet::render(&content(1), options).unwrap();
        let info = run("pdfinfo", &[], &pdf);
        assert!(
            info.lines()
                .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
            "{options:?}: the PDF carries its structure (headings, paragraphs, languages): {info}"
        );
        let fonts = run("pdffonts", &[], &pdf);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(
            !rows.is_empty(),
            "{options:?}: the sheet has fonts: {fonts}"
        );
        for row in rows {
            // name, type, encoding, then "emb sub uni" as yes/no.
            let flags: Vec<&str> = row.split_whitespace().rev().skip(2).take(3).collect();
            assert_eq!(
                flags.last(),
                Some(&"yes"),
                "{options:?}: every font is embedded: {row}"
            );
        }
    }
}

#[test]
fn a_service_is_never_split_across_pages() {
    let content = content(5);
    for options in [
        SheetOptions::default(),
        SheetOptions {
            language: SheetLanguage::Ar,
            easy_read: true,
        },
    ] {
        let pdf = sheet::render(&content, options).unwrap();
        let text = run("pdftotext", &[], &pdf);
        let pages: Vec<String> = text.split('\u{c}').map(flat).collect();
        assert!(pages.len() > 2, "five services take more than a page");
        for i in 1..=5 {
            let name = format!("Maison des services {i}");
            let holding: Vec<&String> = pages.iter().filter(|p| p.contains(&name)).collect();
            assert_eq!(holding.len(), 1, "{options:?}: {name} is on one page");
            assert!(
                holding[0].contains("Apporter une pièce d'identité"),
                "{options:?}: {name}'s last line is on its page: {}",
                holding[0]
            );
        }
        assert!(
            pages.iter().any(|p| p.contains("Page 1 sur")),
            "{options:?}: pages are numbered"
        );
    }
}

#[test]
fn hours_the_parser_cannot_read_are_printed_as_published() {
    let mut content = content(1);
    content.items[0].snapshot.horaires_accueil = Some("Un jeudi sur deux 14h–16h".into());
    for language in [SheetLanguage::Fr, SheetLanguage::Ar] {
        let options = SheetOptions {
            language,
            easy_read: false,
        };
        let text = words(&sheet::render(&content, options).unwrap());
        assert!(
            text.contains("Un jeudi sur deux 14h–16h"),
            "{language}: {text}"
        );
    }
}

/// The languages of the privacy cases below, which must be every language of the sheet.
const PRIVACY_CASES: [&str; 12] = [
    "fr", "en", "es", "pt", "ro", "uk", "ru", "tr", "ar", "prs", "ps", "ta",
];

#[test]
fn the_privacy_cases_cover_every_language() {
    let all: Vec<&str> = SheetLanguage::ALL.iter().map(|l| l.code()).collect();
    assert_eq!(
        PRIVACY_CASES.to_vec(),
        all,
        "a language added to the sheet is added to the privacy cases (both lists)"
    );
}

/// Every demo persona's sheet in every language and variant (the values are PRIVACY_CASES). One case a language, so that the
/// cases run side by side.
#[rstest::rstest]
fn no_language_or_variant_prints_a_profile_a_level_a_flag_or_a_score(
    #[values(
        "fr", "en", "es", "pt", "ro", "uk", "ru", "tr", "ar", "prs", "ps", "ta"
    )]
    code: &str,
) {
    let language: SheetLanguage = code.parse().unwrap();
    let questionnaire: serde_json::Value = serde_json::from_str(include_str!(
        "../../../assets/questionnaires/diagnostic-numerique-v1.json"
    ))
    .unwrap();
    let labelled = |list: &serde_json::Value| -> Vec<String> {
        let mut out = Vec::new();
        for item in list.as_array().unwrap() {
            for lang in ["fr", "en"] {
                out.push(item["label"][lang].as_str().unwrap().to_lowercase());
            }
            if let Some(code) = item["value"].as_str() {
                out.push(code.to_lowercase());
            }
        }
        out
    };
    let mut secrets = labelled(&questionnaire["profile"]["rules"]);
    secrets.extend(labelled(&questionnaire["flags"]));
    assert!(secrets.len() > 20, "profiles and flags: {secrets:?}");
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path(), Mode::Demo).unwrap();
    demo::seed(&mut ws, 0).unwrap();
    for persona in demo::personas().unwrap() {
        let answers =
            aiguillage_domain::Answers::from_map(&ws.questionnaire, &persona.answers).unwrap();
        let completed = ws.complete(answers, Some("Prénom"), None).unwrap();
        ws.orient_by_default(&completed).unwrap();
        let content = ws.sheet_content(completed.reference()).unwrap();
        for easy_read in [false, true] {
            let options = SheetOptions {
                language,
                easy_read,
            };
            let text = words(&sheet::render(&content, options).unwrap()).to_lowercase();
            // The engine's words for profiles and flags, from the questionnaire itself, in
            // French and English, and the shape of a score.
            for secret in secrets.iter().map(String::as_str).chain(["/3", "score"]) {
                assert!(
                    !text.contains(secret),
                    "{} {options:?}: the sheet must not say {secret:?}: {text}",
                    persona.id
                );
            }
        }
    }
}

#[test]
fn a_sheet_is_refused_for_an_unknown_language_or_an_erased_diagnostic() {
    let refused = "xx".parse::<SheetLanguage>().unwrap_err().to_string();
    assert!(refused.contains("\"xx\""), "{refused}");

    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path(), Mode::Demo).unwrap();
    demo::seed(&mut ws, 1).unwrap();
    let id = ws
        .store
        .list_diagnostics(&Default::default())
        .unwrap()
        .remove(0)
        .id;
    ws.erase(&id).unwrap();
    let erased = ws.sheet_content(&id).unwrap_err().to_string();
    assert!(erased.contains("not found"), "{erased}");
}
