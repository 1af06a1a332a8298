//! Enrolment codes and device tokens: random, shown once, stored only as SHA-256 hashes.

use rand::Rng;
use sha2::{Digest, Sha256};

/// Letters and digits that cannot be confused when read aloud or typed (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A new enrolment code of 10 characters (about 50 bits), grouped for reading: `ABCD-EFGH-JK`.
pub fn new_enrolment_code() -> String {
    let mut rng = rand::rng();
    let chars: String = (0..10)
        .map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char)
        .collect();
    format!("{}-{}-{}", &chars[..4], &chars[4..8], &chars[8..])
}

/// A code as typed: case, spaces and dashes do not matter.
pub fn normalise_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A new device token: 256 random bits, hex.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    hex::encode(bytes)
}

/// The stored form of a code or token.
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_survives_being_typed_sloppily() {
        let code = new_enrolment_code();
        let typed = code.to_lowercase().replace('-', " ");
        assert_eq!(hash(&normalise_code(&typed)), hash(&normalise_code(&code)));
    }

    #[test]
    fn tokens_are_256_bits_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }
}
