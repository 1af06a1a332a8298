//! The server's command line: `serve` and the administrator's commands, as clap reads them.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use serde::Deserialize;

#[derive(Parser)]
#[command(
    name = "aiguillage-server",
    version,
    about = "Serveur central de synchronisation d'Aiguillage."
)]
pub struct Cli {
    /// Settings file (TOML; see server/packaging/server.toml); the options below override it.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Database: sqlite://PATH (default: sqlite://aiguillage-server.sqlite3) or postgres://…
    #[arg(long, global = true)]
    pub db: Option<String>,
    /// Address to listen on (default: 127.0.0.1:8440, loopback).
    #[arg(long, global = true)]
    pub listen: Option<SocketAddr>,
    /// Logs as text lines (default) or JSON lines (for the journal).
    #[arg(long, global = true, value_enum)]
    pub log_format: Option<LogFormat>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the HTTP API until SIGTERM or Ctrl-C (HTTPS when given a certificate and key),
    /// applying retention at start and then on a schedule.
    Serve {
        /// PEM certificate chain: serve HTTPS (rustls).
        #[arg(long, value_name = "FILE", requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// PEM private key of the certificate.
        #[arg(long, value_name = "FILE", requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        #[command(flatten)]
        retention: RetentionArgs,
        /// Seconds between two retention runs (default: a day; 0 turns the schedule off).
        #[arg(long, value_name = "SECONDS")]
        retention_every: Option<u64>,
    },
    /// Centres.
    #[command(subcommand)]
    Centre(CentreCommand),
    /// Coordinators' accounts for the web console (/console/).
    #[command(subcommand)]
    Account(AccountCommand),
    /// Create single-use enrolment codes for a centre (valid 24 hours), one per line.
    EnrolmentCode {
        centre_id: String,
        #[arg(long, default_value_t = 24)]
        hours: i64,
        /// How many codes (one per device to enrol).
        #[arg(long, default_value_t = 1)]
        count: u32,
    },
    /// List the enrolled devices.
    Devices,
    /// Revoke a device: its next request is refused.
    Revoke { device_id: String },
    /// File bundles from devices without a connection.
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// Export every stored diagnostic.
    Export {
        #[arg(long, value_parser = ["csv"])]
        format: String,
    },
    /// Erase a record everywhere (right to erasure).
    Erase { id: String },
    /// Questionnaire versions for every device.
    #[command(subcommand)]
    Questionnaire(QuestionnaireCommand),
    /// A centre's directory of structures and services.
    #[command(subcommand)]
    Directory(DirectoryCommand),
    /// Apply retention: anonymise old diagnostics (answers removed), then delete older ones.
    Retention {
        #[command(flatten)]
        periods: RetentionArgs,
        /// Apply as of this date instead of now (YYYY-MM-DD; for checks and tests).
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Copy the SQLite database into a new file, consistent while the server serves
    /// (PostgreSQL: pg_dump, see the README).
    Backup {
        /// The backup file to write; it must not exist.
        #[arg(long)]
        out: PathBuf,
    },
    /// Replace the SQLite database with a backup, once it is checked (stop the server first).
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Operations refused because their seq was already held with another body.
    Quarantine,
    /// Devices that have not yet applied an erasure.
    PendingErasures,
}

#[derive(Subcommand)]
pub enum CentreCommand {
    /// Create a centre; prints its id.
    Create { name: String },
    /// List centres.
    List,
}

#[derive(Subcommand)]
pub enum AccountCommand {
    /// Create an account; its passphrase is read from the terminal (twice), or from
    /// AIGUILLAGE_ACCOUNT_PASSPHRASE.
    Create {
        name: String,
        /// network: every centre; centre: one centre (--centre).
        #[arg(long, value_enum)]
        role: AccountRole,
        /// The centre of a centre coordinator.
        #[arg(long, required_if_eq("role", "centre"))]
        centre: Option<String>,
    },
    /// List the accounts.
    List,
}

/// An account's role, as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AccountRole {
    Network,
    Centre,
}

#[derive(Subcommand)]
pub enum QuestionnaireCommand {
    /// Check a questionnaire file and publish it to every device.
    Publish { file: PathBuf },
}

#[derive(Subcommand)]
pub enum DirectoryCommand {
    /// Check a data·inclusion v1 dump (structures.json and services.json, or their folder) and
    /// publish its valid rows to the devices of a centre.
    Import {
        #[arg(required = true, num_args = 1..=2)]
        files: Vec<PathBuf>,
        #[arg(long)]
        centre: String,
    },
}

#[derive(Subcommand)]
pub enum BundleCommand {
    /// Import a bundle file through the same idempotent path as network sync.
    Import { file: PathBuf },
}

/// How long the server keeps diagnostics, as given (defaults in `config::RetentionPeriods`).
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct RetentionArgs {
    /// Diagnostics received more than this many days ago keep only their result (default 730).
    #[arg(long)]
    pub anonymise_after_days: Option<u32>,
    /// Diagnostics received more than this many days ago lose their content (default 1095).
    #[arg(long)]
    pub delete_after_days: Option<u32>,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One readable line an event.
    #[default]
    Text,
    /// One JSON object a line (the journal under systemd).
    Json,
}
