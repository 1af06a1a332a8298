//! The names Windows refuses, as plain text rules: tested on every platform, applied on Windows
//! by [`super::check_name`].

/// The most characters (UTF-16 units) a path may have for Windows programs to open it:
/// `MAX_PATH` (260) less the closing NUL.
pub const WINDOWS_MAX_PATH: usize = 259;

/// What Windows refuses in `path` (written the Windows way), in one sentence; `None` when it
/// takes it. Plain text work, so it is tested on every platform.
pub fn windows_refuses(path: &str) -> Option<String> {
    let length = path.encode_utf16().count();
    // `\\?\` paths are Windows' own long form: whoever wrote one meant it.
    if path.starts_with(r"\\?\") {
        return None;
    }
    if length > WINDOWS_MAX_PATH {
        return Some(format!(
            "this path is {length} characters long, more than the {WINDOWS_MAX_PATH} Windows programs open; choose a shorter folder or name"
        ));
    }
    // The drive (`C:`) is not a name.
    let rest = match path.as_bytes() {
        [letter, b':', ..] if letter.is_ascii_alphabetic() => &path[2..],
        _ => path,
    };
    for name in rest
        .split(['\\', '/'])
        .filter(|n| !n.is_empty() && *n != "." && *n != "..")
    {
        if let Some(c) = name
            .chars()
            .find(|c| matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') || u32::from(*c) < 32)
        {
            let shown = if c.is_control() {
                format!("U+{:04X}", u32::from(c))
            } else {
                c.to_string()
            };
            return Some(format!(
                "Windows does not allow the character \u{201c}{shown}\u{201d} in a name (\u{201c}{name}\u{201d})"
            ));
        }
        if name.ends_with(['.', ' ']) {
            return Some(format!(
                "Windows does not allow a name that ends with a dot or a space (\u{201c}{name}\u{201d})"
            ));
        }
        // `CON`, `con.pdf`, `COM1 .txt`: the part before the first dot, spaces trimmed.
        let stem = name.split('.').next().unwrap_or(name).trim_end();
        if is_reserved(stem) {
            return Some(format!(
                "Windows keeps the name \u{201c}{stem}\u{201d} for a device, even with an extension (\u{201c}{name}\u{201d}); choose another name"
            ));
        }
    }
    None
}

/// Windows' device names, which no file or folder may take.
fn is_reserved(stem: &str) -> bool {
    let upper = stem.to_uppercase();
    if matches!(
        upper.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) {
        return true;
    }
    // COM1…COM9 and LPT1…LPT9, with the superscript digits Windows also counts.
    let port = upper
        .strip_prefix("COM")
        .or_else(|| upper.strip_prefix("LPT"));
    port.is_some_and(|n| {
        let mut chars = n.chars();
        matches!(
            (chars.next(), chars.next()),
            (Some('1'..='9' | '\u{b9}' | '\u{b2}' | '\u{b3}'), None)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_refuses_its_reserved_names_with_or_without_an_extension() {
        for path in [
            r"C:\Users\Public\CON\x",
            r"C:\Users\Public\nul.pdf",
            r"D:\fiches\Com1.txt",
            r"lpt9",
            r"C:\aux .csv",
            "C:\\fiches\\COM\u{b9}.pdf",
        ] {
            let reason = windows_refuses(path).unwrap_or_else(|| panic!("{path} passed"));
            assert!(reason.contains("for a device"), "{path}: {reason}");
        }
        for path in [
            r"C:\Users\Public\console\x",
            r"C:\fiches\nulle.pdf",
            r"C:\COM10",
            r"C:\LPT",
            r"C:\Users\Public\Données d’essai\fiche.pdf",
            r"\\serveur\partage\fiche.pdf",
            r"..\fiches\.\fiche.pdf",
        ] {
            assert_eq!(
                windows_refuses(path),
                None,
                "{path} is a name Windows takes"
            );
        }
    }

    #[test]
    fn windows_refuses_its_forbidden_characters_and_trailing_dots() {
        let reason = windows_refuses(r"C:\fiches\qui?.pdf").unwrap();
        assert!(
            reason.contains("“?”") && reason.contains("qui?.pdf"),
            "{reason}"
        );
        let reason = windows_refuses("C:\\fiches\\a\u{7}b").unwrap();
        assert!(
            reason.contains("U+0007"),
            "a control character is shown by its code: {reason}"
        );
        let reason = windows_refuses(r"C:\fiches.\x.pdf").unwrap();
        assert!(reason.contains("ends with a dot"), "{reason}");
        assert!(
            windows_refuses(r"C:\fiches \x.pdf").is_some(),
            "a trailing space"
        );
        assert!(
            windows_refuses(r"C:\a:b").is_some(),
            "a colon past the drive (an NTFS stream, not a name)"
        );
    }

    #[test]
    fn windows_refuses_a_path_its_programs_cannot_open() {
        let folder = format!(r"C:\{}", "d".repeat(WINDOWS_MAX_PATH - 3));
        assert_eq!(folder.encode_utf16().count(), WINDOWS_MAX_PATH);
        assert_eq!(windows_refuses(&folder), None, "259 characters open");
        let reason = windows_refuses(&format!("{folder}e")).unwrap();
        assert!(reason.contains("260 characters"), "{reason}");
        assert_eq!(
            windows_refuses(&format!(r"\\?\{folder}e")),
            None,
            "Windows' own long form is taken as meant"
        );
    }
}
