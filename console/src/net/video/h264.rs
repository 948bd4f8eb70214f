//! One H.264 stream on the decoder thread: OpenH264 decodes each access unit to YUV 4:2:0,
//! whose planes are handed to the shared screen as they are (the viewer converts them to RGB
//! on the GPU). A payload that is corrupt or fails to decode is an error — the caller asks
//! the phone for a keyframe — and everything up to the next IDR picture is skipped instead of
//! being decoded against broken references; while waiting, the request is repeated now and
//! then in case the phone missed it.

use std::time::{Duration, Instant};

use openh264::decoder::Decoder;
use openh264::formats::YUVSource;
use thiserror::Error;

use super::annexb::{self, AnnexBError};
use crate::state::screen::SharedScreen;
use crate::state::screen::yuv::{YuvColor, YuvError, YuvImage, YuvPlanes};

/// While waiting for a keyframe, ask again this often.
pub const KEYFRAME_RETRY: Duration = Duration::from_secs(1);

/// An encoder pads a picture to whole 16×16 macroblocks at most; a declared size smaller
/// than the decoded one by less than this on each side is the real screen (e.g. an odd-sized
/// screen encoded one pixel larger), and the picture is cropped to it.
const MAX_PADDING: u32 = 16;

/// Why an H.264 payload was not shown.
#[derive(Debug, Error)]
pub enum H264Error {
    /// The decoder could not be created.
    #[error("the H.264 decoder could not start: {0}")]
    Start(String),
    /// The payload is not a well-formed Annex-B access unit.
    #[error(transparent)]
    Corrupt(#[from] AnnexBError),
    /// OpenH264 refused the payload.
    #[error("OpenH264 could not decode the frame: {0}")]
    Decode(String),
    /// The decoded picture's planes are not what its size says.
    #[error("the decoded picture is unusable: {0}")]
    Picture(#[from] YuvError),
}

/// What one payload did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum H264Outcome {
    /// A picture was decoded and is on the screen.
    Picture,
    /// Decoded, but no picture came out yet (e.g. parameter sets alone).
    NoPicture,
    /// Skipped while waiting for an IDR picture; `ask_again` when it is time to repeat the
    /// keyframe request.
    WaitingForKeyframe {
        /// Repeat the keyframe request now.
        ask_again: bool,
    },
}

/// The decoder state of one H.264 stream.
pub struct H264Stream {
    decoder: Decoder,
    /// The size the stream declared (`StreamStart`).
    declared: (u32, u32),
    /// The colour description of the latest SPS (BT.601 limited range without one).
    color: YuvColor,
    /// The next picture's buffers; after publishing, the previous picture's.
    staging: YuvImage,
    /// Skip until an IDR picture (at the start, and after an error).
    waiting: bool,
    /// When a keyframe was last asked for.
    asked_at: Option<Instant>,
}

impl std::fmt::Debug for H264Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("H264Stream")
            .field("declared", &self.declared)
            .field("color", &self.color)
            .field("waiting", &self.waiting)
            .finish_non_exhaustive()
    }
}

impl H264Stream {
    /// A stream declared as `width`×`height`.
    pub fn new(width: u32, height: u32) -> Result<Self, H264Error> {
        Ok(Self {
            decoder: Decoder::new().map_err(|e| H264Error::Start(e.to_string()))?,
            declared: (width, height),
            color: YuvColor::BT601_LIMITED,
            staging: YuvImage::default(),
            waiting: true,
            asked_at: None,
        })
    }

    /// Whether the stream is skipping frames until the next IDR picture.
    pub fn waiting_for_keyframe(&self) -> bool {
        self.waiting
    }

    /// Notes that a keyframe was asked for at `now` (after an error).
    pub fn keyframe_requested(&mut self, now: Instant) {
        self.asked_at = Some(now);
    }

    /// Decodes one access unit into `screen`. On error the stream waits for the next IDR
    /// picture; the caller asks for one (and calls [`Self::keyframe_requested`]).
    pub fn decode(
        &mut self,
        payload: &[u8],
        screen: &SharedScreen,
        now: Instant,
    ) -> Result<H264Outcome, H264Error> {
        let result = self.try_decode(payload, screen, now);
        if result.is_err() {
            self.waiting = true;
        }
        result
    }

    fn try_decode(
        &mut self,
        payload: &[u8],
        screen: &SharedScreen,
        now: Instant,
    ) -> Result<H264Outcome, H264Error> {
        let unit = annexb::inspect(payload)?;
        if self.waiting && !unit.idr {
            let ask_again = self
                .asked_at
                .is_none_or(|at| now.saturating_duration_since(at) >= KEYFRAME_RETRY);
            if ask_again {
                self.asked_at = Some(now);
            }
            return Ok(H264Outcome::WaitingForKeyframe { ask_again });
        }
        if let Some(color) = unit.color {
            self.color = color;
        }
        let picture = self
            .decoder
            .decode(payload)
            .map_err(|e| H264Error::Decode(e.to_string()))?;
        let Some(picture) = picture else {
            return Ok(H264Outcome::NoPicture);
        };
        let decoded = picture.dimensions();
        let decoded = (
            u32::try_from(decoded.0).unwrap_or(u32::MAX),
            u32::try_from(decoded.1).unwrap_or(u32::MAX),
        );
        let (width, height) = shown_size(decoded, self.declared);
        let (y_stride, uv_stride, _) = picture.strides();
        self.staging.copy_from(&YuvPlanes {
            width,
            height,
            y: picture.y(),
            y_stride,
            u: picture.u(),
            v: picture.v(),
            uv_stride,
            color: self.color,
        })?;
        screen.publish_yuv(&mut self.staging);
        self.waiting = false;
        self.asked_at = None;
        Ok(H264Outcome::Picture)
    }
}

/// The part of a `decoded` picture to show given the stream's `declared` size: the declared
/// size when it is the decoded one less the encoder's padding, otherwise the whole picture.
pub fn shown_size(decoded: (u32, u32), declared: (u32, u32)) -> (u32, u32) {
    let fits = |d: u32, s: u32| s > 0 && s <= d && d - s < MAX_PADDING;
    if fits(decoded.0, declared.0) && fits(decoded.1, declared.1) {
        declared
    } else {
        decoded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use openh264::encoder::Encoder;
    use openh264::formats::YUVBuffer;

    #[test]
    fn crops_only_the_encoder_padding() {
        assert_eq!(shown_size((722, 1602), (721, 1601)), (721, 1601));
        assert_eq!(shown_size((1080, 2400), (1080, 2400)), (1080, 2400));
        // A scaled-down stream, or a declared size that does not fit: the whole picture.
        assert_eq!(shown_size((540, 1200), (1080, 2400)), (540, 1200));
        assert_eq!(shown_size((1080, 2400), (720, 1600)), (1080, 2400));
        assert_eq!(shown_size((64, 64), (0, 64)), (64, 64));
    }

    fn stream_of(frames: usize) -> Vec<Vec<u8>> {
        let mut encoder = Encoder::new().unwrap();
        (0..frames)
            .map(|i| {
                // A moving bright bar on grey so every frame differs.
                let (w, h) = (64, 48);
                let mut data = vec![128u8; w * h * 3 / 2];
                for row in 0..h {
                    data[row * w + (i * 3) % w] = 235;
                }
                let yuv = YUVBuffer::from_vec(data, w, h);
                encoder.encode(&yuv).unwrap().to_vec()
            })
            .collect()
    }

    #[test]
    fn waits_for_an_idr_and_asks_again_only_now_and_then() {
        let frames = stream_of(3);
        let screen = SharedScreen::new();
        let mut stream = H264Stream::new(64, 48).unwrap();
        let t0 = Instant::now();
        // Joined mid-stream: a P frame first.
        assert_eq!(
            stream.decode(&frames[1], &screen, t0).unwrap(),
            H264Outcome::WaitingForKeyframe { ask_again: true }
        );
        assert_eq!(
            stream.decode(&frames[2], &screen, t0).unwrap(),
            H264Outcome::WaitingForKeyframe { ask_again: false }
        );
        assert_eq!(
            stream
                .decode(&frames[1], &screen, t0 + KEYFRAME_RETRY)
                .unwrap(),
            H264Outcome::WaitingForKeyframe { ask_again: true }
        );
        assert_eq!(screen.frames(), 0);
        assert_eq!(
            stream.decode(&frames[0], &screen, t0).unwrap(),
            H264Outcome::Picture
        );
        assert!(!stream.waiting_for_keyframe());
        assert_eq!(screen.size(), Some((64, 48)));
        assert_eq!(
            stream.decode(&frames[1], &screen, t0).unwrap(),
            H264Outcome::Picture
        );
    }

    #[test]
    fn a_corrupt_payload_is_an_error_then_p_frames_are_skipped() {
        let frames = stream_of(3);
        let screen = SharedScreen::new();
        let mut stream = H264Stream::new(64, 48).unwrap();
        let now = Instant::now();
        stream.decode(&frames[0], &screen, now).unwrap();
        let mut corrupt = frames[1].clone();
        corrupt[4] |= 0x80; // the forbidden bit
        assert!(matches!(
            stream.decode(&corrupt, &screen, now),
            Err(H264Error::Corrupt(AnnexBError::CorruptNal { .. }))
        ));
        assert!(stream.waiting_for_keyframe());
        stream.keyframe_requested(now);
        assert_eq!(
            stream.decode(&frames[2], &screen, now).unwrap(),
            H264Outcome::WaitingForKeyframe { ask_again: false }
        );
        assert!(matches!(
            stream.decode(b"not h264", &screen, now),
            Err(H264Error::Corrupt(AnnexBError::NoStartCode))
        ));
        assert_eq!(
            stream.decode(&frames[0], &screen, now).unwrap(),
            H264Outcome::Picture
        );
    }

    #[test]
    fn damaged_slice_data_never_panics_and_a_keyframe_recovers() {
        let frames = stream_of(4);
        let now = Instant::now();
        let mut state = 0x2545_f491u32;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state
        };
        let (mut errors, mut shown) = (0, 0);
        for round in 0..60 {
            let screen = SharedScreen::new();
            let mut stream = H264Stream::new(64, 48).unwrap();
            stream.decode(&frames[0], &screen, now).unwrap();
            // Damage the P frame's slice data: truncate it, or overwrite bytes after the
            // NAL header (the header itself stays valid).
            let mut damaged = frames[1].clone();
            let body = 6..damaged.len();
            if round % 3 == 0 {
                damaged.truncate(body.start + next() as usize % body.len().max(1));
            } else {
                for _ in 0..1 + next() % 8 {
                    let at = body.start + next() as usize % body.len();
                    damaged[at] = next() as u8;
                }
            }
            match stream.decode(&damaged, &screen, now) {
                Err(_) => {
                    errors += 1;
                    assert!(stream.waiting_for_keyframe());
                }
                Ok(_) => shown += 1,
            }
            // Whatever happened, the next IDR shows again.
            let _ = stream.decode(&frames[2], &screen, now);
            assert_eq!(
                stream.decode(&frames[0], &screen, now).unwrap(),
                H264Outcome::Picture
            );
        }
        eprintln!("damaged slices: {errors} refused, {shown} decoded anyway");
        assert!(errors > 0, "OpenH264 noticed none of the damage");
    }
}
