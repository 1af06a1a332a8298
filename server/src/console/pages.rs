//! The console's pages of centres and devices (with revocation), and what the other pages share:
//! the centres and devices an account may see. A centre's coordinator sees and acts on their own
//! centre only: every list is filtered and every change checked on the server.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::{Failure, FieldError, Frame, Signed, form_page, html};
use crate::admin;
use crate::now;
use crate::storage::console::ConsoleStorage;
use crate::storage::{Centre, Device, StoreError};

/// The centres the account may see, by id.
pub(super) async fn visible_centres<S: ConsoleStorage>(
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

pub(super) fn names(centres: &[Centre]) -> HashMap<String, String> {
    centres
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect()
}

/// The devices the account may see.
pub(super) async fn visible_devices<S: ConsoleStorage>(
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

/// The devices an account may see, with their centres' names.
pub(super) struct Seen {
    /// Centre id -> name.
    pub centres: HashMap<String, String>,
    devices: HashMap<String, Device>,
}

impl Seen {
    pub(super) async fn of<S: ConsoleStorage>(
        storage: &S,
        signed: &Signed,
    ) -> Result<Seen, Failure> {
        Ok(Seen {
            centres: names(&visible_centres(storage, signed).await?),
            devices: visible_devices(storage, signed)
                .await?
                .into_iter()
                .map(|d| (d.id.clone(), d))
                .collect(),
        })
    }

    /// A visible device's name and its centre's; `None` for another centre's device.
    pub(super) fn device(&self, id: &str) -> Option<(String, String)> {
        let device = self.devices.get(id)?;
        let centre = self
            .centres
            .get(&device.centre_id)
            .cloned()
            .unwrap_or_default();
        Some((device.name.clone(), centre))
    }
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
    let f = signed.page("nav-centres", "centres-title");
    let page = CentresPage {
        f: &f,
        centres,
        name,
        error,
        created,
    };
    Ok(form_page(&page, &page.error))
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
    signed.network_only()?;
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
            let error = FieldError::on("centre-name", t.get("centre-name-invalid"));
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
