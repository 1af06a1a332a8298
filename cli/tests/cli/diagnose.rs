//! `diagnose`: the contract's JSON, standard input, bad answers, and the sheet whether or not
//! the diagnostic is kept.

use super::*;

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
    assert!(pdf_text(&pdf).contains("Fiche d’orientation"));
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
