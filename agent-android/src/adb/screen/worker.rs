//! The screen thread: `screenrecord` H.264 streamed into access units, or `screencap -p`
//! screenshots, handed to the phone through [`ScreenState`].
//!
//! The thread runs while the screen is shared. `screenrecord` exits by itself at its time
//! limit (180 s) unless its help says `--time-limit 0` removes it (v1.3, Android 11), which
//! is then passed; after an exit the next run starts at once and begins with SPS, PPS and
//! an IDR, so the technician's picture goes on. A keyframe request, a turned screen or a
//! queue the session does not drain fast enough (a congested path) kill the running
//! `screenrecord`, and the next run starts with a keyframe. When `screenrecord` fails to
//! produce a picture twice in a row, the thread falls back to screenshots for good.

use std::collections::VecDeque;
use std::io::Read as _;
use std::process::{Child, Stdio};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use lifeline_protocol::messages::input::FrameSize;
use lifeline_protocol::messages::video::Codec;
use lifeline_protocol::video::RgbaImage;

use super::geometry::Geometry;
use super::tools::{ScreenTools, undo_pty_newlines};
use crate::adb::annexb::{AccessUnitSplitter, nal_units};
use crate::adb::command::Adb;
use crate::adb::sps;
use crate::device::{DeviceWaker, EncodedFrame};

/// Access units kept for the session at most; more means it cannot keep up, and the queue
/// is dropped for a fresh keyframe.
const MAX_QUEUED: usize = 90;
/// Runs of `screenrecord` in a row that may fail before screenshots take over.
const MAX_FAILED_RUNS: u32 = 2;
/// A run that ends sooner than this without a picture failed.
const MIN_GOOD_RUN: Duration = Duration::from_secs(1);
/// Screenshots in a row that may fail before the screen is given up.
const MAX_FAILED_SHOTS: u32 = 3;
/// The least time between two screenshots.
const SHOT_INTERVAL: Duration = Duration::from_millis(250);
/// Time a screenshot gets.
const SHOT_TIMEOUT: Duration = Duration::from_secs(10);
/// Bytes read from `screenrecord` at a time.
const READ_SIZE: usize = 64 * 1024;
/// Reads queued between the reading thread and the splitter.
const CHUNKS_QUEUED: usize = 64;
/// A pause in `screenrecord`'s output this long ends the picture received (see
/// [`AccessUnitSplitter::flush_idle`]).
const IDLE_FLUSH: Duration = Duration::from_millis(4);

/// How the screen is captured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenMode {
    /// `screenrecord --output-format=h264`.
    H264,
    /// `screencap -p`, encoded by the session with `tiles`.
    Screenshots,
    /// Neither works: no screen to share.
    Unavailable,
}

/// What the screen thread and the phone share.
#[derive(Debug)]
pub(crate) struct ScreenState {
    pub(crate) mode: ScreenMode,
    pub(crate) geometry: Option<Geometry>,
    /// The size of the pictures `screenrecord` sends now (from their SPS), when known.
    pub(crate) video_size: Option<FrameSize>,
    /// Access units not taken yet.
    pub(crate) frames: VecDeque<EncodedFrame>,
    /// The newest screenshot not taken yet.
    pub(crate) still: Option<RgbaImage>,
    /// Whether the screen is shared (the threads of the current share go on).
    pub(crate) running: bool,
    /// Which share the running threads belong to: threads of an earlier share (sharing
    /// stopped and started again before they noticed) end at their next look.
    pub(crate) generation: u64,
    /// The running `screenrecord` is to be stopped and started again.
    restart: bool,
    /// Frames are dropped until the next keyframe.
    awaiting_keyframe: bool,
    /// The running `screenrecord` and the share it belongs to, to stop it from another thread.
    child: Option<(u64, Child)>,
    pub(crate) waker: Option<DeviceWaker>,
    /// How many times `screenrecord` was started (for tests and logs).
    pub(crate) runs: u64,
}

impl ScreenState {
    pub(crate) fn new(mode: ScreenMode, geometry: Option<Geometry>) -> Self {
        Self {
            mode,
            geometry,
            video_size: None,
            frames: VecDeque::new(),
            still: None,
            running: false,
            generation: 0,
            restart: false,
            awaiting_keyframe: false,
            child: None,
            waker: None,
            runs: 0,
        }
    }

    /// Stops the running `screenrecord` so that the next run starts with a keyframe.
    /// Does nothing while a restart is already on its way.
    pub(crate) fn restart(&mut self) {
        if self.restart || self.mode != ScreenMode::H264 {
            return;
        }
        self.restart = true;
        self.awaiting_keyframe = true;
        if let Some((_, child)) = self.child.as_mut() {
            let _ = child.kill();
        }
    }

    /// Whether the threads of share `generation` should go on.
    pub(crate) fn live(&self, generation: u64) -> bool {
        self.running && self.generation == generation
    }

    fn wake(&self) {
        if let Some(waker) = &self.waker {
            waker.wake();
        }
    }
}

/// The shared screen state and the condition the thread sleeps on.
pub(crate) type Shared = Arc<(Mutex<ScreenState>, Condvar)>;

pub(crate) fn lock(shared: &Shared) -> MutexGuard<'_, ScreenState> {
    shared.0.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Starts the screen thread (sharing began); returns it and the share's generation.
pub(crate) fn start(
    adb: Adb,
    bit_rate: u32,
    tools: ScreenTools,
    shared: Shared,
) -> std::io::Result<(JoinHandle<()>, u64)> {
    let generation = {
        let mut state = lock(&shared);
        state.running = true;
        state.generation += 1;
        state.generation
    };
    let thread = std::thread::Builder::new()
        .name("adb-screen".into())
        .spawn(move || run(&adb, bit_rate, tools, &shared, generation))?;
    Ok((thread, generation))
}

/// Stops the screen thread (sharing ended) without waiting for it.
pub(crate) fn stop(shared: &Shared) {
    let mut state = lock(shared);
    state.running = false;
    state.frames.clear();
    state.still = None;
    if let Some((_, child)) = state.child.as_mut() {
        let _ = child.kill();
    }
    shared.1.notify_all();
}

fn run(adb: &Adb, bit_rate: u32, tools: ScreenTools, shared: &Shared, generation: u64) {
    let mut failed_runs = 0;
    let mut failed_shots = 0;
    loop {
        let mode = {
            let state = lock(shared);
            if !state.live(generation) {
                return;
            }
            state.mode
        };
        match mode {
            ScreenMode::H264 => {
                if record(adb, bit_rate, tools, shared, generation) {
                    failed_runs = 0;
                } else {
                    failed_runs += 1;
                    if failed_runs >= MAX_FAILED_RUNS {
                        tracing::warn!(
                            "screenrecord does not work on this phone; using screenshots"
                        );
                        let mut state = lock(shared);
                        state.mode = ScreenMode::Screenshots;
                        state.frames.clear();
                    } else {
                        pause(shared, SHOT_INTERVAL, generation);
                    }
                }
            }
            ScreenMode::Screenshots => {
                let started = Instant::now();
                if screenshot(adb, tools, shared, generation) {
                    failed_shots = 0;
                } else {
                    failed_shots += 1;
                    if failed_shots >= MAX_FAILED_SHOTS {
                        tracing::warn!(
                            "screencap does not work on this phone; the screen cannot be shared"
                        );
                        let mut state = lock(shared);
                        state.mode = ScreenMode::Unavailable;
                        state.wake();
                        return;
                    }
                }
                pause(
                    shared,
                    SHOT_INTERVAL.saturating_sub(started.elapsed()),
                    generation,
                );
            }
            ScreenMode::Unavailable => return,
        }
    }
}

/// Sleeps up to `time`, waking early when sharing stops.
pub(crate) fn pause(shared: &Shared, time: Duration, generation: u64) {
    let state = lock(shared);
    if state.live(generation) {
        let _ = shared
            .1
            .wait_timeout(state, time)
            .unwrap_or_else(PoisonError::into_inner);
    }
}

/// One run of `screenrecord`; `true` when it gave pictures (or was stopped on purpose).
fn record(adb: &Adb, bit_rate: u32, tools: ScreenTools, shared: &Shared, generation: u64) -> bool {
    let bit_rate = bit_rate.to_string();
    let mut args = vec![
        "exec-out",
        "screenrecord",
        "--output-format=h264",
        "--bit-rate",
        &bit_rate,
    ];
    if tools.no_time_limit {
        args.extend(["--time-limit", "0"]);
    }
    args.push("-");
    let mut child = match adb.spawn(&args, Stdio::null()) {
        Ok(child) => child,
        Err(err) => {
            tracing::warn!("cannot start screenrecord: {err}");
            return false;
        }
    };
    let Some(mut stdout) = child.stdout.take() else {
        return false;
    };
    // stderr is not read; a chatty screenrecord must not block on a full pipe.
    drop(child.stderr.take());
    let geometry = {
        let mut state = lock(shared);
        if !state.live(generation) {
            let _ = child.kill();
            let _ = child.wait();
            return true;
        }
        state.restart = false;
        state.video_size = None;
        state.runs += 1;
        state.child = Some((generation, child));
        state.geometry
    };
    let Some(geometry) = geometry else {
        tracing::warn!("the screen's size is unknown; cannot stream it");
        stop_child(shared, generation);
        return false;
    };
    let started = Instant::now();
    let (chunks, incoming) = mpsc::sync_channel::<Vec<u8>>(CHUNKS_QUEUED);
    let reader = std::thread::Builder::new()
        .name("adb-screenrecord".into())
        .spawn(move || {
            let mut buf = vec![0u8; READ_SIZE];
            loop {
                match stdout.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        if chunks.send(buf[..n].to_vec()).is_err() {
                            return;
                        }
                    }
                }
            }
        });
    if let Err(err) = reader {
        tracing::warn!("cannot start the screenrecord reader: {err}");
        stop_child(shared, generation);
        return false;
    }
    let mut splitter = AccessUnitSplitter::new();
    let mut units = Vec::new();
    let mut pictures = 0u64;
    let mut quiet = true;
    loop {
        match incoming.recv_timeout(IDLE_FLUSH) {
            Ok(chunk) => {
                splitter.push(&chunk, &mut units);
                quiet = false;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if !std::mem::replace(&mut quiet, true) {
                    splitter.flush_idle(&mut units);
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        pictures += units.len() as u64;
        hand_over(shared, geometry, &mut units, generation);
    }
    splitter.finish(&mut units);
    pictures += units.len() as u64;
    hand_over(shared, geometry, &mut units, generation);
    let stopped = stop_child(shared, generation);
    let ran = started.elapsed();
    if pictures == 0 && !stopped && ran < MIN_GOOD_RUN {
        tracing::debug!("screenrecord ended after {ran:?} without a picture");
        return false;
    }
    tracing::debug!("screenrecord ended after {ran:?} ({pictures} pictures); starting again");
    true
}

/// Reaps the run's process; `true` when it was stopped on purpose (restart or sharing off).
fn stop_child(shared: &Shared, generation: u64) -> bool {
    let mut state = lock(shared);
    if state.child.as_ref().is_some_and(|(g, _)| *g == generation)
        && let Some((_, mut child)) = state.child.take()
    {
        let _ = child.kill();
        let _ = child.wait();
    }
    state.restart || !state.live(generation)
}

fn hand_over(
    shared: &Shared,
    geometry: Geometry,
    units: &mut Vec<crate::adb::annexb::AccessUnit>,
    generation: u64,
) {
    if units.is_empty() {
        return;
    }
    let mut state = lock(shared);
    if !state.live(generation) {
        units.clear();
        return;
    }
    for unit in units.drain(..) {
        if unit.keyframe
            && let Some((width, height)) = nal_units(&unit.bytes)
                .into_iter()
                .find_map(sps::picture_size)
        {
            state.video_size = Some(FrameSize::new(width, height));
        }
        if state.awaiting_keyframe {
            if !unit.keyframe {
                continue;
            }
            state.awaiting_keyframe = false;
        }
        let size = state.video_size.unwrap_or(geometry.size);
        state.frames.push_back(EncodedFrame {
            codec: Codec::H264,
            width: size.width,
            height: size.height,
            rotation: geometry.rotation,
            keyframe: unit.keyframe,
            payload: unit.bytes,
        });
    }
    if state.frames.len() > MAX_QUEUED {
        tracing::debug!(
            "the session is not keeping up; dropping {} frames",
            state.frames.len()
        );
        state.frames.clear();
        state.restart();
    }
    state.wake();
}

/// One screenshot; `true` when it decoded. Before Android 5 it comes through `adb shell`,
/// whose terminal wrote each LF as CR LF: undone when the PNG signature shows it.
fn screenshot(adb: &Adb, tools: ScreenTools, shared: &Shared, generation: u64) -> bool {
    let transport = if tools.exec_out { "exec-out" } else { "shell" };
    let png = match adb.run(&[transport, "screencap", "-p"], SHOT_TIMEOUT) {
        Ok(png) => png,
        Err(err) => {
            tracing::debug!("screencap failed: {err}");
            return false;
        }
    };
    match decode_png(&undo_pty_newlines(&png)) {
        Ok(image) => {
            let mut state = lock(shared);
            if state.live(generation) {
                state.still = Some(image);
                state.wake();
            }
            true
        }
        Err(err) => {
            tracing::debug!("screencap gave no picture: {err}");
            false
        }
    }
}

/// A PNG screenshot as RGBA.
pub(crate) fn decode_png(bytes: &[u8]) -> Result<RgbaImage, String> {
    let image = image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?
        .into_rgba8();
    let (width, height) = image.dimensions();
    RgbaImage::from_raw(width, height, image.into_raw()).map_err(|e| e.to_string())
}
