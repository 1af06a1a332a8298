//! Changing the directory from a front end: each import or edit is stamped by the workspace's
//! clock, and the in-memory index is read again after it, so matching sees the change at once.

use std::path::Path;

use super::Workspace;
use crate::directory::{self, Area, AreaReport, ImportReport, LocalStructure};
use crate::error::Result;

impl Workspace {
    /// Imports a data·inclusion dump: a `structures` and a `services` JSON array file.
    ///
    /// # Errors
    /// As [`directory::import_directory_files`]; nothing is imported then.
    pub fn import_directory_files(
        &mut self,
        structures: &Path,
        services: &Path,
    ) -> Result<ImportReport> {
        let now = self.now();
        let report = directory::import_directory_files(&mut self.store, structures, services, &now);
        self.reload_directory();
        report
    }

    /// Imports one JSON document `{"structures": [...], "services": [...]}` named `name`,
    /// telling `progress` how many rows of how many are done.
    ///
    /// # Errors
    /// As [`directory::import_directory_document`]; nothing is imported then.
    pub fn import_directory_document(
        &mut self,
        name: &str,
        text: &str,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        let now = self.now();
        let report =
            directory::import_directory_document(&mut self.store, name, text, &now, progress);
        self.reload_directory();
        report
    }

    /// Imports the national files' rows of `area`, telling `progress` the bytes read.
    ///
    /// # Errors
    /// As [`directory::import_area`]; nothing is changed then.
    pub fn import_area(
        &mut self,
        structures: &Path,
        services: &Path,
        area: &Area,
        progress: directory::Progress<'_>,
    ) -> Result<AreaReport> {
        let now = self.now();
        let report =
            directory::import_area(&mut self.store, structures, services, area, &now, progress);
        self.reload_directory();
        report
    }

    /// Adds or edits a structure typed in at the centre; its id.
    ///
    /// # Errors
    /// As [`directory::save_local_structure`]; nothing is changed then.
    pub fn save_local_structure(&mut self, local: &LocalStructure) -> Result<String> {
        let now = self.now();
        let id = directory::save_local_structure(&mut self.store, local, &now);
        self.reload_directory();
        id
    }
}
