//! `aiguillage-server`: serve the sync API, and administer centres, enrolment codes, devices,
//! bundles, exports and erasures from the server host.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use anyhow::{Context as _, anyhow, bail};
use clap::Parser;

use aiguillage_domain::limits;
use aiguillage_domain::sync::{Bundle, MAX_BATCH_OPERATIONS};
use aiguillage_server::now;
use aiguillage_server::storage::StoreError;
use aiguillage_server::storage::console::{ConsoleStorage, Role};
use aiguillage_server::storage::postgres::Postgres;
use aiguillage_server::storage::sqlite::Sqlite;
use aiguillage_server::{accounts, admin};

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

/// Who the host's command line acts as, in the audit trail.
const ADMIN: &str = "admin";

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

async fn command<S: ConsoleStorage>(
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
            println!("{}", admin::create_centre(&storage, &name, ADMIN).await?.id);
        }
        Command::Account(AccountCommand::Create { name, role, centre }) => {
            let role = match (role, centre) {
                (AccountRole::Network, None) => Role::Network,
                (AccountRole::Centre, Some(centre)) => Role::Centre(centre),
                (AccountRole::Network, Some(_)) => bail!(BadInput(
                    "--centre is for a centre coordinator; a network coordinator sees every centre"
                        .into()
                )),
                (AccountRole::Centre, None) => {
                    bail!(BadInput("--centre is required with --role centre".into()))
                }
            };
            let passphrase = new_passphrase()?;
            let account = accounts::create(&storage, &name, role, &passphrase).await?;
            println!("{} ({})", account.name, account.role.name());
        }
        Command::Account(AccountCommand::List) => {
            for a in storage.list_accounts().await? {
                println!(
                    "{}  {}  {}",
                    a.name,
                    a.role.name(),
                    a.role.centre().unwrap_or("-")
                );
            }
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
            let made = admin::enrolment_codes(&storage, &centre_id, hours, count, ADMIN).await?;
            for code in &made.codes {
                println!("{code}");
            }
            if let [code] = made.codes.as_slice() {
                // The same code as a QR code, on stderr so scripts read only the text.
                if let Ok(qr) = qrcode::QrCode::new(code.as_bytes()) {
                    let art = qr
                        .render::<qrcode::render::unicode::Dense1x2>()
                        .quiet_zone(true)
                        .build();
                    eprintln!("{art}");
                }
            }
            eprintln!("valid until {}, once each", made.expires_at);
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
        Command::Revoke { device_id } => storage.revoke(device_id, "admin".into(), now()).await?,
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
            admin::export_records(
                &storage.list_records().await?,
                &mut std::io::stdout().lock(),
            )?;
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
            let (version, seq) = admin::publish_questionnaire(&storage, &text, ADMIN)
                .await
                .map_err(|e| in_file(&file, e))?;
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
            let structures = read_limited(&structures, limits::DIRECTORY_BYTES)?;
            let services = read_limited(&services, limits::DIRECTORY_BYTES)?;
            let import =
                admin::publish_directory(&storage, &centre, &structures, &services, ADMIN).await?;
            println!(
                "{} service(s) published to centre {centre}, {} row(s) rejected",
                import.published,
                import.rejected.len()
            );
            for r in import.rejected {
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

/// A new account's passphrase: from `AIGUILLAGE_ACCOUNT_PASSPHRASE`, else typed twice on the
/// terminal without echo.
fn new_passphrase() -> anyhow::Result<String> {
    if let Ok(passphrase) = std::env::var("AIGUILLAGE_ACCOUNT_PASSPHRASE") {
        return Ok(passphrase);
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        bail!(BadInput(
            "give the passphrase in AIGUILLAGE_ACCOUNT_PASSPHRASE, or run this on a terminal"
                .into()
        ));
    }
    let first = rpassword::prompt_password("Passphrase: ")?;
    let again = rpassword::prompt_password("Passphrase again: ")?;
    if first != again {
        bail!(BadInput(
            "the two passphrases differ; nothing was created".into()
        ));
    }
    Ok(first)
}

/// A refusal of what `file` holds, naming it.
fn in_file(file: &std::path::Path, e: StoreError) -> anyhow::Error {
    match e {
        StoreError::Invalid(m) => BadInput(format!("{}: {m}", file.display())).into(),
        other => other.into(),
    }
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
