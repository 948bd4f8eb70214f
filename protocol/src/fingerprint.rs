//! SHA-256 fingerprints of the relay's certificate, pinned by clients.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

/// The SHA-256 digest of a DER-encoded certificate.
///
/// Written as 64 lowercase hex digits; parsing also accepts uppercase and the
/// colon-separated form (`AB:CD:…`) that certificate viewers show.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CertFingerprint([u8; 32]);

/// Why a text is not a certificate fingerprint.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum FingerprintError {
    /// Not 64 hex digits after removing colons.
    #[error("a certificate fingerprint is 64 hex digits (SHA-256), found {found} characters")]
    WrongLength {
        /// Characters found (colons removed).
        found: usize,
    },
    /// A character that is not a hex digit.
    #[error("a certificate fingerprint may only contain hex digits, found {found:?}")]
    InvalidCharacter {
        /// The offending character.
        found: char,
    },
}

impl CertFingerprint {
    /// The fingerprint of a DER-encoded certificate.
    pub fn of_der(der: &[u8]) -> Self {
        Self(Sha256::digest(der).into())
    }

    /// Wraps raw digest bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The raw digest.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Whether `der` is the certificate this fingerprint names.
    pub fn matches(&self, der: &[u8]) -> bool {
        Self::of_der(der) == *self
    }
}

impl FromStr for CertFingerprint {
    type Err = FingerprintError;

    fn from_str(text: &str) -> Result<Self, FingerprintError> {
        let hex_digits: String = text.trim().chars().filter(|c| *c != ':').collect();
        if let Some(found) = hex_digits.chars().find(|c| !c.is_ascii_hexdigit()) {
            return Err(FingerprintError::InvalidCharacter { found });
        }
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(&hex_digits, &mut bytes).map_err(|_| {
            FingerprintError::WrongLength {
                found: hex_digits.chars().count(),
            }
        })?;
        Ok(Self(bytes))
    }
}

impl fmt::Display for CertFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl fmt::Debug for CertFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CertFingerprint({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn of_der_is_sha256() {
        // SHA-256 of the empty input.
        let fp = CertFingerprint::of_der(b"");
        assert_eq!(
            fp.to_string(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert!(fp.matches(b""));
        assert!(!fp.matches(b"x"));
    }

    #[test]
    fn parses_plain_upper_and_colon_forms() {
        let fp = CertFingerprint::of_der(b"cert");
        let plain = fp.to_string();
        let upper = plain.to_uppercase();
        let colons = upper
            .as_bytes()
            .chunks(2)
            .map(|p| std::str::from_utf8(p).unwrap())
            .collect::<Vec<_>>()
            .join(":");
        for text in [plain.as_str(), upper.as_str(), colons.as_str()] {
            assert_eq!(text.parse::<CertFingerprint>().unwrap(), fp, "{text}");
        }
    }

    #[test]
    fn rejects_bad_text() {
        assert_eq!(
            "abcd".parse::<CertFingerprint>(),
            Err(FingerprintError::WrongLength { found: 4 })
        );
        let bad = format!("{}zz", "0".repeat(62));
        assert_eq!(
            bad.parse::<CertFingerprint>(),
            Err(FingerprintError::InvalidCharacter { found: 'z' })
        );
    }
}
