//! The coordinator's report: diagnostics per ISO week, per profile, per need, per flag and the
//! orientation follow-up over a date range, anonymous counts included. As JSON and as text.

use std::fmt::Write;

use aiguillage_domain::{Lang, Questionnaire};

use crate::error::Result;
use crate::store::diagnostics::codes;
use crate::store::{Filter, Store};

pub use aiguillage_domain::report::Report;
use aiguillage_domain::report::{Counted, Tally};

/// Computes the report over `filter`'s date range (and profile or need, if set).
pub fn compute(store: &Store, filter: &Filter) -> Result<Report> {
    let mut tally = Tally::new(filter.from.clone(), filter.to.clone());
    store.for_each_summary(filter, |row| {
        tally.add(Counted {
            completed_at: row.completed_at,
            profile: row.profile,
            needs: codes(row.needs),
            flags: codes(row.flags),
            follow_up: row.follow_up,
        });
    })?;
    Ok(tally.finish())
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
