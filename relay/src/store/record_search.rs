//! Listing records with filters and text search.

use sqlx::Row as _;

use super::record_types::{RecordFilter, RecordSummary};
use super::sessions::session;
use super::{Store, StoreError, ms, parse_column};

impl Store {
    /// Records matching `filter`, newest first.
    pub async fn search_records(
        &self,
        filter: &RecordFilter,
    ) -> Result<Vec<RecordSummary>, StoreError> {
        let outcome_given = filter.outcome.is_some();
        let outcome = filter.outcome.map(|o| o.map_or("none", |o| o.as_str()));
        let text = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase);
        let rows = sqlx::query(
            "SELECT s.id, s.technician_id, s.customer_name, s.device_json, s.started_at, \
             s.ended_at, s.ended_by, s.end_reason, s.bytes_from_technician, \
             s.bytes_from_customer, c.code, c.identifier, c.created_at AS code_created_at, \
             p.slug AS portal_slug, u.name AS technician_name, \
             w.outcome AS w_outcome, COALESCE(r.bytes, 0) AS r_bytes, \
             COALESCE(r.chunks, 0) AS r_chunks, COALESCE(r.duration_ms, 0) AS r_duration \
             FROM sessions s JOIN codes c ON c.id = s.code_id \
             JOIN portals p ON p.id = c.portal_id JOIN users u ON u.id = s.technician_id \
             LEFT JOIN records r ON r.session_id = s.id \
             LEFT JOIN record_wrapups w ON w.session_id = s.id \
             WHERE (?1 IS NULL OR s.technician_id = ?1) \
             AND (?2 IS NULL OR lower(u.name) = lower(?2)) \
             AND (?3 IS NULL OR p.slug = ?3) \
             AND (?4 IS NULL OR s.started_at >= ?4) \
             AND (?5 IS NULL OR s.started_at < ?5) \
             AND (NOT ?6 OR COALESCE(w.outcome, 'none') = ?7) \
             AND (?8 IS NULL OR instr(lower(COALESCE(c.identifier, '') || char(10) || \
                  s.customer_name || char(10) || COALESCE(r.chat_text, '')), ?8) > 0) \
             ORDER BY s.started_at DESC, s.id DESC LIMIT ?9",
        )
        .bind(filter.scope)
        .bind(filter.technician.as_deref())
        .bind(filter.portal.as_deref())
        .bind(filter.from.map(ms))
        .bind(filter.to.map(ms))
        .bind(outcome_given)
        .bind(outcome)
        .bind(text.as_deref())
        .bind(i64::from(filter.limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let outcome: Option<String> = row.try_get("w_outcome")?;
                Ok(RecordSummary {
                    session: session(row)?,
                    outcome: outcome.map(|o| parse_column("outcome", &o)).transpose()?,
                    bytes: u64::try_from(row.try_get::<i64, _>("r_bytes")?).unwrap_or(0),
                    chunks: u32::try_from(row.try_get::<i64, _>("r_chunks")?).unwrap_or(0),
                    recorded_ms: u64::try_from(row.try_get::<i64, _>("r_duration")?).unwrap_or(0),
                })
            })
            .collect()
    }
}
