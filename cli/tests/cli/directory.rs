//! `directory import`: bad rows reported, bad files refused.

use super::*;

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
