use aiguillage_core::directory::RowProblem;
use aiguillage_core::{Mode, content};
use serde_json::{Value, json};

use crate::helpers::*;

fn sample() -> (Vec<Value>, Vec<Value>) {
    (
        serde_json::from_str(content::SAMPLE_STRUCTURES).unwrap(),
        serde_json::from_str(content::SAMPLE_SERVICES).unwrap(),
    )
}

#[test]
fn the_sample_directory_is_valid_and_imported_at_first_open() {
    let (_dir, ws) = workspace(Mode::Real);
    let (structures, services) = sample();
    let counts = ws.store.count_directory().unwrap();
    assert_eq!(
        counts.structures as usize,
        structures.len(),
        "every sample structure passes the national schema"
    );
    assert_eq!(
        counts.services as usize,
        services.len(),
        "every sample service passes the national schema"
    );
}

#[test]
fn bad_rows_are_reported_by_id_and_good_rows_kept() {
    let (_dir, mut ws) = workspace(Mode::Real);
    let (mut structures, mut services) = sample();
    for s in structures.iter_mut().chain(services.iter_mut()) {
        s["source"] = json!("import-test");
    }
    structures[0]["nom"] = json!("X");
    structures[1]["code_postal"] = json!("6900");
    services[0]["thematiques"] = json!(["numerique--voler"]);
    services[1].as_object_mut().unwrap().remove("description");
    services[2]["structure_id"] = json!("nobody");
    let report = aiguillage_core::directory::import_directory_rows(
        &mut ws.store,
        &structures,
        &services,
        "2026-11-26T10:00:00Z",
    )
    .unwrap();
    let problem = |kind: &str, row: &Value| {
        let id = row["id"].as_str().unwrap();
        report
            .rejected
            .iter()
            .find(|r| r.kind == kind && r.id == id)
            .map(|r| r.problem.clone())
            .unwrap_or_else(|| panic!("{kind} {id} must be rejected: {:?}", report.rejected))
    };
    // Each refusal names the field at fault and what is wrong with it, as a code the app says
    // in the person's language; a nullable field's error comes from the branch that is not null.
    assert_eq!(
        problem("structure", &structures[0]),
        RowProblem::TooShort {
            field: "nom".into(),
            min: 3
        },
        "a one-letter name is under the schema's minimum length"
    );
    assert_eq!(
        problem("structure", &structures[1]),
        RowProblem::TooShort {
            field: "code_postal".into(),
            min: 5
        },
        "a four-digit postcode is refused by the nullable field's non-null branch"
    );
    assert_eq!(
        problem("service", &services[0]),
        RowProblem::NotInList {
            field: "thematiques/0".into(),
            value: "numerique--voler".into()
        },
        "an unknown thématique is outside the schema's list, and the value is named"
    );
    assert_eq!(
        problem("service", &services[1]),
        RowProblem::MissingField {
            field: "description".into()
        }
    );
    assert_eq!(
        problem("service", &services[2]),
        RowProblem::UnknownStructure {
            structure_id: "nobody".into()
        },
        "a service must belong to a structure of the same import"
    );
    assert_eq!(
        problem("structure", &structures[0]).to_string(),
        "nom: at least 3 character(s)",
        "the command line prints the English sentence"
    );
    assert_eq!(report.structures, structures.len() - 2);
    let before = ws.store.count_directory().unwrap();
    let again = aiguillage_core::directory::import_directory_rows(
        &mut ws.store,
        &structures,
        &services,
        "2026-11-27T10:00:00Z",
    )
    .unwrap();
    assert_eq!(again.structures, report.structures);
    assert_eq!(
        ws.store.count_directory().unwrap(),
        before,
        "re-importing the same source updates rows, never duplicates"
    );
}

#[test]
fn a_file_that_is_not_an_array_is_refused_whole() {
    let (dir, mut ws) = workspace(Mode::Real);
    let before = ws.store.count_directory().unwrap();
    let structures = dir.path().join("structures.json");
    let services = dir.path().join("services.json");
    std::fs::write(&structures, "{\"not\": \"an array\"}").unwrap();
    std::fs::write(&services, "[]").unwrap();
    let err = aiguillage_core::directory::import_directory_files(
        &mut ws.store,
        &structures,
        &services,
        "2026-11-26T10:00:00Z",
    )
    .unwrap_err();
    assert!(
        err.is_bad_input() && err.to_string().contains("structures.json"),
        "the message names the file: {err}"
    );
    std::fs::write(&structures, "[{\"id\": ").unwrap();
    assert!(
        aiguillage_core::directory::import_directory_files(
            &mut ws.store,
            &structures,
            &services,
            "2026-11-26T10:00:00Z"
        )
        .is_err()
    );
    assert_eq!(
        ws.store.count_directory().unwrap(),
        before,
        "nothing changed"
    );
}

#[test]
fn search_puts_the_persons_commune_first() {
    let (_dir, ws) = workspace(Mode::Real);
    let found = ws.directory().unwrap().search(
        "numerique--maitriser-les-fondamentaux-du-numerique",
        Some("69266"),
    );
    assert!(!found.is_empty());
    let first = found[0].0.code_insee(found[0].1);
    assert_eq!(
        first,
        Some("69266"),
        "a service in Villeurbanne comes first for a person from Villeurbanne"
    );
}

#[test]
fn without_the_persons_commune_distances_start_from_the_centres() {
    let (_dir, mut ws) = crate::helpers::workspace(aiguillage_core::Mode::Real);
    let answers = crate::helpers::persona_answers(
        &ws,
        "germaine",
        &[("ctx_commune", serde_json::Value::Null)],
    );
    let unknown = ws.outcome(answers.clone()).unwrap();
    assert!(
        unknown
            .matches
            .iter()
            .flatten()
            .all(|m| m.distance_km.is_none()),
        "no commune, no distance"
    );
    ws.set_centre_commune("69381").unwrap();
    let from_centre = ws.outcome(answers).unwrap();
    assert!(
        from_centre
            .matches
            .iter()
            .flatten()
            .any(|m| m.distance_km.is_some()),
        "distances from the centre's commune (Lyon 1er)"
    );
    assert!(
        from_centre
            .matches
            .iter()
            .flatten()
            .flat_map(|m| &m.why)
            .any(|w| w.fr.contains("du lieu d'accueil")),
        "the reasons say the distance is the centre's"
    );
    let err = ws.set_centre_commune("2B999").unwrap_err();
    assert!(err.is_bad_input(), "{err}");
    assert_eq!(
        ws.centre_commune().unwrap().as_deref(),
        Some("69381"),
        "a refused code changes nothing"
    );
}
