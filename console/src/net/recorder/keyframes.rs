//! When the recorder asks the phone for a keyframe ([`KeyframePacer`]).
//!
//! The review player decodes from the last keyframe before the moment shown, so the record
//! wants one every [`RecordingConfig::keyframe_every`](super::RecordingConfig) (10 s) or so.
//! Many phones send one that often on their own: Android's `screenrecord` (the adb phone's
//! video) configures its encoder with an I-frame interval of 10 s (`KEY_I_FRAME_INTERVAL` 10
//! in AOSP `frameworks/av/cmds/screenrecord`), and on an adb phone every request kills and
//! restarts `screenrecord` — a visible stall. So on a stream that keys itself (H.264, or any
//! stream once a keyframe came that nobody asked for) a request goes out only when none has
//! arrived for the interval plus half of it: the margin absorbs the encoder's and the path's
//! lateness around its own 10 s (an encoder fed only when the screen changes may count its
//! interval in pictures, not seconds, and send its keyframe late), and a keyframe that
//! arrives by itself puts the request off again. A stream that sends keyframes only when
//! asked (the tile codec) is asked every interval, so seeks in its record stay short.

use std::time::{Duration, Instant};

use lifeline_protocol::messages::video::Codec;

/// Tracks the keyframes received on the stream being recorded, and says when one is due.
#[derive(Debug, Clone)]
pub(super) struct KeyframePacer {
    every: Duration,
    /// When the last frame arrived.
    last_video: Option<Instant>,
    /// When the last keyframe arrived (or a stream started, or one was asked for).
    last_keyframe: Option<Instant>,
    /// When a stream last started or a keyframe was last asked for.
    last_asked: Option<Instant>,
    /// The stream sends keyframes by itself.
    keys_itself: bool,
}

impl KeyframePacer {
    /// Aiming at a keyframe every `every`.
    pub(super) fn new(every: Duration) -> Self {
        Self {
            every,
            last_video: None,
            last_keyframe: None,
            last_asked: None,
            keys_itself: false,
        }
    }

    /// How often [`Self::due`] is worth asking.
    pub(super) fn check_every(&self) -> Duration {
        (self.every / 4).max(Duration::from_millis(50))
    }

    /// How long the stream may go without a keyframe before one is asked for.
    pub(super) fn overdue_after(&self) -> Duration {
        if self.keys_itself {
            self.every + self.every / 2
        } else {
            self.every
        }
    }

    /// A frame arrived at `now`.
    pub(super) fn frame(&mut self, keyframe: bool, now: Instant) {
        self.last_video = Some(now);
        if keyframe {
            // Well after the last request or start, nobody asked for this one.
            let unasked = self
                .last_asked
                .is_none_or(|t| now.saturating_duration_since(t) > self.every / 2);
            self.keys_itself |= unasked;
            self.last_keyframe = Some(now);
        }
    }

    /// A stream in `codec` (re)started at `now`: its first frame is a keyframe. H.264
    /// encoders send keyframes by themselves; the tile codec only when asked.
    pub(super) fn stream_start(&mut self, codec: Codec, now: Instant) {
        self.last_keyframe = Some(now);
        self.last_asked = Some(now);
        self.keys_itself |= codec == Codec::H264;
    }

    /// Whether to ask for a keyframe at `now`: video is flowing and none arrived for
    /// [`Self::overdue_after`].
    pub(super) fn due(&self, now: Instant) -> bool {
        let since = |t: Instant| now.saturating_duration_since(t);
        let flowing = self.last_video.is_some_and(|t| since(t) < self.every);
        let overdue = self
            .last_keyframe
            .is_none_or(|t| since(t) > self.overdue_after());
        flowing && overdue
    }

    /// A keyframe was asked for at `now`: not again until it had time to arrive.
    pub(super) fn requested(&mut self, now: Instant) {
        self.last_keyframe = Some(now);
        self.last_asked = Some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVERY: Duration = Duration::from_secs(10);

    /// Runs `secs` seconds of 30 fps H.264 video in 10 ms steps, a keyframe at each of
    /// `keyframes` (seconds), checking as the recorder does: the moments a request went out.
    fn requests(secs: f64, keyframes: &[f64]) -> Vec<f64> {
        requests_in(Codec::H264, secs, keyframes)
    }

    /// [`requests`] for a stream in `codec`.
    fn requests_in(codec: Codec, secs: f64, keyframes: &[f64]) -> Vec<f64> {
        let start = Instant::now();
        let mut pacer = KeyframePacer::new(EVERY);
        pacer.stream_start(codec, start);
        let mut keyframes = keyframes.iter().copied().peekable();
        let mut sent = Vec::new();
        let check = pacer.check_every().as_secs_f64();
        let (mut next_frame, mut next_check) = (0.0, check);
        let mut t = 0.0;
        while t < secs {
            let now = start + Duration::from_secs_f64(t);
            if t >= next_frame {
                let key = keyframes.next_if(|&k| k <= t).is_some();
                pacer.frame(key, now);
                next_frame += 1.0 / 30.0;
            }
            if t >= next_check {
                if pacer.due(now) {
                    pacer.requested(now);
                    sent.push(t);
                }
                next_check += check;
            }
            t += 0.01;
        }
        sent
    }

    #[test]
    fn keyframes_arriving_on_their_own_need_no_request() {
        // screenrecord's encoder: one every 10 s, some of them up to 2 s late.
        let own = [0.0, 10.05, 20.3, 30.1, 41.9, 50.2, 60.0, 70.4, 80.0, 90.6];
        assert_eq!(requests(100.0, &own), Vec::<f64>::new());
        // Exactly every 10 s, the interval the recorder aims at.
        let exact: Vec<f64> = (0..10).map(|k| f64::from(k) * 10.0).collect();
        assert_eq!(requests(100.0, &exact), Vec::<f64>::new());
    }

    #[test]
    fn a_request_goes_out_when_none_arrive() {
        // Only the stream's first keyframe: a request once 15 s passed, then every 15 s.
        let sent = requests(56.0, &[0.0]);
        assert_eq!(sent.len(), 3, "{sent:?}");
        assert!((15.0..=17.6).contains(&sent[0]), "{sent:?}");
        assert!(
            sent.windows(2)
                .all(|w| (15.0..=17.6).contains(&(w[1] - w[0])))
        );
        // Keyframes that stop: requests resume after the last one.
        let sent = requests(40.0, &[0.0, 10.0]);
        assert!(!sent.is_empty() && sent[0] > 25.0, "{sent:?}");
    }

    #[test]
    fn a_stream_keyed_only_on_request_is_asked_every_interval() {
        // The tile codec sends a keyframe only when asked: every 10 s, not 15.
        let sent = requests_in(Codec::Tiles, 45.0, &[0.0]);
        assert!((3..=4).contains(&sent.len()), "{sent:?}");
        assert!((10.0..=12.6).contains(&sent[0]), "{sent:?}");
        assert!(
            sent.windows(2)
                .all(|w| (10.0..=12.6).contains(&(w[1] - w[0])))
        );
        // One that turns out to key itself gets the margin from then on.
        let own = [0.0, 7.0, 17.0, 27.0, 37.5, 47.9];
        assert_eq!(requests_in(Codec::Tiles, 55.0, &own), Vec::<f64>::new());
    }

    /// The recorder's task, fed frames as a session feeds them: the keyframe requests it
    /// sends on the control channel.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_recorder_asks_only_when_the_phone_sends_none() {
        use lifeline_protocol::messages::control::ControlMessage;
        use lifeline_protocol::messages::video::{Codec, Rotation, StreamStart, VideoFrame};
        use lifeline_protocol::record::RecordItem;

        let dir = tempfile::tempdir().unwrap();
        let every = Duration::from_millis(600);
        let config = super::super::RecordingConfig {
            // Nothing is sealed during the test; nothing waits on uploads at the end.
            chunk_every: Duration::from_secs(600),
            keyframe_every: every,
            flush_timeout: Duration::from_millis(50),
            ..super::super::RecordingConfig::new(dir.path())
        };
        // No relay answers there: the uploader has nothing to send anyway.
        let api = crate::net::http::ApiClient::new("https://127.0.0.1:9/".parse().unwrap(), None)
            .unwrap();
        let (control, mut requests) = tokio::sync::mpsc::channel(16);
        let first = RecordItem::CodeCreated {
            code: "123456".into(),
            identifier: None,
        };
        let recorder = super::super::Recorder::start(&config, api, 7, first, control);
        recorder
            .stream_start(StreamStart {
                codec: Codec::H264,
                width: 96,
                height: 128,
                rotation: Rotation::Deg0,
            })
            .await;
        let mut sequence = 0;
        let mut send = async |keyframe: bool| {
            let frame = VideoFrame {
                sequence,
                timestamp_us: sequence * 33_000,
                keyframe,
                payload: vec![0, 0, 0, 1, if keyframe { 0x65 } else { 0x41 }],
            };
            sequence += 1;
            recorder.frame(&frame).await;
            tokio::time::sleep(Duration::from_millis(30)).await;
        };
        // Three seconds of video with a keyframe of its own every 600 ms (the interval the
        // recorder aims at, like screenrecord's 10 s): nothing is asked for.
        for n in 0..100 {
            send(n % 20 == 0).await;
        }
        // Taken before the last keyframe is handed over, so never later than its stamp.
        let last_keyframe = Instant::now();
        send(true).await;
        assert!(
            requests.try_recv().is_err(),
            "a keyframe was asked for while they arrived on their own"
        );
        // Then only P frames: a request once 900 ms passed without a keyframe.
        let mut asked = None;
        for _ in 0..60 {
            send(false).await;
            if let Ok(message) = requests.try_recv() {
                asked = Some((last_keyframe.elapsed(), message));
                break;
            }
        }
        let (after, message) = asked.expect("no keyframe request while none arrived");
        assert_eq!(message, ControlMessage::KeyframeRequest);
        assert!(after >= every + every / 2, "asked after {after:?}");
        recorder.finish().await;
    }

    #[test]
    fn no_request_while_no_video_flows() {
        let start = Instant::now();
        let mut pacer = KeyframePacer::new(EVERY);
        assert!(!pacer.due(start), "nothing received yet");
        pacer.frame(false, start);
        assert!(
            pacer.due(start + Duration::from_secs(1)),
            "never a keyframe"
        );
        // The screen went still: its last frame is older than the interval.
        assert!(!pacer.due(start + Duration::from_secs(30)));
        pacer.stream_start(Codec::H264, start + Duration::from_secs(30));
        pacer.frame(false, start + Duration::from_secs(31));
        assert!(!pacer.due(start + Duration::from_secs(32)), "a new stream");
    }
}
