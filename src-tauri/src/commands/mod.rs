//! The commands the UI calls, grouped by area; named `verb_noun`. Each takes the state, calls
//! the core and converts at the edge.

pub mod access;
pub mod app;
pub mod diagnostic;
pub mod directory;
pub mod history;
pub mod report;
pub mod settings;

/// Every command, for the builder.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        access::get_lock_state,
        access::set_up_device,
        access::unlock,
        access::unlock_with_recovery,
        access::lock_now,
        access::watch_system_lock,
        access::keep_alive,
        access::list_volunteers,
        access::add_volunteer,
        access::remove_volunteer,
        access::set_volunteer_passphrase,
        access::list_audit,
        app::get_status,
        app::set_language,
        app::set_demo_mode,
        app::reset_demo,
        app::list_personas,
        app::sync_now,
        app::enrol_device,
        app::export_bundle,
        diagnostic::get_questionnaire,
        diagnostic::start_draft,
        diagnostic::get_draft,
        diagnostic::list_drafts,
        diagnostic::answer_draft,
        diagnostic::set_draft_first_name,
        diagnostic::delete_draft,
        diagnostic::complete_draft,
        diagnostic::get_diagnostic,
        diagnostic::leave_result,
        diagnostic::choose_orientations,
        diagnostic::preview_sheet,
        diagnostic::save_sheet,
        history::list_diagnostics,
        history::set_follow_up,
        history::erase_diagnostic,
        directory::search_services,
        directory::get_structure,
        directory::list_thematiques,
        directory::import_directory,
        directory::upload_national_part,
        directory::import_national,
        directory::save_local_structure,
        report::get_report,
        report::export_csv,
        settings::get_settings,
        settings::set_centre_name,
        settings::set_centre_commune,
        settings::set_centre_phone,
        settings::search_communes,
        settings::set_retention,
        settings::set_idle_lock,
    ]
}
