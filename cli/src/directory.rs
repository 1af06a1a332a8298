//! The directory's commands: importing data·inclusion files (a folder, one combined file, the
//! structures and services files, or the national files for some départements), and searching
//! communes in the table shipped in the binary.

use std::path::{Path, PathBuf};

use aiguillage_core::Workspace;
use aiguillage_core::directory::ImportReport;
use aiguillage_core::files::read_limited;
use aiguillage_domain::commune::Fit;

use crate::args::Format;
use crate::{Failure, bad, print_json};

/// `commune search`: the best matches, or one sentence saying none fits, with the closest names.
pub fn search_communes(text: &str, format: Format) -> Result<(), Failure> {
    let communes = aiguillage_core::content::communes()?;
    let found = communes.search(text, aiguillage_domain::commune::MAX_SUGGESTIONS);
    if found.iter().all(|f| f.fit == Fit::Close) {
        let closest: Vec<String> = found
            .iter()
            .map(|f| format!("{} ({})", f.commune.nom, f.commune.insee))
            .collect();
        return Err(bad(if closest.is_empty() {
            format!("no commune matches \"{text}\"")
        } else {
            format!(
                "no commune matches \"{text}\"; the closest names are {}",
                closest.join(", ")
            )
        }));
    }
    match format {
        Format::Json => {
            let rows: Vec<serde_json::Value> = found
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "code": f.commune.insee,
                        "name": f.commune.nom,
                        "label": f.label,
                        "departement": f.commune.departement,
                        "postcodes": f.commune.codes_postaux,
                    })
                })
                .collect();
            print_json(&rows)?;
        }
        Format::Text => {
            for f in &found {
                println!(
                    "{}  {}  ({})  {}",
                    f.commune.insee,
                    f.commune.nom,
                    f.commune.departement,
                    f.commune.codes_postaux.join(" ")
                );
            }
        }
    }
    Ok(())
}

/// Resolves the import arguments to (structures, services) rows.
/// The structures file and the services file: a folder's (`structures.json` or `.csv`, and the
/// same for services), or two files whose names say which is which.
pub fn pair(files: &[PathBuf]) -> Result<(PathBuf, PathBuf), Failure> {
    match files {
        [dir] if dir.is_dir() => {
            let find = |stem: &str| {
                ["json", "csv"]
                    .iter()
                    .map(|ext| dir.join(format!("{stem}.{ext}")))
                    .find(|p| p.is_file())
                    .unwrap_or_else(|| dir.join(format!("{stem}.json")))
            };
            Ok((find("structures"), find("services")))
        }
        [a, b] => {
            let name = |p: &Path| {
                p.file_name()
                    .map(|n| n.to_string_lossy().to_lowercase())
                    .unwrap_or_default()
            };
            match (name(a).contains("structure"), name(b).contains("structure")) {
                (true, false) => Ok((a.clone(), b.clone())),
                (false, true) => Ok((b.clone(), a.clone())),
                _ => Err(bad(
                    "give the structures file and the services file (their names must say which is which)",
                )),
            }
        }
        _ => Err(bad(
            "give a folder, or the structures file and the services file",
        )),
    }
}

/// Progress on standard error while a long import reads, when someone watches it.
pub fn progress_bar() -> impl Fn(u64, u64) {
    use std::io::IsTerminal;
    let shown = std::io::stderr().is_terminal();
    move |read, total| {
        if shown && total > 0 {
            eprint!("\r{:>3} %", read * 100 / total);
            if read == total {
                eprintln!();
            }
        }
    }
}

pub fn import(ws: &mut Workspace, files: &[PathBuf]) -> Result<ImportReport, Failure> {
    Ok(match files {
        [dir] if dir.is_dir() => {
            ws.import_directory_files(&dir.join("structures.json"), &dir.join("services.json"))?
        }
        [one] => {
            let text = read_limited(one, aiguillage_domain::limits::DIRECTORY_BYTES)?;
            let name = one.display().to_string();
            ws.import_directory_document(&name, &text, &mut |_, _| {})?
        }
        [_, _] => {
            let (structures, services) = pair(files)?;
            ws.import_directory_files(&structures, &services)?
        }
        _ => {
            return Err(bad(
                "give a folder, one combined file, or the structures and services files",
            ));
        }
    })
}
