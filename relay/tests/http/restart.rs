use std::sync::Arc;

use lifeline_protocol::messages::UnixMillis;
use lifeline_relay::ManualClock;
use lifeline_relay::store::UserRole;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::TestRelay;
use crate::sessions::recorded_session;

#[tokio::test]
async fn users_portals_codes_and_records_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::starting_now());

    let first = TestRelay::start_in(dir.path(), clock.clone()).await;
    let admin = first.user("root", UserRole::Admin).await;
    let tech = first.user("tech", UserRole::Technician).await;
    let portal = first
        .post(
            "/api/portals",
            &admin,
            json!({ "name": "Shop", "slug": "shop", "max_pending_codes": 2 }),
        )
        .await;
    assert_eq!(portal.status, StatusCode::CREATED);
    let pending = first
        .post(
            "/api/codes",
            &tech,
            json!({ "identifier": "Marie", "portal": "shop" }),
        )
        .await
        .body;
    let cancelled = first.post("/api/codes", &tech, json!({})).await.body;
    let cancelled_code = cancelled["code"].as_str().unwrap();
    first
        .call(
            Method::DELETE,
            &format!("/api/codes/{cancelled_code}"),
            Some(&tech),
            None,
        )
        .await;
    let (session, _) = recorded_session(first.store(), "tech", UnixMillis(first.now())).await;
    let request = first
        .call(
            Method::POST,
            "/portal/shop/requests",
            None,
            Some(json!({ "name": "Jean", "problem": "help" })),
        )
        .await;
    assert_eq!(request.status, StatusCode::CREATED);
    let fingerprint = first.relay.fingerprint;
    first.relay.shutdown().await;

    let second = TestRelay::start_in(dir.path(), clock).await;
    assert_eq!(
        second.relay.fingerprint, fingerprint,
        "the certificate is kept"
    );
    // Tokens survive too, and so does every account.
    assert_eq!(second.get("/api/codes", &tech).await.status, StatusCode::OK);
    let tech = second.login("tech").await;
    let users = second.get("/api/users", &admin).await;
    assert_eq!(users.body.as_array().unwrap().len(), 2);

    let portals = second.get("/api/portals", &admin).await;
    let slugs: Vec<&str> = portals
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        ["default", "shop"],
        "the default portal was not created twice"
    );
    assert_eq!(portals.body[1]["max_pending_codes"], 2);

    let codes = second.get("/api/codes", &tech).await.body;
    let states: Vec<(&str, &str)> = codes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["code"].as_str().unwrap(), c["state"].as_str().unwrap()))
        .collect();
    assert!(
        states.contains(&(pending["code"].as_str().unwrap(), "pending")),
        "{states:?}"
    );
    assert!(
        states.contains(&(cancelled_code, "cancelled")),
        "{states:?}"
    );
    assert_eq!(
        states.iter().filter(|(_, s)| *s == "ended").count(),
        1,
        "{states:?}"
    );

    let record = second.get(&format!("/api/sessions/{session}"), &tech).await;
    assert_eq!(record.status, StatusCode::OK);
    assert_eq!(record.body["events"].as_array().unwrap().len(), 2);
    let queue = second.get("/api/requests", &tech).await;
    assert_eq!(queue.body[0]["customer_name"], "Jean");

    // The join page still knows the pending code.
    let (status, _) = second
        .page(&format!("/join/{}", pending["code"].as_str().unwrap()))
        .await;
    assert_eq!(status, StatusCode::OK);
    second.relay.shutdown().await;
}
