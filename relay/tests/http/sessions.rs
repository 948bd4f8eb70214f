use lifeline_protocol::SessionCode;
use lifeline_protocol::consent::CapabilitySet;
use lifeline_protocol::messages::handshake::DeviceSummary;
use lifeline_protocol::messages::{Party, UnixMillis};
use lifeline_relay::store::{NewCode, NewSession, SessionEnd, Store, UserRole};
use reqwest::StatusCode;

use crate::common::TestRelay;

/// A finished session run by `technician` (a name), as the QUIC side records it.
pub(crate) async fn recorded_session(
    store: &Store,
    technician: &str,
    now: UnixMillis,
) -> (i64, SessionCode) {
    let tech = store.credentials(technician).await.unwrap().unwrap().0;
    let portal = store.default_portal().await.unwrap();
    let code = store
        .create_code(
            &NewCode {
                owner_id: tech.id,
                portal_id: portal.id,
                identifier: Some(format!("{technician}'s customer")),
            },
            now,
        )
        .await
        .unwrap();
    let device = DeviceSummary {
        manufacturer: "samsung".into(),
        model: "Galaxy S25+".into(),
        android_version: "16".into(),
        screen: Some((1080, 2340)),
        capabilities: CapabilitySet::ALL,
        locale: Some("fr-FR".into()),
    };
    let id = store
        .open_session(&NewSession {
            code: code.code,
            technician_id: tech.id,
            customer_name: "Marie".into(),
            device,
            started_at: UnixMillis(now.0 + 1_000),
        })
        .await
        .unwrap();
    store
        .close_session(
            id,
            &SessionEnd {
                ended_at: UnixMillis(now.0 + 61_000),
                ended_by: Party::Customer,
                reason: "the customer pressed Exit".into(),
                bytes_from_technician: 1_000,
                bytes_from_customer: 250_000,
            },
        )
        .await
        .unwrap();
    (id, code.code)
}

#[tokio::test]
async fn technicians_see_their_own_records_leads_and_admins_all() {
    let t = TestRelay::start().await;
    let amy = t.user("amy", UserRole::Technician).await;
    let ben = t.user("ben", UserRole::Technician).await;
    let lead = t.user("lea", UserRole::Lead).await;
    let admin = t.user("root", UserRole::Admin).await;
    let now = UnixMillis(t.now());
    let (amy_session, amy_code) = recorded_session(t.store(), "amy", now).await;
    let (ben_session, _) = recorded_session(t.store(), "ben", now).await;

    let mine = t.get("/api/sessions", &amy).await;
    assert_eq!(mine.status, StatusCode::OK);
    let mine = mine.body.as_array().unwrap().clone();
    assert_eq!(mine.len(), 1);
    let record = &mine[0];
    assert_eq!(record["id"], amy_session);
    assert_eq!(record["code"], amy_code.digits());
    assert_eq!(record["technician"]["name"], "amy");
    assert_eq!(record["customer_name"], "Marie");
    assert_eq!(record["identifier"], "amy's customer");
    assert_eq!(record["portal"], "default");
    assert_eq!(record["device"]["model"], "Galaxy S25+");
    assert_eq!(record["ended_by"], "customer");
    assert_eq!(record["end_reason"], "the customer pressed Exit");
    assert_eq!(record["duration_ms"], 60_000);
    assert_eq!(record["bytes_from_customer"], 250_000);
    assert!(record.get("events").is_none(), "lists leave events out");

    let detail = t.get(&format!("/api/sessions/{amy_session}"), &amy).await;
    assert_eq!(detail.status, StatusCode::OK);
    let kinds: Vec<&str> = detail.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["joined", "ended"]);

    let theirs = t.get(&format!("/api/sessions/{ben_session}"), &amy).await;
    assert_eq!(
        theirs.status,
        StatusCode::FORBIDDEN,
        "another technician's record exists but is not amy's to see: {:?}",
        theirs.body
    );
    assert!(
        theirs.body["error"]
            .as_str()
            .is_some_and(|e| e.contains("another technician")),
        "{:?}",
        theirs.body
    );
    let nobody = t.get("/api/sessions/999", &amy).await;
    assert_eq!(nobody.status, StatusCode::NOT_FOUND, "no such session");
    assert_eq!(
        t.get(&format!("/api/sessions/{ben_session}"), &ben)
            .await
            .status,
        StatusCode::OK
    );

    for token in [&lead, &admin] {
        let all = t.get("/api/sessions", token).await;
        assert_eq!(all.body.as_array().unwrap().len(), 2);
        let one = t.get(&format!("/api/sessions/{ben_session}"), token).await;
        assert_eq!(one.status, StatusCode::OK);
    }
    let limited = t.get("/api/sessions?limit=1", &lead).await;
    assert_eq!(limited.body.as_array().unwrap().len(), 1);
    let bad_limit = t.get("/api/sessions?limit=lots", &lead).await;
    assert_eq!(bad_limit.status, StatusCode::BAD_REQUEST);
    let bad_id = t.get("/api/sessions/xyz", &lead).await;
    assert_eq!(bad_id.status, StatusCode::BAD_REQUEST);
    let missing = t.get("/api/sessions/999", &lead).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
