//! Files received in a session, kept with its record: declared (name, size, SHA-256), then
//! their bytes appended part by part at the offset reached so far, checked against the
//! SHA-256 once all have arrived.
//!
//! The bytes live in `DATA_DIR/records/SESSION_ID/files/`: `SHA.partial` while arriving
//! (its length is how far the upload got, so a part whose answer was lost is recognised),
//! `SHA.file` once complete. Appends are serialised, so two uploaders of the same file
//! cannot interleave their parts.

use std::path::{Path, PathBuf};

use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::file::MAX_FILE_NAME_BYTES;
use lifeline_protocol::record::MAX_RECORD_FILE_BYTES;
use sha2::{Digest, Sha256};
use sqlx::Row as _;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::record_types::RecordFile;
use super::records::record_dir;
use super::{Store, StoreError, clean_text, ms};

/// Folder of a record's files, inside its record folder.
const FILES_DIR: &str = "files";

impl Store {
    /// Declares file `sha256` of `session_id`'s record, or finds it declared already with
    /// the same size (a resumed upload). Returns how far its upload got.
    pub async fn declare_record_file(
        &self,
        session_id: i64,
        sha256: &[u8; 32],
        name: &str,
        size: u64,
        now: UnixMillis,
    ) -> Result<(RecordFile, bool), StoreError> {
        let name = clean_text("the file name", name, MAX_FILE_NAME_BYTES, false)?;
        if name.is_empty() || name.len() > MAX_FILE_NAME_BYTES {
            return Err(StoreError::Invalid(format!(
                "the file name must be 1 to {MAX_FILE_NAME_BYTES} bytes"
            )));
        }
        if size > MAX_RECORD_FILE_BYTES {
            return Err(StoreError::FileTooLarge {
                size,
                max: MAX_RECORD_FILE_BYTES,
            });
        }
        let sha = hex::encode(sha256);
        if let Some(file) = self.record_file(session_id, sha256).await? {
            if file.size != size {
                return Err(StoreError::FileConflict(format!(
                    "file {sha} of this record is already declared with {} bytes, not {size}",
                    file.size
                )));
            }
            return Ok((file, false));
        }
        if size == 0 && sha256 != &<[u8; 32]>::from(Sha256::digest([])) {
            return Err(StoreError::Invalid(
                "an empty file's SHA-256 must be that of no bytes".into(),
            ));
        }
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM sessions WHERE id = ?")
            .bind(session_id)
            .fetch_optional(&self.pool)
            .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound("session"));
        }
        let inserted = sqlx::query(
            "INSERT INTO record_files (session_id, sha256, name, size, complete, created_at, \
             completed_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(session_id)
        .bind(&sha)
        .bind(&name)
        .bind(size_i64(size))
        .bind(size == 0)
        .bind(ms(now))
        .bind((size == 0).then(|| ms(now)))
        .execute(&self.pool)
        .await?;
        if size == 0 {
            let dir = files_dir(&self.data_dir, session_id);
            tokio::fs::create_dir_all(&dir).await.map_err(io(&dir))?;
            let path = complete_path(&dir, &sha);
            tokio::fs::write(&path, []).await.map_err(io(&path))?;
        }
        let file = self
            .record_file(session_id, sha256)
            .await?
            .ok_or(StoreError::NotFound("file"))?;
        if file.size != size {
            // Declared at the same moment by another request with another size.
            return Err(StoreError::FileConflict(format!(
                "file {sha} of this record is already declared with {} bytes, not {size}",
                file.size
            )));
        }
        Ok((file, inserted.rows_affected() == 1))
    }

    /// Appends `bytes` at `offset` to file `sha256`'s upload. `offset` must be where the
    /// upload is ([`StoreError::FileOffset`] otherwise); the bytes must not go past the
    /// declared size. The part that completes the file checks its SHA-256: on a mismatch
    /// the upload starts over and the error says so. A complete file takes nothing more and
    /// answers with its state.
    pub async fn append_record_file(
        &self,
        session_id: i64,
        sha256: &[u8; 32],
        offset: u64,
        bytes: &[u8],
        now: UnixMillis,
    ) -> Result<RecordFile, StoreError> {
        let _one_at_a_time = self.file_writes.lock().await;
        let file = self
            .record_file(session_id, sha256)
            .await?
            .ok_or(StoreError::NotFound("file (declare it first)"))?;
        if file.complete {
            return Ok(file);
        }
        let sha = &file.sha256;
        let dir = files_dir(&self.data_dir, session_id);
        let partial = partial_path(&dir, sha);
        let received = file_len(&partial).await?;
        if offset != received {
            return Err(StoreError::FileOffset {
                expected: received,
                found: offset,
            });
        }
        let end = received.saturating_add(bytes.len() as u64);
        if end > file.size {
            return Err(StoreError::Invalid(format!(
                "the part ends at byte {end}, past the file's declared {} bytes",
                file.size
            )));
        }
        tokio::fs::create_dir_all(&dir).await.map_err(io(&dir))?;
        let mut out = tokio::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&partial)
            .await
            .map_err(io(&partial))?;
        if let Err(err) = async {
            out.write_all(bytes).await?;
            out.flush().await?;
            out.sync_data().await
        }
        .await
        {
            // Cut back to what was there, so the offset stays true.
            let _ = out.set_len(received).await;
            return Err(io(&partial)(err));
        }
        drop(out);
        if end < file.size {
            return Ok(RecordFile {
                received: end,
                ..file
            });
        }
        let digest = hash_file(&partial).await?;
        if &digest != sha256 {
            let _ = tokio::fs::remove_file(&partial).await;
            return Err(StoreError::Invalid(format!(
                "the file's {} bytes do not match its SHA-256 {sha} (they hash to {}); \
                 its upload starts over from byte 0",
                file.size,
                hex::encode(digest)
            )));
        }
        let path = complete_path(&dir, sha);
        tokio::fs::rename(&partial, &path)
            .await
            .map_err(io(&path))?;
        sqlx::query(
            "UPDATE record_files SET complete = TRUE, completed_at = ? \
             WHERE session_id = ? AND sha256 = ?",
        )
        .bind(ms(now))
        .bind(session_id)
        .bind(sha)
        .execute(&self.pool)
        .await?;
        Ok(RecordFile {
            received: file.size,
            complete: true,
            ..file
        })
    }

    /// One declared file of a record, with how far its upload got.
    pub async fn record_file(
        &self,
        session_id: i64,
        sha256: &[u8; 32],
    ) -> Result<Option<RecordFile>, StoreError> {
        let row = sqlx::query(
            "SELECT sha256, name, size, complete FROM record_files \
             WHERE session_id = ? AND sha256 = ?",
        )
        .bind(session_id)
        .bind(hex::encode(sha256))
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(row) => Ok(Some(self.file_from_row(session_id, &row).await?)),
            None => Ok(None),
        }
    }

    /// A record's declared files, in the order they were declared.
    pub async fn record_files(&self, session_id: i64) -> Result<Vec<RecordFile>, StoreError> {
        let rows = sqlx::query(
            "SELECT sha256, name, size, complete FROM record_files WHERE session_id = ? \
             ORDER BY created_at, rowid",
        )
        .bind(session_id)
        .fetch_all(&self.pool)
        .await?;
        let mut files = Vec::with_capacity(rows.len());
        for row in &rows {
            files.push(self.file_from_row(session_id, row).await?);
        }
        Ok(files)
    }

    /// Where a complete file's bytes are.
    pub fn record_file_path(&self, session_id: i64, file: &RecordFile) -> PathBuf {
        complete_path(&files_dir(&self.data_dir, session_id), &file.sha256)
    }

    async fn file_from_row(
        &self,
        session_id: i64,
        row: &sqlx::sqlite::SqliteRow,
    ) -> Result<RecordFile, StoreError> {
        let sha256: String = row.try_get("sha256")?;
        let size = u64::try_from(row.try_get::<i64, _>("size")?)
            .map_err(|e| StoreError::corrupt("file size", e))?;
        let complete: bool = row.try_get("complete")?;
        let received = if complete {
            size
        } else {
            file_len(&partial_path(
                &files_dir(&self.data_dir, session_id),
                &sha256,
            ))
            .await?
        };
        Ok(RecordFile {
            name: row.try_get("name")?,
            size,
            sha256,
            received,
            complete,
        })
    }
}

fn files_dir(data_dir: &Path, session_id: i64) -> PathBuf {
    record_dir(data_dir, session_id).join(FILES_DIR)
}

fn partial_path(dir: &Path, sha: &str) -> PathBuf {
    dir.join(format!("{sha}.partial"))
}

fn complete_path(dir: &Path, sha: &str) -> PathBuf {
    dir.join(format!("{sha}.file"))
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |cause| StoreError::DataDir {
        path: path.to_owned(),
        cause,
    }
}

/// The length of a file, 0 when it does not exist.
async fn file_len(path: &Path) -> Result<u64, StoreError> {
    match tokio::fs::metadata(path).await {
        Ok(meta) => Ok(meta.len()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
        Err(e) => Err(io(path)(e)),
    }
}

async fn hash_file(path: &Path) -> Result<[u8; 32], StoreError> {
    let mut file = tokio::fs::File::open(path).await.map_err(io(path))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf).await.map_err(io(path))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher.finalize().into())
}

fn size_i64(size: u64) -> i64 {
    i64::try_from(size).unwrap_or(i64::MAX)
}
