//! Recording a session as it happens and streaming it to the relay.
//!
//! The session task hands every event and every video message (exactly as received) to a
//! [`Recorder`]. Its task stamps nothing itself — entries carry the time they happened, µs
//! since the recording started — and feeds them to the protocol's
//! [`ChunkWriter`](lifeline_protocol::record::ChunkWriter). Every
//! [`RecordingConfig::chunk_every`] (5 s) the chunk is sealed and written to the **spool**
//! (a folder per session on disk, bounded), and the [`upload`] task sends spooled chunks to
//! the relay, deleting each once the relay has it. A dropped connection only delays
//! uploads: on the next try the uploader asks the relay which chunks it has, skips those,
//! and sends the rest, so nothing is sent twice or lost. A console that dies loses at most
//! the chunk being filled.
//!
//! A received file's content goes to the spool too once it is saved and checked
//! ([`Recorder::keep_file`]); the uploader sends it after the chunks, part by part, resuming
//! where the relay's copy ends.
//!
//! A console that stops before its uploads finish leaves its chunks in the spool; the next
//! run uploads them after signing in ([`resume_leftovers`]).
//!
//! While video flows the recorder makes sure a keyframe arrives about every
//! [`RecordingConfig::keyframe_every`] (10 s), so the review player decodes little video to
//! show any moment: it asks for one each interval on a stream that sends keyframes only when
//! asked (tiles), and on a stream that keys itself (H.264) only when none came for one and a
//! half intervals ([`keyframes`]), since such phones (an adb phone's `screenrecord`, every
//! 10 s) would pay a stall for each request.

mod keyframes;
mod observe;
pub mod spool;
pub mod upload;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::file::FileHeader;
use lifeline_protocol::messages::video::{StreamStart, VideoFrame, VideoMessage};
use lifeline_protocol::record::{
    ChunkWriter, MAX_RECORD_FILE_BYTES, RecordEntry, RecordItem, SealedChunk,
};
use tokio::sync::{mpsc, oneshot};

use super::http::ApiClient;
use crate::state::SessionEvent;
use keyframes::KeyframePacer;
pub use spool::{Spool, SpooledFile};
pub use upload::{UploadStatus, Uploader};

/// Entries waiting for the recorder task. Video frames wait here when the disk is slow,
/// which slows reading the video stream, never the control stream's events.
const RECORD_QUEUE: usize = 512;

/// What a session needs to record: the relay's API (signed in) and the settings.
#[derive(Debug, Clone)]
pub struct RecordingSetup {
    /// Uploads go here.
    pub api: ApiClient,
    /// How.
    pub config: RecordingConfig,
}

/// How recording behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordingConfig {
    /// Where chunks wait until the relay has them.
    pub spool_dir: PathBuf,
    /// A chunk is sealed and uploaded this often.
    pub chunk_every: Duration,
    /// While video flows, a keyframe is wanted this often; one is asked for when none
    /// arrived for this long (one and a half times this on a stream that keys itself).
    pub keyframe_every: Duration,
    /// Spooled bytes at most, over all sessions; past it new chunks are dropped (and
    /// logged) rather than filling the disk.
    pub max_spool_bytes: u64,
    /// How long ending a session waits for the last chunks to reach the relay.
    pub flush_timeout: Duration,
}

impl RecordingConfig {
    /// The defaults, spooling under `spool_dir`.
    pub fn new(spool_dir: impl Into<PathBuf>) -> Self {
        Self {
            spool_dir: spool_dir.into(),
            chunk_every: Duration::from_secs(5),
            keyframe_every: Duration::from_secs(10),
            max_spool_bytes: 2 * 1024 * 1024 * 1024,
            flush_timeout: Duration::from_secs(5),
        }
    }
}

enum Message {
    Entry(RecordEntry),
    Finish(oneshot::Sender<()>),
}

/// Starts uploading what earlier runs left in the spool under `config`: one uploader per
/// session folder with chunks or files waiting. Each first asks the relay which chunks it
/// holds and skips those (their answer was lost when the console stopped), so nothing is
/// sent twice; each ends once its folder is empty, or when the relay refuses the record
/// for good (another account's), leaving the folder as it is.
pub fn resume_leftovers(config: &RecordingConfig, api: ApiClient) -> Vec<Uploader> {
    Spool::sessions(&config.spool_dir)
        .into_iter()
        .filter_map(|session_id| {
            let spool = Spool::new(&config.spool_dir, session_id, config.max_spool_bytes);
            if spool.pending().is_empty() && spool.pending_files().is_empty() {
                spool.tidy();
                return None;
            }
            let uploader = Uploader::spawn(api.clone(), spool);
            uploader.close();
            Some(uploader)
        })
        .collect()
}

/// Records one session. Cheap to clone; a disabled recorder ignores everything.
#[derive(Debug, Clone)]
pub struct Recorder {
    inner: Option<Arc<Inner>>,
}

#[derive(Debug)]
struct Inner {
    tx: mpsc::Sender<Message>,
    origin: Instant,
    spool: Spool,
    uploader: Uploader,
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Entry(_) => "Entry",
            Self::Finish(_) => "Finish",
        })
    }
}

impl Recorder {
    /// A recorder that records nothing (no relay to send to).
    pub fn disabled() -> Self {
        Self { inner: None }
    }

    /// Starts recording session `session_id` (the relay's, from its welcome): the
    /// recorder's task, and an uploader through `api`. `control` carries the periodic
    /// keyframe requests. The first entry says which code the session ran under.
    pub fn start(
        config: &RecordingConfig,
        api: ApiClient,
        session_id: u64,
        first: RecordItem,
        control: mpsc::Sender<ControlMessage>,
    ) -> Self {
        let spool = Spool::new(&config.spool_dir, session_id, config.max_spool_bytes);
        let uploader = Uploader::spawn(api, spool.clone());
        let (tx, rx) = mpsc::channel(RECORD_QUEUE);
        let origin = Instant::now();
        let mut writer = ChunkWriter::new(session_id, UnixMillis::now(), spool.next_seq());
        if let Err(err) = writer.push(RecordEntry {
            at_us: 0,
            item: first,
        }) {
            tracing::warn!(session_id, "the record's first entry was not kept: {err}");
        }
        let task = RecorderTask {
            config: config.clone(),
            writer,
            spool: spool.clone(),
            uploader: uploader.clone(),
            control,
            keyframes: KeyframePacer::new(config.keyframe_every),
            ended: false,
            origin,
        };
        tokio::spawn(task.run(rx));
        Self {
            inner: Some(Arc::new(Inner {
                tx,
                origin,
                spool,
                uploader,
            })),
        }
    }

    /// Microseconds since the recording started.
    fn now_us(inner: &Inner) -> u64 {
        u64::try_from(inner.origin.elapsed().as_micros()).unwrap_or(u64::MAX)
    }

    /// Records `item` as happening now.
    pub async fn record(&self, item: RecordItem) {
        if let Some(inner) = &self.inner {
            let entry = RecordEntry {
                at_us: Self::now_us(inner),
                item,
            };
            let _ = inner.tx.send(Message::Entry(entry)).await;
        }
    }

    /// Records a stream start as received.
    pub async fn stream_start(&self, start: StreamStart) {
        if self.inner.is_some() {
            self.record(RecordItem::Video(VideoMessage::StreamStart(start)))
                .await;
        }
    }

    /// Records a video frame as received.
    pub async fn frame(&self, frame: &VideoFrame) {
        if self.inner.is_some() {
            self.record(RecordItem::Video(VideoMessage::Frame(frame.clone())))
                .await;
        }
    }

    /// Records what an event of the session says, if it is worth keeping.
    pub async fn observe(&self, event: &SessionEvent) {
        if self.inner.is_some()
            && let Some(item) = observe::item(event)
        {
            self.record(item).await;
        }
    }

    /// Keeps the content of a received file (saved at `path`, its SHA-256 checked against
    /// `header`) with the record: copied to the spool, then uploaded after the chunks. A
    /// file over [`MAX_RECORD_FILE_BYTES`] stays out (the record names it all the same).
    pub async fn keep_file(&self, header: &FileHeader, path: &Path) {
        let Some(inner) = &self.inner else { return };
        if header.size > MAX_RECORD_FILE_BYTES {
            tracing::info!(
                file = header.name,
                size = header.size,
                "the file is too large for the record to keep its content"
            );
            return;
        }
        let spool = inner.spool.clone();
        let (sha, name, source) = (header.sha256, header.name.clone(), path.to_owned());
        let copied =
            tokio::task::spawn_blocking(move || spool.write_file(&sha, &name, &source)).await;
        match copied {
            Ok(Ok(())) => inner.uploader.wake(),
            Ok(Err(err)) => tracing::warn!(
                file = header.name,
                "a file was not kept in the record: {err}"
            ),
            Err(err) => tracing::warn!(
                file = header.name,
                "a file was not kept in the record: {err}"
            ),
        }
    }

    /// Seals the last chunk and waits (up to the configured limit) until the relay has
    /// every chunk. What is not uploaded by then stays in the spool.
    pub async fn finish(&self) {
        let Some(inner) = &self.inner else { return };
        let (done, wait) = oneshot::channel();
        if inner.tx.send(Message::Finish(done)).await.is_ok() {
            let _ = wait.await;
        }
    }
}

struct RecorderTask {
    config: RecordingConfig,
    writer: ChunkWriter,
    spool: Spool,
    uploader: Uploader,
    control: mpsc::Sender<ControlMessage>,
    keyframes: KeyframePacer,
    ended: bool,
    origin: Instant,
}

impl RecorderTask {
    async fn run(mut self, mut rx: mpsc::Receiver<Message>) {
        let mut seal = tokio::time::interval_at(
            tokio::time::Instant::now() + self.config.chunk_every,
            self.config.chunk_every,
        );
        seal.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut keyframes = tokio::time::interval(self.keyframes.check_every());
        keyframes.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                message = rx.recv() => match message {
                    Some(Message::Entry(entry)) => self.push(entry).await,
                    Some(Message::Finish(done)) => {
                        self.seal().await;
                        self.uploader.finish(self.config.flush_timeout).await;
                        let _ = done.send(());
                        return;
                    }
                    None => {
                        // The session is gone without finishing: keep what there is.
                        self.seal().await;
                        self.uploader.finish(self.config.flush_timeout).await;
                        return;
                    }
                },
                _ = seal.tick() => self.seal().await,
                _ = keyframes.tick() => self.ask_keyframe(),
            }
        }
    }

    async fn push(&mut self, entry: RecordEntry) {
        // A record ends with its end: a frame still in flight when the session ended (or a
        // second end) is not kept after it.
        if self.ended {
            return;
        }
        match &entry.item {
            RecordItem::Video(VideoMessage::Frame(frame)) => {
                self.keyframes.frame(frame.keyframe, Instant::now());
            }
            RecordItem::Video(VideoMessage::StreamStart(start)) => {
                self.keyframes.stream_start(start.codec, Instant::now());
            }
            RecordItem::Ended { .. } => self.ended = true,
            _ => {}
        }
        match self.writer.push(entry) {
            Ok(Some(sealed)) => self.spool(sealed).await,
            Ok(None) => {}
            Err(err) => tracing::warn!(
                session_id = self.writer.session_id(),
                "an entry was left out of the record: {err}"
            ),
        }
    }

    async fn seal(&mut self) {
        match self.writer.seal() {
            Ok(Some(sealed)) => self.spool(sealed).await,
            Ok(None) => {}
            Err(err) => tracing::warn!("a chunk could not be sealed: {err}"),
        }
    }

    async fn spool(&mut self, sealed: SealedChunk) {
        let spool = self.spool.clone();
        let seq = sealed.seq;
        let written =
            tokio::task::spawn_blocking(move || spool.write(sealed.seq, &sealed.bytes)).await;
        match written {
            Ok(Ok(())) => self.uploader.wake(),
            Ok(Err(err)) => tracing::warn!(seq, "a chunk was not spooled: {err}"),
            Err(err) => tracing::warn!(seq, "a chunk was not spooled: {err}"),
        }
    }

    /// Asks for a keyframe when video is flowing and none arrived for too long.
    fn ask_keyframe(&mut self) {
        let now = Instant::now();
        if self.keyframes.due(now) {
            if self
                .control
                .try_send(ControlMessage::KeyframeRequest)
                .is_ok()
            {
                self.keyframes.requested(now);
            }
            tracing::trace!(since = ?self.origin.elapsed(), "keyframe requested for the record");
        }
    }
}
