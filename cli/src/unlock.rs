//! Opening the data directory from the command line: what each command does in the roles' terms,
//! and who runs it, from the environment (`AIGUILLAGE_VOLUNTEER`, `AIGUILLAGE_PASSPHRASE`, so the
//! passphrase never shows in a process list or a shell history). Unlocking itself is the core's
//! session (`aiguillage_core::session::open_for_command`), as in the app.

use std::path::Path;

use aiguillage_core::access::Action;
use aiguillage_core::session::{Credentials, open_for_command};
use aiguillage_core::{Error, Mode, Workspace};
use zeroize::Zeroizing;

use crate::args::{BundleCommand, Command, DemoCommand, DirectoryCommand, SettingsCommand};

pub const VOLUNTEER: &str = "AIGUILLAGE_VOLUNTEER";
pub const PASSPHRASE: &str = "AIGUILLAGE_PASSPHRASE";

/// What a command does, in the roles' terms.
pub fn action(command: &Command) -> Action {
    match command {
        Command::Diagnose { .. }
        | Command::Sheet { .. }
        | Command::Orient { .. }
        | Command::FollowUp { .. } => Action::RunDiagnostic,
        Command::List { .. }
        | Command::Show { .. }
        | Command::Directory(DirectoryCommand::Search { .. }) => Action::ViewRecords,
        Command::Export { .. } | Command::Bundle(BundleCommand::Export { .. }) => Action::Export,
        Command::Report { .. } => Action::ViewReports,
        Command::Enrol { .. } | Command::Sync { .. } => Action::Enrol,
        Command::Erase { .. } => Action::Erase,
        Command::Audit { .. } => Action::ViewAudit,
        Command::Settings(SettingsCommand::Show) => Action::ViewRecords,
        Command::Settings(_) => Action::ChangeSettings,
        Command::Directory(DirectoryCommand::Import { .. }) => Action::EditDirectory,
        Command::Demo(DemoCommand::Seed { .. }) => Action::UseDemo,
        // Answered from the table in the binary, before any records are opened.
        Command::Commune(_) => Action::ViewRecords,
    }
}

/// Opens the `mode` workspace of `data_dir` for a command doing `action`, as the volunteer the
/// environment names when the device is set up.
///
/// # Errors
/// [`Error::BadInput`] when the device is set up and the environment does not name a
/// volunteer and passphrase; [`Error::WrongPassphrase`]; [`Error::Forbidden`] for the role.
pub fn open(data_dir: &Path, mode: Mode, action: Action) -> Result<Workspace, Error> {
    let credentials = match (std::env::var(VOLUNTEER), std::env::var(PASSPHRASE)) {
        (Ok(name), Ok(passphrase)) => Some(Credentials {
            name,
            passphrase: Zeroizing::new(passphrase),
        }),
        _ => None,
    };
    open_for_command(data_dir, mode, action, credentials.as_ref()).map_err(|e| match e {
        Error::Locked => Error::BadInput(format!(
            "{} is locked: set {VOLUNTEER} and {PASSPHRASE} to a volunteer's name and passphrase",
            data_dir.display()
        )),
        other => other,
    })
}
