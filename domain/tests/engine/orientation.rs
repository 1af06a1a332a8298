//! Matching where the commune table has no coordinates: the person's intercommunality, then the
//! département, and the reasons say which.

use aiguillage_domain::Answers;
use aiguillage_domain::commune::{Commune, Communes};
use aiguillage_domain::directory::{Service, Structure};
use aiguillage_domain::orientation::{Person, match_need};
use serde_json::{Value, json};

use crate::helpers::*;

const STRUCTURES: &str = include_str!("../../../assets/directory/sample/structures.json");
const SERVICES: &str = include_str!("../../../assets/directory/sample/services.json");

/// The sample rows, without any coordinates.
fn rows<T: serde::de::DeserializeOwned>(text: &str) -> Vec<T> {
    let mut rows: Vec<Value> = serde_json::from_str(text).unwrap();
    for row in &mut rows {
        let row = row.as_object_mut().unwrap();
        row.remove("latitude");
        row.remove("longitude");
    }
    serde_json::from_value(Value::Array(rows)).unwrap()
}

/// Every commune of the sample directory, without coordinates: those of the Rhône in one
/// intercommunality but Saint-Fons (69199 is not in the sample), the others in none.
fn communes(structures: &[Structure]) -> Communes {
    let mut codes: Vec<String> = structures
        .iter()
        .filter_map(|s| s.code_insee.clone())
        .collect();
    codes.push("69266".into());
    codes.sort();
    codes.dedup();
    Communes::new(
        codes
            .into_iter()
            .map(|insee| Commune {
                departement: insee[..2].to_owned(),
                epci: (insee.starts_with("69") && insee != "69243").then(|| "metropole".to_owned()),
                nom: insee.clone(),
                insee,
                codes_postaux: Vec::new(),
                population: None,
                latitude: None,
                longitude: None,
            })
            .collect(),
    )
}

#[test]
fn without_coordinates_a_match_says_it_is_in_the_intercommunality_and_makes_up_no_distance() {
    let q = questionnaire();
    let structures: Vec<Structure> = rows(STRUCTURES);
    let services: Vec<Service> = rows(SERVICES);
    let communes = communes(&structures);
    let answers = answers_of("germaine", &[("ctx_commune", json!("69266"))]);
    let assessment = assess(&q, &answers);
    let person = Person::new(&q, &Answers::from_map(&q, &answers).unwrap(), &assessment);
    let pairs: Vec<(&Service, &Structure)> = services
        .iter()
        .map(|s| {
            (
                s,
                structures
                    .iter()
                    .find(|st| st.id == s.structure_id)
                    .unwrap(),
            )
        })
        .collect();
    let mut said = Vec::new();
    for need in &assessment.needs {
        for m in match_need(need, &person, &communes, pairs.iter().copied()) {
            assert!(m.distance_km.is_none(), "no coordinates, no kilometres");
            said.extend(m.why.iter().map(|w| w.fr.clone()));
        }
    }
    assert!(
        said.iter().any(|w| w == "dans la même intercommunalité"),
        "a service elsewhere in the intercommunality says so: {said:?}"
    );
    assert!(
        !said.iter().any(|w| w.contains(" km")),
        "no distance is made up: {said:?}"
    );
    assert!(
        said.iter().any(|w| w.starts_with("type recherché : ")),
        "germaine's equipment need prefers a type: {said:?}"
    );
    assert!(
        !said.iter().any(|w| w.contains("aide-financiere")
            || w.contains("aide-materielle")
            || w.contains("emmaus")),
        "reasons use the national lists' words, never their codes: {said:?}"
    );
}
