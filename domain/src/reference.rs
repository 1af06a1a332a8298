//! The data·inclusion reference lists (thématiques, types, networks, publics…), embedded at build
//! from `assets/data-inclusion/` so codes in the questionnaire and the directory can be checked
//! without I/O.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Deserialize)]
struct Entry {
    value: String,
    #[serde(default)]
    label: Option<String>,
}

/// The sets of valid codes, one per list.
#[derive(Debug)]
pub struct ReferenceLists {
    pub thematiques: BTreeSet<String>,
    pub types: BTreeSet<String>,
    pub networks: BTreeSet<String>,
    pub publics: BTreeSet<String>,
    /// Every thématique with its label (French only: the national list has no other), in the
    /// list's order.
    pub thematique_labels: Vec<(String, String)>,
}

fn parse(list: &str) -> BTreeSet<String> {
    // The lists are shipped with the crate; a parse failure is a build-time bug, caught by tests.
    serde_json::from_str::<Vec<Entry>>(list)
        .map(|entries| entries.into_iter().map(|e| e.value).collect())
        .unwrap_or_default()
}

impl ReferenceLists {
    /// The lists shipped with this build.
    pub fn embedded() -> &'static ReferenceLists {
        static LISTS: OnceLock<ReferenceLists> = OnceLock::new();
        LISTS.get_or_init(|| ReferenceLists {
            thematiques: parse(include_str!("../../assets/data-inclusion/thematiques.json")),
            types: parse(include_str!(
                "../../assets/data-inclusion/types-de-services.json"
            )),
            networks: parse(include_str!(
                "../../assets/data-inclusion/reseaux-porteurs.json"
            )),
            publics: parse(include_str!("../../assets/data-inclusion/publics.json")),
            thematique_labels: serde_json::from_str::<Vec<Entry>>(include_str!(
                "../../assets/data-inclusion/thematiques.json"
            ))
            .map(|entries| {
                entries
                    .into_iter()
                    .map(|e| {
                        let label = e.label.unwrap_or_else(|| e.value.clone());
                        (e.value, label)
                    })
                    .collect()
            })
            .unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_list_parses_and_is_not_empty() {
        let lists = ReferenceLists::embedded();
        assert!(
            lists
                .thematiques
                .contains("numerique--acquerir-un-equipement")
        );
        assert!(lists.types.contains("atelier"));
        assert!(lists.networks.contains("france-service"));
        assert!(lists.publics.contains("seniors"));
    }
}
