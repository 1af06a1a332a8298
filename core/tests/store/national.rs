//! The national files as published, kept to chosen départements: JSON and CSV, replacing what
//! the same source brought before, refusing a bad file whole.

use std::path::{Path, PathBuf};

use aiguillage_core::directory::{Area, AreaReport};
use aiguillage_core::{Mode, content};
use serde_json::{Value, json};

use crate::helpers::*;

/// The sample rows under a national source's name, as the national files would hold them.
fn national() -> (Vec<Value>, Vec<Value>) {
    let rename = |rows: &str| -> Vec<Value> {
        let mut rows: Vec<Value> = serde_json::from_str(rows).unwrap();
        for row in &mut rows {
            row["source"] = json!("dora");
        }
        rows
    };
    (
        rename(content::SAMPLE_STRUCTURES),
        rename(content::SAMPLE_SERVICES),
    )
}

fn write_json(dir: &Path, name: &str, rows: &[Value]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string(rows).unwrap()).unwrap();
    path
}

/// The rows as a CSV table: every field a column, lists as values separated by commas.
fn write_csv(dir: &Path, name: &str, rows: &[Value]) -> PathBuf {
    let mut columns: Vec<String> = Vec::new();
    for row in rows {
        for key in row.as_object().unwrap().keys() {
            if !columns.contains(key) {
                columns.push(key.clone());
            }
        }
    }
    let path = dir.join(name);
    let mut csv = csv::Writer::from_path(&path).unwrap();
    csv.write_record(&columns).unwrap();
    for row in rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| match &row[c] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                Value::Array(a) => a
                    .iter()
                    .map(|v| v.as_str().unwrap_or_default().to_owned())
                    .collect::<Vec<_>>()
                    .join(","),
                other => other.to_string(),
            })
            .collect();
        csv.write_record(&cells).unwrap();
    }
    csv.flush().unwrap();
    path
}

fn rhone(ws: &mut aiguillage_core::Workspace, structures: &Path, services: &Path) -> AreaReport {
    let area = Area::new(&["69"]).unwrap();
    let mut told = Vec::new();
    let report = aiguillage_core::directory::import_area(
        &mut ws.store,
        structures,
        services,
        &area,
        "2026-12-01T10:00:00.000Z",
        &mut |r, t| told.push((r, t)),
    )
    .unwrap();
    assert_eq!(
        told.last().map(|(r, t)| r == t),
        Some(true),
        "the progress ends at the whole: {told:?}"
    );
    report
}

fn in_rhone(rows: &[Value]) -> usize {
    rows.iter()
        .filter(|r| {
            r["code_insee"]
                .as_str()
                .is_some_and(|c| c.starts_with("69"))
        })
        .count()
}

#[test]
fn only_the_chosen_departements_are_kept_from_json_and_from_csv() {
    let (structures, services) = national();
    let kept_structures = in_rhone(&structures);
    let kept_ids: Vec<&str> = structures
        .iter()
        .filter(|r| {
            r["code_insee"]
                .as_str()
                .is_some_and(|c| c.starts_with("69"))
        })
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let kept_services = services
        .iter()
        .filter(|s| kept_ids.contains(&s["structure_id"].as_str().unwrap()))
        .count();
    assert!(
        kept_structures < structures.len(),
        "the sample spans several départements"
    );
    for csv in [false, true] {
        let (dir, mut ws) = workspace(Mode::Real);
        let (a, b) = if csv {
            (
                write_csv(dir.path(), "structures.csv", &structures),
                write_csv(dir.path(), "services.csv", &services),
            )
        } else {
            (
                write_json(dir.path(), "structures.json", &structures),
                write_json(dir.path(), "services.json", &services),
            )
        };
        let report = rhone(&mut ws, &a, &b);
        assert_eq!(
            (report.structures, report.services, report.rejected.len()),
            (kept_structures, kept_services, 0),
            "csv={csv}: the Rhône's rows, every one valid: {:?}",
            report.rejected
        );
        assert_eq!(
            report.outside,
            structures.len() - kept_structures + services.len() - kept_services,
            "csv={csv}: the rest is counted as outside"
        );
    }
}

#[test]
fn importing_again_replaces_the_source_and_keeps_local_places_and_past_orientations() {
    let (dir, mut ws) = workspace(Mode::Real);
    let (mut structures, services) = national();
    let a = write_json(dir.path(), "structures.json", &structures);
    let b = write_json(dir.path(), "services.json", &services);
    rhone(&mut ws, &a, &b);
    ws.reload_directory();
    // A person oriented to a service of the national source.
    let answers = persona_answers(&ws, "germaine", &[]);
    let completed = ws.complete(answers, None, None).unwrap();
    ws.orient_by_default(&completed).unwrap();
    let id = completed.id.unwrap();
    let before = ws.store.get_diagnostic(&id).unwrap().orientations;
    let local = aiguillage_core::directory::save_local_structure(
        &mut ws.store,
        &aiguillage_core::directory::LocalStructure {
            nom: "Permanence de la mairie".into(),
            commune: "Lyon".into(),
            service_nom: "Aide aux démarches".into(),
            service_description: "Sur rendez-vous".into(),
            thematiques: vec!["numerique--acceder-a-des-services-en-ligne".into()],
            ..Default::default()
        },
        "2026-12-01T09:00:00.000Z",
    )
    .unwrap();
    // The next national files no longer hold one Rhône structure.
    let gone = structures
        .iter()
        .position(|r| r["code_insee"] == "69266")
        .unwrap();
    let gone_id = structures.remove(gone)["id"].as_str().unwrap().to_owned();
    let gone_services = services
        .iter()
        .filter(|s| s["structure_id"] == gone_id.as_str())
        .count();
    let services: Vec<Value> = services
        .into_iter()
        .filter(|s| s["structure_id"] != gone_id.as_str())
        .collect();
    let a = write_json(dir.path(), "structures.json", &structures);
    let b = write_json(dir.path(), "services.json", &services);
    let area = Area::new(&["69"]).unwrap();
    let report = aiguillage_core::directory::import_area(
        &mut ws.store,
        &a,
        &b,
        &area,
        "2026-12-08T10:00:00.000Z",
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(
        report.removed,
        1 + gone_services,
        "the structure and its services left the files, so they leave the directory"
    );
    let rows: Vec<(String, String)> = ws
        .store
        .list_structures()
        .unwrap()
        .into_iter()
        .map(|s| (s.source, s.id))
        .collect();
    assert!(!rows.contains(&("dora".to_owned(), gone_id.clone())));
    assert!(
        rows.iter().any(|(_, id)| *id == local),
        "the centre's own place is kept"
    );
    assert!(
        rows.iter()
            .any(|(source, _)| source == "aiguillage-exemple"),
        "the sample's own source is not the national files' and stays"
    );
    assert_eq!(
        ws.store.get_diagnostic(&id).unwrap().orientations,
        before,
        "past orientations keep what they said"
    );
}

#[test]
fn a_bad_file_is_refused_whole_naming_it_and_changes_nothing() {
    let (dir, mut ws) = workspace(Mode::Real);
    let (structures, services) = national();
    let a = write_json(dir.path(), "structures.json", &structures);
    let b = write_json(dir.path(), "services.json", &services);
    let before = ws.store.count_directory().unwrap();
    let text = std::fs::read_to_string(&b).unwrap();
    let truncated = dir.path().join("services-tronque.json");
    std::fs::write(&truncated, &text[..text.len() / 2]).unwrap();
    let object = dir.path().join("services-objet.json");
    std::fs::write(&object, r#"{"services": []}"#).unwrap();
    let missing = dir.path().join("absent.json");
    let area = Area::new(&["69"]).unwrap();
    for (file, says) in [
        (&truncated, "ends before its last row"),
        (&object, "expected a JSON array of rows"),
        (&missing, "absent.json"),
    ] {
        let err = aiguillage_core::directory::import_area(
            &mut ws.store,
            &a,
            file,
            &area,
            "2026-12-01T10:00:00.000Z",
            &mut |_, _| {},
        )
        .unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains(file.file_name().unwrap().to_str().unwrap()) && message.contains(says),
            "{message}"
        );
        assert!(!message.contains('\n'), "one sentence: {message}");
        assert_eq!(
            err.is_bad_input(),
            file != &missing,
            "a bad file is the user's to mend, a missing one a failure to read: {message}"
        );
    }
    assert_eq!(
        ws.store.count_directory().unwrap(),
        before,
        "nothing changed"
    );
    let err = Area::new(&["6"]).unwrap_err();
    assert!(
        err.is_bad_input() && err.to_string().contains("\"6\""),
        "{err}"
    );
    assert!(Area::new(&["2A", "974", "69"]).is_ok());
    let _ = (a, b);
}
