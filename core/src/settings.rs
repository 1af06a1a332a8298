//! The device's settings kept in the database, and their rules: the centre's name, phone and
//! commune, the idle lock's delay. The rules are here, for the app, its set-up and the command
//! line alike; reading and changing them (each change with its audit row, in one transaction) is
//! the workspace's (`workspace/settings.rs`).

use crate::error::{Problem, Result};

/// The meta key of the centre's name.
pub const CENTRE_NAME: &str = "centre_name";
/// The longest centre name: it heads every sheet.
pub const CENTRE_NAME_MAX: usize = 120;

/// The meta key of the centre's phone number, printed at the foot of every sheet.
pub const CENTRE_PHONE: &str = "centre_phone";

/// The meta key of the centre's commune (INSEE code).
pub const CENTRE_COMMUNE: &str = "centre_commune";

/// The idle lock's delay, in minutes.
pub const IDLE_MINUTES: &str = "idle_lock_minutes";
/// The default idle lock delay.
pub const DEFAULT_IDLE_MINUTES: u32 = 5;
/// The longest idle lock delay, set or fixed by the environment.
pub const MAX_IDLE_MINUTES: u32 = 120;

/// `minutes` when it is an idle lock delay (1 to [`MAX_IDLE_MINUTES`]).
///
/// # Errors
/// [`crate::Error::BadInput`] outside those bounds.
pub fn idle_minutes(minutes: u32) -> Result<u32> {
    if !(1..=MAX_IDLE_MINUTES).contains(&minutes) {
        return Err(crate::Error::BadInput(format!(
            "the lock delay must be between 1 and {MAX_IDLE_MINUTES} minutes, not {minutes}"
        )));
    }
    Ok(minutes)
}

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
