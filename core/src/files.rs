//! Files given by the user, read whole but never beyond what their kind may weigh
//! ([`aiguillage_domain::limits`]): a huge or endless file is refused, not loaded. Files made for
//! the user (exports, bundles, sheets) are written whole or not at all.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use aiguillage_domain::limits::megabytes;

use crate::error::{Error, Result};

/// Reads `path` as UTF-8 text of at most `max_bytes`.
///
/// # Errors
/// [`Error::BadFile`] naming the file when it is larger, missing or not text.
pub fn read_limited(path: &Path, max_bytes: u64) -> Result<String> {
    // A file the user named that cannot be opened or read (missing, not text) is theirs to fix.
    let bad = |reason: String| Error::BadFile {
        path: path.to_path_buf(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| bad(e.to_string()))?;
    read_limited_from(file, max_bytes).map_err(|e| match e {
        Limited::TooLarge => bad(format!(
            "larger than {}, the most such a file may be",
            megabytes(max_bytes)
        )),
        Limited::Io(e) => bad(e.to_string()),
    })
}

/// Why a limited read failed.
#[derive(Debug)]
pub enum Limited {
    TooLarge,
    Io(std::io::Error),
}

/// Reads `reader` (standard input, say) as UTF-8 text of at most `max_bytes`.
pub fn read_limited_from(
    reader: impl Read,
    max_bytes: u64,
) -> std::result::Result<String, Limited> {
    let mut text = String::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_string(&mut text)
        .map_err(Limited::Io)?;
    if text.len() as u64 > max_bytes {
        return Err(Limited::TooLarge);
    }
    Ok(text)
}

/// A file written and flushed beside its target, not yet under its name: [`Staged::publish`]
/// renames it over the target; dropped unpublished, it is removed. Between the two, the caller
/// can commit what must be on record before the file exists (an export's audit row).
#[must_use = "a staged file is removed unless it is published"]
pub struct Staged {
    tmp: PathBuf,
    path: PathBuf,
    published: bool,
}

impl Staged {
    /// Fills a file beside `path` with `write` and flushes it to disk.
    ///
    /// # Errors
    /// `write`'s own error (nothing is left behind), or [`Error::Io`] naming the file.
    pub fn write<T, E: From<Error>>(
        path: &Path,
        write: impl FnOnce(&mut dyn Write) -> std::result::Result<T, E>,
    ) -> std::result::Result<(Self, T), E> {
        let staged = Self {
            tmp: partial(path),
            path: path.to_path_buf(),
            published: false,
        };
        let file = std::fs::File::create(&staged.tmp).map_err(|e| Error::io(&staged.tmp, e))?;
        let mut sink = std::io::BufWriter::new(file);
        let value = write(&mut sink)?;
        let file = sink
            .into_inner()
            .map_err(|e| Error::io(&staged.tmp, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&staged.tmp, e))?;
        Ok((staged, value))
    }

    /// [`Staged::write`] of `bytes`: a sheet, a sending file.
    ///
    /// # Errors
    /// [`Error::Io`] naming the file.
    pub fn bytes(path: &Path, bytes: &[u8]) -> Result<Self> {
        Self::write(path, |w| w.write_all(bytes).map_err(|e| Error::io(path, e))).map(|(s, ())| s)
    }

    /// The name the file will have.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the file over its target and syncs the folder, so the rename is on disk too.
    ///
    /// # Errors
    /// [`Error::Io`] naming the file (the staged file is then removed).
    pub fn publish(mut self) -> Result<PathBuf> {
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::io(&self.path, e))?;
        self.published = true;
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::File::open(dir)
                .and_then(|d| d.sync_all())
                .map_err(|e| Error::io(dir, e))?;
        }
        Ok(std::mem::take(&mut self.path))
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `path` whole or not at all: `write` fills a file beside it, which is flushed to disk
/// and then renamed over `path`. A failure, or a crash, leaves the previous file (or none),
/// never half an export, a bundle that does not verify, or a sheet that does not open.
///
/// # Errors
/// `write`'s own error (nothing is left behind), or [`Error::Io`] naming the file.
pub fn write_whole<T, E: From<Error>>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::result::Result<T, E>,
) -> std::result::Result<T, E> {
    let (staged, value) = Staged::write(path, write)?;
    staged.publish()?;
    Ok(value)
}

/// Writes `bytes` to `path` whole or not at all ([`write_whole`]): a sheet, a sending file.
///
/// # Errors
/// [`Error::Io`] naming the file.
pub fn write_bytes_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    Staged::bytes(path, bytes)?.publish().map(drop)
}

/// `name.csv` → `name.csv.partial`, beside it.
fn partial(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_written_whole_or_the_previous_one_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.csv");
        let n = write_whole(&path, |w| {
            w.write_all(b"a;b\n")
                .map_err(|e| Error::io("export.csv", e))?;
            Ok::<_, Error>(1)
        })
        .unwrap();
        assert_eq!(
            (n, std::fs::read_to_string(&path).unwrap()),
            (1, "a;b\n".to_owned())
        );
        let err = write_whole(&path, |w| {
            w.write_all(b"half of it")
                .map_err(|e| Error::io("export.csv", e))?;
            Err::<(), _>(Error::BadInput("the export failed half-way".into()))
        })
        .unwrap_err();
        assert!(err.to_string().contains("half-way"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "a;b\n",
            "a failed write leaves the previous file as it was"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "and nothing beside it"
        );
    }

    #[test]
    fn a_file_beyond_its_limit_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gros.json");
        std::fs::write(&path, "x".repeat(11)).unwrap();
        assert_eq!(
            read_limited(&path, 11).unwrap().len(),
            11,
            "exactly the limit is fine"
        );
        let err = read_limited(&path, 10).unwrap_err();
        assert!(err.is_bad_input(), "the user's file is at fault: {err}");
        assert!(
            err.to_string().contains("gros.json"),
            "the message names the file: {err}"
        );
    }
}
