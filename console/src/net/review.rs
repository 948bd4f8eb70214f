//! Review requests (the Sessions list, opening a record, downloading one of its files, the
//! wrap-up), carried out with the dispatcher's signed-in API client. Results go to the asking window's [`ReviewMailbox`]
//! rather than through the session events: the review window owns its state.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::files::{not_written, unique_path};
use super::http::{ApiClient, DownloadError, HttpError};
use crate::state::Problem;
use crate::state::review::{Outcome, RecordDetails, RecordQuery, RecordRow, Recording};

/// What the review window asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewRequest {
    /// Records matching the filters.
    List(RecordQuery),
    /// A record's details and its recording (each logged by the relay).
    Open(u64),
    /// A received file of a record, saved into the downloads folder (in the session's
    /// folder) once its SHA-256 is checked. The relay logs the download.
    DownloadFile {
        /// The record.
        record_id: u64,
        /// Its code's digits (the folder's name).
        code: String,
        /// The file's name.
        name: String,
        /// Its SHA-256, lowercase hex.
        sha256: String,
    },
    /// The technician's wrap-up of a session.
    WrapUp {
        /// The relay's session id.
        session_id: u64,
        /// How it turned out.
        outcome: Outcome,
        /// Notes.
        notes: String,
    },
}

/// What came back.
#[derive(Debug, Clone)]
pub enum ReviewResult {
    /// The list, or why not.
    List(Result<Vec<RecordRow>, Problem>),
    /// A record, or why not.
    Opened(u64, Result<Box<(RecordDetails, Recording)>, Problem>),
    /// The wrap-up was saved, or why not.
    WrapUp(u64, Result<(), Problem>),
    /// A record's file (by SHA-256) was saved here, or why not.
    FileSaved {
        /// The record.
        record_id: u64,
        /// The file's SHA-256, lowercase hex.
        sha256: String,
        /// Where it was saved.
        result: Result<PathBuf, Problem>,
    },
}

/// Where results land; the window drains it each frame. Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct ReviewMailbox {
    results: Arc<Mutex<VecDeque<ReviewResult>>>,
}

impl PartialEq for ReviewMailbox {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.results, &other.results)
    }
}

impl ReviewMailbox {
    /// Adds a result.
    pub fn push(&self, result: ReviewResult) {
        self.results
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_back(result);
    }

    /// Takes every result waiting.
    pub fn drain(&self) -> Vec<ReviewResult> {
        self.results
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .drain(..)
            .collect()
    }
}

/// Carries out one request; files go under `downloads`.
pub(super) async fn run(api: ApiClient, request: ReviewRequest, downloads: &Path) -> ReviewResult {
    match request {
        ReviewRequest::DownloadFile {
            record_id,
            code,
            name,
            sha256,
        } => {
            let dir = downloads.join(format!("session-{code}"));
            let result = download_file(&api, record_id, &name, &sha256, &dir).await;
            ReviewResult::FileSaved {
                record_id,
                sha256,
                result,
            }
        }
        ReviewRequest::List(query) => {
            ReviewResult::List(api.records(&query).await.map_err(|e| problem(&e)))
        }
        ReviewRequest::Open(id) => ReviewResult::Opened(id, open(&api, id).await),
        ReviewRequest::WrapUp {
            session_id,
            outcome,
            notes,
        } => ReviewResult::WrapUp(
            session_id,
            api.put_wrapup(session_id, outcome, &notes)
                .await
                .map_err(|e| problem(&e)),
        ),
    }
}

/// Downloads a record's file into `dir` under its own name (numbered when taken), through
/// a `.part` file renamed only once the content's SHA-256 is the record's.
async fn download_file(
    api: &ApiClient,
    record_id: u64,
    name: &str,
    sha256: &str,
    dir: &Path,
) -> Result<PathBuf, Problem> {
    let mut expected = [0u8; 32];
    hex::decode_to_slice(sha256, &mut expected).map_err(|_| Problem::ChecksumMismatch)?;
    // A name from the phone: only its last component, so it stays inside `dir`.
    let name = Path::new(name)
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.is_empty())
        .unwrap_or("file");
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| Problem::FolderNotCreated {
            path: dir.display().to_string(),
            detail: e.to_string(),
        })?;
    let target = unique_path(dir, name);
    let part = target.with_file_name(format!("{name}.part"));
    let digest = match api.download_record_file(record_id, sha256, &part).await {
        Ok(digest) => digest,
        Err(err) => {
            let _ = tokio::fs::remove_file(&part).await;
            return Err(match err {
                DownloadError::Http(err) => problem(&err),
                DownloadError::Write { path, cause } => not_written(&path, &cause),
            });
        }
    };
    if digest != expected {
        let _ = tokio::fs::remove_file(&part).await;
        tracing::warn!(
            "the downloaded content's SHA-256 is {}, not the record's {sha256}",
            hex::encode(digest)
        );
        return Err(Problem::ChecksumMismatch);
    }
    tokio::fs::rename(&part, &target)
        .await
        .map_err(|e| Problem::NotSaved {
            path: target.display().to_string(),
            detail: e.to_string(),
        })?;
    Ok(target)
}

async fn open(api: &ApiClient, id: u64) -> Result<Box<(RecordDetails, Recording)>, Problem> {
    let details = api.record(id).await.map_err(|e| problem(&e))?;
    let bytes = api.recording(id).await.map_err(|e| problem(&e))?;
    let recording = tokio::task::spawn_blocking(move || Recording::parse(&bytes))
        .await
        .map_err(|e| Problem::RecordingUnplayable(e.to_string()))?
        .map_err(|e| Problem::RecordingUnplayable(e.to_string()))?;
    Ok(Box::new((details, recording)))
}

/// A failed review request as the technician reads it (the relay's words go to the log).
fn problem(err: &HttpError) -> Problem {
    tracing::warn!("a review request failed: {err}");
    err.problem()
}
