//! `aiguillage`, the headless face of the core: diagnose, list, show, export, report, sheet,
//! directory import and search, demo seed. Exit codes: 0 success, 1 runtime failure, 2 bad usage
//! or bad input; errors go to stderr as one sentence naming the file, field or value at fault.
#![forbid(unsafe_code)]

mod args;
mod directory;
mod document;
mod text;
mod unlock;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use args::*;
use directory::{import, pair, progress_bar, search_communes};

use aiguillage_core::directory::Area;
use aiguillage_core::files::{Limited, read_limited, read_limited_from};
use aiguillage_core::store::Filter;
use aiguillage_core::workspace::{ExportFormat as Written, Finish};
use aiguillage_core::{Error, Mode, demo, paths, report};
use aiguillage_domain::Lang;
use aiguillage_domain::limits::megabytes;
use aiguillage_domain::reference::ReferenceLists;

/// A failure and its exit code.
struct Failure {
    code: u8,
    message: String,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure {
            code: if e.is_bad_input() { 2 } else { 1 },
            message: e.to_string(),
        }
    }
}

fn bad(message: impl Into<String>) -> Failure {
    Failure {
        code: 2,
        message: message.into(),
    }
}

fn runtime(message: impl Into<String>) -> Failure {
    Failure {
        code: 1,
        message: message.into(),
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // One sentence, like every other error: clap's first paragraph on one line.
            let rendered = e.render().to_string();
            let first: Vec<&str> = rendered
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .map(str::trim)
                .collect();
            let first = first.join(" ");
            let message = first.strip_prefix("error: ").unwrap_or(&first);
            eprintln!("aiguillage: {}", message.trim_end_matches('.'));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let message = failure.message.trim_end_matches('.');
            eprintln!("aiguillage: {message}.");
            ExitCode::from(failure.code)
        }
    }
}

fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| runtime(e.to_string()))?;
    println!("{text}");
    Ok(())
}

fn run(cli: Cli) -> Result<(), Failure> {
    let lang = match cli.lang {
        LangArg::Fr => Lang::Fr,
        LangArg::En => Lang::En,
    };
    // The commune table is public data shipped in the binary: no records are opened for it.
    if let Command::Commune(CommuneCommand::Search { text, format }) = &cli.command {
        return search_communes(text, *format);
    }
    let data_dir = cli.data_dir.clone().unwrap_or_else(paths::default_data_dir);
    let demo_command = matches!(cli.command, Command::Demo(_));
    let mode = if cli.demo || demo_command {
        Mode::Demo
    } else {
        Mode::Real
    };
    let mut ws = unlock::open(&data_dir, mode, unlock::action(&cli.command))?;
    match cli.command {
        Command::Diagnose {
            answers,
            save,
            first_name,
            sheet,
            print,
            format,
        } => {
            let print = print.options(lang)?;
            if let Some(out) = &sheet {
                // Refused before anything is counted: a run again would count the person twice.
                let folder = out.parent().filter(|p| !p.as_os_str().is_empty());
                if folder.is_some_and(|f| !f.is_dir()) {
                    return Err(bad(format!(
                        "--sheet {}: the folder does not exist",
                        out.display()
                    )));
                }
            }
            let document = read_input(&answers)?;
            let outcome = ws.diagnose(&document)?;
            let (id, outcome) = if save || sheet.is_some() {
                let completed = ws.complete_and_orient(Finish::Answers {
                    answers: outcome.answers,
                    first_name: first_name.as_deref(),
                    keep: save,
                })?;
                if let Some(out) = &sheet {
                    ws.write_sheet(completed.reference(), print, out)?;
                    eprintln!("{}", out.display());
                }
                (completed.id, completed.outcome)
            } else {
                (None, outcome)
            };
            match format {
                Format::Json => print_json(&document::of(&outcome, id.as_deref(), lang))?,
                Format::Text => print!("{}", text::outcome(&ws, &outcome, id.as_deref(), lang)),
            }
        }
        Command::List {
            range,
            profile,
            need,
            limit,
            format,
        } => {
            let filter = Filter {
                from: range.from,
                to: range.to,
                profile,
                need,
                limit: Some(limit),
                offset: 0,
            };
            let rows = ws.store.list_diagnostics(&filter)?;
            match format {
                Format::Json => print_json(&rows)?,
                Format::Text => print!("{}", text::list(&rows, lang)),
            }
        }
        Command::Show { id, format } => {
            let (stored, outcome) = ws.stored_outcome(&id)?;
            match format {
                Format::Json => {
                    let mut value =
                        serde_json::to_value(document::of(&outcome, Some(&stored.id), lang))
                            .map_err(|e| runtime(e.to_string()))?;
                    value["completed_at"] = stored.completed_at.clone().into();
                    value["follow_up"] = stored.follow_up.clone().into();
                    value["answers"] = serde_json::Value::Object(stored.answers.clone());
                    value["orientations"] = serde_json::to_value(&stored.orientations)
                        .map_err(|e| runtime(e.to_string()))?;
                    print_json(&value)?;
                }
                Format::Text => print!("{}", text::outcome(&ws, &outcome, Some(&stored.id), lang)),
            }
        }
        Command::Export {
            format,
            out,
            separator,
            range,
        } => {
            let filter = Filter {
                from: range.from,
                to: range.to,
                ..Filter::default()
            };
            let written = match format {
                ExportFormat::Csv if separator == Separator::Semicolon => {
                    Written::Csv { separator: b';' }
                }
                ExportFormat::Csv => Written::Csv { separator: b',' },
                ExportFormat::Json => Written::Json,
            };
            match out {
                Some(path) => {
                    let count = ws.export_to_file(written, &filter, &path)?;
                    eprintln!("{count} diagnostic(s) → {}", path.display());
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut sink = std::io::BufWriter::new(stdout.lock());
                    ws.export_to(written, &filter, &mut sink)?;
                    sink.flush().map_err(|e| runtime(e.to_string()))?;
                }
            }
        }
        Command::Report { range, format } => {
            let filter = Filter {
                from: range.from,
                to: range.to,
                ..Filter::default()
            };
            let figures = report::compute(&ws.store, &filter)?;
            match format {
                Format::Json => print_json(&figures)?,
                Format::Text => print!("{}", report::text(&figures, &ws.questionnaire, lang)),
            }
        }
        Command::Sheet { id, out, print } => {
            ws.write_sheet(&id, print.options(lang)?, &out)?;
            eprintln!("{}", out.display());
        }
        Command::FollowUp { id, outcome } => ws.set_follow_up(&id, &outcome)?,
        Command::Orient { id, choices } => {
            let pairs = choices
                .iter()
                .map(|c| {
                    c.split_once('=')
                        .filter(|(need, service)| !need.is_empty() && !service.is_empty())
                        .map(|(need, service)| (need.to_owned(), service.to_owned()))
                        .ok_or_else(|| {
                            bad(format!(
                                "--choose \"{c}\" is not of the form NEED=SERVICE_ID"
                            ))
                        })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let saved = ws.choose_orientations(&id, &pairs)?;
            for o in saved {
                println!(
                    "{}  {} — {}",
                    o.need, o.snapshot.structure, o.snapshot.service
                );
            }
        }
        Command::Enrol { server, code, name } => {
            let name = name
                .or_else(|| std::env::var("HOSTNAME").ok())
                .or_else(|| {
                    std::fs::read_to_string("/etc/hostname")
                        .ok()
                        .map(|h| h.trim().to_owned())
                })
                .unwrap_or_else(|| "aiguillage".to_owned());
            let device = ws.enrol(&server, &code, &name).map_err(sync_failure)?;
            println!("{device}");
        }
        Command::Sync { status: true } => print_json(&ws.sync_status().map_err(sync_failure)?)?,
        Command::Sync { status: false } => print_json(&ws.sync().map_err(sync_failure)?)?,
        Command::Erase { id } => ws.erase(&id)?,
        Command::Bundle(BundleCommand::Export { out }) => {
            let (out, count) = ws.export_bundle(|_| out.clone()).map_err(sync_failure)?;
            eprintln!("{count} operation(s) → {}", out.display());
        }
        Command::Settings(SettingsCommand::Show) => {
            let centre = ws.centre_name()?.unwrap_or_default();
            println!("centre_name: {centre}");
            let phone = ws.centre_phone()?.unwrap_or_default();
            println!("centre_phone: {phone}");
            let commune = ws.centre_commune()?.unwrap_or_default();
            println!("centre_commune: {commune}");
            println!("data_dir: {}", data_dir.display());
            println!("database: {}", ws.store.path().display());
            let retention = ws.retention()?;
            println!("retention_drafts_days: {}", retention.draft_days);
            println!("retention_first_names_days: {}", retention.first_name_days);
        }
        Command::Settings(SettingsCommand::Retention {
            drafts,
            first_names,
        }) => {
            let retention = aiguillage_core::retention::Retention {
                draft_days: drafts,
                first_name_days: first_names,
            };
            ws.set_retention(retention)?;
        }
        Command::Audit { limit, format } => {
            let entries = ws.store.list_audit(limit)?;
            match format {
                Format::Json => print_json(&entries)?,
                Format::Text => {
                    for e in entries {
                        println!(
                            "{}  {:<10} {}  {}",
                            e.at,
                            e.actor,
                            e.action,
                            e.record_id.unwrap_or_default()
                        );
                    }
                }
            }
        }
        Command::Settings(SettingsCommand::CentreName { name }) => {
            ws.set_centre_name(&name)?;
        }
        Command::Settings(SettingsCommand::CentrePhone { phone }) => {
            ws.set_centre_phone(&phone)?;
        }
        Command::Settings(SettingsCommand::CentreCommune { code }) => {
            ws.set_centre_commune(&code)?;
        }
        Command::Directory(DirectoryCommand::Import {
            files,
            departements,
        }) if !departements.is_empty() => {
            let area = Area::new(&departements)?;
            let (structures, services) = pair(&files)?;
            let progress = progress_bar();
            let report = ws.import_area(&structures, &services, &area, &mut |read, total| {
                progress(read, total);
            })?;
            match lang {
                Lang::Fr => println!(
                    "{} structure(s) et {} service(s) gardés, {} ligne(s) hors du territoire, {} retirée(s) car absentes des fichiers, {} refusée(s).",
                    report.structures,
                    report.services,
                    report.outside,
                    report.removed,
                    report.rejected.len()
                ),
                Lang::En => println!(
                    "{} structure(s) and {} service(s) kept, {} row(s) outside the area, {} removed as no longer in the files, {} rejected.",
                    report.structures,
                    report.services,
                    report.outside,
                    report.removed,
                    report.rejected.len()
                ),
            }
            for r in &report.rejected {
                println!("  {} {}: {}", r.kind, r.id, r.problem);
            }
        }
        Command::Directory(DirectoryCommand::Import { files, .. }) => {
            let report = import(&mut ws, &files)?;
            match lang {
                Lang::Fr => println!(
                    "{} structure(s) et {} service(s) importés, {} ligne(s) refusée(s).",
                    report.structures,
                    report.services,
                    report.rejected.len()
                ),
                Lang::En => println!(
                    "{} structure(s) and {} service(s) imported, {} row(s) rejected.",
                    report.structures,
                    report.services,
                    report.rejected.len()
                ),
            }
            for r in &report.rejected {
                println!("  {} {}: {}", r.kind, r.id, r.problem);
            }
        }
        Command::Directory(DirectoryCommand::Search {
            thematique,
            commune,
            format,
        }) => {
            if !ReferenceLists::embedded().thematiques.contains(&thematique) {
                return Err(bad(format!(
                    "--thematique \"{thematique}\" is not a data·inclusion thématique"
                )));
            }
            if let Some(c) = commune
                .as_ref()
                .filter(|c| c.len() != 5 || !c.chars().all(|ch| ch.is_ascii_alphanumeric()))
            {
                return Err(bad(format!(
                    "--commune \"{c}\" is not an INSEE code of five characters"
                )));
            }
            let directory = ws.directory()?;
            let found = directory.search(&thematique, commune.as_deref());
            match format {
                Format::Json => {
                    let rows: Vec<serde_json::Value> = found
                        .iter()
                        .map(|(service, structure)| serde_json::json!({"structure": structure, "service": service}))
                        .collect();
                    print_json(&rows)?;
                }
                Format::Text => print!("{}", text::search(&found)),
            }
        }
        Command::Commune(_) => unreachable!("answered before any records are opened"),
        Command::Demo(DemoCommand::Seed { count }) => {
            let ids = demo::seed(&mut ws, count)?;
            println!(
                "{} {}",
                ids.len(),
                if lang == Lang::Fr {
                    "diagnostics fictifs ajoutés à la base de démonstration."
                } else {
                    "fictional diagnostics added to the demo database."
                }
            );
        }
    }
    Ok(())
}

fn sync_failure(e: aiguillage_core::sync::SyncError) -> Failure {
    use aiguillage_core::sync::SyncError;
    let code = match &e {
        SyncError::NotEnrolled
        | SyncError::Demo
        | SyncError::NotAnAddress(_)
        | SyncError::Insecure(_) => 2,
        SyncError::Refused { status, .. } if (400..500).contains(status) => 2,
        _ => 1,
    };
    Failure {
        code,
        message: e.to_string(),
    }
}

/// The answers document, from a file or standard input, within its size limit.
fn read_input(source: &str) -> Result<String, Failure> {
    let max = aiguillage_domain::limits::ANSWERS_BYTES;
    if source == "-" {
        read_limited_from(std::io::stdin(), max).map_err(|e| match e {
            Limited::TooLarge => bad(format!(
                "standard input is larger than {}, the most an answers document may be",
                megabytes(max)
            )),
            Limited::Io(e) => bad(format!("standard input could not be read: {e}")),
        })
    } else {
        Ok(read_limited(Path::new(source), max)?)
    }
}
