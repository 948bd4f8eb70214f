//! API tokens: 32 random bytes, hex; only their SHA-256 is stored.

use std::time::Duration;

use sha2::{Digest as _, Sha256};

use super::AuthError;

/// How long a token from sign-in works.
pub const TOKEN_LIFETIME: Duration = Duration::from_secs(12 * 3600);

/// A new bearer token: 32 bytes from the operating system's CSPRNG as 64 hex digits.
pub fn new_token() -> Result<String, AuthError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AuthError::Random(e.to_string()))?;
    Ok(hex::encode(bytes))
}

/// What the store keeps of a token: its SHA-256, hex.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_hex_and_hash_stably() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
        assert_ne!(token_hash(&a), a, "the hash is not the token");
    }
}
