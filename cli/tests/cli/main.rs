//! The command-line contract, on the real binary and real data directories: names, JSON keys,
//! exit codes 0/1/2, one-sentence errors on stderr, and bad input that changes nothing.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{Value, json};

const PERSONAS: &str = include_str!("../../../assets/demo/personas.json");

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiguillage"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}

fn ok(data: &Path, args: &[&str]) -> String {
    let out = run(data, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Asserts exit code 2 and a single-sentence message containing `expected`.
fn refused(data: &Path, args: &[&str], expected: &str) {
    let out = run(data, args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{args:?} must exit 2: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(expected),
        "stderr {stderr:?} should contain {expected:?}"
    );
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one sentence on stderr: {stderr:?}"
    );
}

fn answers_file(dir: &Path, persona: &str, changes: Value) -> String {
    let all: Vec<Value> = serde_json::from_str(PERSONAS).unwrap();
    let mut answers = all.into_iter().find(|p| p["id"] == persona).unwrap()["answers"].clone();
    for (k, v) in changes.as_object().unwrap() {
        answers[k] = v.clone();
    }
    let path = dir.join(format!("{persona}.json"));
    std::fs::write(
        &path,
        json!({"questionnaire": "diagnostic-numerique", "version": 1, "answers": answers})
            .to_string(),
    )
    .unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn diagnose_prints_the_contracts_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = answers_file(dir.path(), "fatou", json!({}));
    let result: Value =
        serde_json::from_str(&ok(dir.path(), &["diagnose", "--answers", &file])).unwrap();
    for key in [
        "profile",
        "levels",
        "equipment",
        "connection",
        "contract_blocked",
        "flags",
        "needs",
    ] {
        assert!(
            result.get(key).is_some(),
            "key {key} is part of the contract"
        );
    }
    assert!(result.get("id").is_none(), "no id without --save");
    assert_eq!(result["profile"], "P1");
    assert_eq!(result["needs"][0]["code"], "demarche_accompagnee");
    for key in ["code", "thematiques", "types", "reason", "matches"] {
        assert!(result["needs"][0].get(key).is_some(), "need key {key}");
    }
    let m = &result["needs"][0]["matches"][0];
    assert!(
        m.get("structure").is_some() && m.get("service").is_some(),
        "{m}"
    );
    let listed = ok(dir.path(), &["list", "--format", "json"]);
    assert_eq!(listed.trim(), "[]", "nothing saved without --save");
}

#[test]
fn diagnose_reads_standard_input_and_speaks_english() {
    let dir = tempfile::tempdir().unwrap();
    let file = answers_file(dir.path(), "claire", json!({}));
    let out = Command::new(env!("CARGO_BIN_EXE_aiguillage"))
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "--lang",
            "en",
            "diagnose",
            "--answers",
            "-",
            "--format",
            "text",
        ])
        .stdin(std::fs::File::open(file).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("autonomous") && text.contains("Levels"),
        "{text}"
    );
}

#[test]
fn saved_diagnostics_are_listed_shown_exported_reported_and_printed() {
    let dir = tempfile::tempdir().unwrap();
    let file = answers_file(dir.path(), "germaine", json!({}));
    let saved: Value = serde_json::from_str(&ok(
        dir.path(),
        &[
            "diagnose",
            "--answers",
            &file,
            "--save",
            "--first-name",
            "Germaine",
        ],
    ))
    .unwrap();
    let id = saved["id"].as_str().expect("--save gives an id").to_owned();
    let listed: Value =
        serde_json::from_str(&ok(dir.path(), &["list", "--format", "json"])).unwrap();
    assert_eq!(listed[0]["id"], id.as_str());
    let shown: Value = serde_json::from_str(&ok(dir.path(), &["show", &id])).unwrap();
    assert_eq!(shown["profile"], "P0");
    assert!(
        !shown["orientations"].as_array().unwrap().is_empty(),
        "the top services were chosen"
    );
    let csv = ok(
        dir.path(),
        &["export", "--format", "csv", "--separator", "semicolon"],
    );
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("the semicolon CSV starts with a BOM for French Excel");
    assert!(csv.starts_with("id;questionnaire;version"), "{csv}");
    assert!(csv.contains("\r\n"), "RFC 4180 lines end with CRLF");
    assert_eq!(csv.lines().count(), 2, "a header and one row");
    let out = dir.path().join("export.json");
    ok(
        dir.path(),
        &["export", "--format", "json", "--out", out.to_str().unwrap()],
    );
    let exported: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(exported[0]["id"], id.as_str());
    let report: Value =
        serde_json::from_str(&ok(dir.path(), &["report", "--format", "json"])).unwrap();
    assert_eq!(report["total"], 1);
    assert_eq!(report["profiles"]["P0"], 1);
    let pdf = dir.path().join("fiche.pdf");
    ok(dir.path(), &["sheet", &id, "--out", pdf.to_str().unwrap()]);
    assert!(
        std::fs::read(&pdf).unwrap().starts_with(b"%PDF"),
        "a PDF is written"
    );
    let audit: Value =
        serde_json::from_str(&ok(dir.path(), &["audit", "--format", "json"])).unwrap();
    let traced: Vec<(&str, Option<&str>)> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["record_id"].as_str()))
        .collect();
    assert_eq!(
        traced[..3],
        [
            ("sheet", Some(id.as_str())),
            ("export", None),
            ("export", None)
        ],
        "the sheet, then both exports (to standard output and to a file), newest first"
    );
    ok(dir.path(), &["follow-up", &id, "went"]);
}

#[test]
fn bad_answers_exit_2_name_the_fault_and_save_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = answers_file(dir.path(), "fatou", json!({"f_wifi": 9}));
    refused(
        dir.path(),
        &["diagnose", "--answers", &file, "--save"],
        "f_wifi",
    );
    let huge = dir.path().join("enorme.json");
    std::fs::write(&huge, " ".repeat(1024 * 1024 + 1)).unwrap();
    refused(
        dir.path(),
        &["diagnose", "--answers", huge.to_str().unwrap()],
        "enorme.json: larger than 1 MB",
    );
    let file = answers_file(dir.path(), "fatou", json!({"consent_informed": false}));
    refused(
        dir.path(),
        &["diagnose", "--answers", &file, "--save"],
        "consent_informed",
    );
    refused(
        dir.path(),
        &["diagnose", "--answers", "/nonexistent/answers.json"],
        "/nonexistent/answers.json",
    );
    let garbage = dir.path().join("garbage.json");
    std::fs::write(&garbage, "{\"questionnaire\": ").unwrap();
    refused(
        dir.path(),
        &["diagnose", "--answers", garbage.to_str().unwrap()],
        "not valid",
    );
    let listed = ok(dir.path(), &["list", "--format", "json"]);
    assert_eq!(
        listed.trim(),
        "[]",
        "a refused diagnostic leaves nothing saved"
    );
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["diagnose"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a missing --answers is bad usage"
    );
    refused(dir.path(), &["show", "not-an-id"], "not found");
    refused(
        dir.path(),
        &["directory", "search", "--thematique", "numerique--voler"],
        "numerique--voler",
    );
    refused(
        dir.path(),
        &[
            "directory",
            "search",
            "--thematique",
            "numerique--acquerir-un-equipement",
            "--commune",
            "Lyon",
        ],
        "Lyon",
    );
    refused(dir.path(), &["list", "--from", "yesterday"], "yesterday");
    // Records never cross the network in clear, and a typo is not "the server is down".
    refused(
        dir.path(),
        &[
            "enrol",
            "--server",
            "http://192.168.1.20:8440",
            "--code",
            "AAAA-BBBB",
        ],
        "\"http://192.168.1.20:8440\" is not encrypted",
    );
    refused(
        dir.path(),
        &[
            "enrol",
            "--server",
            "serveur-du-centre",
            "--code",
            "AAAA-BBBB",
        ],
        "\"serveur-du-centre\" is not a server address",
    );
    let status: Value = serde_json::from_str(&ok(dir.path(), &["sync", "--status"])).unwrap();
    assert_eq!(
        status["enrolled"], false,
        "a refused address enrols nothing: {status}"
    );
}

#[test]
fn directory_import_reports_bad_rows_and_refuses_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let structures = json!([
        {"source": "t", "id": "s1", "nom": "Maison de test", "date_maj": "2026-01-02"},
        {"source": "t", "id": "s2", "nom": "X", "date_maj": "2026-01-02"}
    ]);
    let services = json!([
        {"source": "t", "id": "v1", "structure_id": "s1", "nom": "Atelier test", "description": "Un atelier de test.", "date_maj": "2026-01-02", "thematiques": ["numerique--acquerir-un-equipement"]},
        {"source": "t", "id": "v2", "structure_id": "s1", "nom": "Mauvais", "description": "Type inconnu ici.", "date_maj": "2026-01-02", "type": "cours"}
    ]);
    let s = dir.path().join("structures.json");
    let v = dir.path().join("services.json");
    std::fs::write(&s, structures.to_string()).unwrap();
    std::fs::write(&v, services.to_string()).unwrap();
    let out = ok(
        dir.path(),
        &[
            "directory",
            "import",
            s.to_str().unwrap(),
            v.to_str().unwrap(),
        ],
    );
    assert!(
        out.contains("structure s2") && out.contains("service v2"),
        "rejected rows are named: {out}"
    );
    let found = ok(
        dir.path(),
        &[
            "directory",
            "search",
            "--thematique",
            "numerique--acquerir-un-equipement",
            "--format",
            "json",
        ],
    );
    assert!(found.contains("\"v1\""), "the valid service was kept");
    std::fs::write(&s, "not json").unwrap();
    refused(
        dir.path(),
        &[
            "directory",
            "import",
            s.to_str().unwrap(),
            v.to_str().unwrap(),
        ],
        "structures.json",
    );
}

#[test]
fn demo_seed_writes_only_the_demo_database() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["demo", "seed", "--count", "4"]);
    assert!(out.starts_with('4'), "{out}");
    let demo: Value =
        serde_json::from_str(&ok(dir.path(), &["--demo", "list", "--format", "json"])).unwrap();
    assert_eq!(demo.as_array().unwrap().len(), 4);
    let real = ok(dir.path(), &["list", "--format", "json"]);
    assert_eq!(real.trim(), "[]", "the real records are untouched");
}

#[test]
fn orientations_can_be_swapped_and_the_centre_named_on_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let file = answers_file(dir.path(), "germaine", json!({}));
    let saved: Value =
        serde_json::from_str(&ok(dir.path(), &["diagnose", "--answers", &file, "--save"])).unwrap();
    let id = saved["id"].as_str().unwrap();
    let need = saved["needs"][0]["code"].as_str().unwrap();
    let second = saved["needs"][0]["matches"][1]["service_id"]
        .as_str()
        .expect("a second match to swap to");
    ok(
        dir.path(),
        &["orient", id, "--choose", &format!("{need}={second}")],
    );
    let shown: Value = serde_json::from_str(&ok(dir.path(), &["show", id])).unwrap();
    let orientations = shown["orientations"].as_array().unwrap();
    assert_eq!(
        orientations.len(),
        1,
        "the choice replaces the previous one"
    );
    assert_eq!(orientations[0]["service_id"], second);
    refused(
        dir.path(),
        &["orient", id, "--choose", "nonsense"],
        "NEED=SERVICE_ID",
    );
    refused(
        dir.path(),
        &["orient", id, "--choose", "emploi=whatever"],
        "emploi",
    );
    ok(
        dir.path(),
        &["settings", "centre-name", "Accueil de jour Saint-Just"],
    );
    assert!(ok(dir.path(), &["settings", "show"]).contains("Accueil de jour Saint-Just"));
    refused(
        dir.path(),
        &["settings", "centre-name", "  "],
        "centre's name has 1 to 120 characters",
    );
}

#[test]
fn retention_is_a_setting_and_the_audit_trail_shows_exports() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &[
            "settings",
            "retention",
            "--drafts",
            "10",
            "--first-names",
            "30",
        ],
    );
    assert!(ok(dir.path(), &["settings", "show"]).contains("retention_first_names_days: 30"));
    refused(
        dir.path(),
        &[
            "settings",
            "retention",
            "--drafts",
            "0",
            "--first-names",
            "30",
        ],
        "between 1 and 3650",
    );
    ok(dir.path(), &["export", "--format", "csv"]);
    let audit: Value =
        serde_json::from_str(&ok(dir.path(), &["audit", "--format", "json"])).unwrap();
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions.first(),
        Some(&"export"),
        "the newest entry is the export: {actions:?}"
    );
    assert!(actions.contains(&"retention_change"));
}

/// Runs with a volunteer's name and passphrase in the environment, as a script on a device set
/// up in the app would.
fn run_as(data: &Path, who: (&str, &str), args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiguillage"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("AIGUILLAGE_VOLUNTEER", who.0)
        .env("AIGUILLAGE_PASSPHRASE", who.1)
        .output()
        .unwrap()
}

#[test]
fn a_device_set_up_in_the_app_needs_a_volunteer_and_applies_their_role() {
    use aiguillage_core::access::Role;
    use aiguillage_core::vault::{KdfParams, Vault};
    let dir = tempfile::tempdir().unwrap();
    let answers = answers_file(dir.path(), "germaine", json!({}));
    let data = dir.path().join("data");
    let mut set_up = Vault::create(
        &data,
        KdfParams::TEST_ONLY_FAST,
        "Nadia",
        "phrase de Nadia 2026",
    )
    .unwrap();
    set_up
        .vault
        .add(&set_up.key, "Paul", Role::Volunteer, "phrase de Paul 2026")
        .unwrap();
    drop(set_up);
    let nadia = ("nadia", "phrase de Nadia 2026");
    let paul = ("Paul", "phrase de Paul 2026");

    refused(&data, &["list"], "AIGUILLAGE_VOLUNTEER");
    let out = run_as(&data, paul, &["diagnose", "--answers", &answers, "--save"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run_as(&data, (paul.0, "pas la bonne phrase"), &["list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("passphrase does not open"));

    let out = run_as(&data, paul, &["export", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(2), "a volunteer may not export");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a volunteer may not export records"),
        "{stderr}"
    );

    let out = run_as(&data, nadia, &["export", "--format", "csv"]);
    assert!(
        out.status.success(),
        "a coordinator may: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run_as(&data, nadia, &["audit", "--format", "json"]);
    let audit: Value = serde_json::from_slice(&out.stdout).unwrap();
    let newest = &audit.as_array().unwrap()[0];
    assert_eq!(
        (newest["actor"].as_str(), newest["action"].as_str()),
        (Some("Nadia"), Some("export")),
        "the trail names who exported"
    );
    let db = std::fs::read(data.join("aiguillage.sqlite3")).unwrap();
    assert!(
        !db.starts_with(b"SQLite format 3"),
        "the records are encrypted"
    );
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext reads {}", pdf.display());
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn diagnose_writes_the_sheet_whether_or_not_the_diagnostic_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let declined = answers_file(
        dir.path(),
        "germaine",
        json!({"consent_record": false, "consent_name_on_sheet": true}),
    );
    let pdf = dir.path().join("fiche.pdf");
    let pdf_arg = pdf.to_str().unwrap();
    // Declined, even with --save: the sheet, and only the anonymous count stays.
    let result: Value = serde_json::from_str(&ok(
        dir.path(),
        &[
            "diagnose",
            "--answers",
            &declined,
            "--save",
            "--first-name",
            "Germaine",
            "--sheet",
            pdf_arg,
        ],
    ))
    .unwrap();
    assert!(result.get("id").is_none(), "nothing is kept under an id");
    let text = pdf_text(&pdf);
    let top = result["needs"][0]["matches"][0]["structure"]
        .as_str()
        .unwrap();
    assert!(
        text.contains(top) && text.contains("Germaine"),
        "the sheet names the need's top service and the consented first name: {text}"
    );
    let listed: Value =
        serde_json::from_str(&ok(dir.path(), &["list", "--format", "json"])).unwrap();
    assert_eq!(listed, json!([]), "the history holds nothing of them");
    let report: Value =
        serde_json::from_str(&ok(dir.path(), &["report", "--format", "json"])).unwrap();
    assert_eq!(
        (&report["total"], &report["anonymous"]),
        (&json!(1), &json!(1)),
        "only the anonymous count: {report}"
    );
    let audit: Value =
        serde_json::from_str(&ok(dir.path(), &["audit", "--format", "json"])).unwrap();
    assert_eq!(
        (&audit[0]["action"], &audit[0]["record_id"]),
        (&json!("sheet"), &Value::Null),
        "the sheet is on record, pointing at no one"
    );

    // Agreed to be kept, but no --save: a sheet, and again only the count.
    let agreed = answers_file(dir.path(), "yanis", json!({}));
    std::fs::remove_file(&pdf).unwrap();
    ok(
        dir.path(),
        &["diagnose", "--answers", &agreed, "--sheet", pdf_arg],
    );
    assert!(pdf_text(&pdf).contains("Fiche d'orientation"));
    let report: Value =
        serde_json::from_str(&ok(dir.path(), &["report", "--format", "json"])).unwrap();
    assert_eq!(
        (&report["total"], &report["anonymous"]),
        (&json!(2), &json!(2)),
        "without --save nothing but the count is stored: {report}"
    );

    // Kept: its sheet is the saved diagnostic's.
    std::fs::remove_file(&pdf).unwrap();
    let kept: Value = serde_json::from_str(&ok(
        dir.path(),
        &[
            "diagnose",
            "--answers",
            &agreed,
            "--save",
            "--sheet",
            pdf_arg,
        ],
    ))
    .unwrap();
    let id = kept["id"].as_str().expect("--save with consent keeps it");
    let shown: Value = serde_json::from_str(&ok(dir.path(), &["show", id])).unwrap();
    let structure = shown["orientations"][0]["snapshot"]["structure"]
        .as_str()
        .unwrap();
    assert!(
        pdf_text(&pdf).contains(structure),
        "the sheet is the saved orientation's"
    );
    // A sheet into a folder that does not exist is refused before anything is counted.
    let missing = dir.path().join("no-such-folder").join("f.pdf");
    refused(
        dir.path(),
        &[
            "diagnose",
            "--answers",
            &agreed,
            "--sheet",
            missing.to_str().unwrap(),
        ],
        "no-such-folder",
    );
    let report: Value =
        serde_json::from_str(&ok(dir.path(), &["report", "--format", "json"])).unwrap();
    assert_eq!(
        report["total"], 3,
        "the refused run counted nobody: {report}"
    );
}

#[test]
fn commune_search_finds_names_as_people_say_them_and_postcodes() {
    let dir = tempfile::tempdir().unwrap();
    let found: Value = serde_json::from_str(&ok(
        dir.path(),
        &["commune", "search", "ste foy les lyon", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(found[0]["code"], "69202", "{found}");
    assert_eq!(found[0]["departement"], "69");
    assert_eq!(found[0]["postcodes"], json!(["69110"]));
    let shared: Value = serde_json::from_str(&ok(
        dir.path(),
        &["commune", "search", "01400", "--format", "json"],
    ))
    .unwrap();
    assert!(
        shared.as_array().unwrap().len() >= 5,
        "01400 serves several communes, all listed: {shared}"
    );
    let text = ok(dir.path(), &["commune", "search", "69003"]);
    assert!(
        text.lines().next().unwrap().starts_with("69383"),
        "Lyon 3e first for its own postcode: {text}"
    );
    refused(
        dir.path(),
        &["commune", "search", "saint etiene"],
        "the closest names are Saint-Étienne (42218)",
    );
    refused(
        dir.path(),
        &["commune", "search", "qqqqqq"],
        "no commune matches \"qqqqqq\"",
    );
    assert!(
        !dir.path().join("aiguillage.db").exists()
            && std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "searching the communes opens no records"
    );
}

#[test]
fn the_centre_commune_is_a_checked_setting() {
    let dir = tempfile::tempdir().unwrap();
    refused(
        dir.path(),
        &["settings", "centre-commune", "99999"],
        "\"99999\" is not the INSEE code of a commune",
    );
    ok(dir.path(), &["settings", "centre-commune", "69381"]);
    let shown = ok(dir.path(), &["settings", "show"]);
    assert!(shown.contains("centre_commune: 69381"), "{shown}");
}
