//! The use-cases of one data directory: assess answers, orient, complete a diagnostic durably
//! with its operation, drafts, orientations and follow-up. The desktop app and the CLI call these.

use std::path::Path;
use std::sync::OnceLock;

use chrono::{SecondsFormat, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;
use serde_json::{Map, Value, json};

use aiguillage_domain::commune::Communes;
use aiguillage_domain::orientation::{Match, Person, match_need};
use aiguillage_domain::scoring::Need;
use aiguillage_domain::{Answers, Assessment, Lang, Questionnaire};

use crate::content;
use crate::directory::DirectoryIndex;
use crate::error::{Error, Result};
use crate::store::diagnostics::{
    NewDiagnostic, insert_anonymous_count, insert_diagnostic, replace_orientations,
};
use crate::store::oplog::{NewOperation, append};
use crate::store::{Draft, Mode, Orientation, Snapshot, Store};

/// The current time as stored: RFC 3339, UTC, milliseconds.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

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

/// What completing a diagnostic did.
#[derive(Debug, Clone)]
pub struct Completed {
    /// The saved diagnostic's id; `None` when the person did not agree to keep it.
    pub id: Option<String>,
    /// When it was not kept: the token of its result held in memory (see [`Held`]).
    pub held: Option<String>,
    pub outcome: Outcome,
}

impl Completed {
    /// What the screens and the sheet call it by: the saved id, or the held token.
    pub fn reference(&self) -> &str {
        self.id
            .as_deref()
            .or(self.held.as_deref())
            .unwrap_or_default()
    }
}

/// A diagnostic the person did not want kept: its result, orientation and sheet live in memory
/// only, for as long as the volunteer stays on them. Nothing of it is written (the anonymous
/// count is, on its own); it is gone when the volunteer leaves the result, starts another
/// diagnostic or the workspace closes (a lock). Its token is random and linked to nothing.
#[derive(Debug, Clone)]
pub struct Held {
    pub token: String,
    pub completed_at: String,
    /// The questionnaire it was answered with, as `(id, version)`.
    pub questionnaire: (String, u32),
    /// Only with `consent_name_on_sheet`.
    pub first_name: Option<String>,
    pub outcome: Outcome,
    pub orientations: Vec<Orientation>,
}

impl Workspace {
    /// Opens the `mode` database of `data_dir` with the embedded questionnaire; a new database
    /// gets the fictional sample directory so the app works at once.
    pub fn open(data_dir: &Path, mode: Mode) -> Result<Self> {
        Self::open_keyed(data_dir, mode, None)
    }

    /// [`Workspace::open`] on a database encrypted with `key` (see [`Store::open_keyed`]).
    pub fn open_keyed(
        data_dir: &Path,
        mode: Mode,
        key: Option<&crate::vault::DbKey>,
    ) -> Result<Self> {
        let mut store = Store::open_keyed(data_dir, mode, key)?;
        if store.find_meta("sample_directory")?.is_none() {
            let now = now();
            store.import_sample_directory(&now)?;
            store.set_meta("sample_directory", &now)?;
        }
        // Retention runs at every open: nothing outlives its period because the app was closed.
        store.apply_retention(Utc::now())?;
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
        let body: Option<String> = self
            .store
            .conn()
            .query_row(
                "SELECT body FROM questionnaire WHERE id = ?1 AND version = ?2",
                (id, version),
                |r| r.get(0),
            )
            .optional()?;
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
            person.commune = self.store.centre_commune()?;
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

    /// Completes a diagnostic: refuses it without informed consent; with `consent_record` keeps
    /// it (and its operation) in one durable transaction, else keeps only an anonymous count.
    /// The first name is kept only with `consent_name_on_sheet`.
    pub fn complete(
        &mut self,
        answers: Answers,
        first_name: Option<&str>,
        started_at: Option<&str>,
    ) -> Result<Completed> {
        self.complete_replacing(None, answers, first_name, started_at, None, true)
    }

    /// [`Workspace::complete`] for a diagnostic that is not to be kept whatever the person said
    /// (the command line without `--save`): the anonymous count is written, the result is held.
    pub fn complete_unkept(
        &mut self,
        answers: Answers,
        first_name: Option<&str>,
    ) -> Result<Completed> {
        self.complete_replacing(None, answers, first_name, None, None, false)
    }

    /// Completes a draft: the diagnostic is saved and the draft removed in the same transaction,
    /// so a crash can never leave both (the draft would be completed a second time).
    /// It is completed with the questionnaire it was started with, whatever a sync brought since.
    pub fn complete_draft(&mut self, draft_id: &str) -> Result<Completed> {
        let draft = self.store.get_draft(draft_id)?;
        let other = self.other_version(&draft.questionnaire, draft.version)?;
        let answers = Answers::from_map(
            other.as_ref().unwrap_or(&self.questionnaire),
            &draft.answers,
        )?;
        self.complete_replacing(
            other.as_ref(),
            answers,
            draft.first_name.as_deref(),
            Some(&draft.created_at),
            Some(draft_id),
            true,
        )
    }

    /// [`Workspace::complete`] with `asked` (the current questionnaire when `None`), removing
    /// `draft` in the same transaction; kept only if `may_keep` and the person agreed.
    fn complete_replacing(
        &mut self,
        asked: Option<&Questionnaire>,
        answers: Answers,
        first_name: Option<&str>,
        started_at: Option<&str>,
        draft: Option<&str>,
        may_keep: bool,
    ) -> Result<Completed> {
        let questionnaire = asked.unwrap_or(&self.questionnaire);
        if let Some(q) = questionnaire
            .questions()
            .find(|q| q.must_be_true && !answers.is_yes(&q.id))
        {
            return Err(Error::BadInput(format!(
                "\"{}\" must be answered yes before anything is recorded",
                q.id
            )));
        }
        let outcome = self.outcome_with(questionnaire, answers)?;
        let now = now();
        let id = uuid::Uuid::now_v7().to_string();
        let a = &outcome.assessment;
        let needs: Vec<String> = a.needs.iter().map(|n| n.code.clone()).collect();
        let keep = may_keep && outcome.answers.is_yes("consent_record");
        let name_ok = outcome.answers.is_yes("consent_name_on_sheet");
        let first_name = first_name
            .map(str::trim)
            .filter(|n| name_ok && !n.is_empty());
        let summary = summary(a);
        let answers_map = outcome.answers.to_map();
        let (q_id, q_version) = (questionnaire.id.clone(), questionnaire.version);
        self.store.write(|tx| {
            if keep {
                insert_diagnostic(
                    tx,
                    &NewDiagnostic {
                        id: &id,
                        questionnaire: &q_id,
                        version: q_version,
                        started_at: started_at.unwrap_or(&now),
                        completed_at: &now,
                        answers: &answers_map,
                        result: &summary,
                        profile: &a.profile,
                        needs: &needs,
                        flags: &a.flags,
                        consent_name: name_ok,
                        consent_sensitive: outcome.answers.is_yes("consent_sensitive"),
                        first_name,
                        age_band: outcome.answers.text("ctx_age_band"),
                        commune: outcome.answers.text("ctx_commune"),
                    },
                )?;
                // The first name stays on the device: it is not in the operation.
                let body = json!({
                    "questionnaire": q_id, "version": q_version,
                    "started_at": started_at.unwrap_or(&now), "completed_at": now,
                    "answers": answers_map, "result": summary,
                });
                append(tx, NewOperation { entity: "diagnostic", entity_id: &id, kind: "create", base_version: None, body }, &now)?;
            } else {
                let day = &now[..10];
                insert_anonymous_count(tx, &id, &q_id, q_version, day, &a.profile, &needs)?;
                let body = json!({"questionnaire": q_id, "version": q_version, "completed_on": day, "profile": a.profile, "needs": needs});
                append(tx, NewOperation { entity: "anonymous_count", entity_id: &id, kind: "create", base_version: None, body }, &now)?;
            }
            if let Some(draft) = draft {
                tx.execute("DELETE FROM draft WHERE id = ?1", [draft])?;
            }
            Ok(())
        })?;
        if keep {
            return Ok(Completed {
                id: Some(id),
                held: None,
                outcome,
            });
        }
        // A token of its own: the count's id is synced, and must not lead back to the result.
        let token = uuid::Uuid::new_v4().to_string();
        self.held = Some(Held {
            token: token.clone(),
            completed_at: now,
            questionnaire: (q_id, q_version),
            first_name: first_name.map(str::to_owned),
            outcome: outcome.clone(),
            orientations: Vec::new(),
        });
        Ok(Completed {
            id: None,
            held: Some(token),
            outcome,
        })
    }

    /// The diagnostic held in memory under `token`, if it is still there.
    pub fn held(&self, token: &str) -> Option<&Held> {
        self.held.as_ref().filter(|h| h.token == token)
    }

    /// Forgets the diagnostic held in memory: the volunteer has left it.
    pub fn discard_held(&mut self) {
        self.held = None;
    }

    /// Starts a draft of the current questionnaire.
    pub fn start_draft(&mut self) -> Result<String> {
        self.held = None;
        let id = uuid::Uuid::now_v7().to_string();
        let (q, v) = (self.questionnaire.id.clone(), self.questionnaire.version);
        self.store.insert_draft(&id, &q, v, &now())?;
        Ok(id)
    }

    /// The ids of the questions to ask given `answers`, in order: the engine decides, the UI
    /// never re-implements a visibility rule.
    pub fn visible_questions(&self, answers: &Map<String, Value>) -> Result<Vec<String>> {
        visible_in(&self.questionnaire, answers)
    }

    /// What `draft` shows: the questions to ask now, by the questionnaire it was started with,
    /// and that questionnaire when a newer one has come since (see
    /// [`Workspace::reload_questionnaire`]); `None` when it is the current one.
    pub fn draft_outline(&self, draft: &Draft) -> Result<(Vec<String>, Option<Questionnaire>)> {
        let own = self.other_version(&draft.questionnaire, draft.version)?;
        let visible = visible_in(own.as_ref().unwrap_or(&self.questionnaire), &draft.answers)?;
        Ok((visible, own))
    }

    /// Saves one answer of a draft after checking it against its question, in the questionnaire
    /// the draft was started with.
    pub fn answer_draft(&mut self, draft_id: &str, question: &str, value: &Value) -> Result<()> {
        let mut one = Map::new();
        one.insert(question.to_owned(), value.clone());
        let (id, version) = self.store.draft_version(draft_id)?;
        let other = self.other_version(&id, version)?;
        Answers::from_map(other.as_ref().unwrap_or(&self.questionnaire), &one)?;
        self.store
            .update_draft_answer(draft_id, question, value, &now())
    }

    /// Records the chosen services of a diagnostic, saved or held: `(need, service id)` in
    /// order. Each is snapshotted from the directory so the sheet never changes under the
    /// person. A held one's choice stays in memory with it.
    pub fn choose_orientations(
        &mut self,
        diagnostic_id: &str,
        choices: &[(String, String)],
    ) -> Result<Vec<Orientation>> {
        if let Some(held) = self.held(diagnostic_id) {
            let needs: Vec<&str> = held
                .outcome
                .assessment
                .needs
                .iter()
                .map(|n| n.code.as_str())
                .collect();
            let orientations = self.snapshots(diagnostic_id, &needs, choices)?;
            if let Some(held) = self.held.as_mut() {
                held.orientations.clone_from(&orientations);
            }
            return Ok(orientations);
        }
        let diagnostic = self.store.get_diagnostic(diagnostic_id)?;
        let needs: Vec<&str> = diagnostic.needs.iter().map(String::as_str).collect();
        let orientations = self.snapshots(diagnostic_id, &needs, choices)?;
        let now = now();
        let body = json!({ "orientations": orientations });
        self.store.write(|tx| {
            replace_orientations(tx, diagnostic_id, &orientations)?;
            append(
                tx,
                NewOperation {
                    entity: "orientation",
                    entity_id: diagnostic_id,
                    kind: "choose",
                    base_version: None,
                    body,
                },
                &now,
            )?;
            Ok(())
        })?;
        Ok(orientations)
    }

    /// The chosen services as snapshots of the directory, each checked to answer one of
    /// `needs` (those of `diagnostic_id`) and to exist.
    fn snapshots(
        &self,
        diagnostic_id: &str,
        needs: &[&str],
        choices: &[(String, String)],
    ) -> Result<Vec<Orientation>> {
        let now = now();
        let directory = self.directory()?;
        let mut orientations = Vec::new();
        for (position, (need, service_id)) in choices.iter().enumerate() {
            if !needs.contains(&need.as_str()) {
                return Err(Error::BadInput(format!(
                    "need \"{need}\" is not a need of diagnostic {diagnostic_id}"
                )));
            }
            let (service, structure) = directory
                .service(None, service_id)
                .ok_or_else(|| Error::NotFound(format!("service {service_id}")))?;
            let contact = service.contact(structure);
            let owned = |v: Option<&str>| v.map(str::to_owned);
            orientations.push(Orientation {
                position: i64::try_from(position).unwrap_or(i64::MAX),
                need: need.clone(),
                source: service.source.clone(),
                service_id: service.id.clone(),
                structure_id: structure.id.clone(),
                snapshot: Snapshot {
                    structure: structure.nom.clone(),
                    service: service.nom.clone(),
                    adresse: owned(contact.adresse),
                    code_postal: owned(contact.code_postal),
                    commune: owned(contact.commune),
                    telephone: owned(contact.telephone),
                    courriel: owned(contact.courriel),
                    horaires_accueil: owned(contact.horaires_accueil),
                    modes_mobilisation: service.modes_mobilisation.clone(),
                    mobilisation_precisions: service.mobilisation_precisions.clone(),
                    conditions_acces: service.conditions_acces.clone(),
                    frais: service.frais.clone(),
                },
                chosen_at: now.clone(),
            });
        }
        Ok(orientations)
    }

    /// Gives a just-completed diagnostic, kept or held, the top service of each need as its
    /// orientations: what the sheet shows until someone chooses otherwise.
    pub fn orient_by_default(&mut self, completed: &Completed) -> Result<()> {
        let choices = self.default_choices(&completed.outcome);
        self.choose_orientations(completed.reference(), &choices)?;
        Ok(())
    }

    /// The top-ranked service of each need, as `(need, service id)`, never the same service twice.
    pub fn default_choices(&self, outcome: &Outcome) -> Vec<(String, String)> {
        // The best match not already chosen for an earlier need: a service appears once on the
        // sheet, under the most urgent need it answers.
        let mut chosen: Vec<(String, String)> = Vec::new();
        for (need, matches) in outcome.assessment.needs.iter().zip(&outcome.matches) {
            if let Some(m) = matches
                .iter()
                .find(|m| !chosen.iter().any(|(_, s)| *s == m.service_id))
            {
                chosen.push((need.code.clone(), m.service_id.clone()));
            }
        }
        chosen
    }

    /// Records whether the person went to the orientation.
    pub fn set_follow_up(&mut self, diagnostic_id: &str, outcome: &str) -> Result<()> {
        if !["went", "did_not_go", "unknown"].contains(&outcome) {
            return Err(Error::BadInput(format!(
                "follow-up \"{outcome}\" is not one of went, did_not_go, unknown"
            )));
        }
        let now = now();
        self.store.write(|tx| {
            let changed = tx.execute(
                "UPDATE diagnostic SET follow_up = ?2 WHERE id = ?1",
                (diagnostic_id, outcome),
            )?;
            if changed == 0 {
                return Err(Error::NotFound(format!("diagnostic {diagnostic_id}")));
            }
            let body = json!({ "follow_up": outcome });
            append(
                tx,
                NewOperation {
                    entity: "diagnostic",
                    entity_id: diagnostic_id,
                    kind: "follow_up",
                    base_version: None,
                    body,
                },
                &now,
            )?;
            Ok(())
        })
    }

    /// The full outcome of a saved diagnostic, recomputed from its answers (a pure function).
    pub fn stored_outcome(
        &self,
        diagnostic_id: &str,
    ) -> Result<(crate::store::StoredDiagnostic, Outcome)> {
        let stored = self.store.get_diagnostic(diagnostic_id)?;
        // Read with the version it was answered with: the result never changes under it.
        let questionnaire = self.questionnaire_for(&stored.questionnaire, stored.version)?;
        let answers = Answers::from_map(&questionnaire, &stored.answers)?;
        let outcome = self.outcome_with(&questionnaire, answers)?;
        Ok((stored, outcome))
    }
}

fn visible_in(questionnaire: &Questionnaire, answers: &Map<String, Value>) -> Result<Vec<String>> {
    let answers = Answers::from_map(questionnaire, answers)?;
    Ok(questionnaire
        .visible(&answers)?
        .into_iter()
        .map(str::to_owned)
        .collect())
}

/// The embedded questionnaire, or a newer version of it received from the server.
fn latest_questionnaire(store: &Store) -> Result<Questionnaire> {
    let embedded = content::questionnaire()?;
    let newer: Option<String> = store
        .conn()
        .query_row(
            "SELECT body FROM questionnaire WHERE id = ?1 AND version > ?2 ORDER BY version DESC LIMIT 1",
            (&embedded.id, embedded.version),
            |r| r.get(0),
        )
        .optional()?;
    match newer {
        // Checked when received; a file that no longer loads leaves the embedded version in use.
        Some(body) => Ok(Questionnaire::parse(&body).unwrap_or(embedded)),
        None => Ok(embedded),
    }
}

/// What is kept of an assessment beside the answers: everything but the texts, which the
/// questionnaire gives back.
fn summary(a: &Assessment) -> Value {
    json!({
        "profile": a.profile,
        "levels": a.levels,
        "equipment": a.equipment,
        "connection": a.connection,
        "contract_blocked": a.contract_blocked,
        "flags": a.flags,
        "needs": a.needs.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(),
        "group_format_banned": a.group_format_banned,
    })
}

/// The result document of the command-line contract, in `lang`.
#[derive(Debug, Serialize)]
pub struct ResultDocument<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    pub profile: &'a str,
    pub levels: &'a aiguillage_domain::scoring::Levels,
    pub equipment: Option<&'a str>,
    pub connection: Option<&'a str>,
    pub contract_blocked: Option<bool>,
    pub flags: &'a [String],
    pub group_format_banned: bool,
    pub needs: Vec<NeedDocument<'a>>,
}

/// One need of the result document.
#[derive(Debug, Serialize)]
pub struct NeedDocument<'a> {
    pub code: &'a str,
    pub label: &'a str,
    pub thematiques: &'a [String],
    pub types: &'a [String],
    pub networks: &'a [String],
    pub reason: &'a str,
    pub triggers: Vec<&'a str>,
    pub matches: Vec<MatchDocument<'a>>,
}

/// One proposed service of the result document.
#[derive(Debug, Serialize)]
pub struct MatchDocument<'a> {
    pub rank: u8,
    pub structure: &'a str,
    pub structure_id: &'a str,
    pub service: &'a str,
    pub service_id: &'a str,
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    pub commune: Option<&'a str>,
    pub distance_km: Option<f64>,
    pub also: bool,
    pub why: Vec<&'a str>,
}

impl Outcome {
    /// The result document in `lang`, with `id` when saved.
    pub fn document<'a>(&'a self, id: Option<&'a str>, lang: Lang) -> ResultDocument<'a> {
        let a = &self.assessment;
        ResultDocument {
            id,
            profile: &a.profile,
            levels: &a.levels,
            equipment: a.equipment.as_deref(),
            connection: a.connection.as_deref(),
            contract_blocked: a.contract_blocked,
            flags: &a.flags,
            group_format_banned: a.group_format_banned,
            needs: a
                .needs
                .iter()
                .zip(&self.matches)
                .map(|(n, m)| need_document(n, m, lang))
                .collect(),
        }
    }
}

fn need_document<'a>(need: &'a Need, matches: &'a [Match], lang: Lang) -> NeedDocument<'a> {
    NeedDocument {
        code: &need.code,
        label: need.label.get(lang),
        thematiques: &need.thematiques,
        types: &need.types,
        networks: &need.networks,
        reason: need.reason.get(lang),
        triggers: need.triggers.iter().map(|t| t.text.get(lang)).collect(),
        matches: matches
            .iter()
            .map(|m| MatchDocument {
                rank: m.rank,
                structure: &m.structure,
                structure_id: &m.structure_id,
                service: &m.service,
                service_id: &m.service_id,
                kind: m.kind.as_deref(),
                commune: m.commune.as_deref(),
                distance_km: m.distance_km,
                also: m.also,
                why: m.why.iter().map(|w| w.get(lang)).collect(),
            })
            .collect(),
    }
}

impl Workspace {
    /// What the handoff sheet of diagnostic `id` (saved or held) prints, in `lang`: its chosen
    /// orientations with each need's kind sentence; the first name only with consent; never a
    /// score or flag. A held diagnostic's sheet is the same as a kept one's.
    pub fn sheet_content(&self, id: &str, lang: Lang) -> Result<crate::sheet::SheetContent> {
        if let Some(held) = self.held(id) {
            let (q_id, q_version) = &held.questionnaire;
            return self.sheet_of(
                &self.questionnaire_for(q_id, *q_version)?,
                &held.completed_at,
                held.first_name.clone(),
                &held.orientations,
                lang,
            );
        }
        let stored = self.store.get_diagnostic(id)?;
        let questionnaire = self.questionnaire_for(&stored.questionnaire, stored.version)?;
        self.sheet_of(
            &questionnaire,
            &stored.completed_at,
            stored.first_name.filter(|_| stored.consent_name),
            &stored.orientations,
            lang,
        )
    }

    fn sheet_of(
        &self,
        questionnaire: &Questionnaire,
        completed_at: &str,
        first_name: Option<String>,
        orientations: &[Orientation],
        lang: Lang,
    ) -> Result<crate::sheet::SheetContent> {
        let date = chrono::DateTime::parse_from_rfc3339(completed_at)
            .map(|d| match lang {
                Lang::Fr => d.format("%d/%m/%Y").to_string(),
                Lang::En => d.format("%e %B %Y").to_string().trim().to_owned(),
            })
            .unwrap_or_else(|_| completed_at.to_owned());
        let items = orientations
            .iter()
            .map(|o| crate::sheet::SheetItem {
                why: questionnaire
                    .need(&o.need)
                    .map(|n| n.sheet.get(lang).to_owned())
                    .unwrap_or_default(),
                snapshot: o.snapshot.clone(),
            })
            .collect();
        Ok(crate::sheet::SheetContent {
            lang,
            date,
            centre: self.store.centre_name()?.filter(|c| !c.trim().is_empty()),
            first_name,
            items,
        })
    }

    /// Renders the sheet of diagnostic `id` (saved or held) and writes it to `path`, on record
    /// in the audit trail before the file is written. A held diagnostic's entry names no
    /// diagnostic: nothing may lead back to a person who asked that nothing be kept.
    pub fn write_sheet(&mut self, id: &str, lang: Lang, path: &Path) -> Result<()> {
        let pdf = crate::sheet::render(&self.sheet_content(id, lang)?)?;
        let subject = self.held(id).is_none().then_some(id);
        self.store
            .write_bytes_audited(crate::retention::AuditAction::Sheet, subject, path, &pdf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Version 2 of the embedded questionnaire, stored and taken up as a sync does.
    fn receive_version_2(ws: &mut Workspace) {
        let mut q: Value = serde_json::from_str(content::QUESTIONNAIRE).unwrap();
        q["version"] = json!(2);
        ws.store
            .conn()
            .execute(
                "INSERT INTO questionnaire (id, version, body, received_at) VALUES (?1, 2, ?2, ?3)",
                (q["id"].as_str().unwrap(), q.to_string(), now()),
            )
            .unwrap();
        ws.reload_questionnaire().unwrap();
    }

    #[test]
    fn a_draft_is_asked_and_finished_with_the_questionnaire_it_was_started_with() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::open(dir.path(), Mode::Real).unwrap();
        let persona = crate::demo::personas()
            .unwrap()
            .into_iter()
            .find(|p| p.answers.get("consent_record") == Some(&json!(true)))
            .expect("a persona whose diagnostic is kept");
        let draft = ws.start_draft().unwrap();
        let mut answers = persona.answers.into_iter();
        let (question, value) = answers.next().unwrap();
        ws.answer_draft(&draft, &question, &value).unwrap();
        // A sync brings version 2 while the diagnostic is under way.
        receive_version_2(&mut ws);
        assert_eq!(ws.questionnaire.version, 2, "new diagnostics use it");
        for (question, value) in answers {
            ws.answer_draft(&draft, &question, &value).unwrap();
        }
        let asked = ws.draft_outline(&ws.store.get_draft(&draft).unwrap());
        assert!(
            asked.is_ok_and(|(q, _)| !q.is_empty()),
            "its questions are still worked out"
        );
        let done = ws.complete_draft(&draft).unwrap();
        let stored = ws.store.get_diagnostic(&done.id.unwrap()).unwrap();
        assert_eq!(
            stored.version, 1,
            "the diagnostic is recorded with the version its answers were given in"
        );
        let next = ws.start_draft().unwrap();
        assert_eq!(ws.store.draft_version(&next).unwrap().1, 2);
    }
}
