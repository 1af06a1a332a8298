//! Identifiers: newtypes over UUIDv7 so a diagnostic id can never be mistaken for another id.
//! The domain never makes ids (that needs a clock); callers generate them and parse them here.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! uuid_id {
    ($name:ident, $what:literal) => {
        #[doc = concat!("The id of a ", $what, " (a UUIDv7 made on the device).")]
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// Wraps an id made by the caller; it must be a UUIDv7.
            pub fn from_uuid(id: Uuid) -> crate::Result<Self> {
                if id.get_version_num() == 7 {
                    Ok(Self(id))
                } else {
                    Err(crate::Error::Parse(format!(
                        concat!($what, " id \"{}\" is not a UUIDv7"),
                        id
                    )))
                }
            }

            /// The underlying UUID.
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<Self> {
                let id = Uuid::parse_str(s.trim()).map_err(|_| {
                    crate::Error::Parse(format!(concat!($what, " id \"{}\" is not a UUID"), s))
                })?;
                Self::from_uuid(id)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

uuid_id!(DiagnosticId, "diagnostic");
uuid_id!(DraftId, "draft");
uuid_id!(OperationId, "operation");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_v4_uuid_is_refused_because_ids_must_sort_by_creation() {
        let v4 = "2f1c7a9e-8a4b-4c7d-9e2f-1a2b3c4d5e6f";
        let err = v4.parse::<DiagnosticId>().unwrap_err();
        assert!(err.to_string().contains("not a UUIDv7"), "{err}");
    }

    #[test]
    fn a_v7_uuid_round_trips_through_its_text() {
        let text = "019a6b1e-3c2d-7e4f-8a9b-0c1d2e3f4a5b";
        let id: DiagnosticId = text.parse().unwrap();
        assert_eq!(
            id.to_string(),
            text,
            "display must give back the parsed text"
        );
    }
}
