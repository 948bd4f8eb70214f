use std::time::Duration;

use lifeline_relay::store::UserRole;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::{PASSWORD, TestRelay};

fn credentials(name: &str, password: &str) -> Option<serde_json::Value> {
    Some(json!({ "name": name, "password": password }))
}

#[tokio::test]
async fn right_password_gets_a_token_wrong_one_a_401() {
    let t = TestRelay::start().await;
    t.store()
        .create_user("alice", PASSWORD, UserRole::Lead)
        .await
        .unwrap();

    let ok = t
        .call(
            Method::POST,
            "/api/login",
            None,
            credentials("Alice", PASSWORD),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.body["role"], "lead");
    assert_eq!(ok.body["name"], "alice");
    let token = ok.body["token"].as_str().unwrap();
    assert_eq!(token.len(), 64);
    assert_eq!(t.get("/api/codes", token).await.status, StatusCode::OK);

    let wrong = t
        .call(
            Method::POST,
            "/api/login",
            None,
            credentials("alice", "not it at all"),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.error(), "wrong name or password");
    assert_eq!(wrong.headers["www-authenticate"], "Bearer");
    let unknown = t
        .call(
            Method::POST,
            "/api/login",
            None,
            credentials("mallory", PASSWORD),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.error(), "wrong name or password");

    // Signing out ends the token.
    let out = t.call(Method::POST, "/api/logout", Some(token), None).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(
        t.get("/api/codes", token).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn missing_bad_and_expired_tokens_are_401() {
    let t = TestRelay::start().await;
    let token = t.user("bob", UserRole::Technician).await;
    let none = t.call(Method::GET, "/api/codes", None, None).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert!(
        none.error().contains("Authorization: Bearer"),
        "{}",
        none.error()
    );
    let bad = t.get("/api/codes", "0123").await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert!(bad.error().contains("sign in again"), "{}", bad.error());
    let basic = t
        .client
        .get(t.url("/api/codes"))
        .header("authorization", "Basic YWxpY2U6eA==")
        .send()
        .await
        .unwrap();
    let basic = crate::common::reply(basic).await;
    assert_eq!(basic.status, StatusCode::UNAUTHORIZED);
    assert!(
        basic.error().contains("must be Bearer"),
        "{}",
        basic.error()
    );

    t.advance(Duration::from_secs(12 * 3600));
    let expired = t.get("/api/codes", &token).await;
    assert_eq!(
        expired.status,
        StatusCode::UNAUTHORIZED,
        "tokens last 12 hours"
    );
}

#[tokio::test]
async fn repeated_failures_are_slowed_then_locked() {
    let t = TestRelay::start().await;
    t.store()
        .create_user("carol", PASSWORD, UserRole::Technician)
        .await
        .unwrap();
    let attempt = |password: &'static str| {
        t.call(
            Method::POST,
            "/api/login",
            None,
            credentials("carol", password),
        )
    };

    // 1st failure is free; the 2nd makes the next attempt wait 1 s, the 3rd 2 s, the 4th 4 s.
    assert_eq!(attempt("wrong-1").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(attempt("wrong-2").await.status, StatusCode::UNAUTHORIZED);
    let slowed = attempt(PASSWORD).await;
    assert_eq!(
        slowed.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        slowed.body
    );
    assert_eq!(slowed.headers["retry-after"], "1");
    assert!(slowed.error().contains("wait 1 s"), "{}", slowed.error());
    t.advance(Duration::from_secs(1));
    assert_eq!(attempt("wrong-3").await.status, StatusCode::UNAUTHORIZED);
    t.advance(Duration::from_secs(2));
    assert_eq!(attempt("wrong-4").await.status, StatusCode::UNAUTHORIZED);
    t.advance(Duration::from_secs(4));
    assert_eq!(attempt("wrong-5").await.status, StatusCode::UNAUTHORIZED);

    // The 5th failure locks the account for 5 minutes, even for the right password.
    let locked = attempt(PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(locked.headers["retry-after"], "300");
    assert!(
        locked.error().contains("locked for 5 minutes"),
        "{}",
        locked.error()
    );
    t.advance(Duration::from_secs(299));
    assert_eq!(
        attempt(PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    t.advance(Duration::from_secs(1));
    assert_eq!(attempt(PASSWORD).await.status, StatusCode::OK);

    let metrics = t.client.get(t.url("/metrics")).send().await.unwrap();
    let text = metrics.text().await.unwrap();
    assert!(text.contains("lifeline_logins_failed_total 5\n"), "{text}");
}

#[tokio::test]
async fn disabled_accounts_cannot_sign_in() {
    let t = TestRelay::start().await;
    let token = t.user("dave", UserRole::Technician).await;
    let dave = t.store().credentials("dave").await.unwrap().unwrap().0;
    t.store()
        .update_user(dave.id, None, Some(true))
        .await
        .unwrap();
    assert_eq!(
        t.get("/api/codes", &token).await.status,
        StatusCode::UNAUTHORIZED
    );
    let refused = t
        .call(
            Method::POST,
            "/api/login",
            None,
            credentials("dave", PASSWORD),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.error().contains("disabled"), "{}", refused.error());
}

#[tokio::test]
async fn login_body_errors_say_what_was_wrong() {
    let t = TestRelay::start().await;
    let missing = t
        .call(
            Method::POST,
            "/api/login",
            None,
            Some(json!({ "name": "x" })),
        )
        .await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(
        missing.error().contains("missing field `password`"),
        "{}",
        missing.error()
    );
}
