//! The directory model: structures and services of the data·inclusion v1 schema (the fields the
//! product uses), and the table of commune coordinates used for distances. Checking rows against
//! the national JSON Schemas happens at import, in `core`; here a row is already well-formed.

pub mod validation;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::Result;

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
        // The complement goes with the street it completes.
        let complement_adresse = if self.adresse.is_some() {
            self.complement_adresse.as_deref()
        } else {
            structure.complement_adresse.as_deref()
        };
        Contact {
            adresse: either(&self.adresse, &structure.adresse),
            complement_adresse,
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
    pub complement_adresse: Option<&'a str>,
    pub code_postal: Option<&'a str>,
    pub commune: Option<&'a str>,
    pub telephone: Option<&'a str>,
    pub courriel: Option<&'a str>,
    pub horaires_accueil: Option<&'a str>,
}
