//! Sign-in: argon2 password hashes, random API tokens, and the throttle that slows and then
//! locks repeated failures.

mod password;
mod throttle;
mod token;

use thiserror::Error;

pub use password::{hash_password, verify_password};
pub use throttle::{LoginThrottle, ThrottleConfig, Throttled};
pub use token::{TOKEN_LIFETIME, new_token, token_hash};

/// Why a password could not be hashed or a token made.
#[derive(Debug, Error)]
pub enum AuthError {
    /// argon2 failed.
    #[error("password hashing failed: {0}")]
    Hash(String),
    /// The operating system's random source failed.
    #[error("the system random number generator failed: {0}")]
    Random(String),
    /// The blocking task doing the work was lost.
    #[error("password hashing was interrupted: {0}")]
    Interrupted(String),
}
