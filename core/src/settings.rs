//! The device's settings kept in the database: each change is written with its audit row in one
//! transaction. The centre's name has its rule here, for the app, its set-up and the command
//! line alike.

use crate::error::{Problem, Result};
use crate::retention::{AuditAction, audit_in};
use crate::store::Store;

/// The meta key of the centre's name.
pub const CENTRE_NAME: &str = "centre_name";
/// The longest centre name: it heads every sheet.
pub const CENTRE_NAME_MAX: usize = 120;

/// The meta key of the centre's phone number, printed at the foot of every sheet.
pub const CENTRE_PHONE: &str = "centre_phone";

/// The meta key of the centre's commune (INSEE code).
pub const CENTRE_COMMUNE: &str = "centre_commune";

/// `name` trimmed, if it is a centre's name: 1 to [`CENTRE_NAME_MAX`] characters.
///
/// # Errors
/// [`Problem::CentreNameLength`] for a blank or overlong name.
pub fn centre_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > CENTRE_NAME_MAX {
        return Err(Problem::CentreNameLength {
            max: CENTRE_NAME_MAX,
        }
        .into());
    }
    Ok(name)
}

/// `phone` trimmed, if it reads as a phone number: 6 to 20 digits, with spaces, dots, dashes,
/// brackets or a leading + between them.
///
/// # Errors
/// [`Problem::CentrePhone`] otherwise.
pub fn centre_phone(phone: &str) -> Result<&str> {
    let phone = phone.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " .-()".contains(c) || (c == '+' && i == 0));
    if !(6..=20).contains(&digits) || !allowed {
        return Err(Problem::CentrePhone.into());
    }
    Ok(phone)
}

impl Store {
    /// The centre's name, if it was given one.
    pub fn centre_name(&self) -> Result<Option<String>> {
        self.find_meta(CENTRE_NAME)
    }

    /// Names the centre (the status line, the sheets' header), with its audit row.
    ///
    /// # Errors
    /// [`Problem::CentreNameLength`] for a blank or overlong name (nothing is changed).
    pub fn set_centre_name(&mut self, name: &str) -> Result<()> {
        let name = centre_name(name)?;
        self.set_setting(CENTRE_NAME, name)
    }

    /// The centre's phone number, if it was given one.
    pub fn centre_phone(&self) -> Result<Option<String>> {
        Ok(self.find_meta(CENTRE_PHONE)?.filter(|p| !p.is_empty()))
    }

    /// Sets the centre's phone number (the foot of every sheet), or clears it when `phone` is
    /// blank, with its audit row.
    ///
    /// # Errors
    /// [`Problem::CentrePhone`] for what is not a phone number (nothing is changed).
    pub fn set_centre_phone(&mut self, phone: &str) -> Result<()> {
        let phone = if phone.trim().is_empty() {
            ""
        } else {
            centre_phone(phone)?
        };
        self.set_setting(CENTRE_PHONE, phone)
    }

    /// The centre's commune (INSEE code), if it was set.
    pub fn centre_commune(&self) -> Result<Option<String>> {
        self.find_meta(CENTRE_COMMUNE)
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
        self.set_setting(CENTRE_COMMUNE, &code)
    }

    /// Records the device's set-up (`set_up`) and, when one was given, the centre's name, in one
    /// transaction.
    ///
    /// # Errors
    /// [`Problem::CentreNameLength`] for a blank or overlong name (nothing is written).
    pub fn record_set_up(&mut self, centre: Option<&str>) -> Result<()> {
        let centre = centre.map(centre_name).transpose()?;
        let actor = self.actor().to_owned();
        self.write(|tx| {
            if let Some(name) = centre {
                crate::store::set_meta(tx, CENTRE_NAME, name)?;
            }
            audit_in(tx, &actor, AuditAction::SetUp, None, None)
        })
    }

    /// Sets a device setting and its audit row (`settings_change`) in one transaction.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let actor = self.actor().to_owned();
        self.write(|tx| {
            crate::store::set_meta(tx, key, value)?;
            audit_in(tx, &actor, AuditAction::SettingsChange, None, None)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_centre_phone_is_digits_with_separators() {
        for ok in [
            "04 72 00 00 00",
            "+33 4 72 00 00 00",
            "04.72.00.00.00",
            "(0)4-72-00-00-00",
        ] {
            assert_eq!(centre_phone(&format!(" {ok} ")).unwrap(), ok);
        }
        // Too few digits, words, a letter, a + inside, too many digits.
        for bad in [
            "",
            "3939",
            "appelez-nous",
            "04 72 00 00 0a",
            "33+4 72 00 00 00",
            "0123456789012345678901",
        ] {
            assert!(centre_phone(bad).is_err(), "{bad:?} is refused");
        }
    }
}
