//! The uploader: sends spooled chunks to the relay, in order, each until the relay has it,
//! then the received files, each in parts from where the relay's copy ends.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use lifeline_protocol::record::MAX_FILE_PART_BYTES;
use sha2::{Digest, Sha256};
use tokio::sync::Notify;

use super::spool::{Spool, SpooledFile};
use crate::net::http::{ApiClient, HttpError};

/// First wait after a failed upload; doubled per failure up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(250);
const MAX_BACKOFF: Duration = Duration::from_secs(15);
/// The uploader looks at the spool at least this often even when not woken.
const IDLE_CHECK: Duration = Duration::from_secs(1);

/// What the uploader has done so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadStatus {
    /// Chunks the relay took.
    pub uploaded: u32,
    /// Chunks the relay already had (found when resuming), not sent again.
    pub already_stored: u32,
    /// Uploads that failed and were retried.
    pub retries: u32,
    /// Chunks (set aside in the spool) or files (left out; the original stays in the
    /// downloads folder) the relay refused for good.
    pub refused: u32,
    /// Received files whose content the relay now holds whole.
    pub files_uploaded: u32,
    /// The last failure, in words.
    pub last_error: Option<String>,
    /// The uploader stopped for good (not allowed, record gone).
    pub gave_up: bool,
}

/// Sends one session's spooled chunks. Dropping it does not stop the task; it ends once
/// finished and empty, or when the runtime stops.
#[derive(Debug, Clone)]
pub struct Uploader {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    wake: Notify,
    finishing: AtomicBool,
    done: AtomicBool,
    status: Mutex<UploadStatus>,
    spool: Spool,
}

impl Uploader {
    /// Starts uploading what is (and will be) in `spool`.
    pub fn spawn(api: ApiClient, spool: Spool) -> Self {
        let shared = Arc::new(Shared {
            wake: Notify::new(),
            finishing: AtomicBool::new(false),
            done: AtomicBool::new(false),
            status: Mutex::new(UploadStatus::default()),
            spool,
        });
        tokio::spawn(run(api, shared.clone()));
        Self { shared }
    }

    /// A new chunk is in the spool.
    pub fn wake(&self) {
        self.shared.wake.notify_one();
    }

    /// What happened so far.
    pub fn status(&self) -> UploadStatus {
        self.shared
            .status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The session whose spool this uploads.
    pub fn session_id(&self) -> u64 {
        self.shared.spool.session_id()
    }

    /// Whether the task ended: the spool is empty, or the relay refused the record for good.
    pub fn is_done(&self) -> bool {
        self.shared.done.load(Ordering::SeqCst)
    }

    /// No more chunks will come: the task ends once the spool is empty.
    pub fn close(&self) {
        self.shared.finishing.store(true, Ordering::SeqCst);
        self.wake();
    }

    /// [`Uploader::close`], then waits up to `limit` for the spool to empty. The task goes
    /// on trying afterwards while the runtime lives.
    pub async fn finish(&self, limit: Duration) {
        self.close();
        let start = Instant::now();
        while !self.shared.done.load(Ordering::SeqCst) && start.elapsed() < limit {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Shared {
    fn note(&self, f: impl FnOnce(&mut UploadStatus)) {
        f(&mut self.status.lock().unwrap_or_else(PoisonError::into_inner));
    }
}

/// What to do after one attempt.
enum Next {
    Continue,
    Retry(String),
    GiveUp(String),
}

async fn run(api: ApiClient, shared: Arc<Shared>) {
    let spool = &shared.spool;
    let id = spool.session_id();
    // Ask first: after a crash or a dropped connection the relay may hold chunks that are
    // still in the spool (their answer was lost).
    let mut resync = true;
    let mut backoff = FIRST_BACKOFF;
    loop {
        let next = if resync {
            match skip_stored(&api, &shared).await {
                Ok(()) => {
                    resync = false;
                    Next::Continue
                }
                Err(err) => classify(err),
            }
        } else {
            match upload_pending(&api, &shared).await {
                Next::Continue => upload_files(&api, &shared).await,
                other => other,
            }
        };
        match next {
            Next::Continue => backoff = FIRST_BACKOFF,
            Next::Retry(reason) => {
                tracing::debug!(session_id = id, "record upload will be retried: {reason}");
                shared.note(|s| {
                    s.retries += 1;
                    s.last_error = Some(reason);
                });
                resync = true;
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF);
                continue;
            }
            Next::GiveUp(reason) => {
                tracing::warn!(session_id = id, "the record cannot be uploaded: {reason}");
                shared.note(|s| {
                    s.gave_up = true;
                    s.last_error = Some(reason);
                });
                shared.done.store(true, Ordering::SeqCst);
                return;
            }
        }
        if spool.pending().is_empty() && spool.pending_files().is_empty() {
            if shared.finishing.load(Ordering::SeqCst) {
                spool.tidy();
                shared.done.store(true, Ordering::SeqCst);
                return;
            }
            tokio::select! {
                () = shared.wake.notified() => {}
                () = tokio::time::sleep(IDLE_CHECK) => {}
            }
        }
    }
}

/// Removes from the spool what the relay already holds with the same content.
async fn skip_stored(api: &ApiClient, shared: &Shared) -> Result<(), HttpError> {
    let spool = &shared.spool;
    let stored = api.record_chunks(spool.session_id()).await?;
    for (seq, _) in spool.pending() {
        let Some(remote) = stored.iter().find(|c| c.seq == seq) else {
            continue;
        };
        let Ok(bytes) = spool.read(seq) else { continue };
        if hex::encode(Sha256::digest(&bytes)) == remote.sha256 {
            if let Err(err) = spool.remove(seq) {
                tracing::warn!(seq, "a stored chunk stays in the spool: {err}");
            }
            shared.note(|s| s.already_stored += 1);
        }
    }
    Ok(())
}

/// Sends every waiting chunk, oldest first, until one fails.
async fn upload_pending(api: &ApiClient, shared: &Shared) -> Next {
    let spool = &shared.spool;
    for (seq, _) in spool.pending() {
        let bytes = match spool.read(seq) {
            Ok(bytes) => bytes,
            Err(err) => {
                tracing::warn!(seq, "a spooled chunk cannot be read: {err}");
                let _ = spool.set_aside(seq, "unreadable");
                continue;
            }
        };
        match api.put_chunk(spool.session_id(), seq, bytes).await {
            Ok(()) => {
                if let Err(err) = spool.remove(seq) {
                    tracing::warn!(seq, "an uploaded chunk stays in the spool: {err}");
                }
                shared.note(|s| s.uploaded += 1);
            }
            Err(HttpError::Refused { status, message }) if status == 400 || status == 409 => {
                tracing::warn!(seq, status, "the relay refused a record chunk: {message}");
                let why = if status == 409 { "conflict" } else { "refused" };
                let _ = spool.set_aside(seq, why);
                shared.note(|s| {
                    s.refused += 1;
                    s.last_error = Some(message);
                });
            }
            Err(err) => return classify(err),
        }
    }
    Next::Continue
}

/// Why a received file did not get through.
enum FileFailure {
    /// The relay refused it for good (too large, not matching its SHA-256, declared
    /// otherwise).
    Refused(String),
    /// The spooled copy is unreadable or shorter than it was.
    Local(String),
    /// Try again later.
    Http(HttpError),
}

/// Sends every waiting received file, each from where the relay's copy ends, until one
/// fails in a way worth retrying.
async fn upload_files(api: &ApiClient, shared: &Shared) -> Next {
    let spool = &shared.spool;
    for file in spool.pending_files() {
        let message = match upload_file(api, spool, &file).await {
            Ok(()) => {
                if let Err(err) = spool.remove_file(&file.sha256) {
                    tracing::warn!(
                        file = file.name,
                        "an uploaded file stays in the spool: {err}"
                    );
                }
                shared.note(|s| s.files_uploaded += 1);
                continue;
            }
            Err(FileFailure::Http(err)) => return classify(err),
            Err(FileFailure::Refused(message) | FileFailure::Local(message)) => message,
        };
        tracing::warn!(
            file = file.name,
            "a received file is left out of the record: {message}"
        );
        // The original stays in the downloads folder: the spooled copy would only hold
        // spool space.
        if let Err(err) = spool.remove_file(&file.sha256) {
            tracing::warn!(file = file.name, "a refused file stays in the spool: {err}");
        }
        shared.note(|s| {
            s.refused += 1;
            s.last_error = Some(message);
        });
    }
    Next::Continue
}

/// Declares `file` (learning how much the relay holds) and sends the rest in parts.
async fn upload_file(
    api: &ApiClient,
    spool: &Spool,
    file: &SpooledFile,
) -> Result<(), FileFailure> {
    let id = spool.session_id();
    let mut remote = api
        .declare_record_file(id, &file.sha256, &file.name, file.size)
        .await
        .map_err(|err| match err {
            HttpError::Refused {
                status: 400 | 409 | 413,
                message,
            } => FileFailure::Refused(message),
            other => FileFailure::Http(other),
        })?;
    while !remote.complete {
        let offset = remote.received;
        let reader = spool.clone();
        let sha = file.sha256;
        let part = tokio::task::spawn_blocking(move || {
            reader.read_file_part(&sha, offset, MAX_FILE_PART_BYTES)
        })
        .await
        .map_err(|e| FileFailure::Local(e.to_string()))?
        .map_err(|e| FileFailure::Local(format!("the spooled copy cannot be read: {e}")))?;
        if part.is_empty() {
            return Err(FileFailure::Local(format!(
                "the spooled copy ends at byte {offset}, before its {} bytes",
                file.size
            )));
        }
        remote = api
            .put_record_file_part(id, &file.sha256, offset, part)
            .await
            .map_err(|err| match err {
                HttpError::Refused {
                    status: 400 | 413,
                    message,
                } => FileFailure::Refused(message),
                // 409: the relay is at another offset (an answer was lost); declaring again
                // on the next try says where.
                other => FileFailure::Http(other),
            })?;
    }
    Ok(())
}

fn classify(err: HttpError) -> Next {
    match &err {
        HttpError::Unauthorized(_) => Next::GiveUp(err.to_string()),
        HttpError::Refused {
            status: 403 | 404, ..
        } => Next::GiveUp(err.to_string()),
        _ => Next::Retry(err.to_string()),
    }
}
