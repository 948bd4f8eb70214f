//! Session records end to end: a real relay, the console's network side recording, a phone
//! over QUIC. Played back, a recording shows exactly the frames the console showed and the
//! chat up to each moment; a console killed mid-session leaves its record up to the last
//! chunk; uploads resume after the connection to the relay drops, without duplicates or
//! holes.

// Helpers outside #[test] functions: a failed unwrap is a failed test all the same.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::BufRead as _;
use std::time::{Duration, Instant};

use common::paced_phone;
use common::relay_rig::{PASSWORD, Proxy, TestRelay, WAIT, technician_lines};
use lifeline_console::net::{
    Command, NetConfig, RecordingConfig, ReviewMailbox, ReviewRequest, ReviewResult, ServerConfig,
    TechnicianClient,
};
use lifeline_console::state::review::{Player, RecordDetails, Recording};
use lifeline_console::state::transcript::Delivery;
use lifeline_protocol::SessionCode;
use lifeline_protocol::consent::Capability;
use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::video::VideoMessage;
use lifeline_protocol::record::RecordItem;

/// Recording settings for tests: small chunks and frequent keyframes.
fn recording(spool: &std::path::Path) -> RecordingConfig {
    RecordingConfig {
        chunk_every: Duration::from_millis(250),
        keyframe_every: Duration::from_millis(700),
        ..RecordingConfig::new(spool)
    }
}

/// Opens a record through the console's review path (which the relay logs).
fn open_record(tech: &mut TechnicianClient, id: u64) -> (RecordDetails, Recording) {
    let mailbox = ReviewMailbox::default();
    tech.commands()
        .send(Command::Review(ReviewRequest::Open(id), mailbox.clone()))
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < WAIT {
        if let Some(result) = mailbox.drain().into_iter().next() {
            match result {
                ReviewResult::Opened(got, Ok(opened)) if got == id => return *opened,
                other => panic!("unexpected answer {other:?}"),
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the record was not opened in time");
}

/// Sends a chat line and waits until the phone acknowledged it (so it is recorded before
/// whatever the test does next).
fn chat(tech: &mut TechnicianClient, code: SessionCode, text: &str) {
    let id = tech.send_chat(code, text).unwrap();
    tech.wait_until(WAIT, |s| {
        s.session(code).unwrap().transcript.delivery(id) == Some(&Delivery::Delivered)
    })
    .unwrap();
}

/// Shows frame `n` on the phone and waits until the console shows exactly it.
fn show(
    tech: &mut TechnicianClient,
    code: SessionCode,
    frames: &tokio::sync::mpsc::Sender<u32>,
    n: u32,
) {
    frames.blocking_send(n).unwrap();
    let expected = paced_phone::frame(n);
    tech.wait_until(WAIT, |s| {
        s.session(code)
            .unwrap()
            .screen
            .snapshot()
            .is_some_and(|img| img == expected)
    })
    .unwrap();
}

#[test]
fn a_recorded_session_plays_back_exactly_what_the_console_showed() {
    let dir = tempfile::tempdir().unwrap();
    let config = NetConfig {
        recording: Some(recording(&dir.path().join("spool"))),
        ..NetConfig::local(dir.path().join("relay"), dir.path().join("downloads"))
    };
    let mut tech = TechnicianClient::start(config).unwrap();
    tech.wait_signed_in(WAIT).unwrap();
    let entry = tech.create_code(Some("Marie's phone"), WAIT).unwrap();
    let code = entry.code;
    let (frames, phone) = paced_phone::start(entry.deep_link.clone());
    tech.wait_for_session(code, WAIT).unwrap();
    tech.request(code, Capability::ScreenView).unwrap();

    const FRAMES: u32 = 14;
    for n in 0..FRAMES {
        show(&mut tech, code, &frames, n);
        if n % 3 == 0 {
            chat(&mut tech, code, &format!("after frame {n}"));
        }
        std::thread::sleep(Duration::from_millis(120));
    }
    let session_id = tech.session(code).unwrap().session_id.unwrap();
    tech.end_session(code, WAIT).unwrap();
    drop(frames);
    phone.join().unwrap();

    let (details, recording) = open_record(&mut tech, session_id);
    assert_eq!(details.row.customer_name, "Marie");
    assert_eq!(details.row.identifier.as_deref(), Some("Marie's phone"));
    let log: Vec<&str> = details
        .access_log
        .iter()
        .map(|a| a.action.as_str())
        .collect();
    assert_eq!(log, ["open"], "the download is logged after the details");
    assert!(recording.missing_chunks.is_empty());

    // Every frame as received, in order, with keyframes asked for while recording.
    let frame_times: Vec<(u64, u64)> = recording
        .video
        .iter()
        .filter_map(|v| match &v.message {
            VideoMessage::Frame(f) => Some((v.at_us, f.sequence)),
            VideoMessage::StreamStart(_) => None,
        })
        .collect();
    assert_eq!(frame_times.len(), FRAMES as usize);
    assert!(
        frame_times
            .iter()
            .enumerate()
            .all(|(i, (_, seq))| *seq == i as u64)
    );
    assert!(
        recording.sync_points.len() >= 3,
        "the stream start, the first keyframe and at least one asked for: {:?}",
        recording.sync_points
    );

    // Seek anywhere: exactly the frame shown then, and the chat up to then.
    let mut player = Player::new(recording.clone());
    let order = [9, 2, 13, 0, 7, 8, 1, 12, 4, 11, 3, 10, 5, 6];
    for n in order {
        let (at, _) = frame_times[n];
        let next = frame_times
            .get(n + 1)
            .map_or(recording.duration_us, |f| f.0);
        for moment in [at, (at + next) / 2] {
            player.seek(moment);
            assert_eq!(
                player.frame().unwrap(),
                &paced_phone::frame(n as u32),
                "frame {n} at {moment} µs"
            );
        }
        let expected: Vec<String> = (0..n as u32)
            .filter(|k| k % 3 == 0)
            .map(|k| format!("after frame {k}"))
            .collect();
        assert_eq!(
            technician_lines(&recording, at),
            expected,
            "chat at frame {n}"
        );
    }
    // Before the first frame there is no screen.
    player.seek(frame_times[0].0.saturating_sub(1));
    assert!(player.frame().is_none());

    // The events: code, join with the device, consent, the end by the technician.
    let items: Vec<&RecordItem> = recording.items.iter().map(|i| &i.item).collect();
    assert!(
        matches!(items[0], RecordItem::CodeCreated { identifier: Some(id), .. } if id == "Marie's phone")
    );
    assert!(items.iter().any(
        |i| matches!(i, RecordItem::Joined { device: Some(d), .. } if d.model == "Paced S25")
    ));
    assert!(items.contains(&&RecordItem::ConsentAsked(Capability::ScreenView)));
    assert!(items.contains(&&RecordItem::ConsentGranted {
        capability: Capability::ScreenView,
        by_policy: false
    }));
    let ends: Vec<_> = items
        .iter()
        .filter(|i| matches!(i, RecordItem::Ended { .. }))
        .collect();
    assert_eq!(ends.len(), 1, "{ends:?}");
    assert!(matches!(
        ends[0],
        RecordItem::Ended {
            by: Some(Party::Technician),
            ..
        }
    ));
    // Nothing waits in the spool.
    let spooled = dir.path().join("spool").join(session_id.to_string());
    assert!(!spooled.exists() || std::fs::read_dir(&spooled).unwrap().next().is_none());
    // The second opening shows the first one's download.
    let (details, _) = open_record(&mut tech, session_id);
    let log: Vec<&str> = details
        .access_log
        .iter()
        .map(|a| a.action.as_str())
        .collect();
    assert_eq!(log, ["open", "download", "open"]);
    tech.shutdown(Duration::from_secs(5));
}

const CHILD_ENV: &str = "LIFELINE_RECORDS_CRASH_CHILD";

/// The console that gets killed: run only as the child of
/// `a_killed_console_leaves_its_record_up_to_the_last_chunk`.
#[test]
#[ignore = "the crash test runs it as a child process"]
fn crash_child() {
    let Ok(params) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut parts = params.split('|');
    let (url, fingerprint, spool) = (
        parts.next().unwrap().parse().unwrap(),
        parts.next().unwrap().parse().unwrap(),
        std::path::PathBuf::from(parts.next().unwrap()),
    );
    let mut tech = TechnicianClient::start(NetConfig {
        server: ServerConfig::Remote {
            url,
            fingerprint: Some(fingerprint),
        },
        recording: Some(recording(&spool)),
        ..NetConfig::local(spool.join("unused"), spool.join("downloads"))
    })
    .unwrap();
    tech.sign_in("ana", PASSWORD, WAIT).unwrap();
    let entry = tech.create_code(Some("Crash"), WAIT).unwrap();
    println!("LINK {}", entry.deep_link);
    tech.wait_for_session(entry.code, WAIT).unwrap();
    tech.request(entry.code, Capability::ScreenView).unwrap();
    for i in 0.. {
        chat(&mut tech, entry.code, &format!("line {i}"));
        std::thread::sleep(Duration::from_millis(40));
    }
}

#[test]
fn a_killed_console_leaves_its_record_up_to_the_last_chunk() {
    let relay = TestRelay::start();
    let spool = tempfile::tempdir().unwrap();
    let params = format!(
        "{}|{}|{}",
        relay.relay().public_url,
        relay.relay().fingerprint,
        spool.path().display()
    );
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "crash_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, params)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let link = stdout
        .lines()
        .map(Result::unwrap)
        // The test harness may print on the same line before it.
        .find_map(|line| {
            line.split_once("LINK ")
                .map(|(_, link)| link.trim().to_owned())
        })
        .expect("the console printed its code's link");
    let (frames, _phone) = paced_phone::start(link);
    for n in 0..3 {
        frames.blocking_send(n).unwrap();
    }
    let id = relay.session_id();
    relay.wait_for_line(id, "line 12");
    // Killed: no session end, no last flush.
    child.kill().unwrap();
    child.wait().unwrap();
    std::thread::sleep(Duration::from_millis(300));

    let (seqs, recording) = relay.recording(id);
    assert_eq!(seqs, (0..seqs.len() as u32).collect::<Vec<_>>(), "no holes");
    let lines = technician_lines(&recording, u64::MAX);
    assert!(lines.len() >= 13, "{lines:?}");
    let expected: Vec<String> = (0..lines.len()).map(|i| format!("line {i}")).collect();
    assert_eq!(
        lines, expected,
        "every line up to the last chunk, once, in order"
    );
    assert!(recording.video.len() >= 2, "the stream start and frames");
    assert!(
        !recording
            .items
            .iter()
            .any(|i| matches!(i.item, RecordItem::Ended { .. })),
        "a killed console records no end"
    );
    drop(frames);
}

#[test]
fn uploads_resume_after_the_relay_is_unreachable_without_duplicates_or_holes() {
    let relay = TestRelay::start();
    let proxy = Proxy::start(&relay.runtime, relay.relay().http_addr);
    let dir = tempfile::tempdir().unwrap();
    let spool = dir.path().join("spool");
    let mut tech = TechnicianClient::start(NetConfig {
        server: ServerConfig::Remote {
            url: format!("https://127.0.0.1:{}/", proxy.addr.port())
                .parse()
                .unwrap(),
            fingerprint: Some(relay.relay().fingerprint),
        },
        recording: Some(recording(&spool)),
        ..NetConfig::local(dir.path().join("unused"), dir.path().join("downloads"))
    })
    .unwrap();
    tech.sign_in("ana", PASSWORD, WAIT).unwrap();
    let entry = tech.create_code(Some("Resume"), WAIT).unwrap();
    let code = entry.code;
    let (frames, phone) = paced_phone::start(entry.deep_link.clone());
    tech.wait_for_session(code, WAIT).unwrap();
    tech.request(code, Capability::ScreenView).unwrap();
    show(&mut tech, code, &frames, 0);
    chat(&mut tech, code, "before");
    let id = relay.session_id();
    relay.wait_for_line(id, "before");

    // The relay becomes unreachable; the session goes on (QUIC does not pass the proxy).
    proxy.set_up(false);
    for i in 0..5 {
        show(&mut tech, code, &frames, i + 1);
        chat(&mut tech, code, &format!("during {i}"));
        std::thread::sleep(Duration::from_millis(150));
    }
    std::thread::sleep(Duration::from_millis(500));
    let (_, meanwhile) = relay.recording(id);
    assert!(
        !technician_lines(&meanwhile, u64::MAX)
            .iter()
            .any(|l| l.starts_with("during")),
        "nothing got through while the relay was unreachable"
    );
    let waiting = std::fs::read_dir(spool.join(id.to_string()))
        .unwrap()
        .count();
    assert!(waiting >= 2, "{waiting} chunks wait in the spool");

    // Back: the uploader asks what the relay has and sends the rest.
    proxy.set_up(true);
    relay.wait_for_line(id, "during 4");
    chat(&mut tech, code, "after");
    tech.end_session(code, WAIT).unwrap();
    drop(frames);
    phone.join().unwrap();

    let (seqs, recording) = relay.recording(id);
    assert_eq!(seqs, (0..seqs.len() as u32).collect::<Vec<_>>(), "no holes");
    assert_eq!(
        technician_lines(&recording, u64::MAX),
        [
            "before", "during 0", "during 1", "during 2", "during 3", "during 4", "after"
        ],
        "every line exactly once"
    );
    let frames_seen: Vec<u64> = recording
        .video
        .iter()
        .filter_map(|v| match &v.message {
            VideoMessage::Frame(f) => Some(f.sequence),
            VideoMessage::StreamStart(_) => None,
        })
        .collect();
    assert_eq!(frames_seen, (0..6).collect::<Vec<_>>());
    assert!(
        recording
            .items
            .iter()
            .any(|i| matches!(i.item, RecordItem::Ended { .. }))
    );
    let left = spool.join(id.to_string());
    assert!(!left.exists() || std::fs::read_dir(&left).unwrap().next().is_none());
    tech.shutdown(Duration::from_secs(5));
}
