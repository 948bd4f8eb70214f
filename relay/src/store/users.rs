//! Users and API tokens.

use std::time::Duration;

use lifeline_protocol::messages::UnixMillis;
use sqlx::Row as _;

use super::error::is_unique_violation;
use super::rows::{self, user_columns};
use super::types::{User, UserRole};
use super::{Store, StoreError, clean_text, from_ms, ms};
use crate::auth;

/// Name of the relay's own account, which owns portal-request codes until a technician takes
/// them. The parentheses keep it apart from names people choose.
pub(crate) const SYSTEM_USER: &str = "(customer portal)";

/// Longest user name, in characters.
pub const MAX_NAME_CHARS: usize = 64;
/// Shortest password, in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Longest password, in characters.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// A new API token: the secret itself is only ever in this value and the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedToken {
    /// The bearer token.
    pub token: String,
    /// When it stops working.
    pub expires_at: UnixMillis,
}

impl Store {
    pub(super) async fn ensure_system_user(&self, now: UnixMillis) -> Result<(), StoreError> {
        // "!" is no PHC string, so no password ever matches it.
        sqlx::query(
            "INSERT INTO users (name, password_hash, role, disabled, is_system, created_at) \
             SELECT ?, '!', 'technician', TRUE, TRUE, ? \
             WHERE NOT EXISTS (SELECT 1 FROM users WHERE is_system)",
        )
        .bind(SYSTEM_USER)
        .bind(ms(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The system account's id.
    pub(super) async fn system_user_id(&self) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT id FROM users WHERE is_system ORDER BY id LIMIT 1")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Creates an account. The name is trimmed, 1 to 64 characters, unique ignoring ASCII
    /// case; the password has 8 to 1024 characters and is stored as an argon2 hash.
    pub async fn create_user(
        &self,
        name: &str,
        password: &str,
        role: UserRole,
    ) -> Result<User, StoreError> {
        let name = clean_text("the user name", name, MAX_NAME_CHARS, false)?;
        if name.is_empty() {
            return Err(StoreError::Invalid("the user name is empty".into()));
        }
        let chars = password.chars().count();
        if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&chars) {
            return Err(StoreError::Invalid(format!(
                "the password must have {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters, \
                 it has {chars}"
            )));
        }
        let hash = auth::hash_password(password.to_owned())
            .await
            .map_err(|e| StoreError::Crypto(e.to_string()))?;
        let inserted = sqlx::query(
            "INSERT INTO users (name, password_hash, role, created_at) VALUES (?, ?, ?, ?) \
             RETURNING id",
        )
        .bind(&name)
        .bind(&hash)
        .bind(role.as_str())
        .bind(ms(UnixMillis::now()))
        .fetch_one(&self.pool)
        .await;
        match inserted {
            Ok(row) => Ok(User {
                id: row.try_get("id")?,
                name,
                role,
                disabled: false,
            }),
            Err(e) if is_unique_violation(&e) => Err(StoreError::NameTaken(name)),
            Err(e) => Err(e.into()),
        }
    }

    /// A user by id (never the system account).
    pub async fn user(&self, id: i64) -> Result<Option<User>, StoreError> {
        let row = sqlx::query(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users u WHERE u.id = ? AND NOT u.is_system"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(rows::user).transpose()
    }

    /// Every account, by name.
    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        let found = sqlx::query(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users u WHERE NOT u.is_system ORDER BY lower(u.name)"
        ))
        .fetch_all(&self.pool)
        .await?;
        found.iter().map(rows::user).collect()
    }

    /// The user signing in as `name` (ignoring ASCII case) and their password hash.
    pub async fn credentials(&self, name: &str) -> Result<Option<(User, String)>, StoreError> {
        let row = sqlx::query(concat!(
            "SELECT ",
            user_columns!(),
            ", u.password_hash FROM users u WHERE lower(u.name) = lower(?) AND NOT u.is_system"
        ))
        .bind(name.trim())
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(row) => Ok(Some((rows::user(&row)?, row.try_get("password_hash")?))),
            None => Ok(None),
        }
    }

    /// Changes a user's role and/or disables or enables them. Disabling also revokes their
    /// tokens.
    pub async fn update_user(
        &self,
        id: i64,
        role: Option<UserRole>,
        disabled: Option<bool>,
    ) -> Result<User, StoreError> {
        let mut tx = self.write().await?;
        let updated = sqlx::query(
            "UPDATE users SET role = COALESCE(?, role), disabled = COALESCE(?, disabled) \
             WHERE id = ? AND NOT is_system",
        )
        .bind(role.map(UserRole::as_str))
        .bind(disabled)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::NotFound("user"));
        }
        if disabled == Some(true) {
            sqlx::query("DELETE FROM api_tokens WHERE user_id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        self.user(id).await?.ok_or(StoreError::NotFound("user"))
    }

    /// Issues a new API token for `user_id`, valid for `lifetime`; forgets expired tokens.
    pub async fn issue_token(
        &self,
        user_id: i64,
        now: UnixMillis,
        lifetime: Duration,
    ) -> Result<IssuedToken, StoreError> {
        let token = auth::new_token().map_err(|e| StoreError::Crypto(e.to_string()))?;
        let lifetime_ms = u64::try_from(lifetime.as_millis()).unwrap_or(u64::MAX);
        let expires_at = UnixMillis(now.0.saturating_add(lifetime_ms));
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM api_tokens WHERE expires_at <= ?")
            .bind(ms(now))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at) \
             VALUES (?, ?, ?, ?)",
        )
        .bind(auth::token_hash(&token))
        .bind(user_id)
        .bind(ms(now))
        .bind(ms(expires_at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(IssuedToken { token, expires_at })
    }

    /// The user a bearer token belongs to; `None` for an unknown or expired token or a
    /// disabled user.
    pub async fn user_for_token(
        &self,
        token: &str,
        now: UnixMillis,
    ) -> Result<Option<User>, StoreError> {
        let row = sqlx::query(concat!(
            "SELECT ",
            user_columns!(),
            ", t.expires_at FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = ? AND NOT u.disabled AND NOT u.is_system"
        ))
        .bind(auth::token_hash(token))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        if from_ms(row.try_get("expires_at")?) <= now {
            return Ok(None);
        }
        rows::user(&row).map(Some)
    }

    /// Revokes one token (sign-out).
    pub async fn revoke_token(&self, token: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM api_tokens WHERE token_hash = ?")
            .bind(auth::token_hash(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
