//! The data·inclusion reference lists (thématiques, types, networks, publics…), embedded at build
//! from `assets/data-inclusion/` so codes in the questionnaire and the directory can be checked
//! without I/O.

use std::collections::{BTreeMap, BTreeSet};
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
    /// What people read for a service type's code (French: the national lists have no other).
    pub type_labels: BTreeMap<String, String>,
    /// What people read for a network's code.
    pub network_labels: BTreeMap<String, String>,
}

fn labels(list: &str) -> Vec<(String, String)> {
    serde_json::from_str::<Vec<Entry>>(list)
        .map(|entries| {
            entries
                .into_iter()
                .map(|e| {
                    let label = e.label.unwrap_or_else(|| e.value.clone());
                    (e.value, label)
                })
                .collect()
        })
        .unwrap_or_default()
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
            thematique_labels: labels(include_str!("../../assets/data-inclusion/thematiques.json")),
            type_labels: labels(include_str!(
                "../../assets/data-inclusion/types-de-services.json"
            ))
            .into_iter()
            .collect(),
            network_labels: labels(include_str!(
                "../../assets/data-inclusion/reseaux-porteurs.json"
            ))
            .into_iter()
            .collect(),
        })
    }

    /// What people read for a service type (the code itself if the list does not know it).
    pub fn type_label<'a>(&'a self, code: &'a str) -> &'a str {
        self.type_labels.get(code).map_or(code, String::as_str)
    }

    /// What people read for a network (the code itself if the list does not know it).
    pub fn network_label<'a>(&'a self, code: &'a str) -> &'a str {
        self.network_labels.get(code).map_or(code, String::as_str)
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
        assert_eq!(lists.type_label("aide-financiere"), "Aide financière");
        assert_eq!(
            lists.network_label("emmaus"),
            "Emmaüs",
            "{:?}",
            lists.network_labels.get("emmaus")
        );
    }
}
