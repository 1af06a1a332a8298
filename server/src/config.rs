//! The server's settings: the options on the command line, else the settings file (`--config`,
//! `/etc/aiguillage/server.toml` in the Debian package), else the defaults. A file with an
//! unknown key or a value of the wrong kind is refused in one sentence naming the file and the
//! fault, before anything starts.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::BadInput;
use crate::args::{Cli, Command, LogFormat, RetentionArgs};

/// The database when nothing names one: a file in the working directory.
const DEFAULT_DB: &str = "sqlite://aiguillage-server.sqlite3";
/// Loopback: reached from this computer, or through a reverse proxy on it.
const DEFAULT_LISTEN: &str = "127.0.0.1:8440";
/// Retention runs once a day.
const DEFAULT_RETENTION_EVERY: u64 = 86_400;

/// The settings file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    database: Option<String>,
    listen: Option<SocketAddr>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    log_format: Option<LogFormat>,
    #[serde(default)]
    retention: FileRetention,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRetention {
    anonymise_after_days: Option<u32>,
    delete_after_days: Option<u32>,
    every_seconds: Option<u64>,
}

/// How long the server keeps diagnostics (defaults from the CNIL's reference for social
/// support: two years, then what remains is deleted a year later).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionPeriods {
    /// Diagnostics received more than this many days ago keep only their result.
    pub anonymise_after_days: u32,
    /// Diagnostics received more than this many days ago lose their content.
    pub delete_after_days: u32,
}

/// What the whole process runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub db: String,
    pub listen: SocketAddr,
    pub log_format: LogFormat,
    pub tls: Option<(PathBuf, PathBuf)>,
    pub retention: RetentionPeriods,
    /// Seconds between two retention runs; 0 for none.
    pub retention_every: u64,
}

fn read(path: &Path) -> Result<File, BadInput> {
    let text =
        std::fs::read_to_string(path).map_err(|e| BadInput(format!("{}: {e}", path.display())))?;
    toml::from_str(&text).map_err(|e| {
        let why = e.message().trim_end_matches('.').to_owned();
        let at = e
            .span()
            .map(|span| {
                let line = text[..span.start].lines().count().max(1);
                format!(" (line {line})")
            })
            .unwrap_or_default();
        BadInput(format!("{}: {why}{at}", path.display()))
    })
}

/// The settings `cli` runs with: its options, the settings file's, the defaults.
///
/// # Errors
/// [`BadInput`] naming the settings file and its fault, or the pair of TLS files given half.
pub fn resolve(cli: &Cli) -> Result<Settings, BadInput> {
    let file = match &cli.config {
        Some(path) => read(path)?,
        None => File::default(),
    };
    let (tls_cert, tls_key, args, every) = match &cli.command {
        Command::Serve {
            tls_cert,
            tls_key,
            retention,
            retention_every,
        } => (
            tls_cert.clone(),
            tls_key.clone(),
            Some(*retention),
            *retention_every,
        ),
        Command::Retention { periods, .. } => (None, None, Some(*periods), None),
        _ => (None, None, None, None),
    };
    let args = args.unwrap_or(RetentionArgs {
        anonymise_after_days: None,
        delete_after_days: None,
    });
    let tls = match (tls_cert.or(file.tls_cert), tls_key.or(file.tls_key)) {
        (Some(cert), Some(key)) => Some((cert, key)),
        (None, None) => None,
        _ => {
            return Err(BadInput(
                "a TLS certificate goes with its key: give tls_cert and tls_key together".into(),
            ));
        }
    };
    Ok(Settings {
        db: cli
            .db
            .clone()
            .or(file.database)
            .unwrap_or_else(|| DEFAULT_DB.to_owned()),
        listen: cli
            .listen
            .or(file.listen)
            .unwrap_or_else(|| DEFAULT_LISTEN.parse().expect("a socket address")),
        log_format: cli.log_format.or(file.log_format).unwrap_or_default(),
        tls,
        retention: RetentionPeriods {
            anonymise_after_days: args
                .anonymise_after_days
                .or(file.retention.anonymise_after_days)
                .unwrap_or(730),
            delete_after_days: args
                .delete_after_days
                .or(file.retention.delete_after_days)
                .unwrap_or(1095),
        },
        retention_every: every
            .or(file.retention.every_seconds)
            .unwrap_or(DEFAULT_RETENTION_EVERY),
    })
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    fn settings(file: &str, args: &[&str]) -> Result<Settings, BadInput> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("server.toml");
        std::fs::write(&path, file).unwrap();
        let mut argv = vec!["aiguillage-server", "--config", path.to_str().unwrap()];
        argv.extend_from_slice(args);
        resolve(&Cli::try_parse_from(argv).unwrap())
    }

    #[test]
    fn the_packaged_settings_file_is_read_whole() {
        let packaged = include_str!("../packaging/server.toml");
        let s = settings(packaged, &["serve"]).unwrap();
        assert_eq!(s.db, "sqlite:///var/lib/aiguillage/server.sqlite3");
        assert_eq!(s.listen, "127.0.0.1:8440".parse().unwrap());
        assert_eq!(s.log_format, LogFormat::Json, "the journal gets JSON lines");
        assert_eq!(s.tls, None);
        assert_eq!(
            (
                s.retention.anonymise_after_days,
                s.retention.delete_after_days,
                s.retention_every
            ),
            (730, 1095, 86_400)
        );
    }

    #[test]
    fn an_option_overrides_the_file_and_the_file_the_defaults() {
        let file = "database = \"postgres://aiguillage@db/aiguillage\"\nlisten = \"0.0.0.0:8443\"\ntls_cert = \"/c.pem\"\ntls_key = \"/k.pem\"\n[retention]\nanonymise_after_days = 365\n";
        let s = settings(
            file,
            &[
                "--listen",
                "127.0.0.1:9000",
                "serve",
                "--delete-after-days",
                "400",
            ],
        )
        .unwrap();
        assert_eq!(s.db, "postgres://aiguillage@db/aiguillage", "from the file");
        assert_eq!(
            s.listen,
            "127.0.0.1:9000".parse().unwrap(),
            "the option wins"
        );
        assert_eq!(s.tls, Some(("/c.pem".into(), "/k.pem".into())));
        assert_eq!(
            (
                s.retention.anonymise_after_days,
                s.retention.delete_after_days
            ),
            (365, 400)
        );
        assert_eq!(s.log_format, LogFormat::Text, "the default");
    }

    #[test]
    fn a_bad_settings_file_is_refused_naming_the_file_the_fault_and_its_line() {
        for (file, fault) in [
            (
                "listen = \"127.0.0.1:8440\"\nport = 80\n",
                "unknown field `port`",
            ),
            ("listen = \"partout\"\n", "line 1"),
            (
                "[retention]\nanonymise_after_days = \"deux ans\"\n",
                "line 2",
            ),
            ("tls_cert = \"/c.pem\"\n", "together"),
        ] {
            let err = settings(file, &["serve"]).unwrap_err().0;
            assert!(err.contains("server.toml") || fault == "together", "{err}");
            assert!(err.contains(fault), "{err} should say {fault}");
        }
    }
}
