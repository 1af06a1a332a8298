//! Every content file shipped under `assets/` loads and validates: the build embeds them, so a
//! broken one must fail here rather than in a volunteer's hands.

use std::path::{Path, PathBuf};

use aiguillage_core::directory::check_rows;
use aiguillage_domain::Questionnaire;
use aiguillage_domain::commune::Communes;
use serde_json::Value;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn every_json_file_under_assets_loads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets");
    let mut all = Vec::new();
    files(&root, &mut all);
    let mut checked = 0;
    for path in all
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let relative = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let value: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{relative} is not JSON: {e}"));
        if relative.starts_with("questionnaires/") {
            Questionnaire::parse(&text).unwrap_or_else(|e| panic!("{relative}: {e}"));
        } else if relative.starts_with("communes/") {
            Communes::parse(&text).unwrap_or_else(|e| panic!("{relative}: {e}"));
        } else if relative.ends_with("structures.json") {
            let services: Vec<Value> = serde_json::from_str(
                &std::fs::read_to_string(path.with_file_name("services.json")).unwrap(),
            )
            .unwrap();
            let (structures, services, rejected) = check_rows(value.as_array().unwrap(), &services);
            assert!(
                rejected.is_empty(),
                "{relative}: every shipped row is valid: {rejected:?}"
            );
            assert!(!structures.is_empty() && !services.is_empty());
        } else if relative.starts_with("demo/") {
            let personas: Vec<aiguillage_core::demo::Persona> =
                serde_json::from_value(value).unwrap_or_else(|e| panic!("{relative}: {e}"));
            let q = aiguillage_core::content::questionnaire().unwrap();
            for p in personas {
                aiguillage_domain::Answers::from_map(&q, &p.answers)
                    .unwrap_or_else(|e| panic!("{relative} {}: {e}", p.id));
            }
        }
        checked += 1;
    }
    assert!(
        checked >= 10,
        "the questionnaire, directory, communes, personas and d·i lists are all read"
    );
}

#[test]
fn the_commune_table_covers_the_whole_country_with_its_postcodes() {
    let table = aiguillage_core::content::communes().unwrap();
    assert!(
        table.len() > 34_900,
        "every current commune and the 45 arrondissements: {}",
        table.len()
    );
    let arrondissements = (75101..=75120)
        .chain(69381..=69389)
        .chain(13201..=13216)
        .map(|c| c.to_string());
    for code in arrondissements {
        assert!(
            table.get(&code).is_some(),
            "arrondissement {code} is listed"
        );
    }
    for dep in ["971", "972", "973", "974", "976"] {
        assert!(
            table.search(dep, 1).len() == 1,
            "the overseas département {dep} has communes (by postcode start)"
        );
    }
    let lyon3 = table.search("69003", 10);
    assert_eq!(lyon3[0].commune.insee, "69383", "69003 is Lyon 3e");
    let labels: Vec<String> = table
        .search("saint denis", 10)
        .iter()
        .map(|f| f.label.clone())
        .collect();
    for expected in ["Saint-Denis (93)", "Saint-Denis (974)"] {
        assert!(
            labels.iter().any(|l| l == expected),
            "{expected} is suggested with its département: {labels:?}"
        );
    }
    assert_eq!(
        table.search("ste foy les lyon", 1)[0].commune.insee,
        "69202",
        "Sainte-Foy-lès-Lyon typed without accents or hyphens"
    );
    assert_eq!(
        table.search("saint etienne", 1)[0].commune.insee,
        "42218",
        "the city first among the Saint-Étienne-…"
    );
    let lyon = table.get("69123").unwrap();
    assert!(
        lyon.point().is_some() && lyon.epci.is_some(),
        "Lyon has coordinates and an intercommunality"
    );
}
