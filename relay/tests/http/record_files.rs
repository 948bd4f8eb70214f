//! Files received in a session, kept with its record: declared, uploaded in parts (resumed
//! where the relay got to), checked against their SHA-256, downloaded with a log entry,
//! refused with clear errors when malformed, oversized or not the caller's.

use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::record::{MAX_FILE_PART_BYTES, MAX_RECORD_FILE_BYTES};
use lifeline_relay::store::UserRole;
use reqwest::{Method, StatusCode};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::common::{Reply, TestRelay, reply};
use crate::sessions::recorded_session;

/// Deterministic content that does not compress to nothing.
pub(crate) fn content(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

pub(crate) fn sha_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

pub(crate) async fn declare(
    t: &TestRelay,
    token: &str,
    session: i64,
    sha: &str,
    name: &str,
    size: u64,
) -> Reply {
    t.call(
        Method::PUT,
        &format!("/api/records/{session}/files/{sha}"),
        Some(token),
        Some(json!({"name": name, "size": size})),
    )
    .await
}

pub(crate) async fn part(
    t: &TestRelay,
    token: &str,
    session: i64,
    sha: &str,
    offset: u64,
    bytes: &[u8],
) -> Reply {
    let response = t
        .client
        .put(t.url(&format!(
            "/api/records/{session}/files/{sha}/content?offset={offset}"
        )))
        .bearer_auth(token)
        .body(bytes.to_vec())
        .send()
        .await
        .unwrap();
    reply(response).await
}

/// Declares and uploads a whole file in parts.
pub(crate) async fn upload(t: &TestRelay, token: &str, session: i64, name: &str, bytes: &[u8]) {
    let sha = sha_hex(bytes);
    let declared = declare(t, token, session, &sha, name, bytes.len() as u64).await;
    assert!(declared.status.is_success(), "{}", declared.body);
    let mut offset = 0;
    for piece in bytes.chunks(MAX_FILE_PART_BYTES) {
        let sent = part(t, token, session, &sha, offset, piece).await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        offset += piece.len() as u64;
    }
}

async fn download(t: &TestRelay, token: &str, session: i64, sha: &str) -> (StatusCode, Vec<u8>) {
    t.bytes(&format!("/api/records/{session}/files/{sha}"), token)
        .await
}

#[tokio::test]
async fn a_file_is_uploaded_in_parts_resumed_checked_and_downloaded_with_a_log_entry() {
    let t = TestRelay::start().await;
    let amy = t.user("amy", UserRole::Technician).await;
    let lead = t.user("lea", UserRole::Lead).await;
    let (session, _) = recorded_session(t.store(), "amy", UnixMillis(t.now())).await;
    let log = content(MAX_FILE_PART_BYTES + 1000, 7);
    let sha = sha_hex(&log);
    let size = log.len() as u64;

    let first = declare(&t, &amy, session, &sha, "logcat.txt", size).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert_eq!(first.body["received"], 0);
    assert_eq!(first.body["complete"], false);
    let (head, tail) = log.split_at(MAX_FILE_PART_BYTES);
    let sent = part(&t, &amy, session, &sha, 0, head).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(sent.body["received"], MAX_FILE_PART_BYTES);

    // The answer was lost: the same part again is refused and says where the upload is,
    // and declaring again (as a resuming console does) says so too.
    let again = part(&t, &amy, session, &sha, 0, head).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(
        again
            .error()
            .contains(&format!("at byte {MAX_FILE_PART_BYTES}")),
        "{}",
        again.error()
    );
    let resumed = declare(&t, &amy, session, &sha, "logcat.txt", size).await;
    assert_eq!(resumed.status, StatusCode::OK);
    assert_eq!(resumed.body["received"], MAX_FILE_PART_BYTES);
    // Not downloadable before it is complete.
    let (status, _) = download(&t, &lead, session, &sha).await;
    assert_eq!(status, StatusCode::CONFLICT);

    let last = part(&t, &amy, session, &sha, MAX_FILE_PART_BYTES as u64, tail).await;
    assert_eq!(last.status, StatusCode::OK, "{}", last.body);
    assert_eq!(last.body["complete"], true);
    assert_eq!(last.body["received"], size);
    // A part sent again after completion changes nothing.
    let late = part(&t, &amy, session, &sha, MAX_FILE_PART_BYTES as u64, tail).await;
    assert_eq!(late.status, StatusCode::OK);
    assert_eq!(late.body["complete"], true);

    // The lead downloads it, byte for byte; the record lists it and logs the download.
    let (status, bytes) = download(&t, &lead, session, &sha).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes.len(), log.len());
    assert_eq!(sha_hex(&bytes), sha);
    let record = t.get(&format!("/api/records/{session}"), &lead).await;
    let files = record.body["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["name"], "logcat.txt");
    assert_eq!(files[0]["sha256"], sha.as_str());
    assert_eq!(files[0]["size"], size);
    assert_eq!(files[0]["complete"], true);
    let access: Vec<(String, String, Option<String>)> = record.body["access_log"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["user"].as_str().unwrap().into(),
                a["action"].as_str().unwrap().into(),
                a["file"].as_str().map(str::to_owned),
            )
        })
        .collect();
    assert_eq!(
        access,
        [
            ("lea".into(), "download".into(), Some("logcat.txt".into())),
            ("lea".into(), "open".into(), None),
        ]
    );
    // The refused download while incomplete was not logged.
    assert_eq!(access.len(), 2);
    let listed = t.get(&format!("/api/records/{session}/files"), &amy).await;
    assert_eq!(listed.body.as_array().unwrap().len(), 1);
    // The relay keeps it in its data dir next to the recording.
    let stored = t
        .store()
        .record_dir(session)
        .join("files")
        .join(format!("{sha}.file"));
    assert_eq!(std::fs::read(stored).unwrap(), log);
}

#[tokio::test]
async fn bad_file_uploads_are_refused_and_what_is_stored_stays() {
    let t = TestRelay::start().await;
    let amy = t.user("amy", UserRole::Technician).await;
    let ben = t.user("ben", UserRole::Technician).await;
    let lead = t.user("lea", UserRole::Lead).await;
    let (session, _) = recorded_session(t.store(), "amy", UnixMillis(t.now())).await;
    let good = content(3000, 1);
    let good_sha = sha_hex(&good);
    upload(&t, &amy, session, "good.log", &good).await;

    // Over the size a record keeps: 413 with the limit.
    let huge = declare(
        &t,
        &amy,
        session,
        &"ab".repeat(32),
        "huge.bin",
        MAX_RECORD_FILE_BYTES + 1,
    )
    .await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(huge.error().contains(&MAX_RECORD_FILE_BYTES.to_string()));
    // A part over the part limit: 413.
    let other = content(MAX_FILE_PART_BYTES + 10, 2);
    let other_sha = sha_hex(&other);
    let declared = declare(
        &t,
        &amy,
        session,
        &other_sha,
        "other.log",
        other.len() as u64,
    )
    .await;
    assert_eq!(declared.status, StatusCode::CREATED);
    let big = part(&t, &amy, session, &other_sha, 0, &other).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", big.body);
    // Bytes past the declared size: 400.
    let small = content(100, 3);
    let small_sha = sha_hex(&small);
    declare(&t, &amy, session, &small_sha, "small.log", 100).await;
    let past = part(&t, &amy, session, &small_sha, 0, &[0; 101]).await;
    assert_eq!(past.status, StatusCode::BAD_REQUEST);
    assert!(past.error().contains("past the file's declared 100 bytes"));
    // Content that does not hash to the declared SHA-256: 400, and the upload starts over.
    let wrong = part(&t, &amy, session, &small_sha, 0, &[9; 100]).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(
        wrong.error().contains("do not match its SHA-256"),
        "{}",
        wrong.error()
    );
    let state = declare(&t, &amy, session, &small_sha, "small.log", 100).await;
    assert_eq!(state.body["received"], 0);
    assert_eq!(
        part(&t, &amy, session, &small_sha, 0, &small).await.body["complete"],
        true
    );
    // Declared again with another size: 409. A malformed SHA-256, a missing name, an
    // undeclared file, a bad offset: 400 / 404.
    let resized = declare(&t, &amy, session, &good_sha, "good.log", 5).await;
    assert_eq!(resized.status, StatusCode::CONFLICT);
    for sha in ["xyz", "abcd", &"g".repeat(64)] {
        let bad = declare(&t, &amy, session, sha, "a.log", 1).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{sha}");
        assert!(bad.error().contains("SHA-256"));
    }
    let nameless = declare(&t, &amy, session, &"cd".repeat(32), "", 1).await;
    assert_eq!(nameless.status, StatusCode::BAD_REQUEST);
    let control = declare(&t, &amy, session, &"cd".repeat(32), "a\u{7}b", 1).await;
    assert_eq!(control.status, StatusCode::BAD_REQUEST);
    let undeclared = part(&t, &amy, session, &"ef".repeat(32), 0, b"x").await;
    assert_eq!(undeclared.status, StatusCode::NOT_FOUND);
    let response = t
        .client
        .put(t.url(&format!(
            "/api/records/{session}/files/{small_sha}/content?offset=minus"
        )))
        .bearer_auth(&amy)
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (status, _) = download(&t, &lead, session, &"ef".repeat(32)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // An empty file is complete once declared, if its SHA-256 is that of no bytes.
    let empty = declare(&t, &amy, session, &sha_hex(b""), "empty.log", 0).await;
    assert_eq!(empty.status, StatusCode::CREATED, "{}", empty.body);
    assert_eq!(empty.body["complete"], true);
    let (status, bytes) = download(&t, &lead, session, &sha_hex(b"")).await;
    assert_eq!((status, bytes.len()), (StatusCode::OK, 0));
    let not_empty = declare(&t, &amy, session, &"12".repeat(32), "zero.log", 0).await;
    assert_eq!(not_empty.status, StatusCode::BAD_REQUEST);

    // Roles: another technician neither lists, downloads nor uploads; a lead does not
    // upload into someone's record.
    for path in [
        format!("/api/records/{session}/files"),
        format!("/api/records/{session}/files/{good_sha}"),
    ] {
        let refused = t.get(&path, &ben).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path}");
    }
    let theirs = declare(&t, &ben, session, &good_sha, "good.log", 3000).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    let led = part(&t, &lead, session, &other_sha, 0, b"x").await;
    assert_eq!(led.status, StatusCode::FORBIDDEN);

    // Through all of that the complete file stayed whole, and nothing refused was logged.
    let (status, bytes) = download(&t, &lead, session, &good_sha).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes, good);
    let record = t.get(&format!("/api/records/{session}"), &amy).await;
    let files: Vec<(&str, bool)> = record.body["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap(),
                f["complete"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            ("good.log", true),
            ("other.log", false),
            ("small.log", true),
            ("empty.log", true)
        ]
    );
    let downloads = record.body["access_log"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["action"] == "download")
        .count();
    assert_eq!(downloads, 2, "the empty file's and the good one's");
}
