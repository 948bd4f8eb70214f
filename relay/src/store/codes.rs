//! Session codes.

use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::UnixMillis;
use sqlx::SqliteConnection;

use super::rows::{self, code_columns, portal_columns};
use super::types::{CodeRecord, CodeState, NewCode, Portal, User, UserRole};
use super::{Store, StoreError, clean_text, ms};

/// Longest code identifier, in characters.
pub const MAX_IDENTIFIER_CHARS: usize = 100;

/// Draws before giving up on finding an unused code (each draw collides with probability
/// codes-in-use / 10⁹).
const CODE_DRAWS: usize = 16;

impl Store {
    /// Creates a pending code for `new.owner_id` in portal `new.portal_id`, refusing when the
    /// owner already holds the portal's maximum of pending codes.
    pub async fn create_code(
        &self,
        new: &NewCode,
        now: UnixMillis,
    ) -> Result<CodeRecord, StoreError> {
        let identifier = match &new.identifier {
            Some(text) => {
                let text = clean_text("the identifier", text, MAX_IDENTIFIER_CHARS, false)?;
                (!text.is_empty()).then_some(text)
            }
            None => None,
        };
        let mut tx = self.write().await?;
        let portal = live_portal(&mut tx, new.portal_id).await?;
        let pending: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM codes WHERE owner_id = ? AND state = 'pending' AND expires_at > ?",
        )
        .bind(new.owner_id)
        .bind(ms(now))
        .fetch_one(&mut *tx)
        .await?;
        if pending >= i64::from(portal.max_pending_codes) {
            return Err(StoreError::TooManyPendingCodes {
                limit: portal.max_pending_codes,
                portal: portal.name,
            });
        }
        let record = insert_code(&mut tx, new.owner_id, portal, identifier, false, now).await?;
        tx.commit().await?;
        Ok(record.1)
    }

    /// A code by its digits, whatever its state.
    pub async fn code(&self, code: SessionCode) -> Result<Option<CodeRecord>, StoreError> {
        let row = sqlx::query(concat!(
            "SELECT ",
            code_columns!(),
            " FROM codes c JOIN portals p ON p.id = c.portal_id WHERE c.code = ?"
        ))
        .bind(i64::from(code.value()))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(rows::code).transpose()
    }

    /// The codes `owner_id` holds, newest first, at most `limit`.
    pub async fn codes_of(&self, owner_id: i64, limit: u32) -> Result<Vec<CodeRecord>, StoreError> {
        let found = sqlx::query(concat!(
            "SELECT ",
            code_columns!(),
            " FROM codes c JOIN portals p ON p.id = c.portal_id WHERE c.owner_id = ? \
             ORDER BY c.created_at DESC, c.id DESC LIMIT ?"
        ))
        .bind(owner_id)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        found.iter().map(rows::code).collect()
    }

    /// Sets a code's stored state.
    pub async fn set_code_state(
        &self,
        code: SessionCode,
        state: CodeState,
    ) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE codes SET state = ? WHERE code = ?")
            .bind(state.as_str())
            .bind(i64::from(code.value()))
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("code"));
        }
        Ok(())
    }

    /// Cancels a pending code on behalf of `by`: its owner, or an admin. A code `by` may not
    /// see reads as not found.
    pub async fn cancel_code(
        &self,
        code: SessionCode,
        by: &User,
        now: UnixMillis,
    ) -> Result<CodeRecord, StoreError> {
        let mut tx = self.write().await?;
        let row = sqlx::query(concat!(
            "SELECT ",
            code_columns!(),
            " FROM codes c JOIN portals p ON p.id = c.portal_id WHERE c.code = ?"
        ))
        .bind(i64::from(code.value()))
        .fetch_optional(&mut *tx)
        .await?;
        let mut record = row
            .as_ref()
            .map(rows::code)
            .transpose()?
            .filter(|r| r.owner_id == by.id || by.role == UserRole::Admin)
            .ok_or(StoreError::NotFound("code"))?;
        let state = record.effective_state(now);
        if state != CodeState::Pending {
            return Err(StoreError::CodeState {
                state,
                action: "cancelled",
            });
        }
        sqlx::query("UPDATE codes SET state = 'cancelled' WHERE code = ?")
            .bind(i64::from(code.value()))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        record.state = CodeState::Cancelled;
        Ok(record)
    }
}

/// A live (not deleted) portal, inside a transaction.
pub(super) async fn live_portal(
    conn: &mut SqliteConnection,
    portal_id: i64,
) -> Result<Portal, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        portal_columns!(),
        " FROM portals p WHERE p.id = ? AND p.deleted_at IS NULL"
    ))
    .bind(portal_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref()
        .map(rows::portal)
        .transpose()?
        .ok_or(StoreError::NotFound("portal"))
}

/// Inserts a pending code with fresh random digits; returns its row id and record.
pub(super) async fn insert_code(
    conn: &mut SqliteConnection,
    owner_id: i64,
    portal: Portal,
    identifier: Option<String>,
    chat_only: bool,
    now: UnixMillis,
) -> Result<(i64, CodeRecord), StoreError> {
    let expires_at = UnixMillis(
        now.0
            .saturating_add(u64::from(portal.code_lifetime_secs) * 1000),
    );
    for _ in 0..CODE_DRAWS {
        let code = SessionCode::generate().map_err(|e| StoreError::Crypto(e.to_string()))?;
        // ON CONFLICT keeps the transaction usable on PostgreSQL too when the digits collide.
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO codes (code, owner_id, portal_id, identifier, chat_only, state, \
             created_at, expires_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) \
             ON CONFLICT (code) DO NOTHING RETURNING id",
        )
        .bind(i64::from(code.value()))
        .bind(owner_id)
        .bind(portal.id)
        .bind(identifier.as_deref())
        .bind(chat_only)
        .bind(ms(now))
        .bind(ms(expires_at))
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(id) = id {
            let record = CodeRecord {
                code,
                owner_id,
                portal,
                identifier,
                state: CodeState::Pending,
                chat_only,
                created_at: now,
                expires_at,
            };
            return Ok((id, record));
        }
    }
    Err(StoreError::Crypto(
        "could not find an unused session code; try again".into(),
    ))
}
