//! How instants are written wherever they are stored or sent: RFC 3339, UTC, milliseconds
//! (`2026-12-07T09:30:00.000Z`), which sorts as text in the order of time. The domain reads no
//! clock; callers pass the instant in.

use chrono::{DateTime, SecondsFormat, Utc};

/// `at` as stored and sent.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_sort_as_time_does() {
        let early = DateTime::parse_from_rfc3339("2026-09-01T08:00:00Z").unwrap();
        let late = DateTime::parse_from_rfc3339("2026-10-01T08:00:00.5Z").unwrap();
        let (a, b) = (stamp(early.into()), stamp(late.into()));
        assert_eq!(a, "2026-09-01T08:00:00.000Z", "milliseconds always written");
        assert!(a < b, "text order is time order");
    }
}
