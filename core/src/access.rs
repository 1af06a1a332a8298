//! Who may do what on a device. Three roles, as the centre works: a volunteer runs diagnostics
//! and sees the centre's records; a coordinator also runs the centre (reports, exports, the
//! directory, enrolment, volunteers, settings, erasure); a trainer only ever sees the demo.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Problem, Result};
use crate::store::Mode;

/// A volunteer's role on the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Volunteer,
    Coordinator,
    Trainer,
}

/// Something a role may or may not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Start, fill and complete a diagnostic; choose orientations; print its sheet.
    RunDiagnostic,
    /// See the history and a saved diagnostic, search the directory.
    ViewRecords,
    /// Open the real records (leave demo mode).
    UseRealRecords,
    /// Enter or reset demo mode.
    UseDemo,
    /// See the centre's figures.
    ViewReports,
    /// Write records to a file (CSV, JSON, bundle).
    Export,
    /// Import a directory file, add or edit a local place.
    EditDirectory,
    /// Enrol the device with a server and sync it.
    Enrol,
    /// Add and remove volunteers, reset a passphrase.
    ManageVolunteers,
    /// Change the centre name, retention periods and the lock delay.
    ChangeSettings,
    /// Erase a person's diagnostic (consent withdrawal).
    Erase,
    /// Read the audit trail.
    ViewAudit,
}

impl Action {
    /// Every action, for tables and tests.
    pub const ALL: [Action; 12] = [
        Action::RunDiagnostic,
        Action::ViewRecords,
        Action::UseRealRecords,
        Action::UseDemo,
        Action::ViewReports,
        Action::Export,
        Action::EditDirectory,
        Action::Enrol,
        Action::ManageVolunteers,
        Action::ChangeSettings,
        Action::Erase,
        Action::ViewAudit,
    ];

    /// Whether the action can be done with the demo open. The volunteers, the settings and the
    /// audit trail belong to the device and its real records: changed from the demo, their
    /// trace would land in the fictional database (which a reset empties); read from it, the
    /// trail would be the demo's.
    pub fn in_demo(self) -> bool {
        !matches!(
            self,
            Action::ManageVolunteers | Action::ChangeSettings | Action::ViewAudit
        )
    }

    /// What the action is, in the words of a refusal ("… may not {phrase}").
    fn phrase(self) -> &'static str {
        match self {
            Action::RunDiagnostic => "run a diagnostic",
            Action::ViewRecords => "see the records",
            Action::UseRealRecords => "open the real records",
            Action::UseDemo => "use the demo",
            Action::ViewReports => "see the reports",
            Action::Export => "export records",
            Action::EditDirectory => "change the directory",
            Action::Enrol => "enrol or sync the device",
            Action::ManageVolunteers => "manage volunteers",
            Action::ChangeSettings => "change the settings",
            Action::Erase => "erase a diagnostic",
            Action::ViewAudit => "see the audit trail",
        }
    }
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Volunteer => "volunteer",
            Role::Coordinator => "coordinator",
            Role::Trainer => "trainer",
        }
    }

    /// Whether this role may do `action`.
    ///
    /// A trainer's actions all happen in the demo, which is the only database a trainer can
    /// open; running a diagnostic there is the demo itself.
    pub fn allows(self, action: Action) -> bool {
        use Action as A;
        match self {
            Role::Coordinator => true,
            Role::Volunteer => matches!(
                action,
                A::RunDiagnostic | A::ViewRecords | A::UseRealRecords | A::UseDemo
            ),
            Role::Trainer => matches!(action, A::RunDiagnostic | A::ViewRecords | A::UseDemo),
        }
    }

    /// Whether this role may do `action` with `mode`'s records open: what belongs to the real
    /// records ([`Action::in_demo`]) is not done from the demo.
    pub fn allows_in(self, action: Action, mode: Mode) -> bool {
        self.allows(action) && (mode == Mode::Real || action.in_demo())
    }

    /// [`Role::require`], with `mode`'s records open.
    ///
    /// # Errors
    /// [`Error::Forbidden`]; [`Problem::LeaveDemo`] for what belongs to the real records, asked
    /// from the demo.
    pub fn require_in(self, action: Action, mode: Mode) -> Result<()> {
        self.require(action)?;
        if !self.allows_in(action, mode) {
            return Err(Problem::LeaveDemo.into());
        }
        Ok(())
    }

    /// `Ok` when this role may do `action`, else a refusal naming both.
    ///
    /// # Errors
    /// [`Error::Forbidden`].
    pub fn require(self, action: Action) -> Result<()> {
        if self.allows(action) {
            Ok(())
        } else {
            Err(Error::Forbidden(format!(
                "a {} may not {}; a coordinator can",
                self.as_str(),
                action.phrase()
            )))
        }
    }
}

impl std::str::FromStr for Role {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "volunteer" => Ok(Role::Volunteer),
            "coordinator" => Ok(Role::Coordinator),
            "trainer" => Ok(Role::Trainer),
            other => Err(Error::BadInput(format!(
                "\"{other}\" is not a role: volunteer, coordinator or trainer"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole table, written out once by hand from the issue: any change to who may do what
    /// must change this table too.
    #[test]
    fn roles_may_do_exactly_what_the_table_says() {
        use Action as A;
        let table: [(Action, bool, bool, bool); 12] = [
            // action,            volunteer, coordinator, trainer
            (A::RunDiagnostic, true, true, true),
            (A::ViewRecords, true, true, true),
            (A::UseRealRecords, true, true, false),
            (A::UseDemo, true, true, true),
            (A::ViewReports, false, true, false),
            (A::Export, false, true, false),
            (A::EditDirectory, false, true, false),
            (A::Enrol, false, true, false),
            (A::ManageVolunteers, false, true, false),
            (A::ChangeSettings, false, true, false),
            (A::Erase, false, true, false),
            (A::ViewAudit, false, true, false),
        ];
        assert_eq!(
            table.len(),
            Action::ALL.len(),
            "every action is in the table"
        );
        for (action, volunteer, coordinator, trainer) in table {
            for (role, expected) in [
                (Role::Volunteer, volunteer),
                (Role::Coordinator, coordinator),
                (Role::Trainer, trainer),
            ] {
                assert_eq!(role.allows(action), expected, "{role:?} × {action:?}");
                let refused = role.require(action).err();
                assert_eq!(refused.is_none(), expected, "{role:?} × {action:?}");
                if let Some(e) = refused {
                    assert!(
                        e.is_bad_input(),
                        "a refusal is the user's to fix, not a failure"
                    );
                    assert!(
                        e.to_string().contains(role.as_str()),
                        "the refusal names the role: {e}"
                    );
                }
            }
        }
    }
}
