use std::time::Duration;

use lifeline_relay::http::APP_STORE_URL;
use lifeline_relay::store::UserRole;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::TestRelay;

#[tokio::test]
async fn the_join_page_opens_the_app_for_a_pending_code() {
    let t = TestRelay::start().await;
    let token = t.user("tech", UserRole::Technician).await;
    let created = t
        .post(
            "/api/codes",
            &token,
            json!({ "identifier": "<script>alert(1)</script>" }),
        )
        .await;
    let code = created.body["code"].as_str().unwrap();
    let deep_link = created.body["deep_link"].as_str().unwrap();

    let response = t
        .client
        .get(t.url(&format!("/join/{code}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'none'")
    );
    assert_eq!(headers["referrer-policy"], "no-referrer");
    let html = response.text().await.unwrap();
    let grouped = format!("{} {} {}", &code[0..3], &code[3..6], &code[6..9]);
    assert!(html.contains(&grouped), "the code in large digits: {html}");
    assert!(
        html.contains(&format!("href=\"{}\"", deep_link.replace('&', "&amp;"))),
        "{html}"
    );
    assert!(html.contains(&APP_STORE_URL.replace('&', "&amp;")));
    assert!(
        !html.contains("alert(1)"),
        "the technician's note stays private: {html}"
    );
    assert!(html.contains("expires in 20 minutes"), "{html}");

    // The dashed form works too.
    let dashed = format!("{}-{}-{}", &code[0..3], &code[3..6], &code[6..9]);
    assert_eq!(t.page(&format!("/join/{dashed}")).await.0, StatusCode::OK);
}

#[tokio::test]
async fn unknown_expired_and_cancelled_codes_get_a_page_that_says_so() {
    let t = TestRelay::start().await;
    let token = t.user("tech", UserRole::Technician).await;

    let (status, html) = t.page("/join/000000000").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Unknown session code"), "{html}");
    let (status, _) = t.page("/join/not-a-code").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let cancelled = t.post("/api/codes", &token, json!({})).await.body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    t.call(
        Method::DELETE,
        &format!("/api/codes/{cancelled}"),
        Some(&token),
        None,
    )
    .await;
    let (status, html) = t.page(&format!("/join/{cancelled}")).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(html.contains("This code was cancelled"), "{html}");

    let expiring = t.post("/api/codes", &token, json!({})).await.body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    t.advance(Duration::from_secs(20 * 60));
    let (status, html) = t.page(&format!("/join/{expiring}")).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(html.contains("This code has expired"), "{html}");
}

#[tokio::test]
async fn health_and_metrics() {
    let t = TestRelay::start().await;
    let health = t.call(Method::GET, "/healthz", None, None).await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.body, json!({ "status": "ok" }));

    t.relay.metrics().connection_opened();
    t.relay.metrics().add_relayed_bytes(4096);
    let response = t.client.get(t.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let text = response.text().await.unwrap();
    for line in [
        "# TYPE lifeline_connections_open gauge",
        "lifeline_connections_open 1\n",
        "lifeline_sessions_paired_total 0\n",
        "lifeline_bytes_relayed_total 4096\n",
        "lifeline_joins_rejected_total{reason=\"unknown\"} 0\n",
    ] {
        assert!(text.contains(line), "{line:?} missing from {text}");
    }
}

#[tokio::test]
async fn guessing_codes_on_the_join_page_is_rate_limited() {
    let t = TestRelay::start().await;
    let token = t.user("tech", UserRole::Technician).await;
    let code = t.post("/api/codes", &token, json!({})).await.body["code"]
        .as_str()
        .unwrap()
        .to_owned();
    // Opening a real code costs nothing; wrong guesses use the budget (10 a minute).
    for _ in 0..20 {
        assert_eq!(t.page(&format!("/join/{code}")).await.0, StatusCode::OK);
    }
    for guess in 0..10 {
        let (status, _) = t.page(&format!("/join/{guess:09}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let response = t.client.get(t.url("/join/000000011")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().contains_key("retry-after"));
    assert!(response.text().await.unwrap().contains("Too many attempts"));
    let (status, _) = t.page(&format!("/join/{code}")).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "a blocked source waits, right or wrong"
    );
    t.advance(Duration::from_secs(60));
    assert_eq!(t.page(&format!("/join/{code}")).await.0, StatusCode::OK);
}
