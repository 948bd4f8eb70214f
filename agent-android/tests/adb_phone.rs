//! The adb phone against the stand-in `adb` (a script that replays recorded outputs and logs
//! what it is asked): choosing the phone, the screen stream and its restarts, the fallback to
//! screenshots, the input shell and the escaping of hostile text, diagnostics and logs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod adb_stand_in;

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use adb_stand_in::{
    HEIGHT, SERIAL, StandIn, WIDTH, answer_diagnostics, data, frames, open, screenshot,
};
use lifeline_agent_android::adb::annexb::nal_types;
use lifeline_agent_android::adb::{AdbOptions, AdbPhone, ScreenMode};
use lifeline_agent_android::device::{Device, DeviceWaker, InputError};
use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::input::{
    FrameSize, InputEvent, Key, KeyAction, KeyEvent, TouchEvent, TouchPhase,
};
use lifeline_protocol::messages::video::{Codec, Rotation};

const SCREEN: FrameSize = FrameSize {
    width: WIDTH,
    height: HEIGHT,
};

#[test]
fn chooses_the_phone_or_says_why_not_in_one_line() {
    let stand_in = StandIn::new();
    let err = |listing: &str, serial: Option<&str>| {
        stand_in.devices(listing);
        AdbPhone::open(&AdbOptions {
            program: stand_in.program(),
            serial: serial.map(str::to_owned),
            bit_rate: 1,
        })
        .unwrap_err()
        .to_string()
    };
    let head = "List of devices attached\n";
    assert!(err(head, None).starts_with("no phone is attached over adb"));
    let two = format!("{head}AAA device usb:1\nBBB device usb:2\n");
    assert_eq!(
        err(&two, None),
        "several phones are attached (AAA, BBB); choose one with --device adb:SERIAL"
    );
    assert!(
        err(&two, Some("CCC"))
            .starts_with("no phone with serial CCC is attached (attached: AAA, BBB)")
    );
    assert!(
        err(&format!("{head}AAA unauthorized usb:1\n"), None)
            .contains("has not authorized this computer")
    );
    assert!(err(&format!("{head}AAA offline\n"), None).contains("AAA is offline"));
    for message in [err(head, None), err(&two, None)] {
        assert!(!message.contains('\n'), "one line: {message}");
    }
    let missing = AdbPhone::open(&AdbOptions {
        program: stand_in.dir.path().join("no-such-adb"),
        serial: None,
        bit_rate: 1,
    })
    .unwrap_err()
    .to_string();
    assert!(missing.starts_with("adb was not found"), "{missing}");

    // With a serial among several, that phone is used: every command names it.
    stand_in.devices(&format!("{head}{SERIAL} device usb:1\nBBB device usb:2\n"));
    let phone = AdbPhone::open(&AdbOptions {
        program: stand_in.program(),
        serial: Some(SERIAL.into()),
        bit_rate: 1,
    })
    .unwrap();
    assert_eq!(phone.serial(), SERIAL);
    let log = stand_in.log();
    let probe = log.iter().find(|l| l.contains("getprop")).unwrap();
    assert!(
        probe.starts_with(&format!("adb -s {SERIAL} shell getprop 2>&1; echo")),
        "{probe}"
    );
}

#[test]
fn reads_what_the_phone_is_and_can_do() {
    let stand_in = StandIn::new();
    let phone = open(&stand_in).unwrap();
    let summary = phone.summary();
    assert_eq!(summary.manufacturer, "samsung");
    assert_eq!(summary.model, "SM-S936B");
    assert_eq!(summary.android_version, "16");
    assert_eq!(summary.locale.as_deref(), Some("es-ES"));
    assert_eq!(summary.screen, Some((WIDTH, HEIGHT)));
    assert!(summary.capabilities.contains(Capability::ScreenView));
    assert!(summary.capabilities.contains(Capability::RemoteControl));
    assert_eq!(phone.screen_mode(), ScreenMode::H264);
    assert_eq!(phone.frame_size(), SCREEN);

    // Neither screenrecord nor screencap: chat only (diagnostics and logs still work).
    stand_in.shell(
        "ls /system/bin/screenrecord /system/bin/screencap",
        "ls: /system/bin/screenrecord: No such file or directory\nls: /system/bin/screencap: No such file or directory\n",
    );
    let bare = open(&stand_in).unwrap();
    assert!(bare.capabilities().is_chat_only());
    assert!(!bare.capabilities().contains(Capability::RemoteControl));
    assert!(bare.capabilities().contains(Capability::Diagnostics));
    assert_eq!(bare.summary().screen, None);
}

#[test]
fn streams_screenrecord_and_starts_it_again_when_it_ends() {
    let stand_in = StandIn::new();
    stand_in.screenrecord(4);
    // An Android 5–10 screenrecord (v1.2: no way to lift its 180 s limit) "hits its time
    // limit" 0.2 s after writing its stream.
    stand_in.screenrecord_help("v1.2_api21-29");
    stand_in.file("record_secs", b"0.2");
    let mut phone = open(&stand_in).unwrap();
    let wakes = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&wakes);
    phone.set_waker(DeviceWaker::new(move || {
        counter.fetch_add(1, Ordering::Relaxed);
    }));
    phone.set_sharing_indicator(true);
    let got = frames(&mut phone, 8);
    assert!(wakes.load(Ordering::Relaxed) > 0, "frames wake the session");
    for run in got.chunks(4) {
        assert!(run[0].keyframe, "every run starts on a keyframe");
        assert_eq!(&nal_types(&run[0].payload)[..3], [7, 8, 5], "SPS, PPS, IDR");
        assert!(run[1..].iter().all(|f| !f.keyframe));
        assert!(
            run.iter()
                .all(|f| nal_types(&f.payload).contains(&1) || f.keyframe)
        );
    }
    let first = &got[0];
    assert_eq!(first.codec, Codec::H264);
    assert_eq!(
        (first.width, first.height, first.rotation),
        (WIDTH, HEIGHT, Rotation::Deg0)
    );
    assert!(phone.screenrecord_runs() >= 2);
    let log = stand_in.log();
    let runs: Vec<&String> = log
        .iter()
        .filter(|l| l.contains("exec-out screenrecord"))
        .collect();
    assert!(runs.len() >= 2, "{log:#?}");
    assert_eq!(
        runs[0],
        &format!("adb -s {SERIAL} exec-out screenrecord --output-format=h264 --bit-rate 2000000 -")
    );
    phone.set_sharing_indicator(false);
    assert!(
        phone.capture_frame(Duration::ZERO).is_none(),
        "nothing once sharing stops"
    );
}

#[test]
fn a_keyframe_request_restarts_screenrecord() {
    let stand_in = StandIn::new();
    stand_in.screenrecord(3);
    let mut phone = open(&stand_in).unwrap();
    phone.set_sharing_indicator(true);
    let first = frames(&mut phone, 3);
    assert!(first[0].keyframe);
    assert_eq!(phone.screenrecord_runs(), 1, "screenrecord keeps running");
    phone.request_keyframe();
    phone.request_keyframe(); // a second request while one is under way changes nothing
    let again = frames(&mut phone, 3);
    assert!(
        again[0].keyframe,
        "the restarted stream begins with a keyframe"
    );
    assert_eq!(phone.screenrecord_runs(), 2);
    drop(phone);
}

#[test]
fn falls_back_to_screenshots_when_screenrecord_fails() {
    let stand_in = StandIn::new();
    // No screenrecord.h264: the stand-in's screenrecord says "not found" and exits.
    stand_in.screencap([10, 200, 30, 255]);
    let mut phone = open(&stand_in).unwrap();
    assert_eq!(
        phone.screen_mode(),
        ScreenMode::H264,
        "listed, so tried first"
    );
    phone.set_sharing_indicator(true);
    let shot = screenshot(&mut phone, &stand_in, "no H.264 from a failed screenrecord");
    assert_eq!((shot.width(), shot.height()), (WIDTH, HEIGHT));
    assert_eq!(shot.pixel(5, 5), Some([10, 200, 30, 255]));
    assert_eq!(phone.screen_mode(), ScreenMode::Screenshots);
    assert_eq!(phone.frame_size(), SCREEN);
    let log = stand_in.log();
    assert_eq!(
        stand_in.logged("screenrecord --output").len(),
        2,
        "{log:#?}"
    );
    assert!(log.iter().any(|l| l.ends_with("exec-out screencap -p")));
}

#[test]
fn a_phone_with_only_screencap_shares_screenshots() {
    let stand_in = StandIn::new();
    stand_in.shell(
        "ls /system/bin/screenrecord /system/bin/screencap",
        "ls: /system/bin/screenrecord: No such file or directory\n/system/bin/screencap\n",
    );
    stand_in.screencap([1, 2, 3, 255]);
    let mut phone = open(&stand_in).unwrap();
    assert_eq!(phone.screen_mode(), ScreenMode::Screenshots);
    phone.set_sharing_indicator(true);
    stand_in.wait_log("a screenshot", |log| {
        log.iter().any(|l| l.contains("screencap -p"))
    });
    assert!(
        !stand_in
            .log()
            .iter()
            .any(|l| l.contains("screenrecord --output"))
    );
    // Corrupt PNGs three times in a row: the screen is given up, never a panic.
    stand_in.file("screencap.png", b"\x89PNG\r\n\x1a\nnot really");
    let deadline = Instant::now() + Duration::from_secs(10);
    while phone.screen_mode() != ScreenMode::Unavailable {
        let _ = phone.capture_frame(Duration::ZERO);
        assert!(Instant::now() < deadline, "still {:?}", phone.screen_mode());
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn touch(phase: TouchPhase, x: u32, y: u32, ms: u64) -> InputEvent {
    InputEvent::Touch(TouchEvent {
        phase,
        pointer: 0,
        x,
        y,
        frame: SCREEN,
        at_us: ms * 1000,
    })
}

/// What a POSIX shell runs for `line` with `input` replaced by a function that writes its
/// arguments: proves no other command ran and the text arrived whole.
fn run_in_sh(line: &str, dir: &std::path::Path) -> Vec<String> {
    let out = dir.join("input-args");
    let canary = dir.join("canary");
    let _ = std::fs::remove_file(&out);
    let script = format!(
        "input() {{ for a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{}'; }}\nreboot() {{ touch '{}'; }}\nrm() {{ touch '{}'; }}\n{line}\n",
        out.display(),
        canary.display(),
        canary.display()
    );
    let status = Command::new("sh").arg("-c").arg(&script).status().unwrap();
    assert!(status.success(), "{line}");
    assert!(!canary.exists(), "{line} ran a command");
    std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn input_goes_through_one_shell_and_hostile_text_stays_text() {
    let stand_in = StandIn::new();
    let mut phone = open(&stand_in).unwrap();
    let now = Duration::ZERO;
    // A tap, a live drag (SDK 36: motion events), keys.
    for event in [
        touch(TouchPhase::Down, 10, 20, 0),
        touch(TouchPhase::Up, 10, 20, 80),
        touch(TouchPhase::Down, 50, 120, 1000),
        touch(TouchPhase::Move, 50, 80, 1100),
        touch(TouchPhase::Up, 50, 40, 1200),
        InputEvent::Key(KeyEvent {
            key: Key::Back,
            action: KeyAction::Press,
        }),
        InputEvent::Key(KeyEvent {
            key: Key::Recents,
            action: KeyAction::Press,
        }),
    ] {
        phone.inject(&event, now).unwrap();
    }
    let hostile = [
        "; rm -rf /",
        "$(reboot)",
        "`reboot`",
        "it's a \"test\"",
        "a && reboot || rm x | y > /sdcard/z",
        "100% %s done\\",
        "line one\nline two",
    ];
    for text in hostile {
        phone
            .inject(&InputEvent::Text { text: text.into() }, now)
            .unwrap();
    }
    let err = phone
        .inject(
            &InputEvent::Text {
                text: "café ☕".into(),
            },
            now,
        )
        .unwrap_err();
    assert_eq!(
        err,
        InputError::Untypable {
            first: 'é',
            others: 1
        }
    );
    assert!(err.to_string().contains("nothing was typed"));
    // Out of the frame, or aimed at another frame size: dropped before the phone.
    assert!(
        phone
            .inject(&touch(TouchPhase::Down, WIDTH, 5, 0), now)
            .is_err()
    );
    drop(phone); // closes the shell's input: everything sent is logged by then

    let log = stand_in.log();
    let shells: Vec<&String> = log.iter().filter(|l| l.ends_with(" shell")).collect();
    assert_eq!(
        shells,
        [&format!("adb -s {SERIAL} shell")],
        "one long-lived shell"
    );
    let lines: Vec<&str> = log
        .iter()
        .filter_map(|l| l.strip_prefix("stdin: "))
        .collect();
    assert_eq!(
        lines[..7],
        [
            "input motionevent DOWN 10 20",
            "input motionevent UP 10 20",
            "input motionevent DOWN 50 120",
            "input motionevent MOVE 50 80",
            "input motionevent UP 50 40",
            "input keyevent 4",
            "input keyevent 187",
        ]
    );
    assert_eq!(lines[7], r"input text ';%srm%s-rf%s/'");
    assert_eq!(lines[8], "input text '$(reboot)'");
    assert_eq!(lines[9], "input text '`reboot`'");
    assert_eq!(lines[10], r#"input text 'it'\''s%sa%s"test"'"#);
    // Each text line, run by a real shell, types exactly the text and runs nothing else.
    let mut typed = String::new();
    for line in &lines[7..] {
        if let Some(key) = line.strip_prefix("input keyevent ") {
            assert_eq!(key, "66", "Enter between lines");
            typed.push('\n');
            continue;
        }
        let args = run_in_sh(line, stand_in.dir.path());
        assert_eq!(args[0], "text", "{line}");
        assert_eq!(args.len(), 2, "one argument: {line} -> {args:?}");
        typed.push_str(&args[1].replace("%s", " "));
    }
    assert_eq!(typed, hostile.concat());
    assert!(!lines.iter().any(|l| l.contains('é')));
}

#[test]
fn diagnostics_and_logs_from_the_phone() {
    let stand_in = StandIn::new();
    let read = |path: &str| std::fs::read_to_string(data(path)).unwrap();
    answer_diagnostics(&stand_in);
    stand_in.shell(
        "dumpsys package packages | grep -E '^ *(Package \\[|versionName=)'",
        &read("packages/dumpsys_package_settings_excerpt_mediatek_mt8168_android13.txt"),
    );
    // Old toolbox: `ps -A` lists nothing, plain `ps` everything.
    stand_in.shell(
        "ps -A",
        "USER     PID   PPID  VSIZE  RSS     WCHAN    PC        NAME\n",
    );
    stand_in.shell("ps", &read("ps/ps_toolbox_awesome-adb_excerpt_elided.txt"));
    stand_in.file(
        "logcat.txt",
        read("logcat/logcat_threadtime_loghub_android_v1_first300.txt").as_bytes(),
    );
    let mut phone = open(&stand_in).unwrap();
    let report = phone.diagnostics(Duration::ZERO);
    assert_eq!(report.device.model.as_deref(), Some("SM-S936B"));
    assert_eq!(report.battery.level_percent, Some(75));
    assert_eq!(report.memory.total_bytes, Some(3_681_628 * 1024));
    assert_eq!(report.storage.total_bytes, Some(4_192_256 * 1024));
    assert_eq!(
        (report.display.width_px, report.display.height_px),
        (Some(WIDTH), Some(HEIGHT))
    );
    assert_eq!(report.display.density_dpi, Some(600));
    assert_eq!(report.network.wifi_ssid.as_deref(), Some("AndroidWifi"));
    assert_eq!(report.uptime_secs, Some(5000));
    assert_eq!(report.cpu.cores, Some(8));
    assert_eq!(report.apps.len(), 2);
    assert_eq!(report.apps[0].version.as_deref(), Some("13"));
    assert!(report.processes.iter().any(|p| p.pid == 7779));
    let log = stand_in.log();
    assert!(
        log.iter()
            .any(|l| l == &format!("adb -s {SERIAL} shell ps")),
        "{log:#?}"
    );

    let files = phone.logs(Duration::ZERO);
    assert_eq!(files[0].name, "logcat.txt");
    assert_eq!(
        files[0].bytes,
        read("logcat/logcat_threadtime_loghub_android_v1_first300.txt").into_bytes()
    );
    assert!(
        stand_in
            .log()
            .iter()
            .any(|l| l.ends_with("logcat -d -v threadtime -b main,system,crash"))
    );
}

#[test]
fn a_stream_smaller_than_the_display_is_announced_at_its_size_and_touches_scale() {
    let stand_in = StandIn::new();
    // The display is twice the size screenrecord records at.
    stand_in.shell(
        "wm size",
        &format!("Physical size: {}x{}\n", WIDTH * 2, HEIGHT * 2),
    );
    stand_in.shell("dumpsys display", "mCurrentOrientation=0\n");
    stand_in.screenrecord(3);
    let mut phone = open(&stand_in).unwrap();
    assert_eq!(
        phone.frame_size(),
        FrameSize::new(WIDTH * 2, HEIGHT * 2),
        "before a picture"
    );
    phone.set_sharing_indicator(true);
    let got = frames(&mut phone, 2);
    assert_eq!(
        (got[0].width, got[0].height),
        (WIDTH, HEIGHT),
        "from the SPS"
    );
    assert_eq!(phone.frame_size(), SCREEN);
    phone
        .inject(&touch(TouchPhase::Down, 48, 64, 0), Duration::ZERO)
        .unwrap();
    phone
        .inject(&touch(TouchPhase::Up, 48, 64, 50), Duration::ZERO)
        .unwrap();
    drop(phone);
    let log = stand_in.log();
    assert!(
        log.contains(&"stdin: input motionevent DOWN 96 128".to_owned()),
        "{log:#?}"
    );
}
