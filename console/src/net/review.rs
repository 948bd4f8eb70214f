//! Review requests (the Sessions list, opening a record, the wrap-up), carried out with the
//! dispatcher's signed-in API client. Results go to the asking window's [`ReviewMailbox`]
//! rather than through the session events: the review window owns its state.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use super::http::ApiClient;
use crate::state::review::{Outcome, RecordDetails, RecordQuery, RecordRow, Recording};

/// What the review window asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewRequest {
    /// Records matching the filters.
    List(RecordQuery),
    /// A record's details and its recording (each logged by the relay).
    Open(u64),
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

/// Carries out one request.
pub(super) async fn run(api: ApiClient, request: ReviewRequest) -> ReviewResult {
    match request {
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

async fn open(api: &ApiClient, id: u64) -> Result<Box<(RecordDetails, Recording)>, String> {
    let details = api.record(id).await.map_err(|e| e.to_string())?;
    let bytes = api.recording(id).await.map_err(|e| e.to_string())?;
    let recording = tokio::task::spawn_blocking(move || Recording::parse(&bytes))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("the recording cannot be played: {e}"))?;
    Ok(Box::new((details, recording)))
}
