//! The coordinator's figures over a period: diagnostics per ISO week, per profile, per need, per
//! flag and the orientation follow-up, anonymous counts included. One tally for the app (over its
//! store) and the server's console (over every centre's records).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The report's figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub from: Option<String>,
    pub to: Option<String>,
    /// Every diagnostic, kept or only counted.
    pub total: u64,
    /// Diagnostics the person did not agree to keep (counted only).
    pub anonymous: u64,
    /// ISO week ("2026-W05") -> count.
    pub per_week: BTreeMap<String, u64>,
    pub profiles: BTreeMap<String, u64>,
    pub needs: BTreeMap<String, u64>,
    pub flags: BTreeMap<String, u64>,
    /// pending, went, did_not_go, unknown (kept diagnostics only).
    pub follow_up: BTreeMap<String, u64>,
}

/// One diagnostic as the report counts it.
#[derive(Debug, Clone, Copy)]
pub struct Counted<'a, N, F> {
    /// When it was completed (RFC 3339, or its day or month only).
    pub completed_at: &'a str,
    pub profile: &'a str,
    pub needs: N,
    pub flags: F,
    /// pending, went, did_not_go, unknown; `anonymous` for a count-only record.
    pub follow_up: &'a str,
}

/// The follow-up of a count-only diagnostic.
pub const ANONYMOUS: &str = "anonymous";

/// Adds diagnostics to a [`Report`].
#[derive(Debug, Default)]
pub struct Tally {
    report: Report,
    /// Days of one week share a week: cached by day to keep 100 000 rows fast.
    weeks: HashMap<String, String>,
}

impl Tally {
    /// A tally for the period `from`..`to` (as given; the caller chooses the rows).
    pub fn new(from: Option<String>, to: Option<String>) -> Self {
        Tally {
            report: Report {
                from,
                to,
                ..Report::default()
            },
            weeks: HashMap::new(),
        }
    }

    /// Counts one diagnostic.
    pub fn add<'c>(
        &mut self,
        row: Counted<'_, impl IntoIterator<Item = &'c str>, impl IntoIterator<Item = &'c str>>,
    ) {
        let report = &mut self.report;
        report.total += 1;
        let day = row.completed_at.get(..10).unwrap_or(row.completed_at);
        if !self.weeks.contains_key(day) {
            self.weeks.insert(day.to_owned(), iso_week(day));
        }
        count(&mut report.per_week, &self.weeks[day]);
        count(&mut report.profiles, row.profile);
        for need in row.needs {
            count(&mut report.needs, need);
        }
        for flag in row.flags {
            count(&mut report.flags, flag);
        }
        if row.follow_up == ANONYMOUS {
            report.anonymous += 1;
        } else {
            count(&mut report.follow_up, row.follow_up);
        }
    }

    /// The figures counted.
    pub fn finish(self) -> Report {
        self.report
    }
}

/// Counting into maps keyed by borrowed codes: no allocation per row once a code is known.
fn count(map: &mut BTreeMap<String, u64>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_owned(), 1);
        }
    }
}

/// The ISO week of a day or an instant ("2026-W05"); "?" when it is not a date. A month alone
/// ("2024-03", what an anonymised diagnostic keeps) counts in the week of its first day.
pub fn iso_week(timestamp: &str) -> String {
    let day = timestamp.get(..10).unwrap_or(timestamp);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&format!("{day}-01"), "%Y-%m-%d"))
        .map_or_else(
            |_| "?".to_owned(),
            |d| {
                let w = d.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_follow_iso_8601_across_new_year() {
        assert_eq!(
            iso_week("2027-01-01T10:00:00Z"),
            "2026-W53",
            "1 Jan 2027 is a Friday of 2026's last week"
        );
        assert_eq!(iso_week("2026-11-26T10:00:00Z"), "2026-W48");
        assert_eq!(
            iso_week("2024-03"),
            "2024-W09",
            "an anonymised diagnostic keeps its month: it counts in the week of the 1st"
        );
        assert_eq!(iso_week("soon"), "?");
    }

    #[test]
    fn a_tally_counts_kept_and_anonymous_diagnostics_apart() {
        let mut tally = Tally::new(Some("2026-01-01".into()), None);
        tally.add(Counted {
            completed_at: "2026-11-26T10:00:00Z",
            profile: "P1",
            needs: ["N1", "N2"],
            flags: ["F1"],
            follow_up: "went",
        });
        tally.add(Counted {
            completed_at: "2026-11-27",
            profile: "P1",
            needs: ["N1"],
            flags: [],
            follow_up: ANONYMOUS,
        });
        let r = tally.finish();
        assert_eq!((r.total, r.anonymous), (2, 1));
        assert_eq!(r.profiles["P1"], 2, "both diagnostics have a profile");
        assert_eq!(r.needs["N1"], 2);
        assert_eq!(r.per_week["2026-W48"], 2, "both in the same ISO week");
        assert_eq!(
            r.follow_up.get("went"),
            Some(&1),
            "an anonymous count has no follow-up"
        );
        assert_eq!(r.follow_up.len(), 1);
        assert_eq!(r.from.as_deref(), Some("2026-01-01"));
    }
}
