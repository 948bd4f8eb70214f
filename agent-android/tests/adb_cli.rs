//! `lifeline-agent join --device adb` — the real binary, with the stand-in `adb` first on its
//! `PATH` serving a real H.264 stream — against a real relay on loopback: the technician gets
//! `StreamStart { codec: H264 }` and the frames, a keyframe request restarts `screenrecord`, a
//! turned screen starts a new stream at the turned size, and taps and text reach the phone's
//! input shell. And one clear line for each way the phone cannot be reached.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod adb_stand_in;
mod net;

use std::process::Stdio;

use adb_stand_in::{HEIGHT, StandIn, WIDTH};
use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::control::ControlMessage;
use lifeline_protocol::messages::input::{FrameSize, InputEvent, TouchEvent, TouchPhase};
use lifeline_protocol::messages::video::{Codec, Rotation};
use net::{TechEvent, Technician, TestRelay, granted, within};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

const AGENT: &str = env!("CARGO_BIN_EXE_lifeline-agent");

/// `PATH` with the stand-in's directory first.
fn path_with(stand_in: &StandIn) -> String {
    format!(
        "{}:{}",
        stand_in.bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_over_adb_streams_h264_to_the_technician_and_takes_input() {
    let stand_in = StandIn::new();
    stand_in.screenrecord(5);
    let relay = TestRelay::start().await;
    let (code, admission) = relay.waiting_technician("alice").await;
    let paired = tokio::spawn(admission.paired());
    let link = relay.deep_link(code);
    let mut agent = Command::new(AGENT)
        .args([
            "join",
            &link,
            "--name",
            "Marie",
            "--device",
            "adb",
            "--approve",
            "all",
            // The stand-in phone's locale is Spanish; this test reads the English lines.
            "--lang",
            "en",
        ])
        .env("PATH", path_with(&stand_in))
        .env_remove("ADB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let stdout = agent.stdout.take().unwrap();
    let (lines_tx, mut lines) = tokio::sync::mpsc::channel(256);
    tokio::spawn(async move {
        let mut reader = BufReader::new(stdout).lines();
        while let Ok(Some(line)) = reader.next_line().await {
            let _ = lines_tx.send(line).await;
        }
    });
    let mut tech = Technician::open(within("paired", paired).await.unwrap().unwrap()).await;
    within("connected line", async {
        while let Some(line) = lines.recv().await {
            if line.contains("Connected to alice") {
                return;
            }
        }
        panic!("the agent's output ended");
    })
    .await;

    let start = tech.see_screen().await;
    assert_eq!(start.codec, Codec::H264);
    assert_eq!((start.width, start.height), (WIDTH, HEIGHT));
    let mut keyframes = Vec::new();
    while keyframes.len() < 5 {
        let keyframe = tech
            .wait_for("frames", |e| match e {
                TechEvent::Frame { keyframe, .. } => Some(*keyframe),
                _ => None,
            })
            .await;
        keyframes.push(keyframe);
    }
    assert_eq!(keyframes, [true, false, false, false, false]);

    // A keyframe request: screenrecord starts again, and a keyframe follows.
    tech.send(ControlMessage::KeyframeRequest).await;
    tech.wait_for("a keyframe after the request", |e| match e {
        TechEvent::Frame { keyframe: true, .. } => Some(()),
        _ => None,
    })
    .await;
    let runs = stand_in
        .logged("exec-out screenrecord --output-format=h264")
        .len();
    assert_eq!(runs, 2);

    // The phone turns while shared: a new stream at the turned size, from a third run.
    stand_in.screenrecord_sized(HEIGHT, WIDTH, 3);
    stand_in.screen(WIDTH, HEIGHT, 1);
    let turned = tech
        .wait_for("a stream start at the turned size", |e| match e {
            TechEvent::Start(start) if start.rotation == Rotation::Deg90 => Some(*start),
            _ => None,
        })
        .await;
    assert_eq!(
        (turned.codec, turned.width, turned.height),
        (Codec::H264, HEIGHT, WIDTH)
    );
    tech.wait_for("a keyframe of the turned stream", |e| match e {
        TechEvent::Frame { keyframe: true, .. } => Some(()),
        _ => None,
    })
    .await;
    let runs = stand_in
        .logged("exec-out screenrecord --output-format=h264")
        .len();
    assert_eq!(runs, 3);

    tech.send(ControlMessage::ConsentRequest {
        capability: Capability::RemoteControl,
    })
    .await;
    assert!(
        tech.control("control granted", granted(Capability::RemoteControl))
            .await
    );
    let frame = FrameSize::new(HEIGHT, WIDTH);
    for (phase, at_us) in [(TouchPhase::Down, 0), (TouchPhase::Up, 50_000)] {
        tech.input(InputEvent::Touch(TouchEvent {
            phase,
            pointer: 0,
            x: 48,
            y: 64,
            frame,
            at_us,
        }))
        .await;
    }
    tech.input(InputEvent::Text {
        text: "$(reboot); it's".into(),
    })
    .await;
    stand_in.wait_log("input lines", |log| {
        log.iter()
            .any(|l| l == r"stdin: input text '$(reboot);%sit'\''s'")
    });
    let log = stand_in.log();
    assert!(
        log.contains(&"stdin: input motionevent DOWN 48 64".to_owned()),
        "{log:#?}"
    );
    assert!(log.contains(&"stdin: input motionevent UP 48 64".to_owned()));

    tech.end().await;
    let status = within("agent exits", agent.wait()).await.unwrap();
    assert!(status.success(), "{status}");
    relay.relay.shutdown().await;
}

/// Runs the agent with `--device adb` and the stand-in listing `devices`: status and stderr.
async fn join_with(stand_in: Option<&StandIn>, device: &str) -> (bool, String) {
    let path = match stand_in {
        Some(stand_in) => path_with(stand_in),
        // A PATH with no adb on it.
        None => "/nonexistent".to_owned(),
    };
    let output = within(
        "agent run",
        Command::new(AGENT)
            .args([
                "join",
                &format!(
                    "lifeline://join/123456789?relay=127.0.0.1:9&fp={}",
                    "ab".repeat(32)
                ),
                "--name",
                "Marie",
                "--device",
                device,
            ])
            .env("PATH", path)
            .env_remove("ADB")
            .stdin(Stdio::null())
            .kill_on_drop(true)
            .output(),
    )
    .await
    .unwrap();
    (
        output.status.success(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[tokio::test]
async fn each_way_the_phone_cannot_be_reached_is_one_line() {
    let (ok, stderr) = join_with(None, "adb").await;
    assert!(!ok);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("lifeline-agent: adb was not found (`adb` is not on PATH)"),
        "{stderr}"
    );

    let stand_in = StandIn::new();
    let cases = [
        (
            "List of devices attached\n\n",
            "adb",
            "no phone is attached over adb",
        ),
        (
            "List of devices attached\nAAA device usb:1\nBBB device usb:2\n",
            "adb",
            "several phones are attached (AAA, BBB); choose one with --device adb:SERIAL",
        ),
        (
            "List of devices attached\nAAA unauthorized usb:1\n",
            "adb",
            "the phone AAA has not authorized this computer",
        ),
        (
            "List of devices attached\nAAA offline\n",
            "adb",
            "the phone AAA is offline",
        ),
        (
            "List of devices attached\nAAA device usb:1\n",
            "adb:ZZZ",
            "no phone with serial ZZZ is attached (attached: AAA)",
        ),
    ];
    for (listing, device, message) in cases {
        stand_in.devices(listing);
        let (ok, stderr) = join_with(Some(&stand_in), device).await;
        assert!(!ok, "{device}: {listing}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with(&format!("lifeline-agent: {message}")),
            "{stderr}"
        );
    }
}
