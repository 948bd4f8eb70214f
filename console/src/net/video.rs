//! The video stream: frames are read on the runtime and decoded on a thread of their own
//! (never on the UI thread), straight into the session's shared screen — `tiles` by its
//! damaged rectangles, H.264 (OpenH264) as whole pictures converted to RGBA. Each decoded frame
//! is acknowledged (`FrameAck`) so the phone keeps only a few in flight; a frame that fails
//! to decode asks for a keyframe.

use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::video::{Codec, StreamStart, VideoFrame, VideoMessage};
use lifeline_protocol::quic::MessageReceiver;
use lifeline_protocol::video::RgbaImage;
use lifeline_protocol::video::tiles::{Damage, TileDecoder};
use openh264::formats::YUVSource;
use tokio::sync::mpsc;

use super::recorder::Recorder;
use super::sink::EventSink;
use crate::state::screen::SharedScreen;
use crate::state::{Event, SessionEvent};

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
    /// H.264 (Annex-B) through OpenH264, converted to RGBA here, off the UI thread; each
    /// picture replaces the whole screen.
    H264 {
        decoder: Box<openh264::decoder::Decoder>,
        image: Option<RgbaImage>,
    },
}

impl StreamDecoder {
    fn start(codec: Codec) -> Result<Self, String> {
        match codec {
            Codec::Tiles => Ok(Self::Tiles(TileDecoder::new())),
            Codec::H264 => openh264::decoder::Decoder::new()
                .map(|decoder| Self::H264 {
                    decoder: Box::new(decoder),
                    image: None,
                })
                .map_err(|e| format!("the H.264 decoder could not start: {e}")),
        }
    }

    /// Decodes one payload into `screen`; `Ok(false)` when it held no new picture.
    fn decode(&mut self, payload: &[u8], screen: &SharedScreen) -> Result<bool, String> {
        match self {
            Self::None => Ok(false),
            Self::Tiles(decoder) => match decoder.decode(payload) {
                Ok(damage) => {
                    if let Some(image) = decoder.image() {
                        screen.publish(image, &damage);
                    }
                    Ok(!damage.is_empty())
                }
                Err(err) => {
                    decoder.reset();
                    Err(err.to_string())
                }
            },
            Self::H264 { decoder, image } => {
                let Some(yuv) = decoder.decode(payload).map_err(|e| e.to_string())? else {
                    return Ok(false);
                };
                let (w, h) = yuv.dimensions();
                let (width, height) = (
                    u32::try_from(w).map_err(|e| e.to_string())?,
                    u32::try_from(h).map_err(|e| e.to_string())?,
                );
                let target = match image {
                    Some(img) if img.width() == width && img.height() == height => img,
                    slot => slot.insert(RgbaImage::new(width, height).map_err(|e| e.to_string())?),
                };
                yuv.write_rgba8(target.data_mut());
                screen.publish(
                    target,
                    &Damage {
                        keyframe: true,
                        rects: Vec::new(),
                    },
                );
                Ok(true)
            }
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
    while let Some(job) = queue.blocking_recv() {
        match job {
            Job::Start(start) => {
                sink.blocking_send(session(SessionEvent::VideoStarted(start)));
                decoder = match StreamDecoder::start(start.codec) {
                    Ok(decoder) => decoder,
                    Err(reason) => {
                        sink.blocking_send(session(SessionEvent::VideoStopped(Some(reason))));
                        StreamDecoder::None
                    }
                };
            }
            Job::Frame(frame) => match decoder.decode(&frame.payload, screen) {
                Ok(_) => {
                    let _ = control.blocking_send(ControlMessage::FrameAck {
                        sequence: frame.sequence,
                    });
                    // Statistics only: skipped when the UI is behind.
                    sink.try_send(session(SessionEvent::FrameDecoded {
                        sequence: frame.sequence,
                        bytes: frame.payload.len(),
                    }));
                }
                Err(err) => {
                    tracing::warn!(%code, sequence = frame.sequence, "frame not decoded: {err}");
                    let _ = control.blocking_send(ControlMessage::KeyframeRequest);
                }
            },
        }
    }
}

/// Reads one video stream until it ends, handing frames to the decoder and, as received,
/// to the session's record.
pub async fn receive_video(
    mut stream: MessageReceiver<VideoMessage>,
    decoder: Decoder,
    sink: EventSink,
    code: SessionCode,
    recorder: Recorder,
) {
    loop {
        match stream.recv().await {
            Ok(Some(VideoMessage::StreamStart(start))) => {
                recorder.stream_start(start).await;
                if decoder.jobs.send(Job::Start(start)).await.is_err() {
                    return;
                }
            }
            Ok(Some(VideoMessage::Frame(frame))) => {
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
