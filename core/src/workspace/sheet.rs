//! What a handoff sheet prints, for a saved diagnostic or a held one alike, and writing it.

use std::path::Path;

use aiguillage_domain::{Lang, Questionnaire};

use super::Workspace;
use crate::error::Result;
use crate::sheet::{SheetContent, SheetItem, SheetOptions};
use crate::store::Orientation;

impl Workspace {
    /// What the handoff sheet of diagnostic `id` (saved or held) prints: its chosen
    /// orientations with each need's sentence; the first name only with consent; never a
    /// score or flag. A held diagnostic's sheet is the same as a kept one's.
    ///
    /// # Errors
    /// [`crate::Error::NotFound`] for an unknown or erased diagnostic, [`crate::Problem::NotKept`]
    /// for a held one already forgotten.
    pub fn sheet_content(&self, id: &str) -> Result<SheetContent> {
        if let Some(held) = self.held(id) {
            let (q_id, q_version) = &held.questionnaire;
            return self.sheet_of(
                &self.questionnaire_for(q_id, *q_version)?,
                &held.completed_at,
                held.first_name.clone(),
                &held.orientations,
            );
        }
        let stored = self.saved(id)?;
        let questionnaire = self.questionnaire_for(&stored.questionnaire, stored.version)?;
        self.sheet_of(
            &questionnaire,
            &stored.completed_at,
            stored.first_name.filter(|_| stored.consent_name),
            &stored.orientations,
        )
    }

    /// What the diagnostic suggests for its sheet, as `(another language, easy to read)`: the
    /// person needs an interpreter (`langue`), or reads French with difficulty (`illettrisme`).
    /// For the volunteer's screen only; nothing of it is printed.
    pub fn sheet_suggestion(&self, id: &str) -> Result<(bool, bool)> {
        let flags = match self.held(id) {
            Some(held) => held.outcome.assessment.flags.clone(),
            None => self.saved(id)?.flags,
        };
        let has = |flag: &str| flags.iter().any(|f| f == flag);
        Ok((has("langue"), has("illettrisme")))
    }

    fn sheet_of(
        &self,
        questionnaire: &Questionnaire,
        completed_at: &str,
        first_name: Option<String>,
        orientations: &[Orientation],
    ) -> Result<SheetContent> {
        let date = chrono::DateTime::parse_from_rfc3339(completed_at)
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|_| completed_at.to_owned());
        let items = orientations
            .iter()
            .map(|o| {
                let sentence = |lang| {
                    questionnaire
                        .need(&o.need)
                        .map(|n| n.sheet.get(lang).to_owned())
                        .unwrap_or_default()
                };
                SheetItem {
                    need: o.need.clone(),
                    why_fr: sentence(Lang::Fr),
                    why_en: sentence(Lang::En),
                    snapshot: o.snapshot.clone(),
                }
            })
            .collect();
        Ok(SheetContent {
            date,
            centre: self.centre_name()?.filter(|c| !c.trim().is_empty()),
            centre_phone: self.centre_phone()?,
            first_name,
            items,
        })
    }

    /// Renders the sheet of diagnostic `id` (saved or held) and writes it to `path`, on record
    /// in the audit trail before the file is written. A held diagnostic's entry names no
    /// diagnostic: nothing may lead back to a person who asked that nothing be kept.
    pub fn write_sheet(&mut self, id: &str, options: SheetOptions, path: &Path) -> Result<()> {
        let pdf = crate::sheet::render(&self.sheet_content(id)?, options)?;
        let subject = self.held(id).is_none().then_some(id);
        self.store
            .write_bytes_audited(crate::store::AuditAction::Sheet, subject, path, &pdf)
    }
}
