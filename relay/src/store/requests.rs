//! Chat-only requests customers leave on a portal page.

use lifeline_protocol::messages::UnixMillis;
use sqlx::Row as _;
use sqlx::sqlite::SqliteRow;

use super::codes::{insert_code, live_portal};
use super::rows;
use super::types::{CodeRecord, CodeState, PortalRequest};
use super::{Store, StoreError, clean_text, from_ms, ms};

/// Longest customer name on a request, in characters.
pub const MAX_REQUEST_NAME_CHARS: usize = 100;
/// Longest problem description, in characters.
pub const MAX_PROBLEM_CHARS: usize = 2000;
/// Requests that may wait on one portal at once.
pub const MAX_OPEN_REQUESTS: i64 = 100;

/// Request columns with their code's and portal's.
macro_rules! request_query {
    ($where:literal) => {
        concat!(
            "SELECT r.id AS r_id, r.customer_name AS r_name, r.problem AS r_problem, \
             r.created_at AS r_created, r.accepted_by AS r_accepted_by, \
             r.accepted_at AS r_accepted_at, ",
            $crate::store::rows::code_columns!(),
            " FROM portal_requests r JOIN codes c ON c.id = r.code_id \
             JOIN portals p ON p.id = c.portal_id ",
            $where
        )
    };
}

impl Store {
    /// Takes a customer's request on portal `portal_id`: creates a chat-only code (owned by
    /// the relay until a technician accepts the request) and queues the request.
    pub async fn create_portal_request(
        &self,
        portal_id: i64,
        customer_name: &str,
        problem: &str,
        now: UnixMillis,
    ) -> Result<PortalRequest, StoreError> {
        let name = clean_text("your name", customer_name, MAX_REQUEST_NAME_CHARS, false)?;
        if name.is_empty() {
            return Err(StoreError::Invalid("please enter your name".into()));
        }
        let problem = clean_text("the problem description", problem, MAX_PROBLEM_CHARS, true)?;
        if problem.is_empty() {
            return Err(StoreError::Invalid("please describe the problem".into()));
        }
        let system = self.system_user_id().await?;
        let mut tx = self.write().await?;
        let portal = live_portal(&mut tx, portal_id).await?;
        if !portal.accept_chat_requests {
            return Err(StoreError::RequestsClosed);
        }
        let waiting: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM portal_requests r JOIN codes c ON c.id = r.code_id \
             WHERE r.portal_id = ? AND r.accepted_by IS NULL AND c.state = 'pending' \
             AND c.expires_at > ?",
        )
        .bind(portal.id)
        .bind(ms(now))
        .fetch_one(&mut *tx)
        .await?;
        if waiting >= MAX_OPEN_REQUESTS {
            return Err(StoreError::RequestQueueFull);
        }
        let (code_id, code) = insert_code(
            &mut tx,
            system,
            portal.clone(),
            Some(name.clone()),
            true,
            now,
        )
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO portal_requests (portal_id, code_id, customer_name, problem, created_at) \
             VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(portal.id)
        .bind(code_id)
        .bind(&name)
        .bind(&problem)
        .bind(ms(now))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(PortalRequest {
            id,
            portal,
            code,
            customer_name: name,
            problem,
            created_at: now,
            accepted: None,
        })
    }

    /// Requests no technician has taken whose codes are still usable, oldest first.
    pub async fn open_requests(&self, now: UnixMillis) -> Result<Vec<PortalRequest>, StoreError> {
        let found = sqlx::query(request_query!(
            "WHERE r.accepted_by IS NULL AND c.state = 'pending' AND c.expires_at > ? \
             ORDER BY r.created_at, r.id"
        ))
        .bind(ms(now))
        .fetch_all(&self.pool)
        .await?;
        found.iter().map(request).collect()
    }

    /// A request by id.
    pub async fn portal_request(&self, id: i64) -> Result<Option<PortalRequest>, StoreError> {
        let row = sqlx::query(request_query!("WHERE r.id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(request).transpose()
    }

    /// A technician takes a request: its code becomes theirs.
    pub async fn accept_request(
        &self,
        id: i64,
        technician_id: i64,
        now: UnixMillis,
    ) -> Result<CodeRecord, StoreError> {
        let mut tx = self.write().await?;
        let row = sqlx::query(request_query!("WHERE r.id = ?"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound("request"))?;
        let found = request(&row)?;
        if found.accepted.is_some() {
            return Err(StoreError::AlreadyAccepted);
        }
        let state = found.code.effective_state(now);
        if state != CodeState::Pending {
            return Err(StoreError::CodeState {
                state,
                action: "accepted",
            });
        }
        sqlx::query("UPDATE portal_requests SET accepted_by = ?, accepted_at = ? WHERE id = ?")
            .bind(technician_id)
            .bind(ms(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE codes SET owner_id = ? WHERE code = ?")
            .bind(technician_id)
            .bind(i64::from(found.code.code.value()))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(CodeRecord {
            owner_id: technician_id,
            ..found.code
        })
    }
}

fn request(row: &SqliteRow) -> Result<PortalRequest, StoreError> {
    let code = rows::code(row)?;
    let accepted_by: Option<i64> = row.try_get("r_accepted_by")?;
    let accepted_at: Option<i64> = row.try_get("r_accepted_at")?;
    Ok(PortalRequest {
        id: row.try_get("r_id")?,
        portal: code.portal.clone(),
        code,
        customer_name: row.try_get("r_name")?,
        problem: row.try_get("r_problem")?,
        created_at: from_ms(row.try_get("r_created")?),
        accepted: accepted_by.map(|by| (by, from_ms(accepted_at.unwrap_or_default()))),
    })
}
