//! The directory use-cases: importing a data·inclusion v1 dump (structures and services given
//! together, every row checked against the national JSON Schemas, rejected rows reported with
//! their id and reason while valid rows are kept, re-imports updating rows), the in-memory index
//! that matching reads, and search by thématique and commune.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use aiguillage_domain::directory::{Service, Structure, departement};

use crate::content;
use crate::error::{Error, Result};
use crate::store::{Store, directory::upsert_service, directory::upsert_structure};
pub use aiguillage_domain::directory::validation::{Rejected, check_rows};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub structures: usize,
    pub services: usize,
    pub rejected: Vec<Rejected>,
}

/// Reads a JSON array file; a file that is not one is refused whole.
fn read_array(path: &Path) -> Result<Vec<Value>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_array(&text).map_err(|reason| Error::BadFile {
        path: path.to_path_buf(),
        reason,
    })
}

fn parse_array(text: &str) -> std::result::Result<Vec<Value>, String> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(rows)) => Ok(rows),
        Ok(_) => Err("expected a JSON array of rows".into()),
        Err(e) => Err(format!("not valid JSON ({e})")),
    }
}

impl Store {
    /// Imports a data·inclusion dump: `structures` and `services` JSON array files.
    ///
    /// # Errors
    /// [`Error::BadFile`] when a file is not a JSON array (nothing is imported then).
    pub fn import_directory_files(
        &mut self,
        structures: &Path,
        services: &Path,
        now: &str,
    ) -> Result<ImportReport> {
        let structures = read_array(structures)?;
        let services = read_array(services)?;
        self.import_directory_rows(&structures, &services, now)
    }

    /// Imports already-read rows, all valid rows in one transaction.
    pub fn import_directory_rows(
        &mut self,
        structures: &[Value],
        services: &[Value],
        now: &str,
    ) -> Result<ImportReport> {
        let (good_structures, good_services, rejected) = check_rows(structures, services);
        self.write(|tx| {
            for (s, raw) in &good_structures {
                upsert_structure(tx, s, raw, now)?;
            }
            for (s, raw) in &good_services {
                upsert_service(tx, s, raw, now)?;
            }
            let action = format!(
                "directory_import: {} structure(s), {} service(s)",
                good_structures.len(),
                good_services.len()
            );
            crate::retention::audit_in(tx, "local", &action, None)?;
            Ok(())
        })?;
        Ok(ImportReport {
            structures: good_structures.len(),
            services: good_services.len(),
            rejected,
        })
    }

    /// Imports the embedded fictional sample directory.
    pub fn import_sample_directory(&mut self, now: &str) -> Result<ImportReport> {
        let structures = parse_array(content::SAMPLE_STRUCTURES).map_err(Error::BadInput)?;
        let services = parse_array(content::SAMPLE_SERVICES).map_err(Error::BadInput)?;
        self.import_directory_rows(&structures, &services, now)
    }
}

/// The whole directory in memory, for matching and search without touching the disk.
#[derive(Debug, Default)]
pub struct DirectoryIndex {
    services: Vec<Service>,
    structures: Vec<Structure>,
    /// For each service, the index of its structure.
    owner: Vec<usize>,
    by_thematique: HashMap<String, Vec<usize>>,
}

impl DirectoryIndex {
    /// Loads the store's directory.
    pub fn load(store: &Store) -> Result<Self> {
        Ok(Self::new(store.list_structures()?, store.list_services()?))
    }

    /// Builds the index; services without a known structure are left out.
    pub fn new(structures: Vec<Structure>, services: Vec<Service>) -> Self {
        let positions: HashMap<(&str, &str), usize> = structures
            .iter()
            .enumerate()
            .map(|(i, s)| ((s.source.as_str(), s.id.as_str()), i))
            .collect();
        let mut owner = Vec::with_capacity(services.len());
        let mut kept = Vec::with_capacity(services.len());
        for service in services {
            if let Some(&i) =
                positions.get(&(service.source.as_str(), service.structure_id.as_str()))
            {
                owner.push(i);
                kept.push(service);
            }
        }
        let mut by_thematique: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, service) in kept.iter().enumerate() {
            for t in &service.thematiques {
                by_thematique.entry(t.clone()).or_default().push(i);
            }
        }
        DirectoryIndex {
            services: kept,
            structures,
            owner,
            by_thematique,
        }
    }

    /// How many services are indexed.
    pub fn len(&self) -> usize {
        self.services.len()
    }

    /// Whether the directory is empty.
    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }

    /// Services having any of `thematiques`, each once, with their structure.
    pub fn with_thematiques<'a>(
        &'a self,
        thematiques: &[String],
    ) -> Vec<(&'a Service, &'a Structure)> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for t in thematiques {
            for &i in self.by_thematique.get(t).map_or(&[][..], Vec::as_slice) {
                if seen.insert(i) {
                    out.push((&self.services[i], &self.structures[self.owner[i]]));
                }
            }
        }
        out
    }

    /// The service `id` (of any source) with its structure.
    pub fn service(&self, source: Option<&str>, id: &str) -> Option<(&Service, &Structure)> {
        self.services
            .iter()
            .position(|s| s.id == id && source.is_none_or(|src| s.source == src))
            .map(|i| (&self.services[i], &self.structures[self.owner[i]]))
    }

    /// Services with thématique `thematique`, in commune `commune` first, then its département,
    /// then the others; by name within each.
    pub fn search(&self, thematique: &str, commune: Option<&str>) -> Vec<(&Service, &Structure)> {
        let mut found = self.with_thematiques(&[thematique.to_owned()]);
        found.sort_by_key(|(service, structure)| {
            let insee = service.code_insee(structure).unwrap_or_default();
            let tier = match commune {
                Some(c) if c == insee => 0,
                Some(c) if departement(c) == departement(insee) => 1,
                Some(_) => 2,
                None => 0,
            };
            (tier, service.nom.clone())
        });
        found
    }
}
