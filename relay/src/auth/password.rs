//! argon2id password hashes, computed off the async threads.

use std::sync::OnceLock;

use argon2::{Argon2, PasswordHasher as _, PasswordVerifier as _};

use super::AuthError;

/// Hashes a password (argon2id, default parameters, random salt) into a PHC string.
pub async fn hash_password(password: String) -> Result<String, AuthError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(|e| AuthError::Interrupted(e.to_string()))?
}

fn hash_blocking(password: &str) -> Result<String, AuthError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| AuthError::Hash(e.to_string()))
}

/// Whether `password` matches the PHC string `hash`. With no hash (an unknown account) a
/// fixed hash is checked instead, so the answer takes as long either way.
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let argon2 = Argon2::default();
        match hash {
            Some(hash) => argon2
                .verify_password(password.as_bytes(), hash.as_str())
                .is_ok(),
            None => {
                static DECOY: OnceLock<Option<String>> = OnceLock::new();
                if let Some(decoy) = DECOY.get_or_init(|| hash_blocking("decoy password").ok()) {
                    let _ = argon2.verify_password(password.as_bytes(), decoy.as_str());
                }
                false
            }
        }
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_only_the_right_password() {
        let hash = hash_password("correct horse".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse".into(), Some(hash.clone())).await);
        assert!(!verify_password("wrong horse".into(), Some(hash)).await);
        assert!(!verify_password("anything".into(), None).await);
        assert!(!verify_password("x".into(), Some("!".into())).await);
    }
}
