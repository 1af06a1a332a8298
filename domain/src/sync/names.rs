//! The closed sets of names the protocol carries as text: what an operation is about
//! ([`Entity`]), what it does ([`OpKind`]), and what a pulled change is ([`ChangeKind`]). Parsed
//! at the edge, so the code past it matches on enums, never on strings.

use serde::{Deserialize, Serialize};

/// Defines a closed set of names that travel as snake_case text: the enum, its text, and its
/// parsing at the edge (a name outside the set is refused there, in one sentence).
macro_rules! wire_names {
    ($(#[$doc:meta])* $name:ident, $what:literal, { $($(#[$vdoc:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every name, in order.
            pub const ALL: &[$name] = &[$($name::$variant),+];

            /// The name as it travels and is stored.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(format!(concat!("\"{}\" is not ", $what), other)),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

wire_names!(
    /// What a synced operation is about.
    Entity, "an entity of the sync protocol", {
        /// A diagnostic kept with the person's consent.
        Diagnostic => "diagnostic",
        /// The services chosen for a diagnostic's needs.
        Orientation => "orientation",
        /// A diagnostic not kept: only counted.
        AnonymousCount => "anonymous_count",
    }
);

wire_names!(
    /// What a synced operation does.
    OpKind, "a kind of operation of the sync protocol", {
        /// A record made (a diagnostic, an anonymous count).
        Create => "create",
        /// Orientations chosen.
        Choose => "choose",
        /// A follow-up noted.
        FollowUp => "follow_up",
        /// A record erased at the person's request.
        Erase => "erase",
    }
);

/// What a pulled change is. A kind this device does not know (from a newer server) is read as
/// [`ChangeKind::Unknown`] and skipped, so an older app keeps syncing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A record erased: every copy goes.
    Erasure,
    /// A device refused from now on.
    Revocation,
    /// Structures and services of the centre's directory.
    Directory,
    /// A questionnaire version.
    Questionnaire,
    /// How long the server keeps records, which its devices keep no longer.
    Retention,
    #[serde(other)]
    Unknown,
}

impl ChangeKind {
    /// The kind as stored and sent.
    pub const fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Erasure => "erasure",
            ChangeKind::Revocation => "revocation",
            ChangeKind::Directory => "directory",
            ChangeKind::Questionnaire => "questionnaire",
            ChangeKind::Retention => "retention",
            ChangeKind::Unknown => "unknown",
        }
    }

    /// The kind stored as `text`; one this build does not know is [`ChangeKind::Unknown`].
    pub fn from_stored(text: &str) -> Self {
        match text {
            "erasure" => ChangeKind::Erasure,
            "revocation" => ChangeKind::Revocation,
            "directory" => ChangeKind::Directory,
            "questionnaire" => ChangeKind::Questionnaire,
            "retention" => ChangeKind::Retention,
            _ => ChangeKind::Unknown,
        }
    }
}
