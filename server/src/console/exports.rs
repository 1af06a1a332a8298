//! The figures exported, audited first: as CSV for French spreadsheets and as JSON, named for
//! their centre and period.

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::reports::{Figures, Period, figures, sections};
use super::{Failure, Signed, Tr};
use crate::now;
use crate::storage::console::ConsoleStorage;

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
