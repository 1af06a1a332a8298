//! The diagnostic: questionnaire, drafts saved answer by answer, completion, result,
//! orientations and the handoff sheet.

use tauri::State;

use aiguillage_core::access::Action;
use aiguillage_core::sheet::{self, SheetLanguage, SheetOptions};
use aiguillage_core::store::Draft;
use aiguillage_core::workspace::Finish;

use crate::dto::{
    AnswerInput, ChoiceInput, DiagnosticView, DraftSummary, DraftView, QuestionnaireView,
    ResultView, SavedFile, SheetLanguageView, SheetPreview,
};
use crate::error::CommandResult;
use crate::state::{AppState, Session};

fn draft_view(s: &Session, draft: Draft) -> CommandResult<DraftView> {
    let (visible, own) = s.ws.draft_outline(&draft)?;
    let questionnaire = own.map(|q| QuestionnaireView::from(&q));
    Ok(DraftView {
        id: draft.id,
        created_at: draft.created_at,
        updated_at: draft.updated_at,
        answers: draft.answers.into_iter().collect(),
        first_name: draft.first_name,
        visible,
        questionnaire,
    })
}

#[tauri::command]
pub async fn get_questionnaire(state: State<'_, AppState>) -> CommandResult<QuestionnaireView> {
    state.with(Action::RunDiagnostic, |s| {
        Ok(QuestionnaireView::from(&s.ws.questionnaire))
    })
}

#[tauri::command]
pub async fn start_draft(state: State<'_, AppState>) -> CommandResult<DraftView> {
    state.with(Action::RunDiagnostic, |s| {
        let id = s.ws.start_draft()?;
        let draft = s.ws.store.get_draft(&id)?;
        draft_view(s, draft)
    })
}

#[tauri::command]
pub async fn get_draft(state: State<'_, AppState>, id: String) -> CommandResult<DraftView> {
    state.with(Action::RunDiagnostic, |s| {
        let draft = s.ws.store.get_draft(&id)?;
        draft_view(s, draft)
    })
}

#[tauri::command]
pub async fn list_drafts(state: State<'_, AppState>) -> CommandResult<Vec<DraftSummary>> {
    state.with(Action::RunDiagnostic, |s| {
        Ok(s.ws
            .store
            .list_drafts()?
            .into_iter()
            .map(|d| DraftSummary {
                answered: u32::try_from(d.answers.len()).unwrap_or(u32::MAX),
                id: d.id,
                created_at: d.created_at,
                updated_at: d.updated_at,
            })
            .collect())
    })
}

/// Saves one answer durably, then says which questions to ask now.
#[tauri::command]
pub async fn answer_draft(
    state: State<'_, AppState>,
    id: String,
    answer: AnswerInput,
) -> CommandResult<DraftView> {
    state.with(Action::RunDiagnostic, |s| {
        s.ws.answer_draft(&id, &answer.question, &answer.value)?;
        let draft = s.ws.store.get_draft(&id)?;
        draft_view(s, draft)
    })
}

#[tauri::command]
pub async fn set_draft_first_name(
    state: State<'_, AppState>,
    id: String,
    first_name: Option<String>,
) -> CommandResult<()> {
    let first_name = first_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    state.with(Action::RunDiagnostic, |s| {
        let now = s.ws.now();
        s.ws.store.update_draft_first_name(&id, first_name, &now)?;
        Ok(())
    })
}

#[tauri::command]
pub async fn delete_draft(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with(Action::RunDiagnostic, |s| {
        Ok(s.ws.store.delete_draft(&id)?)
    })
}

/// Completes a draft: the diagnostic is on disk before this answers. Without
/// `consent_record` only an anonymous count is written; the result, its orientation and its
/// sheet are held in memory under a token until the volunteer leaves them.
#[tauri::command]
pub async fn complete_draft(state: State<'_, AppState>, id: String) -> CommandResult<ResultView> {
    state.with(Action::RunDiagnostic, |s| {
        let completed = s.ws.complete_and_orient(Finish::Draft(&id))?;
        Ok(ResultView::new(
            completed.reference().to_owned(),
            completed.id.is_some(),
            &completed.outcome,
        ))
    })
}

/// A saved diagnostic, or the one held in memory under this token.
#[tauri::command]
pub async fn get_diagnostic(
    state: State<'_, AppState>,
    id: String,
) -> CommandResult<DiagnosticView> {
    state.with(Action::ViewRecords, |s| {
        if let Some(held) = s.ws.held(&id) {
            return Ok(DiagnosticView {
                result: Some(ResultView::new(held.token.clone(), false, &held.outcome)),
                id: held.token.clone(),
                completed_at: held.completed_at.clone(),
                first_name: held.first_name.clone(),
                follow_up: "unknown".to_owned(),
                orientations: held.orientations.iter().cloned().map(Into::into).collect(),
            });
        }
        let (stored, result) = match s.ws.stored_outcome(&id) {
            Ok((stored, outcome)) => {
                let result = ResultView::new(stored.id.clone(), true, &outcome);
                (stored, Some(result))
            }
            // Past its retention period: its date, follow-up and orientations are still shown.
            Err(aiguillage_core::Error::Problem(aiguillage_core::Problem::Anonymised)) => {
                (s.ws.store.get_diagnostic(&id)?, None)
            }
            Err(e) => return Err(e.into()),
        };
        Ok(DiagnosticView {
            result,
            id: stored.id,
            completed_at: stored.completed_at,
            first_name: stored.first_name.filter(|_| stored.consent_name),
            follow_up: stored.follow_up,
            orientations: stored.orientations.into_iter().map(Into::into).collect(),
        })
    })
}

/// Forgets the diagnostic held in memory under `id`, if it is: the volunteer has left its
/// result. A saved diagnostic's id changes nothing.
#[tauri::command]
pub async fn leave_result(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with(Action::RunDiagnostic, |s| {
        if s.ws.held(&id).is_some() {
            s.ws.discard_held();
        }
        Ok(())
    })
}

#[tauri::command]
pub async fn choose_orientations(
    state: State<'_, AppState>,
    id: String,
    choices: Vec<ChoiceInput>,
) -> CommandResult<()> {
    let choices: Vec<(String, String)> = choices
        .into_iter()
        .map(|c| (c.need, c.service_id))
        .collect();
    state.with(Action::RunDiagnostic, |s| {
        s.ws.choose_orientations(&id, &choices)?;
        Ok(())
    })
}

/// The sheet of diagnostic `id` as it will print, in `language` (the person's; French alone
/// with "fr") and, when asked, easy to read.
#[tauri::command]
pub async fn preview_sheet(
    state: State<'_, AppState>,
    id: String,
    language: String,
    easy_read: bool,
) -> CommandResult<SheetPreview> {
    let options = sheet_options(&language, easy_read)?;
    state.with(Action::RunDiagnostic, |s| {
        let content = s.ws.sheet_content(&id)?;
        let (suggest_language, suggest_easy_read) = s.ws.sheet_suggestion(&id)?;
        Ok(SheetPreview {
            suggest_language,
            suggest_easy_read,
            pdf: data_encoding::BASE64.encode(&sheet::render(&content, options)?),
            text: sheet::plain_text(&content, options),
            language: options.language.code().to_owned(),
            easy_read,
            languages: SheetLanguage::ALL
                .into_iter()
                .map(|l| SheetLanguageView {
                    code: l.code().to_owned(),
                    autonym: sheet::autonym(l),
                    rtl: l.is_rtl(),
                })
                .collect(),
        })
    })
}

fn sheet_options(language: &str, easy_read: bool) -> CommandResult<SheetOptions> {
    Ok(SheetOptions {
        language: language.parse::<SheetLanguage>()?,
        easy_read,
    })
}

/// Writes the sheet's PDF, as previewed, into the documents folder and says where.
#[tauri::command]
pub async fn save_sheet(
    state: State<'_, AppState>,
    id: String,
    language: String,
    easy_read: bool,
) -> CommandResult<SavedFile> {
    let options = sheet_options(&language, easy_read)?;
    state.with(Action::RunDiagnostic, |s| {
        // The id's last characters tell two sheets of one day apart; the language and the
        // variant, two sheets of one person.
        let short = id.get(id.len().saturating_sub(6)..).unwrap_or(&id);
        let mut name = format!("fiche-{}-{short}", chrono::Local::now().format("%Y-%m-%d"));
        if options.language.is_bilingual() {
            name = format!("{name}-{}", options.language.code());
        }
        if options.easy_read {
            name.push_str("-facile");
        }
        let path = s.output_dir()?.join(format!("{name}.pdf"));
        s.ws.write_sheet(&id, options, &path)?;
        Ok(SavedFile {
            path: path.display().to_string(),
        })
    })
}
