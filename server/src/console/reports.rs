//! The figures of the network or of one centre over a period: the app's report (per week, per
//! profile, per need, per flag, the orientation follow-up), counted from what the devices sent,
//! with a line per centre. Charts (charts-rs, as SVG) beside tables that carry the same numbers;
//! exports as CSV for French spreadsheets and as JSON.

use std::collections::{BTreeMap, HashMap};

use aiguillage_domain::report::{ANONYMOUS, Counted as Row, Report, Tally};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::{Failure, FieldError, Frame, Lang, Signed, Tr, html};
use crate::admin::codes;
use crate::now;
use crate::questionnaires;
use crate::storage::Centre;
use crate::storage::console::{ConsoleStorage, Counted};

/// The period and centre asked for (days included, YYYY-MM-DD; empty means unbounded or every
/// centre).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Period {
    #[serde(default)]
    centre: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

impl Period {
    fn day(text: &str) -> Option<Option<chrono::NaiveDate>> {
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
async fn figures<S: ConsoleStorage>(
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
    let (Some(from), Some(to)) = (Period::day(&period.from), Period::day(&period.to)) else {
        let field = if Period::day(&period.from).is_none() {
            "from"
        } else {
            "to"
        };
        return Ok(Err(FieldError::on(field, t.get("reports-date-invalid"))));
    };
    if let (Some(f), Some(t2)) = (from, to)
        && f > t2
    {
        return Ok(Err(FieldError::on("to", t.get("reports-period-reversed"))));
    }
    let fail = |e| Failure::store(&signed.frame, e);
    let centres: Vec<Centre> = storage
        .list_centres()
        .await
        .map_err(fail)?
        .into_iter()
        .filter(|c| signed.account.role.covers(&c.id))
        .collect();
    if let Some(id) = &centre
        && !centres.iter().any(|c| &c.id == id)
    {
        return Err(Failure::new(
            &signed.frame,
            StatusCode::NOT_FOUND,
            "refused-not-found",
        ));
    }
    let rows = storage.counted(centre.clone()).await.map_err(fail)?;
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
fn sections(report: &Report, t: Tr) -> Vec<Section> {
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
            chart: chart(&lines, id == "per-week"),
            lines,
        })
        .collect()
}

/// The lines as a bar chart in SVG, each bar with its number and no value axis (counts have no
/// fractions to read off a scale). Hidden from screen readers: the table beside says the same.
fn chart(lines: &[Line], vertical: bool) -> String {
    if lines.is_empty() {
        return String::new();
    }
    // A horizontal chart draws its first line at the bottom: reversed, it reads as the table.
    let ordered: Vec<&Line> = if vertical {
        lines.iter().collect()
    } else {
        lines.iter().rev().collect()
    };
    #[allow(clippy::cast_precision_loss)]
    let values: Vec<f32> = ordered.iter().map(|l| l.count as f32).collect();
    let labels: Vec<String> = ordered.iter().map(|l| shorten(&l.label)).collect();
    let top = values.iter().copied().fold(1.0_f32, f32::max);
    let mut series = charts_rs::Series::new(String::new(), values);
    series.label_show = true;
    let mut base = if vertical {
        let mut c = charts_rs::BarChart::new(vec![series], labels);
        c.height = 240.0;
        c.y_axis_hidden = true;
        Chart::Vertical(c)
    } else {
        let mut c = charts_rs::HorizontalBarChart::new(vec![series], labels);
        #[allow(clippy::cast_precision_loss)]
        let height = 30.0 + 34.0 * lines.len() as f32;
        c.height = height;
        c.x_axis.hidden = true;
        c.series_label_position = Some(charts_rs::Position::Right);
        Chart::Horizontal(c)
    };
    let (chart_base, axes) = match &mut base {
        Chart::Vertical(c) => (&mut c.base, &mut c.y_axis_configs),
        Chart::Horizontal(c) => (&mut c.base, &mut c.y_axis_configs),
    };
    chart_base.width = 760.0;
    // Measured with the font the page draws them in (served with the console).
    chart_base.font_family = super::fonts::family().to_owned();
    chart_base.legend.show = Some(false);
    chart_base.series.colors = vec![charts_rs::Color::from("#000091")];
    if let Some(axis) = axes.first_mut() {
        // Above the longest bar, room for its number.
        axis.min = Some(0.0);
        axis.max = Some(top * 1.2);
    }
    match base {
        Chart::Vertical(c) => c.svg(),
        Chart::Horizontal(c) => c.svg(),
    }
    .unwrap_or_default()
}

/// The two shapes of chart the report draws.
enum Chart {
    Vertical(charts_rs::BarChart),
    Horizontal(charts_rs::HorizontalBarChart),
}

/// A label short enough for a chart's axis (the table gives it whole).
fn shorten(label: &str) -> String {
    const MAX: usize = 40;
    if label.chars().count() <= MAX {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
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
            let centres = storage
                .list_centres()
                .await
                .map_err(|e| Failure::store(&f, e))?
                .into_iter()
                .filter(|c| signed.account.role.covers(&c.id))
                .collect();
            let page = ReportsPage {
                f: &f,
                period,
                centres,
                error,
                figures: None,
                sections: Vec::new(),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
    }
}

/// The figures for an export, audited, or the refusal of the period.
async fn export<S: ConsoleStorage>(
    storage: &S,
    signed: &Signed,
    period: &Period,
    format: &str,
) -> Result<Figures, Failure> {
    match figures(storage, signed, period).await? {
        Ok((figures, _)) => {
            storage
                .audit(
                    signed.actor(),
                    format!("export_figures_{format}"),
                    figures.centre_id.clone(),
                    now(),
                )
                .await
                .map_err(|e| Failure::store(&signed.frame, e))?;
            Ok(figures)
        }
        Err(error) => Err(Failure {
            frame: Box::new(signed.frame.clone()),
            status: StatusCode::UNPROCESSABLE_ENTITY,
            message: error.message().to_owned(),
        }),
    }
}

fn file_name(figures: &Figures, extension: &str) -> String {
    let r = &figures.report;
    format!(
        "attachment; filename=\"aiguillage-chiffres-{}-{}-{}.{extension}\"",
        figures
            .centre_id
            .as_deref()
            .map_or("reseau".to_owned(), |id| id.chars().take(8).collect()),
        r.from.as_deref().unwrap_or("debut"),
        r.to.as_deref().unwrap_or("fin"),
    )
}

pub async fn json<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
    Query(period): Query<Period>,
) -> Result<Response, Failure> {
    let figures = export(&storage, &signed, &period, "json").await?;
    let body = serde_json::to_string_pretty(&figures).unwrap_or_default();
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, file_name(&figures, "json")),
        ],
        body,
    )
        .into_response())
}

/// The figures as CSV for a French spreadsheet: UTF-8 with a byte-order mark, `;` between
/// fields, one line a figure (section, code, label, count), the centres' lines last.
pub fn figures_csv(figures: &Figures, t: Tr) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let header = [
            t.get("csv-section"),
            t.get("csv-code"),
            t.get("csv-label"),
            t.get("csv-count"),
        ];
        let _ = w.write_record(&header);
        let r = &figures.report;
        let _ = w.write_record([
            t.get("col-diagnostics"),
            "total".into(),
            t.get("col-diagnostics"),
            r.total.to_string(),
        ]);
        let _ = w.write_record([
            t.get("col-diagnostics"),
            "anonymous".into(),
            t.get("col-anonymous"),
            r.anonymous.to_string(),
        ]);
        for section in sections(r, t) {
            for line in section.lines {
                let _ = w.write_record([
                    section.title.clone(),
                    line.code,
                    line.label,
                    line.count.to_string(),
                ]);
            }
        }
        for c in &figures.centres {
            let _ = w.write_record([
                t.get("csv-centre"),
                c.centre_id.clone(),
                c.name.clone(),
                c.total.to_string(),
            ]);
        }
        let _ = w.flush();
    }
    out
}

pub async fn csv<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
    Query(period): Query<Period>,
) -> Result<Response, Failure> {
    let figures = export(&storage, &signed, &period, "csv").await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, file_name(&figures, "csv")),
        ],
        figures_csv(&figures, signed.frame.t),
    )
        .into_response())
}
