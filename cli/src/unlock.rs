//! Opening the data directory from the command line. A device set up in the app (it has key
//! slots) is encrypted and has volunteers: the command line unlocks it like the app, with a
//! volunteer's name and passphrase from the environment (`AIGUILLAGE_VOLUNTEER`,
//! `AIGUILLAGE_PASSPHRASE`, so the passphrase never shows in a process list or a shell history),
//! and applies the same roles. A data directory never set up is plain, as before.

use std::path::Path;

use aiguillage_core::access::Action;
use aiguillage_core::vault::Vault;
use aiguillage_core::{Error, Mode, Workspace};

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

/// Opens the `mode` workspace of `data_dir` for a command doing `action`.
///
/// # Errors
/// [`Error::BadInput`] when the device is set up and the environment does not name a
/// volunteer and passphrase; [`Error::WrongPassphrase`]; [`Error::Forbidden`] for the role.
pub fn open(data_dir: &Path, mode: Mode, action: Action) -> Result<Workspace, Error> {
    let Some(vault) = Vault::load(data_dir)? else {
        return Workspace::open(data_dir, mode);
    };
    let (Ok(name), Ok(passphrase)) = (std::env::var(VOLUNTEER), std::env::var(PASSPHRASE)) else {
        return Err(Error::BadInput(format!(
            "{} is locked: set {VOLUNTEER} and {PASSPHRASE} to a volunteer's name and passphrase",
            data_dir.display()
        )));
    };
    let (who, key) = vault.unlock(vault.find(&name)?.id, &passphrase)?;
    who.role.require(action)?;
    if mode == Mode::Real {
        who.role.require(Action::UseRealRecords)?;
    }
    // The demo is a plain file of fictional people; a trainer holds no key and needs none.
    let mut ws =
        Workspace::open_keyed(data_dir, mode, key.as_ref().filter(|_| mode == Mode::Real))?;
    ws.store.set_actor(&who.name);
    Ok(ws)
}
