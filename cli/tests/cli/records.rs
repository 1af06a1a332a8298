//! Saved diagnostics: list, show, export, report, sheet, orientations, follow-up, retention, the
//! audit trail and the demo's own database.

use super::*;

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
fn a_sheet_prints_in_the_persons_language_and_easy_to_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = answers_file(dir.path(), "germaine", json!({}));
    let saved: Value =
        serde_json::from_str(&ok(dir.path(), &["diagnose", "--answers", &file, "--save"])).unwrap();
    let id = saved["id"].as_str().unwrap();
    ok(dir.path(), &["settings", "centre-phone", "04 65 71 00 00"]);
    assert!(ok(dir.path(), &["settings", "show"]).contains("centre_phone: 04 65 71 00 00"));
    let pdf = dir.path().join("fiche-ar.pdf");
    let out = pdf.to_str().unwrap();
    ok(
        dir.path(),
        &["sheet", id, "--out", out, "--language", "ar", "--easy-read"],
    );
    let text = pdf_text(&pdf);
    for words in [
        "أين أجد المساعدة؟",
        "Où aller pour avoir de l’aide",
        "04 65 71 00 00",
    ] {
        assert!(
            text.contains(words),
            "the easy-read Arabic sheet says {words:?}, then French: {text}"
        );
    }
    // Refused in one sentence, and nothing written.
    std::fs::remove_file(&pdf).unwrap();
    refused(
        dir.path(),
        &["sheet", id, "--out", out, "--language", "xx"],
        "the sheet is not available in \"xx\"",
    );
    assert!(!pdf.exists(), "no file for a refused language");
    refused(
        dir.path(),
        &["settings", "centre-phone", "appelez-nous"],
        "centre's phone",
    );
    assert!(
        ok(dir.path(), &["settings", "show"]).contains("centre_phone: 04 65 71 00 00"),
        "a refused phone changes nothing"
    );
    ok(dir.path(), &["erase", id]);
    refused(dir.path(), &["sheet", id, "--out", out], "not found");
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
