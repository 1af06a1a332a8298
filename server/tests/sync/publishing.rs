//! What the server publishes reaches the devices it is for: questionnaire versions for all,
//! a directory for one centre. Bad files are refused with one sentence and publish nothing.

use serde_json::{Value, json};

use crate::helpers::*;

fn questionnaire_version_2(dir: &std::path::Path) -> std::path::PathBuf {
    let mut q: Value = serde_json::from_str(aiguillage_core::content::QUESTIONNAIRE).unwrap();
    q["version"] = json!(2);
    q["title"]["fr"] = json!("Diagnostic numérique (version 2)");
    let path = dir.join("questionnaire-v2.json");
    std::fs::write(&path, q.to_string()).unwrap();
    path
}

fn questionnaire_versions_reach_every_device(backend: Backend) {
    let server = Server::start(backend);
    let (_, code) = server.centre("Accueil");
    let mut device = Device::enrolled(&server, &code);
    let old = device.diagnose(1).remove(0);
    let file = questionnaire_version_2(server.dir.path());
    let out = server.admin(&["questionnaire", "publish", file.to_str().unwrap()]);
    assert!(out.contains("diagnostic-numerique@2"), "{out}");
    device.ws.sync().unwrap();
    assert_eq!(
        device.ws.questionnaire.version, 2,
        "new diagnostics use the published version"
    );
    let (stored, _) = device.ws.stored_outcome(&old).unwrap();
    assert_eq!(
        stored.version, 1,
        "an older diagnostic is still read with the version it was answered with"
    );
    let reopened =
        aiguillage_core::Workspace::open(device.path(), aiguillage_core::Mode::Real).unwrap();
    assert_eq!(
        reopened.questionnaire.version, 2,
        "the received version survives a restart"
    );

    let broken = server.dir.path().join("broken.json");
    let mut q: Value = serde_json::from_str(aiguillage_core::content::QUESTIONNAIRE).unwrap();
    q["needs"][0]["thematiques"][0] = json!("nowhere");
    std::fs::write(&broken, q.to_string()).unwrap();
    let out = server.admin_raw(&["questionnaire", "publish", broken.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a faulty questionnaire is refused"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("$.needs[0].thematiques[0]"),
        "the path of the fault is named"
    );
}

fn a_directory_reaches_only_its_centre(backend: Backend) {
    let server = Server::start(backend);
    let (centre_a, code_a) = server.centre("Centre A");
    let (_, code_b) = server.centre("Centre B");
    let mut a = Device::enrolled(&server, &code_a);
    let mut b = Device::enrolled(&server, &code_b);
    let dump = server.dir.path().join("dump");
    std::fs::create_dir_all(&dump).unwrap();
    let structures = json!([
        {"source": "national", "id": "n-s-1", "nom": "Ressourcerie numérique du Confluent", "date_maj": "2026-10-01", "code_insee": "69382"},
        {"source": "national", "id": "n-s-2", "nom": "X", "date_maj": "2026-10-01"}
    ]);
    let services = json!([
        {"source": "national", "id": "n-v-1", "structure_id": "n-s-1", "nom": "Ordinateurs à prix solidaire",
         "description": "Des ordinateurs reconditionnés pour les personnes orientées.", "date_maj": "2026-10-01",
         "type": "aide-materielle", "thematiques": ["numerique--acquerir-un-equipement"], "frais": "gratuit"}
    ]);
    std::fs::write(dump.join("structures.json"), structures.to_string()).unwrap();
    std::fs::write(dump.join("services.json"), services.to_string()).unwrap();
    let out = server.admin(&[
        "directory",
        "import",
        dump.to_str().unwrap(),
        "--centre",
        &centre_a,
    ]);
    assert!(
        out.contains("1 service(s) published") && out.contains("structure n-s-2"),
        "{out}"
    );
    a.ws.sync().unwrap();
    b.ws.sync().unwrap();
    let found = |device: &Device| {
        device
            .ws
            .directory()
            .unwrap()
            .search("numerique--acquerir-un-equipement", None)
            .iter()
            .any(|(s, _)| s.id == "n-v-1")
    };
    assert!(found(&a), "centre A's device received its directory");
    assert!(!found(&b), "centre B's device did not");
    let out = server.admin_raw(&[
        "directory",
        "import",
        dump.to_str().unwrap(),
        "--centre",
        "nobody",
    ]);
    assert_eq!(out.status.code(), Some(2), "an unknown centre is refused");
}

crate::on_every_backend!(
    questionnaire_versions_reach_every_device,
    a_directory_reaches_only_its_centre
);
