//! Reading and changing the device's settings (their rules are in `crate::settings`), and the
//! retention periods.

use super::Workspace;
use crate::error::Result;
use crate::retention::{self, Retention, RetentionReport};
use crate::settings::{
    self, CENTRE_COMMUNE, CENTRE_NAME, CENTRE_PHONE, DEFAULT_IDLE_MINUTES, IDLE_MINUTES,
    centre_name, centre_phone,
};
use crate::store::audit::AuditAction;
use crate::store::meta;

impl Workspace {
    /// The centre's name, if it was given one.
    pub fn centre_name(&self) -> Result<Option<String>> {
        self.store.find_meta(CENTRE_NAME)
    }

    /// Names the centre (the status line, the sheets' header), with its audit row.
    ///
    /// # Errors
    /// [`crate::Problem::CentreNameLength`] for a blank or overlong name (nothing is changed).
    pub fn set_centre_name(&mut self, name: &str) -> Result<()> {
        let name = centre_name(name)?;
        self.store.set_setting(CENTRE_NAME, name)
    }

    /// The centre's phone number, if it was given one.
    pub fn centre_phone(&self) -> Result<Option<String>> {
        Ok(self
            .store
            .find_meta(CENTRE_PHONE)?
            .filter(|p| !p.is_empty()))
    }

    /// Sets the centre's phone number (the foot of every sheet), or clears it when `phone` is
    /// blank, with its audit row.
    ///
    /// # Errors
    /// [`crate::Problem::CentrePhone`] for what is not a phone number (nothing is changed).
    pub fn set_centre_phone(&mut self, phone: &str) -> Result<()> {
        let phone = if phone.trim().is_empty() {
            ""
        } else {
            centre_phone(phone)?
        };
        self.store.set_setting(CENTRE_PHONE, phone)
    }

    /// The centre's commune (INSEE code), if it was set.
    pub fn centre_commune(&self) -> Result<Option<String>> {
        self.store.find_meta(CENTRE_COMMUNE)
    }

    /// Sets the centre's commune, where distances start from when the person prefers not to
    /// say where they live, with its audit row.
    ///
    /// # Errors
    /// [`crate::Error::BadInput`] for a code that is no commune's (nothing is changed).
    pub fn set_centre_commune(&mut self, code: &str) -> Result<()> {
        let code = code.trim().to_uppercase();
        if crate::content::communes()?.get(&code).is_none() {
            return Err(crate::Error::BadInput(format!(
                "\"{code}\" is not the INSEE code of a commune (aiguillage commune search NAME finds it)"
            )));
        }
        self.store.set_setting(CENTRE_COMMUNE, &code)
    }

    /// Records the device's set-up (`set_up`) and, when one was given, the centre's name, in one
    /// transaction.
    ///
    /// # Errors
    /// [`crate::Problem::CentreNameLength`] for a blank or overlong name (nothing is written).
    pub fn record_set_up(&mut self, centre: Option<&str>) -> Result<()> {
        let centre = centre.map(centre_name).transpose()?;
        let trail = self.store.trail();
        self.store.write(|tx| {
            if let Some(name) = centre {
                meta::set(tx, CENTRE_NAME, name)?;
            }
            trail.record(tx, AuditAction::SetUp, None, None)
        })
    }

    /// The retention periods in force.
    pub fn retention(&self) -> Result<Retention> {
        retention::periods(&self.store)
    }

    /// Changes the retention periods, then applies them at once.
    ///
    /// # Errors
    /// [`crate::Error::BadInput`] for a period out of bounds (nothing changes); database errors.
    pub fn set_retention(&mut self, periods: Retention) -> Result<RetentionReport> {
        retention::set_periods(&mut self.store, periods)?;
        self.apply_retention()
    }

    /// Applies retention as of now (done at every open).
    pub fn apply_retention(&mut self) -> Result<RetentionReport> {
        retention::apply(&mut self.store)
    }

    /// The idle lock's delay, in minutes.
    pub fn idle_minutes(&self) -> Result<u32> {
        Ok(self
            .store
            .find_meta_as(IDLE_MINUTES)?
            .unwrap_or(DEFAULT_IDLE_MINUTES))
    }

    /// Sets the idle lock's delay (1 to 120 minutes).
    ///
    /// # Errors
    /// [`crate::Error::BadInput`] outside those bounds.
    pub fn set_idle_minutes(&mut self, minutes: u32) -> Result<()> {
        let minutes = settings::idle_minutes(minutes)?;
        self.store.set_setting(IDLE_MINUTES, &minutes.to_string())
    }
}
