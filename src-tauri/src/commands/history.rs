//! The history: a page of diagnostics by date, profile and need; the follow-up outcome.

use tauri::State;

use aiguillage_core::access::Action;

use aiguillage_core::store::Filter;

use crate::dto::{HistoryPage, HistoryQuery, HistoryRow};
use crate::error::CommandResult;
use crate::state::AppState;

/// The largest page the UI may ask for; the list stays quick with 100 000 records.
const MAX_PAGE: u32 = 200;

/// The filter of a period given as days included (YYYY-MM-DD).
pub(crate) fn period_filter(from: Option<String>, to: Option<String>) -> CommandResult<Filter> {
    let day = |d: &str, what: &str| {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            crate::error::CommandError::bad_input(format!(
                "the {what} date \"{d}\" is not a date (YYYY-MM-DD)"
            ))
        })
    };
    let from = from.filter(|d| !d.is_empty());
    let to = to.filter(|d| !d.is_empty());
    let from = from
        .map(|d| day(&d, "start").map(|d| d.to_string()))
        .transpose()?;
    // The core's `to` is exclusive: the day after the last one included.
    let to = to
        .map(|d| day(&d, "end").map(|d| (d + chrono::Days::new(1)).to_string()))
        .transpose()?;
    Ok(Filter {
        from,
        to,
        ..Filter::default()
    })
}

#[tauri::command]
pub async fn list_diagnostics(
    state: State<'_, AppState>,
    query: HistoryQuery,
) -> CommandResult<HistoryPage> {
    let mut filter = period_filter(query.from, query.to)?;
    filter.profile = query.profile.filter(|p| !p.is_empty());
    filter.need = query.need.filter(|n| !n.is_empty());
    filter.offset = query.offset;
    state.with(Action::ViewRecords, |s| {
        let total = s.ws.store.count_diagnostics(&filter)?;
        filter.limit = Some(query.limit.clamp(1, MAX_PAGE));
        let rows = s.ws.store.list_diagnostics(&filter)?;
        Ok(HistoryPage {
            total,
            rows: rows
                .into_iter()
                .map(|r| HistoryRow {
                    id: r.id,
                    completed_at: r.completed_at,
                    profile: r.profile,
                    needs: r.needs,
                    age_band: r.age_band,
                    commune: r.commune,
                    follow_up: r.follow_up,
                })
                .collect(),
        })
    })
}

#[tauri::command]
pub async fn set_follow_up(
    state: State<'_, AppState>,
    id: String,
    outcome: String,
) -> CommandResult<()> {
    state.with(Action::RunDiagnostic, |s| {
        Ok(s.ws.set_follow_up(&id, &outcome)?)
    })
}

/// The person withdraws consent: the diagnostic is erased here now, and the erasure goes to the
/// server and every other copy with the next sync.
#[tauri::command]
pub async fn erase_diagnostic(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.with(Action::Erase, |s| Ok(s.ws.erase(&id)?))
}
