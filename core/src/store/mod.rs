//! The local SQLite store: one connection, pragmas set in one place, migrations embedded and run
//! at open, writes through one transaction helper. Real and demo records live in two different
//! files, and a file remembers which kind it is, so they can never be mixed.
//!
//! The only place with SQL in the core (`core/tests/architecture.rs` checks it), one module a
//! table: `meta`, `audit`, `drafts`, `diagnostics`, `orientations`, `oplog` (operations),
//! `directory`, `questionnaires`, `sync_state` (the sync keys of `meta`). The connection is
//! private to this module; a use case writes through [`Store::write`] and the table modules'
//! functions, in one transaction.

pub mod audit;
mod cipher;
pub(crate) mod diagnostics;
pub(crate) mod directory;
pub(crate) mod drafts;
mod key;
pub(crate) mod meta;
pub(crate) mod oplog;
pub(crate) mod orientations;
pub(crate) mod questionnaires;
pub mod sync_state;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rusqlite::{Connection, Transaction};
use rusqlite_migration::{M, Migrations};

use crate::clock::Clock;
use crate::error::{Error, Result};

pub use audit::{AuditAction, AuditEntry, LOCAL_ACTOR, RETENTION_ACTOR};
pub use diagnostics::{DiagnosticRow, Filter, RawDiagnostic, StoredDiagnostic};
pub use directory::DirectoryCounts;
pub use drafts::Draft;
pub use key::DbKey;
pub(crate) use key::KEY_BYTES;
pub use oplog::{NewOperation, Operation};
pub use orientations::{Orientation, Snapshot};

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("../../migrations/0001_initial.sql")),
        M::up(include_str!(
            "../../migrations/0002_questionnaire_versions.sql"
        )),
        M::up(include_str!("../../migrations/0003_audit.sql")),
    ])
});

/// Which records a database holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Real diagnostics of real people.
    Real,
    /// Fictional records for trainers; never synced, never mixed with real ones.
    Demo,
}

impl Mode {
    fn as_str(self) -> &'static str {
        match self {
            Mode::Real => "real",
            Mode::Demo => "demo",
        }
    }

    /// The database file of this mode inside a data directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Mode::Real => "aiguillage.sqlite3",
            Mode::Demo => "aiguillage-demo.sqlite3",
        }
    }
}

/// An open store.
pub struct Store {
    conn: Connection,
    mode: Mode,
    path: PathBuf,
    /// Who the audit trail names for what is done through this store.
    actor: String,
    /// What stamps the rows written through this store.
    clock: Clock,
}

/// A connection of one's own on a store file, keyed as the store keys it (bulk loads in the
/// benchmarks, tools). No pragma, no migration.
///
/// # Errors
/// As [`Store::open_file_keyed`] for a wrong key; database errors.
pub fn raw_connection(path: &Path, key: Option<&DbKey>) -> Result<Connection> {
    let conn = Connection::open(path)?;
    if let Some(key) = key {
        cipher::apply_key(&conn, key, path)?;
    }
    Ok(conn)
}

/// Removes the `mode` database of `data_dir` with its WAL files, those present. Every
/// connection to it must be closed.
///
/// # Errors
/// [`Error::Io`] naming the file that stays.
pub fn remove_database(data_dir: &Path, mode: Mode) -> Result<()> {
    let file = data_dir.join(mode.file_name());
    for suffix in ["", "-wal", "-shm"] {
        let mut path = file.clone().into_os_string();
        path.push(suffix);
        crate::files::remove_if_present(Path::new(&path))?;
    }
    Ok(())
}

/// Whether `data_dir` holds a real database that is encrypted (whose key slots must then exist).
///
/// # Errors
/// [`Error::Io`] when the file cannot be read.
pub fn holds_encrypted_records(data_dir: &Path) -> Result<bool> {
    Ok(is_plain_sqlite(&data_dir.join(Mode::Real.file_name()))? == Some(false))
}

/// Whether `path` is a plain SQLite file (`Some(true)`), something else such as an encrypted
/// one (`Some(false)`), or absent or empty (`None`).
fn is_plain_sqlite(path: &Path) -> Result<Option<bool>> {
    use std::io::Read;
    let mut header = [0u8; 16];
    match std::fs::File::open(path) {
        Ok(mut file) => match file.read_exact(&mut header) {
            Ok(()) => Ok(Some(&header == b"SQLite format 3\0")),
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
            Err(e) => Err(Error::io(path, e)),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Sets the per-connection pragmas: WAL so readers never block the writer, foreign keys on,
/// a busy timeout, `synchronous=FULL` so a committed diagnostic survives a power cut, and a
/// 32 MiB page cache, so the pages the history and the report read again are not read (and, in
/// an encrypted file, decrypted) again.
fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "cache_size", -64 * 1024)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

impl Store {
    /// Opens (creating if needed) the `mode` database in `data_dir`, and migrates it.
    ///
    /// # Errors
    /// [`Error::BadInput`] when the file holds the other mode's records; database errors.
    pub fn open(data_dir: &Path, mode: Mode) -> Result<Self> {
        Self::open_keyed(data_dir, mode, None)
    }

    /// Opens the `mode` database in `data_dir` encrypted with `key` (SQLCipher), or in plain
    /// SQLite without one. A plain file met with a key is encrypted first, in place: that is how
    /// a database from before the device was set up becomes unreadable on disk.
    ///
    /// # Errors
    /// [`Error::BadInput`] for an encrypted file opened without a key or with another one, or
    /// a file of the other mode; database errors.
    pub fn open_keyed(data_dir: &Path, mode: Mode, key: Option<&DbKey>) -> Result<Self> {
        crate::files::create_private_dir(data_dir)?;
        Self::open_file_keyed(&data_dir.join(mode.file_name()), mode, key)
    }

    /// Opens a plain database file directly (tests, tools).
    pub fn open_file(path: &Path, mode: Mode) -> Result<Self> {
        Self::open_file_keyed(path, mode, None)
    }

    /// Opens a database file directly, with or without its key.
    pub fn open_file_keyed(path: &Path, mode: Mode, key: Option<&DbKey>) -> Result<Self> {
        let plain = is_plain_sqlite(path)?;
        if let (Some(key), Some(true)) = (key, plain) {
            cipher::encrypt_in_place(path, key)?;
        }
        let mut conn = Connection::open(path)?;
        match key {
            Some(key) => cipher::apply_key(&conn, key, path)?,
            None if plain == Some(false) => {
                return Err(Error::BadInput(format!(
                    "{} is encrypted: unlock the device with a volunteer's passphrase",
                    path.display()
                )));
            }
            None => {}
        }
        configure(&conn)?;
        MIGRATIONS.to_latest(&mut conn)?;
        let mut store = Store {
            conn,
            mode,
            path: path.to_path_buf(),
            actor: LOCAL_ACTOR.to_owned(),
            clock: Clock::system(),
        };
        match store.find_meta("mode")? {
            Some(found) if found != mode.as_str() => {
                return Err(Error::BadInput(format!(
                    "{} holds {found} records and cannot be opened as a {} database",
                    path.display(),
                    mode.as_str()
                )));
            }
            Some(_) => {}
            None => store.write(|tx| meta::set(tx, "mode", mode.as_str()))?,
        }
        Ok(store)
    }

    /// Names `actor` in the audit rows written from now on.
    pub fn set_actor(&mut self, actor: &str) {
        actor.clone_into(&mut self.actor);
    }

    /// Who the audit trail names.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Stamps what is written from now on with `clock`'s time (tests).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// The clock that stamps what is written through this store.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Which records this store holds.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one immediate transaction: all of it is committed, or none.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Makes every write that needs more space fail as on a full disk (SQLite's `SQLITE_FULL`),
    /// for the proofs that a full disk loses nothing. Test builds only.
    #[cfg(feature = "fault-injection")]
    pub fn limit_growth(&self, limited: bool) -> Result<()> {
        let pages: i64 = if limited {
            self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?
        } else {
            4_294_967_294
        };
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))?;
        Ok(())
    }

    /// Runs SQLite's own consistency check; "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS
            .validate()
            .expect("every migration must apply to an empty database");
    }

    #[test]
    fn a_demo_file_cannot_be_opened_as_real() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.sqlite3");
        Store::open_file(&path, Mode::Demo).unwrap();
        let err = Store::open_file(&path, Mode::Real)
            .err()
            .expect("mixing modes must be refused");
        assert!(err.to_string().contains("holds demo records"), "{err}");
    }

    #[test]
    fn pragmas_are_set_for_durability() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), Mode::Real).unwrap();
        let sync: i64 = store
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            sync, 2,
            "synchronous must be FULL (2) so saved diagnostics survive power loss"
        );
        let journal: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(journal, "wal");
        let fk: i64 = store
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1, "foreign keys must be enforced");
    }
}
