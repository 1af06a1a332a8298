//! The figures of the network or of one centre over a period: the app's report (per week, per
//! profile, per need, per flag, the orientation follow-up), counted from what the devices sent,
//! with a line per centre; drawn as charts (`charts`) beside tables that carry the same numbers,
//! and exported (`exports`).

use std::collections::{BTreeMap, HashMap};

use aiguillage_domain::report::{ANONYMOUS, Counted as Row, Report, Tally};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::pages::visible_centres;
use super::{Failure, FieldError, Frame, Lang, Signed, Tr, form_page, html};
use crate::admin::codes;
use crate::questionnaires;
use crate::storage::Centre;
use crate::storage::console::{ConsoleStorage, Counted};

/// The period and centre asked for (days included, YYYY-MM-DD; empty means unbounded or every
/// centre).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Period {
    #[serde(default)]
    pub centre: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

impl Period {
    pub fn day(text: &str) -> Option<Option<chrono::NaiveDate>> {
        let text = text.trim();
        if text.is_empty() {
            return Some(None);
        }
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .map(Some)
    }

    /// The query string of this period (for the export links).
    pub fn query(&self) -> String {
        format!(
            "centre={}&from={}&to={}",
            self.centre.trim(),
            self.from.trim(),
            self.to.trim()
        )
    }
}

/// A centre's line: its figures over the period.
#[derive(Debug, Clone, Serialize)]
pub struct CentreFigures {
    pub centre_id: String,
    pub name: String,
    pub total: u64,
    pub anonymous: u64,
}

/// The figures of a period, whole and per centre.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    pub centre_id: Option<String>,
    pub report: Report,
    pub centres: Vec<CentreFigures>,
}

/// Counts `rows` over `from`..=`to`: each diagnostic once, with its last follow-up.
pub fn count(
    rows: &[Counted],
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    centres: &[Centre],
) -> (Report, Vec<CentreFigures>) {
    let follow_ups: HashMap<&str, String> = rows
        .iter()
        .filter(|r| r.kind == "follow_up")
        .filter_map(|r| {
            let body: serde_json::Value = serde_json::from_str(&r.body).ok()?;
            Some((r.entity_id.as_str(), body["follow_up"].as_str()?.to_owned()))
        })
        .collect();
    let within = |day: &str| {
        let day = match day.len() {
            7 => format!("{day}-01"),
            _ => day.get(..10).unwrap_or(day).to_owned(),
        };
        let Ok(day) = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d") else {
            return false;
        };
        from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t)
    };
    let stamp = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let mut whole = Tally::new(stamp(from), stamp(to));
    let mut per_centre: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.kind == "create") {
        let Ok(body) = serde_json::from_str::<serde_json::Value>(&row.body) else {
            continue;
        };
        let anonymous = row.entity == "anonymous_count";
        let (when, profile, needs, flags) = if anonymous {
            (
                body["completed_on"].as_str().unwrap_or_default(),
                body["profile"].as_str().unwrap_or_default(),
                codes(&body["needs"]),
                Vec::new(),
            )
        } else {
            let result = &body["result"];
            (
                body["completed_at"].as_str().unwrap_or_default(),
                result["profile"].as_str().unwrap_or_default(),
                codes(&result["needs"]),
                codes(&result["flags"]),
            )
        };
        if !within(when) {
            continue;
        }
        let follow_up = if anonymous {
            ANONYMOUS
        } else {
            follow_ups
                .get(row.entity_id.as_str())
                .map_or("pending", String::as_str)
        };
        whole.add(Row {
            completed_at: when,
            profile,
            needs,
            flags,
            follow_up,
        });
        let line = per_centre.entry(row.centre_id.as_str()).or_default();
        line.0 += 1;
        line.1 += u64::from(anonymous);
    }
    let lines = centres
        .iter()
        .map(|c| {
            let (total, anonymous) = per_centre.get(c.id.as_str()).copied().unwrap_or_default();
            CentreFigures {
                centre_id: c.id.clone(),
                name: c.name.clone(),
                total,
                anonymous,
            }
        })
        .collect();
    (whole.finish(), lines)
}

/// The figures the account asked for, or the refusal of its period (next to its field).
pub(super) async fn figures<S: ConsoleStorage>(
    storage: &S,
    signed: &Signed,
    period: &Period,
) -> Result<Result<(Figures, Vec<Centre>), FieldError>, Failure> {
    let t = signed.frame.t;
    let centre = match (period.centre.trim(), signed.account.role.centre()) {
        ("", own) => own.map(str::to_owned),
        (asked, _) if signed.account.role.covers(asked) => Some(asked.to_owned()),
        _ => return Err(Failure::other_centre(&signed.frame)),
    };
    let invalid = |field| Ok(Err(FieldError::on(field, t.get("reports-date-invalid"))));
    let Some(from) = Period::day(&period.from) else {
        return invalid("from");
    };
    let Some(to) = Period::day(&period.to) else {
        return invalid("to");
    };
    if let (Some(f), Some(t2)) = (from, to)
        && f > t2
    {
        return Ok(Err(FieldError::on("to", t.get("reports-period-reversed"))));
    }
    let centres = visible_centres(storage, signed).await?;
    if let Some(id) = &centre
        && !centres.iter().any(|c| &c.id == id)
    {
        return Err(Failure::new(
            &signed.frame,
            StatusCode::NOT_FOUND,
            "refused-not-found",
        ));
    }
    let rows = storage
        .counted(centre.clone())
        .await
        .map_err(|e| Failure::store(&signed.frame, e))?;
    let shown: Vec<Centre> = centres
        .iter()
        .filter(|c| centre.as_ref().is_none_or(|id| &c.id == id))
        .cloned()
        .collect();
    let (report, lines) = count(&rows, from, to, &shown);
    Ok(Ok((
        Figures {
            centre_id: centre,
            report,
            centres: lines,
        },
        centres,
    )))
}

/// One figure with its label, for a table and its chart.
pub struct Line {
    pub code: String,
    pub label: String,
    pub count: u64,
}

/// A section of the report: a title, its lines, and their chart.
pub struct Section {
    pub id: &'static str,
    pub title: String,
    /// The header of its labels' column.
    pub column: String,
    /// What the reader needs to know to read it, if anything.
    pub note: Option<String>,
    pub lines: Vec<Line>,
    pub chart: String,
}

/// A label as a table line starts: with a capital.
fn capital(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn lang(t: Tr) -> aiguillage_domain::Lang {
    match t.lang {
        Lang::Fr => aiguillage_domain::Lang::Fr,
        Lang::En => aiguillage_domain::Lang::En,
    }
}

/// The report's sections with the questionnaire's labels in the page's language.
pub(super) fn sections(report: &Report, t: Tr) -> Vec<Section> {
    let q = questionnaires::embedded();
    let l = lang(t);
    let label = |map: &BTreeMap<String, u64>, name: &dyn Fn(&str) -> String| -> Vec<Line> {
        map.iter()
            .map(|(k, v)| Line {
                code: k.clone(),
                label: capital(&name(k)),
                count: *v,
            })
            .collect()
    };
    let profile = |k: &str| {
        q.profile_label(k)
            .map_or_else(|| k.to_owned(), |l2| l2.get(l).to_owned())
    };
    let need = |k: &str| {
        q.needs
            .iter()
            .find(|n| n.code == k)
            .map_or_else(|| k.to_owned(), |n| n.label.get(l).to_owned())
    };
    let flag = |k: &str| {
        q.flags
            .iter()
            .find(|f| f.id == k)
            .map_or_else(|| k.to_owned(), |f| f.label.get(l).to_owned())
    };
    let follow = |k: &str| t.get(&format!("follow-up-{k}"));
    let week = |k: &str| t.week(k);
    let mut sections = vec![
        (
            "per-week",
            "reports-per-week",
            "col-week",
            label(&report.per_week, &week),
        ),
        (
            "profiles",
            "reports-profiles",
            "col-profile",
            label(&report.profiles, &profile),
        ),
        (
            "needs",
            "reports-needs",
            "col-need",
            label(&report.needs, &need),
        ),
        (
            "flags",
            "reports-flags",
            "col-flag",
            label(&report.flags, &flag),
        ),
        (
            "follow-up",
            "reports-follow-up",
            "col-follow-up",
            label(&report.follow_up, &follow),
        ),
    ];
    for (_, _, _, lines) in &mut sections[1..] {
        lines.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    }
    sections
        .into_iter()
        .map(|(id, title, column, lines)| Section {
            id,
            title: t.get(title),
            column: t.get(column),
            note: (id == "follow-up" && report.anonymous > 0)
                .then(|| t.get("reports-follow-up-note")),
            chart: super::charts::bars(&lines, id == "per-week"),
            lines,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "console/reports.html")]
struct ReportsPage<'a> {
    f: &'a Frame,
    period: Period,
    centres: Vec<Centre>,
    error: FieldError,
    figures: Option<Figures>,
    sections: Vec<Section>,
}

pub async fn page<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
    Query(period): Query<Period>,
) -> Result<Response, Failure> {
    let f = signed.page("nav-reports", "reports-title");
    match figures(&storage, &signed, &period).await? {
        Ok((figures, centres)) => {
            let sections = sections(&figures.report, f.t);
            Ok(html(&ReportsPage {
                f: &f,
                period,
                centres,
                error: FieldError::default(),
                figures: Some(figures),
                sections,
            }))
        }
        Err(error) => {
            let page = ReportsPage {
                f: &f,
                period,
                centres: visible_centres(&storage, &signed).await?,
                error,
                figures: None,
                sections: Vec::new(),
            };
            Ok(form_page(&page, &page.error))
        }
    }
}
