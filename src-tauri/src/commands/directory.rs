//! The directory: search, a structure, import of a data·inclusion file or of the national files
//! kept to some départements, local structures.

use tauri::State;

use aiguillage_core::access::Action;
use tauri::ipc::Channel;

use aiguillage_core::directory::{Area, LocalStructure, NationalFile};
use aiguillage_domain::directory::{Service, Structure};
use aiguillage_domain::reference::ReferenceLists;

use crate::dto::{
    AreaSummary, DirectoryQuery, ImportProgress, ImportSummary, Labelled, LocalStructureInput,
    RejectedRow, ServiceView, StructureView, Text,
};
use crate::error::{CommandError, CommandResult, catalogue_entry};
use crate::state::AppState;

/// The most results a search returns; more words narrow it.
const MAX_RESULTS: usize = 200;

fn service_view(service: &Service, structure: &Structure) -> ServiceView {
    let contact = service.contact(structure);
    let owned = |v: Option<&str>| v.map(str::to_owned);
    ServiceView {
        source: service.source.clone(),
        service_id: service.id.clone(),
        service: service.nom.clone(),
        description: service.description.clone(),
        structure_id: structure.id.clone(),
        structure: structure.nom.clone(),
        kind: service.kind.clone(),
        thematiques: service.thematiques.clone(),
        commune: owned(contact.commune),
        adresse: owned(contact.adresse),
        telephone: owned(contact.telephone),
        courriel: owned(contact.courriel),
        horaires_accueil: contact.horaires_accueil.map(Text::hours),
        frais: service.frais.clone(),
    }
}

#[tauri::command]
pub async fn search_services(
    state: State<'_, AppState>,
    query: DirectoryQuery,
) -> CommandResult<Vec<ServiceView>> {
    state.with(Action::ViewRecords, |s| {
        let mut thematiques: Vec<String> = query
            .thematique
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
        if let Some(code) = query.need.filter(|n| !n.is_empty()) {
            let need =
                s.ws.questionnaire
                    .needs
                    .iter()
                    .find(|n| n.code == code)
                    .ok_or_else(|| {
                        CommandError::bad_input(format!(
                            "\"{code}\" is not a need of the questionnaire"
                        ))
                    })?;
            thematiques.extend(need.thematiques.iter().cloned());
        }
        let directory = s.ws.directory()?;
        Ok(directory
            .find(
                query.text.as_deref().unwrap_or_default(),
                &thematiques,
                query.commune.as_deref(),
            )
            .into_iter()
            .take(MAX_RESULTS)
            .map(|(service, structure)| service_view(service, structure))
            .collect())
    })
}

#[tauri::command]
pub async fn get_structure(
    state: State<'_, AppState>,
    source: String,
    id: String,
) -> CommandResult<StructureView> {
    state.with(Action::ViewRecords, |s| {
        let directory = s.ws.directory()?;
        let (structure, services) = directory.structure(&source, &id).ok_or_else(|| {
            CommandError::from(aiguillage_core::Error::NotFound(format!("structure {id}")))
        })?;
        Ok(StructureView {
            source: structure.source.clone(),
            id: structure.id.clone(),
            nom: structure.nom.clone(),
            description: structure.description.clone(),
            adresse: structure.adresse.clone(),
            code_postal: structure.code_postal.clone(),
            commune: structure.commune.clone(),
            code_insee: structure.code_insee.clone(),
            telephone: structure.telephone.clone(),
            courriel: structure.courriel.clone(),
            site_web: structure.site_web.clone(),
            horaires_accueil: structure.horaires_accueil.as_deref().map(Text::hours),
            horaires_accueil_raw: structure.horaires_accueil.clone(),
            services: services
                .into_iter()
                .map(|sv| service_view(sv, structure))
                .collect(),
        })
    })
}

/// The data·inclusion thématiques with their labels, for the search form.
#[tauri::command]
pub async fn list_thematiques() -> CommandResult<Vec<Labelled>> {
    Ok(ReferenceLists::embedded()
        .thematique_labels
        .iter()
        .map(|(code, label)| Labelled {
            code: code.clone(),
            label: Text {
                fr: label.clone(),
                en: label.clone(),
            },
        })
        .collect())
}

/// Imports a data·inclusion file the user picked (its name and text), telling the progress.
#[tauri::command]
pub async fn import_directory(
    state: State<'_, AppState>,
    name: String,
    text: String,
    on_progress: Channel<ImportProgress>,
) -> CommandResult<ImportSummary> {
    let max = aiguillage_domain::limits::DIRECTORY_BYTES;
    if text.len() as u64 > max {
        return Err(CommandError::bad_input(format!(
            "{name} is larger than {}, the most a directory file may be",
            aiguillage_domain::limits::megabytes(max)
        )));
    }
    state.with(Action::EditDirectory, |s| {
        let report =
            s.ws.import_directory_document(&name, &text, &mut |done, total| {
                // A closed window cannot be told; the import goes on.
                let _ = on_progress.send(ImportProgress {
                    done: count(done),
                    total: count(total),
                });
            })?;
        Ok(ImportSummary {
            structures: count(report.structures),
            services: count(report.services),
            rejected: rejected_rows(report.rejected),
        })
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Refused rows as the screen lists them, each reason in the person's language.
fn rejected_rows(rejected: Vec<aiguillage_core::directory::Rejected>) -> Vec<RejectedRow> {
    rejected
        .into_iter()
        .map(|r| {
            let (code, params) = catalogue_entry(&r.problem);
            RejectedRow {
                kind: r.kind.to_owned(),
                id: r.id,
                reason: r.problem.to_string(),
                code,
                params,
            }
        })
        .collect()
}

/// Receives the next piece of a national file the user picked (`structures` or `services`),
/// base64-encoded: the page reads a file of hundreds of megabytes a slice at a time, and the
/// pieces gather in the data folder, readable by this account only. `first` starts it anew.
/// Returns the size gathered so far.
#[tauri::command]
pub async fn upload_national_part(
    state: State<'_, AppState>,
    file: String,
    first: bool,
    piece: String,
) -> CommandResult<u64> {
    state.with(Action::EditDirectory, |s| {
        let file = NationalFile::parse(&file)?;
        let bytes = data_encoding::BASE64
            .decode(piece.as_bytes())
            .map_err(|e| {
                CommandError::bad_input(format!("a piece of the {file:?} file is not base64 ({e})"))
            })?;
        Ok(file.receive(&s.data_dir, &bytes, first)?)
    })
}

/// Imports the national files gathered by [`upload_national_part`], keeping the rows of
/// `departements`, telling the progress in kibibytes read; the gathered files are removed
/// afterwards, whatever happened. A bad file is named as the user knows it (`names`).
#[tauri::command]
pub async fn import_national(
    state: State<'_, AppState>,
    departements: Vec<String>,
    names: [String; 2],
    on_progress: Channel<ImportProgress>,
) -> CommandResult<AreaSummary> {
    state.with(Action::EditDirectory, |s| {
        let area = Area::new(&departements)?;
        let paths = [
            NationalFile::Structures.path(&s.data_dir),
            NationalFile::Services.path(&s.data_dir),
        ];
        let kib = |n: u64| u32::try_from(n / 1024).unwrap_or(u32::MAX);
        let result =
            s.ws.import_area(&paths[0], &paths[1], &area, &mut |read, total| {
                // A closed window cannot be told; the import goes on.
                let _ = on_progress.send(ImportProgress {
                    done: kib(read),
                    total: kib(total),
                });
            });
        NationalFile::discard_all(&s.data_dir);
        let report = result.map_err(|e| match e {
            // The gathered file's path means nothing to the user: their file's name does.
            aiguillage_core::Error::BadFile { path, reason } => aiguillage_core::Error::BadFile {
                path: paths
                    .iter()
                    .zip(&names)
                    .find(|(p, _)| **p == path)
                    .map_or(path, |(_, name)| name.into()),
                reason,
            },
            other => other,
        })?;
        Ok(AreaSummary {
            structures: count(report.structures),
            services: count(report.services),
            outside: count(report.outside),
            removed: count(report.removed),
            rejected: rejected_rows(report.rejected),
        })
    })
}

/// Adds or edits a structure typed in at the centre; answers with its id.
#[tauri::command]
pub async fn save_local_structure(
    state: State<'_, AppState>,
    input: LocalStructureInput,
) -> CommandResult<String> {
    let local = LocalStructure {
        id: input.id,
        nom: input.nom,
        adresse: input.adresse,
        code_postal: input.code_postal,
        commune: input.commune,
        code_insee: input.code_insee,
        telephone: input.telephone,
        courriel: input.courriel,
        horaires_accueil: input.horaires_accueil,
        service_nom: input.service_nom,
        service_description: input.service_description,
        thematiques: input.thematiques,
        service_type: input.service_type,
        frais: input.frais,
    };
    state.with(Action::EditDirectory, |s| {
        Ok(s.ws.save_local_structure(&local)?)
    })
}
