//! `directory import`: bad rows reported, bad files refused, the national files kept to chosen départements.

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

#[test]
fn the_national_files_are_kept_to_the_departements_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let rows = |text: &str| -> Vec<Value> {
        let mut rows: Vec<Value> = serde_json::from_str(text).unwrap();
        for row in &mut rows {
            row["source"] = json!("dora");
        }
        rows
    };
    let structures = rows(include_str!(
        "../../../assets/directory/sample/structures.json"
    ));
    let services = rows(include_str!(
        "../../../assets/directory/sample/services.json"
    ));
    let a = dir.path().join("structures.json");
    let b = dir.path().join("services.json");
    std::fs::write(&a, serde_json::to_string(&structures).unwrap()).unwrap();
    std::fs::write(&b, serde_json::to_string(&services).unwrap()).unwrap();
    let data = dir.path().join("data");
    let said = ok(
        &data,
        &[
            "directory",
            "import",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--departement",
            "38",
        ],
    );
    let in_isere = structures
        .iter()
        .filter(|s| {
            s["code_insee"]
                .as_str()
                .is_some_and(|c| c.starts_with("38"))
        })
        .count();
    assert!(
        said.starts_with(&format!("{in_isere} structure(s) et "))
            && said.contains("hors du territoire"),
        "{said}"
    );
    refused(
        &data,
        &[
            "directory",
            "import",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--departement",
            "100",
        ],
        "\"100\" is not a département",
    );
    let truncated = dir.path().join("services-coupe.json");
    let text = std::fs::read_to_string(&b).unwrap();
    std::fs::write(&truncated, &text[..text.len() - 10]).unwrap();
    refused(
        &data,
        &[
            "directory",
            "import",
            a.to_str().unwrap(),
            truncated.to_str().unwrap(),
            "--departement",
            "69",
        ],
        "services-coupe.json",
    );
}
