//! What the relay keeps of a finished session, checked through its HTTP API.

use lifeline_protocol::SessionCode;
use lifeline_protocol::record::{RecordItem, RecordReader};
use lifeline_tests::rig::{RigRelay, WAIT, event_kinds};
use serde_json::Value;

/// What a finished session's record must say.
pub(crate) struct Expected<'a> {
    pub technician: &'a str,
    pub customer: &'a str,
    pub identifier: Option<&'a str>,
    pub portal: &'a str,
    /// Who the record says ended it: any of these.
    pub ended_by: &'a [&'a str],
    /// At least this many bytes came from the phone (screen, files).
    pub min_customer_bytes: u64,
}

/// Asks `check` every 50 ms until it gives `Ok`; after [`WAIT`], fails with the last
/// `Err`, which says what is still missing.
fn poll<T>(mut check: impl FnMut() -> Result<T, String>) -> T {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        match check() {
            Ok(done) => return done,
            Err(missing) => assert!(std::time::Instant::now() < deadline, "{missing}"),
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Waits until the relay closed the record of `code`, and returns it.
pub(crate) fn closed_record(relay: &RigRelay, code: SessionCode) -> Value {
    poll(|| {
        let record = relay.session_record(code);
        if record["ended_at"].is_null() {
            Err(format!("the record stays open: {record}"))
        } else {
            Ok(record)
        }
    })
}

/// Checks everything the relay keeps of the session on `code`; the record's id.
pub(crate) fn assert_record(relay: &RigRelay, code: SessionCode, expected: &Expected<'_>) -> i64 {
    let record = closed_record(relay, code);
    assert_eq!(record["code"], code.digits(), "{record}");
    assert_eq!(record["technician"]["name"], expected.technician);
    assert_eq!(record["customer_name"], expected.customer);
    assert_eq!(
        record["identifier"].as_str(),
        expected.identifier,
        "{record}"
    );
    assert_eq!(record["portal"], expected.portal);
    let ended_by = record["ended_by"].as_str().unwrap_or_default();
    assert!(expected.ended_by.contains(&ended_by), "{record}");
    assert!(
        record["device"]["model"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{record}"
    );
    let from_customer = record["bytes_from_customer"].as_u64().unwrap_or(0);
    assert!(
        from_customer >= expected.min_customer_bytes,
        "{from_customer} bytes from the phone, expected at least {}",
        expected.min_customer_bytes
    );
    assert!(record["bytes_from_technician"].as_u64().unwrap_or(0) > 0);
    let kinds = event_kinds(&record);
    assert_eq!(
        kinds.first().map(String::as_str),
        Some("joined"),
        "{kinds:?}"
    );
    assert_eq!(kinds.last().map(String::as_str), Some("ended"), "{kinds:?}");

    // The console's recording reached the relay: chunks numbered 0, 1, 2… without a gap,
    // each with its checksum (they are uploaded at most 5 s apart and flushed at the end).
    let id = record["id"].as_i64().expect("a session id");
    let chunks = poll(|| {
        let (status, chunks) = relay.api_get(&format!("/api/records/{id}/chunks"));
        assert_eq!(status, 200, "{chunks}");
        match chunks.as_array() {
            Some(chunks) if !chunks.is_empty() => Ok(chunks.clone()),
            _ => Err(format!("no recording on the relay for session {id}")),
        }
    });
    for (expected_seq, chunk) in chunks.iter().enumerate() {
        assert_eq!(
            chunk["seq"].as_u64(),
            Some(expected_seq as u64),
            "{chunks:?}"
        );
        assert_eq!(chunk["sha256"].as_str().map(str::len), Some(64), "{chunk}");
    }
    id
}

/// The entries of record `id`'s whole recording, downloaded and read as a reviewer would.
pub(crate) fn recording(relay: &RigRelay, id: i64) -> Vec<RecordItem> {
    let (status, bytes) = relay.api_get_bytes(&format!("/api/records/{id}/recording"));
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    RecordReader::read(&bytes)
        .unwrap_or_else(|e| panic!("the recording of {id} does not read: {e}"))
        .into_iter()
        .flat_map(|chunk| chunk.entries)
        .map(|entry| entry.item)
        .collect()
}

/// The content of `sha256` (hex) in record `id`, once the console's upload of it is
/// complete.
pub(crate) fn record_file(relay: &RigRelay, id: i64, sha256: &str) -> Vec<u8> {
    poll(|| {
        let (status, files) = relay.api_get(&format!("/api/records/{id}/files"));
        assert_eq!(status, 200, "{files}");
        let complete = files
            .as_array()
            .into_iter()
            .flatten()
            .any(|f| f["sha256"] == sha256 && f["complete"] == true);
        if complete {
            Ok(())
        } else {
            Err(format!(
                "file {sha256} never completed in record {id}: {files}"
            ))
        }
    });
    let (status, bytes) = relay.api_get_bytes(&format!("/api/records/{id}/files/{sha256}"));
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    bytes
}
