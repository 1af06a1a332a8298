//! Records leaving the device: the diagnostics of a period exported as CSV or JSON, each export
//! on record in the audit trail before any record leaves.

use std::io::Write;
use std::path::Path;

use super::Workspace;
use crate::error::Result;
use crate::export;
use crate::store::{AuditAction, Filter, Store};

/// How an export is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// CSV with this separator (`;` for French spreadsheets, `,`).
    Csv { separator: u8 },
    /// One JSON array.
    Json,
}

impl Workspace {
    /// Writes the diagnostics of `filter` as `format` into the file `path` (whole or not at all);
    /// how many.
    ///
    /// # Errors
    /// The file's, naming it; the database's.
    pub fn export_to_file(
        &mut self,
        format: ExportFormat,
        filter: &Filter,
        path: &Path,
    ) -> Result<u64> {
        let questionnaire = self.questionnaire.clone();
        self.store
            .write_audited(AuditAction::Export, None, path, |store, sink| {
                write(store, &questionnaire, format, filter, sink)
            })
    }

    /// Writes the diagnostics of `filter` as `format` to `sink` (standard output); how many.
    ///
    /// # Errors
    /// The sink's; the database's.
    pub fn export_to(
        &mut self,
        format: ExportFormat,
        filter: &Filter,
        sink: &mut dyn Write,
    ) -> Result<u64> {
        // On record before any record leaves, as for a file.
        self.store.audit(AuditAction::Export, None)?;
        write(&self.store, &self.questionnaire, format, filter, sink)
    }
}

fn write(
    store: &Store,
    questionnaire: &aiguillage_domain::Questionnaire,
    format: ExportFormat,
    filter: &Filter,
    sink: &mut dyn Write,
) -> Result<u64> {
    match format {
        ExportFormat::Csv { separator } => {
            export::csv(store, questionnaire, filter, separator, sink)
        }
        ExportFormat::Json => export::json(store, questionnaire, filter, sink),
    }
}
