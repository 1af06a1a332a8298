//! Completing a diagnostic: kept with its operation in one durable transaction when the person
//! agreed, else only the anonymous count written and the result held in memory (see [`Held`]).

use serde_json::{Value, json};

use aiguillage_domain::{Answers, Assessment, Questionnaire};

use super::{Outcome, Workspace};
use crate::error::{Error, Result};
use crate::store::Orientation;
use crate::store::diagnostics::{NewDiagnostic, insert_anonymous_count, insert_diagnostic};
use crate::store::oplog::{NewOperation, append};
use aiguillage_domain::sync::{Entity, OpKind};

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

/// What a front end completes: a draft the volunteer filled in, or answers given whole (the
/// command line), kept when `keep` and the person agreed.
pub enum Finish<'a> {
    Draft(&'a str),
    Answers {
        answers: Answers,
        first_name: Option<&'a str>,
        keep: bool,
    },
}

impl Workspace {
    /// Completes a diagnostic and proposes the best service of each need to start with (the
    /// volunteer may change it): what both front ends do when a diagnostic ends.
    ///
    /// # Errors
    /// As [`Workspace::complete`] and [`Workspace::complete_draft`]; nothing is written then.
    pub fn complete_and_orient(&mut self, what: Finish<'_>) -> Result<Completed> {
        let completed = match what {
            Finish::Draft(id) => self.complete_draft(id)?,
            Finish::Answers {
                answers,
                first_name,
                keep: true,
            } => self.complete(answers, first_name, None)?,
            Finish::Answers {
                answers,
                first_name,
                keep: false,
            } => self.complete_unkept(answers, first_name)?,
        };
        self.orient_by_default(&completed)?;
        Ok(completed)
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
        let now = self.now();
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
                append(tx, NewOperation { entity: Entity::Diagnostic, entity_id: &id, kind: OpKind::Create, base_version: None, body }, &now)?;
            } else {
                let day = &now[..10];
                insert_anonymous_count(tx, &id, &q_id, q_version, day, &a.profile, &needs)?;
                let body = json!({"questionnaire": q_id, "version": q_version, "completed_on": day, "profile": a.profile, "needs": needs});
                append(tx, NewOperation { entity: Entity::AnonymousCount, entity_id: &id, kind: OpKind::Create, base_version: None, body }, &now)?;
            }
            if let Some(draft) = draft {
                crate::store::drafts::delete_in(tx, draft)?;
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
