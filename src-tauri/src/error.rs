//! The one error a command returns: a kind the UI can branch on, one sentence for people, and
//! for the refusals the UI says in the person's language, a code and its values.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use aiguillage_core::Problem;
use aiguillage_core::sync::SyncError;

/// What went wrong, as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    pub kind: ErrorKind,
    /// One sentence naming what is at fault (English: the UI shows it when `code` is absent or
    /// not in its catalogue).
    pub message: String,
    /// The catalogue's key under `problems.`, when the UI can say it in the person's language.
    pub code: Option<String>,
    /// The values the catalogue's sentence names.
    pub params: BTreeMap<String, String>,
}

/// Whether the user can fix it (and nothing was changed) or the machine failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    BadInput,
    NotFound,
    /// The device is locked (or locked itself while idle): unlock first.
    Locked,
    /// The signed-in role may not do this.
    Forbidden,
    Failure,
}

/// The result of every command.
pub type CommandResult<T> = Result<T, CommandError>;

impl CommandError {
    fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        CommandError {
            kind,
            message: message.into(),
            code: None,
            params: BTreeMap::new(),
        }
    }

    pub fn bad_input(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::BadInput, message)
    }

    pub fn locked(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Locked, message)
    }

    pub fn failure(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Failure, message)
    }
}

impl From<aiguillage_core::Error> for CommandError {
    fn from(e: aiguillage_core::Error) -> Self {
        let kind = match &e {
            aiguillage_core::Error::NotFound(_) => ErrorKind::NotFound,
            aiguillage_core::Error::Forbidden(_) => ErrorKind::Forbidden,
            aiguillage_core::Error::Locked => ErrorKind::Locked,
            e if e.is_bad_input() => ErrorKind::BadInput,
            _ => ErrorKind::Failure,
        };
        let error = Self::new(kind, e.to_string());
        match &e {
            aiguillage_core::Error::Problem(problem) => with_problem(error, problem),
            _ => error,
        }
    }
}

/// The problem's code and values, as serde names them (`{"code": …, "min": 10}`).
fn with_problem(mut error: CommandError, problem: &Problem) -> CommandError {
    let (code, params) = catalogue_entry(problem);
    error.code = code;
    error.params = params;
    error
}

/// A refusal serialised with a `code` tag (a [`Problem`], a refused directory row), split into
/// the catalogue's key and the values its sentence names, each as text.
pub fn catalogue_entry(problem: &impl Serialize) -> (Option<String>, BTreeMap<String, String>) {
    let (mut code, mut params) = (None, BTreeMap::new());
    if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(problem) {
        for (key, value) in fields {
            let text = match value {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            if key == "code" {
                code = Some(text);
            } else {
                params.insert(key, text);
            }
        }
    }
    (code, params)
}

impl From<SyncError> for CommandError {
    fn from(e: SyncError) -> Self {
        let (code, params) = e.code();
        let mut error = CommandError::failure(e.to_string());
        error.code = Some(code.to_owned());
        error.params = params;
        error
    }
}

impl From<aiguillage_domain::Error> for CommandError {
    fn from(e: aiguillage_domain::Error) -> Self {
        aiguillage_core::Error::from(e).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aiguillage_core::directory::RowProblem;

    #[test]
    fn a_problem_carries_its_code_and_values_for_the_catalogue() {
        let e = CommandError::from(aiguillage_core::Error::from(Problem::PassphraseTooShort {
            min: 10,
        }));
        assert_eq!(e.kind, ErrorKind::BadInput, "the person can fix it");
        assert_eq!(e.code.as_deref(), Some("passphrase_too_short"));
        assert_eq!(e.params.get("min").map(String::as_str), Some("10"));
        assert_eq!(
            e.message, "a passphrase needs at least 10 characters",
            "the English sentence stays for whatever has no catalogue"
        );
        let e = CommandError::from(aiguillage_core::Error::from(Problem::VolunteerNameTaken {
            name: "Sami".into(),
        }));
        assert_eq!(
            (e.code.as_deref(), e.params.get("name").map(String::as_str)),
            (Some("volunteer_name_taken"), Some("Sami"))
        );
    }

    /// One of each problem: the match has no wildcard, so a new one cannot be left out.
    fn every_problem() -> Vec<Problem> {
        let all = vec![
            Problem::VolunteerNameMissing,
            Problem::VolunteerNameTaken {
                name: "Sami".into(),
            },
            Problem::VolunteerNameReserved {
                name: "recovery".into(),
            },
            Problem::PassphraseTooShort { min: 10 },
            Problem::LastCoordinator,
            Problem::RemoveYourself,
            Problem::DirectoryNotJson {
                name: "annuaire.json".into(),
                detail: "expected value at line 1 column 1".into(),
            },
            Problem::DirectoryWrongShape {
                name: "annuaire.json".into(),
            },
            Problem::RecoveryKeyMalformed,
            Problem::CentreNameLength { max: 120 },
            Problem::CentrePhone,
            Problem::LeaveDemo,
            Problem::NotKept,
            Problem::Anonymised,
        ];
        let rows = [
            RowProblem::MissingField {
                field: "nom".into(),
            },
            RowProblem::WrongType {
                field: "telephone".into(),
                expected: "string".into(),
            },
            RowProblem::NotInList {
                field: "thematiques/0".into(),
                value: "numerique--voler".into(),
            },
            RowProblem::BadFormat {
                field: "courriel".into(),
                format: "email".into(),
            },
            RowProblem::BadPattern {
                field: "code_postal".into(),
                value: "6900".into(),
            },
            RowProblem::TooShort {
                field: "nom".into(),
                min: 3,
            },
            RowProblem::TooFew {
                field: "thematiques".into(),
                min: 1,
            },
            RowProblem::TooLong {
                field: "nom".into(),
                max: 150,
            },
            RowProblem::Repeated {
                field: "thematiques".into(),
            },
            RowProblem::Invalid {
                field: "nom".into(),
                detail: "the schema's own words".into(),
            },
            RowProblem::Unreadable {
                detail: "the model's own words".into(),
            },
            RowProblem::DuplicateId,
            RowProblem::UnknownStructure {
                structure_id: "nobody".into(),
            },
        ];
        for row in &rows {
            match row {
                RowProblem::MissingField { .. }
                | RowProblem::WrongType { .. }
                | RowProblem::NotInList { .. }
                | RowProblem::BadFormat { .. }
                | RowProblem::BadPattern { .. }
                | RowProblem::TooShort { .. }
                | RowProblem::TooFew { .. }
                | RowProblem::TooLong { .. }
                | RowProblem::Repeated { .. }
                | RowProblem::Invalid { .. }
                | RowProblem::Unreadable { .. }
                | RowProblem::DuplicateId
                | RowProblem::UnknownStructure { .. } => {}
            }
        }
        let all: Vec<Problem> = all
            .into_iter()
            .chain(rows.into_iter().map(Problem::LocalStructure))
            .collect();
        for p in &all {
            match p {
                Problem::VolunteerNameMissing
                | Problem::VolunteerNameTaken { .. }
                | Problem::VolunteerNameReserved { .. }
                | Problem::PassphraseTooShort { .. }
                | Problem::LastCoordinator
                | Problem::RemoveYourself
                | Problem::DirectoryNotJson { .. }
                | Problem::DirectoryWrongShape { .. }
                | Problem::RecoveryKeyMalformed
                | Problem::CentreNameLength { .. }
                | Problem::CentrePhone
                | Problem::LeaveDemo
                | Problem::NotKept
                | Problem::Anonymised
                | Problem::LocalStructure(_) => {}
            }
        }
        all
    }

    #[test]
    fn a_refused_local_structure_is_said_as_the_import_says_its_row() {
        let e = CommandError::from(aiguillage_core::Error::from(Problem::LocalStructure(
            RowProblem::BadPattern {
                field: "code_postal".into(),
                value: "6900".into(),
            },
        )));
        assert_eq!(e.kind, ErrorKind::BadInput);
        assert_eq!(
            e.code.as_deref(),
            Some("bad_pattern"),
            "the row's own code, not a wrapper's: one sentence in the catalogue serves both"
        );
        assert_eq!(
            e.params,
            BTreeMap::from([
                ("field".to_owned(), "code_postal".to_owned()),
                ("value".to_owned(), "6900".to_owned())
            ])
        );
        assert_eq!(
            e.message,
            "the structure is refused: code_postal: \"6900\" does not have the expected form"
        );
    }

    /// The UI's two catalogues, parsed.
    fn catalogues() -> [(&'static str, serde_json::Value); 2] {
        [
            ("fr", include_str!("../../ui/src/locales/fr.json")),
            ("en", include_str!("../../ui/src/locales/en.json")),
        ]
        .map(|(lang, text)| (lang, serde_json::from_str(text).unwrap()))
    }

    /// Both catalogues say `e`'s code, and each sentence names every value `e` carries.
    fn assert_in_both_catalogues(e: &CommandError) {
        let code = e.code.as_deref().expect("a coded error");
        for (lang, catalogue) in catalogues() {
            let sentence = catalogue["problems"][code]
                .as_str()
                .unwrap_or_else(|| panic!("the {lang} catalogue has no problems.{code}"));
            for param in e.params.keys() {
                assert!(
                    sentence.contains(&format!("{{{{{param}}}}}")),
                    "problems.{code} in {lang} does not name {{{{{param}}}}}: {sentence}"
                );
            }
        }
    }

    #[test]
    fn every_audit_action_is_worded_in_both_catalogues() {
        use aiguillage_core::store::AuditAction;
        for (lang, catalogue) in catalogues() {
            for action in AuditAction::ALL {
                let code = action.code();
                assert!(
                    catalogue["audit"]["actions"][code].is_string(),
                    "the {lang} catalogue has no audit.actions.{code}: the coordinator would read the bare code"
                );
            }
            // The actors that are nobody in particular.
            for actor in [
                aiguillage_core::store::LOCAL_ACTOR,
                aiguillage_core::store::RETENTION_ACTOR,
            ] {
                assert!(
                    catalogue["audit"]["actors"][actor].is_string(),
                    "the {lang} catalogue has no audit.actors.{actor}"
                );
            }
            // The actions whose detail is counts say them in words.
            for (action, names) in [
                (AuditAction::DirectoryImport, ["structures", "services"]),
                (AuditAction::Retention, ["drafts", "first_names"]),
                (AuditAction::RecordRetention, ["anonymised", "deleted"]),
            ] {
                let code = action.code();
                let sentence = catalogue["audit"]["details"][code]
                    .as_str()
                    .unwrap_or_else(|| panic!("the {lang} catalogue has no audit.details.{code}"));
                for name in names {
                    assert!(
                        sentence.contains(&format!("{{{{{name}}}}}")),
                        "audit.details.{code} in {lang} does not name {{{{{name}}}}}: {sentence}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_problem_is_in_both_catalogues_with_the_values_it_names() {
        for problem in every_problem() {
            assert_in_both_catalogues(&CommandError::from(aiguillage_core::Error::from(problem)));
        }
    }

    #[test]
    fn every_sync_failure_has_a_code_the_catalogue_says() {
        let refused = |status: u16, code: &str| SyncError::Refused {
            status,
            code: code.into(),
            message: "the server's own words".into(),
        };
        let cases = [
            (SyncError::NotEnrolled, "sync_not_enrolled"),
            (SyncError::Demo, "sync_demo"),
            (
                SyncError::Unreachable("connection refused".into()),
                "sync_unreachable",
            ),
            (SyncError::Revoked, "sync_revoked"),
            (refused(403, "bad_code"), "sync_bad_code"),
            (refused(500, "internal"), "sync_server_failed"),
            (refused(422, "invalid"), "sync_refused"),
            (SyncError::Local("disk full".into()), "sync_local"),
            (
                SyncError::NotAnAddress("serveur-du-centre".into()),
                "sync_not_an_address",
            ),
            (
                SyncError::Insecure("http://192.168.1.20:8440".into()),
                "sync_insecure",
            ),
        ];
        for (error, code) in cases {
            let e = CommandError::from(error);
            assert_eq!(e.code.as_deref(), Some(code));
            assert_in_both_catalogues(&e);
        }
    }
}
