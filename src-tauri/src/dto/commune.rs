//! Communes as the volunteer picks them.

use serde::Serialize;
use ts_rs::TS;

/// A commune as a volunteer picks it: its INSEE code is what is kept.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CommuneView {
    pub code: String,
    /// The name, with the département where another commune has the same name.
    pub label: String,
    pub departement: String,
    pub postcodes: Vec<String>,
    /// Not found as typed: a name that looks like it.
    pub close: bool,
}

impl From<aiguillage_domain::commune::Found<'_>> for CommuneView {
    fn from(f: aiguillage_domain::commune::Found<'_>) -> Self {
        CommuneView {
            code: f.commune.insee.clone(),
            label: f.label,
            departement: f.commune.departement.clone(),
            postcodes: f.commune.codes_postaux.clone(),
            close: f.fit == aiguillage_domain::commune::Fit::Close,
        }
    }
}
