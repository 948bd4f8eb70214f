//! Files received in a recorded session, end to end with a real relay and a phone over QUIC:
//! their content reaches the relay with the record and downloads from the review side
//! (checked, logged).

// Helpers outside #[test] functions: a failed unwrap is a failed test all the same.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use common::fake_phone;
use common::relay_rig::WAIT;
use lifeline_console::net::{
    Command, NetConfig, RecordingConfig, ReviewMailbox, ReviewRequest, ReviewResult,
    TechnicianClient,
};
use lifeline_console::state::review::{RecordDetails, Recording};
use lifeline_console::state::transfers::TransferStatus;
use lifeline_protocol::SessionCode;
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

/// The fake phone on a runtime of its own.
fn phone(link: String) -> JoinHandle<fake_phone::PhoneLog> {
    std::thread::Builder::new()
        .name("fake-phone".into())
        .spawn(move || {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap()
                .block_on(fake_phone::run(link))
        })
        .unwrap()
}

/// Asks the phone for its logs and waits until the console saved the file.
fn receive_log(tech: &mut TechnicianClient, code: SessionCode) {
    tech.request_logs(code).unwrap();
    tech.wait_until(WAIT, |s| {
        s.session(code).unwrap().transfers.files().iter().any(|f| {
            matches!(
                f.status,
                TransferStatus::Saved(_) | TransferStatus::Failed(_)
            )
        })
    })
    .unwrap();
    let file = tech.session(code).unwrap().transfers.files()[0].clone();
    assert!(
        matches!(file.status, TransferStatus::Saved(_)),
        "{:?}",
        file.status
    );
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
    let phone = phone(entry.deep_link.clone());
    tech.wait_for_session(code, WAIT).unwrap();
    receive_log(&mut tech, code);
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
    assert!(reason.contains("no such file"), "{reason}");
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
