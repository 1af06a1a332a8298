//! The coordinator's recovery key: printed once at set-up, typed back the day every passphrase
//! of the device is forgotten.

use data_encoding::BASE32_NOPAD;
use rand::RngCore;
use zeroize::Zeroizing;

use crate::error::{Problem, Result};

const RECOVERY_BYTES: usize = 20;

/// The coordinator's recovery key, as printed: 32 letters and digits in groups of four.
pub struct RecoveryKey(Zeroizing<String>);

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

impl RecoveryKey {
    pub(super) fn random() -> Self {
        let mut bytes = Zeroizing::new([0u8; RECOVERY_BYTES]);
        rand::rng().fill_bytes(bytes.as_mut());
        let text = BASE32_NOPAD.encode(bytes.as_ref());
        let grouped: Vec<&str> = text
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect();
        RecoveryKey(Zeroizing::new(grouped.join("-")))
    }

    /// The key to print.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The secret bytes of a typed key: case, spaces and dashes do not matter, and the digits
    /// 0, 1 and 8 are read as the letters O, I and B they are mistaken for.
    pub(super) fn secret(typed: &str) -> Result<Zeroizing<Vec<u8>>> {
        let cleaned: Zeroizing<String> = Zeroizing::new(
            typed
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| match c.to_ascii_uppercase() {
                    '0' => 'O',
                    '1' => 'I',
                    '8' => 'B',
                    c => c,
                })
                .collect(),
        );
        match BASE32_NOPAD.decode(cleaned.as_bytes()) {
            Ok(bytes) if bytes.len() == RECOVERY_BYTES => Ok(Zeroizing::new(bytes)),
            _ => Err(Problem::RecoveryKeyMalformed.into()),
        }
    }
}
