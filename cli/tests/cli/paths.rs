//! Paths the system will not name: refused as bad input (exit 2), the path named, nothing made.

use super::*;

#[test]
fn a_data_folder_name_too_long_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("d".repeat(300));
    // A name to change, not a failure of the machine: exit 2, one sentence naming it.
    refused(&long, &["list"], &"d".repeat(300));
    assert!(!long.exists(), "nothing made");
}

/// Windows' device names, refused before Windows opens a device in place of a file.
#[cfg(windows)]
#[test]
fn windows_reserved_names_are_refused_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    refused(&dir.path().join("CON").join("x"), &["list"], "for a device");
    let answers = answers_file(dir.path(), "fatou", json!({}));
    let sheet = dir.path().join("NUL.pdf");
    refused(
        &data,
        &[
            "diagnose",
            "--answers",
            &answers,
            "--sheet",
            sheet.to_str().unwrap(),
        ],
        "NUL.pdf",
    );
    let export = dir.path().join("export?.csv");
    refused(
        &data,
        &[
            "export",
            "--format",
            "csv",
            "--out",
            export.to_str().unwrap(),
        ],
        "“?”",
    );
}
