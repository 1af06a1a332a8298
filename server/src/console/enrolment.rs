//! Enrolment codes from the console: single-use codes for a centre, each with its QR code, the
//! server's address to type with them, and where in the app they go.

use askama::Template;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::pages::visible_centres;
use super::{Failure, FieldError, Frame, Signed, html};
use crate::admin;
use crate::storage::Centre;
use crate::storage::console::ConsoleStorage;

/// The most codes the console makes at once (a page to print).
const MAX_CONSOLE_CODES: u32 = 50;

/// A code made, with its QR code as SVG.
pub struct CodeLine {
    pub code: String,
    pub qr: String,
}

#[derive(Template)]
#[template(path = "console/enrolment.html")]
struct EnrolmentPage<'a> {
    f: &'a Frame,
    centres: Vec<Centre>,
    form: EnrolmentForm,
    error: FieldError,
    codes: Vec<CodeLine>,
    centre_name: String,
    expires_at: String,
    /// This server's address as the browser reached it, to type in the app with the code.
    address: String,
}

/// The server's address as the request reached it (behind a reverse proxy, its public name).
fn address(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("127.0.0.1:8440");
    let local =
        host.starts_with("127.") || host.starts_with("localhost") || host.starts_with("[::1]");
    let forwarded = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok());
    let scheme = forwarded.unwrap_or(if local { "http" } else { "https" });
    format!("{scheme}://{host}")
}

#[derive(Deserialize, Clone)]
pub struct EnrolmentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    centre: String,
    #[serde(default = "one")]
    count: String,
    #[serde(default = "day")]
    hours: String,
}

fn one() -> String {
    "1".into()
}

fn day() -> String {
    "24".into()
}

impl Default for EnrolmentForm {
    fn default() -> Self {
        EnrolmentForm {
            csrf: String::new(),
            centre: String::new(),
            count: one(),
            hours: day(),
        }
    }
}

pub async fn enrolment_page<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let centres = visible_centres(&storage, &signed).await?;
    let f = signed.page("nav-enrolment", "enrolment-title");
    Ok(html(&EnrolmentPage {
        f: &f,
        centres,
        form: EnrolmentForm::default(),
        error: FieldError::default(),
        codes: Vec::new(),
        centre_name: String::new(),
        expires_at: String::new(),
        address: address(&headers),
    }))
}

pub async fn enrolment_codes<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
    headers: HeaderMap,
    Form(form): Form<EnrolmentForm>,
) -> Result<Response, Failure> {
    signed.check(&form.csrf)?;
    let t = signed.frame.t;
    let centres = visible_centres(&storage, &signed).await?;
    let f = signed.page("nav-enrolment", "enrolment-title");
    let count = form.count.trim().parse::<u32>().ok();
    let hours = form.hours.trim().parse::<i64>().ok();
    let error = if form.centre.is_empty() {
        Some(FieldError::on("centre", t.get("enrolment-centre-missing")))
    } else if !signed.account.role.covers(&form.centre) {
        return Err(Failure::other_centre(&signed.frame));
    } else if !centres.iter().any(|c| c.id == form.centre) {
        Some(FieldError::on("centre", t.get("enrolment-centre-missing")))
    } else if !count.is_some_and(|n| (1..=MAX_CONSOLE_CODES).contains(&n)) {
        Some(FieldError::on(
            "count",
            t.n("enrolment-count-invalid", i64::from(MAX_CONSOLE_CODES)),
        ))
    } else if !hours.is_some_and(|h| (1..=admin::MAX_CODE_HOURS).contains(&h)) {
        Some(FieldError::on(
            "hours",
            t.n("enrolment-hours-invalid", admin::MAX_CODE_HOURS),
        ))
    } else {
        None
    };
    if let Some(error) = error {
        let page = EnrolmentPage {
            f: &f,
            centres,
            form,
            error,
            codes: Vec::new(),
            centre_name: String::new(),
            expires_at: String::new(),
            address: address(&headers),
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response());
    }
    let (count, hours) = (count.unwrap_or(1), hours.unwrap_or(24));
    let made = admin::enrolment_codes(&storage, &form.centre, hours, count, &signed.actor())
        .await
        .map_err(|e| Failure::store(&signed.frame, e))?;
    let codes = made
        .codes
        .into_iter()
        .map(|code| CodeLine {
            qr: qr_svg(&code),
            code,
        })
        .collect();
    let centre_name = centres
        .iter()
        .find(|c| c.id == form.centre)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    Ok(html(&EnrolmentPage {
        f: &f,
        centres,
        form: EnrolmentForm {
            csrf: String::new(),
            ..form
        },
        error: FieldError::default(),
        codes,
        centre_name,
        expires_at: made.expires_at,
        address: address(&headers),
    }))
}

/// A code as a QR code, in SVG (the app reads it with a camera, or the code is typed).
fn qr_svg(code: &str) -> String {
    qrcode::QrCode::new(code.as_bytes())
        .map(|qr| {
            qr.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(160, 160)
                .quiet_zone(true)
                .build()
        })
        .unwrap_or_default()
        // The XML prolog cannot stand inside HTML.
        .split_once("?>")
        .map_or_else(String::new, |(_, svg)| svg.trim().to_owned())
}
