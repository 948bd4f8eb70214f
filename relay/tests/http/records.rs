//! Session records: chunk uploads (idempotent, refused when malformed or oversized), role
//! checks with the access log, search, wrap-up, retention.

use std::time::Duration;

use lifeline_protocol::messages::control::{ChatId, ChatMessage};
use lifeline_protocol::messages::video::{VideoFrame, VideoMessage};
use lifeline_protocol::messages::{Party, UnixMillis};
use lifeline_protocol::record::{
    ChunkWriter, MAX_CHUNK_BYTES, RecordEntry, RecordItem, RecordReader,
};
use lifeline_relay::store::{RECORDS_DIR, UserRole};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::{Reply, TestRelay, reply};
use crate::record_files::{content, sha_hex, upload};
use crate::sessions::recorded_session;

/// Chunk `seq` of `session`: a keyframe and a chat line saying `text`.
fn chunk(session: i64, seq: u32, text: &str) -> Vec<u8> {
    let mut writer = ChunkWriter::new(session.unsigned_abs(), UnixMillis(1), seq);
    let at = u64::from(seq) * 5_000_000;
    writer
        .push(RecordEntry {
            at_us: at,
            item: RecordItem::Video(VideoMessage::Frame(VideoFrame {
                sequence: u64::from(seq),
                timestamp_us: at,
                keyframe: true,
                payload: vec![seq as u8; 1000],
            })),
        })
        .unwrap();
    writer
        .push(RecordEntry {
            at_us: at + 1,
            item: RecordItem::Chat(ChatMessage {
                id: ChatId(u64::from(seq)),
                from: Party::Customer,
                sent_at: UnixMillis(1),
                text: text.into(),
            }),
        })
        .unwrap();
    writer.seal().unwrap().unwrap().bytes
}

async fn put(t: &TestRelay, token: &str, session: i64, seq: &str, body: Vec<u8>) -> Reply {
    let response = t
        .client
        .put(t.url(&format!("/api/records/{session}/chunks/{seq}")))
        .bearer_auth(token)
        .body(body)
        .send()
        .await
        .unwrap();
    reply(response).await
}

async fn recording(t: &TestRelay, token: &str, session: i64) -> (StatusCode, Vec<u8>) {
    t.bytes(&format!("/api/records/{session}/recording"), token)
        .await
}

fn seqs(reply: &Reply) -> Vec<u64> {
    reply
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["seq"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn chunks_are_stored_once_and_bad_uploads_change_nothing() {
    let t = TestRelay::start().await;
    let amy = t.user("amy", UserRole::Technician).await;
    let (id, _) = recorded_session(t.store(), "amy", UnixMillis(t.now())).await;

    let first = put(&t, &amy, id, "0", chunk(id, 0, "my phone is slow")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    // The same chunk again (a retry after a lost answer): accepted, not duplicated.
    let again = put(&t, &amy, id, "0", chunk(id, 0, "my phone is slow")).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.body["stored"], "already_stored");
    // Out of order is fine: a resumed upload may send later chunks first.
    assert_eq!(
        put(&t, &amy, id, "2", chunk(id, 2, "two")).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        put(&t, &amy, id, "1", chunk(id, 1, "one")).await.status,
        StatusCode::CREATED
    );
    let (_, before) = recording(&t, &amy, id).await;

    // Different content under a stored number: 409.
    let conflict = put(&t, &amy, id, "1", chunk(id, 1, "something else")).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    assert!(conflict.error().contains("chunk 1"), "{}", conflict.error());
    // Malformed: garbage, truncated, a header naming another chunk, a bad number.
    let bad = put(&t, &amy, id, "3", b"definitely not a chunk".to_vec()).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.error().contains("chunk 3 refused"), "{}", bad.error());
    let mut cut = chunk(id, 3, "three");
    cut.truncate(cut.len() - 3);
    assert_eq!(
        put(&t, &amy, id, "3", cut).await.status,
        StatusCode::BAD_REQUEST
    );
    let wrong = put(&t, &amy, id, "4", chunk(id, 3, "three")).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.error().contains("not session"), "{}", wrong.error());
    let number = put(&t, &amy, id, "minus-one", chunk(id, 3, "x")).await;
    assert_eq!(number.status, StatusCode::BAD_REQUEST);
    assert!(
        number.error().contains("not a chunk number"),
        "{}",
        number.error()
    );
    assert_eq!(
        put(&t, &amy, id, "3", Vec::new()).await.status,
        StatusCode::BAD_REQUEST
    );
    // Oversized.
    let huge = put(&t, &amy, id, "3", vec![7u8; MAX_CHUNK_BYTES + 10]).await;
    assert_eq!(huge.status, StatusCode::BAD_REQUEST);
    assert!(huge.error().contains("over the limit"), "{}", huge.error());

    // The record is intact: exactly chunks 0, 1, 2 with their first content.
    let listed = t.get(&format!("/api/records/{id}/chunks"), &amy).await;
    assert_eq!(seqs(&listed), vec![0, 1, 2]);
    let (status, after) = recording(&t, &amy, id).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(after, before);
    let chunks = RecordReader::read(&after).unwrap();
    let texts: Vec<String> = chunks
        .iter()
        .flat_map(|c| c.entries.iter())
        .filter_map(|e| match &e.item {
            RecordItem::Chat(chat) => Some(chat.text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(texts, ["my phone is slow", "one", "two"]);
    let dir = t.store().record_dir(id);
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        3,
        "no stray files"
    );

    // The download streams from disk with its length announced; a chunk file gone from
    // the data dir is a server error before any byte is sent, not a short recording.
    let response = t
        .client
        .get(t.url(&format!("/api/records/{id}/recording")))
        .bearer_auth(&amy)
        .send()
        .await
        .unwrap();
    assert_eq!(response.content_length(), Some(after.len() as u64));
    std::fs::remove_file(dir.join("0000000001.chunk")).unwrap();
    let (status, body) = recording(&t, &amy, id).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!String::from_utf8_lossy(&body).contains("my phone is slow"));
}

#[tokio::test]
async fn technicians_cannot_see_others_records_leads_can_and_every_view_is_logged() {
    let t = TestRelay::start().await;
    let amy = t.user("amy", UserRole::Technician).await;
    let ben = t.user("ben", UserRole::Technician).await;
    let lead = t.user("lea", UserRole::Lead).await;
    let (amy_id, _) = recorded_session(t.store(), "amy", UnixMillis(t.now())).await;
    let (ben_id, _) = recorded_session(t.store(), "ben", UnixMillis(t.now())).await;
    assert_eq!(
        put(&t, &amy, amy_id, "0", chunk(amy_id, 0, "hi"))
            .await
            .status,
        StatusCode::CREATED
    );

    // Ben lists only his own and is refused Amy's, in every form.
    let list = t.get("/api/records", &ben).await;
    let ids: Vec<i64> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![ben_id]);
    for path in [
        format!("/api/records/{amy_id}"),
        format!("/api/records/{amy_id}/recording"),
        format!("/api/records/{amy_id}/chunks"),
    ] {
        let refused = t.get(&path, &ben).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path}");
        assert!(refused.error().contains("another technician"));
    }
    let upload = put(&t, &ben, amy_id, "1", chunk(amy_id, 1, "x")).await;
    assert_eq!(upload.status, StatusCode::FORBIDDEN);
    // Nor may a lead upload into someone's record.
    assert_eq!(
        put(&t, &lead, amy_id, "1", chunk(amy_id, 1, "x"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        t.get("/api/records/999", &lead).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        t.get("/api/records/abc", &lead).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        t.call(Method::GET, "/api/records", None, None).await.status,
        StatusCode::UNAUTHORIZED
    );

    // The lead sees both, opens Amy's and downloads it; Amy opens it too.
    let all = t.get("/api/records", &lead).await;
    assert_eq!(all.body.as_array().unwrap().len(), 2);
    let opened = t.get(&format!("/api/records/{amy_id}"), &lead).await;
    assert_eq!(opened.status, StatusCode::OK);
    assert_eq!(opened.body["access_log"][0]["user"], "lea");
    assert_eq!(opened.body["access_log"][0]["action"], "open");
    assert_eq!(opened.body["technician"]["name"], "amy");
    assert!(opened.body["recording_bytes"].as_u64().unwrap() > 0);
    t.advance(Duration::from_secs(5));
    let (status, bytes) = recording(&t, &lead, amy_id).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!bytes.is_empty());
    t.advance(Duration::from_secs(5));
    let own = t.get(&format!("/api/records/{amy_id}"), &amy).await;
    let log: Vec<(String, String)> = own.body["access_log"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["user"].as_str().unwrap().into(),
                a["action"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        log,
        [
            ("lea".into(), "open".into()),
            ("lea".into(), "download".into()),
            ("amy".into(), "open".into())
        ]
    );
    // Refused views are not logged as views.
    assert_eq!(own.body["access_log"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn records_are_searched_and_filtered_and_wrapped_up() {
    let t = TestRelay::start().await;
    let amy = t.user("amy", UserRole::Technician).await;
    let _ben = t.user("ben", UserRole::Technician).await;
    let lead = t.user("lea", UserRole::Lead).await;
    let start = t.now();
    let (first, _) = recorded_session(t.store(), "amy", UnixMillis(start)).await;
    let (second, _) = recorded_session(t.store(), "ben", UnixMillis(start + 3_600_000)).await;
    put(
        &t,
        &amy,
        first,
        "0",
        chunk(first, 0, "The Wi-Fi keeps DROPPING"),
    )
    .await;

    let ids = |reply: Reply| -> Vec<i64> {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(
        ids(t.get("/api/records?q=wi-fi%20keeps", &lead).await),
        vec![first]
    );
    assert_eq!(
        ids(t.get("/api/records?q=BEN%27s%20customer", &lead).await),
        vec![second]
    );
    assert_eq!(
        ids(t.get("/api/records?q=marie", &lead).await),
        vec![second, first]
    );
    assert_eq!(
        ids(t.get("/api/records?technician=AMY", &lead).await),
        vec![first]
    );
    assert_eq!(
        ids(t.get("/api/records?portal=default", &lead).await),
        vec![second, first]
    );
    assert!(ids(t.get("/api/records?portal=elsewhere", &lead).await).is_empty());
    let from = start + 1_800_000;
    assert_eq!(
        ids(t.get(&format!("/api/records?from={from}"), &lead).await),
        vec![second]
    );
    assert_eq!(
        ids(t.get(&format!("/api/records?to={from}"), &lead).await),
        vec![first]
    );
    let backwards = t
        .get(&format!("/api/records?from={from}&to={start}"), &lead)
        .await;
    assert_eq!(backwards.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        t.get("/api/records?outcome=maybe", &lead).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        t.get("/api/records?colour=red", &lead).await.status,
        StatusCode::BAD_REQUEST
    );

    // Amy wraps hers up; the outcome filter finds it.
    let wrap = json!({"outcome": "follow_up", "notes": "Call back Monday.\nRouter firmware."});
    let written = t
        .call(
            Method::PUT,
            &format!("/api/records/{first}/wrapup"),
            Some(&amy),
            Some(wrap.clone()),
        )
        .await;
    assert_eq!(written.status, StatusCode::OK, "{}", written.body);
    assert_eq!(written.body["written_by"], "amy");
    let lead_wrap = t
        .call(
            Method::PUT,
            &format!("/api/records/{first}/wrapup"),
            Some(&lead),
            Some(wrap),
        )
        .await;
    assert_eq!(lead_wrap.status, StatusCode::FORBIDDEN);
    let bad = t
        .call(
            Method::PUT,
            &format!("/api/records/{first}/wrapup"),
            Some(&amy),
            Some(json!({"outcome": "great"})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        ids(t.get("/api/records?outcome=follow_up", &lead).await),
        vec![first]
    );
    assert_eq!(
        ids(t.get("/api/records?outcome=none", &lead).await),
        vec![second]
    );
    let listed = t.get("/api/records?outcome=follow_up", &lead).await;
    assert_eq!(listed.body[0]["outcome"], "follow_up");
    let details = t.get(&format!("/api/records/{first}"), &lead).await;
    assert_eq!(
        details.body["wrapup"]["notes"],
        "Call back Monday.\nRouter firmware."
    );
    // Technicians search only their own.
    assert!(ids(t.get("/api/records?q=ben", &amy).await).is_empty());
}

#[tokio::test]
async fn retention_deletes_old_records_and_their_data_and_nothing_else() {
    let t = TestRelay::start().await;
    let admin = t.user("root", UserRole::Admin).await;
    let amy = t.user("amy", UserRole::Technician).await;
    let lead = t.user("lea", UserRole::Lead).await;
    let day = 24 * 3_600_000;
    let now = t.now();
    let (old, old_code) = recorded_session(t.store(), "amy", UnixMillis(now - 40 * day)).await;
    let (recent, _) = recorded_session(t.store(), "amy", UnixMillis(now - 2 * day)).await;
    put(&t, &amy, old, "0", chunk(old, 0, "old")).await;
    put(&t, &amy, recent, "0", chunk(recent, 0, "recent")).await;
    // Files received in both sessions: the old one's go with its record.
    let (old_log, recent_log) = (content(2000, 11), content(3000, 12));
    upload(&t, &amy, old, "old.log", &old_log).await;
    upload(&t, &amy, recent, "recent.log", &recent_log).await;
    assert!(t.store().record_dir(old).join("files").exists());
    t.get(&format!("/api/records/{old}"), &lead).await;
    let records = t.store().record_dir(old).parent().unwrap().to_owned();
    assert!(records.ends_with(RECORDS_DIR));
    // A file in the data dir that is not a record's must survive.
    std::fs::write(records.join("keep.txt"), b"not a record").unwrap();

    // Only admins set retention, within bounds.
    let path = "/api/records/retention";
    assert_eq!(
        t.call(Method::PUT, path, Some(&lead), Some(json!({"days": 30})))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        t.call(Method::PUT, path, Some(&admin), Some(json!({"days": 0})))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    // Without retention nothing is deleted.
    let purge = t
        .post("/api/records/retention/purge", &admin, json!({}))
        .await;
    assert_eq!(purge.body["deleted"], json!([]));
    let set = t
        .call(Method::PUT, path, Some(&admin), Some(json!({"days": 30})))
        .await;
    assert_eq!(set.body["days"], 30);
    assert_eq!(t.get(path, &admin).await.body["days"], 30);

    let purge = t
        .post("/api/records/retention/purge", &admin, json!({}))
        .await;
    assert_eq!(purge.status, StatusCode::OK, "{}", purge.body);
    assert_eq!(purge.body["deleted"], json!([old]));
    assert_eq!(
        t.get(&format!("/api/records/{old}"), &lead).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!records.join(old.to_string()).exists());
    assert!(records.join(recent.to_string()).exists());
    assert!(records.join("keep.txt").exists());
    let kept = t.get(&format!("/api/records/{recent}"), &lead).await;
    assert_eq!(kept.status, StatusCode::OK);
    assert_eq!(kept.body["chunks"].as_array().unwrap().len(), 1);
    let (_, bytes) = recording(&t, &lead, recent).await;
    assert_eq!(RecordReader::read(&bytes).unwrap().len(), 1);
    assert_eq!(kept.body["files"][0]["name"], "recent.log");
    let file = t
        .client
        .get(t.url(&format!(
            "/api/records/{recent}/files/{}",
            sha_hex(&recent_log)
        )))
        .bearer_auth(&lead)
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.bytes().await.unwrap().to_vec(), recent_log);
    let gone = t
        .get(
            &format!("/api/records/{old}/files/{}", sha_hex(&old_log)),
            &lead,
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(
        t.store().record_files(old).await.unwrap().is_empty(),
        "the old record's file rows are gone"
    );
    // Users, portals and the old code itself stay.
    assert!(t.store().credentials("amy").await.unwrap().is_some());
    assert!(t.store().default_portal().await.is_ok());
    let code = t.store().code(old_code).await.unwrap().unwrap();
    assert_eq!(code.code, old_code);
    // Running again deletes nothing more.
    let again = t
        .post("/api/records/retention/purge", &admin, json!({}))
        .await;
    assert_eq!(again.body["deleted"], json!([]));
}
