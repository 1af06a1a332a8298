//! The coordinator's report: diagnostics per ISO week, per profile, per need, per flag and the
//! orientation follow-up over a date range, anonymous counts included. As JSON and as text.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use aiguillage_domain::{Lang, Questionnaire};

use crate::error::Result;
use crate::store::diagnostics::codes;
use crate::store::{Filter, Store};

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

fn iso_week(timestamp: &str) -> String {
    timestamp
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or_else(
            || "?".to_owned(),
            |d| {
                let w = d.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            },
        )
}

/// Computes the report over `filter`'s date range (and profile or need, if set).
pub fn compute(store: &Store, filter: &Filter) -> Result<Report> {
    let mut report = Report {
        from: filter.from.clone(),
        to: filter.to.clone(),
        ..Report::default()
    };
    let mut weeks: HashMap<String, String> = HashMap::new();
    // Counting into maps keyed by borrowed codes: no allocation per row once a code is known.
    let count = |map: &mut BTreeMap<String, u64>, key: &str| match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_owned(), 1);
        }
    };
    store.for_each_summary(filter, |row| {
        report.total += 1;
        // Days of one week share a week: cache by day to keep 100 000 rows fast.
        let day = row.completed_at.get(..10).unwrap_or(row.completed_at);
        if !weeks.contains_key(day) {
            weeks.insert(day.to_owned(), iso_week(day));
        }
        count(&mut report.per_week, &weeks[day]);
        count(&mut report.profiles, row.profile);
        for need in codes(row.needs) {
            count(&mut report.needs, need);
        }
        for flag in codes(row.flags) {
            count(&mut report.flags, flag);
        }
        if row.follow_up == "anonymous" {
            report.anonymous += 1;
        } else {
            count(&mut report.follow_up, row.follow_up);
        }
    })?;
    Ok(report)
}

/// The report as plain text in `lang`, with the questionnaire's labels.
pub fn text(report: &Report, questionnaire: &Questionnaire, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let mut out = String::new();
    let range = match (&report.from, &report.to) {
        (Some(f), Some(t)) => format!("{f} → {t}"),
        (Some(f), None) => format!("{f} →"),
        (None, Some(t)) => format!("→ {t}"),
        (None, None) => (if fr { "toute la période" } else { "all time" }).to_owned(),
    };
    let _ = writeln!(
        out,
        "{} ({range})",
        if fr {
            "Rapport des diagnostics"
        } else {
            "Diagnostics report"
        }
    );
    let _ = if fr {
        writeln!(
            out,
            "Total : {} (dont {} anonymes, non conservés)",
            report.total, report.anonymous
        )
    } else {
        writeln!(
            out,
            "Total: {} (of which {} anonymous, not kept)",
            report.total, report.anonymous
        )
    };
    let mut section = |title: &str, rows: Vec<(String, u64)>| {
        let _ = writeln!(out, "\n{title}");
        if rows.is_empty() {
            let _ = writeln!(out, "  —");
        }
        for (label, n) in rows {
            let _ = writeln!(out, "  {label:<48} {n:>7}");
        }
    };
    section(
        if fr { "Par semaine" } else { "Per week" },
        report
            .per_week
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect(),
    );
    section(
        if fr { "Par profil" } else { "Per profile" },
        report
            .profiles
            .iter()
            .map(|(k, v)| {
                (
                    questionnaire
                        .profile_label(k)
                        .map_or(k.clone(), |l| format!("{k} {}", l.get(lang))),
                    *v,
                )
            })
            .collect(),
    );
    section(
        if fr { "Par besoin" } else { "Per need" },
        questionnaire
            .needs
            .iter()
            .filter_map(|n| {
                report
                    .needs
                    .get(&n.code)
                    .map(|v| (n.label.get(lang).to_owned(), *v))
            })
            .collect(),
    );
    section(
        if fr { "Par signal" } else { "Per flag" },
        questionnaire
            .flags
            .iter()
            .filter_map(|f| {
                report
                    .flags
                    .get(&f.id)
                    .map(|v| (f.label.get(lang).to_owned(), *v))
            })
            .collect(),
    );
    let follow_label = |k: &str| match (k, fr) {
        ("pending", true) => "pas encore renseigné",
        ("pending", false) => "not recorded yet",
        ("went", true) => "y est allé·e",
        ("went", false) => "went",
        ("did_not_go", true) => "n'y est pas allé·e",
        ("did_not_go", false) => "did not go",
        (_, true) => "ne sait pas",
        (_, false) => "unknown",
    };
    section(
        if fr {
            "Suivi des orientations"
        } else {
            "Orientation follow-up"
        },
        report
            .follow_up
            .iter()
            .map(|(k, v)| (follow_label(k).to_owned(), *v))
            .collect(),
    );
    out
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
    }
}
