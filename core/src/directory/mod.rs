//! The directory use-cases: importing a data·inclusion v1 dump (structures and services given
//! together, every row checked against the national JSON Schemas, rejected rows reported with
//! their id and reason while valid rows are kept, re-imports updating rows), the in-memory index
//! that matching reads, and search by thématique and commune.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use aiguillage_domain::commune::departement;
use aiguillage_domain::directory::{Service, Structure};

mod national;

pub use national::{Area, AreaReport, NationalFile, Progress, import_area};

use crate::content;
use crate::error::{Error, Problem, Result};
use crate::store::audit::{AuditAction, Trail, counted};
use crate::store::{Store, directory::upsert_service, directory::upsert_structure};
pub use aiguillage_domain::directory::validation::{Rejected, RowProblem, check_rows};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub structures: usize,
    pub services: usize,
    pub rejected: Vec<Rejected>,
}

/// The source of the structures typed in at the centre.
pub const LOCAL_SOURCE: &str = "local";

/// A structure and its one service, typed in at the centre.
#[derive(Debug, Clone, Default)]
pub struct LocalStructure {
    /// Set to edit a local structure, `None` to add one.
    pub id: Option<String>,
    pub nom: String,
    pub adresse: Option<String>,
    pub code_postal: Option<String>,
    pub commune: String,
    pub code_insee: Option<String>,
    pub telephone: Option<String>,
    pub courriel: Option<String>,
    pub horaires_accueil: Option<String>,
    pub service_nom: String,
    pub service_description: String,
    pub thematiques: Vec<String>,
    pub service_type: Option<String>,
    pub frais: Option<String>,
}

/// Reads a JSON array file; a file that is not one is refused whole.
fn read_array(path: &Path) -> Result<Vec<Value>> {
    let text = crate::files::read_limited(path, aiguillage_domain::limits::DIRECTORY_BYTES)?;
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

/// Writes checked rows in `tx`, calling `written` after each.
fn write_rows(
    tx: &rusqlite::Transaction<'_>,
    structures: &[(Structure, String)],
    services: &[(Service, String)],
    now: &str,
    written: &mut dyn FnMut(),
) -> Result<()> {
    for (s, raw) in structures {
        upsert_structure(tx, s, raw, now)?;
        written();
    }
    for (s, raw) in services {
        upsert_service(tx, s, raw, now)?;
        written();
    }
    Ok(())
}

/// The import's row in the audit trail, with its counts, in the same transaction.
fn audit_import(
    tx: &rusqlite::Transaction<'_>,
    trail: &Trail,
    counts: &[(&str, usize)],
) -> Result<()> {
    let counts = counted(counts);
    trail.record(tx, AuditAction::DirectoryImport, Some(&counts), None)
}

/// Imports a data·inclusion dump: `structures` and `services` JSON array files.
///
/// # Errors
/// [`Error::BadFile`] when a file is not a JSON array (nothing is imported then).
pub fn import_directory_files(
    store: &mut Store,
    structures: &Path,
    services: &Path,
    now: &str,
) -> Result<ImportReport> {
    let structures = read_array(structures)?;
    let services = read_array(services)?;
    import_directory_rows(store, &structures, &services, now)
}

/// Imports already-read rows, all valid rows in one transaction.
pub fn import_directory_rows(
    store: &mut Store,
    structures: &[Value],
    services: &[Value],
    now: &str,
) -> Result<ImportReport> {
    import_directory_rows_with_progress(store, structures, services, now, &mut |_, _| {})
}

/// Imports one JSON document `{"structures": [...], "services": [...]}` (what the desktop
/// app receives from a picked file), telling `progress` how many rows of how many are done.
///
/// # Errors
/// [`Error::Problem`] naming `name` when the text is not such a document (nothing imported).
pub fn import_directory_document(
    store: &mut Store,
    name: &str,
    text: &str,
    now: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    let value: Value = serde_json::from_str(text).map_err(|e| Problem::DirectoryNotJson {
        name: name.to_owned(),
        detail: e.to_string(),
    })?;
    let rows = |key: &str| match value.get(key) {
        Some(Value::Array(rows)) => Ok(rows.as_slice()),
        _ => Err(Problem::DirectoryWrongShape {
            name: name.to_owned(),
        }),
    };
    import_directory_rows_with_progress(
        store,
        rows("structures")?,
        rows("services")?,
        now,
        progress,
    )
}

/// [`import_directory_rows`], telling `progress(done, total)` as rows are written.
pub fn import_directory_rows_with_progress(
    store: &mut Store,
    structures: &[Value],
    services: &[Value],
    now: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    // Checking is one step over every row (services refer to structures); writing is told
    // in steps of a few hundred rows so a progress bar moves without slowing the import.
    const STEP: usize = 500;
    let total = structures.len() + services.len();
    progress(0, total);
    let (good_structures, good_services, rejected) = check_rows(structures, services);
    let checked = rejected.len();
    progress(checked, total);
    let trail = store.trail();
    store.write(|tx| {
        let mut done = checked;
        write_rows(tx, &good_structures, &good_services, now, &mut || {
            done += 1;
            if done % STEP == 0 {
                progress(done, total);
            }
        })?;
        audit_import(
            tx,
            &trail,
            &[
                ("structures", good_structures.len()),
                ("services", good_services.len()),
            ],
        )
    })?;
    progress(total, total);
    Ok(ImportReport {
        structures: good_structures.len(),
        services: good_services.len(),
        rejected,
    })
}

/// Adds or edits a structure typed in at the centre, with its one service (source
/// `local`). The rows go through the same checks as an import; a refused row changes nothing.
///
/// # Errors
/// [`Problem::LocalStructure`] with the first refusal's reason.
pub fn save_local_structure(
    store: &mut Store,
    local: &LocalStructure,
    now: &str,
) -> Result<String> {
    let id = local
        .id
        .clone()
        .unwrap_or_else(|| format!("local-{}", uuid::Uuid::now_v7()));
    let today = now.get(..10).unwrap_or(now);
    let blank = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let structure = serde_json::json!({
        "source": LOCAL_SOURCE, "id": id, "nom": local.nom.trim(), "date_maj": today,
        "adresse": blank(&local.adresse), "code_postal": blank(&local.code_postal),
        "commune": local.commune.trim(), "code_insee": blank(&local.code_insee),
        "telephone": blank(&local.telephone), "courriel": blank(&local.courriel),
        "horaires_accueil": blank(&local.horaires_accueil),
    });
    let service = serde_json::json!({
        "source": LOCAL_SOURCE, "structure_id": id, "id": format!("{id}-service"),
        "nom": local.service_nom.trim(), "description": local.service_description.trim(),
        "date_maj": today, "thematiques": local.thematiques, "type": blank(&local.service_type),
        "frais": blank(&local.frais),
        "adresse": blank(&local.adresse), "code_postal": blank(&local.code_postal),
        "commune": local.commune.trim(), "code_insee": blank(&local.code_insee),
    });
    let (structures, services, rejected) = check_rows(&[structure], &[service]);
    if let Some(r) = rejected.into_iter().next() {
        return Err(Problem::LocalStructure(r.problem).into());
    }
    let trail = store.trail();
    store.write(|tx| {
        for (s, raw) in &structures {
            upsert_structure(tx, s, raw, now)?;
        }
        for (s, raw) in &services {
            upsert_service(tx, s, raw, now)?;
        }
        trail.record(tx, AuditAction::DirectoryEdit, None, None)?;
        Ok(())
    })?;
    Ok(id)
}

/// Imports the embedded fictional sample directory.
pub fn import_sample_directory(store: &mut Store, now: &str) -> Result<ImportReport> {
    let structures = parse_array(content::SAMPLE_STRUCTURES).map_err(Error::BadInput)?;
    let services = parse_array(content::SAMPLE_SERVICES).map_err(Error::BadInput)?;
    import_directory_rows(store, &structures, &services, now)
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

    /// Services matching every given criterion, by structure then service name: `words` in a
    /// name or description (accents and case ignored), any of `thematiques`, and `commune` as an
    /// INSEE code or a name.
    pub fn find(
        &self,
        words: &str,
        thematiques: &[String],
        commune: Option<&str>,
    ) -> Vec<(&Service, &Structure)> {
        let words: Vec<String> = words.split_whitespace().map(fold).collect();
        let commune = commune.map(str::trim).filter(|c| !c.is_empty()).map(fold);
        let candidates = if thematiques.is_empty() {
            self.services
                .iter()
                .zip(&self.owner)
                .map(|(s, &o)| (s, &self.structures[o]))
                .collect()
        } else {
            self.with_thematiques(thematiques)
        };
        let mut found: Vec<_> = candidates
            .into_iter()
            .filter(|(service, structure)| {
                let haystack = fold(&format!(
                    "{} {} {} {}",
                    structure.nom,
                    service.nom,
                    service.description,
                    structure.description.as_deref().unwrap_or_default()
                ));
                let in_commune = commune.as_deref().is_none_or(|c| {
                    service.code_insee(structure).is_some_and(|i| fold(i) == c)
                        || service
                            .commune
                            .as_deref()
                            .or(structure.commune.as_deref())
                            .is_some_and(|name| fold(name).starts_with(c))
                });
                in_commune && words.iter().all(|w| haystack.contains(w.as_str()))
            })
            .collect();
        found.sort_by(|a, b| (&a.1.nom, &a.0.nom).cmp(&(&b.1.nom, &b.0.nom)));
        found
    }

    /// The structure `id` of `source` with its services.
    pub fn structure(&self, source: &str, id: &str) -> Option<(&Structure, Vec<&Service>)> {
        let i = self
            .structures
            .iter()
            .position(|s| s.id == id && s.source == source)?;
        let services = self
            .services
            .iter()
            .zip(&self.owner)
            .filter(|(_, o)| **o == i)
            .map(|(s, _)| s)
            .collect();
        Some((&self.structures[i], services))
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

/// Lower case without French accents, for searching as people type.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ÿ' => 'y',
            'œ' => 'o',
            other => other,
        })
        .collect()
}
