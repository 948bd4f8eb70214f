//! Session records and their events.

use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::handshake::DeviceSummary;
use serde_json::json;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row as _, SqliteConnection};

use super::rows;
use super::types::{
    CodeState, NewSession, SessionEnd, SessionEvent, SessionRecord, parse_party, party_name,
};
use super::{Store, StoreError, from_ms, ms, parse_column};

/// Longest customer name kept, in characters; longer names are cut.
pub const MAX_CUSTOMER_NAME_CHARS: usize = 100;
/// Longest end reason kept, in characters; longer reasons are cut.
const MAX_REASON_CHARS: usize = 500;

/// Session columns with their code, portal and technician.
macro_rules! session_query {
    ($where:literal) => {
        concat!(
            "SELECT s.id, s.technician_id, s.customer_name, s.device_json, s.started_at, \
             s.ended_at, s.ended_by, s.end_reason, s.bytes_from_technician, \
             s.bytes_from_customer, c.code, c.identifier, c.created_at AS code_created_at, \
             p.slug AS portal_slug, u.name AS technician_name \
             FROM sessions s JOIN codes c ON c.id = s.code_id \
             JOIN portals p ON p.id = c.portal_id JOIN users u ON u.id = s.technician_id ",
            $where
        )
    };
}

impl Store {
    /// Records that a session started on `new.code` (which must be pending or active and have
    /// no session yet), marks the code active and records a `joined` event. Returns the
    /// session id.
    pub async fn open_session(&self, new: &NewSession) -> Result<i64, StoreError> {
        let customer_name = tidy(&new.customer_name, MAX_CUSTOMER_NAME_CHARS);
        let device_json = serde_json::to_string(&new.device)
            .map_err(|e| StoreError::Invalid(format!("unusable device summary: {e}")))?;
        let mut tx = self.write().await?;
        let code = sqlx::query("SELECT id, state FROM codes WHERE code = ?")
            .bind(i64::from(new.code.value()))
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound("code"))?;
        let code_id: i64 = code.try_get("id")?;
        let state: CodeState = parse_column("code state", &code.try_get::<String, _>("state")?)?;
        if !matches!(state, CodeState::Pending | CodeState::Active) {
            return Err(StoreError::CodeState {
                state,
                action: "used for a session",
            });
        }
        let taken: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM sessions WHERE code_id = ?)")
                .bind(code_id)
                .fetch_one(&mut *tx)
                .await?;
        if taken {
            return Err(StoreError::SessionExists);
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO sessions (code_id, technician_id, customer_name, device_json, started_at) \
             VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(code_id)
        .bind(new.technician_id)
        .bind(&customer_name)
        .bind(&device_json)
        .bind(ms(new.started_at))
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE codes SET state = 'active' WHERE id = ?")
            .bind(code_id)
            .execute(&mut *tx)
            .await?;
        let data = json!({ "customer_name": customer_name, "device": new.device });
        insert_event(&mut tx, id, new.started_at, "joined", &data).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records how a session ended, marks its code ended and records an `ended` event.
    pub async fn close_session(&self, id: i64, end: &SessionEnd) -> Result<(), StoreError> {
        let reason = tidy(&end.reason, MAX_REASON_CHARS);
        let mut tx = self.write().await?;
        let row = sqlx::query("SELECT code_id, started_at, ended_at FROM sessions WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound("session"))?;
        if row.try_get::<Option<i64>, _>("ended_at")?.is_some() {
            return Err(StoreError::SessionClosed);
        }
        let code_id: i64 = row.try_get("code_id")?;
        let started_at = from_ms(row.try_get("started_at")?);
        let to_tech = clamp(end.bytes_from_technician);
        let to_customer = clamp(end.bytes_from_customer);
        sqlx::query(
            "UPDATE sessions SET ended_at = ?, ended_by = ?, end_reason = ?, \
             bytes_from_technician = ?, bytes_from_customer = ? WHERE id = ?",
        )
        .bind(ms(end.ended_at))
        .bind(party_name(end.ended_by))
        .bind(&reason)
        .bind(to_tech)
        .bind(to_customer)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE codes SET state = 'ended' WHERE id = ?")
            .bind(code_id)
            .execute(&mut *tx)
            .await?;
        let data = json!({
            "ended_by": party_name(end.ended_by),
            "reason": reason,
            "duration_ms": end.ended_at.0.saturating_sub(started_at.0),
            "bytes_from_technician": to_tech,
            "bytes_from_customer": to_customer,
        });
        insert_event(&mut tx, id, end.ended_at, "ended", &data).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds an event to a session's record.
    pub async fn record_event(
        &self,
        session_id: i64,
        at: UnixMillis,
        kind: &str,
        data: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        insert_event(&mut tx, session_id, at, kind, data).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Session records, newest first, at most `limit`; only `technician`'s when given.
    pub async fn sessions(
        &self,
        technician: Option<i64>,
        limit: u32,
    ) -> Result<Vec<SessionRecord>, StoreError> {
        let found = sqlx::query(session_query!(
            "WHERE (? IS NULL OR s.technician_id = ?) ORDER BY s.started_at DESC, s.id DESC LIMIT ?"
        ))
        .bind(technician)
        .bind(technician)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        found.iter().map(session).collect()
    }

    /// One session's record.
    pub async fn session(&self, id: i64) -> Result<Option<SessionRecord>, StoreError> {
        let row = sqlx::query(session_query!("WHERE s.id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(session).transpose()
    }

    /// A session's events, in order.
    pub async fn session_events(&self, id: i64) -> Result<Vec<SessionEvent>, StoreError> {
        let found = sqlx::query(
            "SELECT at, kind, data_json FROM session_events WHERE session_id = ? ORDER BY at, id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        found
            .iter()
            .map(|row| {
                let data: String = row.try_get("data_json")?;
                Ok(SessionEvent {
                    at: from_ms(row.try_get("at")?),
                    kind: row.try_get("kind")?,
                    data: serde_json::from_str(&data)
                        .map_err(|e| StoreError::corrupt("session event", e))?,
                })
            })
            .collect()
    }
}

async fn insert_event(
    conn: &mut SqliteConnection,
    session_id: i64,
    at: UnixMillis,
    kind: &str,
    data: &serde_json::Value,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO session_events (session_id, at, kind, data_json) VALUES (?, ?, ?, ?)")
        .bind(session_id)
        .bind(ms(at))
        .bind(kind)
        .bind(data.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) fn session(row: &SqliteRow) -> Result<SessionRecord, StoreError> {
    let device_json: String = row.try_get("device_json")?;
    let device: DeviceSummary =
        serde_json::from_str(&device_json).map_err(|e| StoreError::corrupt("device summary", e))?;
    let end = match row.try_get::<Option<i64>, _>("ended_at")? {
        None => None,
        Some(ended_at) => {
            let by: String = row
                .try_get::<Option<String>, _>("ended_by")?
                .unwrap_or_default();
            Some(SessionEnd {
                ended_at: from_ms(ended_at),
                ended_by: parse_party(&by).ok_or_else(|| StoreError::corrupt("ended_by", by))?,
                reason: row
                    .try_get::<Option<String>, _>("end_reason")?
                    .unwrap_or_default(),
                bytes_from_technician: unclamp(row.try_get("bytes_from_technician")?),
                bytes_from_customer: unclamp(row.try_get("bytes_from_customer")?),
            })
        }
    };
    Ok(SessionRecord {
        id: row.try_get("id")?,
        code: rows::session_code(row.try_get("code")?)?,
        identifier: row.try_get("identifier")?,
        portal: row.try_get("portal_slug")?,
        technician_id: row.try_get("technician_id")?,
        technician_name: row.try_get("technician_name")?,
        customer_name: row.try_get("customer_name")?,
        device,
        code_created_at: from_ms(row.try_get("code_created_at")?),
        started_at: from_ms(row.try_get("started_at")?),
        end,
    })
}

/// Text from the other side, kept readable: control characters become spaces, trimmed, cut
/// to `max` characters.
fn tidy(text: &str, max: usize) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .chars()
        .take(max)
        .collect()
}

fn clamp(bytes: u64) -> i64 {
    i64::try_from(bytes).unwrap_or(i64::MAX)
}

fn unclamp(bytes: i64) -> u64 {
    u64::try_from(bytes).unwrap_or(0)
}
