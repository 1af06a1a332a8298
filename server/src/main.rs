//! `aiguillage-server`: serve the sync API, and administer centres, enrolment codes, devices,
//! bundles, exports and erasures from the server host.
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, anyhow, bail};
use clap::Parser;

use aiguillage_domain::limits;
use aiguillage_domain::sync::{Bundle, MAX_BATCH_OPERATIONS};
use aiguillage_server::credentials;
use aiguillage_server::now;
use aiguillage_server::storage::postgres::Postgres;
use aiguillage_server::storage::sqlite::Sqlite;
use aiguillage_server::storage::{Storage, StoreError};

mod args;
mod config;
mod retention;
mod serve;

use args::*;
use config::Settings;
use retention::retention_schedule;
use serve::serve;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let rendered = e.render().to_string();
            let first: Vec<&str> = rendered
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .map(str::trim)
                .collect();
            let first = first.join(" ");
            eprintln!(
                "aiguillage-server: {}",
                first
                    .strip_prefix("error: ")
                    .unwrap_or(&first)
                    .trim_end_matches('.')
            );
            return ExitCode::from(2);
        }
    };
    let settings = match config::resolve(&cli) {
        Ok(settings) => settings,
        Err(BadInput(message)) => {
            eprintln!("aiguillage-server: {}", message.trim_end_matches('.'));
            return ExitCode::from(2);
        }
    };
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
                // The server logs its work; admin commands only print their answer.
                if matches!(cli.command, Command::Serve { .. }) {
                    "info"
                } else {
                    "warn"
                }
                .into()
            }),
        )
        .with_writer(std::io::stderr);
    match settings.log_format {
        LogFormat::Json => logs.json().init(),
        LogFormat::Text => logs
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init(),
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("aiguillage-server: the runtime could not start: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli, settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let bad_input = e.downcast_ref::<BadInput>().is_some()
                || e.downcast_ref::<StoreError>()
                    .is_some_and(|s| !matches!(s, StoreError::Internal(_)));
            eprintln!(
                "aiguillage-server: {}",
                format!("{e:#}").trim_end_matches('.')
            );
            ExitCode::from(if bad_input { 2 } else { 1 })
        }
    }
}

/// An error in what the administrator gave (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct BadInput(String);

async fn run(cli: Cli, settings: Settings) -> anyhow::Result<()> {
    if let Command::Backup { out } = &cli.command {
        let count = aiguillage_server::backup::backup(sqlite_file(&settings.db)?, out)
            .map_err(backup_failure)?;
        println!("{count} operation(s) → {}", out.display());
        return Ok(());
    }
    if let Command::Restore { file } = &cli.command {
        let count = aiguillage_server::backup::restore(file, sqlite_file(&settings.db)?)
            .map_err(backup_failure)?;
        println!("{count} operation(s) restored from {}", file.display());
        return Ok(());
    }
    if let Some(path) = settings.db.strip_prefix("sqlite://") {
        let storage =
            Sqlite::open(std::path::Path::new(path)).map_err(|e| anyhow!("{}: {e}", path))?;
        command(storage, &settings, cli.command).await
    } else if settings.db.starts_with("postgres://") || settings.db.starts_with("postgresql://") {
        let storage = Postgres::connect(&settings.db).await?;
        command(storage, &settings, cli.command).await
    } else {
        Err(BadInput(format!(
            "--db \"{}\" must start with sqlite:// or postgres://",
            settings.db
        ))
        .into())
    }
}

/// The SQLite file `--db` names, for a backup or a restore.
fn sqlite_file(db: &str) -> Result<&std::path::Path, BadInput> {
    db.strip_prefix("sqlite://").map(std::path::Path::new).ok_or_else(|| {
        BadInput(
            "backup and restore are for the SQLite database; back up PostgreSQL with pg_dump --format=custom and restore it with pg_restore (see the README)".into(),
        )
    })
}

fn backup_failure(e: aiguillage_server::backup::BackupError) -> anyhow::Error {
    match e {
        aiguillage_server::backup::BackupError::BadInput(m) => BadInput(m).into(),
        other => other.into(),
    }
}

async fn command<S: Storage>(
    storage: S,
    settings: &Settings,
    command: Command,
) -> anyhow::Result<()> {
    match command {
        Command::Serve { .. } => {
            let retention = settings.retention.check()?;
            retention.publish(&storage).await?;
            if settings.retention_every > 0 {
                let every = std::time::Duration::from_secs(settings.retention_every);
                tokio::spawn(retention_schedule(storage.clone(), retention, every));
            }
            serve(storage, settings.listen, settings.tls.clone()).await?
        }
        Command::Centre(CentreCommand::Create { name }) => {
            let name = name.trim().to_owned();
            if name.is_empty() || name.chars().count() > 150 {
                bail!(BadInput(
                    "the centre name must have between 1 and 150 characters".into()
                ));
            }
            println!("{}", storage.create_centre(name, now()).await?.id);
        }
        Command::Centre(CentreCommand::List) => {
            for c in storage.list_centres().await? {
                println!("{}  {}", c.id, c.name);
            }
        }
        Command::EnrolmentCode {
            centre_id,
            hours,
            count,
        } => {
            if !(1..=24 * 7).contains(&hours) {
                bail!(BadInput("--hours must be between 1 and 168".into()));
            }
            if !(1..=10_000).contains(&count) {
                bail!(BadInput("--count must be between 1 and 10000".into()));
            }
            let expires = chrono::Utc::now() + chrono::Duration::hours(hours);
            let expires = aiguillage_domain::time::stamp(expires);
            for _ in 0..count {
                let code = credentials::new_enrolment_code();
                let hash = credentials::hash(&credentials::normalise_code(&code));
                storage
                    .create_enrolment_code(centre_id.clone(), hash, expires.clone(), now())
                    .await?;
                println!("{code}");
                if count == 1 {
                    // The same code as a QR code, on stderr so scripts read only the text.
                    if let Ok(qr) = qrcode::QrCode::new(code.as_bytes()) {
                        let art = qr
                            .render::<qrcode::render::unicode::Dense1x2>()
                            .quiet_zone(true)
                            .build();
                        eprintln!("{art}");
                    }
                }
            }
            eprintln!("valid until {expires}, once each");
        }
        Command::Devices => {
            for d in storage.list_devices().await? {
                let state = d
                    .revoked_at
                    .as_deref()
                    .map_or("active".to_owned(), |at| format!("revoked {at}"));
                println!(
                    "{}  {}  {}  {}  last seen {}",
                    d.id,
                    d.centre_id,
                    d.name,
                    state,
                    d.last_seen.as_deref().unwrap_or("never")
                );
            }
        }
        Command::Backup { .. } | Command::Restore { .. } => {
            unreachable!("done before the database is opened")
        }
        Command::Revoke { device_id } => storage.revoke(device_id, now()).await?,
        Command::Bundle(BundleCommand::Import { file }) => {
            let text = read_limited(&file, limits::BUNDLE_BYTES)?;
            let bundle: Bundle = serde_json::from_str(&text)
                .map_err(|e| BadInput(format!("{}: not a bundle ({e})", file.display())))?;
            let key = storage.bundle_key(bundle.device_id.clone()).await?;
            bundle
                .verify(&key)
                .map_err(|m| BadInput(format!("{}: {m}", file.display())))?;
            let device = storage
                .list_devices()
                .await?
                .into_iter()
                .find(|d| d.id == bundle.device_id)
                .ok_or_else(|| BadInput("the bundle's device is unknown".into()))?;
            // Every operation checked before any of them is stored.
            aiguillage_server::questionnaires::check_bodies(&storage, &bundle.operations)
                .await?
                .map_err(|m| BadInput(format!("{}: {m}", file.display())))?;
            let mut acked = 0;
            for batch in bundle.operations.chunks(MAX_BATCH_OPERATIONS) {
                acked = storage
                    .push(device.clone(), batch.to_vec(), now())
                    .await?
                    .acked_through;
            }
            storage
                .audit(
                    "admin".into(),
                    "bundle_import".into(),
                    Some(device.id.clone()),
                    now(),
                )
                .await?;
            println!(
                "{} operation(s) of device {} held through seq {acked}",
                bundle.operations.len(),
                device.id
            );
        }
        Command::Export { .. } => {
            let mut writer = std::io::stdout().lock();
            use std::io::Write;
            writeln!(
                writer,
                "centre_id,device_id,id,received_at,profile,needs,completed_at"
            )?;
            for r in storage.list_records().await? {
                let body: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_default();
                let profile = body["result"]["profile"].as_str().unwrap_or_default();
                let needs: Vec<&str> = body["result"]["needs"]
                    .as_array()
                    .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
                    .unwrap_or_default();
                let completed = body["completed_at"].as_str().unwrap_or_default();
                writeln!(
                    writer,
                    "{},{},{},{},{},{},{}",
                    r.centre_id,
                    r.device_id,
                    r.entity_id,
                    r.received_at,
                    profile,
                    needs.join("|"),
                    completed
                )?;
            }
            storage
                .audit("admin".into(), "export".into(), None, now())
                .await?;
        }
        Command::Erase { id } => {
            if uuid::Uuid::parse_str(&id).is_err() {
                bail!(BadInput(format!("\"{id}\" is not a record id")));
            }
            storage.erase(id, "admin".into(), now()).await?;
        }
        Command::Questionnaire(QuestionnaireCommand::Publish { file }) => {
            let text = read_limited(&file, limits::QUESTIONNAIRE_BYTES)?;
            let questionnaire = aiguillage_domain::Questionnaire::parse(&text)
                .map_err(|e| BadInput(format!("{}: {e}", file.display())))?;
            let value: serde_json::Value = serde_json::from_str(&text)?;
            let version = format!("{}@{}", questionnaire.id, questionnaire.version);
            let payload = serde_json::json!({ "questionnaire": value }).to_string();
            let seq = storage
                .publish(
                    None,
                    "questionnaire".into(),
                    Some(version.clone()),
                    payload,
                    now(),
                )
                .await?;
            println!("{version} published as change {seq}");
        }
        Command::Directory(DirectoryCommand::Import { files, centre }) => {
            let (structures, services) = match files.as_slice() {
                [dir] if dir.is_dir() => (dir.join("structures.json"), dir.join("services.json")),
                [a, b] => (a.clone(), b.clone()),
                _ => bail!(BadInput(
                    "give the folder of the dump, or its structures and services files".into()
                )),
            };
            let read = |path: &PathBuf| -> anyhow::Result<Vec<serde_json::Value>> {
                let text = read_limited(path, limits::DIRECTORY_BYTES)?;
                match serde_json::from_str(&text) {
                    Ok(serde_json::Value::Array(rows)) => Ok(rows),
                    _ => Err(BadInput(format!(
                        "{}: expected a JSON array of rows",
                        path.display()
                    ))
                    .into()),
                }
            };
            let (structures, services) = (read(&structures)?, read(&services)?);
            let (good_structures, good_services, rejected) =
                aiguillage_domain::directory::validation::check_rows(&structures, &services);
            // Pages of at most 500 services with their structures, so pulls stay small.
            let raw =
                |text: &String| serde_json::from_str::<serde_json::Value>(text).unwrap_or_default();
            let mut published = 0;
            for chunk in good_services.chunks(500) {
                let owners: std::collections::HashSet<(&str, &str)> = chunk
                    .iter()
                    .map(|(s, _)| (s.source.as_str(), s.structure_id.as_str()))
                    .collect();
                let chunk_structures: Vec<serde_json::Value> = good_structures
                    .iter()
                    .filter(|(s, _)| owners.contains(&(s.source.as_str(), s.id.as_str())))
                    .map(|(_, text)| raw(text))
                    .collect();
                let chunk_services: Vec<serde_json::Value> =
                    chunk.iter().map(|(_, text)| raw(text)).collect();
                let payload = serde_json::json!({ "structures": chunk_structures, "services": chunk_services });
                storage
                    .publish(
                        Some(centre.clone()),
                        "directory".into(),
                        None,
                        payload.to_string(),
                        now(),
                    )
                    .await?;
                published += chunk.len();
            }
            println!(
                "{published} service(s) published to centre {centre}, {} row(s) rejected",
                rejected.len()
            );
            for r in rejected {
                println!("  {} {}: {}", r.kind, r.id, r.problem);
            }
        }
        Command::Retention { as_of, .. } => {
            let periods = settings.retention.check()?;
            let at = match as_of {
                Some(date) => chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                    .map_err(|_| {
                        BadInput(format!(
                            "--as-of \"{date}\" is not a date of the form YYYY-MM-DD"
                        ))
                    })?
                    .and_hms_opt(0, 0, 0)
                    .map(|d| d.and_utc())
                    .unwrap_or_else(chrono::Utc::now),
                None => chrono::Utc::now(),
            };
            let (anonymised, deleted) = periods.apply(&storage, at).await?;
            println!("{anonymised} diagnostic(s) anonymised, {deleted} deleted");
        }
        Command::Quarantine => println!(
            "{}",
            serde_json::to_string_pretty(&storage.list_quarantine().await?)?
        ),
        Command::PendingErasures => println!(
            "{}",
            serde_json::to_string_pretty(&storage.list_pending_erasures().await?)?
        ),
    }
    Ok(())
}

/// Reads a file given on the command line, refusing it unread when it is larger than its kind
/// may be (`aiguillage_domain::limits`).
fn read_limited(path: &std::path::Path, max_bytes: u64) -> anyhow::Result<String> {
    let size = std::fs::metadata(path)
        .with_context(|| path.display().to_string())?
        .len();
    if size > max_bytes {
        bail!(BadInput(format!(
            "{} is larger than {}, the most such a file may be",
            path.display(),
            limits::megabytes(max_bytes)
        )));
    }
    std::fs::read_to_string(path).with_context(|| path.display().to_string())
}
