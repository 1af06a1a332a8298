//! Drafts: started with the current questionnaire, answered one answer at a time, always asked
//! with the questionnaire they were started with.

use serde_json::{Map, Value};

use aiguillage_domain::{Answers, Questionnaire};

use super::Workspace;
use crate::error::Result;
use crate::store::Draft;

impl Workspace {
    /// Starts a draft of the current questionnaire.
    pub fn start_draft(&mut self) -> Result<String> {
        self.held = None;
        let id = uuid::Uuid::now_v7().to_string();
        let (q, v) = (self.questionnaire.id.clone(), self.questionnaire.version);
        self.store.insert_draft(&id, &q, v, &self.now())?;
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
            .update_draft_answer(draft_id, question, value, &self.now())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;
    use crate::store::Mode;
    use serde_json::json;

    /// Version 2 of the embedded questionnaire, stored and taken up as a sync does.
    fn receive_version_2(ws: &mut Workspace) {
        let mut q: Value = serde_json::from_str(content::QUESTIONNAIRE).unwrap();
        q["version"] = json!(2);
        let now = ws.now();
        ws.store
            .write(|tx| {
                crate::store::questionnaires::insert_received(
                    tx,
                    q["id"].as_str().unwrap(),
                    2,
                    &q.to_string(),
                    &now,
                )
            })
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
