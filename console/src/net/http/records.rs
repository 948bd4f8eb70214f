//! The relay's record API, as the console uses it: chunk uploads and the list of stored
//! chunks and received files (the recorder), record lists, details, recordings, files and
//! the wrap-up (review).

use std::path::{Path, PathBuf};

use reqwest::Method;
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use super::{ApiClient, HttpError};
use crate::state::review::{Outcome, RecordDetails, RecordFile, RecordQuery, RecordRow};

/// The relay's retention setting.
#[derive(Debug, Deserialize)]
struct Retention {
    days: Option<u32>,
}

/// Why a file could not be downloaded.
#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    /// The relay refused or could not be reached.
    #[error(transparent)]
    Http(#[from] HttpError),
    /// The file could not be written.
    #[error("{path} could not be written: {cause}")]
    Write {
        /// Where.
        path: PathBuf,
        /// Why.
        cause: std::io::Error,
    },
}

/// A chunk the relay holds.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct StoredChunk {
    /// Its sequence number.
    pub seq: u32,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: String,
    /// Its size.
    pub bytes: u64,
}

impl ApiClient {
    /// Uploads chunk `seq` of a session's record. A chunk the relay already holds with the
    /// same content counts as uploaded.
    pub async fn put_chunk(
        &self,
        session_id: u64,
        seq: u32,
        bytes: Vec<u8>,
    ) -> Result<(), HttpError> {
        let path = format!("api/records/{session_id}/chunks/{seq}");
        self.send_raw(Method::PUT, &path, Some(bytes))
            .await
            .map(drop)
    }

    /// The chunks the relay holds for a session.
    pub async fn record_chunks(&self, session_id: u64) -> Result<Vec<StoredChunk>, HttpError> {
        self.call(
            Method::GET,
            &format!("api/records/{session_id}/chunks"),
            None,
        )
        .await
    }

    /// Records matching `query`, newest first.
    pub async fn records(&self, query: &RecordQuery) -> Result<Vec<RecordRow>, HttpError> {
        let mut url = self.url("api/records")?;
        {
            let mut pairs = url.query_pairs_mut();
            for (key, value) in query.pairs() {
                pairs.append_pair(key, &value);
            }
        }
        let path = match url.query() {
            Some(q) => format!("api/records?{q}"),
            None => "api/records".to_owned(),
        };
        self.call(Method::GET, &path, None).await
    }

    /// One record's details (the relay logs the opening).
    pub async fn record(&self, id: u64) -> Result<RecordDetails, HttpError> {
        self.call(Method::GET, &format!("api/records/{id}"), None)
            .await
    }

    /// A record's whole recording (the relay logs the download).
    pub async fn recording(&self, id: u64) -> Result<Vec<u8>, HttpError> {
        self.send_raw(Method::GET, &format!("api/records/{id}/recording"), None)
            .await
    }

    /// Declares a received file of a session's record (or finds it declared): how much of
    /// it the relay holds.
    pub async fn declare_record_file(
        &self,
        session_id: u64,
        sha256: &[u8; 32],
        name: &str,
        size: u64,
    ) -> Result<RecordFile, HttpError> {
        let path = format!("api/records/{session_id}/files/{}", hex::encode(sha256));
        self.call(
            Method::PUT,
            &path,
            Some(json!({ "name": name, "size": size })),
        )
        .await
    }

    /// Uploads the part of a received file that starts at byte `offset`.
    pub async fn put_record_file_part(
        &self,
        session_id: u64,
        sha256: &[u8; 32],
        offset: u64,
        bytes: Vec<u8>,
    ) -> Result<RecordFile, HttpError> {
        let path = format!(
            "api/records/{session_id}/files/{}/content?offset={offset}",
            hex::encode(sha256)
        );
        let answer = self.send_raw(Method::PUT, &path, Some(bytes)).await?;
        serde_json::from_slice(&answer).map_err(|e| HttpError::Malformed(e.to_string()))
    }

    /// Downloads a received file of a record (the relay logs it) into `part`, hashing it on
    /// the way; returns its SHA-256. Nothing is kept in memory but one piece at a time.
    pub async fn download_record_file(
        &self,
        record_id: u64,
        sha256: &str,
        part: &Path,
    ) -> Result<[u8; 32], DownloadError> {
        let path = format!("api/records/{record_id}/files/{sha256}");
        let mut request = self.client.get(self.url(&path)?);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let mut response = request.send().await.map_err(|e| self.transport_error(&e))?;
        let status = response.status();
        if !status.is_success() {
            let text = response.text().await.unwrap_or_default();
            return Err(self.refusal(status, &text).into());
        }
        let write = |cause| DownloadError::Write {
            path: part.to_owned(),
            cause,
        };
        let mut out = tokio::fs::File::create(part).await.map_err(write)?;
        let mut hasher = Sha256::new();
        while let Some(piece) = response
            .chunk()
            .await
            .map_err(|e| self.transport_error(&e))?
        {
            hasher.update(&piece);
            out.write_all(&piece).await.map_err(write)?;
        }
        out.flush().await.map_err(write)?;
        Ok(hasher.finalize().into())
    }

    /// Days records are kept (`None`: forever). Admins only.
    pub async fn retention(&self) -> Result<Option<u32>, HttpError> {
        let reply: Retention = self
            .call(Method::GET, "api/records/retention", None)
            .await?;
        Ok(reply.days)
    }

    /// Sets how long records are kept; returns what the relay now keeps. Admins only.
    pub async fn set_retention(&self, days: Option<u32>) -> Result<Option<u32>, HttpError> {
        let reply: Retention = self
            .call(
                Method::PUT,
                "api/records/retention",
                Some(json!({ "days": days })),
            )
            .await?;
        Ok(reply.days)
    }

    /// Whether a portal's customers are told that their session is recorded. Admins only.
    pub async fn set_recording_notice(&self, portal: i64, notice: bool) -> Result<(), HttpError> {
        self.call::<serde_json::Value>(
            Method::PUT,
            &format!("api/portals/{portal}/recording-notice"),
            Some(json!({ "recording_notice": notice })),
        )
        .await
        .map(drop)
    }

    /// Writes the wrap-up of a session the technician ran.
    pub async fn put_wrapup(
        &self,
        session_id: u64,
        outcome: Outcome,
        notes: &str,
    ) -> Result<(), HttpError> {
        let body = json!({ "outcome": outcome.as_str(), "notes": notes });
        self.call::<serde_json::Value>(
            Method::PUT,
            &format!("api/records/{session_id}/wrapup"),
            Some(body),
        )
        .await
        .map(drop)
    }

    /// A request with a raw body (or none) whose answer is raw bytes.
    async fn send_raw(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<Vec<u8>, HttpError> {
        let mut request = self.client.request(method, self.url(path)?);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
                .body(body);
        }
        let response = request.send().await.map_err(|e| self.transport_error(&e))?;
        let status = response.status();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| self.transport_error(&e))?;
        if status.is_success() {
            return Ok(bytes.to_vec());
        }
        Err(self.refusal(status, &String::from_utf8_lossy(&bytes)))
    }
}
