//! The lock: set-up, unlock (passphrase or recovery key), lock, and the volunteers who hold a
//! key slot; the audit trail a coordinator reads.

use tauri::State;
use tauri::ipc::Channel;
use uuid::Uuid;

use aiguillage_core::Problem;
use aiguillage_core::access::{Action, Role};
use aiguillage_core::store::AuditAction;

use crate::dto::{AuditView, LockState, SetUpView, VolunteerView};
use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// Where the lock stands (set-up needed, locked, or who is working).
#[tauri::command]
pub async fn get_lock_state(state: State<'_, AppState>) -> CommandResult<LockState> {
    Ok(state.lock_state())
}

/// Creates the first coordinator and returns the recovery key, shown this once.
#[tauri::command]
pub async fn set_up_device(
    state: State<'_, AppState>,
    coordinator_name: String,
    passphrase: String,
    centre_name: Option<String>,
) -> CommandResult<SetUpView> {
    let (recovery_key, lock) =
        state.set_up(&coordinator_name, &passphrase, centre_name.as_deref())?;
    Ok(SetUpView { recovery_key, lock })
}

#[tauri::command]
pub async fn unlock(
    state: State<'_, AppState>,
    volunteer_id: String,
    passphrase: String,
) -> CommandResult<LockState> {
    state.unlock(&volunteer_id, &passphrase)
}

#[tauri::command]
pub async fn unlock_with_recovery(
    state: State<'_, AppState>,
    recovery_key: String,
) -> CommandResult<LockState> {
    state.unlock_with_recovery(&recovery_key)
}

/// Locks now: on demand, or because the page saw no one at work for the lock delay (`idle`),
/// which the audit trail tells apart.
#[tauri::command]
pub async fn lock_now(state: State<'_, AppState>, idle: Option<bool>) -> CommandResult<LockState> {
    Ok(state.lock_now(idle.unwrap_or(false)))
}

/// Asks to be told, on `on_lock`, when the app locks because the computer's session locked or
/// the computer went to sleep (`aiguillage_os_session`).
#[tauri::command]
pub async fn watch_system_lock(
    state: State<'_, AppState>,
    on_lock: Channel<LockState>,
) -> CommandResult<()> {
    state.tell_locks_to(on_lock);
    Ok(())
}

/// Tells the app someone is still at work (typing in a field calls no other command): the idle
/// delay starts again.
#[tauri::command]
pub async fn keep_alive(state: State<'_, AppState>) -> CommandResult<()> {
    state.with_unlocked(|_| Ok(()))
}

fn volunteers(vault: &aiguillage_core::vault::Vault) -> Vec<VolunteerView> {
    vault.volunteers().iter().map(VolunteerView::from).collect()
}

#[tauri::command]
pub async fn list_volunteers(state: State<'_, AppState>) -> CommandResult<Vec<VolunteerView>> {
    state.with_vault(|vault, _| Ok(volunteers(vault)))
}

#[tauri::command]
pub async fn add_volunteer(
    state: State<'_, AppState>,
    name: String,
    role: String,
    passphrase: String,
) -> CommandResult<Vec<VolunteerView>> {
    let role: Role = role.parse()?;
    state.with_vault(|vault, s| {
        let added = vault.add(s.key()?, &name, role, &passphrase)?;
        s.ws.store
            .audit_detailed(AuditAction::VolunteerAdd, added.role.as_str())?;
        Ok(volunteers(vault))
    })
}

fn volunteer_id(id: &str) -> CommandResult<Uuid> {
    Uuid::parse_str(id)
        .map_err(|_| CommandError::bad_input(format!("\"{id}\" is not a volunteer id")))
}

/// Removes a volunteer: their passphrase opens nothing from now on.
#[tauri::command]
pub async fn remove_volunteer(
    state: State<'_, AppState>,
    id: String,
) -> CommandResult<Vec<VolunteerView>> {
    // The role first: someone who may not manage volunteers learns nothing about the id.
    state.with_vault(|vault, s| {
        let id = volunteer_id(&id)?;
        if s.who.id == id {
            return Err(aiguillage_core::Error::from(Problem::RemoveYourself).into());
        }
        let removed = vault.remove(id)?;
        s.ws.store
            .audit_detailed(AuditAction::VolunteerRemove, removed.role.as_str())?;
        Ok(volunteers(vault))
    })
}

/// Gives a volunteer a new passphrase (forgotten, or changed).
#[tauri::command]
pub async fn set_volunteer_passphrase(
    state: State<'_, AppState>,
    id: String,
    passphrase: String,
) -> CommandResult<()> {
    state.with_vault(|vault, s| {
        let id = volunteer_id(&id)?;
        vault.set_passphrase(s.key()?, id, &passphrase)?;
        s.ws.store.audit(AuditAction::VolunteerPassphrase, None)?;
        Ok(())
    })
}

/// The latest rows of the audit trail, newest first.
#[tauri::command]
pub async fn list_audit(state: State<'_, AppState>, limit: u32) -> CommandResult<Vec<AuditView>> {
    state.with(Action::ViewAudit, |s| {
        Ok(s.ws
            .store
            .list_audit(limit.min(1000))?
            .into_iter()
            .map(|e| AuditView {
                at: e.at,
                actor: e.actor,
                action: e.action,
                record_id: e.record_id,
            })
            .collect())
    })
}
