//! The directory model: structures and services of the data·inclusion v1 schema (the fields the
//! product uses), and the table of commune coordinates used for distances. Checking rows against
//! the national JSON Schemas happens at import, in `core`; here a row is already well-formed.

pub mod validation;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result};

fn nullable_vec<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
}

/// A structure (a place: association, France Services, CCAS…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Structure {
    pub source: String,
    pub id: String,
    pub nom: String,
    pub date_maj: NaiveDate,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub adresse: Option<String>,
    #[serde(default)]
    pub complement_adresse: Option<String>,
    #[serde(default)]
    pub code_postal: Option<String>,
    #[serde(default)]
    pub commune: Option<String>,
    #[serde(default)]
    pub code_insee: Option<String>,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
    #[serde(default)]
    pub telephone: Option<String>,
    #[serde(default)]
    pub courriel: Option<String>,
    #[serde(default)]
    pub site_web: Option<String>,
    #[serde(default)]
    pub horaires_accueil: Option<String>,
    #[serde(default, deserialize_with = "nullable_vec")]
    pub reseaux_porteurs: Vec<String>,
}

/// A service offered by a structure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Service {
    pub source: String,
    pub id: String,
    pub structure_id: String,
    pub nom: String,
    pub description: String,
    pub date_maj: NaiveDate,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "nullable_vec")]
    pub thematiques: Vec<String>,
    #[serde(default)]
    pub frais: Option<String>,
    #[serde(default)]
    pub frais_precisions: Option<String>,
    #[serde(default, deserialize_with = "nullable_vec")]
    pub publics: Vec<String>,
    #[serde(default)]
    pub publics_precisions: Option<String>,
    #[serde(default, deserialize_with = "nullable_vec")]
    pub modes_accueil: Vec<String>,
    #[serde(default, deserialize_with = "nullable_vec")]
    pub modes_mobilisation: Vec<String>,
    #[serde(default)]
    pub mobilisation_precisions: Option<String>,
    #[serde(default, deserialize_with = "nullable_vec")]
    pub mobilisable_par: Vec<String>,
    #[serde(default)]
    pub lien_mobilisation: Option<String>,
    #[serde(default)]
    pub conditions_acces: Option<String>,
    #[serde(default)]
    pub horaires_accueil: Option<String>,
    #[serde(default)]
    pub telephone: Option<String>,
    #[serde(default)]
    pub courriel: Option<String>,
    #[serde(default)]
    pub adresse: Option<String>,
    #[serde(default)]
    pub complement_adresse: Option<String>,
    #[serde(default)]
    pub code_postal: Option<String>,
    #[serde(default)]
    pub commune: Option<String>,
    #[serde(default)]
    pub code_insee: Option<String>,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
}

impl Service {
    /// The service's own commune code, else its structure's.
    pub fn code_insee<'a>(&'a self, structure: &'a Structure) -> Option<&'a str> {
        self.code_insee
            .as_deref()
            .or(structure.code_insee.as_deref())
    }

    /// Where to go and whom to call: each of the service's own details, else its structure's.
    pub fn contact<'a>(&'a self, structure: &'a Structure) -> Contact<'a> {
        let either = |own: &'a Option<String>, theirs: &'a Option<String>| {
            own.as_deref().or(theirs.as_deref())
        };
        Contact {
            adresse: either(&self.adresse, &structure.adresse),
            code_postal: either(&self.code_postal, &structure.code_postal),
            commune: either(&self.commune, &structure.commune),
            telephone: either(&self.telephone, &structure.telephone),
            courriel: either(&self.courriel, &structure.courriel),
            horaires_accueil: either(&self.horaires_accueil, &structure.horaires_accueil),
        }
    }

    /// The service's coordinates, else its structure's.
    pub fn coordinates(&self, structure: &Structure) -> Option<(f64, f64)> {
        match (self.latitude, self.longitude) {
            (Some(lat), Some(lon)) => Some((lat, lon)),
            _ => structure.latitude.zip(structure.longitude),
        }
    }
}

/// A service's address and contact details, falling back on its structure's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contact<'a> {
    pub adresse: Option<&'a str>,
    pub code_postal: Option<&'a str>,
    pub commune: Option<&'a str>,
    pub telephone: Option<&'a str>,
    pub courriel: Option<&'a str>,
    pub horaires_accueil: Option<&'a str>,
}

/// A commune with its town-centre coordinates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commune {
    pub insee: String,
    pub nom: String,
    pub latitude: f64,
    pub longitude: f64,
}

/// Commune codes to coordinates, for distances from the person's commune.
#[derive(Debug, Clone, Default)]
pub struct Communes(HashMap<String, Commune>);

impl Communes {
    /// Parses a JSON array of communes.
    ///
    /// # Errors
    /// [`Error::Directory`] when the list is malformed.
    pub fn parse(json: &str) -> Result<Self> {
        let list: Vec<Commune> = serde_json::from_str(json)
            .map_err(|e| Error::Directory(format!("the commune table is not valid: {e}")))?;
        Ok(Self(
            list.into_iter().map(|c| (c.insee.clone(), c)).collect(),
        ))
    }

    /// The commune with this INSEE code.
    pub fn get(&self, insee: &str) -> Option<&Commune> {
        self.0.get(insee)
    }
}

/// The département of an INSEE commune code: three characters overseas (97x), else two.
pub fn departement(insee: &str) -> &str {
    let n = if insee.starts_with("97") { 3 } else { 2 };
    insee.get(..n).unwrap_or(insee)
}

/// The commune an INSEE code belongs to: the arrondissements of Paris, Lyon and Marseille have
/// codes of their own, but are one commune for "same commune".
pub fn commune_of(insee: &str) -> &str {
    match insee.get(..3) {
        Some("751") if insee.len() == 5 && insee != "75056" => "75056",
        Some("693") if insee[3..].starts_with('8') => "69123",
        Some("132") if ("13201"..="13216").contains(&insee) => "13055",
        _ => insee,
    }
}

/// Great-circle distance in kilometres.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0;
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overseas_departements_have_three_digits() {
        assert_eq!(departement("97411"), "974");
        assert_eq!(departement("69266"), "69");
        assert_eq!(departement("2A004"), "2A");
    }

    #[test]
    fn arrondissements_belong_to_their_city() {
        assert_eq!(commune_of("69381"), "69123");
        assert_eq!(commune_of("75112"), "75056");
        assert_eq!(commune_of("13204"), "13055");
        assert_eq!(
            commune_of("69266"),
            "69266",
            "Villeurbanne is its own commune"
        );
    }

    #[test]
    fn lyon_to_villeurbanne_is_a_few_kilometres() {
        let d = distance_km((45.76, 4.84), (45.77, 4.88));
        assert!(
            (2.0..5.0).contains(&d),
            "Lyon–Villeurbanne should be 2–5 km, got {d}"
        );
    }
}
