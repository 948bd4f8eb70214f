//! The adb phone's screen against the stand-in `adb`: what each Android version's tools
//! allow (screenshots through `adb shell` before Android 5, `screenrecord` without its time
//! limit from Android 11), and a screen that turns while shared.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod adb_stand_in;

use std::time::{Duration, Instant};

use adb_stand_in::{HEIGHT, SERIAL, StandIn, WIDTH, frames, open, png, screenshot};
use lifeline_agent_android::adb::ScreenMode;
use lifeline_agent_android::device::{Capture, Device};
use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::input::{FrameSize, InputEvent, TouchEvent, TouchPhase};
use lifeline_protocol::messages::video::Rotation;

/// `bytes` as the terminal of an old `adb shell` delivers them: every LF written as CR LF.
fn through_a_pty(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 64);
    for &b in bytes {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

#[test]
fn an_android_4_4_phone_shares_screenshots_read_through_adb_shell() {
    let stand_in = StandIn::new();
    // A Nexus 5 on Android 4.4 (SDK 19), its answers with CR LF as its terminal sends them.
    stand_in.shell(
        "getprop",
        "[ro.build.version.release]: [4.4.4]\r\n[ro.build.version.sdk]: [19]\r\n\
         [ro.product.manufacturer]: [LGE]\r\n[ro.product.model]: [Nexus 5]\r\n",
    );
    stand_in.screenrecord_help("v1.0_api19-20");
    // screenrecord is there and would write H.264, but not through exec-out, which fails.
    stand_in.screenrecord(3);
    stand_in.without_exec_out();
    // A picture whose PNG holds many LF bytes, each of which the terminal doubles with a CR.
    let picture = image::RgbaImage::from_fn(WIDTH, HEIGHT, |x, y| {
        image::Rgba([(x * 10) as u8 ^ 0x0a, (y * 3) as u8, 0x0a, 255])
    });
    let png = png(&picture);
    assert!(png.iter().filter(|&&b| b == b'\n').count() > 2);
    stand_in.shell_bytes("screencap -p", &through_a_pty(&png));

    let mut phone = open(&stand_in).unwrap();
    let summary = phone.summary();
    assert_eq!(summary.android_version, "4.4.4");
    assert!(summary.capabilities.contains(Capability::ScreenView));
    assert!(summary.capabilities.contains(Capability::RemoteControl));
    assert_eq!(phone.screen_mode(), ScreenMode::Screenshots);
    phone.set_sharing_indicator(true);
    let shot = screenshot(&mut phone, &stand_in, "no H.264 before Android 5");
    assert_eq!((shot.width(), shot.height()), (WIDTH, HEIGHT));
    for (x, y) in [(0, 0), (1, 0), (25, 3), (WIDTH - 1, HEIGHT - 1), (50, 77)] {
        assert_eq!(
            shot.pixel(x, y),
            Some(picture.get_pixel(x, y).0),
            "({x}, {y})"
        );
    }
    assert_eq!(
        phone.screen_mode(),
        ScreenMode::Screenshots,
        "and it stays so"
    );
    drop(phone);
    let log = stand_in.log();
    assert!(
        log.iter()
            .any(|l| l == &format!("adb -s {SERIAL} shell screencap -p")),
        "{log:#?}"
    );
    assert!(!log.iter().any(|l| l.contains("exec-out")), "{log:#?}");
}

#[test]
fn a_screencap_already_clean_through_adb_shell_is_left_as_it_is() {
    // A phone before Android 5 whose transport does not translate (no terminal): the PNG's
    // signature is intact, so nothing is undone.
    let stand_in = StandIn::new();
    stand_in.shell("getprop", "[ro.build.version.sdk]: [17]\n");
    stand_in.shell(
        "ls /system/bin/screenrecord /system/bin/screencap",
        "/system/bin/screencap\n",
    );
    let picture = image::RgbaImage::from_fn(WIDTH, HEIGHT, |x, y| {
        image::Rgba([10, (x + y) as u8, 13, 255])
    });
    stand_in.shell_bytes("screencap -p", &png(&picture));
    let mut phone = open(&stand_in).unwrap();
    assert_eq!(phone.screen_mode(), ScreenMode::Screenshots);
    phone.set_sharing_indicator(true);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(Capture::Rgba(shot)) = phone.capture_frame(Duration::ZERO) {
            assert_eq!(shot.pixel(40, 50), Some([10, 90, 13, 255]));
            break;
        }
        assert!(Instant::now() < deadline, "{:#?}", stand_in.log());
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn screenrecord_runs_without_a_time_limit_only_where_its_help_says_so() {
    for (help, options) in [
        ("v1.3_api30-35", "--bit-rate 2000000 --time-limit 0 -"),
        ("v1.2_api21-29", "--bit-rate 2000000 -"),
    ] {
        let stand_in = StandIn::new();
        stand_in.screenrecord_help(help);
        stand_in.screenrecord(2);
        let mut phone = open(&stand_in).unwrap();
        assert_eq!(phone.screen_mode(), ScreenMode::H264);
        phone.set_sharing_indicator(true);
        frames(&mut phone, 2);
        let log = stand_in.log();
        let runs: Vec<&String> = log
            .iter()
            .filter(|l| l.contains("screenrecord --output"))
            .collect();
        assert_eq!(
            runs,
            [&format!(
                "adb -s {SERIAL} exec-out screenrecord --output-format=h264 {options}"
            )],
            "{help}"
        );
    }
}

#[test]
fn a_turned_screen_restarts_screenrecord_at_the_new_size() {
    let stand_in = StandIn::new();
    stand_in.screenrecord(3);
    let mut phone = open(&stand_in).unwrap();
    phone.set_sharing_indicator(true);
    let before = frames(&mut phone, 3);
    assert_eq!(
        (before[0].width, before[0].height, before[0].rotation),
        (WIDTH, HEIGHT, Rotation::Deg0)
    );
    assert_eq!(phone.screenrecord_runs(), 1);

    // The phone turns: dumpsys display reports rotation 1 (wm size keeps the natural
    // orientation), and screenrecord now records the screen on its side.
    stand_in.screenrecord_sized(HEIGHT, WIDTH, 3);
    stand_in.screen(WIDTH, HEIGHT, 1);
    let after = frames(&mut phone, 3);
    assert!(after[0].keyframe, "a new stream starts with a keyframe");
    assert_eq!(
        (after[0].width, after[0].height, after[0].rotation),
        (HEIGHT, WIDTH, Rotation::Deg90)
    );
    assert!(after.iter().all(|f| (f.width, f.height) == (HEIGHT, WIDTH)));
    assert_eq!(phone.frame_size(), FrameSize::new(HEIGHT, WIDTH));
    assert_eq!(phone.rotation(), Rotation::Deg90);
    assert_eq!(phone.screenrecord_runs(), 2);
    // Touches now land on the turned display.
    for phase in [TouchPhase::Down, TouchPhase::Up] {
        let touch = TouchEvent {
            phase,
            pointer: 0,
            x: 120,
            y: 10,
            frame: FrameSize::new(HEIGHT, WIDTH),
            at_us: 0,
        };
        phone
            .inject(&InputEvent::Touch(touch), Duration::ZERO)
            .unwrap();
    }
    drop(phone);
    let log = stand_in.log();
    assert_eq!(
        stand_in.logged("exec-out screenrecord").len(),
        2,
        "{log:#?}"
    );
    assert!(
        log.iter()
            .any(|l| l
                .ends_with("shell wm size 2>&1; echo @@lifeline-section@@; dumpsys display 2>&1")),
        "the geometry is read again while sharing: {log:#?}"
    );
    assert!(log.contains(&"stdin: input motionevent DOWN 120 10".to_owned()));
}
