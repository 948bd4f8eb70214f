use lifeline_relay::store::UserRole;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::TestRelay;

#[tokio::test]
async fn only_admins_reach_admin_endpoints() {
    let t = TestRelay::start().await;
    let admin = t.user("root", UserRole::Admin).await;
    for role in [UserRole::Technician, UserRole::Lead] {
        let token = t.user(&format!("{role}-user"), role).await;
        let calls = [
            (Method::GET, "/api/users", None),
            (Method::POST, "/api/users", Some(json!({}))),
            (
                Method::PATCH,
                "/api/users/1",
                Some(json!({ "disabled": true })),
            ),
            (
                Method::POST,
                "/api/portals",
                Some(json!({ "name": "x", "slug": "x" })),
            ),
            (Method::PUT, "/api/portals/1", Some(json!({ "name": "x" }))),
            (Method::DELETE, "/api/portals/1", None),
        ];
        for (method, path, body) in calls {
            let reply = t.call(method.clone(), path, Some(&token), body).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{role} {method} {path}"
            );
            assert!(reply.error().contains("only admins"), "{}", reply.error());
        }
        // Everyone signed in may list portals, to pick one for a code.
        assert_eq!(t.get("/api/portals", &token).await.status, StatusCode::OK);
    }
    assert_eq!(t.get("/api/users", &admin).await.status, StatusCode::OK);
    let none = t.call(Method::GET, "/api/users", None, None).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn portals_are_created_updated_and_deleted() {
    let t = TestRelay::start().await;
    let admin = t.user("root", UserRole::Admin).await;
    let list = t.get("/api/portals", &admin).await;
    let portals = list.body.as_array().unwrap();
    assert_eq!(
        portals.len(),
        1,
        "a default portal exists from the first start"
    );
    assert_eq!(portals[0]["slug"], "default");
    assert_eq!(portals[0]["policy"]["screen_view"], "ask");
    assert_eq!(portals[0]["max_pending_codes"], 8);
    assert_eq!(portals[0]["code_lifetime_secs"], 1200);
    let default_id = portals[0]["id"].as_i64().unwrap();

    let created = t
        .post(
            "/api/portals",
            &admin,
            json!({
                "name": "Shop",
                "slug": "shop",
                "policy": { "remote_control": "off", "diagnostics": "notify" },
                "max_pending_codes": 3,
                "accept_chat_requests": false
            }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let shop = &created.body;
    assert_eq!(shop["policy"]["screen_view"], "ask");
    assert_eq!(shop["policy"]["remote_control"], "off");
    assert_eq!(shop["policy"]["diagnostics"], "notify");
    assert_eq!(shop["code_lifetime_secs"], 1200);
    assert_eq!(shop["accept_chat_requests"], false);
    assert_eq!(shop["page_url"], t.url("/portal/shop"));
    let id = shop["id"].as_i64().unwrap();

    let updated = t
        .call(
            Method::PATCH,
            &format!("/api/portals/{id}"),
            Some(&admin),
            Some(json!({ "name": "The Shop", "policy": { "log_files": "off" } })),
        )
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.body);
    assert_eq!(updated.body["name"], "The Shop");
    assert_eq!(updated.body["slug"], "shop");
    assert_eq!(updated.body["policy"]["log_files"], "off");
    assert_eq!(updated.body["policy"]["remote_control"], "off");
    assert_eq!(
        t.get(&format!("/api/portals/{id}"), &admin).await.body,
        updated.body
    );

    let errors = [
        (
            json!({ "name": "No slug" }),
            StatusCode::BAD_REQUEST,
            "needs a name and a slug",
        ),
        (
            json!({ "name": "Bad", "slug": "Bad Slug" }),
            StatusCode::BAD_REQUEST,
            "slug \"Bad Slug\" is not valid",
        ),
        (
            json!({ "name": "Dup", "slug": "shop" }),
            StatusCode::CONFLICT,
            "already exists",
        ),
        (
            json!({ "name": "P", "slug": "p", "policy": { "screen_view": "maybe" } }),
            StatusCode::BAD_REQUEST,
            "unknown variant `maybe`",
        ),
        (
            json!({ "name": "L", "slug": "l", "code_lifetime_secs": 5 }),
            StatusCode::BAD_REQUEST,
            "code lifetime must be",
        ),
        (
            json!({ "name": "M", "slug": "m", "max_pending_codes": 0 }),
            StatusCode::BAD_REQUEST,
            "pending code limit",
        ),
        (
            json!({ "name": "", "slug": "e" }),
            StatusCode::BAD_REQUEST,
            "name is empty",
        ),
    ];
    for (body, status, message) in errors {
        let reply = t.post("/api/portals", &admin, body.clone()).await;
        assert_eq!(reply.status, status, "{body}: {}", reply.body);
        assert!(reply.error().contains(message), "{body}: {}", reply.error());
    }
    let bad_id = t.get("/api/portals/abc", &admin).await;
    assert_eq!(bad_id.status, StatusCode::BAD_REQUEST);
    let missing = t.get("/api/portals/999", &admin).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    let delete_default = t
        .call(
            Method::DELETE,
            &format!("/api/portals/{default_id}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(delete_default.status, StatusCode::CONFLICT);
    let deleted = t
        .call(
            Method::DELETE,
            &format!("/api/portals/{id}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    assert_eq!(
        t.get("/api/portals", &admin)
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let code = t
        .post("/api/codes", &admin, json!({ "portal": "shop" }))
        .await;
    assert_eq!(
        code.status,
        StatusCode::BAD_REQUEST,
        "deleted portals take no codes"
    );
}

#[tokio::test]
async fn users_are_listed_created_changed_and_disabled() {
    let t = TestRelay::start().await;
    let admin = t.user("root", UserRole::Admin).await;
    let created = t
        .post(
            "/api/users",
            &admin,
            json!({ "name": "erin", "password": "long enough pw", "role": "technician" }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["role"], "technician");
    assert_eq!(created.body["disabled"], false);
    let id = created.body["id"].as_i64().unwrap();
    let erin = t.login_with("erin", "long enough pw").await;
    assert!(!erin.is_empty());

    let errors = [
        (
            json!({ "name": "ERIN", "password": "long enough pw", "role": "lead" }),
            StatusCode::CONFLICT,
            "already exists",
        ),
        (
            json!({ "name": "frank", "password": "short", "role": "lead" }),
            StatusCode::BAD_REQUEST,
            "8 to 1024 characters",
        ),
        (
            json!({ "name": "frank", "password": "long enough pw", "role": "boss" }),
            StatusCode::BAD_REQUEST,
            "unknown variant `boss`",
        ),
        (
            json!({ "name": "frank", "password": "long enough pw" }),
            StatusCode::BAD_REQUEST,
            "missing field `role`",
        ),
    ];
    for (body, status, message) in errors {
        let reply = t.post("/api/users", &admin, body.clone()).await;
        assert_eq!(reply.status, status, "{body}: {}", reply.body);
        assert!(reply.error().contains(message), "{body}: {}", reply.error());
    }

    let promoted = t
        .call(
            Method::PATCH,
            &format!("/api/users/{id}"),
            Some(&admin),
            Some(json!({ "role": "lead" })),
        )
        .await;
    assert_eq!(promoted.status, StatusCode::OK);
    assert_eq!(promoted.body["role"], "lead");
    let disabled = t
        .call(
            Method::PATCH,
            &format!("/api/users/{id}"),
            Some(&admin),
            Some(json!({ "disabled": true })),
        )
        .await;
    assert_eq!(disabled.body["disabled"], true);
    assert_eq!(
        t.get("/api/codes", &erin).await.status,
        StatusCode::UNAUTHORIZED
    );

    let list = t.get("/api/users", &admin).await;
    let names: Vec<&str> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["erin", "root"],
        "the relay's own account is not listed"
    );

    let root_id = t.store().credentials("root").await.unwrap().unwrap().0.id;
    let lockout = [
        (json!({ "disabled": true }), "disable your own account"),
        (json!({ "role": "technician" }), "your own admin role"),
    ];
    for (body, message) in lockout {
        let reply = t
            .call(
                Method::PATCH,
                &format!("/api/users/{root_id}"),
                Some(&admin),
                Some(body),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CONFLICT);
        assert!(reply.error().contains(message), "{}", reply.error());
    }
    let nothing = t
        .call(
            Method::PATCH,
            &format!("/api/users/{id}"),
            Some(&admin),
            Some(json!({})),
        )
        .await;
    assert_eq!(nothing.status, StatusCode::BAD_REQUEST);
    let missing = t
        .call(
            Method::PATCH,
            "/api/users/999",
            Some(&admin),
            Some(json!({ "role": "lead" })),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
