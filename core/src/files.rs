//! Files given by the user, read whole but never beyond what their kind may weigh
//! ([`aiguillage_domain::limits`]): a huge or endless file is refused, not loaded.

use std::io::Read;
use std::path::Path;

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

#[cfg(test)]
mod tests {
    use super::*;

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
