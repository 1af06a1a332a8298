//! What the desktop app relies on: drafts that keep "does not know", the engine's list of
//! questions to ask, directory search, local places, document import with progress, and the
//! demo database's seeding and reset.

use aiguillage_core::demo;
use aiguillage_core::directory::LocalStructure;
use aiguillage_core::{Error, Mode, Problem, Workspace};
use serde_json::{Map, Value, json};

use crate::helpers::{count, workspace};

#[test]
fn a_does_not_know_answer_is_kept_as_null_not_dropped() {
    let (_dir, mut ws) = workspace(Mode::Real);
    let id = ws.start_draft().unwrap();
    ws.answer_draft(&id, "f_wifi", &json!(2)).unwrap();
    ws.answer_draft(&id, "f_wifi", &Value::Null).unwrap();
    let draft = ws.store.get_draft(&id).unwrap();
    assert_eq!(
        draft.answers.get("f_wifi"),
        Some(&Value::Null),
        "the question was asked: resuming must show 'does not know', not an unasked question"
    );
}

#[test]
fn the_engine_says_which_questions_to_ask() {
    let (_dir, ws) = workspace(Mode::Real);
    let mut answers = Map::new();
    answers.insert("s_urgent".into(), json!(false));
    let before = ws.visible_questions(&answers).unwrap();
    answers.insert("s_urgent".into(), json!(true));
    let after = ws.visible_questions(&answers).unwrap();
    assert!(
        !before.iter().any(|q| q == "s_deadline"),
        "no deadline asked without an urgency"
    );
    assert!(
        after.iter().any(|q| q == "s_deadline"),
        "an urgency brings its deadline question"
    );
    assert_eq!(
        after.first().map(String::as_str),
        Some("consent_informed"),
        "consent comes first"
    );
}

#[test]
fn directory_search_ignores_accents_and_case_and_narrows_by_commune() {
    let (_dir, ws) = workspace(Mode::Real);
    let directory = ws.directory().unwrap();
    let all = directory.find("", &[], None);
    assert_eq!(
        all.len(),
        directory.len(),
        "no criterion finds every service"
    );
    let words = directory.find("NUMERIQUE pentes", &[], None);
    assert!(
        !words.is_empty()
            && words
                .iter()
                .all(|(_, s)| s.nom == "Espace numérique des Pentes"),
        "words match names without their accents"
    );
    let by_name = directory.find("", &[], Some("trévoux"));
    let by_code = directory.find(
        "",
        &[],
        Some(by_name[0].0.code_insee(by_name[0].1).unwrap()),
    );
    assert!(!by_name.is_empty(), "a commune is found by its name");
    assert_eq!(by_name.len(), by_code.len(), "…and by its INSEE code alike");
    let thematique = "numerique--acceder-a-une-connexion-internet".to_owned();
    assert!(
        directory
            .find("", std::slice::from_ref(&thematique), None)
            .iter()
            .all(|(s, _)| s.thematiques.contains(&thematique)),
        "a thématique keeps only its services"
    );
}

fn local(nom: &str) -> LocalStructure {
    LocalStructure {
        nom: nom.into(),
        commune: "Lyon".into(),
        code_insee: Some("69381".into()),
        service_nom: "Permanence numérique du jeudi".into(),
        service_description: "Aide aux démarches, sans rendez-vous.".into(),
        thematiques: vec!["numerique--acceder-a-des-services-en-ligne".into()],
        ..LocalStructure::default()
    }
}

#[test]
fn a_local_place_is_added_found_and_edited_and_a_bad_one_changes_nothing() {
    let (_dir, mut ws) = workspace(Mode::Real);
    let id = ws
        .save_local_structure(&local("Maison fictive du quartier"))
        .unwrap();
    ws.reload_directory();
    assert_eq!(
        ws.directory()
            .unwrap()
            .find("maison fictive", &[], None)
            .len(),
        1,
        "the new place is searchable"
    );

    let mut edited = local("Maison fictive des Canuts");
    edited.id = Some(id.clone());
    ws.save_local_structure(&edited).unwrap();
    ws.reload_directory();
    let directory = ws.directory().unwrap();
    let (structure, services) = directory.structure("local", &id).unwrap();
    assert_eq!(
        structure.nom, "Maison fictive des Canuts",
        "editing keeps the id and changes the name"
    );
    assert_eq!(services.len(), 1, "editing does not add a second service");

    let before = count(&ws, "structure");
    let mut bad = local("Maison sans thématique");
    bad.thematiques = vec!["pas-une-thematique".into()];
    let err = ws.save_local_structure(&bad).unwrap_err();
    assert!(
        err.is_bad_input(),
        "an unknown thématique is the user's to fix: {err}"
    );
    assert!(
        matches!(
            &err,
            aiguillage_core::Error::Problem(aiguillage_core::Problem::LocalStructure(
                aiguillage_core::directory::RowProblem::NotInList { field, value }
            )) if field == "thematiques/0" && value == "pas-une-thematique"
        ),
        "the refusal names the field and the value, for the app to say in French: {err:?}"
    );
    assert_eq!(
        count(&ws, "structure"),
        before,
        "a refused place writes nothing"
    );
}

#[test]
fn a_document_import_tells_its_progress_and_refuses_what_is_not_one() {
    let (_dir, mut ws) = workspace(Mode::Real);
    let text = json!({
        "structures": [{"source": "t", "id": "t1", "nom": "Lieu fictif", "date_maj": "2026-10-01"}],
        "services": [{"source": "t", "structure_id": "t1", "id": "s1", "nom": "Service fictif",
                      "description": "Un service.", "date_maj": "2026-10-01"},
                     {"source": "t", "id": "s2"}]
    })
    .to_string();
    let mut seen = Vec::new();
    let report = ws
        .import_directory_document("annuaire.json", &text, &mut |d, t| seen.push((d, t)))
        .unwrap();
    assert_eq!(
        (report.structures, report.services, report.rejected.len()),
        (1, 1, 1)
    );
    assert_eq!(
        seen.first(),
        Some(&(0, 3)),
        "progress starts at zero of every row"
    );
    assert_eq!(
        seen.last(),
        Some(&(3, 3)),
        "progress ends with every row done"
    );

    let before = count(&ws, "structure");
    let err = ws
        .import_directory_document("liste.json", "[1, 2]", &mut |_, _| {})
        .unwrap_err();
    assert!(
        err.to_string().starts_with("liste.json: "),
        "the message names the file: {err}"
    );
    assert!(
        matches!(&err, Error::Problem(Problem::DirectoryWrongShape { name }) if name == "liste.json"),
        "the app says it in the person's language: {err:?}"
    );
    let err = ws
        .import_directory_document("notes.txt", "pas du JSON", &mut |_, _| {})
        .unwrap_err();
    assert!(
        matches!(&err, Error::Problem(Problem::DirectoryNotJson { name, .. }) if name == "notes.txt"),
        "{err:?}"
    );
    assert_eq!(
        count(&ws, "structure"),
        before,
        "nothing is imported from a wrong document"
    );
}

#[test]
fn the_demo_is_seeded_once_and_its_reset_never_touches_real_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut real = Workspace::open(dir.path(), Mode::Real).unwrap();
    let answers = crate::helpers::persona_answers(&real, "claire", &[]);
    real.complete(answers, None, None).unwrap();
    let real_count = count(&real, "diagnostic");
    drop(real);

    let seeded = count(&demo::open(dir.path()).unwrap(), "diagnostic");
    assert!(seeded > 0, "the demo opens with the personas' diagnostics");
    assert_eq!(
        count(&demo::open(dir.path()).unwrap(), "diagnostic"),
        seeded,
        "seeded only once"
    );
    let mut ws = demo::open(dir.path()).unwrap();
    let answers = crate::helpers::persona_answers(&ws, "lea", &[]);
    ws.complete(answers, None, None).unwrap();
    drop(ws);
    assert_eq!(
        count(&demo::reset(dir.path()).unwrap(), "diagnostic"),
        seeded,
        "a reset goes back to the seed"
    );
    let real = Workspace::open(dir.path(), Mode::Real).unwrap();
    assert_eq!(
        count(&real, "diagnostic"),
        real_count,
        "the real records are untouched"
    );
}
