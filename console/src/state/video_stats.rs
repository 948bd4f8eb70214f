//! What the status line shows about the video: fps, round-trip time, bit rate, codec, size.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use lifeline_protocol::i18n::Localizer;
use lifeline_protocol::messages::video::{Codec, Rotation, StreamStart};
use lifeline_protocol::tr;

/// Frames and bytes are counted over this window.
const WINDOW: Duration = Duration::from_secs(1);

/// Video statistics of one session.
#[derive(Debug, Clone, Default)]
pub struct VideoStats {
    /// The current stream configuration, once the phone started one.
    pub stream: Option<StreamStart>,
    /// Latest round-trip time to the phone (Ping/Pong on the control stream).
    pub rtt: Option<Duration>,
    /// Frames decoded since the stream started.
    pub frames: u64,
    /// Frames that failed to decode.
    pub errors: u64,
    /// Arrival times and payload sizes within the window.
    recent: VecDeque<(Instant, usize)>,
}

impl VideoStats {
    /// A new stream configuration.
    pub fn started(&mut self, start: StreamStart) {
        self.stream = Some(start);
    }

    /// A frame of `bytes` payload bytes was decoded at `now`.
    pub fn frame(&mut self, now: Instant, bytes: usize) {
        self.frames += 1;
        self.recent.push_back((now, bytes));
        self.trim(now);
    }

    fn trim(&mut self, now: Instant) {
        while let Some((at, _)) = self.recent.front() {
            if now.saturating_duration_since(*at) > WINDOW {
                self.recent.pop_front();
            } else {
                break;
            }
        }
    }

    /// Frames per second over the last second.
    pub fn fps(&mut self, now: Instant) -> f32 {
        self.trim(now);
        self.recent.len() as f32 / WINDOW.as_secs_f32()
    }

    /// Payload bit rate over the last second, in kbit/s.
    pub fn kbps(&mut self, now: Instant) -> f32 {
        self.trim(now);
        let bytes: usize = self.recent.iter().map(|(_, b)| b).sum();
        bytes as f32 * 8.0 / 1000.0 / WINDOW.as_secs_f32()
    }

    /// The status line: `fps 30 · RTT 12 ms · 850 kbit/s · tiles 1080×2400`.
    pub fn summary(&mut self, now: Instant, loc: Localizer) -> String {
        let fps = self.fps(now);
        let kbps = self.kbps(now);
        let rtt = self
            .rtt
            .map(|r| {
                let ms = r.as_secs_f64() * 1000.0;
                let decimals = if ms < 10.0 { 1 } else { 0 };
                tr!(loc, "video-ms", ms = loc.number(ms, decimals))
            })
            .unwrap_or_else(|| "—".into());
        let rate = if kbps >= 1000.0 {
            tr!(
                loc,
                "video-mbps",
                rate = loc.number(f64::from(kbps) / 1000.0, 1)
            )
        } else {
            tr!(loc, "video-kbps", rate = loc.number(f64::from(kbps), 0))
        };
        let stream = match self.stream {
            Some(s) => {
                let codec = match s.codec {
                    // The project's own codec: a word the technician's language has.
                    Codec::Tiles => tr!(loc, "video-codec-tiles"),
                    Codec::H264 => "H.264".to_owned(),
                };
                let size = format!("{}×{}", s.width, s.height);
                match s.rotation {
                    Rotation::Deg0 => tr!(loc, "video-stream", codec = codec, size = size),
                    Rotation::Deg90 | Rotation::Deg270 => {
                        tr!(loc, "video-stream-landscape", codec = codec, size = size)
                    }
                    Rotation::Deg180 => {
                        tr!(loc, "video-stream-upside-down", codec = codec, size = size)
                    }
                }
            }
            None => tr!(loc, "video-none"),
        };
        tr!(
            loc,
            "video-summary",
            fps = loc.number(f64::from(fps), 0),
            rtt = rtt,
            rate = rate,
            stream = stream
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_frames_and_bytes_in_the_last_second() {
        let t0 = Instant::now();
        let mut stats = VideoStats::default();
        for i in 0..30u64 {
            stats.frame(t0 + Duration::from_millis(i * 33), 1000);
        }
        let now = t0 + Duration::from_millis(990);
        assert_eq!(stats.fps(now), 30.0);
        assert_eq!(stats.kbps(now), 240.0);
        let later = t0 + Duration::from_millis(1500);
        assert!(stats.fps(later) < 16.0);
        assert_eq!(stats.frames, 30);
        assert_eq!(stats.fps(t0 + Duration::from_secs(5)), 0.0);
    }

    #[test]
    fn summary_reads_well() {
        let t0 = Instant::now();
        let mut stats = VideoStats::default();
        let en = Localizer::default();
        assert_eq!(stats.summary(t0, en), "0 fps · RTT — · 0 kbit/s · no video");
        stats.started(StreamStart {
            codec: Codec::Tiles,
            width: 1080,
            height: 2400,
            rotation: Rotation::Deg0,
        });
        stats.rtt = Some(Duration::from_micros(1_450));
        assert!(
            stats.summary(t0, en).contains("RTT 1.4 ms"),
            "{}",
            stats.summary(t0, en)
        );
        stats.rtt = Some(Duration::from_millis(12));
        stats.frame(t0, 250_000);
        assert_eq!(
            stats.summary(t0, en),
            "1 fps · RTT 12 ms · 2.0 Mbit/s · tiles 1080×2400"
        );
        let fr = Localizer::new(lifeline_protocol::i18n::Language::Fr);
        assert_eq!(
            stats.summary(t0, fr),
            "1 i/s · RTT 12 ms · 2,0 Mbit/s · tuiles 1080×2400"
        );
    }
}
