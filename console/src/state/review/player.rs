//! The review player: play / pause, speed, and seeking to any moment by decoding from the
//! last keyframe at or before it forward to the exact frame shown then.

use lifeline_protocol::messages::video::{Codec, VideoMessage};
use lifeline_protocol::video::RgbaImage;
use lifeline_protocol::video::tiles::TileDecoder;
use openh264::formats::YUVSource;

use super::recording::Recording;

/// Playback speeds offered.
pub const SPEEDS: [f32; 5] = [0.5, 1.0, 2.0, 4.0, 8.0];

/// Decodes a stream's frames into an RGBA image.
enum FrameDecoder {
    None,
    Tiles(TileDecoder),
    H264 {
        decoder: Box<openh264::decoder::Decoder>,
        image: Option<RgbaImage>,
    },
}

impl std::fmt::Debug for FrameDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::None => "None",
            Self::Tiles(_) => "Tiles",
            Self::H264 { .. } => "H264",
        })
    }
}

impl FrameDecoder {
    fn start(codec: Codec) -> Self {
        match codec {
            Codec::Tiles => Self::Tiles(TileDecoder::new()),
            Codec::H264 => match openh264::decoder::Decoder::new() {
                Ok(decoder) => Self::H264 {
                    decoder: Box::new(decoder),
                    image: None,
                },
                Err(err) => {
                    tracing::warn!("the H.264 decoder could not start: {err}");
                    Self::None
                }
            },
        }
    }

    fn decode(&mut self, payload: &[u8]) -> Result<(), String> {
        match self {
            Self::None => Ok(()),
            Self::Tiles(decoder) => decoder.decode(payload).map(drop).map_err(|e| e.to_string()),
            Self::H264 { decoder, image } => {
                let Some(yuv) = decoder.decode(payload).map_err(|e| e.to_string())? else {
                    return Ok(());
                };
                let (w, h) = yuv.dimensions();
                let width = u32::try_from(w).map_err(|e| e.to_string())?;
                let height = u32::try_from(h).map_err(|e| e.to_string())?;
                let target = match image {
                    Some(img) if img.width() == width && img.height() == height => img,
                    slot => slot.insert(RgbaImage::new(width, height).map_err(|e| e.to_string())?),
                };
                yuv.write_rgba8(target.data_mut());
                Ok(())
            }
        }
    }

    fn image(&self) -> Option<&RgbaImage> {
        match self {
            Self::None => None,
            Self::Tiles(decoder) => decoder.image(),
            Self::H264 { image, .. } => image.as_ref(),
        }
    }
}

/// Plays one recording.
#[derive(Debug)]
pub struct Player {
    recording: Recording,
    decoder: FrameDecoder,
    /// The video message the decoder's image reflects.
    decoded: Option<usize>,
    position_us: u64,
    playing: bool,
    speed: f32,
    /// Frames decoded by the last seek (for tests and the benchmark).
    last_seek_work: usize,
}

impl Player {
    /// A paused player at the start.
    pub fn new(recording: Recording) -> Self {
        let mut player = Self {
            recording,
            decoder: FrameDecoder::None,
            decoded: None,
            position_us: 0,
            playing: false,
            speed: 1.0,
            last_seek_work: 0,
        };
        player.seek(0);
        player
    }

    /// The recording.
    pub fn recording(&self) -> &Recording {
        &self.recording
    }

    /// Where playback is, µs since the start.
    pub fn position_us(&self) -> u64 {
        self.position_us
    }

    /// Whether it plays.
    pub fn is_playing(&self) -> bool {
        self.playing
    }

    /// The speed.
    pub fn speed(&self) -> f32 {
        self.speed
    }

    /// Sets the speed, kept within 0.5× to 8×.
    pub fn set_speed(&mut self, speed: f32) {
        self.speed = speed.clamp(SPEEDS[0], SPEEDS[SPEEDS.len() - 1]);
    }

    /// Play or pause; playing at the end starts over.
    pub fn toggle(&mut self) {
        if !self.playing && self.position_us >= self.recording.duration_us {
            self.seek(0);
        }
        self.playing = !self.playing;
    }

    /// Pauses.
    pub fn pause(&mut self) {
        self.playing = false;
    }

    /// Moves playback on by `elapsed_us` of real time (times the speed); stops at the end.
    pub fn advance(&mut self, elapsed_us: u64) {
        if !self.playing {
            return;
        }
        let step = (elapsed_us as f64 * f64::from(self.speed)) as u64;
        let to = self.position_us.saturating_add(step);
        if to >= self.recording.duration_us {
            self.playing = false;
        }
        self.seek(to);
    }

    /// The frame shown at the current position.
    pub fn frame(&self) -> Option<&RgbaImage> {
        self.decoded.and(self.decoder.image())
    }

    /// The video message index shown (the last one at or before the position).
    pub fn frame_index(&self) -> Option<usize> {
        self.decoded
    }

    /// Frames decoded by the last seek.
    pub fn last_seek_work(&self) -> usize {
        self.last_seek_work
    }

    /// Shows the moment `at_us`: the last frame received at or before it. Decodes forward
    /// from what is shown when that is on the way, else from the last keyframe (or stream
    /// start) before the frame.
    pub fn seek(&mut self, at_us: u64) {
        self.position_us = at_us.min(self.recording.duration_us);
        self.last_seek_work = 0;
        let Some(target) = self.recording.video_at(self.position_us) else {
            self.decoded = None;
            self.decoder = FrameDecoder::None;
            return;
        };
        let sync = self.recording.sync_before(target).unwrap_or(0);
        let from = match self.decoded {
            Some(done) if done >= sync && done <= target => done + 1,
            _ => {
                self.decoder = FrameDecoder::None;
                self.stream_start_before(sync);
                sync
            }
        };
        for index in from..=target {
            self.apply(index);
        }
        self.decoded = Some(target);
    }

    /// Starts the decoder of the stream that video index `index` belongs to.
    fn stream_start_before(&mut self, index: usize) {
        let start = self.recording.video[..=index]
            .iter()
            .rev()
            .find_map(|v| match &v.message {
                VideoMessage::StreamStart(start) => Some(start.codec),
                VideoMessage::Frame(_) => None,
            });
        if let Some(codec) = start {
            self.decoder = FrameDecoder::start(codec);
        }
    }

    fn apply(&mut self, index: usize) {
        match &self.recording.video[index].message {
            VideoMessage::StreamStart(start) => self.decoder = FrameDecoder::start(start.codec),
            VideoMessage::Frame(frame) => {
                self.last_seek_work += 1;
                if let Err(err) = self.decoder.decode(&frame.payload) {
                    tracing::debug!(index, "a recorded frame did not decode: {err}");
                }
            }
        }
    }
}
