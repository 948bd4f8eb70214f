use std::time::Duration;

use lifeline_protocol::link::{DeepLink, JoinUrl};
use lifeline_protocol::messages::Party;
use lifeline_protocol::messages::UnixMillis;
use lifeline_protocol::messages::handshake::DeviceSummary;
use lifeline_relay::store::{NewSession, SessionEnd, UserRole};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::TestRelay;

#[tokio::test]
async fn created_codes_carry_links_and_expiry() {
    let t = TestRelay::start().await;
    let token = t.user("tech", UserRole::Technician).await;
    let now = t.now();
    let created = t
        .post(
            "/api/codes",
            &token,
            json!({ "identifier": "Marie Dupont" }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let body = &created.body;
    let code = body["code"].as_str().unwrap();
    assert_eq!(code.len(), 9);
    assert_eq!(body["state"], "pending");
    assert_eq!(body["portal"], "default");
    assert_eq!(body["identifier"], "Marie Dupont");
    assert_eq!(body["expires_at"], now + 20 * 60 * 1000);

    let url: JoinUrl = body["url"].as_str().unwrap().parse().unwrap();
    assert_eq!(url.code.digits(), code);
    assert_eq!(url.to_string(), t.url(&format!("/join/{code}")));
    // The deep link names the QUIC endpoint and pins the certificate.
    let deep_link = body["deep_link"].as_str().unwrap();
    assert_eq!(
        deep_link,
        format!(
            "lifeline://join/{code}?relay=127.0.0.1:{}&fp={}",
            t.relay.quic_addr.port(),
            t.relay.fingerprint
        )
    );
    if t.relay.quic_addr.port() != 0 {
        let link: DeepLink = deep_link.parse().unwrap();
        assert_eq!(link.code.digits(), code);
    }

    // The body may name a portal, or nothing at all.
    let empty = t.post("/api/codes", &token, json!({})).await;
    assert_eq!(empty.status, StatusCode::CREATED);
    let named = t
        .post(
            "/api/codes",
            &token,
            json!({ "portal": "default", "identifier": null }),
        )
        .await;
    assert_eq!(named.status, StatusCode::CREATED, "{}", named.body);
}

#[tokio::test]
async fn every_validation_error_is_a_clear_400() {
    let t = TestRelay::start().await;
    let token = t.user("tech", UserRole::Technician).await;
    let json_type = Some("application/json");

    let syntax = t
        .raw(
            Method::POST,
            "/api/codes",
            Some(&token),
            json_type,
            "{\"identifier\": ",
        )
        .await;
    assert_eq!(syntax.status, StatusCode::BAD_REQUEST);
    assert!(
        syntax.error().starts_with("the body is not valid JSON"),
        "{}",
        syntax.error()
    );

    let wrong_type = t
        .post("/api/codes", &token, json!({ "identifier": 42 }))
        .await;
    assert_eq!(wrong_type.status, StatusCode::BAD_REQUEST);
    assert!(
        wrong_type.error().contains("identifier"),
        "{}",
        wrong_type.error()
    );

    let unknown_field = t.post("/api/codes", &token, json!({ "portl": "x" })).await;
    assert_eq!(unknown_field.status, StatusCode::BAD_REQUEST);
    assert!(
        unknown_field.error().contains("unknown field `portl`"),
        "{}",
        unknown_field.error()
    );

    let no_type = t
        .raw(Method::POST, "/api/codes", Some(&token), None, "{}")
        .await;
    assert_eq!(no_type.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(
        no_type.error().contains("application/json"),
        "{}",
        no_type.error()
    );

    let portal = t
        .post("/api/codes", &token, json!({ "portal": "nope" }))
        .await;
    assert_eq!(portal.status, StatusCode::BAD_REQUEST);
    assert_eq!(portal.error(), "there is no portal \"nope\"");

    let long = t
        .post(
            "/api/codes",
            &token,
            json!({ "identifier": "x".repeat(101) }),
        )
        .await;
    assert_eq!(long.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        long.error(),
        "the identifier is too long: 101 characters, at most 100"
    );
    let control = t
        .post("/api/codes", &token, json!({ "identifier": "a\u{0}b" }))
        .await;
    assert_eq!(control.status, StatusCode::BAD_REQUEST);
    let longest = t
        .post(
            "/api/codes",
            &token,
            json!({ "identifier": "é".repeat(100) }),
        )
        .await;
    assert_eq!(longest.status, StatusCode::CREATED, "100 characters fit");

    // Nothing was stored by the refused requests.
    let list = t.get("/api/codes", &token).await;
    assert_eq!(list.body.as_array().unwrap().len(), 1);

    let bad_code = t
        .call(Method::DELETE, "/api/codes/12ab", Some(&token), None)
        .await;
    assert_eq!(bad_code.status, StatusCode::BAD_REQUEST);
    assert!(
        bad_code.error().contains("not a session code"),
        "{}",
        bad_code.error()
    );
    let unknown = t
        .call(Method::DELETE, "/api/codes/000000001", Some(&token), None)
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    let nowhere = t.get("/api/nothing-here", &token).await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    assert_eq!(nowhere.error(), "there is no GET /api/nothing-here");
    let wrong_method = t.call(Method::PUT, "/api/codes", Some(&token), None).await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        wrong_method.error().contains("does not take PUT"),
        "{}",
        wrong_method.error()
    );
}

#[tokio::test]
async fn the_ninth_pending_code_is_refused() {
    let t = TestRelay::start().await;
    let token = t.user("tech", UserRole::Technician).await;
    let other = t.user("other", UserRole::Technician).await;
    for _ in 0..8 {
        let ok = t.post("/api/codes", &token, json!({})).await;
        assert_eq!(ok.status, StatusCode::CREATED);
    }
    let ninth = t.post("/api/codes", &token, json!({})).await;
    assert_eq!(ninth.status, StatusCode::CONFLICT);
    assert!(
        ninth.error().contains("you already have 8 pending codes"),
        "{}",
        ninth.error()
    );
    // The limit is per technician.
    assert_eq!(
        t.post("/api/codes", &other, json!({})).await.status,
        StatusCode::CREATED
    );
    // Cancelling one makes room.
    let list = t.get("/api/codes", &token).await;
    let first = list.body[0]["code"].as_str().unwrap().to_owned();
    let cancelled = t
        .call(
            Method::DELETE,
            &format!("/api/codes/{first}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK);
    assert_eq!(cancelled.body["state"], "cancelled");
    assert_eq!(
        t.post("/api/codes", &token, json!({})).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn the_code_list_shows_each_state() {
    let t = TestRelay::start().await;
    let admin = t.user("admin", UserRole::Admin).await;
    let token = t.user("tech", UserRole::Technician).await;
    let other = t.user("other", UserRole::Technician).await;
    let quick = t
        .post(
            "/api/portals",
            &admin,
            json!({ "name": "Quick", "slug": "quick", "code_lifetime_secs": 60 }),
        )
        .await;
    assert_eq!(quick.status, StatusCode::CREATED, "{}", quick.body);

    let create = |identifier: &'static str, portal: &'static str| {
        t.post(
            "/api/codes",
            &token,
            json!({ "identifier": identifier, "portal": portal }),
        )
    };
    let expiring = create("expiring", "quick").await.body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let cancelled = create("cancelled", "default").await.body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let used = create("used", "default").await.body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let running = create("running", "default").await.body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    create("pending", "default").await;

    let gone = t
        .call(
            Method::DELETE,
            &format!("/api/codes/{cancelled}"),
            Some(&other),
            None,
        )
        .await;
    assert_eq!(
        gone.status,
        StatusCode::NOT_FOUND,
        "another technician's code is not found"
    );
    t.call(
        Method::DELETE,
        &format!("/api/codes/{cancelled}"),
        Some(&token),
        None,
    )
    .await;
    let again = t
        .call(
            Method::DELETE,
            &format!("/api/codes/{cancelled}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(
        again.error(),
        "the code is cancelled, so it cannot be cancelled"
    );

    let tech_id = t.store().credentials("tech").await.unwrap().unwrap().0.id;
    let now = UnixMillis(t.now());
    let session = |code: &str| NewSession {
        code: code.parse().unwrap(),
        technician_id: tech_id,
        customer_name: "Marie".into(),
        device: DeviceSummary::default(),
        started_at: now,
    };
    let used_id = t.store().open_session(&session(&used)).await.unwrap();
    t.store()
        .close_session(
            used_id,
            &SessionEnd {
                ended_at: now,
                ended_by: Party::Technician,
                reason: "done".into(),
                bytes_from_technician: 1,
                bytes_from_customer: 2,
            },
        )
        .await
        .unwrap();
    t.store().open_session(&session(&running)).await.unwrap();

    t.advance(Duration::from_secs(61));
    let list = t.get("/api/codes", &token).await;
    let states: Vec<(String, String)> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["identifier"].as_str().unwrap().to_owned(),
                c["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let state_of = |name: &str| {
        states
            .iter()
            .find(|(id, _)| id == name)
            .map(|(_, s)| s.as_str())
            .unwrap()
    };
    assert_eq!(state_of("expiring"), "expired");
    assert_eq!(state_of("cancelled"), "cancelled");
    assert_eq!(state_of("used"), "ended");
    assert_eq!(state_of("running"), "active");
    assert_eq!(state_of("pending"), "pending");
    assert_eq!(states.len(), 5);
    let expired = t
        .call(
            Method::DELETE,
            &format!("/api/codes/{expiring}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(expired.status, StatusCode::CONFLICT);
    assert!(expired.error().contains("expired"), "{}", expired.error());
}
