//! Review requests (the Sessions list, opening a record, downloading one of its files, the
//! wrap-up), carried out with the dispatcher's signed-in API client. Results go to the asking window's [`ReviewMailbox`]
//! rather than through the session events: the review window owns its state.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::files::unique_path;
use super::http::ApiClient;
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
    List(Result<Vec<RecordRow>, String>),
    /// A record, or why not.
    Opened(u64, Result<Box<(RecordDetails, Recording)>, String>),
    /// The wrap-up was saved, or why not.
    WrapUp(u64, Result<(), String>),
    /// A record's file (by SHA-256) was saved here, or why not.
    FileSaved {
        /// The record.
        record_id: u64,
        /// The file's SHA-256, lowercase hex.
        sha256: String,
        /// Where it was saved.
        result: Result<PathBuf, String>,
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
            ReviewResult::List(api.records(&query).await.map_err(|e| e.to_string()))
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
                .map_err(|e| e.to_string()),
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
) -> Result<PathBuf, String> {
    let mut expected = [0u8; 32];
    hex::decode_to_slice(sha256, &mut expected)
        .map_err(|_| format!("{sha256:?} is not a SHA-256"))?;
    // A name from the phone: only its last component, so it stays inside `dir`.
    let name = Path::new(name)
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.is_empty())
        .unwrap_or("file");
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| format!("the folder {} could not be created: {e}", dir.display()))?;
    let target = unique_path(dir, name);
    let part = target.with_file_name(format!("{name}.part"));
    let digest = match api.download_record_file(record_id, sha256, &part).await {
        Ok(digest) => digest,
        Err(err) => {
            let _ = tokio::fs::remove_file(&part).await;
            return Err(err.to_string());
        }
    };
    if digest != expected {
        let _ = tokio::fs::remove_file(&part).await;
        return Err(format!(
            "the downloaded content's SHA-256 is {}, not the record's {sha256}; nothing was saved",
            hex::encode(digest)
        ));
    }
    tokio::fs::rename(&part, &target)
        .await
        .map_err(|e| format!("{} could not be saved: {e}", target.display()))?;
    Ok(target)
}

async fn open(api: &ApiClient, id: u64) -> Result<Box<(RecordDetails, Recording)>, String> {
    let details = api.record(id).await.map_err(|e| e.to_string())?;
    let bytes = api.recording(id).await.map_err(|e| e.to_string())?;
    let recording = tokio::task::spawn_blocking(move || Recording::parse(&bytes))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("the recording cannot be played: {e}"))?;
    Ok(Box::new((details, recording)))
}
