//! The video stream: frames are read on the runtime and decoded on a thread of their own
//! (never on the UI thread), straight into the session's shared screen — `tiles` by its
//! damaged rectangles, H.264 (OpenH264, [`h264`]) as YUV planes the viewer converts to RGB on
//! the GPU. Each frame is acknowledged (`FrameAck`) once handled so the phone keeps only a
//! few in flight; a frame that fails to decode asks for a keyframe.
//!
//! - [`annexb`]: NAL units, IDR detection and the SPS colour description (pure);
//! - [`h264`]: one H.264 stream (decode, skip to the next IDR after an error, crop).

pub mod annexb;
pub mod h264;

use std::time::Instant;

use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::video::{Codec, StreamStart, VideoFrame, VideoMessage};
use lifeline_protocol::quic::MessageReceiver;
use lifeline_protocol::video::tiles::TileDecoder;
use tokio::sync::mpsc;

use self::h264::{H264Outcome, H264Stream};
use super::recorder::Recorder;
use super::sink::EventSink;
use crate::state::screen::SharedScreen;
use crate::state::{Event, Problem, SessionEvent};

/// Frames read but not decoded yet. Small on purpose: when decoding falls behind, reading
/// stops, QUIC flow control pushes back, and the phone skips stale frames.
const DECODE_QUEUE: usize = 2;

/// Work for the decoder thread.
#[derive(Debug)]
enum Job {
    Start(StreamStart),
    Frame(VideoFrame),
}

/// The decoder thread of one session; it ends when the handle is dropped.
#[derive(Debug, Clone)]
pub struct Decoder {
    jobs: mpsc::Sender<Job>,
}

impl Decoder {
    /// Starts the thread. It publishes into `screen`, reports to `sink` and sends acks and
    /// keyframe requests through `control`.
    pub fn spawn(
        code: SessionCode,
        screen: SharedScreen,
        sink: EventSink,
        control: mpsc::Sender<ControlMessage>,
    ) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel(DECODE_QUEUE);
        std::thread::Builder::new()
            .name(format!("lifeline-decode-{}", code.digits()))
            .spawn(move || decode_loop(code, queue, &screen, &sink, &control))?;
        Ok(Self { jobs })
    }
}

/// The decoder for the stream's codec.
enum StreamDecoder {
    /// Not started, or a codec this console cannot show.
    None,
    /// Lifeline's lossless tiles: only the damaged rectangles change.
    Tiles(TileDecoder),
    /// H.264 (Annex-B) through OpenH264; each picture replaces the whole screen.
    H264(Box<H264Stream>),
}

/// What decoding one frame asks of the loop.
#[derive(Debug, PartialEq, Eq)]
enum Handled {
    /// Decoded (`true` when the screen changed).
    Decoded(bool),
    /// Skipped; ask for a keyframe when `true`.
    Skipped(bool),
    /// Failed: ask for a keyframe.
    Failed(String),
}

impl StreamDecoder {
    fn start(start: &StreamStart) -> Result<Self, String> {
        match start.codec {
            Codec::Tiles => Ok(Self::Tiles(TileDecoder::new())),
            Codec::H264 => H264Stream::new(start.width, start.height)
                .map(|stream| Self::H264(Box::new(stream)))
                .map_err(|e| e.to_string()),
        }
    }

    /// Decodes one payload into `screen`.
    fn decode(&mut self, payload: &[u8], screen: &SharedScreen, now: Instant) -> Handled {
        match self {
            Self::None => Handled::Decoded(false),
            Self::Tiles(decoder) => match decoder.decode(payload) {
                Ok(damage) => {
                    if let Some(image) = decoder.image() {
                        screen.publish(image, &damage);
                    }
                    Handled::Decoded(!damage.is_empty())
                }
                Err(err) => {
                    decoder.reset();
                    Handled::Failed(err.to_string())
                }
            },
            Self::H264(stream) => match stream.decode(payload, screen, now) {
                Ok(H264Outcome::Picture) => Handled::Decoded(true),
                Ok(H264Outcome::NoPicture) => Handled::Decoded(false),
                Ok(H264Outcome::WaitingForKeyframe { ask_again }) => Handled::Skipped(ask_again),
                Err(err) => {
                    stream.keyframe_requested(now);
                    Handled::Failed(err.to_string())
                }
            },
        }
    }
}

fn decode_loop(
    code: SessionCode,
    mut queue: mpsc::Receiver<Job>,
    screen: &SharedScreen,
    sink: &EventSink,
    control: &mpsc::Sender<ControlMessage>,
) {
    let mut decoder = StreamDecoder::None;
    let session = |event| Event::Session(code, event);
    let ask_keyframe = || {
        let _ = control.blocking_send(ControlMessage::KeyframeRequest);
    };
    while let Some(job) = queue.blocking_recv() {
        match job {
            Job::Start(start) => {
                sink.blocking_send(session(SessionEvent::VideoStarted(start)));
                decoder = match StreamDecoder::start(&start) {
                    Ok(decoder) => decoder,
                    Err(reason) => {
                        let problem = Problem::Decoder(reason);
                        sink.blocking_send(session(SessionEvent::VideoStopped(Some(problem))));
                        StreamDecoder::None
                    }
                };
            }
            Job::Frame(frame) => {
                let handled = decoder.decode(&frame.payload, screen, Instant::now());
                // Received and handled, whatever came of it: the phone may send the next.
                let _ = control.blocking_send(ControlMessage::FrameAck {
                    sequence: frame.sequence,
                });
                match handled {
                    Handled::Decoded(_) => {
                        // Statistics only: skipped when the UI is behind.
                        sink.try_send(session(SessionEvent::FrameDecoded {
                            sequence: frame.sequence,
                            bytes: frame.payload.len(),
                        }));
                    }
                    Handled::Skipped(ask) => {
                        if ask {
                            tracing::debug!(%code, "waiting for a keyframe; asking (again)");
                            ask_keyframe();
                        }
                    }
                    Handled::Failed(err) => {
                        tracing::warn!(%code, sequence = frame.sequence, "frame not decoded: {err}");
                        ask_keyframe();
                    }
                }
            }
        }
    }
}

/// Reads one video stream until it ends, handing frames to the decoder.
pub async fn receive_video(
    mut stream: MessageReceiver<VideoMessage>,
    decoder: Decoder,
    sink: EventSink,
    code: SessionCode,
    recorder: Recorder,
) {
    let mut rate = RateLog::new();
    loop {
        match stream.recv().await {
            Ok(Some(VideoMessage::StreamStart(start))) => {
                recorder.stream_start(start).await;
                if decoder.jobs.send(Job::Start(start)).await.is_err() {
                    return;
                }
            }
            Ok(Some(VideoMessage::Frame(frame))) => {
                rate.frame(code, frame.payload.len());
                recorder.frame(&frame).await;
                if decoder.jobs.send(Job::Frame(frame)).await.is_err() {
                    return;
                }
            }
            Ok(None) => {
                sink.session(code, SessionEvent::VideoStopped(None)).await;
                return;
            }
            Err(err) if err.is_recoverable() => {
                tracing::warn!(%code, "a video message was skipped: {err}");
            }
            Err(err) => {
                tracing::debug!(%code, "video stream ended: {err}");
                sink.session(code, SessionEvent::VideoStopped(None)).await;
                return;
            }
        }
    }
}

/// Logs the stream's frame rate and bitrate every [`RateLog::PERIOD`] while frames come.
struct RateLog {
    since: std::time::Instant,
    frames: u64,
    bytes: u64,
}

impl RateLog {
    const PERIOD: std::time::Duration = std::time::Duration::from_secs(10);

    fn new() -> Self {
        Self {
            since: std::time::Instant::now(),
            frames: 0,
            bytes: 0,
        }
    }

    fn frame(&mut self, code: SessionCode, bytes: usize) {
        self.frames += 1;
        self.bytes += bytes as u64;
        let elapsed = self.since.elapsed();
        if elapsed >= Self::PERIOD {
            let secs = elapsed.as_secs_f64();
            tracing::info!(
                %code,
                "video: {:.1} fps, {:.0} kbit/s",
                self.frames as f64 / secs,
                self.bytes as f64 * 8.0 / 1000.0 / secs
            );
            *self = Self::new();
        }
    }
}
