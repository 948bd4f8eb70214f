//! Session records: recording chunks (rows here, bytes as files in the data dir), the
//! wrap-up, the access log and the portal's recording notice.

use std::path::{Path, PathBuf};

use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::record::{DecodedChunk, RecordItem};
use sha2::{Digest, Sha256};
use sqlx::Row as _;

use super::record_types::{AccessAction, AccessEntry, ChunkInfo, ChunkStored, Outcome, WrapUp};
use super::{Store, StoreError, clean_text, from_ms, ms, parse_column, to_u32};

/// Folder of the recordings in the data dir.
pub const RECORDS_DIR: &str = "records";
/// Longest wrap-up notes, in characters.
pub const MAX_NOTES_CHARS: usize = 4000;
/// Chat text kept for search per record, in bytes; later chat is not searchable.
const MAX_SEARCH_TEXT: usize = 256 * 1024;

impl Store {
    /// Whether [`Store::close`] was called.
    pub fn is_closed(&self) -> bool {
        self.pool.is_closed()
    }

    /// The folder of one session's recording.
    pub fn record_dir(&self, session_id: i64) -> PathBuf {
        record_dir(&self.data_dir, session_id)
    }

    /// Stores chunk `chunk.header.seq` of `session_id` (checked by the caller with
    /// `decode_chunk`), idempotently: the same bytes again change nothing; other bytes
    /// under a stored sequence number are [`StoreError::ChunkConflict`]. The file is
    /// written before its row, so a row always has its file.
    pub async fn put_chunk(
        &self,
        session_id: i64,
        chunk: &DecodedChunk,
        bytes: &[u8],
        now: UnixMillis,
    ) -> Result<ChunkStored, StoreError> {
        let seq = chunk.header.seq;
        let sha = hex::encode(Sha256::digest(bytes));
        let mut tx = self.write().await?;
        let started_at: i64 = sqlx::query_scalar("SELECT started_at FROM sessions WHERE id = ?")
            .bind(session_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound("session"))?;
        let stored: Option<String> =
            sqlx::query_scalar("SELECT sha256 FROM record_chunks WHERE session_id = ? AND seq = ?")
                .bind(session_id)
                .bind(i64::from(seq))
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(stored) = stored {
            return if stored == sha {
                Ok(ChunkStored::AlreadyStored)
            } else {
                Err(StoreError::ChunkConflict { seq })
            };
        }
        let path = self.write_chunk_file(session_id, seq, bytes).await?;
        let keyframes = i64::try_from(chunk.header.keyframes.len()).unwrap_or(i64::MAX);
        let chat = chat_text(chunk);
        let result = async {
            sqlx::query(
                "INSERT INTO record_chunks (session_id, seq, sha256, bytes, first_us, last_us, \
                 keyframes, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(session_id)
            .bind(i64::from(seq))
            .bind(&sha)
            .bind(len_i64(bytes.len()))
            .bind(clamp(chunk.header.first_us))
            .bind(clamp(chunk.header.last_us))
            .bind(keyframes)
            .bind(ms(now))
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO records (session_id, started_at, updated_at) VALUES (?, ?, ?) \
                 ON CONFLICT (session_id) DO NOTHING",
            )
            .bind(session_id)
            .bind(started_at)
            .bind(ms(now))
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE records SET bytes = bytes + ?, chunks = chunks + 1, \
                 keyframes = keyframes + ?, duration_ms = MAX(duration_ms, ?), \
                 chat_text = substr(chat_text || ?, 1, ?), updated_at = ? WHERE session_id = ?",
            )
            .bind(len_i64(bytes.len()))
            .bind(keyframes)
            .bind(clamp(chunk.header.last_us / 1000))
            .bind(&chat)
            .bind(len_i64(MAX_SEARCH_TEXT))
            .bind(ms(now))
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok::<_, StoreError>(())
        }
        .await;
        if let Err(err) = result {
            // Without its row the file is not part of the record; do not leave it behind.
            let _ = tokio::fs::remove_file(&path).await;
            return Err(err);
        }
        Ok(ChunkStored::Created)
    }

    async fn write_chunk_file(
        &self,
        session_id: i64,
        seq: u32,
        bytes: &[u8],
    ) -> Result<PathBuf, StoreError> {
        let dir = self.record_dir(session_id);
        let io = |cause| StoreError::DataDir {
            path: dir.clone(),
            cause,
        };
        tokio::fs::create_dir_all(&dir).await.map_err(io)?;
        let path = chunk_path(&dir, seq);
        let partial = path.with_extension("partial");
        tokio::fs::write(&partial, bytes).await.map_err(io)?;
        tokio::fs::rename(&partial, &path).await.map_err(io)?;
        Ok(path)
    }

    /// The chunks stored for a session, in sequence order.
    pub async fn record_chunks(&self, session_id: i64) -> Result<Vec<ChunkInfo>, StoreError> {
        let rows = sqlx::query(
            "SELECT seq, sha256, bytes, first_us, last_us, keyframes FROM record_chunks \
             WHERE session_id = ? ORDER BY seq",
        )
        .bind(session_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ChunkInfo {
                    seq: to_u32("chunk number", row.try_get("seq")?)?,
                    sha256: row.try_get("sha256")?,
                    bytes: unclamp(row.try_get("bytes")?),
                    first_us: unclamp(row.try_get("first_us")?),
                    last_us: unclamp(row.try_get("last_us")?),
                    keyframes: to_u32("keyframe count", row.try_get("keyframes")?)?,
                })
            })
            .collect()
    }

    /// The files of the recording's chunks in sequence order, checked to be there with the
    /// size stored, and their total size: what a download streams.
    pub async fn recording_files(
        &self,
        session_id: i64,
    ) -> Result<(Vec<PathBuf>, u64), StoreError> {
        let dir = self.record_dir(session_id);
        let chunks = self.record_chunks(session_id).await?;
        let mut paths = Vec::with_capacity(chunks.len());
        let mut total = 0u64;
        for chunk in chunks {
            let path = chunk_path(&dir, chunk.seq);
            let len = tokio::fs::metadata(&path)
                .await
                .map_err(|cause| StoreError::DataDir {
                    path: path.clone(),
                    cause,
                })?
                .len();
            if len != chunk.bytes {
                return Err(StoreError::corrupt(
                    "recording chunk",
                    format!("{} is {len} bytes, not {}", path.display(), chunk.bytes),
                ));
            }
            total += len;
            paths.push(path);
        }
        Ok((paths, total))
    }

    /// The whole recording in memory: every stored chunk, in sequence order, concatenated.
    pub async fn recording(&self, session_id: i64) -> Result<Vec<u8>, StoreError> {
        let (paths, total) = self.recording_files(session_id).await?;
        let mut out = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
        for path in paths {
            let bytes = tokio::fs::read(&path)
                .await
                .map_err(|cause| StoreError::DataDir {
                    path: path.clone(),
                    cause,
                })?;
            out.extend_from_slice(&bytes);
        }
        Ok(out)
    }

    /// Writes (or rewrites) the wrap-up of a session.
    pub async fn set_wrapup(
        &self,
        session_id: i64,
        outcome: Outcome,
        notes: &str,
        by: i64,
        now: UnixMillis,
    ) -> Result<(), StoreError> {
        let notes = clean_text("the notes", notes, MAX_NOTES_CHARS, true)?;
        sqlx::query(
            "INSERT INTO record_wrapups (session_id, outcome, notes, written_by, written_at) \
             VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET \
             outcome = excluded.outcome, notes = excluded.notes, \
             written_by = excluded.written_by, written_at = excluded.written_at",
        )
        .bind(session_id)
        .bind(outcome.as_str())
        .bind(&notes)
        .bind(by)
        .bind(ms(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A session's wrap-up, if written.
    pub async fn wrapup(&self, session_id: i64) -> Result<Option<WrapUp>, StoreError> {
        let row = sqlx::query(
            "SELECT w.outcome, w.notes, w.written_at, u.name FROM record_wrapups w \
             JOIN users u ON u.id = w.written_by WHERE w.session_id = ?",
        )
        .bind(session_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(WrapUp {
                outcome: parse_column("outcome", &row.try_get::<String, _>("outcome")?)?,
                notes: row.try_get("notes")?,
                written_by: row.try_get("name")?,
                written_at: from_ms(row.try_get("written_at")?),
            })
        })
        .transpose()
    }

    /// Notes that `user_id` opened or downloaded a record.
    pub async fn log_access(
        &self,
        session_id: i64,
        user_id: i64,
        action: AccessAction,
        now: UnixMillis,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO record_access (session_id, user_id, action, at) VALUES (?, ?, ?, ?)",
        )
        .bind(session_id)
        .bind(user_id)
        .bind(action.as_str())
        .bind(ms(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Notes that `user_id` downloaded the received file `file` of a record.
    pub async fn log_file_download(
        &self,
        session_id: i64,
        user_id: i64,
        file: &str,
        now: UnixMillis,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO record_access (session_id, user_id, action, at, file) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(session_id)
        .bind(user_id)
        .bind(AccessAction::Download.as_str())
        .bind(ms(now))
        .bind(file)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Who opened or downloaded a record (or one of its files), oldest first.
    pub async fn access_log(&self, session_id: i64) -> Result<Vec<AccessEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT u.name, a.action, a.at, a.file FROM record_access a \
             JOIN users u ON u.id = a.user_id WHERE a.session_id = ? ORDER BY a.at, a.id",
        )
        .bind(session_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(AccessEntry {
                    user: row.try_get("name")?,
                    action: row.try_get("action")?,
                    at: from_ms(row.try_get("at")?),
                    file: row.try_get("file")?,
                })
            })
            .collect()
    }

    /// Whether customers of a portal are told that their session is recorded.
    pub async fn recording_notice(&self, portal_id: i64) -> Result<bool, StoreError> {
        let notice: Option<bool> =
            sqlx::query_scalar("SELECT recording_notice FROM portals WHERE id = ?")
                .bind(portal_id)
                .fetch_optional(&self.pool)
                .await?;
        notice.ok_or(StoreError::NotFound("portal"))
    }

    /// Sets a portal's recording notice.
    pub async fn set_recording_notice(
        &self,
        portal_id: i64,
        notice: bool,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE portals SET recording_notice = ? WHERE id = ? AND deleted_at IS NULL",
        )
        .bind(notice)
        .bind(portal_id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("portal"));
        }
        Ok(())
    }
}

/// `DATA_DIR/records/SESSION_ID`.
pub(super) fn record_dir(data_dir: &Path, session_id: i64) -> PathBuf {
    data_dir.join(RECORDS_DIR).join(session_id.to_string())
}

fn chunk_path(dir: &Path, seq: u32) -> PathBuf {
    dir.join(format!("{seq:010}.chunk"))
}

/// The chat lines of a chunk, one per line, for search.
fn chat_text(chunk: &DecodedChunk) -> String {
    let mut text = String::new();
    for entry in &chunk.entries {
        if let RecordItem::Chat(chat) = &entry.item {
            text.push_str(&chat.text.replace('\n', " "));
            text.push('\n');
        }
    }
    text
}

fn len_i64(len: usize) -> i64 {
    i64::try_from(len).unwrap_or(i64::MAX)
}

fn clamp(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn unclamp(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}
