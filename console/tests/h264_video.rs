//! H.264 end to end through the real relay: phone-like screens encoded with OpenH264 by a
//! scripted phone (`common::h264_phone`), carried as `h264` through the relay in-process on
//! loopback QUIC, and decoded by the console's network side (`TechnicianClient`) into the
//! shared screen — compared with their source by PSNR. A corrupt frame mid-stream, odd
//! screen sizes and a new stream size mid-stream are covered too.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::h264_phone::{self, Report, Step};
use common::phone_frames::{pad_to_even, psnr, screen};
use lifeline_console::net::{NetConfig, TechnicianClient};
use lifeline_protocol::SessionCode;
use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::video::Codec;
use lifeline_protocol::video::RgbaImage;
use tokio::sync::{Semaphore, watch};

const WAIT: Duration = Duration::from_secs(20);
/// What the decoded screen must reach against its source.
const MIN_PSNR_DB: f64 = 38.0;

const BLUE: [u8; 4] = [26, 115, 232, 255];
const TEAL: [u8; 4] = [0, 121, 107, 255];

/// A console in local mode (relay in-process on loopback) with a phone playing `script`
/// on a runtime of its own, screen view granted.
struct Rig {
    tech: TechnicianClient,
    code: SessionCode,
    report: watch::Receiver<Report>,
    phone: std::thread::JoinHandle<()>,
    _dir: tempfile::TempDir,
}

impl Rig {
    fn start(script: Vec<Step>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut tech = TechnicianClient::start(NetConfig::local(
            dir.path().join("relay"),
            dir.path().join("downloads"),
        ))
        .unwrap();
        tech.wait_signed_in(WAIT).unwrap();
        let entry = tech.create_code(None, WAIT).unwrap();
        let (report_tx, report) = watch::channel(Report::default());
        let link = entry.deep_link.clone();
        let phone = std::thread::Builder::new()
            .name("h264-phone".into())
            .spawn(move || {
                tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .unwrap()
                    .block_on(h264_phone::run(link, script, report_tx));
            })
            .unwrap();
        tech.wait_for_session(entry.code, WAIT).unwrap();
        tech.request(entry.code, Capability::ScreenView).unwrap();
        Self {
            tech,
            code: entry.code,
            report,
            phone,
            _dir: dir,
        }
    }

    /// Waits until the screen has shown `frames` pictures in all, at `size`.
    fn wait_for_frames(&mut self, frames: u64, size: (u32, u32)) {
        let code = self.code;
        let result = self.tech.wait_until(WAIT, |s| {
            let screen = &s.session(code).unwrap().screen;
            screen.frames() >= frames && screen.size() == Some(size)
        });
        let screen = &self.tech.session(code).unwrap().screen;
        assert!(
            result.is_ok(),
            "waited for {frames} frames at {size:?}; the screen has {} at {:?}, the phone {:?}",
            screen.frames(),
            screen.size(),
            *self.report.borrow()
        );
    }

    fn shown(&self) -> RgbaImage {
        let screen = &self.tech.session(self.code).unwrap().screen;
        assert!(screen.is_yuv(), "H.264 pictures stay YUV for the GPU");
        screen.snapshot().unwrap()
    }

    fn report(&self) -> Report {
        self.report.borrow().clone()
    }

    fn finish(mut self) -> Report {
        assert!(
            !self.tech.session(self.code).unwrap().is_ended(),
            "the session is still running"
        );
        self.tech.end_session(self.code, WAIT).unwrap();
        let Self {
            tech,
            report,
            phone,
            ..
        } = self;
        phone.join().unwrap();
        let report = report.borrow().clone();
        assert!(report.ended_by_technician);
        tech.shutdown(Duration::from_secs(5));
        report
    }
}

fn assert_psnr(shown: &RgbaImage, source: &RgbaImage, what: &str) -> f64 {
    let db = psnr(shown, source);
    assert!(
        db >= MIN_PSNR_DB,
        "{what}: PSNR {db:.2} dB < {MIN_PSNR_DB} dB"
    );
    db
}

#[test]
fn phone_screens_through_the_relay_decode_above_38_db() {
    let (w, h) = (540, 1200);
    let frames: Vec<RgbaImage> = (0..4).map(|i| screen(w, h, i * 24, BLUE)).collect();
    let mut script = vec![Step::Start { declared: (w, h) }];
    script.extend(frames.iter().cloned().map(Step::Frame));
    let mut rig = Rig::start(script);
    rig.wait_for_frames(4, (w, h));
    let db = assert_psnr(
        &rig.shown(),
        &frames[3],
        "after a keyframe and three P frames",
    );
    eprintln!("PSNR {db:.2} dB");
    let session = rig.tech.session(rig.code).unwrap();
    assert_eq!(session.video.stream.map(|s| s.codec), Some(Codec::H264));
    let report = rig.finish();
    assert_eq!(
        report.keyframe_requests, 0,
        "a clean stream needs no keyframe"
    );
    assert_eq!(report.last_ack, Some(3), "every frame acknowledged");
}

/// Sets the forbidden bit of the first slice NAL unit (type 1 or 5).
fn forbidden_bit(payload: &mut [u8]) {
    let at = (3..payload.len())
        .find(|&i| payload[i - 3..i] == [0, 0, 1] && matches!(payload[i] & 0x1f, 1 | 5))
        .unwrap();
    payload[at] |= 0x80;
}

#[test]
fn a_corrupt_nal_unit_asks_for_a_keyframe_and_the_next_one_shows() {
    let (w, h) = (360, 800);
    let frames: Vec<RgbaImage> = (0..6).map(|i| screen(w, h, i * 40, TEAL)).collect();
    let script = vec![
        Step::Start { declared: (w, h) },
        Step::Frame(frames[0].clone()),
        Step::Frame(frames[1].clone()),
        Step::Corrupt(frames[2].clone(), forbidden_bit),
        // Decoded against a broken reference it would be garbage: the console skips it.
        Step::Frame(frames[3].clone()),
        Step::AwaitKeyframeRequest,
        Step::Frame(frames[4].clone()),
        Step::Frame(frames[5].clone()),
    ];
    let mut rig = Rig::start(script);
    // Frames 0, 1, then the keyframe 4 and 5: four pictures.
    rig.wait_for_frames(4, (w, h));
    assert_psnr(&rig.shown(), &frames[5], "the frame after the new keyframe");
    let report = rig.report();
    assert!(report.script_done, "{report:?}");
    assert!(report.keyframe_requests >= 1, "{report:?}");
    assert_eq!(
        rig.tech.session(rig.code).unwrap().screen.frames(),
        4,
        "the corrupt frame and the one after it were not shown"
    );
    let report = rig.finish();
    assert_eq!(
        report.last_ack,
        Some(5),
        "skipped frames are acknowledged too"
    );
}

#[test]
fn odd_sizes_are_cropped_and_a_new_size_mid_stream_is_followed() {
    // An odd-sized screen: the phone encodes it one pixel larger each way (4:2:0 needs even
    // sides) and declares its real size; the console shows exactly that.
    let odd: Vec<RgbaImage> = (0..2).map(|i| screen(721, 1601, i * 30, BLUE)).collect();
    let tall = screen(1080, 2340, 0, TEAL);
    let gate = Arc::new(Semaphore::new(0));
    let mut script = vec![Step::Start {
        declared: (721, 1601),
    }];
    script.extend(odd.iter().map(|f| Step::Frame(pad_to_even(f))));
    script.push(Step::Gate(gate.clone()));
    script.push(Step::Start {
        declared: (1080, 2340),
    });
    script.push(Step::Frame(tall.clone()));
    let mut rig = Rig::start(script);

    rig.wait_for_frames(2, (721, 1601));
    assert_psnr(&rig.shown(), &odd[1], "721x1601 cropped from 722x1602");

    gate.add_permits(1);
    rig.wait_for_frames(3, (1080, 2340));
    assert_psnr(&rig.shown(), &tall, "1080x2340 after a new StreamStart");
    let session = rig.tech.session(rig.code).unwrap();
    let stream = session.video.stream.unwrap();
    assert_eq!((stream.width, stream.height), (1080, 2340));
    let report = rig.finish();
    assert_eq!(report.keyframe_requests, 0, "{report:?}");
}
