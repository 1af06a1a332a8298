//! Opening the records for one command of the command line. A device set up in the app (it has
//! key slots) is encrypted and has volunteers: a command unlocks it like the app, with a
//! volunteer's name and passphrase, and the same roles. A data directory never set up is plain.

use std::path::Path;

use zeroize::Zeroizing;

use crate::access::Action;
use crate::error::{Error, Result};
use crate::store::Mode;
use crate::vault::Vault;
use crate::workspace::Workspace;

/// Who runs the command.
pub struct Credentials {
    pub name: String,
    pub passphrase: Zeroizing<String>,
}

/// Opens the `mode` records of `data_dir` for a command doing `action`, as `credentials`' holder
/// when the device is set up.
///
/// # Errors
/// [`Error::Locked`] when the device is set up and no credentials were given;
/// [`Error::NotFound`] for an unknown name; [`Error::WrongPassphrase`]; [`Error::Forbidden`]
/// for what the role may not do; the database's.
pub fn open_for_command(
    data_dir: &Path,
    mode: Mode,
    action: Action,
    credentials: Option<&Credentials>,
) -> Result<Workspace> {
    let Some(vault) = Vault::load(data_dir)? else {
        return Workspace::open(data_dir, mode);
    };
    let credentials = credentials.ok_or(Error::Locked)?;
    let (who, key) = vault.unlock(vault.find(&credentials.name)?.id, &credentials.passphrase)?;
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
