//! The screen stream, sans-IO: when to capture, how to pace, how many frames may be in
//! flight, when a new `StreamStart` or a keyframe is due.
//!
//! The pump captures only when the device says its screen changed (or a keyframe, a new
//! stream or a recheck is due), never faster than the frame rate allows, and never while the
//! window of frames beyond the technician's last `FrameAck` is full: a screen that changes
//! meanwhile is captured once there is room, so stale frames are skipped rather than queued.
//!
//! A phone that encodes its own screen (H.264 from `screenrecord`) gives
//! [`Capture::Encoded`] frames instead: they are sent as they come, as many as the window
//! allows, without pacing (the phone's encoder sets the rate, and an H.264 frame cannot be
//! skipped without breaking the ones after it). A stream starts only on a keyframe; a
//! keyframe request is passed on to the phone.

use std::time::Duration;

use lifeline_protocol::messages::video::{Codec, StreamStart, VideoFrame, VideoMessage};
use lifeline_protocol::video::tiles::TileEncoder;

use crate::device::{Capture, Device, EncodedFrame};

/// Counters of the screen stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VideoStats {
    /// Screens captured (and encoded).
    pub captures: u64,
    /// Frames sent.
    pub frames_sent: u64,
    /// Of those, keyframes.
    pub keyframes_sent: u64,
    /// Payload bytes sent.
    pub bytes_sent: u64,
    /// `StreamStart`s sent.
    pub stream_starts: u64,
    /// Captures that encoded to nothing (the screen had not really changed).
    pub unchanged: u64,
}

/// The screen stream's state.
#[derive(Debug)]
pub(crate) struct VideoPump {
    encoder: TileEncoder,
    /// The highest rate allowed by the configuration.
    fps_cap: u8,
    /// The rate in force (the technician's hint, within the cap).
    fps: u8,
    window: u64,
    /// Sequence of the next frame.
    next_seq: u64,
    /// Highest sequence acknowledged.
    acked: Option<u64>,
    /// When the screen was last captured: captures, sent or not, are paced to the frame rate.
    last_capture: Option<Duration>,
    /// The configuration last announced on the stream; `None` before the first frame and
    /// after sharing stopped.
    started: Option<StreamStart>,
    keyframe_wanted: bool,
    /// The screen may have changed without the device knowing (someone else rendered it).
    recheck: bool,
    /// The last capture was a frame the phone encoded itself.
    encoded: bool,
    stats: VideoStats,
}

impl VideoPump {
    pub(crate) fn new(max_fps: u8, window: u64) -> Self {
        let fps_cap = max_fps.max(1);
        Self {
            encoder: TileEncoder::new(),
            fps_cap,
            fps: fps_cap,
            window: window.max(1),
            next_seq: 0,
            acked: None,
            last_capture: None,
            started: None,
            keyframe_wanted: false,
            recheck: false,
            encoded: false,
            stats: VideoStats::default(),
        }
    }

    pub(crate) fn stats(&self) -> VideoStats {
        self.stats
    }

    /// The frame rate in force.
    pub(crate) fn fps(&self) -> u8 {
        self.fps
    }

    /// The technician's `QualityHint`: lowers (or restores) the rate, never above the cap.
    pub(crate) fn set_max_fps(&mut self, fps: u8) {
        self.fps = fps.clamp(1, self.fps_cap);
    }

    /// The next frame must be a keyframe.
    pub(crate) fn request_keyframe(&mut self) {
        self.keyframe_wanted = true;
    }

    /// The screen may have changed behind the device's back: capture once more.
    pub(crate) fn recheck(&mut self) {
        self.recheck = true;
    }

    /// `FrameAck { sequence }`: every frame up to `sequence` arrived. Acks for frames not
    /// sent yet are ignored.
    pub(crate) fn ack(&mut self, sequence: u64) {
        if sequence < self.next_seq && self.acked.is_none_or(|a| sequence > a) {
            self.acked = Some(sequence);
        }
    }

    /// Frames sent and not acknowledged.
    pub(crate) fn in_flight(&self) -> u64 {
        self.next_seq - self.acked.map_or(0, |a| a + 1)
    }

    /// Sharing stopped (paused, withdrawn, session over): the next frame, if any, starts the
    /// stream again with a `StreamStart` and a keyframe.
    pub(crate) fn stop(&mut self) {
        self.started = None;
    }

    /// The stream was lost on the way (the writer failed): start over on a new stream, and
    /// stop waiting for acks of frames that will never arrive.
    pub(crate) fn lost(&mut self) {
        self.started = None;
        self.acked = self.next_seq.checked_sub(1);
    }

    fn interval(&self) -> Duration {
        Duration::from_secs(1) / u32::from(self.fps)
    }

    fn due<D: Device + ?Sized>(&self, dev: &D) -> bool {
        self.started.is_none() || self.keyframe_wanted || self.recheck || dev.screen_changed()
    }

    /// When [`poll`](Self::poll) should run next for a stream that is on: `None` when nothing
    /// is due or the window is full (an ack will wake the session).
    pub(crate) fn deadline<D: Device + ?Sized>(&self, dev: &D) -> Option<Duration> {
        if !self.due(dev) || self.in_flight() >= self.window {
            return None;
        }
        if self.encoded {
            // Frames come on their own and wake the session; only a queued one is due.
            return dev.screen_changed().then_some(Duration::ZERO);
        }
        Some(
            self.last_capture
                .map_or(Duration::ZERO, |t| t + self.interval()),
        )
    }

    /// Captures and encodes the screen if a frame is due and allowed now; pushes the messages
    /// to send (a `StreamStart` first when the size or rotation changed).
    pub(crate) fn poll<D: Device + ?Sized>(
        &mut self,
        dev: &mut D,
        now: Duration,
        out: &mut Vec<VideoMessage>,
    ) {
        if !self.due(dev) || self.in_flight() >= self.window {
            return;
        }
        if self.encoded {
            self.poll_encoded(dev, now, out);
            return;
        }
        if self.last_capture.is_some_and(|t| now < t + self.interval()) {
            return;
        }
        // Counted even when nothing comes of it, so a device that cannot capture right now,
        // or keeps saying its screen changed, is asked at the frame rate, not in a loop.
        self.last_capture = Some(now);
        let rotation = dev.rotation();
        let frame = match dev.capture_frame(now) {
            None => return,
            Some(Capture::Rgba(frame)) => frame,
            Some(Capture::Encoded(frame)) => {
                self.encoded = true;
                self.recheck = false;
                if self.send_encoded(frame, now, out) {
                    dev.request_keyframe();
                }
                self.poll_encoded(dev, now, out);
                return;
            }
        };
        self.stats.captures += 1;
        self.recheck = false;
        let start = StreamStart {
            codec: Codec::Tiles,
            width: frame.width(),
            height: frame.height(),
            rotation,
        };
        if self.started != Some(start) {
            self.started = Some(start);
            self.stats.stream_starts += 1;
            out.push(VideoMessage::StreamStart(start));
            self.keyframe_wanted = true;
        }
        if std::mem::take(&mut self.keyframe_wanted) {
            self.encoder.request_keyframe();
        }
        let encoded = self.encoder.encode(frame);
        if encoded.payload.is_empty() {
            self.stats.unchanged += 1;
            return;
        }
        self.push_frame(encoded.keyframe, encoded.payload, now, out);
    }

    /// Takes the frames the phone encoded, as many as the window allows. A frame in pixels
    /// (the phone fell back to screenshots) goes back to the paced path.
    fn poll_encoded<D: Device + ?Sized>(
        &mut self,
        dev: &mut D,
        now: Duration,
        out: &mut Vec<VideoMessage>,
    ) {
        self.recheck = false;
        if std::mem::take(&mut self.keyframe_wanted) {
            dev.request_keyframe();
        }
        while self.in_flight() < self.window {
            match dev.capture_frame(now) {
                None => return,
                Some(Capture::Encoded(frame)) => {
                    if self.send_encoded(frame, now, out) {
                        dev.request_keyframe();
                    }
                }
                Some(Capture::Rgba(_)) => {
                    // Taken up on the next poll, paced, by the pixel path.
                    self.encoded = false;
                    self.recheck = true;
                    self.last_capture = None;
                    return;
                }
            }
        }
    }

    /// Sends one frame the phone encoded, after a `StreamStart` when the stream is new or its
    /// configuration changed. Returns `true` when the frame could not start a stream (it is
    /// not a keyframe) and a keyframe is needed.
    fn send_encoded(
        &mut self,
        frame: EncodedFrame,
        now: Duration,
        out: &mut Vec<VideoMessage>,
    ) -> bool {
        self.stats.captures += 1;
        let start = StreamStart {
            codec: frame.codec,
            width: frame.width,
            height: frame.height,
            rotation: frame.rotation,
        };
        if self.started != Some(start) {
            if !frame.keyframe {
                self.stats.unchanged += 1;
                return true;
            }
            self.started = Some(start);
            self.stats.stream_starts += 1;
            out.push(VideoMessage::StreamStart(start));
        }
        self.push_frame(frame.keyframe, frame.payload, now, out);
        false
    }

    fn push_frame(
        &mut self,
        keyframe: bool,
        payload: Vec<u8>,
        now: Duration,
        out: &mut Vec<VideoMessage>,
    ) {
        let sequence = self.next_seq;
        self.next_seq += 1;
        self.stats.frames_sent += 1;
        self.stats.keyframes_sent += u64::from(keyframe);
        self.stats.bytes_sent += payload.len() as u64;
        out.push(VideoMessage::Frame(VideoFrame {
            sequence,
            timestamp_us: u64::try_from(now.as_micros()).unwrap_or(u64::MAX),
            keyframe,
            payload,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SimPhone;

    #[test]
    fn a_phone_that_cannot_capture_is_asked_at_the_frame_rate_only() {
        let mut phone = SimPhone::with_profile("old").unwrap();
        let mut pump = VideoPump::new(60, 3);
        let mut out = Vec::new();
        pump.poll(&mut phone, Duration::ZERO, &mut out);
        assert!(out.is_empty());
        assert_eq!(pump.stats().captures, 0);
        assert_eq!(pump.deadline(&phone), Some(Duration::from_secs(1) / 60));
    }

    #[test]
    fn acks_count_only_frames_sent_and_never_go_back() {
        let mut phone = SimPhone::default();
        let mut pump = VideoPump::new(60, 2);
        let mut out = Vec::new();
        pump.poll(&mut phone, Duration::ZERO, &mut out);
        assert_eq!(out.len(), 2, "stream start and keyframe");
        assert_eq!(pump.in_flight(), 1);
        pump.ack(5);
        assert_eq!(pump.in_flight(), 1, "an ack of a frame not sent is ignored");
        pump.ack(0);
        assert_eq!(pump.in_flight(), 0);
        pump.lost();
        assert_eq!(pump.in_flight(), 0);
        pump.set_max_fps(0);
        assert_eq!(pump.fps(), 1);
        pump.set_max_fps(200);
        assert_eq!(pump.fps(), 60, "a hint never raises the configured rate");
    }

    /// A phone that encodes its own screen: hands out the frames it is given, counts
    /// keyframe requests.
    struct Encoding {
        queue: std::collections::VecDeque<EncodedFrame>,
        keyframe_requests: u32,
    }

    fn h264(keyframe: bool, width: u32) -> EncodedFrame {
        EncodedFrame {
            codec: Codec::H264,
            width,
            height: 2400,
            rotation: lifeline_protocol::messages::video::Rotation::Deg0,
            keyframe,
            payload: vec![0, 0, 0, 1, if keyframe { 0x65 } else { 0x41 }],
        }
    }

    impl Device for Encoding {
        fn summary(&self) -> lifeline_protocol::messages::handshake::DeviceSummary {
            unimplemented!("not used by the pump")
        }
        fn capabilities(&self) -> lifeline_protocol::consent::CapabilitySet {
            lifeline_protocol::consent::CapabilitySet::ALL
        }
        fn frame_size(&self) -> lifeline_protocol::messages::input::FrameSize {
            lifeline_protocol::messages::input::FrameSize::new(1080, 2400)
        }
        fn rotation(&self) -> lifeline_protocol::messages::video::Rotation {
            lifeline_protocol::messages::video::Rotation::Deg0
        }
        fn tick(&mut self, _now: Duration) {}
        fn next_tick(&self) -> Option<Duration> {
            None
        }
        fn screen_changed(&self) -> bool {
            !self.queue.is_empty()
        }
        fn capture(&mut self, _now: Duration) -> Option<&lifeline_protocol::video::RgbaImage> {
            None
        }
        fn capture_frame(&mut self, _now: Duration) -> Option<Capture<'_>> {
            self.queue.pop_front().map(Capture::Encoded)
        }
        fn request_keyframe(&mut self) {
            self.keyframe_requests += 1;
        }
        fn inject(
            &mut self,
            _event: &lifeline_protocol::messages::input::InputEvent,
            _now: Duration,
        ) -> Result<(), crate::device::InputError> {
            Ok(())
        }
        fn diagnostics(
            &mut self,
            _now: Duration,
        ) -> lifeline_protocol::diagnostics::DeviceDiagnostics {
            lifeline_protocol::diagnostics::DeviceDiagnostics::default()
        }
        fn logs(&mut self, _now: Duration) -> Vec<crate::device::LogFile> {
            Vec::new()
        }
        fn set_sharing_indicator(&mut self, _on: bool) {}
        fn show_prompt(&mut self, _prompt: crate::device::ConsentPrompt) {}
        fn dismiss_prompts(&mut self) {}
        fn take_prompt_answer(&mut self) -> Option<crate::device::PromptAnswer> {
            None
        }
    }

    fn kinds(out: &[VideoMessage]) -> Vec<String> {
        out.iter()
            .map(|m| match m {
                VideoMessage::StreamStart(s) => format!("start {} {}", s.codec, s.width),
                VideoMessage::Frame(f) => {
                    format!("{} {}", f.sequence, if f.keyframe { "key" } else { "p" })
                }
            })
            .collect()
    }

    #[test]
    fn encoded_frames_go_as_they_are_within_the_window_and_start_on_keyframes() {
        let mut phone = Encoding {
            queue: [
                h264(false, 1080),
                h264(true, 1080),
                h264(false, 1080),
                h264(false, 1080),
                h264(false, 1080),
            ]
            .into_iter()
            .collect(),
            keyframe_requests: 0,
        };
        let mut pump = VideoPump::new(60, 3);
        let mut out = Vec::new();
        pump.poll(&mut phone, Duration::ZERO, &mut out);
        assert_eq!(
            phone.keyframe_requests, 1,
            "a stream cannot start on a P frame"
        );
        assert_eq!(
            kinds(&out),
            ["start h264 1080", "0 key", "1 p", "2 p"],
            "window of 3, no pacing"
        );
        assert_eq!(pump.deadline(&phone), None, "window full");
        pump.ack(0);
        assert_eq!(
            pump.deadline(&phone),
            Some(Duration::ZERO),
            "a queued frame is due at once"
        );
        out.clear();
        pump.poll(&mut phone, Duration::from_micros(10), &mut out);
        assert_eq!(kinds(&out), ["3 p"]);
        assert_eq!(
            pump.deadline(&phone),
            None,
            "nothing queued: frames wake the session"
        );

        pump.request_keyframe();
        pump.ack(3);
        out.clear();
        pump.poll(&mut phone, Duration::from_micros(20), &mut out);
        assert_eq!(phone.keyframe_requests, 2, "passed on to the phone");
        // The screen turned: the new configuration starts only with a keyframe.
        phone.queue.extend([h264(false, 2400), h264(true, 2400)]);
        pump.poll(&mut phone, Duration::from_micros(30), &mut out);
        assert_eq!(kinds(&out), ["start h264 2400", "4 key"]);
        assert_eq!(phone.keyframe_requests, 3);
        assert_eq!(pump.stats().stream_starts, 2);
    }
}
