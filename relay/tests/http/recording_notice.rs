//! The portals' recording notice: set by admins only, shown in the portals' views, kept
//! when a portal's other settings change.

use lifeline_relay::store::UserRole;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::TestRelay;

#[tokio::test]
async fn admins_set_a_portals_recording_notice() {
    let t = TestRelay::start().await;
    let admin = t.user("root", UserRole::Admin).await;
    let amy = t.user("amy", UserRole::Technician).await;
    let portal = t.store().default_portal().await.unwrap();
    let path = format!("/api/portals/{}/recording-notice", portal.id);
    let body = json!({"recording_notice": true});
    assert_eq!(
        t.call(Method::PUT, &path, Some(&amy), Some(body.clone()))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let set = t
        .call(Method::PUT, &path, Some(&admin), Some(body.clone()))
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert!(t.store().recording_notice(portal.id).await.unwrap());
    // The portal's view shows it, and changing the portal's other settings keeps it.
    let shown = t.get(&format!("/api/portals/{}", portal.id), &admin).await;
    assert_eq!(shown.body["recording_notice"], true, "{}", shown.body);
    let listed = t.get("/api/portals", &amy).await;
    assert_eq!(listed.body[0]["recording_notice"], true, "{}", listed.body);
    let renamed = t
        .call(
            Method::PATCH,
            &format!("/api/portals/{}", portal.id),
            Some(&admin),
            Some(json!({"name": "Front desk"})),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    assert_eq!(renamed.body["name"], "Front desk");
    assert_eq!(renamed.body["recording_notice"], true);
    let off = t
        .call(
            Method::PUT,
            &path,
            Some(&admin),
            Some(json!({"recording_notice": false})),
        )
        .await;
    assert_eq!(off.status, StatusCode::OK);
    let shown = t.get(&format!("/api/portals/{}", portal.id), &admin).await;
    assert_eq!(shown.body["recording_notice"], false);
    let missing = t
        .call(
            Method::PUT,
            "/api/portals/999/recording-notice",
            Some(&admin),
            Some(body),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
