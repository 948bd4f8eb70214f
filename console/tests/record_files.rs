//! Files received in a recorded session, end to end with a real relay and a phone over QUIC:
//! their content reaches the relay with the record and downloads from the review side
//! (checked, logged). And a spool left behind by a console that stopped before its uploads
//! finished is uploaded by the next one, without duplicating what the relay already had.

// Helpers outside #[test] functions: a failed unwrap is a failed test all the same.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::fake_phone;
use common::relay_rig::{PASSWORD, Proxy, TestRelay, WAIT, technician_lines};
use lifeline_console::net::{
    Command, NetConfig, RecordingConfig, ReviewMailbox, ReviewRequest, ReviewResult, ServerConfig,
    TechnicianClient,
};
use lifeline_console::state::review::{RecordDetails, Recording};
use lifeline_console::state::transcript::Delivery;
use lifeline_protocol::SessionCode;
use lifeline_protocol::messages::video::Codec;
use lifeline_protocol::record::RecordItem;
use sha2::{Digest, Sha256};

/// Recording settings for tests: small chunks, a short wait for the last uploads.
fn recording(spool: &Path) -> RecordingConfig {
    RecordingConfig {
        chunk_every: Duration::from_millis(250),
        flush_timeout: Duration::from_millis(1500),
        ..RecordingConfig::new(spool)
    }
}

fn chat(tech: &mut TechnicianClient, code: SessionCode, text: &str) {
    let id = tech.send_chat(code, text).unwrap();
    tech.wait_until(WAIT, |s| {
        s.session(code).unwrap().transcript.delivery(id) == Some(&Delivery::Delivered)
    })
    .unwrap();
}

/// Sends a review request and waits for its answer.
fn review(tech: &mut TechnicianClient, request: ReviewRequest) -> ReviewResult {
    let mailbox = ReviewMailbox::default();
    tech.commands()
        .send(Command::Review(request, mailbox.clone()))
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < WAIT {
        if let Some(result) = mailbox.drain().into_iter().next() {
            return result;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("no answer in time");
}

fn open(tech: &mut TechnicianClient, id: u64) -> (RecordDetails, Recording) {
    match review(tech, ReviewRequest::Open(id)) {
        ReviewResult::Opened(got, Ok(opened)) if got == id => *opened,
        other => panic!("unexpected answer {other:?}"),
    }
}

/// Whether a spool folder is gone or empty.
fn drained(folder: &Path) -> bool {
    !folder.exists() || std::fs::read_dir(folder).unwrap().next().is_none()
}

#[test]
fn a_received_file_is_kept_with_the_record_and_downloads_checked_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let downloads = dir.path().join("downloads");
    let spool = dir.path().join("spool");
    let mut tech = TechnicianClient::start(NetConfig {
        recording: Some(recording(&spool)),
        ..NetConfig::local(dir.path().join("relay"), &downloads)
    })
    .unwrap();
    tech.wait_signed_in(WAIT).unwrap();
    let entry = tech.create_code(Some("Marie"), WAIT).unwrap();
    let code = entry.code;
    let phone = fake_phone::spawn(entry.deep_link.clone(), Codec::Tiles);
    tech.wait_for_session(code, WAIT).unwrap();
    fake_phone::receive_log(&mut tech, code, WAIT);
    let session_id = tech.session(code).unwrap().session_id.unwrap();
    tech.end_session(code, WAIT).unwrap();
    phone.join().unwrap();

    let log = fake_phone::log_content();
    let sha = hex::encode(Sha256::digest(&log));
    assert!(
        log.len() > lifeline_protocol::record::MAX_FILE_PART_BYTES,
        "the log goes up in more than one part"
    );
    let start = Instant::now();
    let (details, recording) = loop {
        let (details, recording) = open(&mut tech, session_id);
        if details.file(&sha).is_some_and(|f| f.complete) {
            break (details, recording);
        }
        assert!(start.elapsed() < WAIT, "the file never reached the relay");
        std::thread::sleep(Duration::from_millis(100));
    };
    let kept = details.file(&sha).unwrap();
    assert_eq!(kept.name, fake_phone::LOG_NAME);
    assert_eq!(kept.size, log.len() as u64);
    assert!(recording.items.iter().any(|i| matches!(
        &i.item,
        RecordItem::File { name, sha256, .. } if name == fake_phone::LOG_NAME && hex::encode(sha256) == sha
    )));
    assert!(drained(&spool.join(session_id.to_string())));

    // Downloaded from the review side into the session's folder (the live copy is there
    // already, so the name gets a number), whole and checked.
    let folder = downloads.join(format!("session-{}", code.digits()));
    let ReviewResult::FileSaved {
        record_id,
        sha256,
        result,
    } = review(
        &mut tech,
        ReviewRequest::DownloadFile {
            record_id: session_id,
            code: code.digits(),
            name: fake_phone::LOG_NAME.into(),
            sha256: sha.clone(),
        },
    )
    else {
        panic!("expected a saved file");
    };
    assert_eq!((record_id, sha256.as_str()), (session_id, sha.as_str()));
    let saved = result.unwrap();
    assert_eq!(saved, folder.join("logcat (2).txt"));
    assert_eq!(std::fs::read(&saved).unwrap(), log);

    // A file the record does not hold: a clear error, nothing left behind.
    let ReviewResult::FileSaved { result, .. } = review(
        &mut tech,
        ReviewRequest::DownloadFile {
            record_id: session_id,
            code: code.digits(),
            name: "../../escape.txt".into(),
            sha256: "ab".repeat(32),
        },
    ) else {
        panic!("expected an answer about the file");
    };
    let reason = result.unwrap_err();
    assert_eq!(
        reason,
        lifeline_console::state::Problem::NotFound,
        "{reason}"
    );
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["logcat (2).txt", "logcat.txt"]);
    assert!(!downloads.join("escape.txt").exists());

    // The download is in the record's access log, naming the file.
    let (details, _) = open(&mut tech, session_id);
    let downloads_logged: Vec<Option<&str>> = details
        .access_log
        .iter()
        .filter(|a| a.action == "download")
        .map(|a| a.file.as_deref())
        .collect();
    assert!(
        downloads_logged.contains(&Some(fake_phone::LOG_NAME)),
        "{:?}",
        details.access_log
    );
    tech.shutdown(Duration::from_secs(5));
}

#[test]
fn a_spool_left_behind_is_uploaded_by_the_next_console_without_duplicates() {
    let relay = TestRelay::start();
    let proxy = Proxy::start(&relay.runtime, relay.relay().http_addr);
    let dir = tempfile::tempdir().unwrap();
    let spool = dir.path().join("spool");
    let config = || NetConfig {
        server: ServerConfig::Remote {
            url: format!("https://127.0.0.1:{}/", proxy.addr.port())
                .parse()
                .unwrap(),
            fingerprint: Some(relay.relay().fingerprint),
        },
        recording: Some(recording(&spool)),
        ..NetConfig::local(dir.path().join("unused"), dir.path().join("downloads"))
    };

    // A session whose end, and a log file, happen while the relay's API is unreachable;
    // the console then stops with its uploads unfinished.
    let mut tech = TechnicianClient::start(config()).unwrap();
    tech.sign_in("ana", PASSWORD, WAIT).unwrap();
    let entry = tech.create_code(Some("Leftover"), WAIT).unwrap();
    let code = entry.code;
    let phone = fake_phone::spawn(entry.deep_link.clone(), Codec::Tiles);
    tech.wait_for_session(code, WAIT).unwrap();
    chat(&mut tech, code, "before");
    let id = relay.session_id();
    relay.wait_for_line(id, "before");
    proxy.set_up(false);
    for i in 0..3 {
        chat(&mut tech, code, &format!("during {i}"));
        std::thread::sleep(Duration::from_millis(100));
    }
    fake_phone::receive_log(&mut tech, code, WAIT);
    tech.end_session(code, WAIT).unwrap();
    phone.join().unwrap();
    tech.shutdown(Duration::from_secs(5));

    let left = spool.join(id.to_string());
    let waiting: Vec<String> = std::fs::read_dir(&left)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        waiting.iter().filter(|n| n.ends_with(".chunk")).count() >= 2,
        "{waiting:?}"
    );
    assert_eq!(
        waiting.iter().filter(|n| n.ends_with(".file")).count(),
        1,
        "{waiting:?}"
    );
    let (stored_before, _) = relay.recording(id);
    assert!(!stored_before.is_empty());
    // The relay's first chunk is back in the spool too, as when its answer was lost.
    let first = format!("{:010}.chunk", stored_before[0]);
    std::fs::copy(
        relay.relay().store().record_dir(id).join(&first),
        left.join(&first),
    )
    .unwrap();
    let (_, meanwhile) = relay.recording(id);
    assert_eq!(technician_lines(&meanwhile, u64::MAX), ["before"]);
    // And a spooled copy that no longer matches its SHA-256: refused, and dropped.
    let claimed = hex::encode(Sha256::digest(b"the original"));
    std::fs::write(left.join(format!("{claimed}.file")), b"tampered with").unwrap();
    std::fs::write(left.join(format!("{claimed}.name")), "notes.txt").unwrap();

    // The next console, with the relay reachable again, uploads the rest after signing in.
    proxy.set_up(true);
    let mut next = TechnicianClient::start(config()).unwrap();
    next.sign_in("ana", PASSWORD, WAIT).unwrap();
    let store = relay.relay().store().clone();
    let start = Instant::now();
    while !drained(&left) {
        assert!(
            start.elapsed() < WAIT,
            "the spool was not uploaded: {:?}",
            std::fs::read_dir(&left).map(|d| d.count())
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let (seqs, recording) = relay.recording(id);
    assert_eq!(seqs, (0..seqs.len() as u32).collect::<Vec<_>>(), "no holes");
    assert_eq!(
        technician_lines(&recording, u64::MAX),
        ["before", "during 0", "during 1", "during 2"],
        "every line exactly once"
    );
    assert!(
        recording
            .items
            .iter()
            .any(|i| matches!(i.item, RecordItem::Ended { .. })),
        "the end, recorded while unreachable, is there"
    );
    let mut files = relay.runtime.block_on(store.record_files(id)).unwrap();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(files.len(), 2, "{files:?}");
    let tampered = files.pop().unwrap();
    assert_eq!(
        (tampered.name.as_str(), tampered.sha256.as_str()),
        ("notes.txt", claimed.as_str())
    );
    assert!(!tampered.complete, "the relay kept nothing of it");
    assert_eq!(tampered.received, 0);
    assert!(files[0].complete);
    let log = fake_phone::log_content();
    assert_eq!(files[0].sha256, hex::encode(Sha256::digest(&log)));
    let kept = std::fs::read(store.record_file_path(id, &files[0])).unwrap();
    assert_eq!(kept, log);
    next.shutdown(Duration::from_secs(5));
}
