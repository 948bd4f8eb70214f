use std::time::Duration;

use lifeline_relay::store::UserRole;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::TestRelay;

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

#[tokio::test]
async fn a_portal_request_becomes_a_technicians_chat_code() {
    let t = TestRelay::start().await;
    let tech = t.user("tech", UserRole::Technician).await;
    let other = t.user("other", UserRole::Technician).await;

    // The page has the form.
    let (status, html) = t.page("/portal/default").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("action=\"/portal/default/requests\""),
        "{html}"
    );
    assert!(html.contains("name=\"problem\""));

    // A browser posts the form and gets the code with the button that opens the app.
    let form = t
        .raw(
            Method::POST,
            "/portal/default/requests",
            None,
            FORM,
            "name=Marie+%3Cb%3E&problem=No+sound",
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
    let html = form.body.as_str().unwrap();
    assert!(html.contains("Hello Marie &lt;b&gt;,"), "{html}");
    assert!(html.contains("href=\"lifeline://join/"), "{html}");
    assert!(html.contains("chat session"), "{html}");

    // An app posts JSON and gets JSON.
    let json_request = t
        .call(
            Method::POST,
            "/portal/default/requests",
            None,
            Some(json!({ "name": "Jean", "problem": "Wi-Fi drops" })),
        )
        .await;
    assert_eq!(
        json_request.status,
        StatusCode::CREATED,
        "{}",
        json_request.body
    );
    let body = &json_request.body;
    assert_eq!(body["chat_only"], true);
    assert_eq!(body["state"], "pending");
    let code = body["code"].as_str().unwrap().to_owned();
    let deep_link = body["deep_link"].as_str().unwrap();
    assert!(
        deep_link.starts_with(&format!("lifeline://join/{code}?relay=")),
        "{deep_link}"
    );
    let (status, _) = t.page(&format!("/join/{code}")).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the customer can open the join page right away"
    );

    // Technicians see the queue, oldest first.
    let queue = t.get("/api/requests", &tech).await;
    assert_eq!(queue.status, StatusCode::OK);
    let queue = queue.body.as_array().unwrap().clone();
    assert_eq!(queue.len(), 2);
    assert_eq!(queue[0]["customer_name"], "Marie <b>");
    assert_eq!(queue[1]["customer_name"], "Jean");
    assert_eq!(queue[1]["problem"], "Wi-Fi drops");
    assert_eq!(queue[1]["portal"], "default");
    let id = queue[1]["id"].as_i64().unwrap();

    let accepted = t
        .post(&format!("/api/requests/{id}/accept"), &tech, json!({}))
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert_eq!(accepted.body["code"], code.as_str());
    assert_eq!(accepted.body["chat_only"], true);
    let mine = t.get("/api/codes", &tech).await;
    assert_eq!(
        mine.body[0]["code"],
        code.as_str(),
        "the code is now the technician's"
    );

    let twice = t
        .post(&format!("/api/requests/{id}/accept"), &other, json!({}))
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(twice.error(), "this request was already accepted");
    assert_eq!(
        t.get("/api/requests", &tech)
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let missing = t.post("/api/requests/999/accept", &tech, json!({})).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // Requests nobody took expire with their code.
    t.advance(Duration::from_secs(20 * 60));
    assert!(
        t.get("/api/requests", &tech)
            .await
            .body
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn portal_request_errors_are_clear() {
    let t = TestRelay::start().await;
    let admin = t.user("root", UserRole::Admin).await;
    let closed = t
        .post(
            "/api/portals",
            &admin,
            json!({ "name": "Closed <b>& Co</b>", "slug": "closed", "accept_chat_requests": false }),
        )
        .await;
    assert_eq!(closed.status, StatusCode::CREATED);

    let post =
        |path: &'static str, body: serde_json::Value| t.call(Method::POST, path, None, Some(body));
    let no_problem = post("/portal/default/requests", json!({ "name": "Marie" })).await;
    assert_eq!(no_problem.status, StatusCode::BAD_REQUEST);
    assert!(
        no_problem.error().contains("missing field `problem`"),
        "{}",
        no_problem.error()
    );
    let blank = post(
        "/portal/default/requests",
        json!({ "name": " ", "problem": "x" }),
    )
    .await;
    assert_eq!(blank.status, StatusCode::BAD_REQUEST);
    assert_eq!(blank.error(), "please enter your name");
    let long = post(
        "/portal/default/requests",
        json!({ "name": "Marie", "problem": "x".repeat(2001) }),
    )
    .await;
    assert_eq!(long.status, StatusCode::BAD_REQUEST);
    assert!(long.error().contains("too long"), "{}", long.error());
    let unknown = post(
        "/portal/nope/requests",
        json!({ "name": "M", "problem": "x" }),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let refused = post(
        "/portal/closed/requests",
        json!({ "name": "M", "problem": "x" }),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.error(), "this portal does not take requests");

    // The same errors reach a browser as a page.
    let form = t
        .raw(
            Method::POST,
            "/portal/default/requests",
            None,
            FORM,
            "name=Marie",
        )
        .await;
    assert_eq!(form.status, StatusCode::BAD_REQUEST);
    assert!(
        form.body
            .as_str()
            .unwrap()
            .contains("We could not take your request")
    );
    let (status, html) = t.page("/portal/closed").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("does not take requests online"), "{html}");
    assert!(
        html.contains("<h1>Closed &lt;b&gt;&amp; Co&lt;/b&gt;</h1>"),
        "{html}"
    );
    let (status, _) = t.page("/portal/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    assert!(
        t.get("/api/requests", &admin)
            .await
            .body
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn one_address_leaves_a_few_requests_a_minute() {
    let t = TestRelay::start().await;
    for i in 0..5 {
        let ok = t
            .call(
                Method::POST,
                "/portal/default/requests",
                None,
                Some(json!({ "name": format!("c{i}"), "problem": "x" })),
            )
            .await;
        assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    }
    let flood = t
        .call(
            Method::POST,
            "/portal/default/requests",
            None,
            Some(json!({ "name": "c5", "problem": "x" })),
        )
        .await;
    assert_eq!(flood.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(flood.headers.contains_key("retry-after"));
    let page = t
        .raw(
            Method::POST,
            "/portal/default/requests",
            None,
            FORM,
            "name=c6&problem=x",
        )
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.body.as_str().unwrap().contains("Too many attempts"));
    t.advance(Duration::from_secs(60));
    let later = t
        .call(
            Method::POST,
            "/portal/default/requests",
            None,
            Some(json!({ "name": "c7", "problem": "x" })),
        )
        .await;
    assert_eq!(later.status, StatusCode::CREATED, "{}", later.body);
}
