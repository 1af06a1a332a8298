//! The use-cases of one data directory: assess answers, orient, complete a diagnostic durably
//! with its operation, drafts, orientations and follow-up. The desktop app and the CLI call these.
//! This module opens the workspace and scores; each other use-case has a module of its own.

mod completion;
mod directory;
mod drafts;
mod erasure;
mod export;
mod orientation;
mod settings;
mod sheet;

pub use completion::{Completed, Finish, Held};
pub use export::ExportFormat;

use std::path::Path;
use std::sync::OnceLock;

use aiguillage_domain::commune::Communes;
use aiguillage_domain::orientation::{Match, Person, match_need};
use aiguillage_domain::{Answers, Assessment, Questionnaire};

use crate::content;
use crate::directory::DirectoryIndex;
use crate::error::{Error, Result};
use crate::store::{DbKey, Mode, Store};

/// An open data directory with its questionnaire and directory.
pub struct Workspace {
    pub store: Store,
    pub questionnaire: Questionnaire,
    pub communes: &'static Communes,
    index: OnceLock<DirectoryIndex>,
    /// The result of the last diagnostic not kept, while the volunteer is on it.
    held: Option<Held>,
    /// One HTTP client per workspace: building one loads the TLS roots, which costs milliseconds.
    pub(crate) http: OnceLock<reqwest::blocking::Client>,
}

/// A scored diagnostic with the proposed services per need.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub answers: Answers,
    pub assessment: Assessment,
    pub matches: Vec<Vec<Match>>,
}

impl Workspace {
    /// Opens the `mode` database of `data_dir` with the embedded questionnaire; a new database
    /// gets the fictional sample directory so the app works at once.
    pub fn open(data_dir: &Path, mode: Mode) -> Result<Self> {
        Self::open_keyed(data_dir, mode, None)
    }

    /// [`Workspace::open`] on a database encrypted with `key` (see [`Store::open_keyed`]).
    pub fn open_keyed(data_dir: &Path, mode: Mode, key: Option<&DbKey>) -> Result<Self> {
        let mut store = Store::open_keyed(data_dir, mode, key)?;
        if store.find_meta("sample_directory")?.is_none() {
            let now = store.clock().stamp();
            crate::directory::import_sample_directory(&mut store, &now)?;
            store.set_meta("sample_directory", &now)?;
        }
        // Retention runs at every open: nothing outlives its period because the app was closed.
        crate::retention::apply(&mut store)?;
        let questionnaire = latest_questionnaire(&store)?;
        Ok(Workspace {
            store,
            questionnaire,
            communes: content::communes()?,
            index: OnceLock::new(),
            held: None,
            http: OnceLock::new(),
        })
    }

    /// The current instant as stored, by the store's clock.
    pub fn now(&self) -> String {
        self.store.clock().stamp()
    }

    /// The questionnaire a stored diagnostic was answered with: the current one, the embedded
    /// one, or a version received from the server.
    pub fn questionnaire_for(&self, id: &str, version: u32) -> Result<Questionnaire> {
        if self.questionnaire.id == id && self.questionnaire.version == version {
            return Ok(self.questionnaire.clone());
        }
        let embedded = content::questionnaire()?;
        if embedded.id == id && embedded.version == version {
            return Ok(embedded);
        }
        let body = self.store.questionnaire_body(id, version)?;
        let body =
            body.ok_or_else(|| Error::NotFound(format!("questionnaire {id} version {version}")))?;
        Ok(Questionnaire::parse(&body)?)
    }

    /// The questionnaire a draft started with `id` and `version` is asked with when it is not
    /// the current one (a sync brought a newer version meanwhile; the app reads it at its next
    /// command): `None` for the current one, the common case, which is not copied.
    fn other_version(&self, id: &str, version: u32) -> Result<Option<Questionnaire>> {
        if self.questionnaire.id == id && self.questionnaire.version == version {
            return Ok(None);
        }
        self.questionnaire_for(id, version).map(Some)
    }

    /// Uses the newest questionnaire known (after a sync received one).
    pub fn reload_questionnaire(&mut self) -> Result<()> {
        self.questionnaire = latest_questionnaire(&self.store)?;
        Ok(())
    }

    /// The in-memory directory, loaded at first use.
    pub fn directory(&self) -> Result<&DirectoryIndex> {
        if let Some(index) = self.index.get() {
            return Ok(index);
        }
        let index = DirectoryIndex::load(&self.store)?;
        Ok(self.index.get_or_init(|| index))
    }

    /// Forgets the in-memory directory (after an import).
    pub fn reload_directory(&mut self) {
        self.index = OnceLock::new();
    }

    /// Parses an answers document, scores it and matches every need.
    pub fn diagnose(&self, document: &str) -> Result<Outcome> {
        let answers = Answers::parse_document(&self.questionnaire, document)?;
        self.outcome(answers)
    }

    /// Scores checked answers and matches every need against the directory.
    pub fn outcome(&self, answers: Answers) -> Result<Outcome> {
        self.outcome_with(&self.questionnaire, answers)
    }

    fn outcome_with(&self, questionnaire: &Questionnaire, answers: Answers) -> Result<Outcome> {
        let assessment = questionnaire.assess(&answers)?;
        let matches = self.match_needs(questionnaire, &answers, &assessment)?;
        Ok(Outcome {
            answers,
            assessment,
            matches,
        })
    }

    fn match_needs(
        &self,
        questionnaire: &Questionnaire,
        answers: &Answers,
        assessment: &Assessment,
    ) -> Result<Vec<Vec<Match>>> {
        let mut person = Person::new(questionnaire, answers, assessment);
        // The person preferred not to say where they live: the nearest to the centre, then.
        if person.commune.is_none() {
            person.commune = self.centre_commune()?;
            person.commune_is_centre = person.commune.is_some();
        }
        let directory = self.directory()?;
        Ok(assessment
            .needs
            .iter()
            .map(|need| {
                let mut thematiques = need.thematiques.clone();
                if let Some(also) = &need.also {
                    thematiques.extend(also.thematiques.iter().cloned());
                }
                let candidates = directory.with_thematiques(&thematiques);
                match_need(need, &person, self.communes, candidates.iter().copied())
            })
            .collect())
    }

    /// The saved diagnostic `id`. A held one's token (random, where saved ids are ordered by
    /// time) that is no longer held is said to be gone as the person asked, not "not found".
    fn saved(&self, id: &str) -> Result<crate::store::StoredDiagnostic> {
        let token = uuid::Uuid::parse_str(id).is_ok_and(|u| u.get_version_num() == 4);
        if token && self.held(id).is_none() {
            return Err(crate::error::Problem::NotKept.into());
        }
        self.store.get_diagnostic(id)
    }

    /// The full outcome of a saved diagnostic, recomputed from its answers (a pure function).
    pub fn stored_outcome(
        &self,
        diagnostic_id: &str,
    ) -> Result<(crate::store::StoredDiagnostic, Outcome)> {
        let stored = self.saved(diagnostic_id)?;
        // A diagnostic past its period keeps no answers (see `crate::retention`): its result
        // cannot be drawn again, and is not made up from nothing.
        if stored.answers.is_empty() {
            return Err(crate::error::Problem::Anonymised.into());
        }
        // Read with the version it was answered with: the result never changes under it.
        let questionnaire = self.questionnaire_for(&stored.questionnaire, stored.version)?;
        let answers = Answers::from_map(&questionnaire, &stored.answers)?;
        let outcome = self.outcome_with(&questionnaire, answers)?;
        Ok((stored, outcome))
    }
}

/// The embedded questionnaire, or a newer version of it received from the server.
fn latest_questionnaire(store: &Store) -> Result<Questionnaire> {
    let embedded = content::questionnaire()?;
    match store.newest_questionnaire_after(&embedded.id, embedded.version)? {
        // Checked when received; a file that no longer loads leaves the embedded version in use.
        Some(body) => Ok(Questionnaire::parse(&body).unwrap_or(embedded)),
        None => Ok(embedded),
    }
}
