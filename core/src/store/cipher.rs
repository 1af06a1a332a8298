//! SQLCipher: keying a connection, and encrypting a plain database file in place.

use std::path::Path;

use rusqlite::Connection;

use super::key::DbKey;
use crate::error::{Error, Result};
use crate::files::remove_if_present;

/// The page authentication: HMAC-SHA256 rather than SQLCipher's default SHA-512, because
/// processors since about 2017 compute SHA-256 in hardware, which halves the cost of reading an
/// encrypted page here (BENCHMARKS.md). Not stored in the file: every open must say it.
const HMAC: &str = "HMAC_SHA256";

/// Keys `conn` and proves the key right by reading the schema: SQLCipher only finds out on the
/// first read, where a wrong key reads as "not a database".
pub(super) fn apply_key(conn: &Connection, key: &DbKey, path: &Path) -> Result<()> {
    // A wrong key is reported as one sentence below; SQLCipher must not also log it on stderr.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    conn.pragma_update(None, "key", key.sql_literal().as_str())?;
    conn.pragma_update(None, "cipher_hmac_algorithm", HMAC)?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Err(Error::BadInput(format!(
                "{} does not open with this device's key",
                path.display()
            )))
        }
        Err(e) => Err(e.into()),
    }
}

/// Rewrites the plain database at `path` encrypted with `key`: exported into a new encrypted
/// file beside it, which then replaces it by a rename, so a crash leaves one whole file or the
/// other. The schema version travels too (the export leaves it behind).
pub(super) fn encrypt_in_place(path: &Path, key: &DbKey) -> Result<()> {
    let tmp = path.with_extension("encrypting");
    remove_if_present(&tmp)?;
    {
        let conn = Connection::open(path)?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let target = tmp
            .to_str()
            .ok_or_else(|| Error::BadInput(format!("{} is not a UTF-8 path", tmp.display())))?;
        conn.execute(
            "ATTACH DATABASE ?1 AS encrypted KEY ?2",
            (target, key.sql_literal().as_str()),
        )?;
        conn.pragma_update(Some("encrypted"), "cipher_hmac_algorithm", HMAC)?;
        conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        conn.pragma_update(Some("encrypted"), "user_version", version)?;
        conn.execute("DETACH DATABASE encrypted", [])?;
    }
    // Opened for writing: Windows flushes only a file it may write.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(&tmp, e))?;
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        remove_if_present(Path::new(&side))?;
    }
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))?;
    if let Some(dir) = path.parent() {
        crate::files::sync_dir(dir)?;
    }
    Ok(())
}
