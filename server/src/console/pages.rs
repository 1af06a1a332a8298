//! The console's administration pages: centres, devices (revocation), enrolment codes with their
//! QR codes, the quarantine, pending erasures and the audit trail. A centre's coordinator sees
//! and acts on their own centre only: every list is filtered and every change checked here.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Failure, FieldError, Frame, Signed, html};
use crate::admin;
use crate::now;
use crate::storage::console::ConsoleStorage;
use crate::storage::{Centre, Device, StoreError};

/// The most codes the console makes at once (a page to print).
const MAX_CONSOLE_CODES: u32 = 50;

/// The centres the account may see, by id.
async fn visible_centres<S: ConsoleStorage>(
    storage: &S,
    signed: &Signed,
) -> Result<Vec<Centre>, Failure> {
    Ok(storage
        .list_centres()
        .await
        .map_err(|e| Failure::store(&signed.frame, e))?
        .into_iter()
        .filter(|c| signed.account.role.covers(&c.id))
        .collect())
}

fn names(centres: &[Centre]) -> HashMap<String, String> {
    centres
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect()
}

/// The devices the account may see.
async fn visible_devices<S: ConsoleStorage>(
    storage: &S,
    signed: &Signed,
) -> Result<Vec<Device>, Failure> {
    Ok(storage
        .list_devices()
        .await
        .map_err(|e| Failure::store(&signed.frame, e))?
        .into_iter()
        .filter(|d| signed.account.role.covers(&d.centre_id))
        .collect())
}

/// A centre's line on the centres page.
pub struct CentreLine {
    pub centre: Centre,
    pub active: usize,
    pub revoked: usize,
    pub last_sync: Option<String>,
}

#[derive(Template)]
#[template(path = "console/centres.html")]
struct CentresPage<'a> {
    f: &'a Frame,
    centres: Vec<CentreLine>,
    name: String,
    error: FieldError,
    created: Option<String>,
}

async fn centres_page<S: ConsoleStorage>(
    storage: &S,
    signed: &Signed,
    name: String,
    error: FieldError,
    created: Option<String>,
) -> Result<Response, Failure> {
    let devices = visible_devices(storage, signed).await?;
    let centres = visible_centres(storage, signed)
        .await?
        .into_iter()
        .map(|centre| {
            let own: Vec<&Device> = devices
                .iter()
                .filter(|d| d.centre_id == centre.id)
                .collect();
            CentreLine {
                active: own.iter().filter(|d| d.revoked_at.is_none()).count(),
                revoked: own.iter().filter(|d| d.revoked_at.is_some()).count(),
                last_sync: own.iter().filter_map(|d| d.last_seen.clone()).max(),
                centre,
            }
        })
        .collect();
    let status = if error.any() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let f = signed.page("nav-centres", "centres-title");
    Ok((
        status,
        html(&CentresPage {
            f: &f,
            centres,
            name,
            error,
            created,
        }),
    )
        .into_response())
}

pub async fn centres<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
) -> Result<Response, Failure> {
    centres_page(
        &storage,
        &signed,
        String::new(),
        FieldError::default(),
        None,
    )
    .await
}

#[derive(Deserialize)]
pub struct CentreForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
}

pub async fn create_centre<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
    Form(form): Form<CentreForm>,
) -> Result<Response, Failure> {
    signed.check(&form.csrf)?;
    if !signed.frame.network() {
        return Err(Failure::new(
            &signed.frame,
            StatusCode::FORBIDDEN,
            "refused-network-only",
        ));
    }
    let t = signed.frame.t;
    match admin::create_centre(&storage, &form.name, &signed.actor()).await {
        Ok(centre) => {
            centres_page(
                &storage,
                &signed,
                String::new(),
                FieldError::default(),
                Some(centre.name),
            )
            .await
        }
        Err(StoreError::Invalid(_)) => {
            let error = FieldError::on("name", t.get("centre-name-invalid"));
            centres_page(&storage, &signed, form.name, error, None).await
        }
        Err(e) => Err(Failure::store(&signed.frame, e)),
    }
}

/// A device's line on the devices page.
pub struct DeviceLine {
    pub device: Device,
    pub centre: String,
}

#[derive(Template)]
#[template(path = "console/devices.html")]
struct DevicesPage<'a> {
    f: &'a Frame,
    devices: Vec<DeviceLine>,
    notice: Option<String>,
}

async fn devices_page<S: ConsoleStorage>(
    storage: &S,
    signed: &Signed,
    notice: Option<String>,
) -> Result<Response, Failure> {
    let centres = names(&visible_centres(storage, signed).await?);
    let mut devices: Vec<DeviceLine> = visible_devices(storage, signed)
        .await?
        .into_iter()
        .map(|device| DeviceLine {
            centre: centres.get(&device.centre_id).cloned().unwrap_or_default(),
            device,
        })
        .collect();
    devices.sort_by(|a, b| (&a.centre, &a.device.name).cmp(&(&b.centre, &b.device.name)));
    let f = signed.page("nav-devices", "devices-title");
    Ok(html(&DevicesPage {
        f: &f,
        devices,
        notice,
    }))
}

pub async fn devices<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
) -> Result<Response, Failure> {
    devices_page(&storage, &signed, None).await
}

#[derive(Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    device_id: String,
    /// `yes` once the coordinator confirmed; before that, the confirmation is asked.
    #[serde(default)]
    confirm: String,
}

#[derive(Template)]
#[template(path = "console/revoke.html")]
struct RevokePage<'a> {
    f: &'a Frame,
    device: Device,
    centre: String,
}

pub async fn revoke<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
    Form(form): Form<RevokeForm>,
) -> Result<Response, Failure> {
    signed.check(&form.csrf)?;
    let Some(device) = storage
        .list_devices()
        .await
        .map_err(|e| Failure::store(&signed.frame, e))?
        .into_iter()
        .find(|d| d.id == form.device_id)
    else {
        return Err(Failure::new(
            &signed.frame,
            StatusCode::NOT_FOUND,
            "refused-not-found",
        ));
    };
    if !signed.account.role.covers(&device.centre_id) {
        return Err(Failure::other_centre(&signed.frame));
    }
    if form.confirm != "yes" {
        let centre = admin::centre(&storage, &device.centre_id)
            .await
            .map_err(|e| Failure::store(&signed.frame, e))?
            .name;
        let f = signed.page("nav-devices", "revoke-title");
        return Ok(html(&RevokePage {
            f: &f,
            device,
            centre,
        }));
    }
    storage
        .revoke(device.id.clone(), signed.actor(), now())
        .await
        .map_err(|e| Failure::store(&signed.frame, e))?;
    let notice = signed
        .frame
        .t
        .with("device-revoked", &[("name", &device.name)]);
    devices_page(&storage, &signed, Some(notice)).await
}

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

/// A quarantined operation's line.
pub struct QuarantineLine {
    pub device: String,
    pub centre: String,
    pub seq: i64,
    pub reason: String,
    pub received_at: String,
}

#[derive(Template)]
#[template(path = "console/quarantine.html")]
struct QuarantinePage<'a> {
    f: &'a Frame,
    lines: Vec<QuarantineLine>,
}

pub async fn quarantine<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
) -> Result<Response, Failure> {
    let centres = names(&visible_centres(&storage, &signed).await?);
    let devices: HashMap<String, Device> = visible_devices(&storage, &signed)
        .await?
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect();
    let lines = storage
        .list_quarantine()
        .await
        .map_err(|e| Failure::store(&signed.frame, e))?
        .into_iter()
        .filter_map(|q| {
            let device = devices.get(&q.device_id)?;
            Some(QuarantineLine {
                device: device.name.clone(),
                centre: centres.get(&device.centre_id).cloned().unwrap_or_default(),
                seq: q.seq,
                // The one reason storage writes today, in words; any other as written.
                reason: if q.reason.contains("different body") {
                    signed.frame.t.get("quarantine-reason-conflict")
                } else {
                    q.reason
                },
                received_at: q.received_at,
            })
        })
        .collect();
    let f = signed.page("nav-quarantine", "quarantine-title");
    Ok(html(&QuarantinePage { f: &f, lines }))
}

/// A pending erasure's line.
pub struct ErasureLine {
    pub record: String,
    pub device: String,
    pub centre: String,
    pub erased_at: String,
}

#[derive(Template)]
#[template(path = "console/erasures.html")]
struct ErasuresPage<'a> {
    f: &'a Frame,
    lines: Vec<ErasureLine>,
}

pub async fn erasures<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
) -> Result<Response, Failure> {
    let centres = names(&visible_centres(&storage, &signed).await?);
    let devices: HashMap<String, Device> = visible_devices(&storage, &signed)
        .await?
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect();
    let lines = storage
        .list_pending_erasures()
        .await
        .map_err(|e| Failure::store(&signed.frame, e))?
        .into_iter()
        .filter_map(|p| {
            let device = devices.get(&p.device_id)?;
            Some(ErasureLine {
                record: p.entity_id,
                device: device.name.clone(),
                centre: centres.get(&device.centre_id).cloned().unwrap_or_default(),
                erased_at: p.erased_at,
            })
        })
        .collect();
    let f = signed.page("nav-erasures", "erasures-title");
    Ok(html(&ErasuresPage { f: &f, lines }))
}

/// A line of the log, in words: who, what, and about what (a centre, a device, a questionnaire
/// version by name; a record only by the start of its number).
pub struct AuditLine {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub about: String,
}

#[derive(Template)]
#[template(path = "console/audit.html")]
struct AuditPage<'a> {
    f: &'a Frame,
    lines: Vec<AuditLine>,
}

pub async fn audit<S: ConsoleStorage>(
    State(storage): State<S>,
    signed: Signed,
) -> Result<Response, Failure> {
    if !signed.frame.network() {
        return Err(Failure::new(
            &signed.frame,
            StatusCode::FORBIDDEN,
            "refused-network-only",
        ));
    }
    let t = signed.frame.t;
    let centres = names(&visible_centres(&storage, &signed).await?);
    let devices: HashMap<String, String> = visible_devices(&storage, &signed)
        .await?
        .into_iter()
        .map(|d| {
            let centre = centres.get(&d.centre_id).cloned().unwrap_or_default();
            let name = t.with("audit-device", &[("name", &d.name), ("centre", &centre)]);
            (d.id, name)
        })
        .collect();
    let about = |id: &str| -> String {
        if let Some(name) = centres.get(id).or_else(|| devices.get(id)) {
            return name.clone();
        }
        if let Some((_, version)) = id.split_once('@') {
            return t.arg("audit-questionnaire", "version", version);
        }
        if uuid::Uuid::parse_str(id).is_ok() {
            return t.arg(
                "audit-record",
                "number",
                &id.chars().take(8).collect::<String>(),
            );
        }
        // Account names, and the retention periods' "periods" (said by the action already).
        if id == "periods" {
            String::new()
        } else {
            id.to_owned()
        }
    };
    let lines = storage
        .audit_trail(300)
        .await
        .map_err(|e| Failure::store(&signed.frame, e))?
        .into_iter()
        .map(|e| AuditLine {
            at: t.when(&e.at),
            actor: e
                .actor
                .strip_prefix("device:")
                .and_then(|id| devices.get(id).cloned())
                .unwrap_or_else(|| t.actor(&e.actor)),
            action: t.action(&e.action),
            about: e.record_id.as_deref().map(about).unwrap_or_default(),
        })
        .collect();
    let f = signed.page("nav-audit", "audit-title");
    Ok(html(&AuditPage { f: &f, lines }))
}
