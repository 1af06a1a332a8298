//! Files given by the user, read whole but never beyond what their kind may weigh
//! ([`aiguillage_domain::limits`]): a huge or endless file is refused, not loaded. Files made for
//! the user (exports, bundles, sheets) are written whole or not at all. A path the system cannot
//! name (on Windows: a reserved name, a forbidden character, too long) is refused first, named.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use aiguillage_domain::limits::megabytes;

use crate::error::{Error, Result};

// Applied on Windows only (`check_name`); its rules are plain text, tested on every platform.
#[cfg_attr(not(windows), allow(dead_code))]
mod names;

/// Reads `path` as UTF-8 text of at most `max_bytes`.
///
/// # Errors
/// [`Error::BadFile`] naming the file when it is larger, missing or not text.
pub fn read_limited(path: &Path, max_bytes: u64) -> Result<String> {
    check_name(path)?;
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
    check_name(path)?;
    let tmp = partial(path);
    let written = (|| {
        let file = create_private(&tmp)?;
        let mut sink = std::io::BufWriter::new(file);
        let value = write(&mut sink)?;
        let file = sink
            .into_inner()
            .map_err(|e| Error::io(&tmp, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))?;
        Ok(value)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        sync_dir(dir)?;
    }
    written
}

/// Puts a rename in `dir` on disk (the file renamed was synced before).
///
/// On Unix the folder itself is synced. Windows does not open a folder as a file, and NTFS
/// journals the rename with the folder's other changes: after a power cut the file is either
/// the old one or the new one, whole; a rename made a moment before the cut may be the old one.
///
/// # Errors
/// [`Error::Io`] naming the folder.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Writes `bytes` to `path` whole or not at all ([`write_whole`]): a sheet, a sending file.
///
/// # Errors
/// [`Error::Io`] naming the file.
pub fn write_bytes_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    write_whole(path, |w| w.write_all(bytes).map_err(|e| Error::io(path, e)))
}

/// Removes `path` if it is there.
///
/// # Errors
/// [`Error::Io`] naming the file, for anything but its absence.
pub fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// Creates (or empties) `path` readable and writable by its owner only: exports, sheets and
/// key slots are nobody else's business on a shared computer.
fn create_private(path: &Path) -> Result<std::fs::File> {
    // A file left there keeps its own mode when opened again: made anew, it takes this one.
    remove_if_present(path)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| Error::io(path, e))
}

/// Appends `bytes` to `path`, made anew (owner-only) when `first`; returns the file's size.
///
/// # Errors
/// [`Error::Io`] naming the file.
pub fn append_private(path: &Path, bytes: &[u8], first: bool) -> Result<u64> {
    use std::io::Write;
    let mut file = if first {
        create_private(path)?
    } else {
        std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| Error::io(path, e))?
    };
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    file.metadata()
        .map(|m| m.len())
        .map_err(|e| Error::io(path, e))
}

/// Creates `dir` and its missing parents, those it creates open to their owner only (the data
/// folder, the exports' folder). A folder that exists is left as it is.
///
/// # Errors
/// [`Error::Io`] naming the folder.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    check_name(dir)?;
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| Error::io(dir, e))
}

/// Refuses a path this system cannot name, before anything is read or made there.
///
/// On Windows: a reserved device name (`CON`, `NUL`, `COM1`… with or without an extension: a
/// sheet "saved" as `NUL.pdf` would vanish without an error), a character Windows forbids in
/// names, a name that ends in a dot or a space, or a path longer than the 259 characters most
/// Windows programs open (Rust would write it; Explorer and a PDF reader could not open it).
/// Elsewhere the system's own refusal ([`Error::io`]) names the path.
///
/// # Errors
/// [`Error::BadFile`] naming the path and what Windows refuses in it.
pub fn check_name(path: &Path) -> Result<()> {
    #[cfg(windows)]
    if let Some(reason) = names::windows_refuses(&path.to_string_lossy()) {
        return Err(Error::BadFile {
            path: path.to_path_buf(),
            reason,
        });
    }
    #[cfg(not(windows))]
    let _ = path;
    Ok(())
}

/// Closes `dir` to other accounts when it is open to them: for a folder that holds the records
/// (the app's data folder) made by hand, or by a version that did not close it.
///
/// # Errors
/// [`Error::Io`] naming the folder, when it cannot be read or closed (another account's, a
/// file system without modes).
pub fn close_to_others(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir)
            .map_err(|e| Error::io(dir, e))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .map_err(|e| Error::io(dir, e))?;
        }
    }
    // Windows: a folder takes the access list of the folder it is made in; under the user's
    // profile (%APPDATA%, where the data folder is, and Documents) that list opens it to the
    // user, SYSTEM and the computer's administrators only. There is nothing to close here; a
    // data folder put elsewhere by hand keeps the access list of where it was put.
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Removes from `dir` the files [`write_whole`] left half-written when the machine stopped
/// mid-write (an export cut short is still records on disk), once they are older than `age`: a
/// younger one may be a write in progress. Best effort: a file that cannot be looked at or
/// removed (gone meanwhile, someone else's) is left, and never stops the write that follows.
/// Returns how many went.
pub fn sweep_partials(dir: &Path, age: std::time::Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|x| x == "partial"))
        .filter(|path| {
            std::fs::metadata(path)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|elapsed| elapsed >= age))
        })
        .filter(|path| std::fs::remove_file(path).is_ok())
        .count()
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
    fn a_name_too_long_for_the_system_is_bad_input_naming_it() {
        // Linux names stop at 255 bytes; Windows has its own limit, checked before.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n".repeat(300));
        let e = create_private_dir(&path).unwrap_err();
        assert!(e.is_bad_input(), "the user's to change: {e:?}");
        assert!(e.to_string().contains(&"n".repeat(300)), "named: {e}");
    }

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

    #[cfg(unix)]
    #[test]
    fn files_and_folders_made_here_are_their_owners_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("Documents").join("Aiguillage");
        create_private_dir(&folder).unwrap();
        let path = folder.join("export.csv");
        write_bytes_whole(&path, b"a;b\n").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode(&folder),
            0o700,
            "other accounts cannot list the exports"
        );
        assert_eq!(mode(&path), 0o600, "nor read one, whatever the umask");
        // A partial file left readable by an older version does not lend its rights.
        let left = folder.join("fiche.pdf.partial");
        std::fs::write(&left, b"old").unwrap();
        std::fs::set_permissions(&left, std::fs::Permissions::from_mode(0o644)).unwrap();
        let sheet = folder.join("fiche.pdf");
        write_bytes_whole(&sheet, b"%PDF-").unwrap();
        assert_eq!(mode(&sheet), 0o600);
        create_private_dir(&folder).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_records_folder_left_open_to_others_is_closed_and_a_shared_one_is_not() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let open = |p: &Path| std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755));
        let data = dir.path().join("aiguillage");
        std::fs::create_dir(&data).unwrap();
        open(&data).unwrap();
        close_to_others(&data).unwrap();
        assert_eq!(
            mode(&data),
            0o700,
            "the records' folder is its owner's only"
        );
        // The exports' folder is the person's own: they may have shared it on purpose.
        let exports = dir.path().join("Aiguillage");
        std::fs::create_dir(&exports).unwrap();
        open(&exports).unwrap();
        create_private_dir(&exports).unwrap();
        assert_eq!(
            mode(&exports),
            0o755,
            "a folder people keep is left as they set it"
        );
    }

    #[test]
    fn half_written_files_left_by_a_stop_are_swept_once_old_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "aiguillage-1.csv.partial",
            "fiche.pdf.partial",
            "aiguillage-1.csv",
            "notes.txt",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        assert_eq!(
            sweep_partials(dir.path(), std::time::Duration::from_secs(3600)),
            0,
            "a partial file younger than the age may be a write in progress"
        );
        assert_eq!(sweep_partials(dir.path(), std::time::Duration::ZERO), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            ["aiguillage-1.csv", "notes.txt"],
            "the user's own files stay"
        );
        assert_eq!(
            sweep_partials(&dir.path().join("absent"), std::time::Duration::ZERO),
            0,
            "no folder yet, nothing to sweep"
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
