//! The console's tables on PostgreSQL (see [`ConsoleStorage`]); the same meaning as SQLite's.

use super::{Postgres, audit, internal};
use crate::storage::console::{Account, AuditEntry, ConsoleStorage, Counted, Failures, Role};
use crate::storage::{StoreError, StoreResult};

fn account(r: &tokio_postgres::Row) -> StoreResult<Account> {
    Ok(Account {
        name: r.get(0),
        role: Role::from_columns(r.get(1), r.get(2))?,
    })
}

impl ConsoleStorage for Postgres {
    async fn create_account(
        &self,
        account: Account,
        passphrase_hash: String,
        now: String,
    ) -> StoreResult<()> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(internal)?;
        if let Some(centre) = account.role.centre() {
            let known = tx
                .query_opt("SELECT 1 FROM centre WHERE id = $1", &[&centre])
                .await
                .map_err(internal)?
                .is_some();
            if !known {
                return Err(StoreError::NotFound(format!("centre {centre}")));
            }
        }
        let inserted = tx
            .execute(
                "INSERT INTO account (name, role, centre_id, passphrase_hash, created_at)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING",
                &[
                    &account.name,
                    &account.role.name(),
                    &account.role.centre(),
                    &passphrase_hash,
                    &now,
                ],
            )
            .await
            .map_err(internal)?;
        if inserted == 0 {
            return Err(StoreError::Invalid(format!(
                "an account named \"{}\" already exists",
                account.name
            )));
        }
        audit(&tx, "admin", "account_create", Some(&account.name), &now).await?;
        tx.commit().await.map_err(internal)
    }

    async fn account(&self, name: String) -> StoreResult<Option<(Account, String)>> {
        let client = self.client().await?;
        let row = client
            .query_opt(
                "SELECT name, role, centre_id, passphrase_hash FROM account WHERE name = $1",
                &[&name],
            )
            .await
            .map_err(internal)?;
        row.map(|r| Ok((account(&r)?, r.get(3)))).transpose()
    }

    async fn list_accounts(&self) -> StoreResult<Vec<Account>> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT name, role, centre_id FROM account ORDER BY name",
                &[],
            )
            .await
            .map_err(internal)?;
        rows.iter().map(account).collect()
    }

    async fn failures(&self, name: String) -> StoreResult<Option<Failures>> {
        let client = self.client().await?;
        let row = client
            .query_opt(
                "SELECT failures, blocked_until FROM sign_in_failure WHERE name = $1",
                &[&name],
            )
            .await
            .map_err(internal)?;
        Ok(row.map(|r| Failures {
            count: u32::try_from(r.get::<_, i32>(0)).unwrap_or(0),
            blocked_until: r.get(1),
        }))
    }

    async fn set_failures(&self, name: String, failures: Option<Failures>) -> StoreResult<()> {
        let client = self.client().await?;
        match failures {
            Some(f) => {
                let count = i32::try_from(f.count).unwrap_or(i32::MAX);
                client
                    .execute(
                        "INSERT INTO sign_in_failure (name, failures, blocked_until)
                         VALUES ($1, $2, $3)
                         ON CONFLICT (name) DO UPDATE SET failures = excluded.failures,
                             blocked_until = excluded.blocked_until",
                        &[&name, &count, &f.blocked_until],
                    )
                    .await
            }
            None => {
                client
                    .execute("DELETE FROM sign_in_failure WHERE name = $1", &[&name])
                    .await
            }
        }
        .map(|_| ())
        .map_err(internal)
    }

    async fn open_session(
        &self,
        token_hash: String,
        account: String,
        csrf: String,
        expires_at: String,
        now: String,
    ) -> StoreResult<()> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(internal)?;
        tx.execute(
            "DELETE FROM console_session WHERE expires_at <= $1",
            &[&now],
        )
        .await
        .map_err(internal)?;
        tx.execute(
            "INSERT INTO console_session (token_hash, account, csrf, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
            &[&token_hash, &account, &csrf, &now, &expires_at],
        )
        .await
        .map_err(internal)?;
        tx.commit().await.map_err(internal)
    }

    async fn session(
        &self,
        token_hash: String,
        now: String,
    ) -> StoreResult<Option<(Account, String)>> {
        let client = self.client().await?;
        let row = client
            .query_opt(
                "SELECT a.name, a.role, a.centre_id, s.csrf FROM console_session s
                 JOIN account a ON a.name = s.account
                 WHERE s.token_hash = $1 AND s.expires_at > $2",
                &[&token_hash, &now],
            )
            .await
            .map_err(internal)?;
        row.map(|r| Ok((account(&r)?, r.get(3)))).transpose()
    }

    async fn close_session(&self, token_hash: String) -> StoreResult<()> {
        let client = self.client().await?;
        client
            .execute(
                "DELETE FROM console_session WHERE token_hash = $1",
                &[&token_hash],
            )
            .await
            .map(|_| ())
            .map_err(internal)
    }

    async fn audit_trail(&self, limit: i64) -> StoreResult<Vec<AuditEntry>> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT at, actor, action, record_id FROM audit ORDER BY id DESC LIMIT $1",
                &[&limit],
            )
            .await
            .map_err(internal)?;
        Ok(rows
            .iter()
            .map(|r| AuditEntry {
                at: r.get(0),
                actor: r.get(1),
                action: r.get(2),
                record_id: r.get(3),
            })
            .collect())
    }

    async fn counted(&self, centre_id: Option<String>) -> StoreResult<Vec<Counted>> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT centre_id, entity, kind, entity_id, body FROM operation
                 WHERE body IS NOT NULL AND ($1::TEXT IS NULL OR centre_id = $1)
                   AND ((entity = 'diagnostic' AND kind IN ('create', 'follow_up'))
                        OR (entity = 'anonymous_count' AND kind = 'create'))
                 ORDER BY received_at, device_id, seq",
                &[&centre_id],
            )
            .await
            .map_err(internal)?;
        Ok(rows
            .iter()
            .map(|r| Counted {
                centre_id: r.get(0),
                entity: r.get(1),
                kind: r.get(2),
                entity_id: r.get(3),
                body: r.get(4),
            })
            .collect())
    }
}
