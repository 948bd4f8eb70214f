//! The H.264 baseline: OpenH264 set up as a real-time screen-sharing encoder.
//!
//! Settings, and why:
//! - `UsageType::ScreenContentRealTime`: OpenH264's screen-sharing mode (what WebRTC-style
//!   screen sharing uses), tuned for text and flat areas rather than camera noise;
//! - `RateControlMode::Bitrate` at 8 Mbit/s and a 60 fps frame rate: a generous real-time
//!   budget for a 1080x2400 phone screen (about 16.7 kB a frame on average);
//! - frame skipping off: the rate controller may not drop frames to meet the bitrate, so
//!   both codecs deliver every frame and bytes per frame compare like for like;
//! - one encoder thread: the tiles encoder runs on one thread, so encode times compare per
//!   core; periodic keyframes off (only the first frame, plus OpenH264's own scene-change
//!   keyframes), as a live session asks for keyframes when it needs them;
//! - adaptive quantization and background detection off: OpenH264 does not support them
//!   for screen content and turns them off itself (with a warning) when asked;
//! - everything else at OpenH264's defaults (medium complexity, QP 0..=51, deblocking on).
//!
//! OpenH264 still warns, on stderr, that without frame skipping it cannot hold the bitrate
//! strictly; the rate controller still steers quantization towards it.
//!
//! RGBA to YUV 4:2:0 conversion is done before timing: [`H264Encoder::encode`] times only
//! OpenH264's encode call.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use lifeline_protocol::video::RgbaImage;
use openh264::OpenH264API;
use openh264::encoder::{
    BitRate, Encoder, EncoderConfig, FrameRate, FrameType, IntraFramePeriod, RateControlMode,
    UsageType,
};
use openh264::formats::{RgbaSliceU8, YUVBuffer};

/// Target bitrate of the baseline, bits per second.
pub(crate) const TARGET_BITRATE_BPS: u32 = 8_000_000;
/// Frame rate the baseline's rate control plans for.
pub(crate) const FRAME_RATE_HZ: f32 = 60.0;
/// Encoder threads.
pub(crate) const THREADS: u16 = 1;

/// The baseline's encoder configuration (see the module docs).
pub(crate) fn config() -> EncoderConfig {
    EncoderConfig::new()
        .usage_type(UsageType::ScreenContentRealTime)
        .rate_control_mode(RateControlMode::Bitrate)
        .bitrate(BitRate::from_bps(TARGET_BITRATE_BPS))
        .max_frame_rate(FrameRate::from_hz(FRAME_RATE_HZ))
        .skip_frames(false)
        .adaptive_quantization(false)
        .background_detection(false)
        .num_threads(THREADS)
        .intra_frame_period(IntraFramePeriod::auto())
}

/// Converts a frame to YUV 4:2:0 (BT.601, as OpenH264's converter does).
pub(crate) fn to_yuv(img: &RgbaImage) -> Result<YUVBuffer> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    if !w.is_multiple_of(2) || !h.is_multiple_of(2) {
        bail!("H.264 needs frames with even sides, got {w}x{h}");
    }
    Ok(YUVBuffer::from_rgba8_source(RgbaSliceU8::new(
        img.data(),
        (w, h),
    )))
}

/// One encoded H.264 frame.
#[derive(Debug, Clone, Copy)]
pub(crate) struct H264Frame {
    /// Time spent in OpenH264's encode call.
    pub(crate) encode_time: Duration,
    /// Annex-B bytes produced for the frame (parameter sets included on keyframes).
    pub(crate) bytes: usize,
    /// Whether it was an IDR or I frame.
    pub(crate) keyframe: bool,
}

/// An OpenH264 encoder with the baseline configuration.
pub(crate) struct H264Encoder {
    encoder: Encoder,
    bitstream: Vec<u8>,
}

impl std::fmt::Debug for H264Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("H264Encoder").finish_non_exhaustive()
    }
}

impl H264Encoder {
    pub(crate) fn new() -> Result<Self> {
        let encoder = Encoder::with_api_config(OpenH264API::from_source(), config())
            .context("could not create the OpenH264 encoder")?;
        Ok(Self {
            encoder,
            bitstream: Vec::new(),
        })
    }

    /// Encodes one frame, timing only the encode call.
    pub(crate) fn encode(&mut self, yuv: &YUVBuffer) -> Result<H264Frame> {
        let start = Instant::now();
        let stream = self
            .encoder
            .encode(yuv)
            .context("OpenH264 failed to encode a frame")?;
        let encode_time = start.elapsed();
        let keyframe = matches!(stream.frame_type(), FrameType::IDR | FrameType::I);
        self.bitstream.clear();
        stream.write_vec(&mut self.bitstream);
        Ok(H264Frame {
            encode_time,
            bytes: self.bitstream.len(),
            keyframe,
        })
    }

    /// The Annex-B bitstream of the last encoded frame.
    pub(crate) fn last_bitstream(&self) -> &[u8] {
        &self.bitstream
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lifeline_tests::synthetic::PhoneScreen;
    use openh264::formats::YUVSource;

    #[test]
    fn encodes_a_keyframe_then_small_deltas() {
        let phone = PhoneScreen::new(270, 600).unwrap();
        let mut enc = H264Encoder::new().unwrap();
        let first = enc.encode(&to_yuv(&phone.render_list(0)).unwrap()).unwrap();
        assert!(first.keyframe);
        assert!(first.bytes > 100);
        // Annex-B start code.
        assert_eq!(&enc.last_bitstream()[..4], &[0, 0, 0, 1]);
        let key_stream = enc.last_bitstream().to_vec();
        let again = enc
            .encode(&to_yuv(&phone.render_list(16)).unwrap())
            .unwrap();
        assert!(!again.keyframe);
        assert!(again.bytes < first.bytes);

        // The stream is real H.264: OpenH264's decoder reads both frames back.
        let mut dec = openh264::decoder::Decoder::new().unwrap();
        for packet in [key_stream, enc.last_bitstream().to_vec()] {
            let yuv = dec.decode(&packet).unwrap().unwrap();
            assert_eq!(yuv.dimensions(), (270, 600));
        }
    }

    #[test]
    fn odd_sizes_are_an_error() {
        let img = RgbaImage::new(3, 4).unwrap();
        let Err(err) = to_yuv(&img) else {
            panic!("an odd-sized frame was converted");
        };
        assert!(err.to_string().contains("3x4"), "{err}");
    }
}
