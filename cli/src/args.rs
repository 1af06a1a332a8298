//! The command line's grammar (clap): global options, commands and their arguments. Names are a
//! contract (PRODUCT.md): scripts and documentation rely on them.

use std::path::PathBuf;

use aiguillage_core::sheet::SheetLanguage;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "aiguillage",
    version,
    about = "Diagnostic d'inclusion numérique et orientation, hors ligne."
)]
pub struct Cli {
    /// Data directory (default: the platform's, shared with the desktop app).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Language of texts and messages.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Fr)]
    pub lang: LangArg,
    /// Work on the demo database (fictional records) instead of the real one.
    #[arg(long, global = true)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Fr,
    En,
}

/// How a sheet is printed.
#[derive(Args)]
pub struct SheetArgs {
    /// The person's language: the sheet prints each text in it, then in French (fr, en, es, pt,
    /// ro, uk, ru, tr, ar, prs, ps, ta). Default: the --lang of the command.
    #[arg(long, value_name = "CODE")]
    pub language: Option<String>,
    /// The easy-read sheet: short words, one idea a line, larger type, pictograms.
    #[arg(long)]
    pub easy_read: bool,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum Format {
    Json,
    Text,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum Separator {
    Comma,
    Semicolon,
}

#[derive(clap::Args, Clone, Default)]
pub struct Range {
    /// Completed on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<String>,
    /// Completed before this date (YYYY-MM-DD, exclusive).
    #[arg(long, value_parser = parse_date)]
    pub to: Option<String>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Score and orient one answers document.
    Diagnose {
        /// The answers document, or - for standard input.
        #[arg(long, value_name = "FILE")]
        answers: String,
        /// Keep the diagnostic (with the top service of each need as its orientation).
        #[arg(long)]
        save: bool,
        /// First name for the sheet (kept only with consent_name_on_sheet).
        #[arg(long)]
        first_name: Option<String>,
        /// Also write the handoff sheet of the top service of each need as PDF. Without
        /// --save (or without consent_record) only the anonymous count is stored.
        #[arg(long, value_name = "OUT.pdf")]
        sheet: Option<PathBuf>,
        #[command(flatten)]
        print: SheetArgs,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// List completed diagnostics, the most recent first.
    List {
        #[command(flatten)]
        range: Range,
        #[arg(long)]
        profile: Option<String>,
        #[arg(long)]
        need: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Show one diagnostic.
    Show {
        id: String,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Export completed diagnostics.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// CSV separator: semicolon for French Excel.
        #[arg(long, value_enum, default_value_t = Separator::Comma)]
        separator: Separator,
        #[command(flatten)]
        range: Range,
    },
    /// Figures per week, profile, need, flag and follow-up.
    Report {
        #[command(flatten)]
        range: Range,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Write the handoff sheet of a diagnostic as PDF.
    Sheet {
        id: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        #[command(flatten)]
        print: SheetArgs,
    },
    /// Choose the services of a saved diagnostic's orientations (replaces the current choice).
    Orient {
        id: String,
        /// NEED=SERVICE_ID, once per orientation, in the order they are printed.
        #[arg(long = "choose", value_name = "NEED=SERVICE_ID", required = true)]
        choices: Vec<String>,
    },
    /// Enrol this device with a central server using a single-use code.
    Enrol {
        #[arg(long, value_name = "URL")]
        server: String,
        #[arg(long)]
        code: String,
        /// How the server lists this device (default: the host name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Synchronise with the server now (or show the state with --status).
    Sync {
        #[arg(long)]
        status: bool,
    },
    /// Erase a diagnostic on this device and, at the next sync, everywhere.
    Erase { id: String },
    /// File bundles for centres without a connection.
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// The audit trail of this device: who did what, when, on which record (no personal content).
    Audit {
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Settings of this data directory.
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// Record whether the person went to the orientation.
    FollowUp {
        id: String,
        #[arg(value_parser = ["went", "did_not_go", "unknown"])]
        outcome: String,
    },
    /// The local directory of structures and services.
    #[command(subcommand)]
    Directory(DirectoryCommand),
    /// Demo data for trainers.
    #[command(subcommand)]
    Demo(DemoCommand),
    /// The communes of France, to find a commune's INSEE code.
    #[command(subcommand)]
    Commune(CommuneCommand),
}

#[derive(Subcommand)]
pub enum CommuneCommand {
    /// The communes that best match a name or postcode, best first.
    Search {
        /// A name (accents and hyphens optional, "st" for saint), a postcode or an INSEE code.
        text: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Subcommand)]
pub enum BundleCommand {
    /// Write every unsent operation to one signed file for the coordinator to carry.
    Export {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum SettingsCommand {
    /// Show the settings.
    Show,
    /// Set the centre's name, printed on every handoff sheet.
    CentreName { name: String },
    /// Set the centre's phone number, printed at the foot of every handoff sheet ("" clears it).
    CentrePhone { phone: String },
    /// Set the centre's commune (INSEE code): distances start from it when the person prefers
    /// not to say where they live.
    CentreCommune {
        #[arg(value_name = "INSEE")]
        code: String,
    },
    /// Set how long drafts and first names are kept (in days).
    Retention {
        #[arg(long, value_name = "DAYS")]
        drafts: u32,
        #[arg(long, value_name = "DAYS")]
        first_names: u32,
    },
}

#[derive(Subcommand)]
pub enum DirectoryCommand {
    /// Import a data·inclusion v1 dump: a folder with structures.json and services.json, the two
    /// files, or one JSON object {"structures": [...], "services": [...]}.
    ///
    /// With --departement, the national files as published (JSON or CSV, read as a stream):
    /// only the rows of these départements are kept, and what an earlier import brought from
    /// the same sources is replaced.
    Import {
        #[arg(required = true, num_args = 1..=2)]
        files: Vec<PathBuf>,
        /// A département to keep (69, 2A, 974…); repeat for several.
        #[arg(long = "departement", value_name = "CODE")]
        departements: Vec<String>,
    },
    /// Search services by thématique, nearest to a commune first.
    Search {
        #[arg(long)]
        thematique: String,
        #[arg(long, value_name = "INSEE")]
        commune: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Subcommand)]
pub enum DemoCommand {
    /// Fill the demo database with the personas' diagnostics.
    Seed {
        #[arg(long, default_value_t = 12)]
        count: usize,
    },
}

pub fn parse_date(s: &str) -> Result<String, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(|d| d.to_string())
        .map_err(|_| format!("\"{s}\" is not a date of the form YYYY-MM-DD"))
}

impl SheetArgs {
    /// The sheet's options, its language defaulting to the interface's.
    ///
    /// # Errors
    /// [`aiguillage_core::Error::BadInput`] for a language the sheet is not offered in.
    pub fn options(
        &self,
        lang: aiguillage_domain::Lang,
    ) -> aiguillage_core::Result<aiguillage_core::sheet::SheetOptions> {
        Ok(aiguillage_core::sheet::SheetOptions {
            language: match &self.language {
                Some(code) => code.parse::<SheetLanguage>()?,
                None => lang.into(),
            },
            easy_read: self.easy_read,
        })
    }
}
