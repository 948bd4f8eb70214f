//! Retention: an admin sets how many days records are kept; expired records lose their
//! rows, their recording files and the files received in them, and nothing else does.

use lifeline_protocol::messages::UnixMillis;

use super::records::record_dir;
use super::{Store, StoreError, ms};

/// The settings key of the retention period.
const RETENTION_KEY: &str = "record_retention_days";
/// Longest retention an admin may set (ten years).
pub const MAX_RETENTION_DAYS: u32 = 3650;
const DAY_MS: u64 = 24 * 60 * 60 * 1000;

impl Store {
    /// Days records are kept; `None`: forever.
    pub async fn retention_days(&self) -> Result<Option<u32>, StoreError> {
        let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
            .bind(RETENTION_KEY)
            .fetch_optional(&self.pool)
            .await?;
        value
            .map(|v| {
                v.parse::<u32>()
                    .map_err(|e| StoreError::corrupt("retention days", e))
            })
            .transpose()
    }

    /// Sets the retention period (`None`: keep forever); 1 to [`MAX_RETENTION_DAYS`] days.
    pub async fn set_retention_days(&self, days: Option<u32>) -> Result<(), StoreError> {
        match days {
            Some(d) if d == 0 || d > MAX_RETENTION_DAYS => Err(StoreError::Invalid(format!(
                "retention must be 1 to {MAX_RETENTION_DAYS} days, or none to keep records forever"
            ))),
            Some(d) => {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES (?, ?) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(RETENTION_KEY)
                .bind(d.to_string())
                .execute(&self.pool)
                .await?;
                Ok(())
            }
            None => {
                sqlx::query("DELETE FROM settings WHERE key = ?")
                    .bind(RETENTION_KEY)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }
        }
    }

    /// Deletes the records of sessions that ended (or, still open, started) before the
    /// retention period: the session row with its events, chunks, received files, wrap-up and
    /// access log, and the record's folder (recording and file contents). Codes, users and portals stay. Returns the sessions
    /// deleted; with no retention set, deletes nothing.
    pub async fn purge_expired_records(&self, now: UnixMillis) -> Result<Vec<i64>, StoreError> {
        let Some(days) = self.retention_days().await? else {
            return Ok(Vec::new());
        };
        let cutoff = UnixMillis(now.0.saturating_sub(u64::from(days) * DAY_MS));
        let mut tx = self.write().await?;
        let expired: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM sessions WHERE COALESCE(ended_at, started_at) < ? ORDER BY id",
        )
        .bind(ms(cutoff))
        .fetch_all(&mut *tx)
        .await?;
        for id in &expired {
            for table in [
                "DELETE FROM record_access WHERE session_id = ?",
                "DELETE FROM record_wrapups WHERE session_id = ?",
                "DELETE FROM record_chunks WHERE session_id = ?",
                "DELETE FROM record_files WHERE session_id = ?",
                "DELETE FROM records WHERE session_id = ?",
                "DELETE FROM session_events WHERE session_id = ?",
                "DELETE FROM sessions WHERE id = ?",
            ] {
                sqlx::query(table).bind(id).execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        for id in &expired {
            let dir = record_dir(&self.data_dir, *id);
            match tokio::fs::remove_dir_all(&dir).await {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => tracing::warn!(session = id, "could not delete {}: {e}", dir.display()),
            }
        }
        if !expired.is_empty() {
            tracing::info!(
                count = expired.len(),
                days,
                "expired session records deleted"
            );
        }
        Ok(expired)
    }
}
