//! The console's tables on SQLite (see [`ConsoleStorage`]).

use rusqlite::{OptionalExtension, params};

use super::{Sqlite, internal};
use crate::storage::console::{Account, AuditEntry, ConsoleStorage, Counted, Failures, Role};
use crate::storage::{StoreError, StoreResult};

fn account_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, Option<String>)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

fn account((name, role, centre): (String, String, Option<String>)) -> StoreResult<Account> {
    Ok(Account {
        name,
        role: Role::from_columns(&role, centre)?,
    })
}

impl ConsoleStorage for Sqlite {
    async fn create_account(
        &self,
        account: Account,
        passphrase_hash: String,
        now: String,
    ) -> StoreResult<()> {
        self.tx(move |tx| {
            let taken: bool = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM account WHERE name = ?1)",
                    [&account.name],
                    |r| r.get(0),
                )
                .map_err(internal)?;
            if taken {
                return Err(StoreError::Invalid(format!(
                    "an account named \"{}\" already exists",
                    account.name
                )));
            }
            if let Some(centre) = account.role.centre() {
                let known: bool = tx
                    .query_row(
                        "SELECT EXISTS (SELECT 1 FROM centre WHERE id = ?1)",
                        [centre],
                        |r| r.get(0),
                    )
                    .map_err(internal)?;
                if !known {
                    return Err(StoreError::NotFound(format!("centre {centre}")));
                }
            }
            tx.execute(
                "INSERT INTO account (name, role, centre_id, passphrase_hash, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    account.name,
                    account.role.name(),
                    account.role.centre(),
                    passphrase_hash,
                    now
                ],
            )
            .map_err(internal)?;
            super::audit(tx, "admin", "account_create", Some(&account.name), &now)
        })
        .await
    }

    async fn account(&self, name: String) -> StoreResult<Option<(Account, String)>> {
        self.tx(move |tx| {
            let row = tx
                .query_row(
                    "SELECT name, role, centre_id, passphrase_hash FROM account WHERE name = ?1",
                    [&name],
                    |r| Ok((account_row(r)?, r.get::<_, String>(3)?)),
                )
                .optional()
                .map_err(internal)?;
            row.map(|(columns, hash)| Ok((account(columns)?, hash)))
                .transpose()
        })
        .await
    }

    async fn list_accounts(&self) -> StoreResult<Vec<Account>> {
        self.tx(|tx| {
            let mut stmt = tx
                .prepare("SELECT name, role, centre_id FROM account ORDER BY name")
                .map_err(internal)?;
            let rows = stmt
                .query_map([], account_row)
                .map_err(internal)?
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(internal)?;
            rows.into_iter().map(account).collect()
        })
        .await
    }

    async fn failures(&self, name: String) -> StoreResult<Option<Failures>> {
        self.tx(move |tx| {
            tx.query_row(
                "SELECT failures, blocked_until FROM sign_in_failure WHERE name = ?1",
                [&name],
                |r| {
                    Ok(Failures {
                        count: r.get(0)?,
                        blocked_until: r.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(internal)
        })
        .await
    }

    async fn set_failures(&self, name: String, failures: Option<Failures>) -> StoreResult<()> {
        self.tx(move |tx| {
            match failures {
                Some(f) => tx.execute(
                    "INSERT INTO sign_in_failure (name, failures, blocked_until) VALUES (?1, ?2, ?3)
                     ON CONFLICT (name) DO UPDATE SET failures = excluded.failures,
                         blocked_until = excluded.blocked_until",
                    params![name, f.count, f.blocked_until],
                ),
                None => tx.execute("DELETE FROM sign_in_failure WHERE name = ?1", [&name]),
            }
            .map(|_| ())
            .map_err(internal)
        })
        .await
    }

    async fn open_session(
        &self,
        token_hash: String,
        account: String,
        csrf: String,
        expires_at: String,
        now: String,
    ) -> StoreResult<()> {
        self.tx(move |tx| {
            tx.execute("DELETE FROM console_session WHERE expires_at <= ?1", [&now])
                .map_err(internal)?;
            tx.execute(
                "INSERT INTO console_session (token_hash, account, csrf, created_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![token_hash, account, csrf, now, expires_at],
            )
            .map_err(internal)?;
            Ok(())
        })
        .await
    }

    async fn session(
        &self,
        token_hash: String,
        now: String,
    ) -> StoreResult<Option<(Account, String)>> {
        self.tx(move |tx| {
            let row = tx
                .query_row(
                    "SELECT a.name, a.role, a.centre_id, s.csrf FROM console_session s
                     JOIN account a ON a.name = s.account
                     WHERE s.token_hash = ?1 AND s.expires_at > ?2",
                    [&token_hash, &now],
                    |r| Ok((account_row(r)?, r.get::<_, String>(3)?)),
                )
                .optional()
                .map_err(internal)?;
            row.map(|(columns, csrf)| Ok((account(columns)?, csrf)))
                .transpose()
        })
        .await
    }

    async fn close_session(&self, token_hash: String) -> StoreResult<()> {
        self.tx(move |tx| {
            tx.execute(
                "DELETE FROM console_session WHERE token_hash = ?1",
                [&token_hash],
            )
            .map(|_| ())
            .map_err(internal)
        })
        .await
    }

    async fn audit_trail(&self, limit: i64) -> StoreResult<Vec<AuditEntry>> {
        self.tx(move |tx| {
            let mut stmt = tx
                .prepare("SELECT at, actor, action, record_id FROM audit ORDER BY id DESC LIMIT ?1")
                .map_err(internal)?;
            let rows = stmt
                .query_map([limit], |r| {
                    Ok(AuditEntry {
                        at: r.get(0)?,
                        actor: r.get(1)?,
                        action: r.get(2)?,
                        record_id: r.get(3)?,
                    })
                })
                .map_err(internal)?;
            rows.collect::<rusqlite::Result<_>>().map_err(internal)
        })
        .await
    }

    async fn counted(&self, centre_id: Option<String>) -> StoreResult<Vec<Counted>> {
        self.tx(move |tx| {
            let mut stmt = tx
                .prepare(
                    "SELECT centre_id, entity, kind, entity_id, body FROM operation
                     WHERE body IS NOT NULL AND (?1 IS NULL OR centre_id = ?1)
                       AND ((entity = 'diagnostic' AND kind IN ('create', 'follow_up'))
                            OR (entity = 'anonymous_count' AND kind = 'create'))
                     ORDER BY received_at, device_id, seq",
                )
                .map_err(internal)?;
            let rows = stmt
                .query_map([centre_id], |r| {
                    Ok(Counted {
                        centre_id: r.get(0)?,
                        entity: r.get(1)?,
                        kind: r.get(2)?,
                        entity_id: r.get(3)?,
                        body: r.get(4)?,
                    })
                })
                .map_err(internal)?;
            rows.collect::<rusqlite::Result<_>>().map_err(internal)
        })
        .await
    }
}
