//! The database key: 32 random bytes, wiped from memory when dropped. The vault seals it in the
//! volunteers' slots; the store hands it to SQLCipher.

use rand::RngCore;
use zeroize::Zeroizing;

/// The key's length in bytes.
pub(crate) const KEY_BYTES: usize = 32;

/// The database key. Wiped from memory when dropped.
pub struct DbKey(Zeroizing<[u8; KEY_BYTES]>);

impl DbKey {
    /// A new random key (set-up).
    pub(crate) fn random() -> Self {
        let mut key = Zeroizing::new([0u8; KEY_BYTES]);
        rand::rng().fill_bytes(key.as_mut());
        DbKey(key)
    }

    /// The key held in `bytes`, when they are a key's length.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let bytes: [u8; KEY_BYTES] = bytes.try_into().ok()?;
        Some(DbKey(Zeroizing::new(bytes)))
    }

    /// The secret bytes, for sealing in a slot.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_ref()
    }

    /// The key as SQLCipher's raw-key literal, `x'…'`: used as is, without SQLCipher's own
    /// key derivation (the key is already random).
    pub(crate) fn sql_literal(&self) -> Zeroizing<String> {
        // Built in place, without a temporary copy of the digits left behind in memory.
        let mut digits = Zeroizing::new([0u8; KEY_BYTES * 2]);
        hex::encode_to_slice(self.0.as_ref(), digits.as_mut()).expect("two digits a byte");
        let mut literal = Zeroizing::new(String::with_capacity(KEY_BYTES * 2 + 3));
        literal.push_str("x'");
        literal.push_str(std::str::from_utf8(digits.as_ref()).expect("hex digits are ASCII"));
        literal.push('\'');
        literal
    }
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(…)")
    }
}
