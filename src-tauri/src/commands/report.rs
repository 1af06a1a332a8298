//! The coordinator's report and the CSV export over a period.

use tauri::State;

use aiguillage_core::access::Action;

use aiguillage_core::report;
use aiguillage_core::workspace::ExportFormat;

use crate::dto::{Period, ReportView, SavedFile, counts};
use crate::error::CommandResult;
use crate::state::AppState;

use super::history::period_filter;

#[tauri::command]
pub async fn get_report(state: State<'_, AppState>, period: Period) -> CommandResult<ReportView> {
    let filter = period_filter(period.from.clone(), period.to.clone())?;
    state.with(Action::ViewReports, |s| {
        let r = report::compute(&s.ws.store, &filter)?;
        Ok(ReportView {
            from: period.from,
            to: period.to,
            total: r.total,
            anonymous: r.anonymous,
            per_week: counts(&r.per_week),
            profiles: counts(&r.profiles),
            needs: counts(&r.needs),
            flags: counts(&r.flags),
            follow_up: counts(&r.follow_up),
        })
    })
}

/// Writes the period's diagnostics as a semicolon CSV (what French spreadsheets open) into the
/// documents folder.
#[tauri::command]
pub async fn export_csv(state: State<'_, AppState>, period: Period) -> CommandResult<SavedFile> {
    let filter = period_filter(period.from, period.to)?;
    state.with(Action::Export, |s| {
        let name = format!(
            "aiguillage-{}.csv",
            chrono::Local::now().format("%Y-%m-%d-%H%M%S")
        );
        let path = s.output_dir()?.join(name);
        s.ws.export_to_file(ExportFormat::Csv { separator: b';' }, &filter, &path)?;
        Ok(SavedFile {
            path: path.display().to_string(),
        })
    })
}
