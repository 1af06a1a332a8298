//! Backing up and restoring the SQLite database: a backup is SQLite's online backup of the whole
//! file, taken in one step so it is one consistent state while the server serves; a restore
//! checks that the file is one of this server's databases, whole and not newer than this
//! build, before it replaces anything. (PostgreSQL is backed up with `pg_dump`: see the README.)

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::storage::sqlite::MIGRATION_COUNT;

/// Why a backup or a restore did not happen; the database is as it was.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The user can fix it: a file that is not a backup, a path that exists.
    #[error("{0}")]
    BadInput(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the database failed: {0}")]
    Database(#[from] rusqlite::Error),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The tables every database of this server has.
const TABLES: [&str; 7] = [
    "centre",
    "device",
    "operation",
    "quarantine",
    "tombstone",
    "change",
    "audit",
];

/// Copies the database `db` into the new file `out`, whole or not at all; how many operations
/// the copy holds.
///
/// # Errors
/// [`BackupError::BadInput`] when `out` exists; the file system's and the database's.
pub fn backup(db: &Path, out: &Path) -> Result<u64, BackupError> {
    if out.exists() {
        return Err(BackupError::BadInput(format!(
            "{} already exists: a backup never replaces a file",
            out.display()
        )));
    }
    let source = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    source.busy_timeout(std::time::Duration::from_secs(30))?;
    let partial = partial_path(out);
    let mut copy = Connection::open(&partial)?;
    {
        let backup = rusqlite::backup::Backup::new(&source, &mut copy)?;
        // Every page in one step: one read transaction, so one consistent state even while the
        // server writes (in steps, a write in between would start the copy again).
        backup.step(-1)?;
    }
    let operations = check(&copy).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })?;
    drop(copy);
    std::fs::rename(&partial, out).map_err(io(out))?;
    Ok(operations)
}

/// Replaces the database `db` with the backup `file`, after checking it; how many operations it
/// holds. The server must be stopped: a running one would go on with the file it opened.
///
/// # Errors
/// [`BackupError::BadInput`] for a file that is not a whole backup of this server (nothing is
/// replaced then); the file system's.
pub fn restore(file: &Path, db: &Path) -> Result<u64, BackupError> {
    let not_a_backup = |why: &str| {
        BackupError::BadInput(format!(
            "{} is not a backup of this server ({why}); nothing was replaced",
            file.display()
        ))
    };
    let mut header = [0u8; 16];
    let read =
        std::fs::File::open(file).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header));
    if read.is_err() || &header != b"SQLite format 3\0" {
        return Err(not_a_backup("not an SQLite database"));
    }
    let operations = {
        let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|_| not_a_backup("it cannot be opened"))?;
        check(&conn).map_err(|e| match e {
            BackupError::BadInput(why) => not_a_backup(&why),
            BackupError::Database(e) => not_a_backup(&e.to_string()),
            other => other,
        })?
    };
    // Copied beside the database, then renamed over it: the database is the old one or the
    // backup, never half of each.
    let partial = partial_path(db);
    std::fs::copy(file, &partial).map_err(io(&partial))?;
    // Opened for writing: Windows flushes only a file it may write.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&partial)
        .and_then(|f| f.sync_all())
        .map_err(io(&partial))?;
    for suffix in ["-wal", "-shm"] {
        let mut side = db.as_os_str().to_owned();
        side.push(suffix);
        match std::fs::remove_file(PathBuf::from(side)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(db)(e)),
        }
    }
    std::fs::rename(&partial, db).map_err(io(db))?;
    Ok(operations)
}

/// `path` with `.partial` added, in the same folder (so a rename is atomic).
fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// How many operations `conn` holds, once it is proved one of this server's databases: sound,
/// with every table, and migrated no further than this build knows.
fn check(conn: &Connection) -> Result<u64, BackupError> {
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        return Err(BackupError::BadInput(format!("damaged: {integrity}")));
    }
    for table in TABLES {
        let present: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            [table],
            |r| r.get(0),
        )?;
        if !present {
            return Err(BackupError::BadInput(format!("it has no {table} table")));
        }
    }
    let version: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > MIGRATION_COUNT {
        return Err(BackupError::BadInput(format!(
            "it was written by a newer server (schema {version}, this one knows {MIGRATION_COUNT})"
        )));
    }
    Ok(conn.query_row("SELECT COUNT(*) FROM operation", [], |r| r.get(0))?)
}
